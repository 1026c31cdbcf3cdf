"""Actions run at the same moment by separate OS processes, each with its own store on one
PostgreSQL database: what two app servers do when two people act at once (issue 20)."""

from __future__ import annotations

import multiprocessing
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from typing import Any

from dashboard.domain.errors import UserError
from dashboard.store.db import open_store

# One process's action: a module-level function (the child imports it by name) given the
# child's own store and the arguments.
Action = tuple[Callable[..., object], tuple[Any, ...]]


@dataclass(frozen=True)
class Outcome:
    """What an action gave: its result, or the kind and text of the error it raised."""

    result: object = None
    error: str | None = None  # the exception's class name
    message: str = ""
    refused: bool = False  # the error is a UserError: a clear refusal for the user


def _run(url: str, action: Action, start: Barrier, results: Any, index: int) -> None:
    function, args = action
    store = open_store(url)
    try:
        start.wait(120)
        try:
            outcome = Outcome(result=function(store, *args))
        except Exception as exc:  # the outcome is what the test compares
            refused = isinstance(exc, UserError)
            outcome = Outcome(error=type(exc).__name__, message=str(exc), refused=refused)
        results.put((index, outcome))
    finally:
        store.close()


@contextmanager
def _plain_main() -> Iterator[None]:
    """A spawned child runs the parent's __main__ again; after a page test in this worker
    that is the Streamlit app. The actions need nothing from it."""
    kept = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = kept


def race_processes(url: str, *actions: Action, timeout: float = 180) -> list[Outcome]:
    """Run each action in its own process on the database at `url`, released together
    once every process has opened its store; the outcomes in the order given."""
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(len(actions))
    results = spawn.Queue()
    with _plain_main():
        processes = [
            spawn.Process(target=_run, args=(url, action, start, results, index))
            for index, action in enumerate(actions)
        ]
        for process in processes:
            process.start()
    found = dict(results.get(timeout=timeout) for _ in actions)
    for process in processes:
        process.join(60)
        assert process.exitcode == 0, f"a process failed (exit code {process.exitcode})"
    return [found[index] for index in range(len(actions))]

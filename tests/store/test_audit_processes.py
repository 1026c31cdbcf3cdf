"""The audit log under two app servers: two real OS processes append audited events to one
PostgreSQL database at the same moment, and the chain stays one line, numbered without a
gap or a repeat, each event following the one before (issue 20). A write's events wait
unnumbered and are chained right after its commit (store/audit.py: seal), so the writers
never collide on the chain's next number: both write without pausing, and neither starves
(numbered by `max(seq) + 1` in the write itself, one wrote all its events before the
other got one in)."""

from __future__ import annotations

import itertools
import multiprocessing
import sys
import types
from functools import partial
from multiprocessing.synchronize import Barrier

import pytest

from dashboard.store import audit
from dashboard.store.db import open_store
from dashboard.store.unit import Unit

pytestmark = pytest.mark.postgres

EVENTS_EACH = 40


def _append_one(cur: Unit, writer: str, number: int) -> None:
    audit.append(cur, writer, "test.write", "test", number)


def _append_events(url: str, writer: str, start: Barrier) -> None:
    """One app server: open the database, wait for the other, then write events one by one."""
    store = open_store(url)
    try:
        start.wait(60)
        for number in range(EVENTS_EACH):
            store.write(partial(_append_one, writer=writer, number=number))
    finally:
        store.close()


def test_two_processes_writing_audited_events_keep_one_unbroken_chain(
    postgres_store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spawned child runs the parent's __main__ again; after a page test in this worker
    # that is the Streamlit app. The writers need nothing from it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(2)  # both write only once both are connected
    writers = [
        spawn.Process(target=_append_events, args=(postgres_store_url, name, start))
        for name in ("server-a", "server-b")
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0, f"a writer failed (exit code {process.exitcode})"

    store = open_store(postgres_store_url)
    try:
        with store.read() as cur:
            chain = audit.events(cur)
    finally:
        store.close()
    written = [e for e in chain if e.action == "test.write"]
    assert len(written) == 2 * EVENTS_EACH
    assert {e.actor for e in written} == {"server-a", "server-b"}
    # Interleaved, not one after the other: the two really wrote at the same time.
    actors = [e.actor for e in written]
    assert sum(a != b for a, b in itertools.pairwise(actors)) > 1
    for writer in ("server-a", "server-b"):  # each writer's events in the order it wrote them
        assert [e.entity_id for e in written if e.actor == writer] == [
            str(n) for n in range(EVENTS_EACH)
        ]
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))  # no gap, no repeat
    assert audit.verify_chain(chain) == []  # each follows the one before: no fork

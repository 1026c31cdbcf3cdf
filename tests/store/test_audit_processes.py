"""The audit log under two app servers: two real OS processes append audited events to one
PostgreSQL database at the same moment, and the chain stays one line, numbered without a
gap or a repeat, each event following the one before (issue 20). Each event takes the next
number after the newest it sees (`max(seq) + 1`); two writers that take the same one
collide on the key, and the store retries the loser with the chain as it now is."""

from __future__ import annotations

import itertools
import multiprocessing
import time
from functools import partial
from multiprocessing.synchronize import Barrier

import pytest

from dashboard.domain.models import AuditEvent
from dashboard.store import audit
from dashboard.store.db import open_store
from dashboard.store.unit import Unit

pytestmark = pytest.mark.postgres

EVENTS_EACH = 40
PAUSE_S = 0.005


def _append_one(cur: Unit, writer: str, number: int) -> AuditEvent:
    return audit.append(cur, writer, "test.write", "test", number)


def _append_events(url: str, writer: str, start: Barrier) -> None:
    """One app server: open the database, wait for the other, then write events one by one."""
    store = open_store(url)
    try:
        start.wait(60)
        for number in range(EVENTS_EACH):
            store.write(partial(_append_one, writer=writer, number=number))
            time.sleep(PAUSE_S)  # a server does other work between two requests
    finally:
        store.close()


def test_two_processes_writing_audited_events_keep_one_unbroken_chain(
    postgres_store_url: str,
) -> None:
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
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))  # no gap, no repeat
    assert audit.verify_chain(chain) == []  # each follows the one before: no fork

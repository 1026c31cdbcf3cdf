"""Crash safety: a process killed with SIGKILL in the middle of a large write (an import
of the finance export, the demo generator's bulk load) leaves a database that opens at
the current schema version, holds the import completely or not at all, whose ledger
totals agree between the SQL and the ledger's rules, and whose audit chain verifies.

Draws: tests/store/test_draw_crash_safety.py (with these helpers).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.spending_import import import_spending
from dashboard.store import audit
from dashboard.store import monitor as figures
from dashboard.store.db import Store, open_store
from dashboard.store.migrations import applied_versions, available_migrations
from dashboard.store.rows import first_row
from tests.database_state import fingerprint
from tests.funded import ORGANISER, TODAY, funded_project

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ROWS = 50_000  # the import's limit: about two seconds of work
# A child that kills itself right after the audit event named in its argument `kill_at`
# (the last write of a step, before its commit): every row written, none committed.
DIE_AFTER_EVENT = """
import os
import signal

from dashboard.store import audit

_append = audit.append


def _append_then_die(cur, actor, action, *rest, **named):
    event = _append(cur, actor, action, *rest, **named)
    if action == kill_at:
        print("killed after", action, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    return event


audit.append = _append_then_die
"""
CHILD = (
    """
import sys
from datetime import date
from pathlib import Path

from dashboard.domain.auth import Caller, Role
from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.spending_import import import_spending
from dashboard.store.db import open_store

kill_at = sys.argv[3]
"""
    + DIE_AFTER_EVENT
    + """
store = open_store(sys.argv[1])
data = Path(sys.argv[2]).read_bytes()
print("ready", flush=True)
result = import_spending(
    store, Caller("organisator", Role.ORGANISER, None), "groot.csv", data, date(2026, 11, 23)
)
print("done", result.booked, result.problems[:1], flush=True)
store.close()  # a checkpoint: the last trial is killed while it runs
print("closed", flush=True)
"""
)


def export_file(folder: Path, trial: str, project_ref: str) -> Path:
    lines = [f"K-{trial}-{i};2026-03-01;1,25;Regel {i};{project_ref}" for i in range(ROWS)]
    path = folder / f"export-{trial}.csv"
    path.write_text("kenmerk;datum;bedrag;omschrijving;project\n" + "\n".join(lines) + "\n")
    return path


def run_and_kill(
    database: Path | str,
    export: Path | str,
    wait_for: str,
    delay: float,
    script: str = CHILD,
    args: tuple[str, ...] = (),
) -> list[str]:
    """Start `script` (the import) in a child process; SIGKILL it `delay` s after it
    printed `wait_for` (a child may also kill itself). Returns what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(database), str(export), *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    said = []
    try:
        for line in child.stdout:
            said.append(line.strip())
            if line.startswith(wait_for):
                time.sleep(delay)
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL or said[-1:] == ["closed"], said
    return said


def batch_rows(store: Store, export: Path) -> int:
    batch = hashlib.sha256(export.read_bytes()).hexdigest()[:16]  # the import's batch
    with store.read() as cur:
        row = first_row(
            cur, "SELECT count(*) FROM spending_transaction WHERE import_batch = ?", [batch]
        )
    return int(row[0]) if row else 0


def assert_sound(store: Store) -> list[audit.AuditEvent]:
    """A reopened database: current schema, every table reads to the end, the audit
    chain verifies. Returns the audit events."""
    with store.read() as cur:
        assert applied_versions(cur) == {n for n, _ in available_migrations()}
        events = audit.events(cur)
    assert audit.verify_chain(events) == []
    fingerprint(store)
    return events


def assert_consistent(database: Path | str, export: Path) -> int:
    """Open the killed database and check it; the number of rows of the import."""
    store = open_store(database)  # DuckDB replays its write-ahead log
    try:
        events = assert_sound(store)
        with store.read() as cur:
            money = figures.year_money(cur, 2026)
        booked = batch_rows(store, export)
        assert booked in (0, ROWS), f"half an import: {booked} of {ROWS} rows"
        batch = hashlib.sha256(export.read_bytes()).hexdigest()[:16]
        imports = [e for e in events if e.action == "spending.import" and e.entity_id == batch]
        assert len(imports) == (1 if booked else 0)
        # The ledger's rules and the monitor's SQL still give the same totals.
        totals = load_books_for(store, 1).year_totals(1, 2026)
        assert (money[1].allocated, money[1].spent) == (totals.allocated, totals.spent)
        assert totals.spent <= totals.allocated
        return booked
    finally:
        store.close()


def test_a_killed_import_leaves_all_or_nothing_and_a_sound_database(
    demo_location: str, tmp_path: Path
) -> None:
    """On both backends: on PostgreSQL the killed process's connection drops and the
    server rolls its transaction back (issue 20: a replica killed during a booking)."""
    store = open_store(demo_location)
    project_ref = funded_project(store, "1.000.000", "900.000", "Groot project").external_ref
    store.close()
    outcomes = []
    trials = [("ready", 0.1, "-"), ("ready", 0.5, "-"), ("never", 0.0, "spending.import"),
              ("done", 0.0, "-")]  # fmt: skip
    for trial, (wait_for, delay, kill_at) in enumerate(trials):
        export = export_file(tmp_path, str(trial), project_ref)
        said = run_and_kill(demo_location, export, wait_for, delay, args=(kill_at,))
        booked = assert_consistent(demo_location, export)
        if any(line.startswith("done") for line in said):
            assert booked == ROWS  # committed before the kill: it must survive it
        outcomes.append(booked)
    # Killed from outside while it ran: nothing, or (on a fast machine the import may
    # have committed just before the kill landed) all of it. From inside with every row
    # written but not committed: nothing.
    assert outcomes[0] in (0, ROWS) and outcomes[1] in (0, ROWS)
    assert outcomes[2:] == [0, ROWS]
    # After the crash the same file imports normally, once.
    store = open_store(demo_location)
    try:
        again = import_spending(store, ORGANISER, "x.csv",
                                     export_file(tmp_path, "2", project_ref).read_bytes(),
                                     TODAY)  # fmt: skip
        assert again.ok and again.booked == ROWS
    finally:
        store.close()


def test_a_killed_bulk_load_leaves_the_old_database_as_it_was(demo_db: Path) -> None:
    """The demo generator bulk-loads into a temporary file and moves it into place only
    when complete: killed halfway, the database it was to replace is untouched."""
    store = open_store(demo_db)
    before = fingerprint(store)
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "data.generate", "--residents", "20000", "--seed", "3",
         "--today", "2026-11-23", "--out", str(demo_db), "--force"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    partial: list[Path] = []
    deadline = time.monotonic() + 60
    while not partial and time.monotonic() < deadline and child.poll() is None:
        partial = [p for p in demo_db.parent.iterdir() if p.name.endswith(".partial")]
        time.sleep(0.05)
    time.sleep(0.5)  # well into the bulk load
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert partial and child.returncode == -signal.SIGKILL, "the load ended before the kill"
    store = open_store(demo_db)
    try:
        assert fingerprint(store) == before
    finally:
        store.close()


def _copying(url: str) -> bool:
    """Another session of the database at `url` is running a COPY into it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        row = con.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND query LIKE 'COPY %' AND state = 'active'"
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.postgres
def test_a_bulk_load_into_postgresql_killed_during_its_copy_leaves_it_empty(
    postgres_database: str,
) -> None:
    """The demo generator copies into PostgreSQL in one transaction: killed in the middle
    of a COPY, the database holds no row, and the load then runs again as on a new one."""
    store = open_store(postgres_database)  # migrated: the schema is there, no data
    before = fingerprint(store)
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "data.generate", "--residents", "20000", "--seed", "3",
         "--today", "2026-11-23", "--out", postgres_database],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None and not _copying(postgres_database):
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, "the load ended before the kill"
    store = open_store(postgres_database)
    try:
        assert fingerprint(store) == before
    finally:
        store.close()
    done = subprocess.run(
        [sys.executable, "-m", "data.generate", "--residents", "2000", "--seed", "3",
         "--today", "2026-11-23", "--out", postgres_database],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    store = open_store(postgres_database)
    try:
        assert assert_sound(store)  # the load's audit event, in a chain that verifies
    finally:
        store.close()

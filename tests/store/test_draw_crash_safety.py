"""Crash safety of the draw workspace: a process killed with SIGKILL in the middle of a
large register import into a draw, and in the middle of each draw step that writes (the
invitation lottery, the preparation of the selection, the ceremony's reveal), leaves a
database that opens at the current schema, holds the step completely or not at all, and
whose audit chain verifies; the draw then goes on (the step retried, or refused as done
once it committed, and the next step works).

Two ways to kill: from outside at a moment during the register import (150,000 new
residents, about a second and a half of writing), and from inside, the child killing
itself right after the step's audit event, the last write before the commit, so every
row of the step has been written and none committed. A kill right after the commit
(before the database was closed) must keep the whole step (DuckDB's write-ahead log).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pytest

from dashboard.domain.errors import UserError
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import selection as draw_selection
from dashboard.store import audit
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store, open_store
from dashboard.store.register_import import register_as_extract
from tests.backends import with_store
from tests.database_state import changed_tables, count, fingerprint
from tests.services.test_draws import (
    ORGANISER,
    checked,
    extract_bytes,
    imported,
    new_draw,
    register_yes,
)
from tests.services.test_draws_public import ready_for_selection
from tests.store.test_crash_safety import DIE_AFTER_EVENT, assert_sound, run_and_kill

pytestmark = pytest.mark.slow

BIG_REGISTER = 150_000
LETTERS = 40
CEREMONY = ("4", "2", "6", "1887")
CHILD = (
    """
import os
import signal
import sys
from pathlib import Path

from dashboard.files import register_extract as rx
from dashboard.domain.auth import Caller, Role
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import selection as draw_selection
from dashboard.store.db import open_store

database, extract, step, draw_id, kill_at, letters, *ceremony = sys.argv[1:]
draw_id, letters = int(draw_id), int(letters)
organiser = Caller("org", Role.ORGANISER, frozenset({1}))
"""
    + DIE_AFTER_EVENT
    + """
store = open_store(database)
if step == "register":
    upload = rx.read_upload(Path(extract).read_bytes(), "brp.csv")
    check = draw_register.check_register(
        store, organiser, draw_id, upload, rx.guess_mapping(upload.columns)
    )
    print("ready", flush=True)
    draw_register.import_register(store, organiser, draw_id, check, False)
elif step == "invitations":
    print("ready", flush=True)
    draw_invitations.draw_invitations(store, organiser, draw_id, letters)
elif step == "prepare":
    print("ready", flush=True)
    draw_selection.prepare_selection(store, organiser, draw_id)
elif step == "reveal":
    print("ready", flush=True)
    draw_selection.reveal_draw(store, organiser, draw_id, ceremony)
print("done", flush=True)
if kill_at == "commit":  # committed, the database not yet closed (no checkpoint)
    os.kill(os.getpid(), signal.SIGKILL)
store.close()
print("closed", flush=True)
"""
)


def crash_step(
    database: str,
    step: str,
    draw_id: int,
    kill_at: str,
    delay: float = 0.0,
    extract: Path | None = None,
) -> bool:
    """Run one step in a child and kill it (from outside `delay` s after it is ready, or
    itself at `kill_at`). Checks the reopened database: sound, and unchanged unless the
    step committed. Returns whether it committed (a kill from outside can land after the
    commit, before the child says so: the step's audit event tells)."""
    store = open_store(database)
    before = fingerprint(store)
    steps_before = _steps(assert_sound(store), step, draw_id)
    store.close()
    wait_for = "ready" if delay else "never"  # "never": read until the child dies
    said = run_and_kill(
        database,
        extract or database,
        wait_for,
        delay,
        CHILD,
        (step, str(draw_id), kill_at, str(LETTERS), *CEREMONY),
    )
    if kill_at.startswith("draw."):
        assert said[-1] == f"killed after {kill_at}", said  # inside the step's transaction
    store = open_store(database)
    try:
        events = assert_sound(store)
        committed = "done" in said or _steps(events, step, draw_id) > steps_before
        if not committed:
            assert fingerprint(store) == before, (step, kill_at, said, changed_tables(
                before, fingerprint(store)))  # fmt: skip
        else:
            assert f"draw.{step}" in {e.action for e in events if e.entity_id == str(draw_id)}
    finally:
        store.close()
    return committed


def _steps(events: list[audit.AuditEvent], step: str, draw_id: int) -> int:
    return sum(1 for e in events if e.action == f"draw.{step}" and e.entity_id == str(draw_id))


T = TypeVar("T")


def big_extract(store: Store, folder: Path) -> Path:
    """Neighbourhood 1's register, repeated with new person and household numbers until
    it has BIG_REGISTER rows: nearly all of them new residents, households and contacts."""
    with store.read() as cur:
        frame = register_as_extract(cur, [1])
    copies = []
    for k in range(BIG_REGISTER // len(frame) + 1):
        copy = frame.copy()
        copy["persoonsnummer"] += 10_000_000 * k
        copy["huishoudnummer"] += 10_000_000 * k
        copies.append(copy)
    path = folder / "groot-uittreksel.csv"
    pd.concat(copies).head(BIG_REGISTER).to_csv(path, index=False, sep=";")
    return path


def test_a_killed_register_import_stores_all_or_nothing_and_the_draw_goes_on(
    demo_location: str, tmp_path: Path
) -> None:
    """On both backends (issue 20: on PostgreSQL the killed process's connection drops
    and the server rolls its transaction back), as the other steps below."""
    store = open_store(demo_location)
    draw_id = new_draw(store)
    extract = big_extract(store, tmp_path)
    residents = count(store, "SELECT count(*) FROM resident")
    store.close()
    # From outside, while it writes; on a fast machine the import can be done by then
    # (all of it stored, which is as good: the step committed).
    committed = False
    for delay in (0.1, 0.3):
        committed = crash_step(
            demo_location, "register", draw_id, "-", delay=delay, extract=extract
        )
        if committed:
            break
    if not committed:
        assert not crash_step(demo_location, "register", draw_id, "draw.register", extract=extract)
        assert crash_step(demo_location, "register", draw_id, "commit", extract=extract)

    store = open_store(demo_location)
    try:
        assert count(store, "SELECT count(*) FROM draw_register WHERE draw_id = ?",
                     [draw_id]) == BIG_REGISTER  # fmt: skip
        added = count(store, "SELECT count(*) FROM resident") - residents
        assert added == count(store, "SELECT residents_new FROM register_import "
                                     "WHERE draw_id = ?", [draw_id]) > 140_000  # fmt: skip
        assert count(store, "SELECT count(*) FROM resident r WHERE NOT EXISTS (SELECT 1 FROM "
                            "resident_contact c WHERE c.resident_id = r.id)") == 0  # fmt: skip
        # The same file again stores nothing new; the draw goes on to its lottery.
        check = checked(store, draw_id, extract.read_bytes())
        assert draw_register.import_register(
            store, ORGANISER, draw_id, check, False
        ).already_imported
        assert draw_invitations.draw_invitations(store, ORGANISER, draw_id, LETTERS) == LETTERS
    finally:
        store.close()


def test_a_killed_register_import_is_retried_in_the_same_draw(
    demo_location: str, tmp_path: Path
) -> None:
    """Killed before its commit, the import is simply done again."""
    store = open_store(demo_location)
    draw_id = new_draw(store)
    data = extract_bytes(store, [1])
    store.close()
    extract = tmp_path / "wijk1.csv"
    extract.write_bytes(data)
    assert not crash_step(demo_location, "register", draw_id, "draw.register", extract=extract)

    def again(store: Store) -> int:
        result = draw_register.import_register(
            store, ORGANISER, draw_id, checked(store, draw_id, data), False
        )
        assert not result.already_imported
        return count(store, "SELECT count(*) FROM draw_register WHERE draw_id = ?", [draw_id])

    assert with_store(demo_location, again) == data.count(b"\n") - 1


def test_a_killed_invitation_lottery_draws_all_letters_or_none(demo_location: str) -> None:
    store = open_store(demo_location)
    draw_id = imported(store)
    store.close()
    assert not crash_step(demo_location, "invitations", draw_id, "draw.invitations")
    assert crash_step(demo_location, "invitations", draw_id, "commit")

    store = open_store(demo_location)
    try:
        with store.read() as cur:
            letters = draw_rows.invitations(cur, draw_id)
            stage = draw_rows.draw(cur, draw_id)
        assert len(letters) == LETTERS and len({i.household_id for i in letters}) == LETTERS
        assert stage is not None and stage.stage == "registration"
        with pytest.raises(UserError, match="al geloot"):
            draw_invitations.draw_invitations(store, ORGANISER, draw_id, LETTERS)
        assert len(register_yes(store, draw_id, 5)) == 5  # the draw goes on
    finally:
        store.close()


def test_a_killed_lottery_is_drawn_again_with_the_same_plan(demo_db: Path) -> None:
    """Killed before its commit, the lottery draws the same households when retried:
    its seed was fixed when the draw was created (a copy of the database made before the
    crash draws them too)."""
    store = open_store(demo_db)
    draw_id = imported(store)
    store.close()
    twin = demo_db.parent / "tweeling.duckdb"
    shutil.copy(demo_db, twin)

    def lottery(store: Store) -> list[int]:
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, LETTERS)
        with store.read() as cur:
            return sorted(i.household_id for i in draw_rows.invitations(cur, draw_id))

    planned = with_store(twin, lottery)
    assert not crash_step(str(demo_db), "invitations", draw_id, "draw.invitations")
    assert with_store(demo_db, lottery) == planned and len(planned) == LETTERS


def test_a_killed_preparation_and_ceremony_keep_the_selection_whole(
    demo_location: str,
) -> None:
    store = open_store(demo_location)
    draw_id = ready_for_selection(store)
    volunteers = count(store, "SELECT count(*) FROM response r JOIN invitation i ON "
                              "i.id = r.invitation_id WHERE i.draw_id = ? AND r.outcome = 'ja'",
                       [draw_id])  # fmt: skip
    store.close()

    assert not crash_step(demo_location, "prepare", draw_id, "draw.prepare")
    assert crash_step(demo_location, "prepare", draw_id, "commit")
    store = open_store(demo_location)
    try:
        with store.read() as cur:
            prepared = draw_rows.draw(cur, draw_id)
        assert prepared is not None and prepared.commitment and prepared.status == "committed"
        assert count(store, "SELECT count(*) FROM selection_probability WHERE draw_id = ?",
                     [draw_id]) == volunteers  # fmt: skip
        with pytest.raises(UserError, match="al voorbereid"):
            draw_selection.prepare_selection(store, ORGANISER, draw_id)
    finally:
        store.close()

    assert not crash_step(demo_location, "reveal", draw_id, "draw.reveal")
    assert count_members(demo_location, draw_id) == 0
    assert crash_step(demo_location, "reveal", draw_id, "commit")
    store = open_store(demo_location)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
        assert (members["status"] == "selected").sum() == 11
        assert (members["status"] == "reserve").sum() == volunteers - 11
        with pytest.raises(UserError, match="al gedaan"):
            draw_selection.reveal_draw(store, ORGANISER, draw_id, list(CEREMONY))
        assert draw_selection.verify_draw(store, ORGANISER, draw_id) == []
        # The draw goes on: a member drawn at the ceremony confirms.
        first = int(members.loc[members["status"] == "selected", "member_id"].iloc[0])
        draw_members.confirm_member(store, ORGANISER, first)
    finally:
        store.close()


def count_members(database: Path | str, draw_id: int) -> int:
    return with_store(
        database,
        lambda s: count(s, "SELECT count(*) FROM panel_member WHERE draw_id = ?", [draw_id]),
    )

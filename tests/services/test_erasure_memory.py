"""Contact data erased on request stays erased: a later register extract brings the
name and address along again, and the import skips them (and says so); the lottery
leaves those residents out. What is remembered is the person number and a date only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dashboard.domain.auth import SYSTEM, Caller, Role
from dashboard.files import register_extract as rx
from dashboard.services import privacy
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import workspace as draws
from dashboard.store import audit, council
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from dashboard.store.rows import first_row
from sortition import clock


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ORGANISER = Caller("org", Role.ORGANISER, frozenset({1}))


def scalar(store: Store, sql: str, params: list[object]) -> object:
    with store.read() as cur:
        row = first_row(cur, sql, params)
    assert row is not None
    return row[0]


def test_an_erasure_survives_the_next_register_import(store: Store) -> None:
    with store.read() as cur:
        extract = register_as_extract(cur, [1])
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
    erased = [int(i) for i in extract["persoonsnummer"].iloc[[3, 10]]]
    data = extract.to_csv(index=False, sep=";").encode()  # made before the erasure
    for resident_id in erased:
        privacy.erase_contact(store, ORGANISER, resident_id, "ZAAK-1")
    draw_id = draws.start_draw(
        store, ORGANISER,
        draws.DrawRequest("two_stage", clock.today() + timedelta(days=60), council_id),
    )  # fmt: skip
    upload = rx.read_upload(data, "brp.csv")
    check = draw_register.check_register(
        store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
    )
    result = draw_register.import_register(store, ORGANISER, draw_id, check, False)

    assert result.stored.contacts_skipped == 2
    for resident_id in erased:  # in the draw's register, without a name or address
        assert scalar(store, "SELECT count(*) FROM resident_contact WHERE resident_id = ?",
                      [resident_id]) == 0  # fmt: skip
        assert scalar(store, "SELECT count(*) FROM draw_register WHERE resident_id = ? AND "
                      "draw_id = ?", [resident_id, draw_id]) == 1  # fmt: skip
    with store.read() as cur:
        [event] = [e for e in audit.events(cur) if e.action == "draw.register"]
        columns = [
            r[0]
            for r in cur.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'contact_erasure' ORDER BY ordinal_position"
            ).fetchall()
        ]
    assert json.loads(event.payload_json)["contacts_skipped"] == 2
    assert columns == ["resident_id", "erased_on"]
    # Nobody without an address gets a letter.
    room = draw_invitations.lottery_room(store, ORGANISER, draw_id)
    assert room.erased == 2
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, room.households)
    assert scalar(store, "SELECT count(*) FROM invitation WHERE draw_id = ? AND resident_id "
                  "IN (SELECT unnest(?))", [draw_id, erased]) == 0  # fmt: skip


def test_an_erasure_is_remembered_even_when_retention_already_deleted_the_data(
    store: Store,
) -> None:
    with store.read() as cur:
        resident_id = int(register_as_extract(cur, [1])["persoonsnummer"].iloc[0])
    with store.transaction() as cur:
        cur.execute("DELETE FROM resident_contact WHERE resident_id = ?", [resident_id])
    privacy.erase_contact(store, SYSTEM, resident_id, "ZAAK-2")
    assert scalar(store, "SELECT count(*) FROM contact_erasure WHERE resident_id = ?",
                  [resident_id]) == 1  # fmt: skip
    with pytest.raises(privacy.PrivacyError, match="geen contactgegevens"):
        privacy.erase_contact(store, SYSTEM, resident_id, "ZAAK-2")

"""Retention and erasure of residents' contact data, and who may see it."""

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.services import privacy
from dashboard.store import audit
from dashboard.store.db import Store, open_store
from tests.conftest import DEMO_TODAY
from tests.database_state import count

ADMIN = Caller("beheer", Role.ADMINISTRATOR, None)


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    opened = open_store(demo_db)
    yield opened
    opened.close()


def scalar(store: Store, sql: str, params: list[object] | None = None) -> object:
    with store.read() as cur:
        return cur.execute(sql, params or []).fetchall()[0][0]


NOT_SELECTED = """
    SELECT count(*) FROM resident_contact c
    WHERE c.resident_id IN (SELECT resident_id FROM invitation)
    AND c.resident_id NOT IN (SELECT resident_id FROM seat WHERE resident_id IS NOT NULL)
"""
SITTING = """
    SELECT count(*) FROM resident_contact c WHERE c.resident_id IN (
        SELECT resident_id FROM seat WHERE resident_id IS NOT NULL
        AND (ends_on IS NULL OR ends_on >= ?))
"""
NEVER_INVITED = """
    SELECT count(*) FROM resident_contact
    WHERE resident_id NOT IN (SELECT resident_id FROM invitation)
"""


def test_retention_deletes_the_invited_who_were_not_selected(store: Store) -> None:
    sitting = count(store, SITTING, [DEMO_TODAY])
    never = scalar(store, NEVER_INVITED)
    assert count(store, NOT_SELECTED) > 0 and sitting > 0
    dry = privacy.apply_retention(store, SYSTEM, days=0, today=DEMO_TODAY, dry_run=True)
    assert dry.scheduled > 0 and count(store, NOT_SELECTED) > 0  # a dry run changes nothing

    report = privacy.apply_retention(store, SYSTEM, days=0, today=DEMO_TODAY)

    assert report.deleted == dry.scheduled
    assert scalar(store, NOT_SELECTED) == 0
    assert scalar(store, SITTING, [DEMO_TODAY]) == sitting  # council members keep theirs
    assert scalar(store, NEVER_INVITED) == never  # the register itself is not touched
    with store.read() as cur:
        [event] = [e for e in audit.events(cur) if e.action == "privacy.retention"]
        assert audit.verify_chain(audit.events(cur)) == []
    assert f'"deleted": {report.deleted}' in event.payload_json


LAST_DRAW_NOT_SELECTED = """
    SELECT count(*) FROM resident_contact WHERE resident_id IN (
        SELECT resident_id FROM invitation WHERE draw_id = (
            SELECT id FROM draw ORDER BY completed_at DESC LIMIT 1))
    AND resident_id NOT IN (SELECT resident_id FROM seat WHERE resident_id IS NOT NULL)
"""


def test_retention_waits_the_configured_days(store: Store) -> None:
    last_draw = scalar(store, "SELECT max(CAST(completed_at AS DATE)) FROM draw")
    assert isinstance(last_draw, date)
    before = count(store, LAST_DRAW_NOT_SELECTED)
    privacy.apply_retention(store, ADMIN, days=30, today=last_draw + timedelta(days=29))
    assert scalar(store, LAST_DRAW_NOT_SELECTED) == before > 0
    privacy.apply_retention(store, ADMIN, days=30, today=last_draw + timedelta(days=30))
    assert scalar(store, LAST_DRAW_NOT_SELECTED) == 0
    # Contact data of people still needed has no delete-after date.
    assert scalar(store, SITTING + " AND c.delete_after IS NOT NULL", [last_draw]) == 0


def test_a_running_draw_keeps_its_invited(store: Store) -> None:
    with store.transaction() as cur:
        cur.execute("UPDATE draw SET status = 'open' WHERE id = (SELECT max(id) FROM draw)")
        kept = cur.execute(
            "SELECT count(*) FROM invitation WHERE draw_id = (SELECT max(id) FROM draw)"
        ).fetchall()[0][0]
    privacy.apply_retention(store, SYSTEM, days=0, today=DEMO_TODAY)
    left = scalar(
        store,
        "SELECT count(*) FROM resident_contact WHERE resident_id IN "
        "(SELECT resident_id FROM invitation WHERE draw_id = (SELECT max(id) FROM draw))",
    )
    assert kept > 0 and left == kept


@pytest.mark.parametrize("caller", [PUBLIC, Caller("o", Role.ORGANISER, None)])
def test_only_administrators_run_the_retention_job(store: Store, caller: Caller) -> None:
    with pytest.raises(PermissionDenied):
        privacy.apply_retention(store, caller, days=0, today=DEMO_TODAY)


def test_bad_retention_days_are_refused(store: Store) -> None:
    with pytest.raises(privacy.PrivacyError):
        privacy.apply_retention(store, SYSTEM, days=-1)


def a_resident(store: Store, neighbourhood_id: int) -> tuple[int, str, str, str]:
    with store.read() as cur:
        return cur.execute(
            "SELECT r.id, c.first_name || ' ' || c.last_name, c.postcode, c.house_number "
            "FROM resident r JOIN resident_contact c ON c.resident_id = r.id "
            "WHERE r.neighbourhood_id = ? ORDER BY r.id LIMIT 1",
            [neighbourhood_id],
        ).fetchall()[0]


def test_an_organiser_erases_a_residents_contact_data_on_request(store: Store) -> None:
    resident_id, name, postcode, number = a_resident(store, 1)
    organiser = Caller("wijkorganisator", Role.ORGANISER, frozenset({1}))
    found = privacy.find_residents(store, organiser, postcode.lower().replace(" ", ""), number)
    assert resident_id in [m.resident_id for m in found]

    privacy.erase_contact(store, organiser, resident_id, "ZAAK-2026/17")

    assert (
        scalar(store, "SELECT count(*) FROM resident_contact WHERE resident_id = ?", [resident_id])
        == 0
    )
    assert scalar(store, "SELECT count(*) FROM resident WHERE id = ?", [resident_id]) == 1
    with store.read() as cur:
        events = audit.events(cur)
    [event] = [e for e in events if e.action == "privacy.erase"]
    assert event.actor == "wijkorganisator" and event.entity_id is None
    assert "ZAAK-2026/17" in event.payload_json
    assert set(json.loads(event.payload_json)) == {"neighbourhood_id", "reference"}
    for secret in [name, *name.split(), postcode]:
        assert secret not in event.payload_json
    with pytest.raises(privacy.PrivacyError, match="geen contactgegevens"):
        privacy.erase_contact(store, organiser, resident_id)


@pytest.mark.parametrize(
    "caller",
    [
        PUBLIC,
        Caller("w", Role.ALDERMAN, None),
        ADMIN,
        Caller("elders", Role.ORGANISER, frozenset({2})),
    ],
)
def test_others_may_neither_erase_nor_look_up(store: Store, caller: Caller) -> None:
    resident_id, _, postcode, number = a_resident(store, 1)
    with pytest.raises(PermissionDenied):
        privacy.erase_contact(store, caller, resident_id)
    if caller.role is Role.ORGANISER:
        assert privacy.find_residents(store, caller, postcode, number) == []
    else:
        with pytest.raises(PermissionDenied):
            privacy.find_residents(store, caller, postcode, number)
    assert (
        scalar(store, "SELECT count(*) FROM resident_contact WHERE resident_id = ?", [resident_id])
        == 1
    )


def test_a_reference_that_looks_like_a_name_is_refused(store: Store) -> None:
    resident_id, name, _, _ = a_resident(store, 1)
    with pytest.raises(privacy.PrivacyError, match="nooit een naam"):
        privacy.erase_contact(store, SYSTEM, resident_id, name)

"""Step 8 after the public draw (dashboard/services/draws/after_draw.py): letters to the
members, the reserves and the volunteers not drawn, and the council's contact list. The
right people in each group, an audit event for every file made and every showing (counts,
never names), organisers of other neighbourhoods refused with nothing logged, erased
contact data never shown, and bad input changing nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.services import privacy
from dashboard.services.draws import after_draw
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws.invitations import LetterDetails
from dashboard.store import audit
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from sortition import clock
from tests.conftest import DEMO_TODAY
from tests.services.test_draws_public import ORGANISER, ready_for_selection, revealed


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


EVERYWHERE = Caller("organisator", Role.ORGANISER, None)
NEIGHBOUR = Caller("buurman", Role.ORGANISER, frozenset({2}))


def details() -> LetterDetails:
    return LetterDetails(clock.today() + timedelta(days=14), "14 050", "wijkraad@wijkdam.nl",
                         "Team Wijkraad")  # fmt: skip


def logged(store: Store, *actions: str) -> list[audit.AuditEvent]:
    with store.read() as cur:
        return [e for e in audit.events(cur) if e.action in actions]


def names(store: Store, draw_id: int, *statuses: str) -> list[str]:
    members = draw_members.members_view(store, ORGANISER, draw_id).members
    return sorted(members.loc[members["status"].isin(statuses), "name"])


def merged_names(letters: after_draw.AfterDrawLetters) -> list[str]:
    merge = letters.mail_merge
    return sorted(f"{a} {b}" for a, b in zip(merge["voornaam"], merge["achternaam"], strict=True))


def test_each_letter_goes_to_the_right_people_and_is_logged(store: Store) -> None:
    draw_id = revealed(store)
    view = draw_members.members_view(store, ORGANISER, draw_id).members
    first, second = (int(i) for i in view.loc[view["status"] == "selected", "member_id"][:2])
    draw_members.confirm_member(store, ORGANISER, first)
    draw_members.decline_member(store, ORGANISER, second, "verhuist")
    chosen = draw_members.replace_member(store, ORGANISER, second)
    [declined] = view.loc[view["member_id"] == second, "name"]
    [replacement] = view.loc[view["member_id"] == chosen, "name"]

    groups = after_draw.letter_groups(store, ORGANISER, draw_id)
    assert groups.reserves_closed is None
    assert groups.groups["member"] == after_draw.LetterGroup(11, 0)
    assert groups.groups["reserve"] == after_draw.LetterGroup(28, 0)  # 40 volunteers - 12
    assert groups.groups["not_drawn"] == after_draw.LetterGroup(0, 0)  # all on the list

    members = after_draw.after_draw_letters(store, ORGANISER, draw_id, "member", details())
    assert merged_names(members) == names(store, draw_id, "selected", "confirmed")
    assert replacement in members.html and declined not in members.html
    assert sorted(members.mail_merge["bevestigd"]) == ["ja"] + ["nee"] * 10
    reserves = after_draw.after_draw_letters(store, ORGANISER, draw_id, "reserve", details())
    assert merged_names(reserves) == names(store, draw_id, "reserve")
    ranks = sorted(int(r) for r in reserves.mail_merge["reserveplaats"])
    assert len(ranks) == 28 and min(ranks) >= 1 and len(set(ranks)) == 28
    assert reserves.html.count('<section class="letter">') == 28

    events = logged(store, "draw.after_letters")
    assert [json.loads(e.payload_json) for e in events] == [
        {"kind": "member", "letters": 11, "without_address": 0},
        {"kind": "reserve", "letters": 28, "without_address": 0},
    ]
    assert {(e.actor, e.entity, e.entity_id) for e in events} == {("org", "draw", str(draw_id))}
    # Nobody is left for the letter to those not drawn: refused, and nothing logged.
    with pytest.raises(UserError, match="geen brieven"):
        after_draw.after_draw_letters(store, ORGANISER, draw_id, "not_drawn", details())
    assert len(logged(store, "draw.after_letters")) == 2


def test_organisers_of_other_neighbourhoods_get_nothing_and_nothing_is_logged(
    store: Store,
) -> None:
    draw_id = revealed(store)
    before = len(logged(store, "draw.after_letters", "draw.contact_list"))
    calls = [
        lambda c: after_draw.letter_groups(store, c, draw_id),
        lambda c: after_draw.after_draw_letters(store, c, draw_id, "member", details()),
        lambda c: after_draw.contact_list(store, c, draw_id),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="geen organisator voor deze wijk"):
            call(NEIGHBOUR)
        for caller in (PUBLIC, Caller("wethouder", Role.ALDERMAN, None)):
            with pytest.raises(PermissionDenied, match="Alleen organisatoren"):
                call(caller)
    assert len(logged(store, "draw.after_letters", "draw.contact_list")) == before


def test_erased_contacts_get_no_letter_and_no_name_in_the_contact_list(store: Store) -> None:
    draw_id = revealed(store)
    with store.read() as cur:
        member = next(m for m in draw_rows.members(cur, draw_id) if m.status == "selected")
    view = draw_members.members_view(store, ORGANISER, draw_id).members
    [name] = view.loc[view["member_id"] == member.id, "name"]
    privacy.erase_contact(store, ORGANISER, member.resident_id, "ZAAK-17")

    groups = after_draw.letter_groups(store, ORGANISER, draw_id)
    assert groups.groups["member"] == after_draw.LetterGroup(10, 1)
    letters = after_draw.after_draw_letters(store, ORGANISER, draw_id, "member", details())
    assert len(letters.mail_merge) == 10 and letters.without_address == 1
    assert name not in letters.html

    found = after_draw.contact_list(store, ORGANISER, draw_id)
    drawn = found.rows[found.rows["zetel"] == "geloot"]
    assert len(drawn) == 11 and found.without_contact == 1
    erased = drawn[drawn["opmerking"] == after_draw.NO_CONTACT]
    assert len(erased) == 1 and erased[["naam", "straat", "postcode"]].eq("").all(axis=None)
    assert name not in found.rows.to_string()
    assert set(drawn["status"]) == {"nog niet bevestigd"}
    [event] = logged(store, "draw.contact_list")
    assert json.loads(event.payload_json) == {
        "members": 11,
        "appointed": 0,
        "without_contact": 1,
        "online_contacts": 0,
    }
    assert (event.actor, event.entity_id) == ("org", str(draw_id))


def test_before_the_ceremony_and_with_bad_input_nothing_is_made(store: Store) -> None:
    draw_id = ready_for_selection(store)
    with pytest.raises(UserError, match="openbare trekking"):
        after_draw.letter_groups(store, ORGANISER, draw_id)
    with pytest.raises(UserError, match="openbare trekking"):
        after_draw.contact_list(store, ORGANISER, draw_id)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    draw_selection.reveal_draw(store, ORGANISER, draw_id, ["4", "2", "6", "1887"])
    good = details()
    bad = [
        ("iedereen", good, "", "Kies voor wie de brieven zijn"),
        ("member", LetterDetails(good.reply_by, " ", good.email, good.sender), "",
         "telefoonnummer"),
        ("member", LetterDetails(good.reply_by, good.phone, "wijkraad", good.sender), "",
         "e-mailadres"),
        ("member", LetterDetails(clock.today(), good.phone, good.email, good.sender), "",
         "na vandaag"),
        ("not_drawn", good, "www.wijkdam .nl", "website klopt niet"),
    ]  # fmt: skip
    for kind, given, website, message in bad:
        with pytest.raises(UserError, match=message):
            after_draw.after_draw_letters(store, ORGANISER, draw_id, kind, given, website)
    assert logged(store, "draw.after_letters") == []


def _demo_draw(store: Store, where: str) -> int:
    with store.read() as cur:
        row = cur.execute(
            "SELECT d.id FROM draw d JOIN term t ON t.id = "
            "CAST(CAST(d.parameters_json AS JSON) ->> 'term_id' AS BIGINT) "
            f"WHERE d.purpose = 'council' AND d.status = 'completed' AND {where} "
            "ORDER BY d.id LIMIT 1",
            {"day": DEMO_TODAY},
        ).fetchall()
    assert row, where
    return int(row[0][0])


def test_home_visits_without_a_ceremony_write_to_every_volunteer_not_seated(
    store: Store,
) -> None:
    """A council of the demo history drawn by home visits without a public ceremony in
    the workspace: its reserve list cannot be used, so everyone who said yes at the door
    and has no seat gets the letter for those not drawn."""
    draw_id = _demo_draw(store, "d.method = 'direct' AND t.starts_on <= $day AND t.ends_on > $day")
    with store.read() as cur:
        [(volunteers,)] = cur.execute(
            "SELECT count(DISTINCT i.resident_id) FROM invitation i WHERE i.draw_id = ? AND "
            "i.id IN (SELECT invitation_id FROM response r WHERE r.outcome = 'ja' AND NOT "
            "EXISTS (SELECT 1 FROM response l WHERE l.invitation_id = r.invitation_id "
            "AND l.answered_at > r.answered_at))",
            [draw_id],
        ).fetchall()
        seated = sum(1 for m in draw_rows.members(cur, draw_id) if m.status == "confirmed")
    groups = after_draw.letter_groups(store, EVERYWHERE, draw_id)
    assert (
        groups.reserves_closed is not None and "zonder openbare trekking" in groups.reserves_closed
    )
    assert groups.groups["reserve"].letters == 0
    assert groups.groups["member"].letters == seated == 11
    assert groups.groups["not_drawn"].letters == volunteers - seated > 0
    letters = after_draw.after_draw_letters(store, EVERYWHERE, draw_id, "not_drawn", details())
    assert "deze keer niet geloot" in letters.html
    assert set(letters.mail_merge["soort"]) == {"niet geloot"}


def test_the_contact_list_of_a_sitting_council_has_its_appointed_seats(store: Store) -> None:
    draw_id = _demo_draw(
        store, "d.chosen_index IS NOT NULL AND t.starts_on <= $day AND t.ends_on > $day"
    )
    found = after_draw.contact_list(store, EVERYWHERE, draw_id)
    assert tuple(found.rows.columns) == after_draw.CONTACT_COLUMNS
    kinds = found.rows["zetel"].value_counts().to_dict()
    assert kinds["geloot"] == 11 and kinds.get("benoemd", 0) >= 1
    drawn = found.rows[found.rows["zetel"] == "geloot"]
    assert set(drawn["status"]) == {"bevestigd"} and drawn["straat"].ne("").all()
    appointed = found.rows[found.rows["zetel"] == "benoemd"]
    assert appointed[["straat", "postcode"]].eq("").all(axis=None)


def test_after_the_term_no_letters_or_contact_list_are_made(store: Store) -> None:
    draw_id = _demo_draw(store, "t.ends_on <= $day")
    for call in (after_draw.letter_groups, after_draw.contact_list):
        with pytest.raises(UserError, match="termijn van deze raad liep tot"):
            call(store, EVERYWHERE, draw_id)
    assert logged(store, "draw.after_letters", "draw.contact_list") == []

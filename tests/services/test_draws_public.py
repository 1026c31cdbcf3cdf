"""The draw workspace, steps 6-8, on DuckDB with the demo municipality: the selection
with its fingerprint and the legacy comparison, the ceremony (once), the bundle that
verifies, confirmations, declines, replacements from the reserve list (once), appointed
seats and the roster. Bad input changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import pytest

import sortition
from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.context import Answers
from dashboard.store import audit, council, geography
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from sortition import clock
from tests.database_state import count


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ORGANISER = Caller("org", Role.ORGANISER, frozenset({1}))
GENDERS = ("vrouw", "man")
AGES = ("16-24", "25-44", "45-64", "65+")


def actions(store: Store) -> list[str]:
    with store.read() as cur:
        return [e.action for e in audit.events(cur) if e.entity == "draw"]


def ready_for_selection(store: Store, volunteers: int = 40) -> int:
    """A two-stage draw in neighbourhood 1 with volunteers and saved quotas."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        extract = register_as_extract(cur, [1]).to_csv(index=False, sep=";").encode()
    draw_id = draws.start_draw(
        store, ORGANISER, draws.DrawRequest("two_stage", clock.today() + timedelta(days=60),
                                            council_id)
    )  # fmt: skip
    register_volunteers(store, draw_id, extract, volunteers)
    quotas = pd.DataFrame(
        [("gender", "vrouw", 4, 7), ("gender", "man", 4, 7), ("gender", "anders", 0, 1),
         ("age_band", "16-24", 1, 4), ("age_band", "25-44", 2, 4), ("age_band", "45-64", 2, 4),
         ("age_band", "65+", 1, 4)],
        columns=["feature", "value", "min", "max"],
    )  # fmt: skip
    draw_quotas.save_quotas(store, ORGANISER, draw_id, quotas)
    return draw_id


def register_volunteers(store: Store, draw_id: int, extract: bytes, volunteers: int) -> None:
    """The extract imported, 120 letters drawn, and the first `volunteers` say yes (age
    bands and genders in turn)."""
    upload = rx.read_upload(extract, "brp.csv")
    check = draw_register.check_register(
        store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
    )
    draw_register.import_register(store, ORGANISER, draw_id, check, False)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 120)
    with store.read() as cur:
        codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)]
    draw_answers.record_registrations(
        store,
        ORGANISER,
        draw_id,
        [draw_answers.Registration(code, "ja", Answers(age_band=AGES[n % 4],
                                                        gender=GENDERS[n % 2]))
         for n, code in enumerate(codes[:volunteers])],
    )  # fmt: skip


def bundle_number(store: Store, draw_id: int) -> Callable[[int], str]:
    """Resident -> their number in the draw's bundle."""
    return draws.draw_state(store, ORGANISER, draw_id).context.bundle_id


def residents_by_number(store: Store, draw_id: int) -> dict[str, int]:
    """The draw's members and reserves by their numbers in its bundle."""
    number = bundle_number(store, draw_id)
    with store.read() as cur:
        return {number(m.resident_id): m.resident_id for m in draw_rows.members(cur, draw_id)}


def council_problems(store: Store, draw_id: int, status: str = "confirmed") -> list[str]:
    """Why the members with `status` are not a valid panel of the draw's bundle."""
    from sortition.bundle import bundle_pool, bundle_quotas, panel_problems

    number = bundle_number(store, draw_id)
    with store.read() as cur:
        bundle = draw_rows.bundle(cur, draw_id)
        members = [number(m.resident_id) for m in draw_rows.members(cur, draw_id)
                   if m.status == status]  # fmt: skip
    assert bundle is not None
    return panel_problems(bundle_pool(bundle), bundle_quotas(bundle), int(bundle["k"]), members)


def revealed(store: Store) -> int:
    draw_id = ready_for_selection(store)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    draw_selection.reveal_draw(store, ORGANISER, draw_id, ["4", "2", "6", "1887"])
    return draw_id


def test_the_selection_is_prepared_once_with_progress_and_a_fingerprint(store: Store) -> None:
    draw_id = ready_for_selection(store)
    steps: list[tuple[float, str]] = []
    prepared = draw_selection.prepare_selection(
        store, ORGANISER, draw_id, progress=lambda f, s: steps.append((f, s))
    )
    assert [f for f, _ in steps] == sorted(f for f, _ in steps) and steps[-1][0] == 1.0
    assert len(prepared.commitment) == 64 and prepared.volunteers == 40 and prepared.m == 1000
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.draw.commitment == prepared.commitment
    assert state.context.draw.status == "committed" and state.steps_done[6]
    assert count(store, "SELECT count(*) FROM selection_probability WHERE draw_id = ?",
                 [draw_id]) == 40  # fmt: skip
    with pytest.raises(UserError, match="al voorbereid"):
        draw_selection.prepare_selection(store, ORGANISER, draw_id)
    # The fingerprint fixes the volunteers and quotas.
    with store.read() as cur:
        unanswered = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)][-1]
    with pytest.raises(UserError, match="controlecode"):
        draw_answers.record_registration(store, ORGANISER, draw_id, unanswered, "ja", Answers())
    saved = draw_quotas.saved_quotas(store, ORGANISER, draw_id)
    with pytest.raises(UserError, match="controlecode"):
        draw_quotas.save_quotas(store, ORGANISER, draw_id, saved)
    assert actions(store).count("draw.prepare") == 1


def test_leximin_is_compared_with_the_legacy_algorithm(store: Store) -> None:
    draw_id = ready_for_selection(store)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    view = draw_selection.selection_view(store, ORGANISER, draw_id)
    assert len(view.chances) == 40 and view.chances["legacy"].notna().all()
    assert view.chances["leximin"].sum() == pytest.approx(11)
    assert view.chances["legacy"].sum() == pytest.approx(11, abs=1e-3)
    assert view.chances["leximin"].min() >= view.chances["legacy"].min() - 1e-9
    groups = view.groups
    assert set(groups["feature"]) == {"gender", "age_band"}
    for _, rows in groups.groupby("feature"):
        assert rows["expected"].sum() == pytest.approx(1)
        assert rows["neighbourhood"].sum() == pytest.approx(1)
    assert not view.revealed and groups["council"].isna().all()


def test_infeasible_quotas_at_selection_name_the_relaxation(store: Store) -> None:
    draw_id = ready_for_selection(store, volunteers=12)
    with store.transaction() as cur:  # quotas that fit no council of these 12 volunteers
        draw_rows.replace_quotas(cur, draw_id, [("gender", "vrouw", 8, 11), ("gender", "man", 0, 3),
                                                ("gender", "anders", 0, 1)])  # fmt: skip
    with pytest.raises(UserError, match="Kleinste aanpassing"):
        draw_selection.prepare_selection(store, ORGANISER, draw_id)
    assert draws.draw_state(store, ORGANISER, draw_id).context.draw.commitment is None


def test_the_ceremony_reveals_once_and_the_bundle_verifies(store: Store) -> None:
    draw_id = ready_for_selection(store)
    with pytest.raises(UserError, match="Bereid eerst"):
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["4"])
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    with pytest.raises(UserError, match="uitkomsten"):
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["", "  "])
    index = draw_selection.reveal_draw(store, ORGANISER, draw_id, [" 4", "2 ", "6"])
    with pytest.raises(UserError, match="al gedaan"):
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["1", "1", "1"])
    view = draw_selection.selection_view(store, ORGANISER, draw_id)
    assert view.chosen_index == index and view.inputs == ["4", "2", "6"]
    assert len(view.panel) == 11 and len(view.panel_groups) == 11
    assert draw_selection.verify_draw(store, ORGANISER, draw_id) == []
    bundle = json.loads(draw_selection.bundle_file(store, ORGANISER, draw_id))
    assert sortition.verify(bundle) == []
    # No names or addresses in the bundle.
    with store.read() as cur:
        names = [
            r[0]
            for r in cur.execute(
                "SELECT last_name FROM resident_contact WHERE resident_id IN "
                "(SELECT resident_id FROM invitation WHERE draw_id = ?)",
                [draw_id],
            ).fetchall()
        ]
    text = json.dumps(bundle)
    assert not [n for n in names if len(n) > 3 and n in text]
    members = draw_members.members_view(store, ORGANISER, draw_id).members
    assert (members["status"] == "selected").sum() == 11
    assert (members["status"] == "reserve").sum() == 40 - 11
    assert actions(store).count("draw.reveal") == 1
    with pytest.raises(UserError, match="ongedaan"):
        draw_selection.discard_preparation(store, ORGANISER, draw_id, "te laat bedacht")


def test_a_preparation_can_be_undone_before_the_ceremony(store: Store) -> None:
    draw_id = ready_for_selection(store)
    first = draw_selection.prepare_selection(store, ORGANISER, draw_id)
    with pytest.raises(UserError, match="waarom"):
        draw_selection.discard_preparation(store, ORGANISER, draw_id, "x")
    draw_selection.discard_preparation(store, ORGANISER, draw_id, "Aanmelding vergeten")
    assert draws.draw_state(store, ORGANISER, draw_id).context.draw.commitment is None
    second = draw_selection.prepare_selection(store, ORGANISER, draw_id)
    assert second.volunteers == first.volunteers
    assert "draw.prepare_undone" in actions(store)


def test_confirm_decline_and_replace_from_the_reserve_list(store: Store) -> None:
    draw_id = revealed(store)
    members = draw_members.members_view(store, ORGANISER, draw_id).members
    chosen = [int(i) for i in members.loc[members["status"] == "selected", "member_id"]]
    for member_id in chosen[:10]:
        draw_members.confirm_member(store, ORGANISER, member_id)
    with pytest.raises(UserError, match="al bevestigd"):
        draw_members.confirm_member(store, ORGANISER, chosen[0])
    with pytest.raises(UserError, match="10 van de 11"):
        draw_members.complete_draw(store, ORGANISER, draw_id)
    leaving = chosen[10]
    with pytest.raises(UserError, match="afgezegd of is gestopt"):
        draw_members.replace_member(store, ORGANISER, leaving)
    draw_members.decline_member(store, ORGANISER, leaving, "geen tijd")
    newcomer = draw_members.replace_member(store, ORGANISER, leaving)
    before = count(store, "SELECT count(*) FROM replacement")
    with pytest.raises(UserError, match="twee keer vervangen"):
        draw_members.replace_member(store, ORGANISER, leaving)
    assert count(store, "SELECT count(*) FROM replacement") == before
    view = draw_members.members_view(store, ORGANISER, draw_id).members.set_index("member_id")
    assert view.loc[leaving, "status"] == "replaced"
    assert view.loc[newcomer, "status"] == "selected"
    assert view.loc[leaving, "replaced_by"] == view.loc[newcomer, "number"]
    # The newcomer keeps every quota: the council is still a valid panel of the bundle.
    draw_members.confirm_member(store, ORGANISER, newcomer)
    assert council_problems(store, draw_id) == []
    # Seats: one per confirmed member, for the draw's term; appointed seats up to the limit.
    for role in ("Gemeenteraadslid (fractie A)", "Gemeenteraadslid (fractie B)",
                 "Gemeenteraadslid (fractie C)", "Gemeenteraadslid (fractie D)"):  # fmt: skip
        draw_members.add_appointed_seat(store, ORGANISER, draw_id, role)
    with pytest.raises(UserError, match="al bezet"):
        draw_members.add_appointed_seat(store, ORGANISER, draw_id, "Nog een raadslid")
    draw_members.complete_draw(store, ORGANISER, draw_id)
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.draw.status == "completed" and state.steps_done[8]
    roster = draw_members.members_view(store, ORGANISER, draw_id).roster
    term = state.term
    assert term is not None
    this_term = roster[roster["term"] == term.number]
    assert (this_term["kind"] == "drawn").sum() == 11
    assert (this_term["kind"] == "appointed").sum() == 4
    assert set(this_term["drawable_again"].dropna()) == {
        date(term.ends_on.year + 2, term.ends_on.month, term.ends_on.day)
    }
    # Members can still leave and be replaced while the term runs (test_draw_after_close).
    assert draw_members.members_view(store, ORGANISER, draw_id).closed_reason is None


def test_a_confirmed_member_who_leaves_ends_the_seat(store: Store) -> None:
    draw_id = revealed(store)
    members = draw_members.members_view(store, ORGANISER, draw_id).members
    member_id = int(members.loc[members["status"] == "selected", "member_id"].iloc[0])
    draw_members.confirm_member(store, ORGANISER, member_id)
    draw_members.decline_member(store, ORGANISER, member_id, "verhuisd")
    assert count(store, "SELECT count(*) FROM seat_now WHERE panel_member_id = ? AND "
                 "end_reason = 'verhuisd'", [member_id]) == 1  # fmt: skip
    draw_members.replace_member(store, ORGANISER, member_id)


@pytest.mark.parametrize(
    "call",
    [
        lambda s, d: draw_selection.prepare_selection(s, PUBLIC, d),
        lambda s, d: draw_selection.reveal_draw(s, PUBLIC, d, ["1"]),
        lambda s, d: draw_selection.bundle_file(s, Caller("x", Role.ORGANISER, frozenset({2})), d),
        lambda s, d: draw_members.complete_draw(s, Caller("w", Role.ALDERMAN, None), d),
    ],
)
def test_only_the_neighbourhoods_organisers(store: Store, call: object) -> None:
    draw_id = ready_for_selection(store, volunteers=15)
    with pytest.raises(PermissionDenied):
        call(store, draw_id)  # type: ignore[operator]


def test_the_ceremony_shows_buurten_by_name(store: Store) -> None:
    draw_id = ready_for_selection(store)
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender", "part"])
    relaxed = proposed.assign(min=0, max=11)  # the names are the point here, not the quotas
    draw_quotas.save_quotas(store, ORGANISER, draw_id, relaxed)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    draw_selection.reveal_draw(store, ORGANISER, draw_id, ["4", "2", "6", "1887"])
    shown = draw_selection.selection_view(store, ORGANISER, draw_id).panel_groups
    with store.read() as cur:
        names = {p.name for p in geography.neighbourhood_parts(cur, 1)}
    assert len(shown) == 11 and set(shown["part"]) <= names

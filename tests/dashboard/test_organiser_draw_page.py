"""The organisers' draw workspace page, rendered with AppTest: starting a draw, resuming
one at the step in its address, and every step rendering from the store."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from dashboard.files import register_extract as rx
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.context import Answers
from dashboard.store import council
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store, open_store
from dashboard.store.register_import import register_as_extract
from sortition import clock
from tests import app_pages, records
from tests.app_pages import APP
from tests.dashboard.test_organiser_budget_page import by_label
from tests.shown import shown


@pytest.fixture
def app_db(app_location: str) -> str:
    """Every test of this file on DuckDB and on PostgreSQL (tests/dashboard/conftest.py)."""
    return app_location


PAGE = "dashboard/pages/organiser_draw.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)


def open_page(query: dict[str, str] | None = None, caller: Caller = ORGANISER) -> AppTest:
    at = app_pages.open_page(PAGE, caller=caller, query=query)
    assert not at.exception, at.exception
    return at


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    parts += [a.value for kind in (at.success, at.info, at.warning, at.error) for a in kind]
    return "\n".join(str(p) for p in parts)


def prepared_draw(db: str | Path, step: int) -> int:
    """A two-stage draw in neighbourhood 1 taken up to `step` through the services."""
    store = open_store(db)
    try:
        return _prepare(store, step)
    finally:
        store.close()


def _prepare(store: Store, step: int) -> int:
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        extract = register_as_extract(cur, [1]).to_csv(index=False, sep=";").encode()
    request = draws.DrawRequest("two_stage", clock.today() + timedelta(days=60), council_id)
    draw_id = draws.start_draw(store, ORGANISER, request)
    if step >= 2:
        upload = rx.read_upload(extract, "brp.csv")
        check = draw_register.check_register(
            store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
        )
        draw_register.import_register(store, ORGANISER, draw_id, check, False)
    if step >= 3:
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 80)
    if step >= 4:
        with store.read() as cur:
            codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)][:30]
        draw_answers.record_registrations(
            store,
            ORGANISER,
            draw_id,
            [draw_answers.Registration(c, "ja", Answers(gender=("vrouw", "man")[n % 2]))
             for n, c in enumerate(codes)],
        )  # fmt: skip
    if step >= 5:
        proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender"])
        draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    if step >= 6:
        draw_selection.prepare_selection(store, ORGANISER, draw_id)
    if step >= 7:
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["3", "5", "1"])
    return draw_id


def test_an_organiser_starts_a_draw_and_lands_on_the_register_step(app_db: str) -> None:
    at = open_page()
    assert by_label(at.selectbox, "Loting").value == 0  # no draw running yet: a new one
    by_label(at.selectbox, "Raad").select(1)  # the first neighbourhood's council (id 1)
    at.run()
    by_label(at.button, "Loting aanmaken").click()
    at.run()
    assert not at.exception, at.exception
    assert "De loting is aangemaakt" in at.success[0].value
    assert "Stap 2. Het uittreksel uit het bevolkingsregister" in text(at)
    assert at.query_params["stap"] == "2"
    # A second click on the same form (a resubmit) does not create a second draw.
    store = open_store(app_db)
    try:
        assert len(draws.draws_for(store, ORGANISER)) >= 1
        open_draws = [c for c in draws.draws_for(store, ORGANISER) if c.draw.status == "open"]
        assert len(open_draws) == 1
    finally:
        store.close()


def test_a_refused_draw_says_why_and_creates_nothing(app_db: str) -> None:
    prepared_draw(app_db, 1)
    at = open_page({"loting": "0"})
    by_label(at.selectbox, "Loting").select(0)
    at.run()
    by_label(at.selectbox, "Raad").select(1)
    at.run()
    by_label(at.button, "Loting aanmaken").click()
    at.run()
    assert "loopt al een loting" in at.error[0].value


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (2, "Ingelezen op"),
        (3, "Geloot op"),
        (4, "Per groep, vergeleken met de wijk"),
        (5, "Haalbaar: uit de 30 aanmeldingen"),
        (6, "Publiceer deze controlecode"),
        (7, "De getallen kiezen mogelijke raad"),
        (8, "Bevestigd"),
    ],
)
def test_a_draw_resumes_at_the_step_in_its_address(app_db: str, step: int, expected: str) -> None:
    draw_id = prepared_draw(app_db, step)
    at = open_page({"loting": str(draw_id), "stap": str(step)})
    assert by_label(at.selectbox, "Loting").value == draw_id
    shown = text(at) + "\n".join(m.label for m in at.metric)
    assert expected in shown, shown
    radio = by_label(at.radio, "Stap")
    assert radio.value == step


def test_the_step_before_its_turn_says_what_to_do_first(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 1)
    for step, advice in ((3, "Lees eerst het uittreksel"), (4, "Loot eerst de uitnodigingen")):
        at = open_page({"loting": str(draw_id), "stap": str(step)})
        assert advice in text(at)


def test_the_lottery_plan_table_and_the_lottery_button(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 2)
    at = open_page({"loting": str(draw_id), "stap": "3"})
    assert "Verwacht: ongeveer" in text(at)
    by_label(at.number_input, "Aantal brieven").set_value(50)
    at.run()
    by_label(at.button, "Loting uitvoeren").click()
    at.run()
    assert not at.exception, at.exception
    assert "De brieven zijn geloot." in at.success[0].value
    assert "Geloot op" in text(at) and "50 uitnodigingen" in text(at)


def test_a_registration_typed_in_the_form(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 3)
    store = open_store(app_db)
    try:
        with store.read() as cur:
            code = str(draw_rows.invitations(cur, draw_id)[-1].letter_code)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "4"})
    by_label(at.text_input, "Code uit de brief").input(code)
    by_label(at.selectbox, "Geslacht").select("vrouw")
    by_label(at.button, "Aanmelding vastleggen").click()
    at.run()
    assert "De aanmelding is vastgelegd." in at.success[0].value
    assert [m.value for m in at.metric if m.label == "Ja, doet mee"] == ["1"]
    by_label(at.text_input, "Code uit de brief").input("ZZZZ-ZZZZ")
    by_label(at.button, "Aanmelding vastleggen").click()
    at.run()
    assert "hoort bij geen brief" in at.error[0].value
    # The volunteer calls back to withdraw, before the selection is prepared.
    by_label(at.text_input, "Code uit de brief").input(code.replace("-", " ").lower())
    by_label(at.radio, "Doet mee?").set_value("nee")
    by_label(at.button, "Aanmelding vastleggen").click()
    at.run()
    assert not at.exception, at.exception
    assert "De aanmelding is vastgelegd." in at.success[0].value
    assert f"Code {code} trekt zich terug (eerder ja, " in shown(at.warning[0].value)
    assert [m.value for m in at.metric if m.label == "Ja, doet mee"] == ["0"]
    assert [m.value for m in at.metric if m.label == "Antwoorden"] == ["1"]


def test_the_selection_is_prepared_from_the_page(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 5)
    at = open_page({"loting": str(draw_id), "stap": "6"})
    by_label(at.button, "Selectie voorbereiden").click()
    at.run()
    assert not at.exception, at.exception
    assert "De selectie is voorbereid" in at.success[0].value
    charts = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    names = {trace.get("name") for chart in charts for trace in chart["data"]}
    assert {"Wijkraad (leximin)", "Oude methode (greedy)", "Wijk", "Raad, verwacht"} <= names


def test_the_ceremony_and_the_members_from_the_page(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 6)
    at = open_page({"loting": str(draw_id), "stap": "7"})
    assert "status: controlecode gemaakt, trekking volgt" in text(at)
    by_label(at.text_area, "Getallen uit de zaal, één per regel").input("4\n2\n6")
    by_label(at.button, "Trekking doen").click()
    at.run()
    assert "Lees de getallen eerst hardop voor" in at.error[0].value
    by_label(at.checkbox, "De getallen zijn hardop voorgelezen en kloppen.").check()
    by_label(at.button, "Trekking doen").click()
    at.run()
    assert not at.exception, at.exception
    assert "De trekking is gedaan." in at.success[0].value
    assert "De getallen kiezen mogelijke raad" in text(at)
    by_label(at.button, "Controleer de trekking opnieuw").click()
    at.run()
    assert any("Klopt" in s.value for s in at.success)

    at = open_page({"loting": str(draw_id), "stap": "8"})
    assert "status: getrokken, leden bevestigen" in text(at)
    store = open_store(app_db)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
    finally:
        store.close()
    first = int(members.loc[members["status"] == "selected", "member_id"].iloc[0])
    by_label(at.selectbox, "Wie zegt ja?").set_value(first)
    by_label(at.button, "Bevestigen").click()
    at.run()
    assert not at.exception, at.exception
    [name] = members.loc[members["member_id"] == first, "name"]
    assert f"Bevestigd: {name}." in shown(at.success[0].value)
    assert [m.value for m in at.metric if m.label == "Bevestigd"] == ["1 / 11"]


def test_the_workspace_in_english(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 3)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["caller"] = ORGANISER
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGE)
    at.query_params["loting"] = str(draw_id)
    at.query_params["stap"] = "3"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Draw"
    assert "Step 3. Inviting: the lottery of the letters" in text(at)
    assert "Drawn on" in text(at)
    [shown] = [o for o in by_label(at.selectbox, "Draw").options if f"number {draw_id}," in o]
    assert ": council, " in shown and shown.endswith(f"(number {draw_id}, running)")


def direct_draw_with_ten_addresses(app_db: str | Path) -> tuple[int, int]:
    """A direct draw in the first neighbourhood with ten addresses to visit: the draw and
    the first address."""
    store = open_store(app_db)
    try:
        with store.read() as cur:
            council_id = council.councils_for_neighbourhood(cur, 1)[0].id
            extract = register_as_extract(cur, [1]).to_csv(index=False, sep=";").encode()
        request = draws.DrawRequest("direct", clock.today() + timedelta(days=60), council_id)
        draw_id = draws.start_draw(store, ORGANISER, request)
        upload = rx.read_upload(extract, "brp.csv")
        check = draw_register.check_register(
            store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
        )
        draw_register.import_register(store, ORGANISER, draw_id, check, False)
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 10)
        with store.read() as cur:
            first = draw_rows.invitations(cur, draw_id)[0].id
    finally:
        store.close()
    return draw_id, first


def test_home_visits_and_a_replacement_from_the_page(app_db: str) -> None:
    draw_id, first = direct_draw_with_ten_addresses(app_db)
    at = open_page({"loting": str(draw_id), "stap": "4"})
    assert "4. Huisbezoeken" in by_label(at.radio, "Stap").options[2]
    by_label(at.selectbox, "Adres").set_value(first)
    by_label(at.text_input, "Naam van de bezoeker").input("Anna")
    by_label(at.radio, "Uitkomst").set_value("nee")
    by_label(at.button, "Bezoek vastleggen").click()
    at.run()
    assert "Het bezoek is vastgelegd." in at.success[0].value
    by_label(at.button, "Vervanger loten").click()
    at.run()
    assert not at.exception, at.exception
    assert "Er is een vervanger geloot uit dezelfde groep." in at.success[0].value
    assert [m.value for m in at.metric if m.label == "Uitnodigingen"] == ["11"]


def visits_to(app_db: str, draw_id: int, invitation_id: int) -> int:
    store = open_store(app_db)
    try:
        with store.read() as cur:
            answers = draw_rows.responses(cur, draw_id)
    finally:
        store.close()
    return sum(a.invitation_id == invitation_id for a in answers)


def record_not_at_home(at: AppTest, address: int) -> AppTest:
    by_label(at.selectbox, "Adres").set_value(address)
    by_label(at.text_input, "Naam van de bezoeker").input("Anna")
    by_label(at.radio, "Uitkomst").set_value("niet thuis")
    by_label(at.button, "Bezoek vastleggen").click()
    return at.run()


def test_the_same_visit_made_again_is_recorded_again_and_a_resent_form_once(
    app_db: str,
) -> None:
    """Nobody home twice at one address is two visits (a guard against double clicks
    dropped the second without a word). The same form as shown sent twice is recorded
    once, and the organiser is told."""
    draw_id, first = direct_draw_with_ten_addresses(app_db)
    at = open_page({"loting": str(draw_id), "stap": "4"})
    for visit in (1, 2):
        record_not_at_home(at, first)
        assert not at.exception, at.exception
        assert "Het bezoek is vastgelegd." in at.success[0].value
        assert visits_to(app_db, draw_id, first) == visit
    # A double click: the second submission arrives for the form as it was shown when the
    # first was sent (before the success renewed the form).
    at.session_state["_forms_generation"] = at.session_state["_forms_generation"] - 1
    at.run()
    record_not_at_home(at, first)
    assert "Dit formulier was al verstuurd en is één keer verwerkt." in [i.value for i in at.info]
    assert visits_to(app_db, draw_id, first) == 2


def test_a_member_leaves_after_the_draw_is_completed_and_is_replaced(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 7)
    store = open_store(app_db)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
        chosen = [int(i) for i in members.loc[members["status"] == "selected", "member_id"]]
        for member_id in chosen:
            draw_members.confirm_member(store, ORGANISER, member_id)
        draw_members.complete_draw(store, ORGANISER, draw_id)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "8"})
    starts = clock.today() + timedelta(days=60)  # prepared_draw's term
    assert f"De loting is afgerond; de termijn begint op {starts:%d-%m-%Y}." in text(at)
    by_label(at.selectbox, "Wie zegt af?").set_value(chosen[0])
    by_label(at.text_input, "Reden (kort, geen gezondheid of andere gevoelige zaken)").input(
        "verhuisd"
    )
    by_label(at.button, "Afzeggen").click()
    at.run()
    assert not at.exception, at.exception
    assert "Afzegging vastgelegd." in at.success[0].value
    by_label(at.button, "Vervanger nemen").click()
    at.run()
    assert not at.exception, at.exception
    assert "Gevraagd als vervanger: " in at.success[0].value
    assert ", reserve " in at.success[0].value
    assert [m.value for m in at.metric if m.label == "Bevestigd"] == [
        f"{len(chosen) - 1} / {len(chosen)}"
    ]


def test_an_appointed_seat_ends_and_is_filled_after_the_draw(app_db: str) -> None:
    draw_id = prepared_draw(app_db, 7)
    store = open_store(app_db)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
        for member_id in members.loc[members["status"] == "selected", "member_id"]:
            draw_members.confirm_member(store, ORGANISER, int(member_id))
        seat = draw_members.add_appointed_seat(store, ORGANISER, draw_id, "Raadslid (fractie A)")
        draw_members.complete_draw(store, ORGANISER, draw_id)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "8"})
    by_label(at.button, "Benoemde zetel beëindigen").click()
    at.run()
    assert "Kies eerst een zetel." in [e.value for e in at.error]
    by_label(at.selectbox, "Benoemde zetel die eindigt").set_value(seat)
    by_label(at.text_input, "Waarom eindigt de zetel?").input("na de verkiezingen")
    by_label(at.button, "Benoemde zetel beëindigen").click()
    at.run()
    assert not at.exception, at.exception
    assert "De benoemde zetel is beëindigd" in at.success[0].value
    by_label(at.text_input, "Benoemde zetel (rol, geen naam nodig)").input("Raadslid (fractie B)")
    by_label(at.button, "Benoemde zetel toevoegen").click()
    at.run()
    assert "De benoemde zetel is toegevoegd." in at.success[0].value


@pytest.mark.parametrize("step", ["2", "3", "4", "5", "6", "7", "8"])
def test_every_step_of_a_council_drawn_in_the_demo_history_opens(app_db: str, step: str) -> None:
    """Councils drawn before (the demo history) have a bundle but no register snapshot or
    stored answers of their own: each step shows what there is, never an error."""
    from tests.conftest import DEMO_TODAY

    store = open_store(app_db)
    try:
        with store.read() as cur:
            draw_id = records.current_council_draws(cur, DEMO_TODAY)[0]
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": step})
    assert not at.exception, at.exception
    if step == "7":  # the council as numbers and groups, from the bundle
        assert "De getallen kiezen mogelijke raad" in text(at)
        assert [len(d.value) for d in at.dataframe] == [11]


def test_a_refused_form_can_be_corrected_and_sent_again_at_once(app_db: str) -> None:
    """The guard against double clicks lets a refused submission through again: a member
    of a demo council who stopped is first given a day before their seat began."""
    from tests.conftest import DEMO_TODAY

    store = open_store(app_db)
    try:
        with store.read() as cur:
            draw_id = records.current_council_draws(cur, DEMO_TODAY)[0]
        members = draw_members.members_view(store, ORGANISER, draw_id).members
        member = int(members.loc[members["status"] == "confirmed", "member_id"].iloc[0])
        with store.read() as cur:
            seat = draw_rows.seat_of_member(cur, member)
    finally:
        store.close()
    assert seat is not None and seat.starts_on < DEMO_TODAY
    at = open_page({"loting": str(draw_id), "stap": "8"})
    by_label(at.selectbox, "Wie zegt af?").set_value(member)
    later = DEMO_TODAY + timedelta(days=10)
    by_label(at.date_input, "Gestopt op (wie al in de raad zat)").set_value(later)
    by_label(at.button, "Afzeggen").click()
    at.run()
    assert any("Die datum ligt in de toekomst" in e.value for e in at.error)
    before = seat.starts_on - timedelta(days=1)
    by_label(at.date_input, "Gestopt op (wie al in de raad zat)").set_value(before)
    by_label(at.button, "Afzeggen").click()
    at.run()
    assert any("Die datum ligt voor het begin van de zetel" in e.value for e in at.error), [
        e.value for e in [*at.error, *at.success, *at.warning]
    ]
    by_label(at.date_input, "Gestopt op (wie al in de raad zat)").set_value(DEMO_TODAY)
    by_label(at.button, "Afzeggen").click()
    at.run()
    assert not at.exception, at.exception
    assert "Afzegging vastgelegd." in at.success[0].value


def test_the_picker_switches_draws_when_the_address_names_one(app_db: str) -> None:
    """Opened from a link to one draw, the organiser picks another, then a new draw: the
    picker wins over the address it has not rewritten yet. A completed draw opens at
    step 8 (its members), where the work after the draw is."""
    from tests.conftest import DEMO_TODAY

    store = open_store(app_db)
    try:
        with store.read() as cur:
            first, second = records.current_council_draws(cur, DEMO_TODAY)[:2]
    finally:
        store.close()
    at = open_page({"loting": str(first)})
    assert by_label(at.radio, "Stap").value == 8
    by_label(at.selectbox, "Loting").set_value(second)
    at.run()
    assert not at.exception, at.exception
    assert by_label(at.selectbox, "Loting").value == second
    assert at.query_params["loting"] == str(second)
    by_label(at.selectbox, "Loting").set_value(0)  # "Nieuwe loting beginnen"
    at.run()
    assert "Stap 1. Een nieuwe loting beginnen" in [h.value for h in [*at.header, *at.subheader]]
    assert "loting" not in at.query_params

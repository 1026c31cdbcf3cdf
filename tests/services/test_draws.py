"""The organisers' draw workspace, steps 1-5, on a real DuckDB file with the demo
municipality: each step stores what it should, writes an audit event without personal
data, does nothing twice, and refuses bad input with a Dutch message, changing nothing."""

from __future__ import annotations

import io
import json
import threading
from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.context import Answers
from dashboard.store import audit, council
from dashboard.store import draws as draw_rows
from dashboard.store import public as public_rows
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from sortition import clock
from tests.database_state import count


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ORGANISER = Caller("org", Role.ORGANISER, frozenset({1}))
EVERYWHERE = Caller("organisator", Role.ORGANISER, None)
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({2}))
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
START = clock.today() + timedelta(days=90)


def council_of_hood_1(store: Store) -> int:
    with store.read() as cur:
        return council.councils_for_neighbourhood(cur, 1)[0].id


def new_draw(store: Store, method: str = "two_stage") -> int:
    request = draws.DrawRequest(method, START, council_id=council_of_hood_1(store))
    return draws.start_draw(store, ORGANISER, request)


def extract_bytes(store: Store, hoods: list[int] | None = None) -> bytes:
    with store.read() as cur:
        frame = register_as_extract(cur, hoods)
    return frame.to_csv(index=False, sep=";").encode()


def checked(store: Store, draw_id: int, data: bytes, name: str = "brp.csv") -> rx.ExtractCheck:
    upload = rx.read_upload(data, name)
    return draw_register.check_register(
        store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
    )


def imported(store: Store, method: str = "two_stage") -> int:
    draw_id = new_draw(store, method)
    check = checked(store, draw_id, extract_bytes(store, [1]))
    draw_register.import_register(store, ORGANISER, draw_id, check, accept_rejected=False)
    return draw_id


def events(store: Store, action: str) -> list[audit.AuditEvent]:
    with store.read() as cur:
        return [e for e in audit.events(cur) if e.action == action]


def assert_no_personal_data(store: Store) -> None:
    with store.read() as cur:
        names = {r[0] for r in cur.execute("SELECT last_name FROM resident_contact").fetchall()}
        payloads = " ".join(e.payload_json for e in audit.events(cur) if e.entity == "draw")
    assert not [n for n in names if len(n) > 3 and n in payloads]


# Step 1 ------------------------------------------------------------------------------------------


def test_a_draw_for_an_existing_council_gets_a_term_and_an_audit_event(store: Store) -> None:
    draw_id = new_draw(store)
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.draw.status == "open" and state.context.k == 11
    assert state.term is not None and state.term.starts_on == START
    assert state.steps_done == {1: True, 2: False, 3: False, 4: False, 5: False, 6: False,
                                7: False, 8: False}  # fmt: skip
    [event] = events(store, "draw.create")
    assert event.entity == "draw" and event.entity_id == str(draw_id)


def test_a_second_draw_for_the_same_council_is_refused(store: Store) -> None:
    new_draw(store)
    before = count(store, "SELECT count(*) FROM draw")
    with pytest.raises(UserError, match="loopt al een loting"):
        new_draw(store)
    assert count(store, "SELECT count(*) FROM draw") == before


def test_a_new_mixed_council_over_two_neighbourhoods(store: Store) -> None:
    request = draws.DrawRequest(
        "direct",
        START,
        new_council=draws.NewCouncil("Wijkraad Noord", [1, 2], 11, 6, 24, eligible_age=16),
    )
    draw_id = draws.start_draw(store, EVERYWHERE, request)
    state = draws.draw_state(store, EVERYWHERE, draw_id)
    assert state.context.neighbourhood_ids == (1, 2)
    assert state.context.council.seats_appointed == 6 and state.context.council.quorum == 9
    assert [e.entity for e in events(store, "council.create")] == ["council"]
    with pytest.raises(UserError, match="al een raad met de naam"):
        draws.start_draw(store, EVERYWHERE, request)
    # An organiser of one of the two neighbourhoods may not run it.
    with pytest.raises(PermissionDenied):
        draws.draw_state(store, ORGANISER, draw_id)


def test_a_wijkpanel_is_drawn_the_same_way(store: Store) -> None:
    request = draws.DrawRequest(
        "two_stage", START, council_id=council_of_hood_1(store), purpose="panel", panel_size=40
    )
    draw_id = draws.start_draw(store, ORGANISER, request)
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.k == 40 and state.context.draw.panel_id is not None


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (draws.DrawRequest("lot", START, council_id=1), "methode"),
        (draws.DrawRequest("direct", date(2020, 1, 1), council_id=1), "verleden"),
        (draws.DrawRequest("direct", START), "bestaande raad"),
        (draws.DrawRequest("direct", START, new_council=draws.NewCouncil("X", [1], 11, 0, 24)),
         "naam"),
        (draws.DrawRequest("direct", START, new_council=draws.NewCouncil("Raad", [], 11, 0, 24)),
         "wijk"),
        (draws.DrawRequest("direct", START,
                           new_council=draws.NewCouncil("Raad", [1], 0, 0, 24)), "zetels"),
        (draws.DrawRequest("direct", START, council_id=1, purpose="panel", panel_size=2),
         "wijkpanel"),
    ],
)  # fmt: skip
def test_bad_draw_requests_change_nothing(
    store: Store, request_: draws.DrawRequest, message: str
) -> None:
    before = count(store, "SELECT count(*) FROM draw")
    with pytest.raises(UserError, match=message):
        draws.start_draw(store, EVERYWHERE, request_)
    assert count(store, "SELECT count(*) FROM draw") == before


@pytest.mark.parametrize("caller", [PUBLIC, ALDERMAN, OTHER_ORGANISER])
def test_only_the_neighbourhoods_organisers_run_its_draws(store: Store, caller: Caller) -> None:
    draw_id = new_draw(store)
    with pytest.raises(PermissionDenied):
        draws.draw_state(store, caller, draw_id)
    with pytest.raises(PermissionDenied):
        draws.start_draw(
            store, caller, draws.DrawRequest("direct", START, council_id=council_of_hood_1(store))
        )
    assert [c.council.id for c in draws.councils_for(store, ORGANISER)] == [
        council_of_hood_1(store)
    ]


# Step 2 ------------------------------------------------------------------------------------------


def test_the_register_extract_is_checked_then_stored_once(store: Store) -> None:
    draw_id = new_draw(store)
    data = extract_bytes(store)  # the whole municipality: other neighbourhoods are left out
    check = checked(store, draw_id, data)
    in_hood = count(store, "SELECT count(*) FROM resident WHERE neighbourhood_id = 1")
    assert check.rows_used == in_hood and check.rows_outside == check.rows_read - in_hood
    assert check.problems == () and check.rejected_lines == 0
    assert count(store, "SELECT count(*) FROM draw_register") == 0  # nothing stored yet

    result = draw_register.import_register(store, ORGANISER, draw_id, check, False)
    assert not result.already_imported
    assert result.stored.residents_new == 0 and result.stored.residents_changed == 0
    assert (
        count(store, "SELECT count(*) FROM draw_register WHERE draw_id = ?", [draw_id]) == in_hood
    )
    again = draw_register.import_register(store, ORGANISER, draw_id, check, False)
    assert again.already_imported and len(events(store, "draw.register")) == 1
    assert (
        count(store, "SELECT count(*) FROM draw_register WHERE draw_id = ?", [draw_id]) == in_hood
    )
    assert_no_personal_data(store)


def test_new_and_moved_residents_are_added_and_updated(store: Store) -> None:
    draw_id = new_draw(store)
    with store.read() as cur:
        frame = register_as_extract(cur, [1])
        part = cur.execute("SELECT code FROM neighbourhood_part WHERE neighbourhood_id = 1 "
                           "ORDER BY code DESC LIMIT 1").fetchall()[0][0]  # fmt: skip
        # Someone invited in an earlier draw (rows refer to them) moves to a new household.
        mover = cur.execute(
            "SELECT min(resident_id) FROM invitation i JOIN resident r "
            "ON r.id = i.resident_id WHERE r.neighbourhood_id = 1"
        ).fetchall()[0][0]
    frame_before = frame.set_index("persoonsnummer")
    newcomer = frame.iloc[0].copy()
    newcomer["persoonsnummer"], newcomer["huishoudnummer"] = 9_000_001, 9_000_001
    newcomer["straat"], newcomer["buurtcode"] = "Nieuwstraat", part
    frame.loc[1, "straat"] = "Verhuisd 1"
    moving = frame["persoonsnummer"] == mover
    frame.loc[moving, ["huishoudnummer", "buurtcode", "straat"]] = [9_000_002, part, "Elders 2"]
    frame = pd.concat([frame, newcomer.to_frame().T], ignore_index=True)
    check = checked(store, draw_id, frame.to_csv(index=False, sep=";").encode())
    assert check.problems == ()
    result = draw_register.import_register(store, ORGANISER, draw_id, check, False)
    assert result.stored.residents_new == 1 and result.stored.residents_changed == 1
    assert count(store, "SELECT count(*) FROM resident_contact WHERE street = 'Verhuisd 1'") == 1
    assert count(store, "SELECT count(*) FROM household WHERE id IN (9000001, 9000002)") == 2
    # The draw sees where the mover lives now.
    assert count(store, "SELECT household_id FROM draw_register WHERE resident_id = ?",
                 [mover]) == 9_000_002  # fmt: skip
    # So does everything that reads where people live (resident_now), e.g. the next
    # extract and the public groups; the resident row keeps the first address.
    assert count(store, "SELECT household_id FROM resident_now WHERE id = ?", [mover]) == (
        9_000_002
    )
    assert count(store, "SELECT household_id FROM resident WHERE id = ?", [mover]) != 9_000_002
    with store.read() as cur:
        now = register_as_extract(cur, [1]).set_index("persoonsnummer")
    assert (now.loc[mover, "huishoudnummer"], now.loc[mover, "buurtcode"]) == (9_000_002, part)
    # The same extract again: nothing changed. Moving back to the first address: the move
    # is gone.
    frame.loc[2, "straat"] = "Verhuisd 3"  # another file, the same people where they were
    again = draw_register.import_register(
        store, ORGANISER, draw_id, checked(store, draw_id, frame.to_csv(index=False, sep=";")
                                           .encode()), False,
    )  # fmt: skip
    assert not again.already_imported and again.stored.residents_changed == 0
    back = frame[frame["persoonsnummer"] != 9_000_001].copy()
    back.loc[back["persoonsnummer"] == mover, ["huishoudnummer", "buurtcode"]] = [
        int(frame_before.loc[mover, "huishoudnummer"]),
        frame_before.loc[mover, "buurtcode"],
    ]
    draw_register.import_register(
        store, ORGANISER, draw_id, checked(store, draw_id, back.to_csv(index=False, sep=";")
                                           .encode()), False,
    )  # fmt: skip
    assert count(store, "SELECT count(*) FROM resident_move WHERE resident_id = ?", [mover]) == 0


def test_after_an_import_the_register_reads_as_the_extract_says(store: Store) -> None:
    """Every kind of difference in one extract (attributes, contact data only, a move to
    another stored household, an empty optional value, a newcomer in a stored household):
    afterwards the stored register, read back as an extract, is the extract, the empty
    value kept as it was; the same file again changes nothing."""
    draw_id = new_draw(store)
    with store.read() as cur:
        before = register_as_extract(cur, [1])
    extract = before.copy()
    extract.loc[0, "geboortedatum"] = "1950-01-02"  # an attribute
    extract.loc[1, "voornaam"] = "Anders"  # contact data only: not a changed resident
    other = extract.loc[extract["huishoudnummer"] != extract.loc[2, "huishoudnummer"]].iloc[-1]
    # A move (the street left as it was: a move is found by itself, not by the address).
    extract.loc[2, ["huishoudnummer", "buurtcode"]] = [other["huishoudnummer"], other["buurtcode"]]
    extract.loc[3, "opleiding"] = None  # empty: what is stored stays
    newcomer = extract.iloc[4].copy()
    newcomer["persoonsnummer"], newcomer["voornaam"] = 9_000_011, "Nieuw"
    extract = pd.concat([extract, newcomer.to_frame().T], ignore_index=True)
    check = checked(store, draw_id, extract.to_csv(index=False, sep=";").encode())
    assert check.problems == ()
    result = draw_register.import_register(store, ORGANISER, draw_id, check, False)
    assert (result.stored.residents_new, result.stored.residents_changed) == (1, 2)
    expected = extract.copy()
    expected.loc[3, "opleiding"] = before.loc[3, "opleiding"]
    with store.read() as cur:
        after = register_as_extract(cur, [1])
    pd.testing.assert_frame_equal(
        after.astype(str).reset_index(drop=True), expected.astype(str).reset_index(drop=True)
    )
    extract.loc[5, "voornaam"] = "Weer anders"  # the same people, another file
    again = draw_register.import_register(
        store, ORGANISER, draw_id,
        checked(store, draw_id, extract.to_csv(index=False, sep=";").encode(), "brp2.csv"),
        False,
    )  # fmt: skip
    assert not again.already_imported
    assert (again.stored.residents_new, again.stored.residents_changed) == (0, 0)
    expected.loc[5, "voornaam"] = "Weer anders"
    with store.read() as cur:
        pd.testing.assert_frame_equal(
            register_as_extract(cur, [1]).astype(str).reset_index(drop=True),
            expected.astype(str).reset_index(drop=True),
        )


def test_the_report_names_every_problem_with_its_row(store: Store) -> None:
    draw_id = new_draw(store)
    with store.read() as cur:
        frame = register_as_extract(cur, [1]).astype(str)
    frame.loc[0, "geboortedatum"] = "31-02-1990"  # line 2
    frame.loc[1, "geslacht"] = "q"  # line 3
    frame.loc[2, "wijkcode"] = "WK999"  # line 4
    frame.loc[3, "persoonsnummer"] = frame.loc[4, "persoonsnummer"]  # lines 5 and 6
    frame.loc[6, "postcode"] = ""  # line 8
    frame.loc[7, "geboortedatum"] = "2999-01-01"  # line 9
    frame.loc[8, "buurtcode"] = "BU9999"  # line 10
    check = checked(store, draw_id, frame.to_csv(index=False, sep=";").encode())
    report = {(p.field, p.reason): p.lines for p in check.problems}
    assert report[("geboortedatum", "geen datum (schrijf 2001-03-31 of 31-03-2001)")] == (2,)
    assert report[("geslacht", "onbekend geslacht 'q' (gebruik vrouw, man of anders)")] == (3,)
    assert report[("wijkcode", "onbekende wijkcode 'WK999'")] == (4,)
    assert report[("persoonsnummer", "persoonsnummer staat ook op regel 5")] == (6,)
    assert report[("postcode", "postcode ontbreekt")] == (8,)
    assert report[("geboortedatum", "ligt in de toekomst")] == (9,)
    assert report[("buurtcode", "onbekende buurtcode 'BU9999'")] == (10,)
    assert check.rejected_lines == 7 and check.rows_used == len(frame) - 7
    assert list(check.problem_table().columns) == ["regel", "kolom", "reden"]
    with pytest.raises(UserError, match="7 rijen hebben een probleem"):
        draw_register.import_register(store, ORGANISER, draw_id, check, False)
    assert count(store, "SELECT count(*) FROM draw_register") == 0
    draw_register.import_register(store, ORGANISER, draw_id, check, True)
    assert count(store, "SELECT count(*) FROM draw_register") == len(frame) - 7


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "foto.csv", "geen CSV"),
        (b"PK\x03\x04rubbish", "kapot.xlsx", "Excel"),
        (b"a;b;a\n1;2;3\n", "dubbel.csv", "twee keer"),
        (b"a;b\n", "kop.csv", "geen rijen"),
    ],
)
def test_a_wrong_file_is_refused(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        rx.read_upload(data, name)


def test_wrong_columns_are_named(store: Store) -> None:
    draw_id = new_draw(store)
    upload = rx.read_upload(b"naam;adres\nJan;Dorpsstraat 1\n", "verkeerd.csv")
    mapping = rx.guess_mapping(upload.columns)
    with pytest.raises(UserError, match="persoonsnummer, huishoudnummer, geboortedatum"):
        draw_register.check_register(store, ORGANISER, draw_id, upload, mapping)
    full = {f.key: "naam" if f.required else "" for f in rx.FIELDS}
    with pytest.raises(UserError, match="De kolom naam is voor twee gegevens gekozen"):
        rx.check_mapping(full, upload.columns)
    with pytest.raises(UserError, match="De kolom woonplaats staat niet in het bestand"):
        rx.check_mapping({**full, "city": "woonplaats"}, upload.columns)


def test_a_mapping_reads_other_column_names_and_xlsx(store: Store) -> None:
    draw_id = new_draw(store)
    with store.read() as cur:
        frame = register_as_extract(cur, [1]).astype(str).head(30)
    frame = frame.rename(columns={"persoonsnummer": "PersNr", "geboortedatum": "Geb.datum"})
    frame["geboortedatum_nl"] = pd.to_datetime(frame["Geb.datum"]).dt.strftime("%d-%m-%Y")
    frame = frame.drop(columns=["Geb.datum"])
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    upload = rx.read_upload(buffer.getvalue(), "uittreksel.xlsx")
    mapping = rx.guess_mapping(upload.columns)
    assert mapping["resident_id"] == "" and mapping["birth_date"] == ""
    mapping |= {"resident_id": "PersNr", "birth_date": "geboortedatum_nl"}
    check = draw_register.check_register(store, ORGANISER, draw_id, upload, mapping)
    assert check.problems == () and check.rows_used == 30


# Step 3 ------------------------------------------------------------------------------------------


def test_the_invitation_lottery_draws_once_with_codes_and_strata(store: Store) -> None:
    draw_id = imported(store)
    plan = draw_invitations.lottery_plan(
        store, ORGANISER, draw_id, 60, {"Oosterhoek / 16-24": 0.01}
    )
    assert plan.strata["letters"].sum() == 60
    room = draw_invitations.lottery_room(store, ORGANISER, draw_id)
    assert room.households == plan.strata["households"].sum()
    assert room.not_drawable > 0  # the council's sitting members (demo history)
    rates = dict(zip(plan.strata["stratum"], plan.strata["response_rate"], strict=True))
    assert rates["Oosterhoek / 16-24"] == 0.01 and rates["Oosterhoek / 65+"] == 0.08
    assert draw_invitations.draw_invitations(store, ORGANISER, draw_id, 60,
                                             {"Oosterhoek / 16-24": 0.01}) == 60  # fmt: skip
    with pytest.raises(UserError, match="al geloot"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 60)
    with store.read() as cur:
        letters = draw_rows.invitations(cur, draw_id)
    assert len(letters) == 60 and len({i.household_id for i in letters}) == 60
    with store.read() as cur:  # sitting and recent members are never invited (cool-down)
        sitting = {r for r, _ in draw_rows.council_service(cur, council_of_hood_1(store))}
    assert not sitting & {i.resident_id for i in letters}
    # The plan the organiser saw is what was drawn, group by group.
    drawn = pd.Series([i.stratum for i in letters]).value_counts().to_dict()
    planned = dict(zip(plan.strata["stratum"], plan.strata["letters"], strict=True))
    assert drawn == {s: n for s, n in planned.items() if n}
    assert len({i.letter_code for i in letters}) == 60
    assert all(i.channel == "brief" and i.sent_on is not None for i in letters)
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.parameters["letters"] == 60 and "lottery_seed" in state.context.parameters
    [event] = events(store, "draw.invitations")
    assert json.loads(event.payload_json)["invitations"] == 60
    assert_no_personal_data(store)


def test_two_sessions_drawing_at_once_draw_once(store: Store) -> None:
    draw_id = imported(store)
    outcomes: list[object] = []

    def run() -> None:
        try:
            outcomes.append(draw_invitations.draw_invitations(store, ORGANISER, draw_id, 40))
        except UserError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(type, outcomes), key=str) == sorted([int, UserError], key=str)
    assert count(store, "SELECT count(*) FROM invitation WHERE draw_id = ?", [draw_id]) == 40


def test_bad_lottery_input_changes_nothing(store: Store) -> None:
    draw_id = new_draw(store)
    with pytest.raises(UserError, match="uittreksel"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 10)
    draw_id_2 = imported(store, "two_stage") if False else None
    assert draw_id_2 is None
    check = checked(store, draw_id, extract_bytes(store, [1]))
    draw_register.import_register(store, ORGANISER, draw_id, check, False)
    with pytest.raises(UserError, match="meer dan er huishoudens"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 100_000)
    with pytest.raises(UserError, match="tussen 0 en 100"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 10, {"65+": 0})
    with pytest.raises(UserError, match="heel getal"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 0)
    assert count(store, "SELECT count(*) FROM invitation WHERE draw_id = ?", [draw_id]) == 0


def test_mail_merge_and_letters(store: Store) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 25)
    with store.transaction() as cur:  # a hostile name from the register
        cur.execute(
            "UPDATE resident_contact SET first_name = '=HYPERLINK(\"x\")', last_name = '<b>Bo</b>' "
            "WHERE resident_id = (SELECT min(resident_id) FROM invitation WHERE draw_id = ?)",
            [draw_id],
        )
    merge = draw_invitations.mail_merge(store, ORGANISER, draw_id)
    assert len(merge) == 25 and merge["code"].str.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}").all()
    from dashboard.components.exports import csv_bytes

    text = csv_bytes(merge).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    details = draw_invitations.LetterDetails(clock.today() + timedelta(days=21), "14 050",
                                             "wijkraad@wijkdam.nl", "Team Wijkraad")  # fmt: skip
    page = draw_invitations.letters_file(store, ORGANISER, draw_id, details)
    assert page.count('<section class="letter">') == 25
    assert "&lt;b&gt;Bo&lt;/b&gt;" in page and "<b>Bo</b>" not in page
    assert "Meld u aan vóór" in page and merge["code"].iloc[0] in page
    # "uitgeloot" is read as not chosen (as for a study place): the letter says it plainly.
    assert "Uw adres is door loting gekozen" in page and "uitgeloot" not in page
    with pytest.raises(UserError, match="e-mailadres"):
        draw_invitations.letters_file(store, ORGANISER, draw_id,
                                      draw_invitations.LetterDetails(details.reply_by, "1", "x",
                                                                     "T"))  # fmt: skip


# Step 4 ------------------------------------------------------------------------------------------


def register_yes(store: Store, draw_id: int, how_many: int) -> list[str]:
    with store.read() as cur:
        codes = [i.letter_code for i in draw_rows.invitations(cur, draw_id)][:how_many]
    assert len(codes) == how_many
    registrations = [
        draw_answers.Registration(str(code), "ja", Answers(gender=("vrouw", "man")[n % 2]))
        for n, code in enumerate(codes)
    ]
    draw_answers.record_registrations(store, ORGANISER, draw_id, registrations)
    return [str(c) for c in codes]


def test_registrations_by_form_and_csv_are_stored_once(store: Store) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 40)
    with store.read() as cur:
        codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)]
    answer = Answers(age_band="25-44", gender="Vrouw", part_code="bu0011")
    draw_answers.record_registration(store, ORGANISER, draw_id, codes[0].lower(), "ja", answer)
    assert draw_answers.record_registration(store, ORGANISER, draw_id, codes[0], "ja",
                                            answer).added == 0  # fmt: skip
    with store.read() as cur:
        stored = draw_rows.responses(cur, draw_id)
    assert [(r.gender, r.part_code) for r in stored] == [("vrouw", "BU0011")]

    csv = "code;antwoord;leeftijd;geslacht\n" + "\n".join(
        f"{c};{'ja' if n % 3 else 'nee'};45-64;man" for n, c in enumerate(codes[1:13])
    )
    result = draw_answers.import_registrations(store, ORGANISER, draw_id, csv.encode())
    assert result.added == 12
    again = draw_answers.import_registrations(store, ORGANISER, draw_id, csv.encode())
    assert again.added == 0 and again.already_known == 12
    assert len(events(store, "draw.registrations")) == 2
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.volunteers == 1 + 8 and state.answers == 13


def test_every_problem_of_a_registrations_file_is_reported_at_once(store: Store) -> None:
    """A code of no letter (found against the draw) and an answer that is no ja or nee
    (found reading the file) in one answer, in the file's order; nothing stored."""
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 40)
    with store.read() as cur:
        code = str(draw_rows.invitations(cur, draw_id)[0].letter_code)
    csv = f"code;antwoord\nZZZZ-ZZZZ;ja\n{code};misschien\n{code};ja\n{code};ja\n"
    with pytest.raises(UserError) as refused:
        draw_answers.import_registrations(store, ORGANISER, draw_id, csv.encode())
    message = str(refused.value)
    assert "3 problemen" in message
    first, second, third = (message.index(f"Regel {n}") for n in (2, 3, 5))
    assert first < second < third
    assert "hoort bij geen brief" in message and "misschien" in message
    assert "staat ook op regel 4" in message
    with store.read() as cur:
        assert draw_rows.responses(cur, draw_id) == []


def test_a_volunteer_withdraws_or_corrects_until_the_selection_is_prepared(
    store: Store,
) -> None:
    from tests.conftest import DEMO_TODAY

    """A different later answer is stored as a new response that counts; the earlier one
    stays as its trace. Once the fingerprint is made, the answers are fixed."""
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 40)
    first, second = register_yes(store, draw_id, 2)
    assert draws.draw_state(store, ORGANISER, draw_id).volunteers == 2
    withdrawn = draw_answers.record_registration(
        store, ORGANISER, draw_id, first.replace("-", "").lower(), "nee", Answers()
    )
    [note] = withdrawn.changes
    assert note.startswith(f"Code {first} trekt zich terug (eerder ja, ")
    corrected = draw_answers.record_registration(
        store, ORGANISER, draw_id, second, "ja", Answers(gender="vrouw")
    )
    [note] = corrected.changes
    assert note.startswith(f"Code {second}: antwoord gewijzigd in ja (eerder ja, ")
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.volunteers == 1 and state.answers == 2
    with store.read() as cur:
        stored = draw_rows.responses(cur, draw_id)
        pool = draw_rows.pool_frame(cur, draw_id, DEMO_TODAY)
    assert len(stored) == 4  # both earlier answers kept
    assert list(pool["gender"]) == ["vrouw"]
    assert json.loads(events(store, "draw.registrations")[-1].payload_json)["changed"] == 1

    with store.transaction() as cur:  # as if the selection were prepared
        cur.execute("UPDATE draw SET commitment = ? WHERE id = ?", ["0" * 64, draw_id])
    with pytest.raises(UserError, match="afzegging in stap 8"):
        draw_answers.record_registration(store, ORGANISER, draw_id, second, "nee", Answers())
    with store.read() as cur:
        assert len(draw_rows.responses(cur, draw_id)) == 4
    with store.transaction() as cur:  # completed: the public counts each letter once
        cur.execute("UPDATE draw SET status = 'completed', completed_at = ? WHERE id = ?",
                    [clock.utc_naive_now(), draw_id])  # fmt: skip
        [(council_id,)] = cur.execute(
            "SELECT council_id FROM draw WHERE id = ?", [draw_id]
        ).fetchall()
        counts = public_rows.latest_council_draw(cur, council_id, DEMO_TODAY)
    assert counts is not None and counts.outcomes == {"ja": 1, "nee": 1}  # was ja 2, nee 1


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("naam;antwoord\nx;ja\n", "Kolommen ontbreken: code"),
        ("code;antwoord\nABCD-EFGH;misschien\n", "Regel 2: antwoord 'misschien'"),
        ("code;antwoord\nZZZZ-ZZZZ;ja\n", "Regel 2: code 'ZZZZ-ZZZZ' hoort bij geen brief"),
        ("code;antwoord;geslacht\n{0};ja;man\n{1};ja;robot\n", "Onbekend geslacht 'robot'"),
        ("code;antwoord\n{0};ja\n{0};ja\n", "Regel 3: code .* staat ook op regel 2"),
    ],
)
def test_a_bad_registrations_file_stores_nothing(store: Store, csv: str, message: str) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 10)
    with store.read() as cur:
        codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)]
    with pytest.raises(UserError, match=message):
        draw_answers.import_registrations(store, ORGANISER, draw_id, csv.format(*codes).encode())
    assert count(store, "SELECT count(*) FROM response r JOIN invitation i ON i.id = "
                 "r.invitation_id WHERE i.draw_id = ?", [draw_id]) == 0  # fmt: skip


def test_response_by_group_compares_volunteers_with_the_neighbourhood(store: Store) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 40)
    register_yes(store, draw_id, 10)
    table = draw_answers.response_by_group(store, ORGANISER, draw_id)
    for _, rows in table.groupby("feature"):
        assert rows["neighbourhood_share"].sum() == pytest.approx(1)
        assert rows["volunteer_share"].sum() == pytest.approx(1)
        assert rows["invited"].sum() == 40 and rows["yes"].sum() == 10
    assert set(table["feature"]) == {"age_band", "gender", "education", "tenure", "part", "origin"}
    assert "0-15" not in set(table["value"]) and "onbekend" not in set(
        table.loc[table["feature"] == "education", "value"]
    )


def test_home_visits_replace_each_refusal_once_from_the_same_group(store: Store) -> None:
    draw_id = imported(store, "direct")
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 12)
    with store.read() as cur:
        first = draw_rows.invitations(cur, draw_id)[0]
        assert first.channel == "huisbezoek" and first.sent_on is None
    with pytest.raises(UserError, match="nee zei of niet thuis"):
        draw_invitations.replace_refusal(store, ORGANISER, first.id)
    draw_invitations.record_visit(store, ORGANISER, first.id, "later", visitor="Anna")
    draw_invitations.record_visit(store, ORGANISER, first.id, "nee", visitor="Anna")
    new_id = draw_invitations.replace_refusal(store, ORGANISER, first.id)
    with store.read() as cur:
        new = draw_rows.invitation(cur, new_id)
        households = [i.household_id for i in draw_rows.invitations(cur, draw_id)]
    assert new is not None and new.stratum == first.stratum and new.replaces_id == first.id
    assert len(households) == len(set(households)) == 13
    before = count(store, "SELECT count(*) FROM invitation")
    with pytest.raises(UserError, match="twee keer vervangen"):
        draw_invitations.replace_refusal(store, ORGANISER, first.id)
    with pytest.raises(UserError, match="al vervangen"):
        draw_invitations.record_visit(store, ORGANISER, first.id, "ja", visitor="Anna")
    assert count(store, "SELECT count(*) FROM invitation") == before
    draw_invitations.record_visit(
        store, ORGANISER, new_id, "ja", Answers(education="hoog"), visitor="Anna"
    )
    with pytest.raises(UserError, match="al ja gezegd"):
        draw_invitations.record_visit(store, ORGANISER, new_id, "nee", visitor="Anna")
    with pytest.raises(UserError, match="niet thuis, nee, later of ja"):
        draw_invitations.record_visit(store, ORGANISER, new_id, "misschien", visitor="Anna")
    visits = draw_invitations.visit_list(store, ORGANISER, draw_id)
    assert visits.set_index("invitation_id").loc[first.id, "replaced_by"] == new_id
    table = draw_answers.response_by_group(store, ORGANISER, draw_id)
    assert table["no"].sum() > 0 and table["refusal_rate"].notna().any()
    with pytest.raises(UserError, match="huisbezoeken"):
        draw_answers.record_registration(store, ORGANISER, draw_id, "X", "ja", Answers())
    assert len(events(store, "draw.visit")) == 3
    assert len(events(store, "draw.replace_refusal")) == 1


# Step 5 ------------------------------------------------------------------------------------------


def test_quotas_from_shares_checked_relaxed_and_saved(store: Store) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 80)
    register_yes(store, draw_id, 30)
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["age_band", "gender"])
    assert set(proposed["feature"]) == {"age_band", "gender"}
    assert proposed.groupby("feature")["min"].sum().le(11).all()
    assert proposed.groupby("feature")["max"].sum().ge(11).all()

    # 15 women and 15 men volunteered, nobody answered 'anders'.
    impossible = pd.DataFrame(
        [("gender", "vrouw", 5, 6), ("gender", "man", 5, 6), ("gender", "anders", 1, 1)],
        columns=["feature", "value", "min", "max"],
    )
    result = draw_quotas.check_quotas(store, ORGANISER, draw_id, impossible)
    assert not result.feasible and result.suggestion is not None
    assert any("anders: minimaal 1 gevraagd, maar er zijn maar 0" in p for p in result.problems)
    assert "geslacht anders: minimum van 1 naar 0" in result.problems[-1]
    with pytest.raises(UserError, match="Niet haalbaar"):
        draw_quotas.save_quotas(store, ORGANISER, draw_id, impossible)
    assert count(store, "SELECT count(*) FROM quota WHERE draw_id = ?", [draw_id]) == 0
    suggestion = result.suggestion
    assert draw_quotas.check_quotas(store, ORGANISER, draw_id, suggestion).feasible

    fine = pd.DataFrame(
        [("gender", "vrouw", 4, 7), ("gender", "man", 4, 7), ("gender", "anders", 0, 1)],
        columns=["feature", "value", "min", "max"],
    )
    assert draw_quotas.save_quotas(store, ORGANISER, draw_id, fine).feasible
    saved = draw_quotas.saved_quotas(store, ORGANISER, draw_id)
    assert saved.values.tolist() == fine.values.tolist()
    assert draws.draw_state(store, ORGANISER, draw_id).steps_done[5]
    [event] = events(store, "draw.quotas")
    assert json.loads(event.payload_json) == {"features": ["gender"], "quotas": 3}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("kleur", "rood", 0, 1)], "kenmerk 'kleur' bestaat niet. Kies uit: leeftijd, geslacht"),
        (
            [("gender", "vrouw", 5, 2)],
            r"Rij 1 \(geslacht vrouw\): het minimum is groter dan het max",
        ),
        ([("gender", "vrouw", "x", 2)], "'x' is geen getal"),
        (
            [("gender", "vrouw", 1, 2), ("gender", "vrouw", 1, 2)],
            "Rij 2: geslacht vrouw staat er twee",
        ),
        ([("gender", "vrouw", 0, 11)], "geen quotum"),
        ([], "leeg"),
    ],
)
def test_bad_quota_tables_are_explained(store: Store, rows: list[tuple], message: str) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 80)
    register_yes(store, draw_id, 20)
    table = pd.DataFrame(rows, columns=["feature", "value", "min", "max"])
    with pytest.raises(UserError, match=message):
        draw_quotas.save_quotas(store, ORGANISER, draw_id, table)
    assert count(store, "SELECT count(*) FROM quota WHERE draw_id = ?", [draw_id]) == 0


def test_too_few_volunteers_is_said_plainly(store: Store) -> None:
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 30)
    register_yes(store, draw_id, 5)
    table = pd.DataFrame(
        [("gender", "vrouw", 0, 11), ("gender", "man", 0, 11), ("gender", "anders", 0, 11)],
        columns=["feature", "value", "min", "max"],
    )
    result = draw_quotas.check_quotas(store, ORGANISER, draw_id, table)
    assert not result.feasible and "5 aanmeldingen voor 11 zetels" in result.problems[0]


def test_a_cancelled_draw_takes_no_more_steps(store: Store) -> None:
    draw_id = imported(store)
    draws.cancel_draw(store, ORGANISER, draw_id, "Verkeerd uittreksel gebruikt")
    with pytest.raises(UserError, match="gestopt"):
        draw_invitations.draw_invitations(store, ORGANISER, draw_id, 10)
    new_draw(store)  # the council may start again


def test_the_next_term_starts_when_the_sitting_one_ends(store: Store) -> None:
    [choice] = draws.councils_for(store, ORGANISER)
    with store.read() as cur:
        last = max(t.ends_on for t in council.terms(cur, choice.council.id))
    assert choice.next_term_starts == (last if last > clock.today() else None)


def test_the_councils_groups_follow_a_member_who_moved(store: Store) -> None:
    from dashboard.store import public as records
    from tests.conftest import DEMO_TODAY

    council_id = council_of_hood_1(store)
    with store.read() as cur:
        before = records.drawn_member_groups(cur, council_id, DEMO_TODAY)["part"]
        member, household, old = cur.execute(
            "SELECT r.id, r.household_id, p.code FROM seat_now s JOIN resident r "
            "ON r.id = s.resident_id JOIN neighbourhood_part p ON p.id = r.part_id "
            "JOIN term t ON t.id = s.term_id WHERE s.council_id = ? AND s.kind = 'drawn' "
            "AND t.starts_on <= ? AND t.ends_on > ? AND s.ends_on IS NULL ORDER BY r.id LIMIT 1",
            [council_id, DEMO_TODAY, DEMO_TODAY],
        ).fetchall()[0]
        new, new_id = cur.execute(
            "SELECT code, id FROM neighbourhood_part WHERE neighbourhood_id = 1 AND code <> ? "
            "ORDER BY code LIMIT 1",
            [old],
        ).fetchall()[0]
    with store.transaction() as cur:  # as a register import records a move
        cur.execute(
            "INSERT INTO resident_move VALUES (?, ?, 1, ?, ?)",
            [member, household, new_id, DEMO_TODAY],
        )
    with store.read() as cur:
        after = records.drawn_member_groups(cur, council_id, DEMO_TODAY)["part"]
    assert after.get(old, 0) == before[old] - 1
    assert after[new] == before.get(new, 0) + 1


def test_one_volunteer_of_a_group_is_said_in_the_singular() -> None:
    from dashboard.services.draws.quotas import _feature_problems

    pool = pd.DataFrame({"gender": ["vrouw", "man", "anders"]})
    rows = [("gender", "vrouw", 0, 3), ("gender", "man", 0, 3), ("gender", "anders", 2, 2)]
    [problem] = _feature_problems("gender", rows, pool, 3, "council", {})
    assert problem.endswith("minimaal 2 gevraagd, maar er is maar 1 aanmelding met die waarde.")

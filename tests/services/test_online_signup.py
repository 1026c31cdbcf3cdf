"""Residents sign up online with the code of their letter (dashboard/services/signup.py):
the code as people type it, one message for every code that opens nothing, wrong codes
locking a client out for a while, a code only for its own draw and only while it takes
registrations, corrections and withdrawals until the selection is prepared, a double
submission recorded once, the phone and e-mail checked, erased and kept by the retention
rule, the organisers' view of them audited, and the letters with the address and QR code."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
import time_machine

from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.files import draw_documents
from dashboard.files import register_extract as rx
from dashboard.security.lockout import LockoutPolicy
from dashboard.services import privacy, signup
from dashboard.services.draws import after_draw, selection
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.context import Answers
from dashboard.store import audit, council
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from sortition import clock


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ORGANISER = Caller("organisator", Role.ORGANISER, None)
CLIENT = "203.0.113.7"
OTHER_CLIENT = "198.51.100.20"
FORM = signup.Form(1, {}, "06 12345678", "", True)


@pytest.fixture(autouse=True)
def default_lockout(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WIJKRAAD_LOCKOUT_FAILURES", "WIJKRAAD_LOCKOUT_MINUTES", "WIJKRAAD_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)


def letters(store: Store, unknown: tuple[str, ...] = (), method: str = "two_stage") -> int:
    """A draw of the first neighbourhood's council with its 80 letters drawn, whose
    register extract did not know the groups `unknown` (education, tenure, origin)."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        extract = register_as_extract(cur, [1]).to_csv(index=False, sep=";").encode()
    request = draws.DrawRequest(method, clock.today() + timedelta(days=60), council_id)
    draw_id = draws.start_draw(store, ORGANISER, request)
    upload = rx.read_upload(extract, "brp.csv")
    check = draw_register.check_register(
        store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
    )
    draw_register.import_register(store, ORGANISER, draw_id, check, False)
    with store.transaction() as cur:  # as after an extract without these columns (a BRP's)
        for column in unknown:
            cur.execute(
                f"UPDATE draw_register SET {column} = 'onbekend' WHERE draw_id = ?", [draw_id]
            )
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 80)
    return draw_id


def codes(store: Store, draw_id: int) -> list[str]:
    with store.read() as cur:
        return [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)]


def household_letter(store: Store, draw_id: int) -> str:
    """The code of a letter whose household has two or more people who may sign up."""
    return next(c for c in codes(store, draw_id)
                if len(signup.find_signup(store, c, None).members) >= 2)  # fmt: skip


def rows(store: Store, sql: str, params: list[object]) -> list[tuple[object, ...]]:
    with store.read() as cur:
        return cur.execute(sql, params).fetchall()


def responses(store: Store, code: str) -> list[tuple[object, ...]]:
    return rows(
        store,
        "SELECT x.outcome, x.channel, x.resident_id, x.education FROM response x "
        "JOIN invitation i ON i.id = x.invitation_id WHERE i.letter_code = ? "
        "ORDER BY x.answered_at, x.id",
        [code],
    )


def contacts(store: Store) -> list[tuple[object, ...]]:
    return rows(store, "SELECT invitation_id, phone, email FROM signup_contact ORDER BY 1", [])


def refusal(action: object) -> str:
    assert callable(action)
    with pytest.raises(UserError) as refused:
        action()
    return str(refused.value)


# The code ----------------------------------------------------------------------------------------


def test_a_code_reads_the_same_in_any_case_with_or_without_its_dash_and_spaces(
    store: Store,
) -> None:
    draw_id = letters(store)
    code = codes(store, draw_id)[0]
    raw = code.replace("-", "")
    for typed in (code, code.lower(), raw, f"  {raw[:4].lower()} {raw[4:]} ",
                  f"{raw[:2]} {raw[2:6]}-{raw[6:]}", f"{raw[:4]}\u2013{raw[4:]}"):  # fmt: skip
        found = signup.find_signup(store, typed, CLIENT)
        assert (found.draw_id, found.code) == (draw_id, code)
    assert draw_answers.normal_code(" k7qm-2xhd ") == draw_answers.normal_code("K7QM2XHD")


def test_every_code_that_opens_nothing_gets_one_and_the_same_message(store: Store) -> None:
    draw_id = letters(store)
    first, second = codes(store, draw_id)[:2]
    unknown = next(c for c in ("ZZZZ-ZZZZ", "YYYY-YYYY") if c not in codes(store, draw_id))
    attempts = [
        lambda: signup.find_signup(store, unknown, None),  # no such letter
        lambda: signup.find_signup(store, first[:4], None),  # half a code
        lambda: signup.find_signup(store, first + "2", None),  # one character too many
        lambda: signup.find_signup(store, "", None),
        lambda: signup.find_signup(store, "<b>**K7QM**</b>", None),
        lambda: signup.sign_up(store, 1, first, FORM, None),  # the letter of another draw
        lambda: signup.withdraw(store, 1, first, None),
        lambda: signup.sign_up(store, draw_id, unknown, FORM, None),
    ]
    messages = {refusal(a) for a in attempts}
    # Registration over: the draw stopped.
    draws.cancel_draw(store, ORGANISER, draw_id, "Dubbel aangemaakt, opnieuw begonnen.")
    messages |= {refusal(lambda: signup.find_signup(store, second, None))}
    messages |= {refusal(lambda: signup.sign_up(store, draw_id, second, FORM, None))}
    # A code of a draw by home visits (they are read to the door, not signed up with).
    direct = letters(store, method="direct")
    messages |= {refusal(lambda: signup.find_signup(store, codes(store, direct)[0], None))}
    assert messages == {signup.BAD_CODE}
    answered = "SELECT count(*) FROM response x JOIN invitation i ON i.id = x.invitation_id "
    assert rows(store, answered + "WHERE i.draw_id IN (?, ?)", [draw_id, direct]) == [(0,)]


def test_wrong_codes_lock_the_client_out_for_a_while(store: Store) -> None:
    draw_id = letters(store)
    code = codes(store, draw_id)[0]
    now = clock.now()
    for _ in range(LockoutPolicy().max_failures):
        assert refusal(lambda: signup.find_signup(store, "ZZZZ-ZZZZ", CLIENT, now)) == (
            signup.BAD_CODE
        )
    locked = "Te veel pogingen vanaf dit adres; probeer het over 15 minuten opnieuw."
    # Now even the right code, and every step with it, is refused for this client.
    assert refusal(lambda: signup.find_signup(store, code, CLIENT, now)) == locked
    assert refusal(lambda: signup.sign_up(store, draw_id, code, FORM, CLIENT, now)) == locked
    assert refusal(lambda: signup.withdraw(store, draw_id, code, CLIENT, now)) == locked
    assert signup.find_signup(store, code, OTHER_CLIENT, now).code == code
    later = now + timedelta(minutes=14)
    assert "over 1 minuut" in refusal(lambda: signup.find_signup(store, code, CLIENT, later))
    assert signup.find_signup(store, code, CLIENT, now + timedelta(minutes=15)).code == code
    # A client that cannot be told apart (no address) is not limited, as everywhere.
    for _ in range(2 * LockoutPolicy().max_failures):
        refusal(lambda: signup.find_signup(store, "ZZZZ-ZZZZ", None, now))
    assert signup.find_signup(store, code, None, now).code == code
    assert responses(store, code) == []


def test_right_codes_do_not_count_towards_the_lock(store: Store) -> None:
    draw_id = letters(store)
    code = codes(store, draw_id)[0]
    now = clock.now()
    for _ in range(10):
        signup.find_signup(store, code, CLIENT, now)
    signup.sign_up(store, draw_id, code, FORM, CLIENT, now)
    for _ in range(LockoutPolicy().max_failures - 1):
        refusal(lambda: signup.find_signup(store, "ZZZZ-ZZZZ", CLIENT, now))
    assert signup.find_signup(store, code, CLIENT, now).current is not None


# Signing up, correcting and withdrawing ----------------------------------------------------------


def test_the_household_chooses_who_signs_up_and_answers_what_the_register_does_not_know(
    store: Store,
) -> None:
    draw_id = letters(store, unknown=("education",))
    code = household_letter(store, draw_id)
    view = signup.find_signup(store, code, CLIENT)
    assert len(view.members) >= 2 and view.current is None
    for member in view.members:  # initial and birth year, never a name
        assert re.fullmatch(r"[A-Z]\. \(\d{4}\)( \d)?", member.label), member.label
        assert [q.key for q in view.questions[member.number]] == ["education"]
    assert list(view.questions[1][0].choices) == ["laag", "middelbaar", "hoog"]
    with pytest.raises(UserError, match="Onbekende opleiding 'universiteit'"):
        signup.sign_up(store, draw_id, code,
                       signup.Form(2, {"education": "universiteit"}, "0612345678", "", True),
                       CLIENT)  # fmt: skip
    with pytest.raises(UserError, match=re.escape(signup.NO_MEMBER)):
        signup.sign_up(store, draw_id, code, signup.Form(9, {}, "0612345678", "", True), CLIENT)
    assert responses(store, code) == []
    # Only what was asked is stored: an answer to a question the register knows is left out.
    done = signup.sign_up(store, draw_id, code,
                          signup.Form(2, {"education": "Hoog", "gender": "anders"},
                                      " 06  1234 5678 ", "", True), CLIENT)  # fmt: skip
    assert (done.change, done.outcome, done.member) == ("new", "ja", view.members[1].label)
    assert done.answers == (("education", "hoog"),) and done.phone == "06 1234 5678"
    (outcome, channel, second, education), = responses(store, code)  # fmt: skip
    assert (outcome, channel, education) == ("ja", "online", "hoog")
    with store.read() as cur:
        letter = draw_rows.invitations_by_code(cur, draw_id)[code]
        pool = draw_rows.pool_frame(cur, draw_id, clock.today())
    # The second member (by age) of the letter's household signed up, not necessarily the
    # one the letter was addressed to; the pool has them, with their register's groups.
    year = rows(store, "SELECT CAST(extract(year FROM birth_date) AS BIGINT), household_id "
                "FROM draw_register "
                "WHERE draw_id = ? AND resident_id = ?", [draw_id, second])  # fmt: skip
    assert year == [(int(view.members[1].label[-5:-1]), letter.household_id)]
    volunteer = pool[pool["id"] == str(second)]
    assert len(volunteer) == 1 and volunteer["education"].iloc[0] == "hoog"
    assert len(pool) == 1
    # Step 4's groups count the yes for who said it.
    table = draw_answers.response_by_group(store, ORGANISER, draw_id)
    said_yes = table[table["yes"] > 0].set_index("feature")["value"].to_dict()
    assert said_yes["gender"] == volunteer["gender"].iloc[0]
    assert said_yes["age_band"] == volunteer["age_band"].iloc[0]


def test_a_correction_and_a_withdrawal_are_new_answers_that_keep_the_earlier_as_trace(
    store: Store,
) -> None:
    draw_id = letters(store, unknown=("education",))
    code = household_letter(store, draw_id)
    first = signup.sign_up(store, draw_id, code,
                           signup.Form(1, {"education": "laag"}, "0612345678", "", True),
                           CLIENT)  # fmt: skip
    changed = signup.sign_up(store, draw_id, code,
                             signup.Form(2, {"education": "hoog"}, "", "piet@voorbeeld.nl",
                                         True), CLIENT)  # fmt: skip
    assert (first.change, changed.change) == ("new", "changed")
    assert first.number != changed.number
    current = signup.find_signup(store, code, CLIENT).current
    assert current is not None and current.outcome == "ja" and current.member == 2
    assert (current.phone, current.email, current.online) == (None, "piet@voorbeeld.nl", True)
    assert current.answers == {"education": "hoog"} and current.confirmation == changed.number
    assert [r[0] for r in responses(store, code)] == ["ja", "ja"]
    assert [(p, e) for _, p, e in contacts(store)] == [(None, "piet@voorbeeld.nl")]
    withdrawn = signup.withdraw(store, draw_id, code, CLIENT)
    assert (withdrawn.change, withdrawn.outcome) == ("withdrawn", "nee")
    assert [r[0] for r in responses(store, code)] == ["ja", "ja", "nee"]
    assert contacts(store) == []  # what was left to reach them is gone with the sign-up
    again = signup.withdraw(store, draw_id, code, CLIENT)
    assert again.change == "same" and len(responses(store, code)) == 3
    back = signup.sign_up(store, draw_id, code, FORM, CLIENT)
    assert back.change == "changed" and [r[0] for r in responses(store, code)][-1] == "ja"
    # An answer the organiser typed keeps who in the household signed up.
    draw_answers.record_registration(store, ORGANISER, draw_id, code, "ja",
                                     Answers(education="middelbaar"))  # fmt: skip
    assert responses(store, code)[-1][1:] == (None, responses(store, code)[-2][2], "middelbaar")
    listed = draw_answers.registration_list(store, ORGANISER, draw_id)
    assert listed.answers == {"online": 0, "formulier": 1} and listed.rows["changed"].all()


def test_after_the_selection_is_prepared_the_code_changes_nothing_any_more(
    store: Store,
) -> None:
    draw_id = letters(store)
    all_codes = codes(store, draw_id)
    online = all_codes[0]
    signup.sign_up(store, draw_id, online, FORM, CLIENT)
    draw_answers.record_registrations(
        store, ORGANISER, draw_id,
        [draw_answers.Registration(c, "ja", Answers(gender=("vrouw", "man")[n % 2]))
         for n, c in enumerate(all_codes[1:30])],
    )  # fmt: skip
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender"])
    draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    selection.prepare_selection(store, ORGANISER, draw_id)
    before = responses(store, online)
    for attempt in (
        lambda: signup.find_signup(store, online, CLIENT),
        lambda: signup.sign_up(store, draw_id, online, FORM, CLIENT),
        lambda: signup.withdraw(store, draw_id, online, CLIENT),
        lambda: signup.find_signup(store, all_codes[40], CLIENT),  # never answered
    ):
        assert refusal(attempt) == signup.BAD_CODE
    assert responses(store, online) == before and len(contacts(store)) == 1
    # Undoing the preparation opens the registrations again.
    selection.discard_preparation(store, ORGANISER, draw_id, "Een quotum was verkeerd.")
    current = signup.find_signup(store, online, OTHER_CLIENT).current
    assert current is not None and current.outcome == "ja"


def test_the_same_sign_up_sent_twice_or_from_two_tabs_at_once_is_one_registration(
    store: Store,
) -> None:
    draw_id = letters(store)
    one, two = codes(store, draw_id)[:2]
    first = signup.sign_up(store, draw_id, one, FORM, CLIENT)
    again = signup.sign_up(store, draw_id, one, FORM, CLIENT)
    assert (first.change, again.change, again.number) == ("new", "same", first.number)
    assert len(responses(store, one)) == 1
    start = threading.Barrier(2)
    results: list[signup.Confirmation] = []

    def tab() -> None:
        start.wait()
        results.append(signup.sign_up(store, draw_id, two, FORM, CLIENT))

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()
    assert sorted(r.change for r in results) == ["new", "same"]
    assert len({r.number for r in results}) == 1
    assert len(responses(store, two)) == 1 and len(contacts(store)) == 2


def test_what_the_page_shows_after_an_action_is_what_reading_the_letter_again_gives(
    store: Store,
) -> None:
    draw_id = letters(store, unknown=("education",))
    code = household_letter(store, draw_id)
    view = signup.find_signup(store, code, CLIENT)
    for action in (
        lambda: signup.sign_up(store, draw_id, code,
                               signup.Form(2, {"education": "hoog"}, "0612345678", "", True),
                               CLIENT),
        lambda: signup.sign_up(store, draw_id, code,
                               signup.Form(1, {}, "", "piet@voorbeeld.nl", True), CLIENT),
        lambda: signup.withdraw(store, draw_id, code, CLIENT),
    ):  # fmt: skip
        done = action()
        assert done.change in ("new", "changed", "withdrawn")
        assert view.after(done) == signup.find_signup(store, code, CLIENT)


@pytest.mark.parametrize(
    ("phone", "email", "read", "message"),
    [
        ("", "", True, signup.NO_CONTACT),
        ("   ", " ", True, signup.NO_CONTACT),
        ("12345", "", True, "Het telefoonnummer '12345' klopt niet"),
        ("06-1234-abcd", "", True, "Het telefoonnummer '06-1234-abcd' klopt niet"),
        ("", "piet@", True, "Het e-mailadres 'piet@' klopt niet"),
        ("0612345678", "piet at voorbeeld.nl", True, "Het e-mailadres"),
        ("0612345678", "", False, signup.NO_CONSENT),
    ],
)
def test_the_contact_is_checked_and_a_refusal_stores_nothing(
    store: Store, phone: str, email: str, read: bool, message: str
) -> None:
    draw_id = letters(store)
    code = codes(store, draw_id)[0]
    with pytest.raises(UserError, match=re.escape(message)):
        signup.sign_up(store, draw_id, code, signup.Form(1, {}, phone, email, read), CLIENT)
    assert responses(store, code) == [] and contacts(store) == []
    done = signup.sign_up(store, draw_id, code,
                          signup.Form(1, {}, "+31 6 1234 5678", " p.jansen@voorbeeld.nl ", True),
                          CLIENT)  # fmt: skip
    assert (done.phone, done.email) == ("+31 6 1234 5678", "p.jansen@voorbeeld.nl")


# Personal data -----------------------------------------------------------------------------------


def signer(store: Store, code: str) -> int:
    found = rows(
        store,
        "SELECT coalesce(x.resident_id, i.resident_id) FROM response x JOIN invitation i "
        "ON i.id = x.invitation_id WHERE i.letter_code = ? ORDER BY x.id DESC LIMIT 1",
        [code],
    )
    return int(str(found[0][0]))


# The demo's day (WIJKRAAD_TODAY) at midday, and at half past midnight in Amsterdam, when
# the UTC date of a moment is still the day before.
TIMES_OF_DAY = {
    "midday": datetime(2026, 11, 23, 11, 0, tzinfo=UTC),
    "after-midnight": datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
}


@pytest.mark.parametrize("moment", TIMES_OF_DAY.values(), ids=TIMES_OF_DAY.keys())
def test_the_contact_left_online_is_erased_on_request_and_by_the_retention_rule(
    store: Store, moment: datetime
) -> None:
    with time_machine.travel(moment):
        erased_on_request_and_by_the_retention_rule(store)


def erased_on_request_and_by_the_retention_rule(store: Store) -> None:
    draw_id = letters(store)
    one, two = codes(store, draw_id)[:2]
    signup.sign_up(store, draw_id, one, signup.Form(1, {}, "0611111111", "", True), CLIENT)
    signup.sign_up(store, draw_id, two, signup.Form(1, {}, "", "twee@voorbeeld.nl", True), CLIENT)
    privacy.erase_contact(store, ORGANISER, signer(store, one), "ZAAK-16")
    assert [(p, e) for _, p, e in contacts(store)] == [(None, "twee@voorbeeld.nl")]
    # Kept while the draw runs, whatever the retention period.
    today = clock.today()
    assert privacy.apply_retention(store, SYSTEM, 0, today, dry_run=True).signup_contacts == 0
    assert privacy.apply_retention(store, SYSTEM, 0, today).signup_contacts == 0
    assert len(contacts(store)) == 1
    draws.cancel_draw(store, ORGANISER, draw_id, "De raad gaat niet door dit jaar.")
    early = privacy.apply_retention(store, SYSTEM, 30, today + timedelta(days=29))
    assert early.signup_contacts == 0 and len(contacts(store)) == 1
    due = today + timedelta(days=30)
    assert privacy.apply_retention(store, SYSTEM, 30, due, dry_run=True).signup_contacts == 1
    assert privacy.apply_retention(store, SYSTEM, 30, due).signup_contacts == 1
    assert contacts(store) == []
    with store.read() as cur:
        logged = " ".join(e.payload_json for e in audit.events(cur))
    assert "0611111111" not in logged and "twee@voorbeeld.nl" not in logged
    assert '"signup_contacts_deleted": 1' in logged


def test_organisers_see_the_contact_left_online_in_the_contact_list_and_that_is_audited(
    store: Store,
) -> None:
    draw_id = letters(store)
    all_codes = codes(store, draw_id)
    phones = {}
    for n, code in enumerate(all_codes[:14]):
        phones[code] = f"06 1234 56{n:02d}"
        signup.sign_up(store, draw_id, code, signup.Form(1, {}, phones[code], "", True), CLIENT)
    draw_answers.record_registrations(
        store, ORGANISER, draw_id,
        [draw_answers.Registration(c, "ja", Answers()) for c in all_codes[14:34]],
    )  # fmt: skip
    listed = draw_answers.registration_list(store, ORGANISER, draw_id)
    assert listed.answers == {"online": 14, "formulier": 20} and listed.yes["online"] == 14
    online_rows = listed.rows[listed.rows["via"] == "online"]
    assert online_rows["confirmation"].str.fullmatch(rf"{draw_id}-\d+").all()
    assert (listed.rows[listed.rows["via"] == "formulier"]["confirmation"] == "").all()
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender"])
    draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    selection.prepare_selection(store, ORGANISER, draw_id)
    selection.reveal_draw(store, ORGANISER, draw_id, ["3", "5", "1"])
    with pytest.raises(PermissionDenied):
        after_draw.contact_list(store, PUBLIC, draw_id)
    found = after_draw.contact_list(store, ORGANISER, draw_id)
    members = found.rows[found.rows["zetel"] == "geloot"]
    signers = {signer(store, c): p for c, p in phones.items()}
    expected = {p for r, p in signers.items() if str(r) in set(members_ids(store, draw_id))}
    assert set(members["telefoon"]) - {""} == expected
    assert (members["e-mail"] == "").all()
    with store.read() as cur:
        last = audit.events(cur)[-1]
        logged = " ".join(e.payload_json for e in audit.events(cur))
    assert (last.action, last.entity_id) == ("draw.contact_list", str(draw_id))
    assert f'"online_contacts": {len(expected)}' in last.payload_json
    assert not any(p in logged for p in phones.values())


def members_ids(store: Store, draw_id: int) -> list[str]:
    selected = "SELECT resident_id FROM panel_member WHERE draw_id = ? AND status = 'selected'"
    return [str(r[0]) for r in rows(store, selected, [draw_id])]


def test_a_sign_up_is_audited_without_who_or_how_to_reach_them(store: Store) -> None:
    draw_id = letters(store)
    code = codes(store, draw_id)[0]
    signup.sign_up(store, draw_id, code, signup.Form(1, {}, "0612345678", "a@b.nl", True), CLIENT)
    signup.withdraw(store, draw_id, code, CLIENT)
    with store.read() as cur:
        events = [e for e in audit.events(cur) if e.action == "draw.signup"]
    assert [(e.actor, e.entity_id) for e in events] == [("publiek", str(draw_id))] * 2
    assert [e.payload_json for e in events] == [
        '{"change": "new", "channel": "online"}',
        '{"change": "withdrawn", "channel": "online"}',
    ]


# The letters -------------------------------------------------------------------------------------


def test_the_letters_print_the_sign_up_address_with_the_code_and_its_qr_code(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id = letters(store)
    details = draw_invitations.LetterDetails(clock.today() + timedelta(days=21), "14 050",
                                             "wijkraad@wijkdam.nl", "Team Wijkraad")  # fmt: skip
    page = draw_invitations.letters_file(store, ORGANISER, draw_id, details)
    merge = draw_invitations.mail_merge(store, ORGANISER, draw_id)
    code = str(merge["code"].iloc[0])
    link = f"http://127.0.0.1:8501/resident_signup?code={code}"  # the default address
    assert link in page and merge["aanmeldadres"].iloc[0] == link
    assert draw_documents.qr_svg(link) in page
    assert page.count('<svg viewBox="0 0 ') == len(merge)
    assert "Uw code staat er dan al in" in " ".join(page.split())
    monkeypatch.setenv("WIJKRAAD_PUBLIC_URL", "https://wijkraad.wijkdam.nl/")
    page = draw_invitations.letters_file(store, ORGANISER, draw_id, details)
    assert f"https://wijkraad.wijkdam.nl/resident_signup?code={code}" in page
    for wrong in ("javascript:alert(1)", "wijkraad.wijkdam.nl", "https://x.nl/?a=<b>"):
        monkeypatch.setenv("WIJKRAAD_PUBLIC_URL", wrong)
        with pytest.raises(UserError, match="WIJKRAAD_PUBLIC_URL"):
            draw_invitations.letters_file(store, ORGANISER, draw_id, details)
        with pytest.raises(UserError, match="WIJKRAAD_PUBLIC_URL"):
            draw_invitations.mail_merge(store, ORGANISER, draw_id)


def test_a_letter_without_a_sign_up_page_asks_to_phone_or_mail() -> None:
    row = pd.DataFrame([{"code": "K7QM-2XHD", "voornaam": "Fatma", "achternaam": "Yilmaz",
                         "straat": "Aaronlaan", "huisnummer": "1", "postcode": "9700 AB",
                         "woonplaats": "Wijkdam", "wijk": "Oosterhoek"}])  # fmt: skip
    settings = draw_documents.LetterSettings(
        "Wijkdam", "Wijkraad Oosterhoek", 16, 24, clock.today() + timedelta(days=21), "14 050",
        "wijkraad@wijkdam.nl", "Team Wijkraad", clock.today(),
    )  # fmt: skip
    page = draw_documents.letters_html(row, settings)
    assert "<svg" not in page and "Bel 14 050 of mail naar wijkraad@wijkdam.nl" in page
    assert "K7QM-2XHD" in page

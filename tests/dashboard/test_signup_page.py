"""The residents' sign-up page (dashboard/pages/resident_signup.py) with AppTest: the
letter's link fills in the code, a household member signs up and keeps a confirmation,
the organisers see it in step 4 as online, the resident changes and withdraws until the
selection is prepared and then reads that the organisers handle it, a wrong code gets
the one message and repeated wrong codes lock the client out, typed text stays text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.signup_form import confirmation_text
from dashboard.components.text import WORD_JOINER
from dashboard.services import signup
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import selection
from dashboard.services.draws.context import Answers
from dashboard.store.db import Store
from dashboard.store.errors import WriteConflict
from dashboard.web import client_limits
from tests import app_pages
from tests.backends import with_store
from tests.dashboard.test_organiser_draw_page import ORGANISER
from tests.dashboard.test_public_privacy import everything_shown
from tests.services.test_online_signup import codes, household_letter, letters, responses


@pytest.fixture
def app_db(app_location: str) -> str:
    """Every test of this file on DuckDB and on PostgreSQL (tests/dashboard/conftest.py)."""
    return app_location


T = TypeVar("T")
PAGE = "dashboard/pages/resident_signup.py"
VISITOR = "203.0.113.7"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The browser's address as the page sees it (AppTest has none): the list's one item."""
    address: list[str | None] = [None]
    monkeypatch.setattr(client_limits, "current_client", lambda: address[0])
    client_limits.SIGN_UP_CODE.reset()
    yield address
    client_limits.SIGN_UP_CODE.reset()


def open_with(query: dict[str, str]) -> AppTest:
    at = app_pages.open_page(PAGE, query=query)
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """The page's text as a reader sees it (without the escapes of typed text)."""
    return everything_shown(at).replace("\\", "").replace(WORD_JOINER, "")


def errors(at: AppTest) -> list[str]:
    """The errors as they read (messages are shown as text: escaped for Markdown)."""
    return [e.value.replace("\\", "") for e in at.error]


def button(at: AppTest, label: str) -> AppTest:
    found = [b for b in at.button if b.label == label]
    assert found, [b.label for b in at.button]
    found[0].click()
    return at.run()


def field(at: AppTest, label: str) -> object:
    return next(x for x in at.text_input if x.label == label)


def enter_code(at: AppTest, code: str | None = None) -> AppTest:
    if code is not None:
        field(at, "Code uit uw brief").input(code)  # type: ignore[attr-defined]
    at = button(at, "Verder")
    assert not at.exception, at.exception
    return at


def fill(at: AppTest, phone: str = "", email: str = "", read: bool = True) -> AppTest:
    field(at, "Telefoonnummer").input(phone)  # type: ignore[attr-defined]
    field(at, "E-mailadres").input(email)  # type: ignore[attr-defined]
    if read:
        at.checkbox[0].check()
    labels = [b.label for b in at.button]
    return button(at, "Wijziging opslaan" if "Wijziging opslaan" in labels else "Aanmelden")


def test_the_letters_link_fills_in_the_code_and_a_household_member_signs_up(
    app_db: str, client: list[str | None]
) -> None:
    draw_id, code = with_store(app_db, _household)
    typed = f" {code.lower().replace('-', ' ')} "
    at = open_with({"code": typed})
    assert at.title[0].value == "Aanmelden voor de wijkraad"
    assert field(at, "Code uit uw brief").value == typed  # type: ignore[attr-defined]
    at = enter_code(at)
    who = at.radio(key=f"aanmelden_wie_{code}")
    assert who.options and all("\\. \\(" in o for o in who.options)  # shown as text
    at = who.set_value(2).run()
    at.selectbox(key=f"aanmelden_{code}_2_education").set_value("hoog")
    at = fill(at, phone="06 12345678")
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Dank u wel! U bent aangemeld."]
    text = shown(at)
    assert "Uw bevestiging" in text and f"Bevestigingsnummer: **{draw_id}-" in text
    assert "U bent aangemeld" in text and "telefoon 06 12345678" in text
    assert "Opleiding: Hoger opgeleid" in text
    assert "Bevestiging opslaan of printen" in text  # the file to keep
    # The organisers see it in step 4, as online.
    organiser = app_pages.open_page(
        "dashboard/pages/organiser_draw.py", caller=ORGANISER,
        query={"loting": str(draw_id), "stap": "4"},
    )  # fmt: skip
    assert not organiser.exception, organiser.exception
    table = next(d.value for d in organiser.dataframe if "Via" in d.value.columns)
    assert table[["Code", "Via"]].values.tolist() == [[code, "online"]]
    assert [m.value for m in organiser.metric if m.label == "Online"] == ["1"]


def _household(store: Store) -> tuple[int, str]:
    draw_id = letters(store, unknown=("education",))
    return draw_id, household_letter(store, draw_id)


def test_the_confirmation_file_holds_what_was_typed_and_what_happens_next() -> None:
    done = signup.Confirmation("24-998", "K7QM-2XHD", "Wijkraad Oosterhoek", "ja", "J. (1978)",
                               (("education", "hoog"),), "06 12345678", "ik@voorbeeld.nl",
                               datetime(2026, 11, 23, 13, 5), "new")  # fmt: skip
    text = confirmation_text(done)
    for expected in ("Bevestigingsnummer: 24-998", "Code uit de brief: K7QM-2XHD",
                     "23 november 2026 om 14:05", "Aangemeld: J. (1978)",
                     "Opleiding: Hoger opgeleid", "Wat gebeurt er nu?",
                     "telefoon 06 12345678, e-mail ik@voorbeeld.nl"):  # fmt: skip
        assert expected in text, expected
    assert text.endswith("\r\n") and "**" not in text


def test_the_resident_changes_and_withdraws_until_the_selection_is_prepared(
    app_db: str, client: list[str | None]
) -> None:
    def start(store: Store) -> tuple[int, list[str]]:
        draw_id = letters(store)
        all_codes = codes(store, draw_id)
        signup.sign_up(store, draw_id, all_codes[0], signup.Form(1, {}, "0611111111", "", True),
                       None)  # fmt: skip
        return draw_id, all_codes

    draw_id, all_codes = with_store(app_db, start)
    code = all_codes[0]
    at = enter_code(open_with({}), code)
    assert "U bent aangemeld" in shown(at) and "telefoon 0611111111" in shown(at)
    at = button(at, "Aanmelding wijzigen")
    assert field(at, "Telefoonnummer").value == "0611111111"  # type: ignore[attr-defined]
    at = fill(at, phone="", email="nieuw@voorbeeld.nl")
    assert [s.value for s in at.success] == ["Uw aanmelding is gewijzigd."]
    assert "e-mail nieuw@voorbeeld.nl" in shown(at) and "0611111111" not in shown(at)
    at = button(at, "Ik doe toch niet mee")
    assert [s.value for s in at.success] == [
        "U doet niet meer mee. Uw telefoonnummer en e-mailadres zijn gewist."
    ]
    assert "U heeft laten weten dat u niet meedoet" not in shown(at)  # the confirmation says it
    outcomes = [r[0] for r in with_store(app_db, lambda s: responses(s, code))]
    assert outcomes == ["ja", "ja", "nee"]

    def prepared(store: Store) -> None:
        signup.sign_up(store, draw_id, code, signup.Form(1, {}, "0611111111", "", True), None)
        draw_answers.record_registrations(
            store, ORGANISER, draw_id,
            [draw_answers.Registration(c, "ja", Answers(gender=("vrouw", "man")[n % 2]))
             for n, c in enumerate(all_codes[1:30])],
        )  # fmt: skip
        proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender"])
        draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
        selection.prepare_selection(store, ORGANISER, draw_id)

    with_store(app_db, prepared)
    at = enter_code(open_with({"code": code}))
    assert errors(at) == [signup.BAD_CODE]
    assert "regelt de organisatie het verder" in signup.BAD_CODE
    assert not [b for b in at.button if b.label in ("Aanmelden", "Ik doe toch niet mee")]


def test_a_wrong_code_gets_the_one_message_and_typed_text_stays_text(
    app_db: str, client: list[str | None]
) -> None:
    code = with_store(app_db, lambda s: codes(s, letters(s))[0])
    at = enter_code(open_with({"code": "ZZZZ-ZZZZ"}))
    assert errors(at) == [signup.BAD_CODE]
    at = enter_code(open_with({}), code)
    at = fill(at, phone="", email="**piet**@[x](https://evil.example)")
    (error,) = at.error
    assert "\\*\\*piet\\*\\*" in error.value and "\\[x\\]" in error.value
    assert with_store(app_db, lambda s: responses(s, code)) == []
    # Refused: the form keeps what was typed, to correct and send again.
    typed = field(at, "E-mailadres").value  # type: ignore[attr-defined]
    assert typed == "**piet**@[x](https://evil.example)"


def test_a_sign_up_the_database_cannot_take_now_is_refused_and_nothing_typed_is_lost(
    app_db: str, client: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = with_store(app_db, lambda s: codes(s, letters(s))[0])
    at = enter_code(open_with({"code": code}))

    def busy(self: Store, work: object, attempts: int = 15) -> object:
        raise WriteConflict("Conflict on update!")

    with monkeypatch.context() as patched:
        patched.setattr(Store, "write", busy)
        at = fill(at, phone="06 12345678", email="ik@voorbeeld.nl")
    assert not at.exception, at.exception
    assert errors(at) == [signup.BUSY] and not at.success
    assert field(at, "Telefoonnummer").value == "06 12345678"  # type: ignore[attr-defined]
    assert field(at, "E-mailadres").value == "ik@voorbeeld.nl"  # type: ignore[attr-defined]
    assert at.checkbox[0].value
    assert with_store(app_db, lambda s: responses(s, code)) == []
    at = button(at, "Aanmelden")  # a minute later: the same form, sent again as it is
    assert [s.value for s in at.success] == ["Dank u wel! U bent aangemeld."]
    assert len(with_store(app_db, lambda s: responses(s, code))) == 1


def test_the_resident_pages_act_in_callbacks_and_never_ask_for_a_second_run() -> None:
    """Each click is one run of the page: quick with many residents at once."""
    for component in ("signup_form.py", "ballot_form.py"):
        source = (Path(__file__).parents[2] / "dashboard" / "components" / component).read_text()
        assert "st.rerun" not in source and "attempt(" not in source, component


def test_repeated_wrong_codes_lock_the_address_out_for_a_while(
    app_db: str, client: list[str | None]
) -> None:
    code = with_store(app_db, lambda s: codes(s, letters(s))[0])
    client[0] = VISITOR
    at = open_with({})
    for _ in range(5):
        at = enter_code(at, "ZZZZ-ZZZZ")
        assert errors(at) == [signup.BAD_CODE]
    at = enter_code(at, code)  # the right code, too late
    (refused,) = at.error
    assert refused.value.startswith("Te veel pogingen vanaf dit adres; probeer het over")
    client[0] = "198.51.100.20"  # someone else
    at = enter_code(open_with({}), code)
    assert not at.error and "Wie meldt zich aan?" in shown(at)


def test_the_page_reads_in_english(app_db: str, client: list[str | None]) -> None:
    code = with_store(app_db, lambda s: codes(s, letters(s))[0])
    at = open_with({"code": code, "lang": "en"})
    assert at.title[0].value == "Sign up for the neighbourhood council"
    at = button(at, "Continue")
    assert "Who is signing up?" in shown(at) and "What do we do with your data?" in shown(at)
    wrong = open_with({"code": "ZZZZ-ZZZZ", "lang": "en"})
    wrong = button(wrong, "Continue")
    assert errors(wrong)[0].startswith("You cannot sign up here with this code.")

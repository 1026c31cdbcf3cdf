"""Login, logout, navigation by role and the user administration page, in AppTest."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from dashboard.services import accounts
from dashboard.store.db import open_store
from dashboard.web import web_session
from tests import app_pages

PAGES = "dashboard/pages"
LOGIN = f"{PAGES}/login.py"
ADMIN = Caller("beheer", Role.ADMINISTRATOR, None)


def app(page: str | None = None, caller: Caller | None = None) -> AppTest:
    return app_pages.open_page(page, caller=caller)


def log_in(at: AppTest, username: str, password: str) -> AppTest:
    fields = {t.label: t for t in at.text_input}
    fields["Gebruikersnaam"].input(username)
    fields["Wachtwoord"].input(password)
    at.button[0].click()
    return at.run()


def reachable(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(page)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("caller", "pages"),
    [
        (None, set()),
        (Caller("o", Role.ORGANISER, frozenset({1})), {"organiser_draw", "organiser_privacy",
                                                      "alderman_monitor"}),
        (Caller("w", Role.ALDERMAN, None), {"alderman_monitor"}),
        (ADMIN, {"alderman_monitor", "admin_users"}),
    ],
    ids=["public", "organiser", "alderman", "administrator"],
)  # fmt: skip
def test_each_role_reaches_its_pages_only(
    app_db: Path, caller: Caller | None, pages: set[str]
) -> None:
    at = app(caller=caller)
    guarded = {"organiser_draw", "organiser_budget", "organiser_privacy", "alderman_monitor",
               "admin_users"}  # fmt: skip
    found = {p for p in guarded if reachable(at, f"{PAGES}/{p}.py")}
    assert found == pages | ({"organiser_budget"} if "organiser_draw" in pages else set())
    assert reachable(at, LOGIN) and reachable(at, f"{PAGES}/resident_overview.py")


def test_logging_in_and_out(app_db: Path) -> None:
    at = log_in(app(LOGIN), "Organisator", "demo-organisator")
    assert not at.exception
    assert at.session_state["caller"].role is Role.ORGANISER
    assert at.title[0].value == "Mijn account"
    assert "Ingelogd als **organisator**" in at.sidebar.caption[0].value
    assert reachable(at, f"{PAGES}/organiser_privacy.py")

    at.sidebar.button(key="uitloggen").click().run()

    assert "caller" not in at.session_state
    assert not reachable(at, f"{PAGES}/organiser_privacy.py")


def test_a_wrong_password_gets_one_message_for_all_cases(app_db: Path) -> None:
    at = log_in(app(LOGIN), "organisator", "wrong password")
    assert at.error[0].value == "Onjuiste gebruikersnaam of wachtwoord."
    at = log_in(at, "no-such-user", "wrong password")
    assert at.error[0].value == "Onjuiste gebruikersnaam of wachtwoord."
    assert "caller" not in at.session_state


def test_repeated_failures_lock_and_say_until_when(app_db: Path) -> None:
    at = app(LOGIN)
    for _ in range(5):
        at = log_in(at, "wethouder", "wrong password")
    message = at.error[0].value
    assert "geblokkeerd" in message and "opnieuw proberen vanaf" in message
    at = log_in(at, "wethouder", "demo-wethouder")
    assert "geblokkeerd" in at.error[0].value
    assert "caller" not in at.session_state


def test_a_logout_elsewhere_ends_this_session_at_its_next_run(app_db: Path) -> None:
    at = log_in(app(LOGIN), "wethouder", "demo-wethouder")
    assert at.session_state["caller"].role is Role.ALDERMAN
    other = open_store(app_db)
    accounts.logout(other, at.session_state[web_session.LOGIN_KEY])
    at.run()
    assert "caller" not in at.session_state
    assert at.title[0].value == "Inloggen"


def test_an_administrator_creates_a_user_who_can_log_in(app_db: Path) -> None:
    at = app(f"{PAGES}/admin_users.py", ADMIN)
    assert at.title[0].value == "Gebruikers"
    form = {t.label: t for t in at.text_input}
    form["Gebruikersnaam"].input("nieuwe.wethouder")
    form["Eerste wachtwoord (minstens 10 tekens)"].input("een goed wachtwoord")
    at.selectbox(key="nieuw_rol").select(Role.ALDERMAN)
    at.button(key="FormSubmitter:nieuw-Gebruiker aanmaken").click().run()
    assert not at.exception and not at.error
    assert "nieuwe.wethouder is aangemaakt" in at.success[0].value
    assert r"nieuwe\.wethouder" in at.markdown[0].value  # escaped Markdown

    fresh = log_in(app(LOGIN), "nieuwe.wethouder", "een goed wachtwoord")
    assert fresh.session_state["caller"].role is Role.ALDERMAN


def test_the_administration_page_refuses_a_bad_user_clearly(app_db: Path) -> None:
    at = app(f"{PAGES}/admin_users.py", ADMIN)
    form = {t.label: t for t in at.text_input}
    form["Gebruikersnaam"].input("x")
    form["Eerste wachtwoord (minstens 10 tekens)"].input("een goed wachtwoord")
    at.button(key="FormSubmitter:nieuw-Gebruiker aanmaken").click().run()
    assert "3 tot 40 tekens" in at.error[0].value

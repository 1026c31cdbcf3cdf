"""The per-client limits where they apply: the login form and the public downloads, in
AppTest. AppTest has no connection address, so the client is set by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components import downloads
from dashboard.security import passwords
from dashboard.web import client_limits
from tests.app_pages import APP

LOGIN = "dashboard/pages/login.py"
DECISIONS = "dashboard/pages/resident_decisions.py"
VISITOR = "203.0.113.7"
REFUSED = "Te veel pogingen vanaf dit adres; probeer het over 1 minuut opnieuw."


@pytest.fixture
def client(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The app on a fresh demo database; the client's address is the list's one item."""
    monkeypatch.setenv("WIJKRAAD_DB", str(demo_db))
    address: list[str | None] = [VISITOR]
    monkeypatch.setattr(client_limits, "current_client", lambda: address[0])
    for limiter in (client_limits.LOGIN, client_limits.DOWNLOADS):
        limiter.reset()
    yield address
    for limiter in (client_limits.LOGIN, client_limits.DOWNLOADS):
        limiter.reset()


def spend(limiter: client_limits.RateLimiter, address: str) -> None:
    while limiter.take(address).allowed:
        pass


def log_in(username: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(LOGIN).run()
    fields = {t.label: t for t in at.text_input}
    fields["Gebruikersnaam"].input(username)
    fields["Wachtwoord"].input(password)
    at.button[0].click()
    return at.run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_a_spent_address_is_refused_before_any_password_check(
    client: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    spend(client_limits.LOGIN, VISITOR)
    checks: list[str] = []

    def verify_password(password_hash: str, password: str) -> bool:
        checks.append(password)
        return False

    monkeypatch.setattr(passwords, "verify_password", verify_password)
    at = log_in("wethouder", "demo-wethouder")
    assert errors(at) == [REFUSED]
    assert checks == []
    assert at.title[0].value == "Inloggen"  # not logged in


def test_another_address_still_logs_in(client: list[str | None]) -> None:
    spend(client_limits.LOGIN, VISITOR)
    client[0] = "198.51.100.20"
    at = log_in("wethouder", "demo-wethouder")
    assert not at.exception and errors(at) == []
    assert at.title[0].value == "Mijn account"


def test_the_limit_counts_every_submitted_login(client: list[str | None]) -> None:
    """Ten wrong logins from one address (two accounts, so no lock ends it first): the
    next one is refused by the address limit, not by a password check."""
    for attempt in range(client_limits.LOGIN.rule.burst):
        at = log_in(("wethouder", "organisator")[attempt % 2], f"fout {attempt}")
        assert REFUSED not in errors(at)
    assert errors(log_in("beheer", "demo-beheer")) == [REFUSED]


def test_a_client_that_cannot_be_told_apart_is_not_limited(client: list[str | None]) -> None:
    client[0] = None
    assert client_limits.refusal(client_limits.LOGIN, None) is None
    assert errors(log_in("wethouder", "demo-wethouder")) == []


def open_decisions() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["wijk"] = "WK001"
    at.run()
    at.switch_page(DECISIONS).run()
    assert not at.exception, at.exception
    return at


def test_spent_downloads_show_the_message_instead_of_the_button(
    client: list[str | None],
) -> None:
    assert open_decisions().get("download_button")
    spend(client_limits.DOWNLOADS, VISITOR)
    at = open_decisions()
    assert not at.get("download_button")
    assert REFUSED in [w.value for w in at.warning]


def test_a_download_takes_one_from_the_limit_and_a_spent_one_gets_the_message(
    client: list[str | None],
) -> None:
    file = downloads.limited(lambda: "a;b\n1;2\n", VISITOR)
    burst = client_limits.DOWNLOADS.rule.burst
    assert [file() for _ in range(burst)] == ["a;b\n1;2\n"] * burst
    assert file() == REFUSED
    assert downloads.limited(lambda: "x", None)() == "x"  # not told apart: not limited

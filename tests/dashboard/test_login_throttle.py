"""No user enumeration at the login: a name without an account gets the same message, the
same timing and the same lock as an account with a wrong password."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

import pytest

from dashboard.domain.auth import Caller, Role
from dashboard.security.lockout import LockoutPolicy, UnknownNames
from dashboard.services import accounts
from dashboard.services.accounts import LoginRefused
from dashboard.store import audit
from dashboard.store.db import Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, lock_minutes=15)
ADMIN = Caller("beheer", Role.ADMINISTRATOR, None)


@pytest.fixture
def store(demo_store_own_secret: Store) -> Store:
    return demo_store_own_secret


def refusal(
    store: Store, username: str, password: str, at: datetime, policy: LockoutPolicy = POLICY
) -> LoginRefused:
    with pytest.raises(LoginRefused) as refused:
        accounts.authenticate(store, username, password, now=at, policy=policy)
    return refused.value


def audit_count(store: Store) -> int:
    with store.read() as cur:
        return len(audit.events(cur))


def test_an_unknown_name_is_refused_and_locked_like_an_account(store: Store) -> None:
    """Side by side, attempt by attempt: the same message and the same lock."""
    events = audit_count(store)
    for attempt in range(7):
        at = NOW + timedelta(minutes=attempt)
        real = refusal(store, "wethouder", "verkeerd wachtwoord", at)
        unknown = refusal(store, "bestaat-niet", "verkeerd wachtwoord", at)
        assert str(unknown) == str(real)
        assert unknown.locked_until == real.locked_until
    assert real.locked_until == NOW + timedelta(minutes=19)  # locked at the fifth attempt
    assert "geblokkeerd" in str(unknown)
    # The unknown name wrote nothing (the account's lock did: count and audit event).
    assert audit_count(store) == events + 1


def test_the_lock_of_an_unknown_name_runs_out_like_an_accounts(store: Store) -> None:
    for minute in range(5):
        refusal(store, "niemand", "fout", NOW + timedelta(minutes=minute))
    until = NOW + timedelta(minutes=19)
    assert refusal(store, "niemand", "fout", until - timedelta(seconds=1)).locked_until == until
    after = refusal(store, "niemand", "fout", until)
    assert (str(after), after.locked_until) == (accounts.WRONG_CREDENTIALS, None)
    # Another spelling of the same name counts as the same name.
    assert refusal(store, " NIEMAND ", "fout", until).locked_until is None


def test_a_disabled_account_is_throttled_like_an_unknown_name(store: Store) -> None:
    accounts.set_active(store, ADMIN, accounts.user_id_for(store, ADMIN, "wethouder"), False)
    for minute in range(4):
        refused = refusal(store, "wethouder", "demo-wethouder", NOW + timedelta(minutes=minute))
        assert str(refused) == accounts.WRONG_CREDENTIALS
    assert refusal(store, "wethouder", "x", NOW + timedelta(minutes=4)).locked_until is not None


def test_a_name_does_not_lock_another(store: Store) -> None:
    for minute in range(5):
        refusal(store, "jan", "fout", NOW + timedelta(minutes=minute))
    assert refusal(store, "piet", "fout", NOW + timedelta(minutes=5)).locked_until is None
    login = accounts.authenticate(store, "wethouder", "demo-wethouder", now=NOW, policy=POLICY)
    assert login.caller.username == "wethouder"


def test_unknown_names_are_kept_as_digests_and_bounded() -> None:
    names = UnknownNames(max_names=3)
    for name in ("a", "b", "c", "d"):
        names.start(names.key("db", name), NOW, POLICY)
    assert len(names) == 3
    assert all("a" not in key or len(key) == 64 for key in names._failures)
    assert names.key("db", "geheim-wachtwoord") != "geheim-wachtwoord"


def test_an_unknown_name_takes_as_long_as_a_wrong_password(store: Store) -> None:
    """Medians of interleaved attempts (no lock in between): response times do not tell
    which names exist. Both spend one Argon2 verification (~25-40 ms)."""
    patient = LockoutPolicy(max_failures=10_000, lock_minutes=15)
    real: list[float] = []
    unknown: list[float] = []
    for attempt in range(15):
        at = NOW + timedelta(seconds=attempt)
        for name, times in (("organisator", real), (f"onbekend{attempt % 3}", unknown)):
            started = time.perf_counter()
            refusal(store, name, "verkeerd wachtwoord", at, patient)
            times.append(time.perf_counter() - started)
    real_median, unknown_median = statistics.median(real), statistics.median(unknown)
    assert 0.5 < unknown_median / real_median < 2.0, (unknown_median, real_median)
    assert unknown_median > 0.005  # a password check was really spent

"""Issue 15, finding 2: logins sent at the same moment must not each get a password check.

Every attempt is counted before its password is checked, in one transaction with the
check of the lock, so at most `max_failures` passwords are checked per lock period,
whatever the concurrency. The checks are counted by wrapping the Argon2 verification.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from dashboard.security import passwords
from dashboard.security.lockout import LockoutPolicy
from dashboard.services import accounts
from dashboard.services.accounts import LoginRefused
from dashboard.store.db import Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, lock_minutes=15)
THREADS = 40
RIGHT = "demo-wethouder"


class CountedChecks:
    """Wraps `passwords.verify_password` (which `burn_time` uses too) and counts calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self._lock = threading.Lock()
        real = passwords.verify_password

        def counted(password_hash: str, password: str) -> bool:
            with self._lock:
                self.calls += 1
            return real(password_hash, password)

        monkeypatch.setattr(passwords, "verify_password", counted)


def at_once(attempt: Callable[[int], object], count: int = THREADS) -> list[object]:
    """Run `attempt(i)` for i < count in as many threads, released at the same moment;
    each returns what its call returned or raised."""
    start = threading.Barrier(count)

    def run(i: int) -> object:
        start.wait()
        try:
            return attempt(i)
        except Exception as exc:  # the outcome is what the test looks at
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def login(store: Store, username: str, password: str, at: datetime = NOW) -> accounts.Login:
    return accounts.authenticate(store, username, password, now=at, policy=POLICY)


def test_a_burst_of_wrong_passwords_gets_at_most_the_limit_of_checks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountedChecks(monkeypatch)
    outcomes = at_once(lambda i: login(store, "wethouder", f"verkeerd wachtwoord {i}"))
    assert all(isinstance(o, LoginRefused) for o in outcomes), outcomes
    assert checks.calls <= POLICY.max_failures
    locked = [o for o in outcomes if isinstance(o, LoginRefused) and o.locked_until]
    assert len(locked) >= THREADS - POLICY.max_failures
    until = NOW + timedelta(minutes=POLICY.lock_minutes)
    assert {o.locked_until for o in locked} == {until}
    # The right password, sent last, is refused while locked, and checks nothing.
    with pytest.raises(LoginRefused) as refused:
        login(store, "wethouder", RIGHT, NOW + timedelta(minutes=1))
    assert refused.value.locked_until == until
    assert checks.calls <= POLICY.max_failures
    # When the lock has run out the right password works again.
    assert login(store, "wethouder", RIGHT, until).caller.username == "wethouder"


def test_the_right_password_in_a_burst_is_checked_only_among_the_first_attempts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountedChecks(monkeypatch)
    outcomes = at_once(
        lambda i: login(store, "wethouder", RIGHT if i == THREADS - 1 else f"fout {i}")
    )
    logged_in = [o for o in outcomes if isinstance(o, accounts.Login)]
    assert len(logged_in) <= 1
    assert all(isinstance(o, (accounts.Login, LoginRefused)) for o in outcomes), outcomes
    # Threads start in any order on a busy machine: the right password may be counted
    # among the first attempts, log in and reset the count, and then the rest of the burst
    # has its own limit; never more than one limit before and one after.
    assert checks.calls <= POLICY.max_failures * (2 if logged_in else 1)


def test_a_burst_under_an_unknown_name_is_limited_the_same_way(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountedChecks(monkeypatch)
    outcomes = at_once(lambda i: login(store, "bestaat-niet-race", f"gok {i}"))
    assert all(isinstance(o, LoginRefused) for o in outcomes), outcomes
    assert checks.calls <= POLICY.max_failures
    assert sum(1 for o in outcomes if isinstance(o, LoginRefused) and o.locked_until) >= (
        THREADS - POLICY.max_failures
    )


def test_attempts_one_after_another_still_lock_at_the_limit(store: Store) -> None:
    """Counting first changes nothing for one person typing: four wrong passwords and the
    right one logs in (and resets the count); five wrong ones lock."""
    for minute in range(4):
        with pytest.raises(LoginRefused) as refused:
            login(store, "wethouder", "fout", NOW + timedelta(minutes=minute))
        assert refused.value.locked_until is None
    login(store, "wethouder", RIGHT, NOW + timedelta(minutes=4))
    for minute in range(5):
        with pytest.raises(LoginRefused) as refused:
            login(store, "wethouder", "fout", NOW + timedelta(minutes=5 + minute))
    assert refused.value.locked_until == NOW + timedelta(minutes=9 + POLICY.lock_minutes)

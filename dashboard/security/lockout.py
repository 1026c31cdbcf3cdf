"""Lock an account after repeated wrong passwords. Pure: the caller passes the clock."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_minutes: int = 15

    @classmethod
    def from_env(cls) -> LockoutPolicy:
        """WIJKRAAD_LOCKOUT_FAILURES and WIJKRAAD_LOCKOUT_MINUTES, else 5 and 15."""
        return cls(
            max_failures=_positive("WIJKRAAD_LOCKOUT_FAILURES", cls.max_failures),
            lock_minutes=_positive("WIJKRAAD_LOCKOUT_MINUTES", cls.lock_minutes),
        )


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until


def after_failure(
    failed_logins: int, locked_until: datetime | None, now: datetime, policy: LockoutPolicy
) -> tuple[int, datetime | None]:
    """The failure count and lock after one more wrong password.

    A lock that has run out starts a fresh count; reaching the limit locks the account
    for `lock_minutes` from now.
    """
    if locked_until is not None and now >= locked_until:
        failed_logins = 0
    failed_logins += 1
    if failed_logins >= policy.max_failures:
        return failed_logins, now + timedelta(minutes=policy.lock_minutes)
    return failed_logins, None


@dataclass(frozen=True)
class Attempt:
    """A login attempt counted before its password is checked.

    `allowed` is False while the account is locked: then nothing is checked, and
    `locked_until` is the running lock. Otherwise the attempt is already counted as a
    failure (`failed_logins`); `locked_until` is set when this attempt is the one that
    reaches the limit. A correct password resets the count afterwards.
    """

    allowed: bool
    failed_logins: int
    locked_until: datetime | None


def start_attempt(
    failed_logins: int, locked_until: datetime | None, now: datetime, policy: LockoutPolicy
) -> Attempt:
    """Refuse while locked; otherwise count the attempt first, as a failure.

    Counting before the (slow) password check, in the same transaction as reading the
    count, is what keeps logins sent at the same moment from each getting a check: at
    most `policy.max_failures` passwords are checked per lock period, whatever the
    concurrency.
    """
    if is_locked(locked_until, now):
        return Attempt(False, failed_logins, locked_until)
    count, until = after_failure(failed_logins, locked_until, now, policy)
    return Attempt(True, count, until)


class UnknownNames:
    """Failed attempts kept in memory by key: logins for names that are no (active)
    account, and wrong sign-up codes per client (dashboard/services/signup.py).

    They are locked by the same rule as accounts, so that a name that does not exist
    behaves like one that does: the same message, and after `max_failures` attempts the
    same lock (no user enumeration, and guessing under an unknown name is slowed too).
    Keys are digests, never the typed text (people type passwords into the name field).
    At most `max_names` names are kept; the least recently failed go first. Per process:
    a restart forgets them (accounts keep their locks in the database).
    """

    def __init__(self, max_names: int = 10_000) -> None:
        self.max_names = max_names
        self._failures: OrderedDict[str, tuple[int, datetime | None]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(scope: str, name: str) -> str:
        return hashlib.sha256(f"{scope}\0{name}".encode()).hexdigest()

    def start(self, key: str, now: datetime, policy: LockoutPolicy) -> Attempt:
        """Refuse while locked, else count this attempt: one step, under the lock."""
        with self._lock:
            count, until = self._failures.pop(key, (0, None))
            attempt = start_attempt(count, until, now, policy)
            self._keep(key, attempt.failed_logins, attempt.locked_until)
        return attempt

    def locked_until(self, key: str, now: datetime) -> datetime | None:
        """The running lock of `key`, or None when it may try now; counts nothing."""
        with self._lock:
            _, until = self._failures.get(key, (0, None))
        return until if is_locked(until, now) else None

    def fail(self, key: str, now: datetime, policy: LockoutPolicy) -> datetime | None:
        """Count one failure of `key`, found after a check that is cheap (a sign-up code:
        a right one must not count, so it is counted afterwards, not before as a password
        is); the lock it starts, if any."""
        with self._lock:
            count, until = self._failures.pop(key, (0, None))
            count, until = after_failure(count, until, now, policy)
            self._keep(key, count, until)
        return until

    def _keep(self, key: str, count: int, until: datetime | None) -> None:
        """Under the lock: `key` as the most recent, the least recent beyond the limit gone."""
        self._failures[key] = (count, until)
        while len(self._failures) > self.max_names:
            self._failures.popitem(last=False)

    def __len__(self) -> int:
        return len(self._failures)

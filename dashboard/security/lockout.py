"""Lock an account after repeated wrong passwords. Pure: the caller passes the clock."""

from __future__ import annotations

import os
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

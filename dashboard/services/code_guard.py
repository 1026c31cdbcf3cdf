"""Codes residents type without logging in (the sign-up letter's, the vote's): a wrong one
gets one message and counts against the client, like a wrong password.

`CodeGuard.run` refuses a client that is locked out after `LockoutPolicy.max_failures`
wrong codes (dashboard/security/lockout.py); otherwise it runs the action, and when the
action raises `BadCode` (a code that opens nothing now: wrong, unknown, used, of another
draw or vote, or no longer valid) it counts the failure and raises the guard's one
message, so a guesser learns nothing from which case it was. Right codes do not count.
Failures are kept in memory per database file and client; a client that cannot be told
apart (None) is not limited, as everywhere (dashboard/web/client_limits.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from dashboard.domain.errors import UserError
from dashboard.security.lockout import LockoutPolicy, UnknownNames
from dashboard.security.rate_limit import refusal_message
from dashboard.store.db import Store
from sortition import clock

T = TypeVar("T")


class BadCode(Exception):
    """The code opens nothing now (never shown as such: the guard's message is)."""


class CodeGuard:
    def __init__(self, message: str) -> None:
        self.message = message
        self.failures = UnknownNames()  # digests of (database, client), never the code

    def run(
        self, store: Store, client: str | None, now: datetime | None, act: Callable[[], T]
    ) -> T:
        moment = now or clock.now()
        key = self.failures.key(store.path, client) if client is not None else None
        if key is not None:
            locked = self.failures.locked_until(key, moment)
            if locked is not None:
                raise UserError(refusal_message((locked - moment).total_seconds()))
        try:
            return act()
        except BadCode:
            if key is not None:
                self.failures.fail(key, moment, LockoutPolicy.from_env())
            raise UserError(self.message) from None

"""Per-client limits on what a flood would make expensive: logins (an Argon2 check each),
downloads of public files, the entry of a resident's sign-up code (the sign-up page,
dashboard/components/signup_form.py) or voting code (dashboard/components/ballot_form.py)
and residents' ideas sent in.

The client is the address `dashboard.security.client_address` finds from the connection
and, behind a proxy listed in WIJKRAAD_TRUSTED_PROXIES (comma-separated addresses, e.g.
`127.0.0.1`), its X-Forwarded-For header. A client that cannot be told apart (the same
machine, without a trusted proxy) is not limited. The limits are per process; a reverse
proxy must limit across processes (SECURITY.md).
"""

from __future__ import annotations

import os

import streamlit as st

from dashboard.security.client_address import client_address, parse_trusted
from dashboard.security.rate_limit import RateLimiter, RateRule, refusal_message

TRUSTED_PROXIES = "WIJKRAAD_TRUSTED_PROXIES"

# Ten logins at once, then one every 30 seconds: a person who mistypes is not hindered,
# a script spends at most two Argon2 checks a minute from one address (next to the lock of
# each account after five wrong passwords).
LOGIN = RateLimiter(RateRule(burst=10, per_seconds=30))
# Thirty files at once, then one every two seconds.
DOWNLOADS = RateLimiter(RateRule(burst=30, per_seconds=2))
# Five codes at once, then one a minute: guessing a code is as slow as guessing a password.
SIGN_UP_CODE = RateLimiter(RateRule(burst=5, per_seconds=60))
# Voting codes on the voting page (dashboard/components/ballot_form.py): as sign-up codes.
VOTE_CODE = RateLimiter(RateRule(burst=5, per_seconds=60))
# Ideas residents send (every sending of the form counts, a refused one too): ten at once,
# then one every six minutes. A resident with a few ideas is not hindered; a script cannot
# fill the organisers' queue.
IDEAS = RateLimiter(RateRule(burst=10, per_seconds=360))


def current_client() -> str | None:
    """The address of the browser of this session, or None when it cannot be told apart."""
    trusted = parse_trusted(os.environ.get(TRUSTED_PROXIES, ""))
    forwarded = st.context.headers.get("X-Forwarded-For") if trusted else None
    return client_address(st.context.ip_address, forwarded, trusted)


def refusal(limiter: RateLimiter, client: str | None) -> str | None:
    """Take one action for `client`: None when allowed, else the Dutch message to show."""
    if client is None:
        return None
    decision = limiter.take(client)
    return None if decision.allowed else refusal_message(decision.retry_after)


def waiting(limiter: RateLimiter, client: str | None) -> str | None:
    """None when `client` may act now, else the Dutch message to show; takes nothing."""
    if client is None:
        return None
    wait = limiter.wait(client)
    return None if wait == 0 else refusal_message(wait)

"""Signed, expiring login tokens for the login cookie.

A token is `user_id.expires.version.signature`: `expires` in Unix seconds, `version` the
user's session version (raised on logout, a new password or a new role, which makes every
older token invalid) and `signature` HMAC-SHA256 over the rest, base64url without padding.
The token says who; the database still decides whether that user may log in now.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    expires: datetime
    session_version: int


def _signature(secret: bytes, message: str) -> str:
    digest = hmac.new(secret, message.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign(secret: bytes, user_id: int, session_version: int, expires: datetime) -> str:
    message = f"{int(user_id)}.{int(expires.timestamp())}.{int(session_version)}"
    return f"{message}.{_signature(secret, message)}"


def issue(
    secret: bytes, user_id: int, session_version: int, now: datetime, lifetime: timedelta
) -> str:
    return sign(secret, user_id, session_version, now + lifetime)


def verify(secret: bytes, token: str, now: datetime) -> TokenClaims | None:
    """The claims of a well-formed, untampered, unexpired token; otherwise None."""
    parts = token.split(".")
    if len(parts) != 4 or len(token) > 200 or not token.isascii():
        return None
    user_id, expires, version, signature = parts
    if not (user_id.isdigit() and expires.isdigit() and version.isdigit()):
        return None
    expected = _signature(secret, f"{user_id}.{expires}.{version}")
    if not hmac.compare_digest(expected, signature):
        return None
    expires_at = datetime.fromtimestamp(int(expires), UTC)
    if expires_at <= now:
        return None
    return TokenClaims(int(user_id), expires_at, int(version))

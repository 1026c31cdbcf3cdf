"""Password hashing with Argon2id (argon2-cffi).

Parameters: OWASP's minimum for Argon2id (19 MiB memory, 2 iterations, 1 lane), about
40 ms per hash on this project's 2-core machine; argon2-cffi's default (64 MiB, 3
iterations) takes four times as long, for every login on a small server. Hashes made
with other parameters still verify and are upgraded at the next login.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the username is unknown, so that a wrong username takes as
# long as a wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = _HASHER.hash("wijkraad: no such user")

MIN_LENGTH = 10


class WeakPasswordError(ValueError):
    """The password is too short. The message is Dutch: it may reach the screen."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Een wachtwoord heeft minstens {MIN_LENGTH} tekens.")
    if not password.strip():
        raise WeakPasswordError("Een wachtwoord mag niet alleen uit spaties bestaan.")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def burn_time(password: str) -> None:
    """Spend the time of one verification; for unknown usernames."""
    verify_password(_DUMMY_HASH, password)

"""Password hashing, signed login tokens, lockout timing and the signing secret."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.security import passwords, secret, tokens
from dashboard.security.lockout import LockoutPolicy, after_failure, is_locked
from dashboard.security.secret import SecretError, load_secret
from dashboard.services import accounts
from dashboard.store.db import open_store

SECRET = b"s" * 32
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_a_password_hash_verifies_only_its_own_password() -> None:
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.verify_password(stored, "correct horse battery")
    assert not passwords.verify_password(stored, "correct horse batterY")
    assert not passwords.verify_password(stored, "")


def test_the_same_password_hashes_differently_each_time() -> None:
    assert passwords.hash_password("same password") != passwords.hash_password("same password")


def test_a_broken_hash_never_verifies_and_needs_rehashing() -> None:
    assert not passwords.verify_password("not-a-hash", "anything")
    assert passwords.needs_rehash("not-a-hash")


def test_short_passwords_are_refused() -> None:
    with pytest.raises(passwords.WeakPasswordError, match="minstens 10 tekens"):
        passwords.check_strength("kort")
    with pytest.raises(passwords.WeakPasswordError):
        passwords.check_strength(" " * 12)
    passwords.check_strength("lang genoeg!")


def test_a_token_round_trips() -> None:
    token = tokens.issue(SECRET, 7, 3, NOW, timedelta(hours=12))
    claims = tokens.verify(SECRET, token, NOW + timedelta(hours=1))
    assert claims == tokens.TokenClaims(7, NOW + timedelta(hours=12), 3)


def test_an_expired_token_is_refused() -> None:
    token = tokens.issue(SECRET, 7, 3, NOW, timedelta(hours=12))
    assert tokens.verify(SECRET, token, NOW + timedelta(hours=12)) is None
    assert tokens.verify(SECRET, token, NOW + timedelta(days=30)) is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace("7.", "8.", 1),  # another user
        lambda t: ".".join([*t.split(".")[:2], "4", t.split(".")[3]]),  # another version
        lambda t: ".".join([t.split(".")[0], "9999999999", *t.split(".")[2:]]),  # longer
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature
        lambda t: t + ".extra",
        lambda t: t.rsplit(".", 1)[0],  # no signature
        lambda t: "",
        lambda t: "７." + t.split(".", 1)[1],  # a non-ASCII digit
    ],
)
def test_a_tampered_token_is_refused(tamper: object) -> None:
    token = tokens.issue(SECRET, 7, 3, NOW, timedelta(hours=12))
    assert tokens.verify(SECRET, tamper(token), NOW) is None  # type: ignore[operator]


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = tokens.issue(b"o" * 32, 7, 3, NOW, timedelta(hours=12))
    assert tokens.verify(SECRET, token, NOW) is None


POLICY = LockoutPolicy(max_failures=5, lock_minutes=15)


def test_the_fifth_failure_locks_for_fifteen_minutes() -> None:
    count, until = 0, None
    for attempt in range(1, 5):
        count, until = after_failure(count, until, NOW, POLICY)
        assert (count, until) == (attempt, None)
    count, until = after_failure(count, until, NOW, POLICY)
    assert (count, until) == (5, NOW + timedelta(minutes=15))
    assert is_locked(until, NOW + timedelta(minutes=14, seconds=59))
    assert not is_locked(until, NOW + timedelta(minutes=15))


def test_after_a_lock_runs_out_the_count_starts_again() -> None:
    until = NOW + timedelta(minutes=15)
    count, again = after_failure(5, until, until + timedelta(seconds=1), POLICY)
    assert (count, again) == (1, None)


def test_the_policy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIJKRAAD_LOCKOUT_FAILURES", "3")
    monkeypatch.setenv("WIJKRAAD_LOCKOUT_MINUTES", "60")
    assert LockoutPolicy.from_env() == LockoutPolicy(3, 60)
    monkeypatch.setenv("WIJKRAAD_LOCKOUT_FAILURES", "nonsense")
    assert LockoutPolicy.from_env().max_failures == 5


def test_the_secret_is_made_once_by_the_database_and_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two stores on one database (two app servers) sign with the same secret; another
    database has its own."""
    monkeypatch.delenv("WIJKRAAD_SECRET", raising=False)
    monkeypatch.setattr(secret, "SECRETS_TOML", tmp_path / "no-secrets.toml")
    database = tmp_path / "w.duckdb"
    first = open_store(database)
    made = accounts._secret(first)
    first.close()
    accounts._SECRETS.clear()  # as a second server: nothing in memory
    again = open_store(database)
    other = open_store(tmp_path / "other.duckdb")
    try:
        assert accounts._secret(again) == made and len(made) >= secret.MIN_LENGTH
        assert accounts._secret(other) != made
    finally:
        again.close()
        other.close()
        accounts._SECRETS.clear()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".secret") == []


def test_a_configured_secret_wins_and_must_be_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "secrets.toml"
    toml.write_text('secret = "' + "t" * 40 + '"\n')
    monkeypatch.delenv("WIJKRAAD_SECRET", raising=False)
    never = _never_asked
    assert load_secret(never, toml) == b"t" * 40
    monkeypatch.setenv("WIJKRAAD_SECRET", "e" * 32)
    assert load_secret(never, toml) == b"e" * 32
    monkeypatch.setenv("WIJKRAAD_SECRET", "short")
    with pytest.raises(SecretError):
        load_secret(never, toml)


def _never_asked() -> str:
    raise AssertionError("a configured secret needs none from the database")

"""Logging in, lockout, login cookies and user management against the demo database."""

from datetime import UTC, datetime, timedelta

import pytest

from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.security.lockout import LockoutPolicy
from dashboard.services import accounts
from dashboard.services.accounts import AccountError, LoginRefused
from dashboard.store import audit
from dashboard.store.db import Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, lock_minutes=15)
ADMIN = Caller("beheer", Role.ADMINISTRATOR, None)


@pytest.fixture
def store(demo_store_own_secret: Store) -> Store:
    return demo_store_own_secret


def login(store: Store, username: str, password: str, at: datetime = NOW) -> accounts.Login:
    return accounts.authenticate(store, username, password, now=at, policy=POLICY)


def test_the_demo_accounts_log_in_with_their_roles(store: Store) -> None:
    organiser = login(store, "organisator", "demo-organisator").caller
    assert (organiser.role, organiser.neighbourhood_ids) == (Role.ORGANISER, None)
    local = login(store, "wijkorganisator", "demo-wijkorganisator").caller
    assert (local.role, local.neighbourhood_ids) == (Role.ORGANISER, frozenset({1}))
    assert login(store, "Wethouder ", "demo-wethouder").caller.role is Role.ALDERMAN
    assert login(store, "beheer", "demo-beheer").caller.role is Role.ADMINISTRATOR


def test_wrong_password_and_unknown_user_get_the_same_message(store: Store) -> None:
    with pytest.raises(LoginRefused) as wrong:
        login(store, "organisator", "not the password")
    with pytest.raises(LoginRefused) as unknown:
        login(store, "nobody", "not the password")
    assert str(wrong.value) == str(unknown.value) == accounts.WRONG_CREDENTIALS
    assert "Onjuiste gebruikersnaam of wachtwoord" in str(wrong.value)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(store: Store) -> None:
    for minute in range(4):
        with pytest.raises(LoginRefused) as refused:
            login(store, "wethouder", "wrong password", NOW + timedelta(minutes=minute))
        assert refused.value.locked_until is None
    with pytest.raises(LoginRefused) as locked:
        login(store, "wethouder", "wrong password", NOW + timedelta(minutes=4))
    until = NOW + timedelta(minutes=19)
    assert locked.value.locked_until == until
    assert "geblokkeerd" in str(locked.value)
    # While locked even the right password is refused, and the lock does not move.
    with pytest.raises(LoginRefused) as still:
        login(store, "wethouder", "demo-wethouder", until - timedelta(seconds=1))
    assert still.value.locked_until == until
    assert login(store, "wethouder", "demo-wethouder", until).caller.username == "wethouder"
    # A success starts the count again: four more failures do not lock.
    for _ in range(4):
        with pytest.raises(LoginRefused) as again:
            login(store, "wethouder", "wrong password", until)
        assert again.value.locked_until is None


def test_a_lock_is_audited_without_the_password(store: Store) -> None:
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(store, "wethouder", "hunter2-secret")
    with store.read() as cur:
        events = audit.events(cur)
    assert [e.action for e in events if e.action == "login.locked"] == ["login.locked"]
    assert not any("hunter2" in e.payload_json for e in events)
    assert audit.verify_chain(events) == []


def test_an_administrator_unlocks_an_account(store: Store) -> None:
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(store, "wethouder", "wrong password")
    user_id = accounts.user_id_for(store, ADMIN, "wethouder")
    [view] = [u for u in accounts.list_users(store, ADMIN, NOW) if u.id == user_id]
    assert view.locked_until == NOW + timedelta(minutes=15)
    accounts.unlock(store, ADMIN, user_id)
    assert login(store, "wethouder", "demo-wethouder").caller.role is Role.ALDERMAN


def test_a_cookie_brings_the_login_back_until_it_expires(store: Store) -> None:
    first = login(store, "organisator", "demo-organisator")
    token = accounts.session_token(store, first, NOW)
    restored = accounts.login_from_token(store, token, NOW + timedelta(hours=11))
    assert restored == first
    assert accounts.login_from_token(store, token, NOW + timedelta(hours=12)) is None
    assert accounts.login_from_token(store, token[:-1] + "x", NOW) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda s, login: accounts.logout(s, login),
        lambda s, login: accounts.reset_password(s, ADMIN, login.user_id, "een nieuw wachtwoord"),
        lambda s, login: accounts.update_access(s, ADMIN, login.user_id, Role.ALDERMAN),
        lambda s, login: accounts.set_active(s, ADMIN, login.user_id, False),
        lambda s, login: accounts.change_own_password(
            s, login, "demo-organisator", "nog een wachtwoord"
        ),
    ],
    ids=["logout", "password reset", "new role", "disabled", "own new password"],
)
def test_these_changes_end_every_session_of_the_user(store: Store, change: object) -> None:
    first = login(store, "organisator", "demo-organisator")
    token = accounts.session_token(store, first, NOW)
    change(store, first)  # type: ignore[operator]
    assert accounts.login_from_token(store, token, NOW) is None
    assert accounts.refresh(store, first) is None


def test_own_password_change_keeps_this_session(store: Store) -> None:
    first = login(store, "organisator", "demo-organisator")
    with pytest.raises(AccountError, match="huidige wachtwoord klopt niet"):
        accounts.change_own_password(store, first, "wrong", "nog een wachtwoord")
    changed = accounts.change_own_password(store, first, "demo-organisator", "nog een wachtwoord")
    assert accounts.refresh(store, changed) == changed
    assert login(store, "organisator", "nog een wachtwoord").caller.username == "organisator"


def test_a_disabled_account_gets_the_ordinary_message(store: Store) -> None:
    accounts.set_active(store, ADMIN, accounts.user_id_for(store, ADMIN, "wethouder"), False)
    with pytest.raises(LoginRefused, match="Onjuiste gebruikersnaam of wachtwoord"):
        login(store, "wethouder", "demo-wethouder")


def test_a_new_organiser_works_for_the_chosen_neighbourhoods(store: Store) -> None:
    user_id = accounts.create_user(
        store, ADMIN, "Piet.Jansen", "lang wachtwoord", Role.ORGANISER, [2, 3]
    )
    caller = login(store, "piet.jansen", "lang wachtwoord").caller
    assert caller.neighbourhood_ids == frozenset({2, 3})
    first = login(store, "piet.jansen", "lang wachtwoord")
    accounts.update_access(store, ADMIN, user_id, Role.ORGANISER, [4])
    assert accounts.refresh(store, first) is None
    assert login(store, "piet.jansen", "lang wachtwoord").caller.neighbourhood_ids == {4}


@pytest.mark.parametrize(
    ("username", "password", "role", "hoods", "everywhere", "message"),
    [
        ("organisator", "lang wachtwoord", Role.ALDERMAN, [], False, "bestaat al"),
        ("a", "lang wachtwoord", Role.ALDERMAN, [], False, "3 tot 40 tekens"),
        ("piet jansen", "lang wachtwoord", Role.ALDERMAN, [], False, "3 tot 40 tekens"),
        ("piet", "kort", Role.ALDERMAN, [], False, "minstens 10 tekens"),
        ("piet", "lang wachtwoord", Role.ORGANISER, [], False, "Kies de wijken"),
        ("piet", "lang wachtwoord", Role.ORGANISER, [1], True, "niet allebei"),
        ("piet", "lang wachtwoord", Role.ALDERMAN, [1], False, "Alleen organisatoren"),
        ("piet", "lang wachtwoord", Role.ORGANISER, [999], False, "bestaat niet"),
    ],
)
def test_bad_new_users_are_refused_and_nothing_is_written(
    store: Store,
    username: str,
    password: str,
    role: Role,
    hoods: list[int],
    everywhere: bool,
    message: str,
) -> None:
    before = accounts.list_users(store, ADMIN)
    with pytest.raises(AccountError, match=message):
        accounts.create_user(store, ADMIN, username, password, role, hoods, everywhere)
    assert accounts.list_users(store, ADMIN) == before


def test_the_last_administrator_stays(store: Store) -> None:
    admin_id = accounts.user_id_for(store, ADMIN, "beheer")
    with pytest.raises(AccountError, match="minstens één actieve beheerder"):
        accounts.update_access(store, ADMIN, admin_id, Role.ALDERMAN)
    with pytest.raises(AccountError, match="minstens één actieve beheerder"):
        accounts.set_active(store, ADMIN, admin_id, False)
    accounts.create_user(store, ADMIN, "tweede", "lang wachtwoord", Role.ADMINISTRATOR)
    accounts.set_active(store, ADMIN, admin_id, False)


@pytest.mark.parametrize("caller", [PUBLIC, Caller("org", Role.ORGANISER, None)])
def test_only_administrators_manage_users(store: Store, caller: Caller) -> None:
    with pytest.raises(PermissionDenied):
        accounts.create_user(store, caller, "piet", "lang wachtwoord", Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        accounts.list_users(store, caller)
    assert accounts.list_users(store, SYSTEM)


def test_an_old_stronger_or_weaker_hash_is_upgraded_at_login(store: Store) -> None:
    from argon2 import PasswordHasher

    from dashboard.store import users

    user_id = accounts.user_id_for(store, ADMIN, "wethouder")
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024).hash("demo-wethouder")
    with store.transaction() as cur:
        users.set_password(cur, user_id, old, end_sessions=False)
    login(store, "wethouder", "demo-wethouder")
    with store.read() as cur:
        upgraded = users.by_id(cur, user_id)
    assert upgraded is not None and upgraded.password_hash != old
    assert "m=19456,t=2,p=1" in upgraded.password_hash

"""Use cases for accounts: log in and out, sessions from cookies, managing users.

Messages of the exceptions are Dutch: pages show them as they are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from dashboard.domain.auth import Caller, PermissionDenied, Role, require_administrator
from dashboard.domain.errors import UserError
from dashboard.security import passwords, tokens
from dashboard.security.lockout import (
    Attempt,
    LockoutPolicy,
    UnknownNames,
    is_locked,
    start_attempt,
)
from dashboard.security.secret import load_secret, new_secret
from dashboard.store import audit, signing_secret, users
from dashboard.store.db import Store
from dashboard.store.errors import WriteConflict
from dashboard.store.unit import Unit
from dashboard.store.users import UserRow
from sortition import clock

WRONG_CREDENTIALS = "Onjuiste gebruikersnaam of wachtwoord."
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
DEFAULT_SESSION_HOURS = 12


class LoginRefused(Exception):
    """Wrong username or password, a disabled account, or a locked one."""

    def __init__(self, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until  # aware UTC


class AccountError(UserError):
    """Bad input for an account change; nothing was changed."""


@dataclass(frozen=True)
class Login:
    """A logged-in user: who, and which session version the login belongs to."""

    user_id: int
    session_version: int
    caller: Caller


@dataclass(frozen=True)
class UserView:
    """An account as the administrator sees it: never the password hash."""

    id: int
    username: str
    role: Role
    active: bool
    all_neighbourhoods: bool
    neighbourhood_ids: frozenset[int]
    failed_logins: int
    locked_until: datetime | None  # aware UTC; None when not locked now
    created_at: datetime


def utc_now() -> datetime:
    return clock.now()


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


# --- logging in -------------------------------------------------------------------------


def authenticate(
    store: Store,
    username: str,
    password: str,
    now: datetime | None = None,
    policy: LockoutPolicy | None = None,
) -> Login:
    """The login for a correct username and password; otherwise `LoginRefused`.

    The message never says whether the username exists. Every attempt is counted before
    its password is checked, in one transaction with the check of the lock
    (`_start_attempt`), and a correct password resets the count: so after
    `policy.max_failures` attempts without a success the account is locked for
    `policy.lock_minutes`, and no more than that many passwords are checked per lock,
    however many logins arrive at the same moment. While it is locked the password is not
    even checked. A name that is no active account is refused and locked the same way
    (`_refuse_unknown`).
    """
    moment = now or utc_now()
    rules = policy or LockoutPolicy.from_env()
    name = username.strip().lower()
    try:
        started = store.write(lambda cur: _start_attempt(cur, name, moment, rules))
    except WriteConflict:
        raise LoginRefused(BUSY) from None
    if started is None:
        _refuse_unknown(store, name, password, moment, rules)
    user, attempt = started
    if not attempt.allowed:
        raise LoginRefused(_locked_message(), attempt.locked_until)
    if not passwords.verify_password(user.password_hash, password):
        _refuse_wrong_password(store, user, attempt, moment)
    rehash = (
        passwords.hash_password(password) if passwords.needs_rehash(user.password_hash) else None
    )

    def succeed(cur: Unit) -> Login:
        users.record_attempt(cur, user.id, 0, None)
        if rehash:
            users.set_password(cur, user.id, rehash, end_sessions=False)
        audit.append(cur, user.username, "login", "app_user", user.id, occurred_at=moment)
        return Login(user.id, user.session_version, _caller(cur, user))

    return store.write(succeed)


BUSY = "Er wordt nu erg vaak ingelogd. Probeer het over een minuut opnieuw."
# Names that are no (active) account: counted and locked like accounts, in memory.
UNKNOWN_NAMES = UnknownNames()
_NO_USER = -1  # ids start at 1


def _start_attempt(
    cur: Unit, name: str, moment: datetime, rules: LockoutPolicy
) -> tuple[UserRow, Attempt] | None:
    """The account and its attempt, counted already unless the account is locked; None
    when the name is no active account."""
    user = users.by_username(cur, name)
    if user is None or not user.active:
        # The same database round trip as counting an attempt (an update of no row), so
        # that the time does not tell the two apart.
        users.record_attempt(cur, _NO_USER, 0, None)
        return None
    attempt = start_attempt(user.failed_logins, _aware(user.locked_until), moment, rules)
    if attempt.allowed:
        until = None if attempt.locked_until is None else _naive(attempt.locked_until)
        users.record_attempt(cur, user.id, attempt.failed_logins, until)
    return user, attempt


def _refuse_unknown(
    store: Store, name: str, password: str, moment: datetime, rules: LockoutPolicy
) -> NoReturn:
    """Refuse a name without an active account exactly as a wrong password: the same
    message, the time of one password check, and the same lock after as many attempts.
    Nothing about the name is stored: it may be a password typed in the wrong field."""
    attempt = UNKNOWN_NAMES.start(UNKNOWN_NAMES.key(store.path, name), moment, rules)
    if attempt.allowed:
        passwords.burn_time(password)
    if attempt.locked_until is not None:
        raise LoginRefused(_locked_message(), attempt.locked_until)
    raise LoginRefused(WRONG_CREDENTIALS)


def _refuse_wrong_password(
    store: Store, user: UserRow, attempt: Attempt, moment: datetime
) -> NoReturn:
    """The attempt was counted already; when it is the one that locks, audit the lock."""
    until = attempt.locked_until
    if until is None:
        raise LoginRefused(WRONG_CREDENTIALS)
    details = {"failed_logins": attempt.failed_logins, "locked_until": until.isoformat()}
    store.write(
        lambda cur: audit.append(
            cur, user.username, "login.locked", "app_user", user.id, details, occurred_at=moment
        )
    )
    raise LoginRefused(_locked_message(), until)


def _locked_message() -> str:
    return "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen."


def login_by_identity(
    store: Store, username: str | None, provider: str, now: datetime | None = None
) -> Login:
    """The login for someone a configured identity provider has vouched for (single
    sign-on, `dashboard.web.sso`): the account `username` when it exists and is active.
    A lock after wrong passwords does not stop it: the password was not used."""
    moment = now or utc_now()
    with store.read() as cur:
        user = None if username is None else users.by_username(cur, username)
    if user is None or not user.active:
        raise LoginRefused(
            f"Uw account bij {provider} hoort niet bij een actieve gebruiker van Wijkraad. "
            "Vraag de beheerder om een account, of log in met uw gebruikersnaam en wachtwoord."
        )
    found = user

    def succeed(cur: Unit) -> Login:
        audit.append(cur, found.username, "login.sso", "app_user", found.id, occurred_at=moment)
        return Login(found.id, found.session_version, _caller(cur, found))

    return store.write(succeed)


def _caller(cur: Unit, user: UserRow) -> Caller:
    role = Role(user.role)
    if role is Role.ORGANISER and not user.all_neighbourhoods:
        hoods: frozenset[int] | None = users.neighbourhood_ids(cur, user.id)
    else:
        hoods = None
    return Caller(username=user.username, role=role, neighbourhood_ids=hoods)


def refresh(store: Store, login: Login) -> Login | None:
    """The login as it stands now, or None when it has ended.

    A login ends when its user logs out elsewhere, gets a new password or role, or is
    disabled: all of these raise the session version. Called on every page view, so
    that such a change applies at once, not at the next reload.
    """
    with store.read() as cur:
        user = users.by_id(cur, login.user_id)
        if user is None or not user.active or user.session_version != login.session_version:
            return None
        return Login(user.id, user.session_version, _caller(cur, user))


def logout(store: Store, login: Login) -> None:
    """End this login and every other session of the same user (their cookies too)."""

    def work(cur: Unit) -> None:
        users.end_sessions(cur, login.user_id)
        audit.append(cur, login.caller.actor, "logout", "app_user", login.user_id)

    store.write(work)


# --- the login cookie ---------------------------------------------------------------------

_SECRETS: dict[str, bytes] = {}


def _secret(store: Store) -> bytes:
    if store.path not in _SECRETS:

        def stored() -> str:
            return store.write(
                lambda cur: signing_secret.stored_secret(cur, new_secret(), clock.utc_naive_now())
            )

        _SECRETS[store.path] = load_secret(stored)
    return _SECRETS[store.path]


def session_lifetime() -> timedelta:
    """WIJKRAAD_SESSION_HOURS, else 12 hours: how long a login cookie is valid."""
    raw = os.environ.get("WIJKRAAD_SESSION_HOURS", "")
    hours = int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_SESSION_HOURS
    return timedelta(hours=hours)


def session_token(store: Store, login: Login, now: datetime | None = None) -> str:
    """The signed value for the login cookie."""
    return tokens.issue(
        _secret(store), login.user_id, login.session_version, now or utc_now(), session_lifetime()
    )


def login_from_token(store: Store, token: str, now: datetime | None = None) -> Login | None:
    """The login a cookie stands for, or None when it is forged, expired or ended."""
    claims = tokens.verify(_secret(store), token, now or utc_now())
    if claims is None:
        return None
    return refresh(store, Login(claims.user_id, claims.session_version, Caller(None, None)))


def change_own_password(store: Store, login: Login, current: str, new: str) -> Login:
    """A new password for the logged-in user. Every session of the user ends; the
    returned login (with the new session version) keeps this one going."""
    _check_password(new)
    with store.read() as cur:
        user = users.by_id(cur, login.user_id)
    if user is None or not user.active or user.session_version != login.session_version:
        raise PermissionDenied("Uw sessie is verlopen. Log opnieuw in.")
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("Het huidige wachtwoord klopt niet.")
    if current == new:
        raise AccountError("Kies een ander wachtwoord dan het huidige.")
    password_hash = passwords.hash_password(new)

    def work(cur: Unit) -> Login:
        users.set_password(cur, user.id, password_hash, end_sessions=True)
        audit.append(cur, user.username, "user.password_change", "app_user", user.id)
        fresh = users.by_id(cur, user.id)
        assert fresh is not None
        return Login(fresh.id, fresh.session_version, _caller(cur, fresh))

    return store.write(work)


# --- managing users (administrators) ------------------------------------------------------


def list_users(store: Store, caller: Caller, now: datetime | None = None) -> list[UserView]:
    require_administrator(caller)
    moment = now or utc_now()
    with store.read() as cur:
        hoods = users.neighbourhoods_by_user(cur)
        return [_view(u, hoods.get(u.id, frozenset()), moment) for u in users.all_users(cur)]


def _view(user: UserRow, hoods: frozenset[int], now: datetime) -> UserView:
    locked_until = _aware(user.locked_until)
    return UserView(
        id=user.id,
        username=user.username,
        role=Role(user.role),
        active=user.active,
        all_neighbourhoods=user.all_neighbourhoods,
        neighbourhood_ids=hoods,
        failed_logins=user.failed_logins,
        locked_until=locked_until if is_locked(locked_until, now) else None,
        created_at=user.created_at,
    )


def create_user(
    store: Store,
    caller: Caller,
    username: str,
    password: str,
    role: Role,
    neighbourhood_ids: Iterable[int] = (),
    all_neighbourhoods: bool = False,
    now: datetime | None = None,
) -> int:
    """A new account; organisers work for the given neighbourhoods or for all of them."""
    require_administrator(caller)
    name = check_username(username)
    _check_password(password)
    hoods = _check_neighbourhoods(role, neighbourhood_ids, all_neighbourhoods)
    password_hash = passwords.hash_password(password)
    moment = now or utc_now()

    def work(cur: Unit) -> int:
        if users.by_username(cur, name) is not None:
            raise AccountError(f"De gebruikersnaam {name} bestaat al.")
        _check_known_neighbourhoods(cur, hoods)
        user_id = users.create(
            cur, name, password_hash, role.value, _naive(moment), all_neighbourhoods
        )
        users.set_neighbourhoods(cur, user_id, hoods)
        audit.append(
            cur,
            caller.actor,
            "user.create",
            "app_user",
            user_id,
            {"username": name, "role": role.value, "all_neighbourhoods": all_neighbourhoods,
             "neighbourhood_ids": sorted(hoods)},
            occurred_at=moment,
        )  # fmt: skip
        return user_id

    return store.write(work)


def update_access(
    store: Store,
    caller: Caller,
    user_id: int,
    role: Role,
    neighbourhood_ids: Iterable[int] = (),
    all_neighbourhoods: bool = False,
) -> None:
    """A new role and neighbourhoods; the user's open sessions end."""
    require_administrator(caller)
    hoods = _check_neighbourhoods(role, neighbourhood_ids, all_neighbourhoods)

    def work(cur: Unit) -> None:
        user = _existing(cur, user_id)
        if user.role == Role.ADMINISTRATOR and role is not Role.ADMINISTRATOR:
            _keep_an_administrator(cur, user)
        _check_known_neighbourhoods(cur, hoods)
        users.set_role(cur, user_id, role.value, all_neighbourhoods)
        users.set_neighbourhoods(cur, user_id, hoods)
        audit.append(
            cur,
            caller.actor,
            "user.access",
            "app_user",
            user_id,
            {"role": role.value, "all_neighbourhoods": all_neighbourhoods,
             "neighbourhood_ids": sorted(hoods)},
        )  # fmt: skip

    store.write(work)


def reset_password(store: Store, caller: Caller, user_id: int, password: str) -> None:
    """A new password set by an administrator; the user's sessions end and a lock goes."""
    require_administrator(caller)
    _check_password(password)
    password_hash = passwords.hash_password(password)

    def work(cur: Unit) -> None:
        _existing(cur, user_id)
        users.set_password(cur, user_id, password_hash, end_sessions=True)
        users.record_attempt(cur, user_id, 0, None)
        audit.append(cur, caller.actor, "user.password_reset", "app_user", user_id)

    store.write(work)


def unlock(store: Store, caller: Caller, user_id: int) -> None:
    require_administrator(caller)

    def work(cur: Unit) -> None:
        _existing(cur, user_id)
        users.record_attempt(cur, user_id, 0, None)
        audit.append(cur, caller.actor, "user.unlock", "app_user", user_id)

    store.write(work)


def set_active(store: Store, caller: Caller, user_id: int, active: bool) -> None:
    """Disable an account (it cannot log in; open sessions end) or enable it again."""
    require_administrator(caller)

    def work(cur: Unit) -> None:
        user = _existing(cur, user_id)
        if not active and user.role == Role.ADMINISTRATOR:
            _keep_an_administrator(cur, user)
        users.set_active(cur, user_id, active)
        audit.append(
            cur, caller.actor, "user.enable" if active else "user.disable", "app_user", user_id
        )

    store.write(work)


def user_id_for(store: Store, caller: Caller, username: str) -> int:
    require_administrator(caller)
    with store.read() as cur:
        user = users.by_username(cur, username.strip().lower())
    if user is None:
        raise AccountError(f"Er is geen gebruiker {username.strip()}.")
    return user.id


def neighbourhood_ids_for_codes(store: Store, caller: Caller, codes: Iterable[str]) -> list[int]:
    """The ids for neighbourhood codes such as WK001; an unknown code is an error."""
    require_administrator(caller)
    wanted = [c.strip().upper() for c in codes if c.strip()]
    with store.read() as cur:
        found = users.neighbourhood_ids_for_codes(cur, wanted)
    unknown = sorted(set(wanted) - set(found))
    if unknown:
        raise AccountError(f"Onbekende wijkcode: {', '.join(unknown)}.")
    return [found[c] for c in wanted]


# --- checks ------------------------------------------------------------------------------


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise AccountError(
            "Een gebruikersnaam heeft 3 tot 40 tekens: kleine letters, cijfers, punt, "
            "streepje of liggend streepje, en begint met een letter of cijfer."
        )
    return name


def _check_password(password: str) -> None:
    try:
        passwords.check_strength(password)
    except passwords.WeakPasswordError as exc:
        raise AccountError(str(exc)) from exc


def _check_neighbourhoods(
    role: Role, neighbourhood_ids: Iterable[int], all_neighbourhoods: bool
) -> set[int]:
    if not isinstance(role, Role):
        raise AccountError("Kies een rol: organisator, wethouder of beheerder.")
    hoods = {int(h) for h in neighbourhood_ids}
    if role is not Role.ORGANISER:
        if hoods or all_neighbourhoods:
            raise AccountError("Alleen organisatoren werken voor bepaalde wijken.")
        return set()
    if all_neighbourhoods and hoods:
        raise AccountError("Kies alle wijken of een paar wijken, niet allebei.")
    if not all_neighbourhoods and not hoods:
        raise AccountError("Kies de wijken waarvoor deze organisator werkt (of alle wijken).")
    return hoods


def _check_known_neighbourhoods(cur: Unit, hoods: set[int]) -> None:
    if not hoods:
        return
    if hoods - users.known_neighbourhood_ids(cur, hoods):
        raise AccountError("Een van de gekozen wijken bestaat niet.")


def _existing(cur: Unit, user_id: int) -> UserRow:
    user = users.by_id(cur, user_id)
    if user is None:
        raise AccountError("Deze gebruiker bestaat niet.")
    return user


def _keep_an_administrator(cur: Unit, user: UserRow) -> None:
    if user.active and users.active_administrators(cur) <= 1:
        raise AccountError("Er moet minstens één actieve beheerder blijven.")

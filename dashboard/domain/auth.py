"""Who is calling, and what they may do. Every service function checks its caller here;
hiding pages is not enough.

Roles: organisers work for chosen neighbourhoods (or all), aldermen read everything,
administrators manage users. Residents are the anonymous public.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ORGANISER = "organiser"
    ALDERMAN = "alderman"
    ADMINISTRATOR = "administrator"


class PermissionDenied(Exception):
    """The caller may not do this. The message is Dutch: it may reach the screen."""


@dataclass(frozen=True)
class Caller:
    username: str | None
    role: Role | None
    # Neighbourhoods an organiser works for; None means all of them.
    neighbourhood_ids: frozenset[int] | None = frozenset()

    @property
    def actor(self) -> str:
        """The name written into the audit log."""
        return self.username or "publiek"

    @property
    def is_public(self) -> bool:
        return self.role is None

    def covers(self, neighbourhood_id: int) -> bool:
        return self.neighbourhood_ids is None or neighbourhood_id in self.neighbourhood_ids


PUBLIC = Caller(username=None, role=None)
SYSTEM = Caller(username="systeem", role=Role.ADMINISTRATOR, neighbourhood_ids=None)


def require_organiser(caller: Caller, neighbourhood_id: int) -> None:
    """Organisers of this neighbourhood (and the system itself) may change its records."""
    if caller is SYSTEM:
        return
    if caller.role is not Role.ORGANISER:
        raise PermissionDenied("Alleen organisatoren mogen dit doen. Log in als organisator.")
    if not caller.covers(neighbourhood_id):
        raise PermissionDenied("U bent geen organisator voor deze wijk.")


def require_staff(caller: Caller) -> None:
    """Organisers, aldermen and administrators may read non-public figures."""
    if caller.is_public:
        raise PermissionDenied("Log in om deze gegevens te zien.")


def require_administrator(caller: Caller) -> None:
    if caller.role is not Role.ADMINISTRATOR:
        raise PermissionDenied("Alleen beheerders mogen gebruikers en rollen beheren.")


def may_see_personal_data(caller: Caller, neighbourhood_id: int) -> bool:
    """Names and addresses: only organisers of that neighbourhood."""
    return caller.role is Role.ORGANISER and caller.covers(neighbourhood_id)

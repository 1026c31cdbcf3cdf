"""Dutch names of the roles."""

from __future__ import annotations

from dashboard.domain.auth import Role

ROLE_NAMES: dict[Role | None, str] = {
    Role.ORGANISER: "organisator",
    Role.ALDERMAN: "wethouder",
    Role.ADMINISTRATOR: "beheerder",
    None: "bewoner",
}

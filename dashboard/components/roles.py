"""Dutch names of the roles."""

from __future__ import annotations

from dashboard.domain.auth import Role
from dashboard.domain.translatable import N_

ROLE_NAMES: dict[Role | None, str] = {
    Role.ORGANISER: N_("organisator"),
    Role.ALDERMAN: N_("wethouder"),
    Role.ADMINISTRATOR: N_("beheerder"),
    None: N_("bewoner"),
}

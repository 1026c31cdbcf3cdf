"""Demo accounts, only for the generated demo municipality. Their passwords are public
(README): never use them in a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.domain.auth import SYSTEM, Role
from dashboard.services import accounts
from dashboard.store.db import Store

# username, password, role, neighbourhoods: "all", the first one, or none
DEMO_USERS: list[tuple[str, str, Role, str]] = [
    ("organisator", "demo-organisator", Role.ORGANISER, "all"),
    ("wijkorganisator", "demo-wijkorganisator", Role.ORGANISER, "first"),
    ("wethouder", "demo-wethouder", Role.ALDERMAN, "none"),
    ("beheer", "demo-beheer", Role.ADMINISTRATOR, "none"),
]


def add_demo_users(store: Store, today: date) -> None:
    """Create the demo accounts (the first neighbourhood has id 1 in the demo)."""
    created = datetime.combine(today, datetime.min.time(), UTC)
    for username, password, role, where in DEMO_USERS:
        accounts.create_user(
            store,
            SYSTEM,
            username,
            password,
            role,
            neighbourhood_ids=[1] if where == "first" else [],
            all_neighbourhoods=where == "all",
            now=created,
        )

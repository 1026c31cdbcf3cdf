"""The login cookies' signing secret in the database: made once, then read by every server."""

from __future__ import annotations

from datetime import datetime

from dashboard.store.rows import first_row
from dashboard.store.unit import Unit


def stored_secret(cur: Unit, fresh: str, now: datetime) -> str:
    """The stored secret; `fresh` becomes it when there is none yet. Two servers starting
    together both insert: the key refuses the second, whose write is retried and reads the
    first one's."""
    row = first_row(cur, "SELECT value FROM signing_secret WHERE id = 1")
    if row is not None:
        return str(row[0])
    cur.execute("INSERT INTO signing_secret VALUES (1, ?, ?)", [fresh, now])
    return fresh

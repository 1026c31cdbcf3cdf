"""Storing a checked register extract for a draw: households, residents and their contact
data are added or brought up to date, and the draw's list of who was in the extract is
replaced. Set-based SQL: one pass compares the whole extract with what is stored, and
only the rows that differ are written (a million rows in a few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import pyarrow as pa

from dashboard.store.bulk import checked_as_a_whole, kept, staged
from dashboard.store.dialect import any_value
from dashboard.store.rows import Cursor, first_row, insert, select

# The columns of a checked extract (dashboard/files/register_extract.py builds them).
EXTRACT_COLUMNS = (
    "resident_id", "household_id", "neighbourhood_id", "part_id", "birth_date", "gender",
    "education", "tenure", "origin", "registered_since", "first_name", "last_name", "street",
    "house_number", "postcode", "city",
)  # fmt: skip


def _households(cur: Cursor, most_differ: bool) -> str:
    """The households of the extract's differing rows (every household not stored is one
    of them): one row each, with its place and size (over the whole extract). When most
    rows differ (a first import) all households are grouped: cheaper than finding first
    which ones to group."""
    only_differing = (
        "" if most_differ else "WHERE household_id IN (SELECT household_id FROM _differs)"
    )
    return f"""
        SELECT household_id AS id, {any_value(cur, "neighbourhood_id")} AS neighbourhood_id,
               {any_value(cur, "part_id")} AS part_id, {any_value(cur, "tenure")} AS tenure,
               count(*) AS size
        FROM _extract {only_differing} GROUP BY household_id
    """


# Attributes of a stored resident the extract may update. Where someone lives (household,
# neighbourhood, part) is not among them: DuckDB refuses to change the indexed
# foreign-key columns of a row others refer to. A move goes to `resident_move` (read
# through the view `resident_now`); the draw reads its own snapshot (draw_register).
_ATTRIBUTES = """
    r.birth_date <> x.birth_date OR r.gender <> x.gender
    OR r.education <> coalesce(x.education, r.education)
    OR r.tenure <> coalesce(x.tenure, r.tenure)
    OR r.origin <> coalesce(x.origin, r.origin)
    OR r.registered_since <> coalesce(x.registered_since, r.registered_since)
"""
_MOVED = """
    r.household_id <> x.household_id OR r.neighbourhood_id <> x.neighbourhood_id
    OR r.part_id <> x.part_id
"""
_CONTACT_CHANGED = """
    c.street <> x.street OR c.house_number <> x.house_number
    OR c.postcode <> x.postcode OR c.city <> x.city
    OR c.first_name <> coalesce(nullif(x.first_name, ''), c.first_name)
    OR c.last_name <> coalesce(nullif(x.last_name, ''), c.last_name)
"""
# The extract's rows that differ from what is stored: a new resident, changed attributes,
# a move (or a move back), missing or changed contact data. One pass over the whole
# extract joined to the stored register; every statement that writes reads only these
# rows. A row not among them needs nothing: its household is stored (it is where the
# resident lives now), and so are its move and its contact data as they are.
_DIFFERS = f"""
    SELECT x.*, r.id IS NULL AS is_new,
           coalesce(({_ATTRIBUTES}) OR ({_MOVED}), FALSE) AS is_changed
    FROM _extract x
    LEFT JOIN resident_now r ON r.id = x.resident_id
    LEFT JOIN resident_contact c ON c.resident_id = x.resident_id
    WHERE r.id IS NULL OR c.resident_id IS NULL OR ({_ATTRIBUTES}) OR ({_MOVED})
        OR ({_CONTACT_CHANGED})
"""


@dataclass(frozen=True)
class RegisterImport:
    id: int
    draw_id: int
    file_name: str
    file_sha256: str
    rows_read: int
    rows_used: int
    rows_rejected: int
    rows_outside: int
    residents_new: int
    residents_changed: int
    imported_by: str
    imported_at: datetime
    contacts_skipped: int = 0  # rows of residents whose contact data was erased on request


@dataclass(frozen=True)
class Loaded:
    residents_new: int
    residents_changed: int
    contacts_skipped: int = 0


def _count(cur: Cursor, sql: str, params: list[object] | None = None) -> int:
    row = first_row(cur, sql, params)
    return int(row[0]) if row and row[0] is not None else 0


def load_extract(cur: Cursor, draw_id: int, rows: pa.Table, today: date) -> Loaded:
    """Add new households and residents, update what changed, and make `rows` the
    draw's register snapshot. Optional values left empty (None) keep what is stored."""
    with (
        staged(cur, "_extract", rows.select(list(EXTRACT_COLUMNS))),
        kept(cur, "_differs", _DIFFERS),
        checked_as_a_whole(cur, _ORPHANS),
    ):
        return _load_staged(cur, draw_id, rows, today)


# What the foreign keys of the rows an import adds refer to (household, resident,
# resident_contact, resident_move): the neighbourhoods and parts, households and residents
# (added by the import itself when new) of the rows it writes from: the differing ones.
_REFERENCES = (
    ("neighbourhood", "neighbourhood_id"), ("neighbourhood_part", "part_id"),
    ("household", "household_id"), ("resident", "resident_id"),
)  # fmt: skip
# One anti-join per key, summed: an OR of them would be checked row by row.
_ORPHANS = "SELECT " + " + ".join(
    f"(SELECT count(*) FROM _differs x WHERE NOT EXISTS "
    f"(SELECT 1 FROM {table} t WHERE t.id = x.{column}))"
    for table, column in _REFERENCES
)


def _load_staged(cur: Cursor, draw_id: int, rows: pa.Table, today: date) -> Loaded:
    """load_extract's work, with the extract readable as the table `_extract`."""
    counted = first_row(
        cur,
        "SELECT count(*), count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE is_changed) "
        "FROM _differs",
    )
    assert counted is not None
    differing, new, changed = (int(n) for n in counted)
    # Contact data erased on request is not brought back by a new extract.
    skipped = _count(
        cur,
        "SELECT count(*) FROM _extract x WHERE EXISTS "
        "(SELECT 1 FROM contact_erasure e WHERE e.resident_id = x.resident_id)",
    )
    cur.execute(
        f"""
        INSERT INTO household (id, neighbourhood_id, part_id, tenure, size)
        SELECT h.id, h.neighbourhood_id, h.part_id, coalesce(h.tenure, 'onbekend'), h.size
        FROM ({_households(cur, differing > rows.num_rows // 2)}) h
        WHERE NOT EXISTS (SELECT 1 FROM household WHERE household.id = h.id)
        """
    )
    cur.execute(
        """
        INSERT INTO resident (id, household_id, neighbourhood_id, part_id, birth_date, gender,
                              education, tenure, origin, registered_since)
        SELECT x.resident_id, x.household_id, x.neighbourhood_id, x.part_id, x.birth_date,
               x.gender, coalesce(x.education, 'onbekend'), coalesce(x.tenure, 'onbekend'),
               coalesce(x.origin, 'onbekend'), coalesce(x.registered_since, ?)
        FROM _differs x WHERE x.is_new
        """,
        [today],
    )
    cur.execute(
        f"""
        UPDATE resident r SET birth_date = x.birth_date, gender = x.gender,
               education = coalesce(x.education, r.education),
               tenure = coalesce(x.tenure, r.tenure),
               origin = coalesce(x.origin, r.origin),
               registered_since = coalesce(x.registered_since, r.registered_since)
        FROM _differs x
        WHERE x.is_changed AND r.id = x.resident_id AND ({_ATTRIBUTES})
        """
    )
    # Moves: a new address replaces an earlier move; back at the first address, the
    # move is gone.
    cur.execute(
        """
        DELETE FROM resident_move m USING _differs x
        WHERE x.is_changed AND m.resident_id = x.resident_id
            AND (m.household_id <> x.household_id OR m.neighbourhood_id <> x.neighbourhood_id
                 OR m.part_id <> x.part_id)
        """
    )
    cur.execute(
        f"""
        INSERT INTO resident_move
        SELECT x.resident_id, x.household_id, x.neighbourhood_id, x.part_id, ?
        FROM _differs x JOIN resident r ON r.id = x.resident_id
        WHERE x.is_changed AND ({_MOVED})
        ON CONFLICT (resident_id) DO NOTHING
        """,
        [today],
    )
    cur.execute(
        f"""
        UPDATE resident_contact c SET
               first_name = coalesce(nullif(x.first_name, ''), c.first_name),
               last_name = coalesce(nullif(x.last_name, ''), c.last_name),
               street = x.street, house_number = x.house_number, postcode = x.postcode,
               city = x.city
        FROM _differs x
        WHERE c.resident_id = x.resident_id AND ({_CONTACT_CHANGED})
        """
    )
    cur.execute(
        """
        INSERT INTO resident_contact (resident_id, first_name, last_name, street,
                                      house_number, postcode, city)
        SELECT x.resident_id, x.first_name, x.last_name, x.street, x.house_number,
               x.postcode, x.city
        FROM _differs x
        WHERE NOT EXISTS (SELECT 1 FROM resident_contact c WHERE c.resident_id = x.resident_id)
        AND x.resident_id NOT IN (SELECT resident_id FROM contact_erasure)
        """
    )
    cur.execute("DELETE FROM draw_register WHERE draw_id = ?", [draw_id])
    complete = all(rows.column(c).null_count == 0 for c in ("education", "tenure", "origin"))
    # Values the extract left empty come from the stored resident (a join: only then).
    source = (
        "_extract x"
        if complete
        else "(SELECT x.resident_id, x.household_id, x.neighbourhood_id, x.part_id, "
        "x.birth_date, x.gender, coalesce(x.education, r.education) AS education, "
        "coalesce(x.tenure, r.tenure) AS tenure, coalesce(x.origin, r.origin) AS origin "
        "FROM _extract x JOIN resident r ON r.id = x.resident_id) x"
    )
    cur.execute(
        f"""
        INSERT INTO draw_register
        SELECT ?, x.resident_id, x.household_id, x.neighbourhood_id, x.part_id,
               x.birth_date, x.gender, x.education, x.tenure, x.origin
        FROM {source}
        """,
        [draw_id],
    )
    return Loaded(residents_new=new, residents_changed=changed, contacts_skipped=skipped)


def add_import(cur: Cursor, values: dict[str, object]) -> int:
    return insert(cur, "register_import", values)


def imports(cur: Cursor, draw_id: int) -> list[RegisterImport]:
    return select(cur, RegisterImport, "register_import", "draw_id = ?", [draw_id], order_by="id")


def register_size(cur: Cursor, draw_id: int) -> int:
    return _count(cur, "SELECT count(*) FROM draw_register WHERE draw_id = ?", [draw_id])


def register_as_extract(cur: Cursor, neighbourhood_ids: list[int] | None = None) -> pd.DataFrame:
    """The stored register in the extract's columns (the demo's stand-in for a BRP file)."""
    where = "TRUE" if neighbourhood_ids is None else "r.neighbourhood_id = ANY(?)"
    params: list[object] = [] if neighbourhood_ids is None else [neighbourhood_ids]
    return cur.execute(
        f"""
        SELECT r.id AS persoonsnummer, r.household_id AS huishoudnummer,
               CAST(r.birth_date AS VARCHAR) AS geboortedatum, r.gender AS geslacht,
               n.code AS wijkcode, p.code AS buurtcode, c.first_name AS voornaam,
               c.last_name AS achternaam, c.street AS straat, c.house_number AS huisnummer,
               c.postcode AS postcode, c.city AS woonplaats, r.education AS opleiding,
               r.tenure AS woonsituatie, r.origin AS herkomst,
               CAST(r.registered_since AS VARCHAR) AS "ingeschreven sinds"
        FROM resident_now r
        JOIN neighbourhood n ON n.id = r.neighbourhood_id
        JOIN neighbourhood_part p ON p.id = r.part_id
        JOIN resident_contact c ON c.resident_id = r.id
        WHERE {where}
        ORDER BY r.id
        """,
        params,
    ).df()

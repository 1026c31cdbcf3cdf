"""The code list of a neighbourhood vote (migration 0014, `vote_code`), kept apart from the
ballots: who may vote (the register's residents of the vote's age), the code each got, and
whether it was used. Personal data: read for the organisers' letters only, never by a
public query; counted per group and destroyed when the vote closes. A code is stored
without its dash ('K7QM2XHD')."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.store.bulk import load_frame
from dashboard.store.register import age_band_sql
from dashboard.store.rows import Cursor, first_row


def eligible(cur: Cursor, neighbourhood_id: int, reference: date, min_age: int) -> pd.DataFrame:
    """Residents who live in the neighbourhood now and are `min_age` or older on
    `reference`, with an address to send a letter to (their name and address not erased
    on request): resident_id, part_id, age_band; by address."""
    band = age_band_sql(reference)
    return cur.execute(
        f"""
        SELECT r.id AS resident_id, r.part_id, {band} AS age_band
        FROM resident_now r
        JOIN resident_contact c ON c.resident_id = r.id
        WHERE r.neighbourhood_id = ?
          AND extract(year FROM age(DATE '{reference.isoformat()}', r.birth_date)) >= ?
          AND r.id NOT IN (SELECT resident_id FROM contact_erasure)
        ORDER BY c.postcode, c.street, c.house_number, r.id
        """,
        [neighbourhood_id, min_age],
    ).df()


def left_out(cur: Cursor, neighbourhood_id: int, reference: date, min_age: int) -> int:
    """Residents of the vote's age without an address to write to (erased on request, or
    their contact data deleted by the retention rule)."""
    row = first_row(
        cur,
        f"""
        SELECT count(*) FROM resident_now r
        WHERE r.neighbourhood_id = ?
          AND extract(year FROM age(DATE '{reference.isoformat()}', r.birth_date)) >= ?
          AND (r.id IN (SELECT resident_id FROM contact_erasure)
               OR r.id NOT IN (SELECT resident_id FROM resident_contact))
        """,
        [neighbourhood_id, min_age],
    )
    return int(row[0]) if row else 0


def taken(cur: Cursor) -> set[str]:
    """Every code in the list now (of any vote): a new code must differ from all."""
    return {str(r[0]) for r in cur.execute("SELECT code FROM vote_code").fetchall()}


def load_codes(cur: Cursor, frame: pd.DataFrame) -> int:
    """Columns code, vote_id, resident_id, part_id, age_band."""
    return load_frame(cur, "vote_code", frame)


@dataclass(frozen=True)
class CodeState:
    vote_id: int
    used: bool


def find(cur: Cursor, code: str) -> CodeState | None:
    row = first_row(cur, "SELECT vote_id, used FROM vote_code WHERE code = ?", [code])
    return CodeState(int(row[0]), bool(row[1])) if row else None


def use(cur: Cursor, vote_id: int, code: str) -> bool:
    """Mark the code used, once: False when it is not the vote's or was used already. Two
    sessions using one code at once conflict on its row (the later one is retried and
    then finds it used)."""
    rows = cur.execute(
        "UPDATE vote_code SET used = TRUE WHERE code = ? AND vote_id = ? AND NOT used "
        "RETURNING code",
        [code, vote_id],
    ).fetchall()
    return len(rows) == 1


def used_by_resident(cur: Cursor, vote_id: int, resident_ids: Sequence[int]) -> dict[int, bool]:
    """Of these residents, who has a code of the vote, and whether it was used."""
    rows = cur.execute(
        "SELECT resident_id, used FROM vote_code WHERE vote_id = ? AND resident_id = ANY(?)",
        [vote_id, list(resident_ids)],
    ).fetchall()
    return {int(r): bool(u) for r, u in rows}


def replace_code(cur: Cursor, vote_id: int, resident_id: int, code: str) -> bool:
    """Give the resident `code` in place of their unused code (which stops working); False
    when they have no unused code of the vote. A vote with the old code at the same moment
    conflicts on the row: one of the two is retried and finds the other done."""
    rows = cur.execute(
        "UPDATE vote_code SET code = ? WHERE vote_id = ? AND resident_id = ? AND NOT used "
        "RETURNING code",
        [code, vote_id, resident_id],
    ).fetchall()
    return len(rows) == 1


@dataclass(frozen=True)
class CodeCounts:
    issued: int
    used: int


def counts(cur: Cursor, vote_id: int) -> CodeCounts:
    row = first_row(
        cur,
        "SELECT count(*), count(*) FILTER (WHERE used) FROM vote_code WHERE vote_id = ?",
        [vote_id],
    )
    return CodeCounts(int(row[0]), int(row[1])) if row else CodeCounts(0, 0)


def per_group(cur: Cursor, vote_id: int) -> list[tuple[str, str, int, int]]:
    """(feature, value, codes, used) per buurt ('part', its code) and age band."""
    rows = cur.execute(
        """
        SELECT 'part', p.code, count(*), count(*) FILTER (WHERE c.used)
        FROM vote_code c JOIN neighbourhood_part p ON p.id = c.part_id
        WHERE c.vote_id = ? GROUP BY p.code
        UNION ALL
        SELECT 'age_band', c.age_band, count(*), count(*) FILTER (WHERE c.used)
        FROM vote_code c WHERE c.vote_id = ? GROUP BY c.age_band
        ORDER BY 1, 2
        """,
        [vote_id, vote_id],
    ).fetchall()
    return [(str(f), str(v), int(n), int(u)) for f, v, n, u in rows]


def destroy(cur: Cursor, vote_id: int) -> int:
    """Delete the vote's whole code list; how many codes went."""
    return len(
        cur.execute("DELETE FROM vote_code WHERE vote_id = ? RETURNING code", [vote_id]).fetchall()
    )


def forget_resident(cur: Cursor, resident_id: int) -> int:
    """An erasure on request: the codes stay valid, without the link to the resident."""
    return len(
        cur.execute(
            "UPDATE vote_code SET resident_id = NULL WHERE resident_id = ? RETURNING code",
            [resident_id],
        ).fetchall()
    )


_LETTERS = """
        FROM vote_code v
        JOIN resident_contact c ON c.resident_id = v.resident_id
        JOIN vote ON vote.id = v.vote_id
        JOIN neighbourhood n ON n.id = vote.neighbourhood_id
        WHERE v.vote_id = ?
"""


def mail_merge(
    cur: Cursor, vote_id: int, first: int = 0, count: int | None = None,
    resident_id: int | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The letters: code (with its dash), name and address, by address (`count` of them
    from number `first`, or all; or the one of `resident_id`). Personal data, for the
    organisers' letters only."""
    one = "" if resident_id is None else "AND v.resident_id = ?"
    limit = "" if count is None else "LIMIT ?"
    return cur.execute(
        f"""
        SELECT left(v.code, 4) || '-' || right(v.code, 4) AS code,
               c.first_name AS voornaam, c.last_name AS achternaam, c.street AS straat,
               c.house_number AS huisnummer, c.postcode AS postcode, c.city AS woonplaats,
               n.name AS wijk
        {_LETTERS} {one}
        ORDER BY c.postcode, c.street, c.house_number, v.code
        {limit} OFFSET ?
        """,
        [vote_id, *([] if resident_id is None else [resident_id]),
         *([] if count is None else [count]), first],
    ).df()  # fmt: skip


def letters_count(cur: Cursor, vote_id: int) -> int:
    """How many letters `mail_merge` gives."""
    row = cur.execute(f"SELECT count(*) {_LETTERS}", [vote_id]).fetchone()
    return int(row[0]) if row else 0

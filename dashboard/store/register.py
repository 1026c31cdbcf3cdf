"""The population register (pseudonymous) and population statistics."""

from __future__ import annotations

from datetime import date

from dashboard.domain.groups import AGE_BANDS
from dashboard.store.rows import Cursor, first_row


# Age bands used for statistics and quotas; the upper bound is inclusive.
def age_band_sql(reference: date) -> str:
    """A SQL CASE expression giving the age band of `birth_date` on `reference`."""
    return age_band_between("birth_date", f"DATE '{reference.isoformat()}'")


def age_band_between(birth: str, reference: str) -> str:
    """A SQL CASE expression giving the age band of the date `birth` on the date
    `reference` (both SQL expressions) by comparing dates: someone is at most `hi` years
    old when born after `reference` minus hi + 1 years. Per row far cheaper than the age
    in years by age(), which PostgreSQL would compute again for every band."""
    cases = " ".join(
        f"WHEN {birth} > {reference} - INTERVAL '{hi + 1} years' THEN '{name}'"
        for name, _, hi in AGE_BANDS[:-1]
    )
    return f"CASE WHEN {birth} IS NULL THEN NULL {cases} ELSE '{AGE_BANDS[-1][0]}' END"


def refresh_population_stats(cur: Cursor, year: int, reference: date) -> int:
    """Recompute population_stat for `year` from the register; returns the rows written."""
    cur.execute("DELETE FROM population_stat WHERE year = ?", [year])
    band = age_band_sql(reference)
    features = {
        "age_band": band,
        "gender": "gender",
        "education": "education",
        "tenure": "tenure",
        "origin": "origin",
        "part": "(SELECT code FROM neighbourhood_part p WHERE p.id = part_id)",
    }
    for feature, expression in features.items():
        cur.execute(
            f"""
            INSERT INTO population_stat
            SELECT neighbourhood_id, ?, ?, value, count(*)
            FROM (SELECT neighbourhood_id, {expression} AS value FROM resident_now)
            GROUP BY neighbourhood_id, value
            """,
            [year, feature],
        )
    row = first_row(cur, "SELECT count(*) FROM population_stat WHERE year = ?", [year])
    return int(row[0]) if row else 0


def population_stats(cur: Cursor, neighbourhood_id: int, year: int) -> dict[str, dict[str, int]]:
    rows = cur.execute(
        "SELECT feature, value, count FROM population_stat "
        "WHERE neighbourhood_id = ? AND year = ? ORDER BY feature, value",
        [neighbourhood_id, year],
    ).fetchall()
    stats: dict[str, dict[str, int]] = {}
    for feature, value, count in rows:
        stats.setdefault(str(feature), {})[str(value)] = int(count)
    return stats


def population_stats_of(cur: Cursor, years: dict[int, int]) -> dict[int, dict[str, dict[str, int]]]:
    """`population_stats` of several neighbourhoods at once: per neighbourhood id, of the
    year `years` gives it; one query."""
    if not years:
        return {}
    rows = cur.execute(
        "SELECT ps.neighbourhood_id, ps.feature, ps.value, ps.count FROM population_stat ps "
        "JOIN (SELECT unnest($hoods) AS hood, unnest($years) AS year) w "
        "ON ps.neighbourhood_id = w.hood AND ps.year = w.year "
        "ORDER BY 1, 2, 3",
        {"hoods": list(years), "years": list(years.values())},
    ).fetchall()
    stats: dict[int, dict[str, dict[str, int]]] = {}
    for hood, feature, value, count in rows:
        stats.setdefault(int(hood), {}).setdefault(str(feature), {})[str(value)] = int(count)
    return stats

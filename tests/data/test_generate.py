import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from data.generate import GenerateError, Settings, generate
from tests.conftest import DEMO_SETTINGS, DEMO_TODAY

REPO = Path(__file__).resolve().parents[2]


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def fingerprint(path: Path) -> dict[str, str]:
    """A hash of every table's rows in id order (password hashes excluded: their salts
    are random on purpose)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        result = {}
        for name in sorted(set(names) - {"schema_version"}):
            columns = "* EXCLUDE (password_hash)" if name == "app_user" else "*"
            rows = con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()
            result[name] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return result
    finally:
        con.close()


def test_same_seed_gives_the_same_municipality(demo_db_template: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    generate(again, DEMO_SETTINGS)
    assert fingerprint(again) == fingerprint(demo_db_template)


def test_another_seed_gives_another_municipality(demo_db_template: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    generate(other, Settings(residents=4000, seed=12, today=DEMO_TODAY))
    mine, theirs = fingerprint(demo_db_template), fingerprint(other)
    assert mine["resident"] != theirs["resident"]
    assert mine["proposal"] != theirs["proposal"]


def test_geography_has_districts_neighbourhoods_and_parts(demo_db_template: Path) -> None:
    (districts, hoods, parts) = query(
        demo_db_template,
        "SELECT (SELECT count(*) FROM district), (SELECT count(*) FROM neighbourhood), "
        "(SELECT count(*) FROM neighbourhood_part)",
    )[0]
    assert (districts, hoods, parts) == (3, 12, 48)
    polygons = query(demo_db_template, "SELECT polygon_geojson FROM neighbourhood")
    assert all('"Polygon"' in p[0] for p in polygons)


def test_households_are_realistic(demo_db_template: Path) -> None:
    residents, households, mean_size, max_size = query(
        demo_db_template,
        "SELECT (SELECT count(*) FROM resident), count(*), avg(size), max(size) FROM household",
    )[0]
    assert residents == DEMO_SETTINGS.residents
    assert households * mean_size == pytest.approx(residents)
    assert 1.9 <= mean_size <= 2.5  # the Dutch average is about 2.1
    assert max_size <= 6
    # Household sizes match their members, and every household has an adult (18+).
    mismatched = query(
        demo_db_template,
        "SELECT count(*) FROM household h WHERE size <> "
        "(SELECT count(*) FROM resident r WHERE r.household_id = h.id)",
    )[0][0]
    assert mismatched == 0
    without_adult = query(
        demo_db_template,
        f"""SELECT count(*) FROM household h WHERE NOT EXISTS (
            SELECT 1 FROM resident r WHERE r.household_id = h.id
            AND r.birth_date <= DATE '{DEMO_TODAY.replace(year=DEMO_TODAY.year - 18)}')""",
    )[0][0]
    assert without_adult == 0


def test_ages_and_groups_are_plausible_and_differ_per_neighbourhood(
    demo_db_template: Path,
) -> None:
    shares = dict(
        query(
            demo_db_template,
            "SELECT value, sum(count) / (SELECT sum(count) FROM population_stat "
            "WHERE feature = 'age_band') FROM population_stat WHERE feature = 'age_band' "
            "GROUP BY value",
        )
    )
    assert 0.10 <= shares["0-15"] <= 0.25
    assert 0.10 <= shares["65+"] <= 0.30
    owners = [
        r[0]
        for r in query(
            demo_db_template,
            "SELECT avg(CASE WHEN tenure = 'koop' THEN 1 ELSE 0 END) FROM household "
            "GROUP BY neighbourhood_id",
        )
    ]
    assert max(owners) - min(owners) > 0.3  # neighbourhoods have their own character


def test_every_proposal_status_and_the_irregularities_exist(demo_db_template: Path) -> None:
    statuses = {r[0] for r in query(demo_db_template, "SELECT DISTINCT status FROM proposal")}
    assert statuses == {
        "ingediend", "in behandeling", "besloten", "in uitvoering", "afgerond", "afgewezen",
    }  # fmt: skip
    stalled = query(
        demo_db_template,
        f"""SELECT count(*) FROM proposal p WHERE status = 'in behandeling' AND
            (SELECT max(changed_on) FROM proposal_status_change c WHERE c.proposal_id = p.id)
            < DATE '{DEMO_TODAY}' - INTERVAL 90 DAY""",
    )[0][0]
    assert stalled >= 1
    overspent = query(
        demo_db_template,
        """SELECT count(*) FROM allocation a
           WHERE (SELECT sum(amount) FROM spending_transaction t WHERE t.allocation_id = a.id)
                 > a.amount""",
    )[0][0]
    assert overspent == 1
    reversals = query(
        demo_db_template,
        """SELECT r.amount + o.amount FROM spending_transaction r
           JOIN spending_transaction o ON o.id = r.reverses_id""",
    )
    assert reversals == [(Decimal("0.00"),)]
    drafts = query(demo_db_template, "SELECT count(*) FROM decision WHERE status = 'concept'")
    assert drafts[0][0] >= 1


def test_money_balances(demo_db_template: Path) -> None:
    over_envelope = query(
        demo_db_template,
        """SELECT count(*) FROM budget_envelope e
           WHERE (SELECT coalesce(sum(amount), 0) FROM allocation a WHERE a.envelope_id = e.id)
                 > e.amount""",
    )[0][0]
    assert over_envelope == 0
    mismatched = query(
        demo_db_template,
        """SELECT count(*) FROM decision d WHERE kind = 'toekennen' AND amount <>
           (SELECT sum(amount) FROM allocation a WHERE a.decision_id = d.id)""",
    )[0][0]
    assert mismatched == 0
    future = query(
        demo_db_template,
        f"SELECT count(*) FROM spending_transaction WHERE booked_on > DATE '{DEMO_TODAY}'",
    )[0][0]
    assert future == 0
    votes = query(
        demo_db_template,
        "SELECT count(*) FROM decision WHERE votes_for + votes_against + votes_abstain "
        "<> members_present",
    )[0][0]
    assert votes == 0


def test_status_changes_run_forward_in_time(demo_db_template: Path) -> None:
    backwards = query(
        demo_db_template,
        """SELECT count(*) FROM (
             SELECT changed_on < lag(changed_on) OVER (PARTITION BY proposal_id ORDER BY id)
             AS back FROM proposal_status_change) WHERE back""",
    )[0][0]
    assert backwards == 0
    last_matches = query(
        demo_db_template,
        """SELECT count(*) FROM proposal p WHERE status <> (SELECT to_status
           FROM proposal_status_change c WHERE c.proposal_id = p.id ORDER BY id DESC LIMIT 1)""",
    )[0][0]
    assert last_matches == 0


def test_councils_are_drawn_from_their_own_neighbourhood(demo_db_template: Path) -> None:
    foreign = query(
        demo_db_template,
        """SELECT count(*) FROM seat s JOIN resident r ON r.id = s.resident_id
           JOIN council_neighbourhood cn ON cn.council_id = s.council_id
           WHERE r.neighbourhood_id <> cn.neighbourhood_id""",
    )[0][0]
    assert foreign == 0
    appointed = query(demo_db_template, "SELECT count(*) FROM seat WHERE kind = 'appointed'")
    assert appointed[0][0] > 0


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data.generate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_writes_a_database(tmp_path: Path) -> None:
    out = tmp_path / "cli.duckdb"
    result = run_cli("--residents", "1000", "--seed", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1,000 residents" in result.stdout
    assert query(out, "SELECT count(*) FROM resident") == [(1000,)]


def test_cli_rejects_unknown_options() -> None:
    result = run_cli("--residentz", "10", "--out", "x.duckdb")
    assert result.returncode == 2
    assert "unrecognized arguments: --residentz" in result.stderr


def test_cli_reports_an_unwritable_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        locked = Path("/proc")  # not even root can create files here
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
    result = run_cli("--residents", "1000", "--out", str(locked / "wijkraad-test.duckdb"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (locked / "wijkraad-test.duckdb").exists()


def test_cli_reports_a_missing_folder_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("--residents", "1000", "--out", str(tmp_path / "nope" / "x.duckdb"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "keep.duckdb"
    out.write_bytes(b"precious")
    with pytest.raises(GenerateError, match="already exists"):
        generate(out, Settings(residents=1000))
    assert out.read_bytes() == b"precious"


def test_a_failure_half_way_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.generate as module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(module.register, "refresh_population_stats", explode)
    out = tmp_path / "half.duckdb"
    with pytest.raises(RuntimeError, match="disk full"):
        generate(out, Settings(residents=1000))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (Settings(residents=10), "at least 100"),
        (Settings(neighbourhoods=2, districts=3), "districts"),
        (Settings(years=0), "years"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, settings: Settings, message: str) -> None:
    with pytest.raises(GenerateError, match=message):
        generate(tmp_path / "x.duckdb", settings)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_cli_writes_the_demo_into_an_empty_postgresql_database_and_only_once(
    postgres_database: str,
) -> None:
    """`--out postgresql://...`: the demo in a temporary file, copied whole; a database that
    already holds data is refused with a message and left as it was."""
    from dashboard.store.db import open_store

    result = run_cli("--residents", "1000", "--seed", "3", "--out", postgres_database)
    assert result.returncode == 0, result.stderr
    assert "1,000 residents" in result.stdout and "postgresql://" in result.stdout
    store = open_store(postgres_database)
    try:
        with store.read() as cur:
            assert cur.execute("SELECT count(*) FROM resident").fetchall() == [(1000,)]
    finally:
        store.close()
    again = run_cli("--residents", "1000", "--seed", "4", "--out", postgres_database)
    assert again.returncode == 2
    assert "already holds data" in again.stderr and "Traceback" not in again.stderr

from pathlib import Path

import duckdb
import pytest

from dashboard.store import migrations
from dashboard.store.db import open_store
from dashboard.store.errors import SchemaTooNewError
from sortition import clock

EXPECTED_TABLES = {
    "municipality", "district", "neighbourhood", "neighbourhood_part", "population_stat",
    "household", "resident", "resident_contact", "council", "council_neighbourhood", "term",
    "panel", "draw", "invitation", "response", "quota", "selection_probability",
    "panel_member", "replacement", "seat", "theme", "budget_envelope", "proposal",
    "proposal_theme", "proposal_status_change", "meeting", "meeting_attendance",
    "consultation", "consultation_option", "decision", "allocation", "spending_transaction",
    "milestone", "app_user", "app_user_neighbourhood", "audit_event", "schema_version",
}  # fmt: skip


def tables(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    finally:
        con.close()


def test_empty_file_gets_the_whole_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    store = open_store(path)
    store.close()
    assert tables(path) >= EXPECTED_TABLES


def test_reopening_applies_nothing_again(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    assert migrations.migrate(con) == []
    versions = con.execute("SELECT version FROM schema_version").fetchall()
    con.close()
    assert versions == [(number,) for number, _ in migrations.available_migrations()]


def test_money_columns_are_exact_decimals(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path), read_only=True)
    types = dict(
        con.execute(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE column_name IN ('amount', 'requested_amount', 'cost_estimate')"
        ).fetchall()
    )
    con.close()
    assert types and set(types.values()) == {"DECIMAL(18,2)"}


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (999, ?)", [clock.utc_naive_now()])
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="schema version 999"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.duckdb"
    open_store(path).close()
    before = migrations.latest_version()
    broken = tmp_path / "migrations"
    broken.mkdir()
    for _, file in migrations.available_migrations():
        (broken / file.name).write_text(file.read_text())
    (broken / "9000_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", broken)
    with pytest.raises(duckdb.CatalogException):
        open_store(path)
    assert "half_done" not in tables(path)
    con = duckdb.connect(str(path), read_only=True)
    assert migrations.current_version(con) == before
    con.close()


def test_a_migration_that_landed_out_of_order_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = migrations.available_migrations()
    late = every[1]  # written in parallel, landed after a higher number
    early = tmp_path / "before"
    early.mkdir()
    for number, file in every:
        if number != late[0]:
            (early / file.name).write_text(file.read_text())
    path = tmp_path / "db.duckdb"
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", early)
    open_store(path).close()
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", late[1].parent)
    con = duckdb.connect(str(path))
    assert migrations.migrate(con) == [late[0]]
    assert migrations.applied_versions(con) == {number for number, _ in every}
    con.close()

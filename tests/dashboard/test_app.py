"""The app rendered in-process with Streamlit's AppTest."""

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import PUBLIC, Caller, Role
from dashboard.domain.money import euro
from dashboard.store import budget
from sortition import clock
from tests import app_pages
from tests.conftest import DEMO_TODAY
from tests.e2e.harness import REPO
from tests.postgres import PostgresServer

ORGANISER = Caller("organisator", Role.ORGANISER, None)
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
ADMINISTRATOR = Caller("beheer", Role.ADMINISTRATOR, None)
# Every page, with a caller that may see it.
PAGES = [
    ("dashboard/pages/resident_overview.py", PUBLIC),
    ("dashboard/pages/resident_decisions.py", PUBLIC),
    ("dashboard/pages/resident_council.py", PUBLIC),
    ("dashboard/pages/resident_map.py", PUBLIC),
    ("dashboard/pages/resident_ceremonies.py", PUBLIC),
    ("dashboard/pages/resident_check.py", PUBLIC),
    ("dashboard/pages/login.py", PUBLIC),
    ("dashboard/pages/organiser_draw.py", ORGANISER),
    ("dashboard/pages/organiser_budget.py", ORGANISER),
    ("dashboard/pages/organiser_privacy.py", ORGANISER),
    ("dashboard/pages/alderman_monitor.py", ALDERMAN),
    ("dashboard/pages/admin_users.py", ADMINISTRATOR),
]


def run_app(
    page: str | None = None, query: dict[str, str] | None = None, caller: Caller = PUBLIC
) -> AppTest:
    return app_pages.open_page(page, caller=caller, query=query)


@pytest.mark.parametrize(("page", "caller"), PAGES)
def test_every_page_renders_without_exception(app_db: Path, page: str, caller: Caller) -> None:
    at = run_app(page, caller=caller)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


def expected_summary(db: Path, code: str, year: int) -> budget.BudgetSummary:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (hood_id,) = con.execute("SELECT id FROM neighbourhood WHERE code = ?", [code]).fetchall()[
            0
        ]
        return budget.budget_summary(con, hood_id, year)
    finally:
        con.close()


def test_overview_shows_the_neighbourhoods_figures_from_the_store(app_db: Path) -> None:
    expected = expected_summary(app_db, "WK003", DEMO_TODAY.year)
    at = run_app(query={"wijk": "WK003"})
    assert not at.exception
    at.selectbox(key="jaar").select(DEMO_TODAY.year).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Budget": euro(expected.budget),
        "Besloten": euro(expected.allocated),
        "Uitgegeven": euro(expected.spent),
        "Nog te verdelen": euro(expected.remaining),
    }
    assert expected.budget > 0 and expected.allocated > 0
    sentence = " ".join(m.value for m in at.markdown)
    assert f"Van de **{euro(expected.budget)}** voor {DEMO_TODAY.year}" in sentence


def test_choosing_another_neighbourhood_changes_the_figures(app_db: Path) -> None:
    expected = expected_summary(app_db, "WK005", DEMO_TODAY.year)
    at = run_app(query={"wijk": "WK001"})
    at.selectbox(key="jaar").select(DEMO_TODAY.year).run()
    first = {m.label: m.value for m in at.metric}
    at.selectbox(key="wijk").select("WK005").run()
    second = {m.label: m.value for m in at.metric}
    assert second["Budget"] == euro(expected.budget)
    assert first != second
    assert at.query_params["wijk"] == "WK005"


def test_an_unknown_neighbourhood_in_the_link_falls_back_to_the_first(app_db: Path) -> None:
    at = run_app(query={"wijk": "<script>alert(1)</script>"})
    assert not at.exception
    assert at.selectbox(key="wijk").index == 0
    assert at.metric[0].label == "Budget"


def test_overview_never_shows_personal_data(app_db: Path) -> None:
    con = duckdb.connect(str(app_db), read_only=True)
    people = con.execute(
        "SELECT first_name || ' ' || last_name, street || ' ' || house_number FROM resident_contact"
    ).fetchall()
    con.close()
    at = run_app(query={"wijk": "WK002"})
    shown = json.dumps([str(e) for e in at.main], default=str)
    assert not [p for pair in people for p in pair if p in shown]


def test_a_database_from_a_newer_version_gives_a_clear_message(
    app_db: Path,
) -> None:
    con = duckdb.connect(str(app_db))
    con.execute("INSERT INTO schema_version VALUES (999, ?)", [clock.utc_naive_now()])
    con.close()
    at = run_app()
    assert not at.exception
    assert "nieuwere versie van Wijkraad" in at.error[0].value


def test_a_database_another_program_holds_is_said_in_dutch_without_its_path(
    app_db: Path,
) -> None:
    """DuckDB lets one process open the file; the page says so plainly, and the reason
    (the file's path, DuckDB's English) goes to the server's log only."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(120)", str(app_db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        at = run_app()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    message = at.error[0].value
    assert "in gebruik bij een ander programma" in message
    assert str(app_db) not in message and "lock" not in message.lower()


def test_a_missing_database_file_is_refused_with_a_message_and_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "wijkraad-typo.duckdb"
    monkeypatch.setenv("WIJKRAAD_DB", str(missing))
    at = run_app()
    assert not at.exception
    message = at.error[0].value
    assert f"Er is geen database in `{missing}`" in message
    assert "WIJKRAAD_DB" in message and "WIJKRAAD_DEMO=1" in message
    assert not at.metric  # nothing else on the page
    assert list(tmp_path.iterdir()) == []  # no database, no demo municipality


ROLE_OF_PREFIX = {"resident": PUBLIC, "login": PUBLIC, "organiser": ORGANISER,
                  "alderman": ALDERMAN, "admin": ADMINISTRATOR}  # fmt: skip
EVERY_PAGE = sorted(
    p.name for p in (REPO / "dashboard" / "pages").glob("*.py") if p.stem != "__init__"
)


@pytest.fixture(scope="module")
def demo_on_postgres(postgres_server: PostgresServer, postgres_demo_template: str) -> Iterator[str]:
    """One PostgreSQL copy of the demo for the module's page runs (the app keeps one store
    per database address, as a server does)."""
    name = postgres_server.create_database(template=postgres_demo_template)
    yield postgres_server.url(name)
    st.cache_resource.clear()  # the app's store and its connections
    postgres_server.drop_database(name)


@pytest.mark.postgres
@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_renders_on_postgresql(
    demo_on_postgres: str, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """WIJKRAAD_DATABASE_URL puts every page on PostgreSQL (issue 20): each renders, with
    its title and without an error message, for a caller that may see it."""
    monkeypatch.setenv("WIJKRAAD_DATABASE_URL", demo_on_postgres)
    caller = ROLE_OF_PREFIX[page.split("_", 1)[0].removesuffix(".py")]
    at = run_app(f"dashboard/pages/{page}", caller=caller)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
    assert not [e.value for e in at.error], [e.value for e in at.error]


def test_a_database_lost_while_a_page_runs_is_said_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PostgreSQL down or restarting under a running page: a plain Dutch message without
    the database's address, user or the server's words (those go to the log)."""

    def page_script() -> None:
        from dashboard.store.errors import DatabaseUnreachableError
        from dashboard.web.error_boundary import guarded

        def page() -> None:
            raise DatabaseUnreachableError("postgresql://wijkraad@db/wijkraad", "refused")

        guarded(page, "test")

    monkeypatch.delenv("WIJKRAAD_ERRORS", raising=False)
    at = AppTest.from_function(page_script).run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert "niet bereikbaar" in message
    assert "postgresql" not in message and "wijkraad@" not in message and "refused" not in message

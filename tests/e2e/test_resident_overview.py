from pathlib import Path

import duckdb
import pytest

from dashboard.domain.money import euro
from dashboard.store import budget
from tests.conftest import DEMO_TODAY
from tests.e2e.harness import Server, screenshot, start_server, wait_until_ready

pytestmark = pytest.mark.browser


def summary_for(database: Path, code: str) -> budget.BudgetSummary:
    con = duckdb.connect(str(database), read_only=True)
    try:
        hood_id = con.execute("SELECT id FROM neighbourhood WHERE code = ?", [code]).fetchall()[0][
            0
        ]
        return budget.budget_summary(con, hood_id, DEMO_TODAY.year)
    finally:
        con.close()


def metric(tab: object, label: str) -> str:
    box = tab.locator("[data-testid='stMetric']").filter(has_text=label)  # type: ignore[attr-defined]
    return str(box.locator("[data-testid='stMetricValue']").inner_text()).strip()


@pytest.fixture
def expected(demo_db: Path) -> budget.BudgetSummary:
    # Read before the server starts: DuckDB lets only one process open the file.
    return summary_for(demo_db, "WK004")


def test_resident_reads_the_neighbourhood_figures(
    expected: budget.BudgetSummary, server: Server, page: object
) -> None:
    page.goto(f"{server.url}/?wijk=WK004")  # type: ignore[attr-defined]
    wait_until_ready(page)
    screenshot(page, "resident-overview")
    assert metric(page, "Budget") == euro(expected.budget)
    assert metric(page, "Besloten") == euro(expected.allocated)
    assert metric(page, "Uitgegeven") == euro(expected.spent)
    assert metric(page, "Nog te verdelen") == euro(expected.remaining)
    text = page.inner_text("[data-testid='stMain']")  # type: ignore[attr-defined]
    assert f"Van de {euro(expected.budget)} voor {DEMO_TODAY.year}" in text


def test_first_start_creates_the_demo_database(tmp_path: Path, page: object) -> None:
    database = tmp_path / "fresh.duckdb"
    process, url = start_server(database)
    try:
        page.goto(url)  # type: ignore[attr-defined]
        wait_until_ready(page, timeout_ms=60_000)
        assert metric(page, "Budget").startswith("€")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert database.exists()

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page

from dashboard.domain.money import euro
from dashboard.store import budget
from tests.conftest import DEMO_TODAY
from tests.e2e.harness import (
    REPO,
    Server,
    free_port,
    screenshot,
    wait_healthy,
    wait_until_ready,
)

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


def metric(tab: Page, label: str) -> str:
    box = tab.locator("[data-testid='stMetric']").filter(has_text=label)
    return str(box.locator("[data-testid='stMetricValue']").inner_text()).strip()


@pytest.fixture
def expected(demo_db: Path) -> budget.BudgetSummary:
    # Read before the server starts: DuckDB lets only one process open the file.
    return summary_for(demo_db, "WK004")


def test_resident_reads_the_neighbourhood_figures(
    expected: budget.BudgetSummary, server: Server, page: Page
) -> None:
    page.goto(f"{server.url}/?wijk=WK004")
    wait_until_ready(page)
    screenshot(page, "resident-overview")
    assert page.title() == "Het geld van uw wijk · Wijkraad"  # each page its own title
    assert metric(page, "Budget") == euro(expected.budget)
    assert metric(page, "Besloten") == euro(expected.allocated)
    assert metric(page, "Uitgegeven") == euro(expected.spent)
    assert metric(page, "Nog te verdelen") == euro(expected.remaining)
    text = page.inner_text("[data-testid='stMain']")
    assert f"Van de {euro(expected.budget)} voor {DEMO_TODAY.year}" in text


# uv, already synced: run what run.sh asks with this test's Python, and compile nothing
# (run.sh's bytecode step would otherwise write its stamp into the shared environment).
STAND_IN_UV = f"""#!/bin/sh
[ "$1" = run ] || exit 0
shift
while [ "${{1#--}}" != "$1" ]; do shift; done
shift
if [ "$1" = -m ] && [ "$2" = compileall ]; then exit 0; fi
exec {sys.executable} "$@"
"""


def start_with_run_script(tmp_path: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app the way `sh scripts/run.sh` does on a fresh clone: a copy of the scripts
    next to the code, with a stand-in for uv."""
    checkout, tools = tmp_path / "checkout", tmp_path / "bin"
    (checkout / "scripts").mkdir(parents=True)
    for name in ("run.sh", "uv.sh", "bytecode.sh"):
        shutil.copy(REPO / "scripts" / name, checkout / "scripts" / name)
    shutil.copy(REPO / "uv.lock", checkout / "uv.lock")
    (checkout / ".venv").mkdir()
    for name in ("dashboard", "sortition", "voting", "data", "streamlit_app.py", ".streamlit"):
        (checkout / name).symlink_to(REPO / name)
    tools.mkdir()
    (tools / "uv").write_text(STAND_IN_UV)
    (tools / "uv").chmod(0o755)
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("WIJKRAAD_DB", "WIJKRAAD_DEMO")}
    environment |= {"PATH": f"{tools}:{os.environ['PATH']}", "WIJKRAAD_PORT": str(port)}
    process = subprocess.Popen(
        ["sh", str(checkout / "scripts" / "run.sh"), "--server.headless=true",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        env=environment | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url, seconds=120)  # the demo is generated first
    return process, url


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)


def test_first_start_through_the_run_script_creates_the_demo_database(
    tmp_path: Path, page: Page
) -> None:
    database = tmp_path / "fresh.duckdb"
    process, url = start_with_run_script(tmp_path, WIJKRAAD_DB=str(database), WIJKRAAD_DEMO="1")
    try:
        page.goto(url)
        wait_until_ready(page, timeout_ms=60_000)
        assert metric(page, "Budget").startswith("€")
    finally:
        stop(process)
    assert database.exists()


def test_a_missing_database_named_by_the_setting_is_refused_on_the_page(
    tmp_path: Path, page: Page
) -> None:
    database = tmp_path / "typo.duckdb"
    process, url = start_with_run_script(tmp_path, WIJKRAAD_DB=str(database))
    try:
        page.goto(url)
        wait_until_ready(page, timeout_ms=60_000)
        text = page.inner_text("[data-testid='stMain']")
        assert f"Er is geen database in {database}" in text
        assert "WIJKRAAD_DB" in text and "WIJKRAAD_DEMO=1" in text
        assert "Traceback" not in text
        assert not page.locator("[data-testid='stMetric']").count()
    finally:
        stop(process)
    assert not database.exists()

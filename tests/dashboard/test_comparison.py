"""Neighbourhoods and years side by side per inhabitant, and the money by Iv3 taakveld:
the figures of the overview page divided by whole-neighbourhood population counts, the
taakvelden adding up to what was decided and spent, and the page's chart with a table of
the same figures and a sentence."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb

from dashboard.services import comparison, overview
from dashboard.store.db import open_store
from tests import app_pages
from tests.conftest import DEMO_TODAY

PAGE = "dashboard/pages/resident_compare.py"


def test_the_population_count_that_describes_a_year() -> None:
    assert comparison.population_year([2024, 2026], 2025) == 2024
    assert comparison.population_year([2024, 2026], 2027) == 2026
    assert comparison.population_year([2026], 2025) == 2026  # before the first count
    assert comparison.population_year([], 2025) is None


def test_per_inhabitant_is_the_overviews_figure_over_the_neighbourhoods_count(
    app_db: Path,
) -> None:
    con = duckdb.connect(str(app_db), read_only=True)
    try:
        people = dict(
            con.execute(
                "SELECT neighbourhood_id, sum(count) FROM population_stat "
                "WHERE feature = 'age_band' AND year = ? GROUP BY 1",
                [DEMO_TODAY.year],
            ).fetchall()
        )
    finally:
        con.close()
    store = open_store(app_db)
    try:
        found = comparison.comparison(store)
        assert found.years == overview.budget_years(store)
        assert len(found.lines) == len(found.years) * len(overview.neighbourhoods(store))
        for line in found.lines:
            shown = overview.neighbourhood_budget(
                store, line.neighbourhood.id, line.year, DEMO_TODAY
            ).summary
            assert (line.budget, line.allocated, line.spent) == (
                shown.budget, shown.allocated, shown.spent,
            )  # fmt: skip
            assert line.inhabitants == people[line.neighbourhood.id] > 0
            assert line.population_year == DEMO_TODAY.year  # the only count, also for 2025
            count = int(people[line.neighbourhood.id])
            assert line.per_inhabitant(line.budget) == (line.budget / count).quantize(
                Decimal("0.01")
            )
    finally:
        store.close()


def test_the_taakvelden_add_up_and_follow_the_proposal_or_its_theme(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        before = comparison.comparison(store)
        for year in before.years:
            lines = [line for line in before.lines if line.year == year]
            fields = before.totals_by_taakveld(year)
            assert sum((f.allocated for f in fields), Decimal(0)) == sum(
                (line.allocated for line in lines), Decimal(0)
            )
            assert sum((f.spent for f in fields), Decimal(0)) == sum(
                (line.spent for line in lines), Decimal(0)
            )
        codes = {f.code for f in before.totals_by_taakveld()}
        assert {"6.1", "7.4", "5.7"} <= codes  # the demo's themes spread over taakvelden
        assert all(f.by_theme == 0 for f in before.taakvelden)  # the demo sets each one
    finally:
        store.close()
    con = duckdb.connect(str(app_db))
    try:  # without a taakveld of their own, projects count under their theme's
        con.execute("UPDATE proposal SET iv3_taakveld = NULL")
    finally:
        con.close()
    store = open_store(app_db)
    try:
        after = comparison.comparison(store)
        assert sum(f.by_theme for f in after.taakvelden) == sum(
            f.projects for f in after.taakvelden
        )
        assert {f.code for f in after.totals_by_taakveld()} <= {"5.7", "6.1", "7.1", "7.2", "7.4"}
        assert sum((f.allocated for f in after.taakvelden), Decimal(0)) == sum(
            (f.allocated for f in before.taakvelden), Decimal(0)
        )
        mapping = comparison.theme_taakvelden(store)
        assert mapping[0].theme == "Energietransitie" and mapping[0].taakveld.startswith("7.4")
    finally:
        store.close()


def test_the_page_shows_charts_with_the_same_figures_as_tables(app_db: Path) -> None:
    at = app_pages.open_page(PAGE)
    assert not at.exception, at.exception
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert len(charts) == 2
    shown = "\n".join(m.value for m in at.markdown)
    assert "het meest per inwoner" in shown and "| Wijk | Inwoners |" in shown
    assert "| Taakveld | Besloten |" in shown and "Het meeste geld ging naar" in shown
    assert "Energietransitie | 7\\.4 Milieubeheer" in shown
    # the bars of the first chart are the table's figures
    bars = charts[0]["data"]
    assert {trace["name"] for trace in bars} == {str(y) for y in range(2025, 2027)}
    at.radio(key="vergelijk_maat").set_value("spent").run()
    assert not at.exception
    assert any("Uitgegeven per inwoner" in h.value for h in at.header)
    at.selectbox(key="taakveld_wijk").set_value("WK001").run()
    at.selectbox(key="taakveld_jaar").set_value(DEMO_TODAY.year).run()
    assert not at.exception

"""Step 6's comparison of fairness objectives (leximin, Goldilocks, Nash, the old method) on
the draw's own pool, and preparing a draw with Goldilocks or Nash from the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import PermissionDenied
from dashboard.services.draws import objectives as draw_objectives
from dashboard.store.db import open_store
from sortition import verify
from tests.dashboard.test_organiser_budget_page import by_label
from tests.dashboard.test_organiser_draw_page import ORGANISER, open_page, prepared_draw, text


def _charts(at: AppTest) -> set[str]:
    charts = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    return {trace.get("name") for chart in charts for trace in chart["data"]}


def test_step_6_compares_the_objectives_on_demand(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 5)
    at = open_page({"loting": str(draw_id), "stap": "6"})
    assert "Vergelijk ze op uw eigen aanmeldingen" in text(at)
    assert not _charts(at)  # nothing is computed before the button
    by_label(at.button, "Methoden vergelijken").click()
    at.run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["Leximin", "Goldilocks", "Nash", "Oude methode (schatting)"]
    assert {"Leximin", "Goldilocks", "Nash", "Oude methode (schatting)"} <= _charts(at)
    shown = text(at)
    for sentence in ("Zo beschermt het wie door de quota", "niemand te weinig, niemand te veel",
                     "ieders kans telt mee", "alleen ter vergelijking"):  # fmt: skip
        assert sentence in shown, sentence
    # Kept for the session: a rerun shows it without the button.
    at.run()
    assert not any(b.label == "Methoden vergelijken" for b in at.button)
    # Choosing Goldilocks prepares a draw that verifies.
    by_label(at.radio, "Methode").set_value("goldilocks")
    by_label(at.button, "Selectie voorbereiden").click()
    at.run()
    assert not at.exception, at.exception
    assert "De selectie is voorbereid" in at.success[0].value
    assert "Wijkraad (Goldilocks)" in _charts(at)
    store = open_store(app_db)
    try:
        from dashboard.services.draws import selection

        bundle = json.loads(selection.bundle_file(store, ORGANISER, draw_id))
    finally:
        store.close()
    assert bundle["algorithm"] == "goldilocks"
    assert verify(bundle) == []


def test_the_comparison_service_checks_the_caller_and_reports_each_objective(
    app_db: Path,
) -> None:
    draw_id = prepared_draw(app_db, 5)
    store = open_store(app_db)
    try:
        from dashboard.domain.auth import PUBLIC

        with pytest.raises(PermissionDenied):
            draw_objectives.compare_objectives(store, PUBLIC, draw_id)
        found = draw_objectives.compare_objectives(store, ORGANISER, draw_id)
        assert found.key == draw_objectives.comparison_key(store, ORGANISER, draw_id)
        share = found.share
        by_name = {o.objective: o for o in found.outcomes}
        assert all(by_name[o].computed for o in draw_objectives.COMPARED)
        # Leximin's lowest chance is the largest possible; Goldilocks' highest never above
        # leximin's by construction of what it bounds; every chance sums to the seats.
        assert by_name["leximin"].lowest >= max(o.lowest for o in found.outcomes) - 1e-9
        for outcome in by_name.values():
            if outcome.computed:
                assert sum(outcome.chances) == pytest.approx(found.seats, abs=0.02)
                assert 0 <= outcome.below(share) <= len(found.ids)
        # A time limit that cannot be met: the objective says so and gives no numbers.
        slow = draw_objectives.compare_objectives(store, ORGANISER, draw_id, time_limit=0.0)
        timed = {o.objective: o for o in slow.outcomes}
        assert timed["goldilocks"].timed_out and not timed["goldilocks"].computed
        assert timed["nash"].timed_out and not timed["nash"].computed
        assert timed["leximin"].computed  # leximin has no time limit
    finally:
        store.close()

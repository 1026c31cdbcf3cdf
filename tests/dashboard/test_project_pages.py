"""Each project's public view: its place on the map, its photos, a dated timeline from the
proposal to the decision, the payments and the milestones, and the decision with the
meeting it was taken in. Published records only; typed text shown as typed."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb
from PIL import Image

from dashboard.components.text import plain
from dashboard.services import public_projects
from dashboard.services.budget.decisions import decisions, publish_decision
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.spending import book_spending
from dashboard.store.db import open_store
from dashboard.web.app_state import _store
from tests import app_pages
from tests.conftest import DEMO_TODAY
from tests.funded import ORGANISER, funded_project, neighbourhood_council

PAGE = "dashboard/pages/resident_project.py"


def a_project(database: Path) -> tuple[str, str]:
    """A project of the first neighbourhood with published money and a payment."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        ref, code = con.execute(
            "SELECT p.external_ref, n.code FROM proposal p "
            "JOIN neighbourhood n ON n.id = p.neighbourhood_id "
            "JOIN allocation a ON a.proposal_id = p.id "
            "JOIN decision d ON d.id = a.decision_id AND d.status = 'gepubliceerd' "
            "JOIN spending_transaction t ON t.allocation_id = a.id "
            "WHERE n.id = 1 ORDER BY p.id LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()
    return str(ref), str(code)


def test_a_projects_timeline_runs_from_proposal_to_milestones(app_db: Path) -> None:
    ref, _ = a_project(app_db)
    store = open_store(app_db)
    try:
        page = public_projects.project_page(store, ref, DEMO_TODAY)
        assert page is not None
        kinds = [step.kind for step in page.steps]
        assert kinds[0] == "status" and page.steps[0].status.to_status == "ingediend"  # type: ignore[union-attr]
        assert "besluit" in kinds and "betaling" in kinds and "mijlpaal" in kinds
        done = [s for s in page.steps if not s.planned]
        assert [s.day for s in done] == sorted(s.day for s in done)  # type: ignore[type-var]
        assert all(s.planned for s in page.steps[len(done) :])
        assert page.paid == page.view.project.spent
        decided = next(s for s in page.steps if s.kind == "besluit").decision
        assert decided is not None and decided.meeting_id in page.meetings
        assert page.meetings[decided.meeting_id].starts_at is not None
        # being decided shows as the decision, never as a bare status change
        assert not any(s.status and s.status.to_status == "besloten" for s in page.steps)
        assert public_projects.project_page(store, "WR-0000-00000", DEMO_TODAY) is None
    finally:
        store.close()


def test_a_project_without_published_money_is_not_shown(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        project = funded_project(store, "5.000", "2.000", title="Nog een concept")
        assert public_projects.project_page(store, project.external_ref, DEMO_TODAY) is None
        seat = neighbourhood_council(store)
        draft = next(
            d for d in decisions(store, ORGANISER, seat.council_id)
            if d.proposal_id == project.proposal_id
        )  # fmt: skip
        publish_decision(store, ORGANISER, draft.id)
        assert public_projects.project_page(store, project.external_ref, DEMO_TODAY)
    finally:
        store.close()


def test_the_page_opens_a_project_from_its_address_with_photo_and_timeline(
    app_db: Path,
) -> None:
    typed = "Bankjes $x^2$ :smile: <b>vet</b>"
    store = _store(str(app_db))  # the app's own store: the page sees the writes at once
    project = funded_project(store, "8.000", "6.000", title=typed)
    seat = neighbourhood_council(store)
    draft = next(d for d in decisions(store, ORGANISER, seat.council_id)
                 if d.proposal_id == project.proposal_id)  # fmt: skip
    publish_decision(store, ORGANISER, draft.id)
    book_spending(store, ORGANISER, project.proposal_id, "F-PROJ-1", date(2026, 11, 20),
                  "2.500", "Factuur van Jan de Vries, Dorpsstraat 1")  # fmt: skip
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 60)).save(picture, format="PNG")
    add_milestone(store, ORGANISER, project.proposal_id, "Bankjes geplaatst",
                  date(2026, 11, 21), "Er staan drie nieuwe bankjes.", status="klaar",
                  photo=picture.getvalue())  # fmt: skip
    at = app_pages.open_page(PAGE, query={"project": project.external_ref})
    assert not at.exception, at.exception
    assert at.query_params["wijk"] == ["WK001"] or at.query_params["wijk"] == "WK001"
    assert at.header[0].value == plain(typed)  # shown as typed: no formula, emoji or markup
    shown = "\n".join(m.value for m in at.markdown)
    assert "Betaling van €\xa02.500" in shown and "Bankjes geplaatst" in shown
    assert "Jan de Vries" not in shown and "Dorpsstraat" not in shown  # no description
    assert "Genomen in de openbare vergadering van" in shown
    assert "/resident_decisions?wijk=WK001" in shown
    assert len(at.get("image")) == 1
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    refs = [ref for trace in spec["data"] for ref in trace.get("customdata") or []]
    assert refs  # the neighbourhood's projects with a point, by reference


def test_the_list_under_the_map_chooses_a_project_with_the_keyboard(app_db: Path) -> None:
    ref, code = a_project(app_db)
    at = app_pages.open_page(PAGE, query={"wijk": code})
    assert not at.exception, at.exception
    assert not at.header  # no project yet: the list of all of them
    listed = "\n".join(m.value for m in at.markdown)
    assert f"project={ref}" in listed
    at.selectbox(key=f"project_{code}").set_value(ref).run()
    assert not at.exception, at.exception
    assert at.header and any(plain(ref) in c.value for c in at.caption)
    assert at.query_params["project"] in (ref, [ref])

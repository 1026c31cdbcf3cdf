"""The aldermen's monitor: figures equal the ledger's, the map draws offline from our own
polygons, stalled items follow the chosen weeks, exports read back."""

from __future__ import annotations

import functools
import io
import json
import statistics
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components import monitor_tables
from dashboard.components.exports import csv_bytes, xlsx_bytes
from dashboard.components.public_cache import StaffReader
from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.money import ZERO, euro
from dashboard.services import monitor, public
from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.decisions import DecisionInput, decisions, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.proposals import ProposalInput, add_theme, submit_proposal
from dashboard.store import budget, council, proposals
from dashboard.store import monitor as monitor_rows
from dashboard.store.db import open_store
from dashboard.web.app_state import _store
from tests import app_pages
from tests.conftest import DEMO_TODAY

PAGE = "dashboard/pages/alderman_monitor.py"
TAB_KEY = monitor_tables.TAB_KEY
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)


def open_monitor(year: int = DEMO_TODAY.year, tab: str = "Wijken") -> AppTest:
    """The monitor as an alderman sees it with `tab` open (only the open tab runs)."""
    at = app_pages.open_page(PAGE, caller=ALDERMAN)
    assert not at.exception, at.exception
    at.session_state[TAB_KEY] = tab
    at.selectbox(key="jaar").select(year).run()
    assert not at.exception, at.exception
    return at


def test_every_neighbourhood_matches_the_ledger(app_db: Path) -> None:
    store = open_store(app_db)
    with store.read() as cur:
        ids = [int(r[0]) for r in cur.execute("SELECT id FROM neighbourhood").fetchall()]
        codes = dict(cur.execute("SELECT code, id FROM neighbourhood").fetchall())
    totals = {nid: load_books_for(store, nid).year_totals(nid, DEMO_TODAY.year) for nid in ids}
    store.close()
    at = open_monitor()
    table = at.dataframe[0].value
    assert len(table) == len(ids)
    for row in table.itertuples(index=False):
        expected = totals[codes[row.Code]]
        assert row[3] == float(expected.budget)
        assert row[4] == float(expected.allocated)
        assert row[5] == float(expected.spent)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Toegekend"] == euro(sum((t.allocated for t in totals.values()), ZERO))
    assert metrics["Uitgegeven"] == euro(sum((t.spent for t in totals.values()), ZERO))
    assert metrics["Overschrijdingen"] == "1"  # the demo's one overspent project


def test_the_map_is_offline_choropleth_of_our_polygons(app_db: Path) -> None:
    at = open_monitor(tab="Kaart")
    charts = at.get("plotly_chart")  # AppTest has no plotly element: read its spec
    spec = json.loads(charts[0].proto.spec)
    kinds = [trace["type"] for trace in spec["data"]]
    assert kinds[0] == "choroplethmap" and "scattermap" in kinds
    assert spec["layout"]["map"]["style"] == "white-bg"
    assert len(spec["data"][0]["geojson"]["features"]) == 12
    assert "http" not in json.dumps(spec["layout"]["map"])


def test_stalled_items_follow_the_chosen_number_of_weeks(app_db: Path) -> None:
    at = open_monitor()
    quick = int(next(m.value for m in at.metric if m.label == "Vastgelopen voorstellen"))
    at.number_input(key="weken").set_value(200).run()
    slow = int(next(m.value for m in at.metric if m.label == "Vastgelopen voorstellen"))
    assert quick > slow >= 0


def test_the_public_and_bad_callers_get_nothing(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        with pytest.raises(PermissionDenied):
            monitor.monitor(store, PUBLIC, DEMO_TODAY.year, 12, DEMO_TODAY)
    finally:
        store.close()


def test_exports_read_back() -> None:
    frame = pd.DataFrame({"Wijk": ["Oosterhoek", "Zuid"], "Uitgegeven (€)": [1234.5, 0.25]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), sep=";", decimal=",", encoding="utf-8-sig")
    assert back.equals(frame)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "Wijken 2026"))).active
    assert sheet.title == "Wijken 2026"
    assert [c.value for c in sheet[2]] == ["Oosterhoek", 1234.5]


def test_lead_times_are_medians_of_each_proposals_steps(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        with store.read() as cur:
            nid = 1
            view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
            line = next(line for line in view.lines if line.neighbourhood.id == nid)
            to_decision, to_payment = [], []
            allocations = budget.allocations_for_neighbourhood(cur, nid)
            payments = budget.spending_for_neighbourhood(cur, nid)
            for p in proposals.proposals_for_neighbourhood(cur, nid):
                history = reversed(monitor_rows.status_steps(cur, [p.id]))
                steps = {s.to_status: s.changed_on for s in history}
                decided = steps.get("besloten")
                if decided is None or decided.year != DEMO_TODAY.year:
                    continue
                to_decision.append((decided - steps["ingediend"]).days)
                funding = {a.id for a in allocations if a.proposal_id == p.id}
                paid = [t.booked_on for t in payments
                        if t.allocation_id in funding and t.amount > 0]  # fmt: skip
                if paid:
                    to_payment.append((min(paid) - decided).days)
    finally:
        store.close()
    assert line.lead is not None and line.lead.decided == len(to_decision) > 0
    assert line.lead.to_decision == statistics.median(to_decision)
    if to_payment:
        assert line.lead.to_first_payment == statistics.median(to_payment)


def test_each_council_has_an_index_and_its_draws_answers(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        lines = monitor.representation(store, ALDERMAN, DEMO_TODAY)
        with pytest.raises(PermissionDenied):
            monitor.representation(store, PUBLIC, DEMO_TODAY)
        for line in lines:
            nid = line.council.id  # one council per neighbourhood in the demo, same ids
            view = public.council_view(store, nid, DEMO_TODAY)
            assert view is not None and view.draw is not None
            for feature in ("age_band", "gender", "education", "tenure", "part"):
                yes = sum(n for (f, _), n in line.said_yes.items() if f == feature)
                invited = sum(n for (f, _), n in line.invited.items() if f == feature)
                assert yes == view.draw.outcomes.get("ja", 0)
                assert invited == view.draw.invited
            assert line.drawn == view.drawn
            assert line.index is not None and 0 <= line.index <= 100
    finally:
        store.close()
    at = open_monitor(tab="Representativiteit")
    table = next(d.value for d in at.dataframe if "Index (0-100)" in d.value.columns)
    assert list(table["Index (0-100)"]) == [round(line.index or 0) for line in lines]


def test_the_bookings_behind_each_neighbourhood_add_up_to_its_figures(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
        for line in view.lines:
            found = monitor.detail(store, ALDERMAN, line.neighbourhood.id, DEMO_TODAY.year)
            assert sum(a.amount for a in found.allocations) == line.allocated
            assert sum(p.amount for p in found.payments) == line.spent
            drafts = [a.amount for a in found.allocations if a.decision_status != "gepubliceerd"]
            assert sum(drafts) == line.draft_allocated
        with pytest.raises(PermissionDenied):
            monitor.detail(store, PUBLIC, 1, DEMO_TODAY.year)
    finally:
        store.close()
    at = open_monitor(tab="Achter de cijfers")
    at.selectbox(key="detail_wijk").select("WK002").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    line = next(x for x in view.lines if x.neighbourhood.code == "WK002")
    assert f"toegekend in {DEMO_TODAY.year}: {euro(line.allocated)}" in shown


def test_money_for_a_theme_follows_its_projects_at_the_next_rerun(app_db: Path) -> None:
    before = open_monitor(tab="Thema's")  # fills the cache
    assert not [d for d in before.dataframe if "Nieuw thema voor de test" in d.value.columns]
    organiser = Caller("organisator", Role.ORGANISER, None)
    store = _store(str(app_db))  # the app's own store
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        meeting = next(m for m in reversed(council.meetings(cur, council_id))
                       if m.held_on <= DEMO_TODAY)  # fmt: skip
    theme_id = add_theme(store, organiser, "Nieuw thema voor de test")
    envelope = add_envelope(store, organiser, 1, DEMO_TODAY.year, "fonds", "9.000", "T")
    proposal = submit_proposal(
        store, organiser,
        ProposalInput(1, "Testproject", "Een project.", "bewoner", "5.000", [theme_id],
                           council_id=council_id),
    )  # fmt: skip
    record_decision(
        store, organiser,
        DecisionInput(council_id, meeting.id, "toekennen", 9, 0, 0, 9,
                           "Een goed plan voor de buurt.", proposal_id=proposal,
                           amount="4.321", envelope_id=envelope),
    )  # fmt: skip
    rows = [r for r in monitor.themes(store, ALDERMAN) if r.theme == "Nieuw thema voor de test"]
    with pytest.raises(PermissionDenied):
        monitor.themes(store, PUBLIC)
    assert [(r.year, r.neighbourhood_id, r.projects, r.allocated) for r in rows] == [
        (DEMO_TODAY.year, 1, 1, Decimal("4321.00"))
    ]
    at = open_monitor(tab="Thema's")
    tables = [d.value for d in at.dataframe if "Nieuw thema voor de test" in d.value.columns]
    assert tables and float(tables[0]["Nieuw thema voor de test"].sum()) == 4321.0


def test_cached_reads_are_per_caller_and_never_for_the_public(app_db: Path) -> None:
    store = _store(str(app_db))
    themes = StaffReader(store, ALDERMAN)(monitor.themes)
    assert themes
    with pytest.raises(PermissionDenied):
        StaffReader(store, PUBLIC)(monitor.themes)
    with pytest.raises(ValueError):
        StaffReader(store, ALDERMAN)(decisions)  # only the monitor's read services


def test_every_figure_opens_to_the_rows_that_make_it(app_db: Path) -> None:
    """Budget, allocated, not yet published, spent, decided proposals: per neighbourhood
    and for all together the rows add up to the figure; stalled items and overspends
    open to their projects' history, whose money gives the overspend."""
    store = open_store(app_db)
    try:
        view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
        lines = [*view.lines, None]  # None: all neighbourhoods, the totals at the top
        for line in lines:
            hood = None if line is None else line.neighbourhood.id
            found = monitor.detail(store, ALDERMAN, hood, DEMO_TODAY.year)

            def figure(field: str, line: monitor.NeighbourhoodLine | None = line) -> Decimal:
                return view.total(field) if line is None else getattr(line, field)

            assert sum(b.amount for b in found.budgets) == figure("budget")
            assert sum(a.amount for a in found.allocations) == figure("allocated")
            assert sum(a.amount for a in found.draft_allocations) == figure("draft_allocated")
            assert sum(p.amount for p in found.payments) == figure("spent")
            if line is not None:
                assert len(found.decided) == (line.lead.decided if line.lead else 0)
        with pytest.raises(PermissionDenied):
            monitor.detail(store, PUBLIC, None, DEMO_TODAY.year)
        [over] = view.overspends
        trail = monitor.trail(store, ALDERMAN, (over.proposal_id,))
        paid = sum(p.amount for p in trail.payments) - sum(a.amount for a in trail.allocations)
        assert paid == over.spent - over.allocated > 0
        assert {s.proposal_id for s in trail.steps} == {over.proposal_id}
        stalled = monitor.trail(store, ALDERMAN, tuple(s.proposal_id for s in view.stalled))
        last = {s.proposal_id: s.last_activity for s in view.stalled}
        for step in stalled.steps:  # nothing happened after the last activity
            assert step.changed_on <= last[step.proposal_id]
        with pytest.raises(PermissionDenied):
            monitor.trail(store, PUBLIC, (over.proposal_id,))
    finally:
        store.close()


@pytest.mark.parametrize(
    ("column", "heading"),
    [
        ("Budget (€)", "het geld dat binnenkwam"),
        ("Toegekend (€)", "de toekenningen van de besluiten"),
        ("Nog niet openbaar toegekend (€)", "nog niet openbaar toegekend"),
        ("Uitgegeven (€)", "de betalingen"),
        ("Vastgelopen", "zonder voortgang"),
        ("Overschrijdingen", "meer uitgegeven dan toegekend"),
        ("Dagen besluit → eerste betaling", "doorlooptijden in de tabel"),
    ],
)
def test_a_click_on_a_figure_shows_its_rows(app_db: Path, column: str, heading: str) -> None:
    at = open_monitor()
    before = " ".join(m.value for m in at.markdown).count(heading)
    at.session_state["wijken_tabel"] = {"selection": {"rows": [], "columns": [],
                                                      "cells": [[0, column]]}}  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert shown.count(heading) > before, shown[:400]  # one more: below the table


def test_the_figures_of_all_neighbourhoods_open_too(app_db: Path) -> None:
    at = open_monitor(tab="Achter de cijfers")
    at.selectbox(key="detail_wijk").select("").run()
    for figure in ("budget", "toegekend", "concept", "uitgegeven", "vastgelopen",
                   "overschrijdingen", "doorlooptijden", "boekingen"):  # fmt: skip
        at.selectbox(key="detail_cijfer").select(figure).run()
        assert not at.exception, (figure, at.exception)
        assert "Alle wijken" in " ".join(m.value for m in at.markdown)
    metrics = {m.label: m.value for m in at.metric}
    shown = " ".join(m.value for m in at.markdown)
    assert f"Uitgegeven in {DEMO_TODAY.year}: {metrics['Uitgegeven']}" in shown


def test_a_council_without_sitting_drawn_members_says_why_instead_of_an_index(
    app_db: Path,
) -> None:
    """A year after the demo's day every demo term has ended: no index, and the table says
    so (never NaN, never an empty cell without a reason)."""
    store = open_store(app_db)
    try:
        later = DEMO_TODAY.replace(year=DEMO_TODAY.year + 3)
        lines = monitor.representation(store, ALDERMAN, later)
    finally:
        store.close()
    assert lines and all(line.index is None and line.drawn == 0 for line in lines)
    assert all(line.standing and line.standing.startswith("Termijn afgelopen op") for line in lines)
    frame = monitor_tables.council_frame(lines)
    assert list(frame["Raad nu"]) == [line.standing for line in lines]


def test_the_response_table_names_the_buurt_and_figures_are_whole_numbers(app_db: Path) -> None:
    """Issue 18, item 5: buurten by name (was BU0011), distances and percentages without a
    decimal point that a Dutch browser reads as thousands."""
    lines = monitor.representation(_store(str(app_db)), ALDERMAN, DEMO_TODAY)
    responses = monitor_tables.response_frame(lines)
    parts = responses[responses["Kenmerk"] == "deel van de wijk"]["Groep"]
    names = {name for line in lines for name in line.part_names.values()}
    assert len(parts) and set(parts) <= names
    assert not parts.str.match(r"^BU\d+$").any()
    frame = monitor_tables.council_frame(lines)
    figures = frame.filter(regex=r"^(Afstand|Ja)").stack()
    assert len(figures) and all(float(v).is_integer() for v in figures)


def test_the_table_shows_the_key_columns_first_and_every_one_on_request(app_db: Path) -> None:
    """At 1366 pixels the 16 columns pushed stalled items, overspends and lead times off
    the screen (issue 18): the table shows a group of columns at a time, the key ones first."""
    at = open_monitor()
    table = at.dataframe[0].proto
    assert list(table.column_order) == monitor_tables.COLUMN_GROUPS["Kern"]
    assert len(table.column_order) <= 9
    assert {"Vastgelopen", "Overschrijdingen", "Dagen voorstel → besluit"} <= set(
        table.column_order
    )
    settings = json.loads(table.columns)
    assert settings["Wijk"]["pinned"] is True
    assert settings["Dagen besluit → eerste betaling"]["label"] == "Dagen tot betaling"
    assert settings["Dagen besluit → eerste betaling"]["help"] == "Dagen besluit → eerste betaling"
    view = monitor.monitor(_store(str(app_db)), ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
    frame = monitor_tables.neighbourhood_frame(view)
    assert monitor_tables.COLUMN_GROUPS["Alle kolommen"] == list(frame.columns)
    assert all(set(group) <= set(frame.columns) for group in monitor_tables.COLUMN_GROUPS.values())
    at.segmented_control(key="wijken_kolommen").set_value("Alle kolommen").run()
    assert len(at.dataframe[0].proto.column_order) == 16
    # the export keeps every column, whatever the table shows
    assert "Als CSV" in [b.proto.label for b in at.get("download_button")]


def test_empty_cells_read_as_a_dash_not_none(app_db: Path) -> None:
    at = open_monitor(tab="Achter de cijfers")
    at.selectbox(key="detail_cijfer").select("doorlooptijden").run()
    at.selectbox(key="detail_wijk").select("WK001").run()
    assert not at.exception
    assert at.dataframe and all(frame.proto.placeholder == "—" for frame in at.dataframe)


def test_the_keyboard_opens_any_figure_from_two_lists_under_the_table(app_db: Path) -> None:
    """Arrow keys in the table do not choose a figure; the two lists under it do, and a
    click in the table fills them in."""
    at = open_monitor()
    assert at.selectbox(key="wijken_wijk").value == ""  # nothing opened yet
    at.selectbox(key="wijken_wijk").select("WK002").run()
    at.selectbox(key="wijken_cijfer").select("uitgegeven").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert ": uitgegeven in 2026: €" in shown
    at.selectbox(key="wijken_cijfer").select("budget").run()
    assert "het geld dat binnenkwam" in " ".join(m.value for m in at.markdown)
    # a click on a cell of another neighbourhood moves both lists
    at.session_state["wijken_tabel"] = {"selection": {"rows": [], "columns": [],
                                                      "cells": [[0, "Vastgelopen"]]}}  # fmt: skip
    at.run()
    first = monitor_tables.neighbourhood_frame(
        monitor.monitor(_store(str(app_db)), ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
    ).iloc[0]["Code"]
    assert at.selectbox(key="wijken_wijk").value == first
    assert at.selectbox(key="wijken_cijfer").value == "vastgelopen"


def test_only_the_open_tab_runs_and_a_click_on_another_shows_it(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first view of the monitor does not wait for the other tabs' figures: they are
    read when their tab is opened, and each tab shows its own content then."""
    asked: list[str] = []

    def counted(real: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(real)  # the page's reader finds a service by its name
        def read(*args: object) -> object:
            asked.append(real.__name__)
            return real(*args)

        return read

    for name in ("representation", "themes"):
        monkeypatch.setattr(monitor, name, counted(getattr(monitor, name)))
    at = open_monitor()
    assert asked == []
    assert not [d for d in at.dataframe if "Index (0-100)" in d.value.columns]
    assert at.session_state[TAB_KEY] == "Wijken"
    at.session_state[TAB_KEY] = "Representativiteit"
    at.run()
    assert not at.exception, at.exception
    assert asked == ["representation"]
    assert [d for d in at.dataframe if "Index (0-100)" in d.value.columns]
    assert not [s for s in at.selectbox if s.key == "wijken_wijk"]  # the first tab is closed

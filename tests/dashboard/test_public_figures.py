"""A year that is over never reads as money still to allocate (issue 18, item 5): the
overview says whether its unallocated money was carried over or returned, or that the year
has not been closed yet."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from dashboard.domain.money import euro
from dashboard.services import overview, public
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.year_end import close_year
from dashboard.web.app_state import _store
from sortition import clock
from tests.dashboard.test_resident_pages import open_page, text_of

OVERVIEW = "dashboard/pages/resident_overview.py"
DECISIONS = "dashboard/pages/resident_decisions.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _last_year(at: AppTest) -> AppTest:
    at.selectbox(key="jaar").set_value(clock.today().year - 1).run()
    return at


def test_an_unclosed_past_year_says_so_and_a_closed_one_says_where_the_money_went(
    app_db: Path,
) -> None:
    store = _store(str(app_db))
    today = clock.today()
    last_year = today.year - 1
    hood, before = next(
        (h, view)
        for h in overview.neighbourhoods(store)
        if (view := overview.neighbourhood_budget(store, h.id, last_year, today)).year_end.unclosed
    )  # the demo leaves some of last year's money unallocated and the year open
    nid = hood.id
    assert before.year_end.left > 0

    at = _last_year(open_page(OVERVIEW, hood.code))
    assert not at.exception
    assert _metrics(at)["Niet verdeeld"] == euro(before.year_end.left)
    assert "Nog te verdelen" not in _metrics(at)
    assert "nog niet afgesloten" in text_of(at)

    close_year(store, ORGANISER, nid, last_year, today)
    after = overview.neighbourhood_budget(store, nid, last_year, today)
    assert not after.year_end.unclosed
    assert after.year_end.carried + after.year_end.returned == before.year_end.left
    at = _last_year(open_page(OVERVIEW, hood.code))
    assert _metrics(at)["Niet verdeeld"] == euro(after.summary.remaining)
    shown = text_of(at)
    assert "Het jaar is afgesloten" in shown and "nog niet afgesloten" not in shown
    assert euro(after.year_end.carried) in shown


def test_this_year_still_has_money_to_allocate(app_db: Path) -> None:
    at = open_page(OVERVIEW, "WK009")
    assert at.selectbox(key="jaar").value == clock.today().year
    assert "Nog te verdelen" in _metrics(at)
    assert "afgesloten" not in text_of(at)


COUNCIL = "dashboard/pages/resident_council.py"
ROW = re.compile(r"\| \d+ \((\d+)%\) \| (\d+)% \| ([^|]*) \|")


def test_the_council_tables_difference_is_the_shown_percentages_subtracted(app_db: Path) -> None:
    checked = 0
    for code in ("WK001", "WK003", "WK005"):
        text = "\n".join(m.value for m in open_page(COUNCIL, code).markdown).replace("\\", "")
        for council, hood, difference in ROW.findall(text):
            points = int(council) - int(hood)
            expected = {1: f"{points}% meer", -1: f"{-points}% minder", 0: "gelijk"}
            assert difference.strip().startswith(expected[(points > 0) - (points < 0)]), (
                council, hood, difference,
            )  # fmt: skip
            checked += 1
    assert checked >= 5, text
    assert "procentpunt" not in text


def test_a_decided_project_with_work_done_does_not_read_as_not_started(app_db: Path) -> None:
    store = _store(str(app_db))
    today = clock.today()
    hood, project = next(
        (h, v.project)
        for h in overview.neighbourhoods(store)
        for v in public.projects(store, h.id, today)
        if v.project.status == "besloten"
    )
    add_milestone(store, ORGANISER, project.id, "Ontwerp", None, "Een tekening.", "klaar")
    view = next(v for v in public.projects(store, hood.id, today) if v.project.id == project.id)
    at = open_page(DECISIONS, hood.code)
    bars = [bar.proto.text for bar in at.get("progress")]
    mine = next(b for b in bars if b.endswith(f"{view.milestones} mijlpalen klaar · "
                                              "Besloten, al begonnen"))  # fmt: skip
    assert mine.startswith(f"{view.progress}% klaar") and view.progress > 0


def test_a_council_drawn_by_home_visits_says_why_it_has_no_file_to_check(app_db: Path) -> None:
    store = _store(str(app_db))
    today = clock.today()
    direct = [
        h for h in overview.neighbourhoods(store)
        if (view := public.council_view(store, h.id, today)) is not None
        and view.draw is not None and view.draw.method == "direct"
    ]  # fmt: skip
    assert direct  # the demo draws some councils by home visits
    shown = text_of(open_page(COUNCIL, direct[0].code))
    assert "zijn de organisatoren daar langs geweest" in shown
    assert "python -m sortition" not in shown  # no command without a file to check


def test_the_command_line_waits_in_a_fold_for_who_wants_it(app_db: Path) -> None:
    at = open_page(COUNCIL, "WK001")
    folds = [e for e in at.expander if e.label == "Zelf narekenen op uw eigen computer"]
    assert len(folds) == 1
    assert all("python -m" not in m.value for m in at.markdown)
    assert "python -m sortition verify" in folds[0].code[0].value

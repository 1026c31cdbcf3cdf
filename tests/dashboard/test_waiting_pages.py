"""Residents see what waits and what stands still (issue 18, item 1): the proposals the
council has not decided on, since when, and the meeting where it can; projects with their
next step against its planned date; the same stalled items as the aldermen's monitor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dashboard.components.decisions_view import open_proposals_csv, projects_csv
from dashboard.domain.auth import Caller, Role
from dashboard.services import monitor, overview, public
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.proposals import ProposalInput, submit_proposal
from dashboard.store import proposals
from dashboard.web.app_state import _store
from sortition import clock
from tests.dashboard.test_resident_pages import DECISIONS, ORGANISER, hood_id, open_page, text_of

ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)


def test_every_stalled_item_of_the_monitor_is_on_the_residents_page(app_db: Path) -> None:
    store = _store(str(app_db))
    today = clock.today()
    stalled = monitor.monitor(store, ALDERMAN, today.year, 12, today).stalled
    assert stalled  # the demo has stalled proposals
    for hood in overview.neighbourhoods(store):
        waiting = [w.proposal.external_ref for w in public.open_proposals(store, hood.id, today)
                   if w.stalled]  # fmt: skip
        projects = [v.project.external_ref for v in public.projects(store, hood.id, today)
                    if v.stalled]  # fmt: skip
        counted = sorted(s.external_ref for s in stalled if s.neighbourhood_id == hood.id)
        assert sorted(waiting + projects) == counted, hood.name


def test_an_open_proposal_shows_since_when_and_the_next_meeting(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    store = _store(str(app_db))
    with store.read() as cur:
        theme = next(iter(proposals.themes(cur)))
    long_ago = clock.today() - timedelta(weeks=20)
    proposal_id = submit_proposal(
        store,
        ORGANISER,
        ProposalInput(nid, "Speeltuin aan de Vijverlaan", "Geheime toelichting van Jan Jansen",
                      "bewoner", "4500", [theme], submitted_on=long_ago),
    )  # fmt: skip
    today = clock.today()
    found = {w.proposal.id: w for w in public.open_proposals(store, nid, today)}
    item = found[proposal_id]
    assert item.proposal.status == "ingediend"
    assert item.proposal.status_since == long_ago
    assert item.stalled and item.quiet_weeks == 20
    meetings = public.upcoming_meetings(store, nid, today)
    assert item.next_step.planned_on == (meetings[0].held_on if meetings else None)

    at = open_page(DECISIONS, "WK001")
    shown = text_of(at)
    assert "Speeltuin aan de Vijverlaan" in shown
    assert "Staat stil: al 20 weken geen nieuws" in shown
    assert "wachten op een besluit van de wijkraad" in shown
    csv_text = open_proposals_csv(list(found.values())).decode("utf-8-sig")
    assert "Speeltuin aan de Vijverlaan" in csv_text
    for private in ("Geheime toelichting", "Jan Jansen"):  # the description stays inside
        assert private not in shown and private not in csv_text


def test_a_project_says_its_next_step_and_that_it_is_late(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    store = _store(str(app_db))
    today = clock.today()
    project = next(v.project for v in public.projects(store, nid, today)
                   if v.project.status in ("besloten", "in uitvoering"))  # fmt: skip
    add_milestone(store, ORGANISER, project.id, "Hekwerk plaatsen", today - timedelta(days=10),
                  "Een hek om de speelplaats.")  # fmt: skip
    view = next(v for v in public.projects(store, nid, today) if v.project.id == project.id)
    assert view.next_step is not None and view.next_step_late
    assert view.late_milestones >= 1
    at = open_page(DECISIONS, "WK001")
    lines = [m.value for m in at.markdown if project.title in m.value or "Volgende stap" in m.value]
    assert any("later dan gepland" in line for line in lines)
    everything = len([m for m in at.markdown if "**Geld:**" in m.value])
    at.checkbox(key="project_achter").check().run()
    behind = [m.value for m in at.markdown if "**Geld:**" in m.value]
    assert 1 <= len(behind) < everything
    titles = [h.value for h in (*at.header, *at.subheader)]  # each project has its heading
    assert any(project.title in title for title in titles)
    assert "Volgende stap" in projects_csv([view]).decode("utf-8-sig")

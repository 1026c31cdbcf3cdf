"""The public pages' and the alderman's monitor's reads give the same answers on PostgreSQL as
on DuckDB: each service runs over the same demo municipality on both backends (the demo
copied into PostgreSQL, tests/postgres.py) and the results are compared whole. The pages'
own tests (tests/dashboard) hold the DuckDB answers against the ledger and the register."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.domain.auth import Caller, Role
from dashboard.services import comparison, monitor, open_data, overview, public, public_projects
from dashboard.store.db import Store, open_store
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.postgres

ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
YEAR = DEMO_TODAY.year


def _draw_checks(store: Store) -> list[Any]:
    draws = public.checkable_draws(store, DEMO_TODAY)
    return [draws, *(public.draw_check(store, d.draw_id, DEMO_TODAY) for d in draws[:3])]


def _project_pages(store: Store) -> list[Any]:
    refs = public_projects.project_refs(store, 1)
    return [refs, *(public_projects.project_page(store, ref, DEMO_TODAY) for ref, _ in refs[:5])]


def _trail(store: Store) -> monitor.Trail:
    view = monitor.monitor(store, ALDERMAN, YEAR, 6, DEMO_TODAY)
    ids = tuple(s.proposal_id for s in view.stalled) + tuple(o.proposal_id for o in view.overspends)
    return monitor.trail(store, ALDERMAN, ids)


READS: dict[str, Callable[[Store], Any]] = {
    "neighbourhoods": overview.neighbourhoods,
    "budget_years": overview.budget_years,
    "neighbourhood_budget": lambda s: overview.neighbourhood_budget(s, 1, YEAR, DEMO_TODAY),
    "neighbourhood_parts": lambda s: overview.neighbourhood_parts(s, 1),
    "decision_years": lambda s: public.decision_years(s, 1),
    "decisions": lambda s: [public.decisions(s, 1, None), public.decisions(s, 1, YEAR)],
    "projects": lambda s: public.projects_by_neighbourhood(s, DEMO_TODAY),
    "open_proposals": lambda s: public.open_proposals_by_neighbourhood(s, DEMO_TODAY),
    "meetings": lambda s: [
        public.upcoming_meetings(s, 1, DEMO_TODAY),
        public.meeting_minutes(s, 1),
    ],
    "council_view": lambda s: [public.council_view(s, n, DEMO_TODAY) for n in (1, 2, 5)],
    "council_groups": lambda s: public.council_groups(s, DEMO_TODAY),
    "ceremonies": public.ceremonies,
    "ideas": lambda s: [public.ideas(s, None), public.ideas(s, 1)],
    "draw_checks": _draw_checks,
    "project_points": lambda s: [
        public_projects.project_points(s, None),
        public_projects.project_points(s, 1),
    ],
    "project_pages": _project_pages,
    "comparison": comparison.comparison,
    "theme_taakvelden": comparison.theme_taakvelden,
    "open_data": lambda s: open_data.data_set(s, DEMO_TODAY),
    "monitor": lambda s: [monitor.monitor(s, ALDERMAN, y, 6, DEMO_TODAY) for y in (YEAR - 1, YEAR)],
    "representation": lambda s: monitor.representation(s, ALDERMAN, DEMO_TODAY),
    "themes": lambda s: monitor.themes(s, ALDERMAN),
    "detail": lambda s: [monitor.detail(s, ALDERMAN, n, YEAR) for n in (None, 1)],
    "trail": _trail,
}


EMPTY_IN_THE_DEMO = {"ceremonies"}  # the demo announces no ceremony


@pytest.fixture(scope="module")
def both(
    tmp_path_factory: pytest.TempPathFactory,
    demo_db_template: Path,
    postgres_demo_template: str,
    postgres_server: Any,
) -> Iterator[tuple[Store, Store]]:
    """The demo on DuckDB and on PostgreSQL, read only by these tests (shared by them)."""
    copy = tmp_path_factory.mktemp("public") / "demo.duckdb"
    shutil.copy(demo_db_template, copy)
    duck = open_store(copy)
    name = postgres_server.create_database(template=postgres_demo_template)
    pg = open_store(postgres_server.url(name))
    yield duck, pg
    duck.close()
    pg.close()
    postgres_server.drop_database(name)


@pytest.mark.parametrize("read", READS)
def test_a_public_or_monitor_read_gives_the_same_on_postgres(
    both: tuple[Store, Store], read: str
) -> None:
    duck, pg = both
    expected = READS[read](duck)
    assert expected or read in EMPTY_IN_THE_DEMO, f"{read}: the demo should have something to show"
    assert READS[read](pg) == expected

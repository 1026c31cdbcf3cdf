"""Importing the finance export with a project of another neighbourhood is refused in Dutch,
line by line, and changes nothing (issue 15, item 7: it raised PermissionDenied, a traceback
on the page)."""

from __future__ import annotations

import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.services.budget.spending_import import import_spending
from dashboard.store import proposals
from dashboard.store.db import Store
from tests.database_state import fingerprint
from tests.services.test_budget_book import (
    OTHER_ORGANISER,
    export,
    grant,
    hood,
    project_ref,
    submit,
)

__all__ = ["hood"]

REFUSED = "hoort bij een wijk waarvan u geen organisator bent."


@pytest.fixture
def project_of_hood_1(store: Store, hood: dict[str, int]) -> str:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    return project_ref(store, proposal_id)


def test_an_organiser_of_another_neighbourhood_is_refused_line_by_line(
    store: Store, project_of_hood_1: str
) -> None:
    before = fingerprint(store)
    data = export(
        f"F-1;2026-03-01;10;Hekwerk;{project_of_hood_1}",
        f"F-2;2026-03-02;20;Verf;{project_of_hood_1}",
    )
    result = import_spending(store, OTHER_ORGANISER, "export.csv", data)
    assert not result.ok and result.booked == 0
    assert result.problems == [
        f"Regel 2: project '{project_of_hood_1}' {REFUSED}",
        f"Regel 3: project '{project_of_hood_1}' {REFUSED}",
    ]
    assert fingerprint(store) == before


def test_one_foreign_line_stops_the_lines_of_ones_own_neighbourhood(
    store: Store, project_of_hood_1: str
) -> None:
    with store.read() as cur:
        hood_2 = next(p.external_ref for p in proposals.proposals_for_neighbourhood(cur, 2))
    organiser_of_2 = Caller("elders", Role.ORGANISER, frozenset({2}))
    before = fingerprint(store)
    data = export(f"F-1;2026-03-01;10;Eigen;{hood_2}", f"F-2;2026-03-01;10;X;{project_of_hood_1}")
    result = import_spending(store, organiser_of_2, "export.csv", data)
    # Every problem at once, in the file's order: the own line's too (this project of
    # neighbourhood 2 has no allocation), then the foreign one.
    assert len(result.problems) == 2 and result.problems[0].startswith("Regel 2: ")
    assert result.problems[1] == f"Regel 3: project '{project_of_hood_1}' {REFUSED}"
    assert fingerprint(store) == before


@pytest.mark.parametrize(
    "caller",
    [
        OTHER_ORGANISER,
        Caller("niemand", Role.ORGANISER, frozenset()),
        Caller("wethouder", Role.ALDERMAN, None),
        Caller("beheer", Role.ADMINISTRATOR, None),
        PUBLIC,
    ],
    ids=lambda c: c.username or "public",
)
def test_no_one_but_its_organisers_books_on_a_project(
    store: Store, project_of_hood_1: str, caller: Caller
) -> None:
    """Whoever imports: a result with Dutch problems, or a refusal with a Dutch message
    the page shows; never a booking."""
    before = fingerprint(store)
    data = export(f"F-1;2026-03-01;10;X;{project_of_hood_1}")
    try:
        result = import_spending(store, caller, "export.csv", data)
    except PermissionDenied as refused:
        assert "organisator" in str(refused)
    else:
        assert result.problems == [f"Regel 2: project '{project_of_hood_1}' {REFUSED}"]
    assert fingerprint(store) == before

"""The draw workspace in English too: every sentence it shows through `t()` has a
translation with the same blanks (dashboard/i18n/en_draw.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dashboard.components.draw import common, members_step
from dashboard.domain.statuses import DRAW_STATUS_NAMES
from dashboard.i18n import EN
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import workspace as draws
from tests.dashboard.test_i18n import blanks, sentences

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "dashboard" / "components" / "draw").glob("*.py")),
    ROOT / "dashboard" / "pages" / "organiser_draw.py",
]
TABLES: list[Mapping[Any, str]] = [
    common.STEPS,
    common.DIRECT_STEPS,
    common.METHOD_NAMES,
    common.OUTCOME_NAMES,
    common.FEATURES,
    members_step.STATUS,
    DRAW_STATUS_NAMES,
    draws.LABELS,
    # Sentences the services hand to the page as templates.
    {q: q for q in (draw_quotas.FEASIBLE, draw_quotas.FEASIBLE_RELAXED, draw_quotas.INFEASIBLE)},
]


def test_every_sentence_of_the_draw_workspace_has_an_english_translation() -> None:
    found = sentences(SOURCES, TABLES)
    assert len(found) > 200  # the scan sees the steps
    missing = sorted(found - set(EN))
    assert not missing, f"add to dashboard/i18n/en_draw.py: {missing}"
    for dutch in found:
        assert blanks(EN[dutch]) == blanks(dutch), dutch

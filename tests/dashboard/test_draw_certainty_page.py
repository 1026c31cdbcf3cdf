"""Step 6 says plainly who is certain to be drawn and why (issue 17, defect 8): a
relaxation that leaves two volunteers for two seats gave both a 100% chance silently."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws.context import Answers
from dashboard.store import draws as draw_rows
from dashboard.store.db import open_store
from tests.dashboard.test_organiser_draw_page import ORGANISER, _prepare, open_page, text


def two_women_for_two_seats(db: Path) -> int:
    """12 volunteers, 2 of them women, and quotas that take exactly 2 women for 11 seats."""
    store = open_store(db)
    try:
        draw_id = _prepare(store, 3)
        with store.read() as cur:
            codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)][:12]
        draw_answers.record_registrations(
            store, ORGANISER, draw_id,
            [draw_answers.Registration(c, "ja", Answers(gender="vrouw" if n < 2 else "man"))
             for n, c in enumerate(codes)],
        )  # fmt: skip
        quotas = pd.DataFrame(
            [("gender", "vrouw", 2, 2), ("gender", "man", 9, 9)], columns=list(draw_quotas.COLUMNS)
        )
        draw_quotas.save_quotas(store, ORGANISER, draw_id, quotas)
        draw_selection.prepare_selection(store, ORGANISER, draw_id)
        view = draw_selection.selection_view(store, ORGANISER, draw_id)
        assert view.certain == 2
        return draw_id
    finally:
        store.close()


def test_step_6_warns_that_two_volunteers_are_certain_and_says_why(app_db: Path) -> None:
    draw_id = two_women_for_two_seats(app_db)
    at = open_page({"loting": str(draw_id), "stap": "6"})
    [warning] = [w.value for w in at.warning if "zeker geloot" in w.value]
    assert "2 aanmeldingen worden zeker geloot (kans 100%)" in warning
    assert "in de groep geslacht “vrouw” zijn 2 aanmeldingen voor minimaal 2 plaatsen" in warning
    assert "maak dan de voorbereiding ongedaan" in warning


def test_no_warning_when_everyone_has_a_chance(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        draw_id = _prepare(store, 6)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "6"})
    assert "zeker geloot" not in text(at)

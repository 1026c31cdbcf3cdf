"""A buurt in the quotas by its name, as at the ceremony (issue 17, item 7): the quota
editor showed codes such as BU0011 and the organiser had to know them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.domain.errors import UserError
from dashboard.services.draws import quotas as draw_quotas
from dashboard.store import draws as draw_rows
from dashboard.store import geography
from dashboard.store.db import Store, open_store
from tests.dashboard.test_organiser_draw_page import ORGANISER, _prepare, by_label, open_page


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    opened = open_store(app_db)
    yield opened
    opened.close()


def names_of_parts(store: Store) -> dict[str, str]:
    with store.read() as cur:
        return {p.code: p.name for p in geography.neighbourhood_parts(cur, 1)}


def test_proposed_and_saved_quotas_name_the_buurt(store: Store) -> None:
    draw_id = _prepare(store, 4)
    names = names_of_parts(store)
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["part", "gender"])
    shown = set(proposed.loc[proposed["feature"] == "part", "value"])
    assert shown and shown <= set(names.values())
    # 30 volunteers drawn with the draw's own random seed need not include every buurt,
    # and may come from a few: no minimum and no maximum per buurt below the 30 keep the
    # quotas feasible whatever the letters drew (a maximum of 4 once made it infeasible).
    proposed.loc[proposed["feature"] == "part", ["min", "max"]] = [0, 30]
    draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    with store.read() as cur:
        stored = {q.value for q in draw_rows.quotas(cur, draw_id) if q.feature == "part"}
    assert stored <= set(names)  # the engine and the bundle keep the codes
    saved = draw_quotas.saved_quotas(store, ORGANISER, draw_id)
    assert set(saved.loc[saved["feature"] == "part", "value"]) == shown


def test_a_buurt_typed_by_name_or_code_is_the_same_row(store: Store) -> None:
    draw_id = _prepare(store, 4)
    code, name = next(iter(names_of_parts(store).items()))
    table = pd.DataFrame(
        [("part", name.upper(), 0, 5), ("part", code, 0, 5)], columns=list(draw_quotas.COLUMNS)
    )
    with pytest.raises(UserError, match=f"Rij 2: buurt {code} staat er twee keer in"):
        draw_quotas.check_quotas(store, ORGANISER, draw_id, table)


def test_the_checks_messages_name_the_buurt(store: Store) -> None:
    draw_id = _prepare(store, 4)
    names = names_of_parts(store)
    check = draw_quotas.check_quotas(
        store, ORGANISER, draw_id,
        pd.DataFrame([("gender", "vrouw", 0, 11), ("gender", "man", 0, 11),
                      ("part", next(iter(names.values())), 0, 11)],
                     columns=list(draw_quotas.COLUMNS)),
    )  # fmt: skip
    text = " ".join(check.problems)
    assert "geen quotum" in text
    assert not any(code in text for code in names)


def test_the_quota_editor_shows_names(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        draw_id = _prepare(store, 4)
        names = names_of_parts(store)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "5"})
    assert "part" in by_label(at.multiselect, "Kenmerken").value
    values = set(at.session_state["_quota_table"][1]["value"])  # what the editor shows
    assert values & set(names.values()) and not values & set(names)


def test_the_registration_form_offers_the_buurt_by_name(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        draw_id = _prepare(store, 3)
        names = names_of_parts(store)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "4"})
    buurt = by_label(at.selectbox, "Buurt")
    assert set(buurt.options) == {"— niet gevraagd —", *names.values()}
    code, name = next(iter(names.items()))
    buurt.set_value(code)  # the form sends the code
    assert buurt.format_func(buurt.value) == name

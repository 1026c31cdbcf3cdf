"""The ceremony in the organisers' workspace: a hidden or foreign character in an input is
refused in Dutch, naming the input and the character, and changes nothing; a stored bundle
whose inputs were tampered with fails the workspace's check instead of raising."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.domain.errors import UserError
from dashboard.services.draws import selection as draw_selection
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from tests.database_state import fingerprint
from tests.services.test_draws_public import ORGANISER, ready_for_selection, revealed


@pytest.mark.parametrize(
    ("inputs", "said"),
    [
        (["3", "5\u200c"], "Uitkomst 2 bevat een onzichtbaar teken of stuurteken (U+200C"),
        (["\u0663", "5"], "Uitkomst 1 bevat een cijfer dat niet 0-9 is (U+0663"),
        (["getuige 3\u0430"], "Uitkomst 1 bevat een letter die niet a-z is"),
        (["4", "-7"], "Uitkomst 2: een streepje hoort tussen twee woorden of getallen."),
    ],
)
def test_a_refused_input_is_named_in_dutch_and_changes_nothing(
    store: Store, inputs: list[str], said: str
) -> None:
    draw_id = ready_for_selection(store)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    before = fingerprint(store)
    with pytest.raises(UserError, match="^" + re.escape(said)):
        draw_selection.reveal_draw(store, ORGANISER, draw_id, inputs)
    assert fingerprint(store) == before


def test_a_stored_bundle_with_a_hidden_character_fails_the_check(store: Store) -> None:
    draw_id = revealed(store)
    assert draw_selection.verify_draw(store, ORGANISER, draw_id) == []
    with store.transaction() as cur:
        bundle = draw_rows.bundle(cur, draw_id)
        assert bundle is not None
        bundle["ceremony"]["inputs"][-1] += "\u200b"
        cur.execute("UPDATE draw SET bundle_json = ? WHERE id = ?", [json.dumps(bundle), draw_id])
    [problem] = draw_selection.verify_draw(store, ORGANISER, draw_id)
    assert "U+200B" in problem and "niet aanvaard" in problem

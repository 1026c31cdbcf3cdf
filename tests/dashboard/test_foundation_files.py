"""The draw workspace and the Sortition Foundation's files (issue 19, part 3): a quota file
in its layout is read into the quota editor, and a prepared draw is exported in it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.domain.auth import PUBLIC, PermissionDenied
from dashboard.domain.errors import UserError, UserErrors
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import selection as draw_selection
from dashboard.store.db import Store, open_store
from sortition import read_quotas, select
from sortition.foundation import read_settings
from tests.dashboard.test_organiser_draw_page import ORGANISER, _prepare


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    opened = open_store(app_db)
    yield opened
    opened.close()


FOUNDATION_FEATURES = (
    "category,name,min,max,min_flex,max_flex\ngender,vrouw,1,11,0,11\ngeslacht,man,1,11,0,11\n"
)


def test_a_foundation_features_file_fills_the_quota_editor(store: Store) -> None:
    draw_id = _prepare(store, 4)
    table = draw_quotas.quotas_from_file(
        store, ORGANISER, draw_id, FOUNDATION_FEATURES.encode("utf-8")
    )
    assert table.values.tolist() == [["gender", "vrouw", 1, 11], ["gender", "man", 1, 11]]
    check = draw_quotas.check_quotas(store, ORGANISER, draw_id, table)
    assert check.feasible
    # Reading stores nothing: the saved quotas are still none.
    assert draw_quotas.saved_quotas(store, ORGANISER, draw_id).empty


def test_every_problem_of_a_quota_file_is_named_with_its_line(store: Store) -> None:
    draw_id = _prepare(store, 4)
    data = (
        "kenmerk;waarde;minimum;maximum\n"
        "haarkleur;rood;1;2\ngeslacht;vrouw;x;2\nleeftijd;18-29;1;2,5\n"
    )
    with pytest.raises(UserErrors) as caught:
        draw_quotas.quotas_from_file(store, ORGANISER, draw_id, data.encode("utf-8"))
    problems = caught.value.problems
    assert problems[0].startswith("Regel 2: kenmerk 'haarkleur' kent deze loting niet")
    assert "Regel 3: het minimum 'x' is geen getal." in problems
    assert "Regel 4: het maximum moet een heel getal van 0 of meer zijn." in problems


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"feature,value,min\ngender,vrouw,1\n", "mist de kolom\\(men\\) maximum"),
        (b"", "leeg of geen tekst"),
        (b"\x00\x01\x02", "leeg of geen tekst"),
    ],
)
def test_an_unreadable_quota_file_is_refused(store: Store, data: bytes, message: str) -> None:
    draw_id = _prepare(store, 4)
    with pytest.raises(UserError, match=message):
        draw_quotas.quotas_from_file(store, ORGANISER, draw_id, data)


def test_a_prepared_draw_exports_in_the_foundations_layout(store: Store, tmp_path: Path) -> None:
    draw_id = _prepare(store, 6)
    archive = zipfile.ZipFile(io.BytesIO(draw_selection.foundation_file(store, ORGANISER, draw_id)))
    assert sorted(archive.namelist()) == ["features.csv", "people.csv", "settings.toml"]
    archive.extractall(tmp_path)
    people = (tmp_path / "people.csv").read_text(encoding="utf-8")
    with store.read() as cur:
        names = {r[0] for r in cur.execute("SELECT last_name FROM resident_contact").fetchall()}
    assert names and not any(name in people for name in names)
    bundle = json.loads(draw_selection.bundle_file(store, ORGANISER, draw_id))
    assert f"The number to select (k): {bundle['k']}" in (tmp_path / "settings.toml").read_text()
    # Read back as the Foundation's tools would read it: the same draw, the same chances.
    settings = read_settings(tmp_path / "settings.toml")
    result = select(
        str(tmp_path / "people.csv"),
        read_quotas(tmp_path / "features.csv"),
        bundle["k"],
        id_column=settings.id_column,
        household_column=settings.address_columns[0] if settings.address_columns else None,
    )
    assert result.probability_of() == pytest.approx(bundle["probabilities"], abs=1e-9)


def test_the_foundation_file_is_for_organisers_only(store: Store) -> None:
    draw_id = _prepare(store, 6)
    with pytest.raises(PermissionDenied):
        draw_selection.foundation_file(store, PUBLIC, draw_id)


def test_a_feature_may_be_named_as_the_editor_shows_it(store: Store) -> None:
    draw_id = _prepare(store, 4)
    shown = {"age_band": "Leeftijd", "gender": "Geslacht", "part": "Deel van de wijk"}
    data = "kenmerk;waarde;minimum;maximum\nDeel van de wijk;X;0;3\nhaarkleur;rood;1;2\n"
    with pytest.raises(UserError) as caught:
        draw_quotas.quotas_from_file(store, ORGANISER, draw_id, data.encode(), shown)
    assert str(caught.value) == (
        "Regel 3: kenmerk 'haarkleur' kent deze loting niet; kies uit Leeftijd, Geslacht, "
        "Deel van de wijk."
    )
    good = "kenmerk;waarde;minimum;maximum\nDeel van de wijk;X;0;3\n"
    table = draw_quotas.quotas_from_file(store, ORGANISER, draw_id, good.encode(), shown)
    assert table["feature"].tolist() == ["part"]

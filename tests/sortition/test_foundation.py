"""The Sortition Foundation's layout: its files are read as they are (flex columns, older
column names, the settings file's id and address columns), and a draw is written in it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sortition.bundle import prepare
from sortition.cli import main
from sortition.diagnose import needed_relaxation
from sortition.errors import InfeasibleQuotasError, SortitionInputError
from sortition.foundation import (
    ADDRESS_HOUSEHOLD,
    foundation_files,
    read_settings,
    with_address_households,
)
from sortition.io import read_pool, read_quotas
from sortition.select import select

# As the Foundation's tools write them: old column names, flex columns, a column of notes.
FEATURES = """category,name,min,max,min_flex,max_flex,notes
gender,female,2,2,1,4,
gender,male,2,2,0,4,
age,young,1,3,0,,under 40
age,old,1,3,,,
"""
SETTINGS = """id_column = "nationbuilder_id"
check_same_address = true
check_same_address_columns = ["primary_address1", "zip_royal_mail"]
columns_to_keep = ["first_name", "email"]
selection_algorithm = "maximin"
"""
# p1 and p2 live at one address (written differently); p5 and p6 too.
PEOPLE = """nationbuilder_id,first_name,email,gender,age,primary_address1,zip_royal_mail
p1,Ann,a@example.org,female,young,1 Main Street,AB1 2CD
p2,Bob,b@example.org,male,old,1  main street ,ab1 2cd
p3,Cy,c@example.org,female,old,2 Main Street,AB1 2CD
p4,Di,d@example.org,female,young,3 Main Street,AB1 2CD
p5,Ed,e@example.org,male,young,4 Side Road,XY9 8ZW
p6,Flo,f@example.org,male,old,4 Side Road,XY9 8ZW
p7,Gus,g@example.org,male,young,5 Side Road,XY9 8ZW
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("features", FEATURES), ("settings", SETTINGS), ("people", PEOPLE)):
        out[name] = tmp_path / f"{name}.{'toml' if name == 'settings' else 'csv'}"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_the_foundations_feature_file_is_read_with_its_flex_columns(files) -> None:
    table = read_quotas(files["features"])
    assert [(q.feature, q.value, q.min, q.max) for q in table.quotas] == [
        ("gender", "female", 2, 2),
        ("gender", "male", 2, 2),
        ("age", "young", 1, 3),
        ("age", "old", 1, 3),
    ]
    assert [(q.min_flex, q.max_flex) for q in table.quotas] == [
        (1, 4),
        (0, 4),
        (0, None),
        (None, None),
    ]
    # The flex bounds never reach a bundle: they do not change the draw.
    assert table.to_rows()[0] == {"feature": "gender", "value": "female", "min": 2, "max": 2}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("gender,female,2,2,3,4", "min_flex 3 must lie between 0 and min 2"),
        ("gender,female,2,2,0,1", "max_flex 1 is smaller than max 2"),
        ("gender,female,2,2,x,4", "row 2: min_flex must be a whole number, got 'x'"),
    ],
)
def test_bad_flex_bounds_are_refused_with_the_row(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "features.csv"
    path.write_text(f"feature,value,min,max,min_flex,max_flex\n{row}\n", encoding="utf-8")
    with pytest.raises(SortitionInputError, match=message):
        read_quotas(path)


def test_two_spellings_of_one_column_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "features.csv"
    path.write_text("feature,category,value,min,max\ng,g,f,1,1\n", encoding="utf-8")
    with pytest.raises(SortitionInputError, match="feature and category: keep one column"):
        read_quotas(path)


def _pool_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(6)],
            "gender": ["female", "female", "male", "male", "male", "male"],
        }
    )


def test_a_relaxation_stays_within_the_flex_columns(tmp_path: Path) -> None:
    # Four men, two women: a panel of 4 with 3 women needs the women's minimum lowered.
    path = tmp_path / "q.csv"
    path.write_text(
        "feature,value,min,max,min_flex,max_flex\ngender,female,3,4,1,4\ngender,male,0,1,0,3\n",
        encoding="utf-8",
    )
    table = read_quotas(path)
    pool = read_pool(_pool_frame(), table)
    changes = needed_relaxation(pool, table, 4)
    assert changes is not None
    for c in changes:
        q = next(q for q in table.quotas if q.value == c.value)
        assert q.min_flex is not None and q.max_flex is not None
        assert q.min_flex <= c.new_min and c.new_max <= q.max_flex


def test_no_relaxation_within_the_flex_columns_says_so(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "feature,value,min,max,min_flex,max_flex\ngender,female,3,4,3,4\ngender,male,0,1,0,1\n",
        encoding="utf-8",
    )
    table = read_quotas(path)
    with pytest.raises(InfeasibleQuotasError) as caught:
        select(read_pool(_pool_frame(), table), table, 4)
    assert caught.value.changes == []
    assert "No change within the min_flex and max_flex columns" in str(caught.value)


def test_the_settings_file_gives_the_id_and_address_columns(files) -> None:
    settings = read_settings(files["settings"])
    assert settings.id_column == "nationbuilder_id"
    assert settings.address_columns == ("primary_address1", "zip_royal_mail")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("check_same_address = true\n", "check_same_address_columns is empty"),
        ("check_same_address = 'yes'\n", "check_same_address must be true or false"),
        ("check_same_address_columns = 'a'\n", "must be a list of column names"),
        ("id_column = \n", "not a readable settings file"),
    ],
)
def test_a_bad_settings_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SortitionInputError, match=message):
        read_settings(path)


def test_one_address_written_two_ways_is_one_household() -> None:
    frame = pd.read_csv(pd.io.common.StringIO(PEOPLE), dtype=str)
    out = with_address_households(frame, ["primary_address1", "zip_royal_mail"])
    households = out[ADDRESS_HOUSEHOLD].tolist()
    assert households[0] == households[1] and households[4] == households[5]
    assert len(set(households)) == 5


def test_a_person_without_an_address_is_named() -> None:
    frame = pd.DataFrame(
        {"id": ["a", "b", "c"], "street": ["1 Main", "", ""], "zip": ["X", "", ""]}
    )
    with pytest.raises(SortitionInputError, match=r"No address in row\(s\) 3, 4"):
        with_address_households(frame, ["street", "zip"])
    with pytest.raises(SortitionInputError, match="lacks the address column"):
        with_address_households(frame, ["street", "postcode"])


def test_select_reads_the_foundations_files_as_they_are(files, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    argv = ["select", "--people", str(files["people"]), "--quotas", str(files["features"])]
    argv += ["--k", "4", "--foundation-settings", str(files["settings"]), "--out", str(out)]
    assert main(argv) == 0
    result = json.loads(out.read_text())
    assert set(result["probabilities"]) == {f"p{i}" for i in range(1, 8)}
    for panel in (set(p["panel"]) for p in result["portfolio"]):
        assert not {"p1", "p2"} <= panel and not {"p5", "p6"} <= panel
    # One address: at most one seat between them, in expectation too.
    p = result["probabilities"]
    assert p["p1"] + p["p2"] <= 1 + 1e-9 and p["p5"] + p["p6"] <= 1 + 1e-9


def test_address_columns_can_be_given_on_the_command_line(files, tmp_path: Path) -> None:
    argv = ["select", "--people", str(files["people"]), "--quotas", str(files["features"])]
    argv += ["--k", "4", "--id-column", "nationbuilder_id", "--address-columns", "zip_royal_mail"]
    argv += ["--out", str(tmp_path / "r.json")]
    # Two postcodes: two households, too few for four seats.
    proc = subprocess.run(
        [sys.executable, "-m", "sortition", *argv], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "larger than the 2 households in the pool" in proc.stderr


def test_household_and_address_columns_together_are_refused(files, capsys) -> None:
    argv = ["select", "--people", str(files["people"]), "--quotas", str(files["features"])]
    argv += ["--k", "4", "--foundation-settings", str(files["settings"])]
    assert main([*argv, "--household-column", "zip_royal_mail"]) == 2
    assert "either --household-column or address columns" in capsys.readouterr().err


def test_a_draw_exported_in_the_foundations_layout_reads_back_the_same(
    files, tmp_path: Path
) -> None:
    frame = with_address_households(
        pd.read_csv(files["people"], dtype=str), ["primary_address1", "zip_royal_mail"]
    )
    bundle = prepare(
        frame,
        files["features"],
        4,
        id_column="nationbuilder_id",
        household_column=ADDRESS_HOUSEHOLD,
    )
    bundle_path = tmp_path / "draw.json"
    bundle_path.write_text(json.dumps(bundle), encoding="utf-8")
    folder = tmp_path / "foundation"
    assert main(["export", str(bundle_path), "--out", str(folder)]) == 0
    exported = {
        name: (folder / name).read_text(encoding="utf-8") for name in foundation_files(bundle)
    }
    header = exported["features.csv"].splitlines()[0]
    assert header == "feature,value,min,max,min_flex,max_flex"
    people = exported["people.csv"]
    assert "Main" not in people and "example.org" not in people and "Ann" not in people
    settings = read_settings(folder / "settings.toml")
    assert settings.id_column == "id" and settings.address_columns == ("household",)
    # Read back as the Foundation's tools would: the same draw, the same chances.
    again = select(
        str(folder / "people.csv"), str(folder / "features.csv"), 4, household_column="household"
    )
    ids = list(bundle["probabilities"])
    expected = np.array([bundle["probabilities"][i] for i in ids])
    got = np.array([again.probability_of()[i] for i in ids])
    assert np.allclose(got, expected, atol=1e-9)


def test_a_public_bundle_cannot_be_exported(files, tmp_path: Path, capsys) -> None:
    bundle = prepare(files["people"], files["features"], 4, id_column="nationbuilder_id")
    full = tmp_path / "full.json"
    full.write_text(json.dumps(bundle), encoding="utf-8")
    public = tmp_path / "public.json"
    assert main(["publish", str(full), "--out", str(public)]) == 0
    assert main(["export", str(public), "--out", str(tmp_path / "x")]) == 2
    assert "public bundle" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()

"""Input hygiene: clear errors that name columns, rows and values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sortition import SortitionInputError, make_quotas, read_pool, read_quotas, select

QUOTAS = make_quotas([("gender", "f", 1, 2), ("gender", "m", 1, 2)])


def _frame(**cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame(cols)


def test_semicolon_bom_case_spaces_and_unicode(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    # "Zoë" once composed (NFC) and once decomposed (NFD); a BOM; ';' as delimiter.
    people.write_bytes("\ufeffID ; Wijk\np1;Zoe\u0308\np2; ZOË \np3;centrum\n".encode())
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("Feature;Value;Min;Max\nwijk;zoë;1;2\nwijk;Centrum;0;1\n", encoding="utf-8")
    table = read_quotas(quotas)
    pool = read_pool(people, table, id_column="id")
    assert pool.ids == ("p1", "p2", "p3")
    assert pool.values == (("zoë", "Centrum"),)
    assert list(pool.codes[:, 0]) == [0, 0, 1]


def test_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    _frame(id=["a", "b", "c"], gender=["f", "m", "f"]).to_excel(path, index=False)
    result = select(path, QUOTAS, 2)
    assert result.probabilities.sum() == pytest.approx(2)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (_frame(id=["a", "b"], sex=["f", "m"]), "no feature column 'gender'"),
        (_frame(code=["a", "b"], gender=["f", "m"]), "no id column 'id'"),
        (_frame(id=["a", "a", "b"], gender=["f", "m", "f"]), "Duplicate id 'a'"),
        (_frame(id=["a", "b", "c"], gender=["f", "m", "x"]), "value 'x' in row(s) 4"),
        (_frame(id=["a", "", "c"], gender=["f", "m", "f"]), "empty in row(s) 3"),
        (_frame(id=[], gender=[]), "The pool is empty"),
    ],
)
def test_pool_errors(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(SortitionInputError) as info:
        read_pool(frame, QUOTAS)
    assert message in str(info.value)


def test_k_larger_than_pool() -> None:
    with pytest.raises(SortitionInputError, match="k = 5 is larger than the pool of 3"):
        select(_frame(id=["a", "b", "c"], gender=["f", "m", "f"]), QUOTAS, 5)


def test_k_larger_than_households() -> None:
    frame = _frame(id=["a", "b", "c"], gender=["f", "m", "f"], hh=["1", "1", "2"])
    with pytest.raises(SortitionInputError, match="2 households"):
        select(frame, QUOTAS, 3, household_column="hh")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feature,value,min\ng,f,1\n", "lacks column(s) max"),
        ("feature,value,min,max\ng,f,one,2\n", "row 2: min must be a whole number"),
        ("feature,value,min,max\ng,f,3,2\n", "min 3 is larger than max 2"),
        ("feature,value,min,max\ng,f,1,2\nG,F,1,2\n", "given twice"),
        ("feature,value,min,max\ng,f,-1,2\n", "must not be negative"),
    ],
)
def test_quota_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SortitionInputError) as info:
        read_quotas(path)
    assert message in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(SortitionInputError, match="File not found"):
        read_quotas("/nonexistent/quotas.csv")

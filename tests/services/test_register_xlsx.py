"""Register extracts as Excel files: dates typed as dates, numbers typed as numbers, booleans
and text all arrive as the text the checks expect (`_cell_text`); a broken file is refused.

Two readers give that text: the typed read (fastexcel, whole Arrow columns) for sheets whose
columns each hold one kind of cell, and the cell-by-cell read (python-calamine) for the
rest. Both must give every sheet the same table, or refuse it with the same message.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx


def workbook(rows: list[list[object]], at: str = "A1") -> bytes:
    book = Workbook()
    sheet = book.active
    first = sheet[at]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.cell(first.row + r, first.column + c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def typed_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet must be read by the typed read alone."""

    def refuse(data: bytes) -> pa.Table:
        raise AssertionError("read cell by cell")

    monkeypatch.setattr(rx, "_read_xlsx_cells", refuse)


def test_date_number_and_text_cells_read_as_the_spreadsheet_shows_them() -> None:
    data = workbook(
        [
            ["Persoonsnummer", " Geboortedatum ", "huisnummer", "postcode", "bedrag"],
            [17, datetime(2001, 3, 31), 12, "9701 AB", 12.5],
            [18, date(1950, 1, 2), "12a", "9701 AC", 3],
        ]
    )
    upload = rx.read_upload(data, "uittreksel.xlsx")
    assert upload.columns == ["Persoonsnummer", "Geboortedatum", "huisnummer", "postcode",
                              "bedrag"]  # fmt: skip
    assert upload.table.to_pylist() == [
        {"Persoonsnummer": "17", "Geboortedatum": "2001-03-31", "huisnummer": "12",
         "postcode": "9701 AB", "bedrag": "12.5"},
        {"Persoonsnummer": "18", "Geboortedatum": "1950-01-02", "huisnummer": "12a",
         "postcode": "9701 AC", "bedrag": "3"},
    ]  # fmt: skip


def test_a_register_as_excel_saves_it_is_read_by_the_typed_read(typed_only: None) -> None:
    """One kind of cell per column: numbers, dates, date and time, booleans, text; empty
    cells, error cells and text like 'NA' or 'NaN' among numbers or dates stay as they are."""
    data = workbook(
        [
            ["persoonsnummer", "geboortedatum", "gemeld", "stemt", "naam", "bedrag", "leeg"],
            [1, date(2001, 3, 31), datetime(2026, 1, 2, 13, 45, 7), True, "Anna", 1 / 3, None],
            [2_000_000_000_000, date(1900, 3, 1), datetime(2026, 1, 3), False, "NA", 2.5e-07,
             None],
            ["NA", "NULL", None, None, None, 1e20, None],
            [None, None, "n/a", "None", "", "NaN", None],
            ["=NA()", date(2099, 12, 31), datetime(1950, 6, 1, 0, 0, 1), True, "0012", -0.0,
             None],
        ]
    )  # fmt: skip
    table = rx.read_upload(data, "uittreksel.xlsx").table
    assert table.to_pylist() == [
        {"persoonsnummer": "1", "geboortedatum": "2001-03-31", "gemeld": "2026-01-02 13:45:07",
         "stemt": "WAAR", "naam": "Anna", "bedrag": "0.3333333333333333", "leeg": ""},
        {"persoonsnummer": "2000000000000", "geboortedatum": "1900-03-01",
         "gemeld": "2026-01-03", "stemt": "ONWAAR", "naam": "NA", "bedrag": "2.5e-07",
         "leeg": ""},
        {"persoonsnummer": "NA", "geboortedatum": "NULL", "gemeld": "", "stemt": "",
         "naam": "", "bedrag": "100000000000000000000", "leeg": ""},
        {"persoonsnummer": "", "geboortedatum": "", "gemeld": "n/a", "stemt": "None",
         "naam": "", "bedrag": "NaN", "leeg": ""},
        {"persoonsnummer": "", "geboortedatum": "2099-12-31", "gemeld": "1950-06-01 00:00:01",
         "stemt": "WAAR", "naam": "0012", "bedrag": "0", "leeg": ""},
    ]  # fmt: skip


def test_house_numbers_mixing_numbers_and_text_are_read_by_the_typed_read(
    typed_only: None,
) -> None:
    """The usual mixed column of a register: whole numbers and a few with a letter."""
    data = workbook(
        [["persoonsnummer", "huisnummer", "naam"], [1, 12, "Anna"], [2, "12a", "Bob"],
         [3, -4, "NA"], [4, None, "1a"], [5, "0012", "Kees"]]
    )  # fmt: skip
    assert rx.read_upload(data, "uittreksel.xlsx").table.column("huisnummer").to_pylist() == [
        "12", "12a", "-4", "", "0012"
    ]  # fmt: skip


@pytest.mark.parametrize("other", [12.5, True, date(2001, 3, 31), 1e-07, 10**17])
def test_a_mixed_column_with_a_value_written_another_way_is_read_cell_by_cell(
    other: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fastexcel writes these its own way in a text column (12.5 is fine, but is not told
    from the text '12.5'): the cell-by-cell read decides."""
    data = workbook([["huisnummer"], ["12a"], [other], [7]])
    cells: list[bytes] = []

    def read_xlsx_cells(book: bytes) -> pa.Table:
        cells.append(book)
        return pa.table({})

    monkeypatch.setattr(rx, "_read_xlsx_cells", read_xlsx_cells)
    rx._read_xlsx(data)
    assert cells == [data]


def test_booleans_read_as_waar_and_onwaar_in_both_readers() -> None:
    """The cell-by-cell read used to give a column of booleans (or of booleans and numbers)
    as 1 and 0: Arrow takes True for 1.0."""
    only = workbook([["stemt"], [True], [False]])
    mixed = workbook([["stemt", "x"], [True, 1], [3, "y"], [False, None]])
    for read in (rx._read_xlsx, rx._read_xlsx_cells):
        assert read(only).column("stemt").to_pylist() == ["WAAR", "ONWAAR"]
        assert read(mixed).column("stemt").to_pylist() == ["WAAR", "3", "ONWAAR"]


def test_times_of_day_durations_and_parts_of_a_second_are_read_cell_by_cell() -> None:
    data = workbook(
        [
            ["tijd", "duur", "moment"],
            [time(12, 30), timedelta(hours=30), datetime(2001, 3, 31, 12, 30, 5, 250_000)],
        ]
    )
    assert rx.read_upload(data, "x.xlsx").table.to_pylist() == [
        {"tijd": "12:30:00", "duur": "1 day, 6:00:00", "moment": "2001-03-31 12:30:05.250000"}
    ]


def test_a_header_without_rows_and_a_broken_file_are_refused() -> None:
    with pytest.raises(UserError, match="geen rijen"):
        rx.read_upload(workbook([["persoonsnummer", "geboortedatum"]]), "leeg.xlsx")
    with pytest.raises(UserError, match="Excel-bestand"):
        rx.read_upload(b"PK\x03\x04 not really a zip file", "kapot.xlsx")
    with pytest.raises(UserError, match="twee keer"):
        rx.read_upload(workbook([["a", "A"], [1, 2]]), "dubbel.xlsx")
    with pytest.raises(UserError, match="twee keer"):
        rx.read_upload(workbook([["a", "b", "a"], [1, 2, 3]]), "dubbel.xlsx")


def test_the_header_row_is_row_one_from_column_a() -> None:
    """The names stand on line 1 (the problem report counts lines from there), from column
    A on; a name that looks like another name renamed, or a number, is read as written."""
    with pytest.raises(UserError, match="kolomnamen ontbreekt"):
        rx.read_upload(workbook([["persoonsnummer"], [1]], at="A3"), "laag.xlsx")
    with pytest.raises(UserError, match="geen naam"):
        rx.read_upload(workbook([["persoonsnummer"], [1]], at="B1"), "rechts.xlsx")
    with pytest.raises(UserError, match="geen naam"):
        rx.read_upload(workbook([["a", None, "c"], [1, 2, 3]]), "gat.xlsx")
    table = rx.read_upload(workbook([["a", "a_1", 2026, 1.5], [1, 2, 3, 4]]), "x.xlsx").table
    assert table.column_names == ["a", "a_1", "2026", "1.5"]
    assert table.to_pylist() == [{"a": "1", "a_1": "2", "2026": "3", "1.5": "4"}]


@pytest.mark.parametrize(
    "column",
    [[1, 2, 3], [1, "12a", 3]],  # the typed read, and cell by cell (numbers and text)
)
def test_too_many_rows_are_refused_with_the_count(
    monkeypatch: pytest.MonkeyPatch, column: list[object]
) -> None:
    monkeypatch.setattr(rx, "MAX_ROWS", 2)
    data = workbook([["persoonsnummer"], *[[v] for v in column]])
    with pytest.raises(UserError, match=r"^Het bestand heeft 3 rijen; er kunnen er hoogstens 2 "):
        rx.read_upload(data, "groot.xlsx")


# Both readers on any sheet --------------------------------------------------------------------

TEXTS = st.one_of(
    st.sampled_from(["NA", "NULL", "n/a", "NaN", "nan", "None", "", " ", "true", "0012",
                     "12", "1.5", "2001-03-31", "2001-03-31 00:00:00", "#N/A", "é"]),
    st.text(max_size=6).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
)  # fmt: skip
KINDS = {
    "whole": st.integers(-(10**15), 10**15),
    "number": st.floats(allow_nan=False, allow_infinity=False),
    "boolean": st.booleans(),
    "date": st.dates(date(1900, 1, 1), date(9999, 12, 31)),
    "moment": st.datetimes(datetime(1899, 12, 31), datetime(2200, 1, 1)),
    "time": st.times(),
    "duration": st.timedeltas(timedelta(0), timedelta(days=3)),
    "text": TEXTS,
}
NAMES = st.one_of(st.sampled_from(["a", "A", "a_1", "naam", " x ", "2026", ""]),
                  st.integers(0, 3000), st.none(), TEXTS)  # fmt: skip


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 4))
    kinds = [draw(st.lists(st.sampled_from(list(KINDS)), min_size=1, max_size=2))
             for _ in range(width)]  # fmt: skip
    header = [draw(NAMES) if draw(st.integers(0, 4)) == 0 else f"kolom {i}" for i in range(width)]
    rows = [
        [draw(st.one_of(st.none(), KINDS[draw(st.sampled_from(k))])) for k in kinds]
        for _ in range(draw(st.integers(0, 6)))
    ]
    return workbook([header, *rows])


def read(reader: Callable[[bytes], pa.Table], data: bytes) -> list[dict[str, str]] | str:
    try:
        return reader(data).to_pylist()
    except UserError as exc:
        return str(exc)


@pytest.mark.slow  # a fuzzer or a file of millions of rows: not in the year-ahead run
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=sheets())
def test_the_typed_read_gives_what_the_cell_by_cell_read_gives(data: bytes) -> None:
    assert read(rx._read_xlsx, data) == read(rx._read_xlsx_cells, data)

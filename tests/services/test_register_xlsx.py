"""Register extracts as Excel files, read by calamine: dates typed as dates, numbers typed
as numbers and text all arrive as the text the checks expect; a broken file is refused."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from dashboard import register_extract as rx
from dashboard.errors import UserError


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


def test_a_header_without_rows_and_a_broken_file_are_refused() -> None:
    with pytest.raises(UserError, match="geen rijen"):
        rx.read_upload(workbook([["persoonsnummer", "geboortedatum"]]), "leeg.xlsx")
    with pytest.raises(UserError, match="Excel-bestand"):
        rx.read_upload(b"PK\x03\x04 not really a zip file", "kapot.xlsx")
    with pytest.raises(UserError, match="twee keer"):
        rx.read_upload(workbook([["a", "A"], [1, 2]]), "dubbel.xlsx")

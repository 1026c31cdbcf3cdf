"""Tables as files: CSV the way Excel opens it in the file's language, and XLSX for the
gemeenteraad.

Numbers are written one way per language, for machines as much as for people: the
language's decimal separator and never a thousands separator, money (a `Decimal`, or a
column whose name ends in "(€)") with two decimals, dates as 2025-03-01. Dutch files:
semicolons between cells and decimal commas (`84093,10`); English files: commas and
decimal points (`84093.10`). Both are UTF-8 with a BOM. The language is the file's
(`language=`), Dutch unless a caller says otherwise: the residents' pages pass the
page's language, the staff pages are Dutch.

Every cell and every column name goes through `spreadsheet_safe`: text that a
spreadsheet would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`, a leading tab or
CR) gets a leading apostrophe, so a proposal title, a theme or a payment description
typed by anyone opens as text. Every download in the app is made here
(tests/dashboard/test_exports.py checks that no other module writes CSV or XLSX).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from sortition.text import spreadsheet_safe

if TYPE_CHECKING:
    import pandas as pd

# Control characters an XLSX file cannot hold (openpyxl refuses them).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_IN_SHEET_NAME = re.compile(r"[\x00-\x1f\[\]:*?/\\']")
MONEY_MARK = "(€)"  # a column whose name ends in it holds amounts in euros


class FileFormat(NamedTuple):
    decimal: str  # the decimal separator
    delimiter: str  # between the cells of a CSV row


FORMATS = {"nl": FileFormat(",", ";"), "en": FileFormat(".", ",")}


def file_format(language: str) -> FileFormat:
    return FORMATS.get(language, FORMATS["nl"])


def number_text(value: float | Decimal, language: str = "nl", money: bool = False) -> str:
    """A number as a file writes it: `84093,10` (Dutch money), `0.125` (English)."""
    text = f"{value:.2f}" if money or isinstance(value, Decimal) else repr(float(value))
    return text.replace(".", file_format(language).decimal)


def rows_csv(
    header: Sequence[str], rows: Sequence[Sequence[object]], language: str = "nl"
) -> bytes:
    """Plain rows (no pandas: the residents' pages stay light). Amounts come as `Decimal`
    and read with two decimals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=file_format(language).delimiter, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(name) for name in header])
    writer.writerows([[spreadsheet_safe(_cell(value, language)) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object, language: str) -> object:
    if isinstance(value, float | Decimal):
        return number_text(value, language)
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names cannot start a formula."""
    return _map_text(frame, spreadsheet_safe)


def _map_text(frame: pd.DataFrame, fix: Callable[[object], object]) -> pd.DataFrame:
    """A copy with `fix` applied to every column name and every cell of text columns."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    fixed = frame.copy()
    fixed.columns = [fix(str(name)) for name in frame.columns]
    for position, dtype in enumerate(frame.dtypes):
        if is_object_dtype(dtype) or is_string_dtype(dtype):
            fixed.isetitem(position, frame.iloc[:, position].map(fix, na_action="ignore"))
    return fixed


def _money_columns(frame: pd.DataFrame) -> list[int]:
    from pandas.api.types import is_numeric_dtype

    return [
        position
        for position, name in enumerate(frame.columns)
        if str(name).endswith(MONEY_MARK) and is_numeric_dtype(frame.dtypes.iloc[position])
    ]


def csv_bytes(frame: pd.DataFrame, language: str = "nl") -> bytes:
    shape = file_format(language)
    written = frame.copy()
    for position in _money_columns(frame):  # two decimals; an empty cell stays empty
        written.isetitem(
            position,
            frame.iloc[:, position].map(
                lambda v: number_text(v, language, money=True), na_action="ignore"
            ),
        )
    # CRLF line ends: pandas then also quotes a cell with a lone CR in it, which would
    # otherwise start a new row (and a new, unescaped first cell) in a spreadsheet.
    text = safe_frame(written).to_csv(
        index=False, sep=shape.delimiter, decimal=shape.decimal, lineterminator="\r\n"
    )
    return text.encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    import pandas as pd

    safe = _map_text(safe_frame(frame), _xlsx_text)
    title = _NOT_IN_SHEET_NAME.sub("", sheet)[:31] or "Blad1"
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=title)
        worksheet = writer.sheets[title]
        for position in _money_columns(frame):  # numbers stay numbers, shown with cents
            for (cell,) in worksheet.iter_rows(
                min_row=2, min_col=position + 1, max_col=position + 1
            ):
                cell.number_format = "0.00"
    return buffer.getvalue()


def _xlsx_text(value: object) -> object:
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value

"""Tables as files: CSV the way Dutch Excel opens it (semicolons, decimal commas, UTF-8
with a BOM), and XLSX for the gemeenteraad.

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
from typing import TYPE_CHECKING

from sortition.text import spreadsheet_safe

if TYPE_CHECKING:
    import pandas as pd

# Control characters an XLSX file cannot hold (openpyxl refuses them).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_IN_SHEET_NAME = re.compile(r"[\x00-\x1f\[\]:*?/\\']")


def rows_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """Plain rows (no pandas: the residents' pages stay light)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(name) for name in header])
    writer.writerows([[spreadsheet_safe(_cell(value)) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    return str(value).replace(".", ",") if isinstance(value, float) else value


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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # CRLF line ends: pandas then also quotes a cell with a lone CR in it, which would
    # otherwise start a new row (and a new, unescaped first cell) in a spreadsheet.
    text = safe_frame(frame).to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    import pandas as pd

    safe = _map_text(safe_frame(frame), _xlsx_text)
    title = _NOT_IN_SHEET_NAME.sub("", sheet)[:31] or "Blad1"
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=title)
    return buffer.getvalue()


def _xlsx_text(value: object) -> object:
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value

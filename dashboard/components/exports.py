"""Tables as files: CSV the way Dutch Excel opens it (semicolons, decimal commas, UTF-8
with a BOM), and XLSX for the gemeenteraad."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def rows_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """Plain rows (no pandas: the residents' pages stay light)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    return str(value).replace(".", ",") if isinstance(value, float) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()

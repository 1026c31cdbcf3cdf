"""Tables as files for the gemeenteraad: CSV the way Dutch Excel opens it, and XLSX."""

from __future__ import annotations

import io

import pandas as pd


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Semicolons and decimal commas, UTF-8 with a BOM: Excel in Dutch opens it as is."""
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()

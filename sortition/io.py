"""Reading pools and quota tables from CSV, XLSX or a DataFrame, with input hygiene."""

from __future__ import annotations

import io as _io
import math
from pathlib import Path

import pandas as pd

from sortition.errors import SortitionInputError
from sortition.pool import Pool, build_pool
from sortition.quotas import Quota, QuotaTable
from sortition.text import clean, fold
from sortition.xlsx_limits import Limits, SpreadsheetLimitError, check_xlsx

Source = str | Path | pd.DataFrame
# As for the dashboard's register extract: a million rows unpack to about 590 MB of sheet.
XLSX_LIMITS = Limits(sheet_bytes=1_000_000_000, total_bytes=1_200_000_000)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"), else
    Windows-1252; text with NUL characters in it is no CSV."""
    encodings = ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise SortitionInputError(
        f"{name}: cannot read it as text (save it as CSV in UTF-8, or as XLSX)."
    )


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_table(source: Source) -> pd.DataFrame:
    """A table of strings with cleaned column names; CSV (',' ';' or tab), XLSX or a frame."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
    else:
        path = Path(source)
        if not path.exists():
            raise SortitionInputError(f"File not found: {path}.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raw = path.read_bytes()
            try:
                check_xlsx(raw, XLSX_LIMITS)  # before the reader makes its grid of cells
            except SpreadsheetLimitError as exc:
                raise SortitionInputError(f"{path}: {exc}") from exc
            try:
                frame = pd.read_excel(
                    _io.BytesIO(raw), dtype=str, keep_default_na=False, engine="calamine"
                )
            except Exception as exc:
                raise SortitionInputError(f"{path}: cannot read it as XLSX ({exc}).") from exc
        else:
            text = _decode(path.read_bytes(), str(path))
            if not text.strip():
                raise SortitionInputError(f"{path}: the file is empty.")
            header = text.lstrip().splitlines()[0]
            try:
                frame = pd.read_csv(
                    _io.StringIO(text),
                    sep=_delimiter(header),
                    dtype=str,
                    keep_default_na=False,
                    skip_blank_lines=True,
                )
            except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                raise SortitionInputError(f"{path}: cannot read it as CSV ({exc}).") from exc
    frame.columns = [clean(c) for c in frame.columns]
    names = [fold(c) for c in frame.columns]
    doubled = sorted({c for c in frame.columns if names.count(fold(c)) > 1})
    if doubled:
        raise SortitionInputError(f"Column(s) given twice: {', '.join(doubled)}.")
    # Rows with nothing in them (trailing lines of spreadsheet exports) are not people.
    filled = frame.map(clean).ne("").any(axis=1)
    return frame[filled].reset_index(drop=True) if not filled.all() else frame


def _integer(raw: object, column: str, row: int) -> int:
    text = clean(raw)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not text or not math.isfinite(number) or number != int(number):
        raise SortitionInputError(
            f"Quota table row {row}: {column} must be a whole number, got '{text}'."
        )
    return int(number)


def read_quotas(source: Source) -> QuotaTable:
    """A quota table with columns feature, value, min, max (any case, any order)."""
    frame = read_table(source)
    columns = {fold(c): c for c in frame.columns}
    missing = [c for c in ("feature", "value", "min", "max") if c not in columns]
    if missing:
        present = ", ".join(f"'{c}'" for c in frame.columns)
        raise SortitionInputError(
            f"The quota table lacks column(s) {', '.join(missing)}; "
            f"it needs feature, value, min, max. Columns present: {present}."
        )
    quotas = []
    for i, rec in enumerate(frame.to_dict("records")):
        row = i + 2
        feature = clean(rec[columns["feature"]])
        value = clean(rec[columns["value"]])
        if not feature or not value:
            raise SortitionInputError(f"Quota table row {row}: feature and value must be filled.")
        lo = _integer(rec[columns["min"]], "min", row)
        hi = _integer(rec[columns["max"]], "max", row)
        quotas.append(Quota(feature, value, lo, hi))
    return QuotaTable(tuple(quotas))


def read_pool(
    source: Source,
    quotas: QuotaTable,
    id_column: str = "id",
    household_column: str | None = None,
) -> Pool:
    return build_pool(read_table(source), quotas, id_column, household_column)

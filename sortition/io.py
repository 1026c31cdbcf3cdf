"""Reading pools and quota tables from CSV, XLSX or a DataFrame, with input hygiene."""

from __future__ import annotations

import io as _io
import math
from pathlib import Path
from typing import TypeAlias

import pandas as pd

from sortition import csv_records
from sortition.errors import SortitionInputError
from sortition.pool import Pool, build_pool
from sortition.quotas import Quota, QuotaTable
from sortition.text import clean, fold
from sortition.xlsx_limits import Limits, SpreadsheetLimitError, check_xlsx

Source: TypeAlias = str | Path | pd.DataFrame
# As for the dashboard's register extract: a million rows unpack to about 590 MB of sheet.
XLSX_LIMITS = Limits(sheet_bytes=1_000_000_000, total_bytes=1_200_000_000)
MAX_CELL = 1_000  # characters in one cell of a CSV pool or quota table


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


def _require_every_line(text: str, records: int, delimiter: str, path: Path) -> None:
    """Every line a row: one stray quote would make the lines up to the next quote a single
    value, and the people on them would silently be missing (issue 15)."""
    if csv_records.count_lines(text) == records:
        return
    # Fewer rows than lines: lines read as one row, or lines of spaces that pandas skips.
    found = csv_records.spans(text, delimiter)
    if found:
        raise SortitionInputError(f"{path}: " + " ".join(_span_text(s) for s in found[:50]))


def _span_text(span: csv_records.Span) -> str:
    if span.closed:
        return (
            f'lines {span.first} to {span.last} were read as one row: a quote (") on line '
            f"{span.first} is only closed on line {span.last}. Remove the stray quote; a value "
            "may not contain a line break."
        )
    return (
        f'a quote (") on line {span.first} is never closed (or a value on it is far too '
        f"long): lines {span.first} to {span.last} would be one value. Remove the stray quote."
    )


def _require_short_cells(frame: pd.DataFrame, path: Path) -> None:
    for column in frame.columns:
        longer = frame[column].str.len().gt(MAX_CELL)
        if longer.any():
            rows = [str(i + 2) for i in longer[longer].index[:20]]
            where = f"line {rows[0]}" if len(rows) == 1 else f"lines {', '.join(rows)}"
            raise SortitionInputError(
                f"{path}: column '{clean(column)[:50]}' has values longer than {MAX_CELL} "
                f"characters, on {where}."
            )


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
                _require_every_line(text, -1, _delimiter(header), path)  # names the lines
                raise SortitionInputError(f"{path}: cannot read it as CSV ({exc}).") from exc
            _require_every_line(text, len(frame) + 1, _delimiter(header), path)
            _require_short_cells(frame, path)
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


# The Sortition Foundation's names for the same columns (its tools' older and newer files).
QUOTA_COLUMNS = {
    "feature": ("feature", "category"),
    "value": ("value", "name", "category value", "category_value", "category-value"),
    "min": ("min",),
    "max": ("max",),
}
FLEX_COLUMNS = ("min_flex", "max_flex")


def read_quotas(source: Source) -> QuotaTable:
    """A quota table with columns feature, value, min, max (any case, any order), also in
    the Sortition Foundation's layout: `category`/`name` for feature/value, and the optional
    `min_flex`, `max_flex` that bound a suggested relaxation. Other columns are ignored."""
    frame = read_table(source)
    present = {fold(c): c for c in frame.columns}
    columns: dict[str, str] = {}
    for name, spellings in QUOTA_COLUMNS.items():
        found = [present[s] for s in spellings if s in present]
        if len(found) > 1:
            raise SortitionInputError(
                f"The quota table has {' and '.join(found)}: keep one column for {name}."
            )
        if found:
            columns[name] = found[0]
    missing = [c for c in QUOTA_COLUMNS if c not in columns]
    if missing:
        shown = ", ".join(f"'{c}'" for c in frame.columns)
        raise SortitionInputError(
            f"The quota table lacks column(s) {', '.join(missing)}; "
            f"it needs feature, value, min, max. Columns present: {shown}."
        )
    flex = {name: present[name] for name in FLEX_COLUMNS if name in present}
    quotas = []
    for i, rec in enumerate(frame.to_dict("records")):
        row = i + 2
        feature = clean(rec[columns["feature"]])
        value = clean(rec[columns["value"]])
        if not feature or not value:
            raise SortitionInputError(f"Quota table row {row}: feature and value must be filled.")
        lo = _integer(rec[columns["min"]], "min", row)
        hi = _integer(rec[columns["max"]], "max", row)
        bounds = {
            name: _integer(rec[column], name, row) if clean(rec[column]) else None
            for name, column in flex.items()
        }
        quotas.append(Quota(feature, value, lo, hi, **bounds))
    return QuotaTable(tuple(quotas))


def read_pool(
    source: Source,
    quotas: QuotaTable,
    id_column: str = "id",
    household_column: str | None = None,
) -> Pool:
    return build_pool(read_table(source), quotas, id_column, household_column)

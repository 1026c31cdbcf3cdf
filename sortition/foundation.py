"""The Sortition Foundation's file layout: read its pools, quotas and settings as they are,
and write a draw in it.

Its tools (sortition-algorithms, the Stratification App) take three files:
- features: `feature,value,min,max` (older files: `category,name,...`), optionally
  `min_flex,max_flex` (read by `sortition.io.read_quotas`);
- people: one row a person, an id column (`nationbuilder_id` by default), a column per
  feature and address columns; no two people with the same address are selected when
  `check_same_address` is on;
- settings (TOML): `id_column`, `check_same_address`, `check_same_address_columns`, ...
Here the address columns become a household column, so the one-per-household rule of the
engine does the address check. Addresses are compared after trimming, folding case and
joining runs of spaces (the Foundation's tools fold case only), so "1 Main St" and
"1  main st " are one address.
"""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sortition.errors import SortitionInputError
from sortition.spreadsheet import spreadsheet_csv
from sortition.text import clean, fold

FOUNDATION_ID_COLUMN = "nationbuilder_id"
ADDRESS_HOUSEHOLD = "household (address)"  # the column made from the address columns
FOUNDATION_ALGORITHMS = ("legacy", "maximin", "leximin", "nash")  # sortition-algorithms' choices


@dataclass(frozen=True)
class FoundationSettings:
    """What a Foundation settings file says about reading the people file."""

    id_column: str
    address_columns: tuple[str, ...]  # empty: no address check


def read_settings(path: str | Path) -> FoundationSettings:
    """The id and address columns of a Foundation settings file (TOML); other keys, such as
    the algorithm or the columns to keep, do not change how the pool is read."""
    source = Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise SortitionInputError(f"File not found: {source}.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SortitionInputError(f"{source}: not a readable settings file (TOML): {exc}.") from exc
    id_column = data.get("id_column", FOUNDATION_ID_COLUMN)
    check = data.get("check_same_address", False)
    columns = data.get("check_same_address_columns", [])
    problems = []
    if not isinstance(id_column, str) or not clean(id_column):
        problems.append("id_column must be a column name")
    if not isinstance(check, bool):
        problems.append("check_same_address must be true or false")
    if not isinstance(columns, list) or not all(isinstance(c, str) and clean(c) for c in columns):
        problems.append("check_same_address_columns must be a list of column names")
    elif check and not columns:
        problems.append("check_same_address is true but check_same_address_columns is empty")
    if problems:
        raise SortitionInputError(f"{source}: " + "; ".join(problems) + ".")
    return FoundationSettings(str(id_column), tuple(columns) if check else ())


def with_address_households(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The people with a household column made of their address columns: people with the
    same address share a household. Every person needs an address."""
    present = {fold(c): c for c in frame.columns}
    missing = [c for c in columns if fold(c) not in present]
    if missing:
        shown = ", ".join(f"'{c}'" for c in frame.columns)
        raise SortitionInputError(
            f"The pool lacks the address column(s) {', '.join(missing)}. Columns present: {shown}."
        )
    if fold(ADDRESS_HOUSEHOLD) in present:
        raise SortitionInputError(f"The pool already has a column '{ADDRESS_HOUSEHOLD}'.")
    parts = [frame[present[fold(c)]].map(_address_part) for c in columns]
    empty = [i + 2 for i in range(len(frame)) if not any(p.iloc[i] for p in parts)]
    if empty:
        rows = ", ".join(str(r) for r in empty[:20]) + (", ..." if len(empty) > 20 else "")
        raise SortitionInputError(
            f"No address in row(s) {rows}: the same-address check needs one for everybody."
        )
    out = frame.copy()
    out[ADDRESS_HOUSEHOLD] = ["\x1f".join(values) for values in zip(*parts, strict=True)]
    return out


def _address_part(value: object) -> str:
    return re.sub(r"\s+", " ", fold(value))


def foundation_files(bundle: dict[str, Any]) -> dict[str, bytes]:
    """A prepared draw in the Foundation's layout: features.csv (with min_flex 0 and
    max_flex k), people.csv (the bundle's pseudonyms, feature values and pseudonymous
    household labels as the address column) and settings.toml. Nothing in them is not
    already in the bundle."""
    columns: list[str] = bundle["pool"]["columns"]
    rows: list[list[str]] = bundle["pool"]["rows"]
    k = int(bundle["k"])
    household = "household" in columns
    features = _csv(
        ["feature", "value", "min", "max", "min_flex", "max_flex"],
        [[q["feature"], q["value"], q["min"], q["max"], 0, k] for q in bundle["quotas"]],
    )
    people = _csv(columns, rows)
    address = '["household"]' if household else "[]"
    algorithm = bundle["algorithm"]
    theirs = algorithm if algorithm in FOUNDATION_ALGORITHMS else "leximin"
    note = [] if theirs == algorithm else [f"# Drawn with {algorithm}, which these tools lack."]
    settings = "\n".join(
        [
            "# Written by Wijkraad: a prepared draw in the Sortition Foundation's layout.",
            f"# The number to select (k): {k}",
            *note,
            'id_column = "id"',
            f"check_same_address = {'true' if household else 'false'}",
            f"check_same_address_columns = {address}",
            "columns_to_keep = []",
            f'selection_algorithm = "{theirs}"',
            "",
        ]
    )
    return {
        "features.csv": features,
        "people.csv": people,
        "settings.toml": settings.encode("utf-8"),
    }


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    return spreadsheet_csv(pd.DataFrame([[str(v) for v in row] for row in rows], columns=header))


def foundation_zip(bundle: dict[str, Any]) -> bytes:
    """The three files of `foundation_files` in one ZIP (the same bytes for the same
    bundle: no clock in it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in foundation_files(bundle).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()

"""Dates in a register extract: 2001-03-31 or 31-03-2001, with - / or ., with or without
leading zeros; anything else, and days that do not exist, are no date."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from dashboard.files import register_extract as rx

CASES = {
    "2001-03-31": date(2001, 3, 31),
    "31-03-2001": date(2001, 3, 31),
    "2001/3/31": date(2001, 3, 31),
    "1.1.2001": date(2001, 1, 1),
    "2000-02-29": date(2000, 2, 29),
    "29-2-2000": date(2000, 2, 29),
    "0999-01-01": date(999, 1, 1),
    "2001-02-31": None,  # Arrow alone would read 3 March
    "31-02-2001": None,
    "2001-02-29": None,
    "2001-13-01": None,
    "2001-03-31 ": None,
    "20010331": None,
    "03-31-2001": None,
    "": None,
    "morgen": None,
}


@pytest.mark.parametrize("iso_only", [False, True])
def test_dates_in_either_order_and_no_day_that_does_not_exist(iso_only: bool) -> None:
    """Also when every cell is written 2001-03-31 (read without padding)."""
    cases = {t: d for t, d in CASES.items() if not iso_only or (len(t) == 10 and t[4] == "-")}
    found = rx._dates(pa.array(list(cases), pa.string())).to_pylist()
    assert dict(zip(cases, found, strict=True)) == cases

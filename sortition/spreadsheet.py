"""The CSV files the sortition tools write (invitations, strata, the Sortition Foundation's
layout): organisers open them in a spreadsheet, so a value that would start a formula is
written as text (`spreadsheet_safe`), and lines end in CRLF (a lone CR in a value gets
quoted)."""

from __future__ import annotations

import pandas as pd

from sortition.text import spreadsheet_safe


def spreadsheet_csv(frame: pd.DataFrame) -> bytes:
    safe = frame.rename(columns=lambda name: spreadsheet_safe(str(name))).map(spreadsheet_safe)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")

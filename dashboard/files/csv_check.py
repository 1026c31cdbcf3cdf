"""What an imported CSV file's values may be, and what the organiser is told when its lines
were not read one row each (issue 15). The limits of every import are here, in one place.

No value in these files may hold a line break: not in the register extract, not in the
registrations, and not in the finance export, whose descriptions are one line in the
finance system too (a description typed in the app may have more). A quoted value that
runs over a line end is nearly always a stray quote that swallowed the rows after it, so
it is refused with the lines it took, never read as one value. Values longer than their
field's limit are refused with their line, never cut short.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.errors import UserError
from sortition import csv_records

NAME = 200  # names, streets, places
CODE = 40  # codes and short answers
SHOWN = 50  # characters of a value quoted back in a message

REGISTER: dict[str, int] = {  # register_extract.FIELDS' keys
    "resident_id": CODE, "household_id": CODE, "birth_date": CODE, "gender": CODE,
    "neighbourhood": CODE, "part": CODE, "street": NAME, "house_number": CODE,
    "postcode": CODE, "city": NAME, "first_name": NAME, "last_name": NAME,
    "education": CODE, "tenure": CODE, "origin": CODE, "registered_since": CODE,
}  # fmt: skip
REGISTRATIONS: dict[str, int] = {  # answers.CSV_COLUMNS' keys
    "code": CODE, "outcome": CODE, "age_band": CODE, "gender": CODE, "education": CODE,
    "tenure": CODE, "part_code": NAME, "origin": CODE,
}  # fmt: skip
SPENDING: dict[str, int] = {  # spending_csv.COLUMNS' keys
    "reference": 80, "date": CODE, "amount": 100, "description": 500, "project": 80,
}  # fmt: skip
MOST_LISTED = 50  # problems named in one message; the rest are counted


def span_message(span: csv_records.Span) -> str:
    """Lines read as one row, in Dutch, naming both lines."""
    if span.closed:
        return (
            f"Regel {span.first} tot en met {span.last} worden samen als één rij gelezen: een "
            f'aanhalingsteken (") op regel {span.first} wordt pas op regel {span.last} '
            "gesloten. Haal het losse aanhalingsteken weg; een waarde mag geen regeleinde "
            "bevatten."
        )
    if span.first == span.last:
        return (
            f"Regel {span.first} kan niet worden gelezen: een waarde is veel te lang, of een "
            'aanhalingsteken (") wordt niet gesloten.'
        )
    return (
        f'Een aanhalingsteken (") op regel {span.first} wordt nergens gesloten: regel '
        f"{span.first} tot en met {span.last} zouden samen één waarde worden. Haal het "
        "losse aanhalingsteken weg."
    )


def unreadable_span(exc: csv_records.UnreadableRecord) -> csv_records.Span:
    return csv_records.Span(exc.first_line, exc.last_line, closed=False)


def longer_than(limit: int) -> str:
    return f"langer dan {limit} tekens"


def cell_problem(value: str, label: str, limit: int) -> str | None:
    """What is wrong with one value of a file read row by row, or None."""
    if "\n" in value or "\r" in value:
        return f"{label} bevat een regeleinde"
    if len(value) > limit:
        return f"{label} is {longer_than(limit)}"
    return None


def shown(value: str) -> str:
    """A value quoted back in a message, at most SHOWN characters."""
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"


def listing(messages: Iterable[str]) -> str:
    """Problems in one text, each a sentence with its line; past MOST_LISTED counted."""
    every = list(messages)
    text = " ".join(m if m.endswith((".", "?", "!")) else m + "." for m in every[:MOST_LISTED])
    more = len(every) - MOST_LISTED
    return text + (f" En nog {more} problemen." if more > 0 else "")


def require_every_line(data: bytes, records: int, delimiter: str) -> None:
    """Refuse a file whose parser read fewer records (the header counted) than it has
    lines with something on them, naming the lines that went into one record."""
    lines = csv_records.count_lines(data)
    if lines == records:
        return
    found = csv_records.spans(data.decode("utf-8", errors="replace"), delimiter)
    if not found:
        raise UserError(
            f"Het bestand heeft {lines:,} regels, maar er zijn er {records:,} als rij gelezen. "
            "Er is niets ingelezen; exporteer het bestand opnieuw als CSV.".replace(",", ".")
        )
    raise UserError(
        "Het bestand is niet ingelezen, want niet elke regel is als een eigen rij gelezen. "
        + listing(span_message(s) for s in found)
    )


def uneven_lines(data: bytes, delimiter: str, width: int) -> list[str]:
    """The lines whose number of values differs from the header's `width`, each named: for
    a file its parser refused (a Python walk, on that path only)."""
    found = []
    try:
        for record in csv_records.records(data.decode("utf-8", errors="replace"), delimiter):
            if record.cells and len(record.cells) != width and record.first_line > 1:
                found.append(
                    f"Regel {record.first_line} heeft {len(record.cells)} kolommen in plaats "
                    f"van {width}"
                )
    except csv_records.UnreadableRecord as exc:
        found.append(span_message(unreadable_span(exc)))
    return found


def line_break_mask(values: pa.Array) -> np.ndarray:
    """Which values hold a line break; the data buffer is searched first (a million values
    in milliseconds), row by row only when it has one."""
    mask = np.zeros(len(values), dtype=bool)
    data = values.buffers()[2] if len(values) else None
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    if not ((raw == 10) | (raw == 13)).any():
        return mask
    found = pc.or_(pc.match_substring(values, "\n"), pc.match_substring(values, "\r"))
    return np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False), dtype=bool)


def too_long_mask(values: pa.Array, limit: int) -> np.ndarray:
    longer = pc.greater(pc.utf8_length(values), limit)
    return np.asarray(pc.fill_null(longer, False).to_numpy(zero_copy_only=False), dtype=bool)

"""Reading the municipality's finance export (CSV) of payments. Pure: bytes in, rows or
row-numbered problems out.

Expected columns (Dutch or English names, any order, any case):
kenmerk/reference, datum/date, bedrag/amount, omschrijving/description, project;
separated by ';', ',' or a tab; UTF-8, UTF-16 (with a BOM) or Windows-1252.
`project` is the project's stable reference (WR-2026-00012). Amounts are written without
thousands separators, with a point or a comma before the cents (1234.56 or 1234,56).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from dashboard.files import csv_check
from sortition import csv_records

MAX_BYTES = 5_000_000
MAX_ROWS = 50_000
COLUMNS = {
    "reference": ("kenmerk", "reference", "referentie", "factuurnummer"),
    "date": ("datum", "date", "boekdatum"),
    "amount": ("bedrag", "amount"),
    "description": ("omschrijving", "description"),
    "project": ("project", "projectkenmerk", "allocation", "toekenning"),
}
# Digits 0-9 only (\d would take ١٢٣ for 123); at most 16 before the cents: DECIMAL(18,2).
_AMOUNT = re.compile(r"^[0-9]{1,16}([.,][0-9]{1,2})?$")
BOOKING_YEARS_BACK = 10  # a payment booked longer ago than this is a wrong date


@dataclass(frozen=True)
class PaymentRow:
    line: int  # as a spreadsheet shows it: the header is line 1
    reference: str
    booked_on: date
    amount: Decimal
    description: str
    project_ref: str


@dataclass(frozen=True)
class Problem:
    line: int  # 0: the file as a whole, or a message that names its lines itself
    message: str

    def __str__(self) -> str:
        return self.message if self.line == 0 else f"Regel {self.line}: {self.message}"


@dataclass(frozen=True)
class ParsedFile:
    rows: list[PaymentRow]
    problems: list[Problem]


def parse(data: bytes, today: date) -> ParsedFile:
    try:
        text = _text(data)
        reader = csv_records.records(text, _delimiter(text))  # any line end; each record's lines
        rows, problems = _payments(reader, _header(reader), today)
    except _Refused as refused:
        return _fail(refused.message)
    if not rows and not problems:
        return _fail("Het bestand bevat geen betalingen.")
    return ParsedFile(rows, problems)


class _Refused(Exception):
    """The file as a whole is refused: one problem, no rows."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(data: bytes) -> str:
    """The file's text; _Refused when it is too large, empty or no text."""
    if len(data) > MAX_BYTES:
        raise _Refused(f"Het bestand is groter dan {MAX_BYTES // 1_000_000} MB.")
    if not data.strip():
        raise _Refused("Het bestand is leeg.")
    text = _decode(data)
    if text is None:
        raise _Refused("Het bestand is geen tekst (CSV). Exporteer het als CSV.")
    if not text.strip():
        raise _Refused("Het bestand is leeg.")
    return text


def _delimiter(text: str) -> str:
    """The separator the first line uses most; a tie: the comma."""
    return max((",", ";", "\t"), key=text.splitlines()[0].count)


def _header(reader: Iterator[csv_records.Record]) -> dict[str, int]:
    """Each column's position in the first line; _Refused when the line or a column is
    missing."""
    try:
        first = next(reader)
    except (StopIteration, csv_records.UnreadableRecord):
        raise _Refused("De eerste regel met kolomnamen ontbreekt.") from None
    if not first.whole:
        raise _Refused(csv_check.span_message(_span(first)))
    positions, missing = _columns(first.cells)
    if missing:
        raise _Refused(
            f"Kolommen ontbreken: {', '.join(missing)}. Verwacht: kenmerk, datum, bedrag, "
            "omschrijving, project."
        )
    return positions


def _payments(
    reader: Iterator[csv_records.Record], positions: dict[str, int], today: date
) -> tuple[list[PaymentRow], list[Problem]]:
    """The payments after the header and the problems with the other lines; a reference
    seen before is a problem."""
    rows: list[PaymentRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}  # reference -> the line it is first on
    try:
        for record in reader:
            found = _payment(record, positions, today)
            if isinstance(found, PaymentRow) and found.reference in seen:
                found = Problem(
                    found.line,
                    f"kenmerk '{found.reference}' staat ook op regel {seen[found.reference]}.",
                )
            if isinstance(found, PaymentRow):
                seen[found.reference] = found.line
                rows.append(found)
            elif found is not None:
                problems.append(found)
    except csv_records.UnreadableRecord as exc:  # nothing after it can be read
        problems.append(Problem(0, csv_check.span_message(csv_check.unreadable_span(exc))))
    return rows, problems


def _payment(
    record: csv_records.Record, positions: dict[str, int], today: date
) -> PaymentRow | Problem | None:
    """One record: a payment, the problem with it, or None for an empty line; _Refused
    past the last line allowed."""
    if record.first_line - 1 > MAX_ROWS:
        raise _Refused(f"Het bestand heeft meer dan {MAX_ROWS:,} regels.".replace(",", "."))
    if not record.whole:  # a stray quote: the lines up to the next one, one row
        return Problem(0, csv_check.span_message(_span(record)))
    if not any(cell.strip() for cell in record.cells):
        return None
    return _row(record.first_line, record.cells, positions, today)


def _span(record: csv_records.Record) -> csv_records.Span:
    return csv_records.Span(record.first_line, record.last_line, record.closed)


def _fail(message: str) -> ParsedFile:
    return ParsedFile([], [Problem(0, message)])


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"), else
    Windows-1252; None for bytes that are no text."""
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if b"\x00" in data and not utf16:
        return None
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else unicodedata.normalize("NFC", text)
    return None


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    names = [unicodedata.normalize("NFC", h).strip().lower() for h in header]
    positions, missing = {}, []
    for key, aliases in COLUMNS.items():
        found = next((i for i, name in enumerate(names) if name in aliases), None)
        if found is None:
            missing.append(aliases[0])
        else:
            positions[key] = found
    return positions, missing


def _row(
    line: int, record: list[str], positions: dict[str, int], today: date
) -> PaymentRow | Problem:
    if len(record) <= max(positions.values()):
        return Problem(line, "te weinig kolommen.")
    cell = {key: record[index].strip() for key, index in positions.items()}
    problem = _cells_problem(cell)
    if problem:
        return Problem(line, problem)
    day = _booking_day(cell["date"], today)
    if isinstance(day, str):
        return Problem(line, day)
    money = _money(cell["amount"])
    if isinstance(money, str):
        return Problem(line, money)
    description = cell["description"] or "Betaling"
    return PaymentRow(line, cell["reference"], day, money, description, cell["project"])


def _cells_problem(cell: dict[str, str]) -> str | None:
    """A cell that is too long (refused, never cut short), or a reference or project
    missing."""
    for key, value in cell.items():
        problem = csv_check.cell_problem(value, COLUMNS[key][0], csv_check.SPENDING[key])
        if problem:
            return problem + "."
    if not cell["reference"]:
        return "het kenmerk ontbreekt."
    if not cell["project"]:
        return "het project ontbreekt."
    return None


def _booking_day(text: str, today: date) -> date | str:
    """The date a payment was booked, or what is wrong with it."""
    day = _date(text)
    if day is None:
        return f"'{text}' is geen datum (schrijf 2026-03-31 of 31-03-2026)."
    if day > today:
        return f"de datum {day:%d-%m-%Y} ligt in de toekomst."
    if day.year < today.year - BOOKING_YEARS_BACK:
        return (
            f"de datum {day.day:02d}-{day.month:02d}-{day.year:04d} ligt meer dan "
            f"{BOOKING_YEARS_BACK} jaar terug; "
            "controleer de datum."
        )
    return day


def _money(text: str) -> Decimal | str:
    """The amount of a payment in cents, or what is wrong with it."""
    amount = text.replace("€", "").strip()
    if amount.startswith("-"):
        return (
            "negatieve bedragen worden niet geïmporteerd; boek een correctie "
            "als tegenboeking in Wijkraad."
        )
    if not _AMOUNT.match(amount):
        return _amount_problem(text, amount)
    money = Decimal(amount.replace(",", "."))
    if money <= 0:
        return "het bedrag moet groter zijn dan 0."
    return money.quantize(Decimal("0.01"))


def _amount_problem(text: str, amount: str) -> str:
    """Why `amount` (the cell's `text` without the euro sign) is no amount."""
    if re.fullmatch(r"[0-9]{17,}([.,][0-9]{1,2})?", amount):
        return f"'{text}' is te groot voor een bedrag."
    if re.match(r"^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$", amount):
        return f"'{text}' heeft een scheidingsteken voor duizendtallen; schrijf 1234,56 of 1234.56."
    return f"'{text}' is geen bedrag."


def _date(text: str) -> date | None:
    if not re.fullmatch(r"[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}", text):  # strptime takes ١٢
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None

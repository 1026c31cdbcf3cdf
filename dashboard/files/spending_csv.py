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
    if len(data) > MAX_BYTES:
        return _fail(f"Het bestand is groter dan {MAX_BYTES // 1_000_000} MB.")
    if not data.strip():
        return _fail("Het bestand is leeg.")
    text = _decode(data)
    if text is None:
        return _fail("Het bestand is geen tekst (CSV). Exporteer het als CSV.")
    if not text.strip():
        return _fail("Het bestand is leeg.")
    lines = text.splitlines()
    delimiter = max((",", ";", "\t"), key=lines[0].count)  # a tie: the comma
    reader = csv_records.records(text, delimiter)  # any line end; each record's lines
    try:
        first = next(reader)
    except (StopIteration, csv_records.UnreadableRecord):
        return _fail("De eerste regel met kolomnamen ontbreekt.")
    if not first.whole:
        return _fail(csv_check.span_message(_span(first)))
    header = first.cells
    positions, missing = _columns(header)
    if missing:
        return _fail(
            f"Kolommen ontbreken: {', '.join(missing)}. Verwacht: kenmerk, datum, bedrag, "
            "omschrijving, project."
        )
    rows, problems = [], []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line = record.first_line
            if line - 1 > MAX_ROWS:
                return _fail(f"Het bestand heeft meer dan {MAX_ROWS:,} regels.".replace(",", "."))
            if not record.whole:  # a stray quote: the lines up to the next one, one row
                problems.append(Problem(0, csv_check.span_message(_span(record))))
                continue
            if not any(cell.strip() for cell in record.cells):
                continue
            parsed = _row(line, record.cells, positions, today)
            if isinstance(parsed, Problem):
                problems.append(parsed)
                continue
            if parsed.reference in seen:
                problems.append(
                    Problem(
                        line,
                        f"kenmerk '{parsed.reference}' staat ook op regel "
                        f"{seen[parsed.reference]}.",
                    )
                )
                continue
            seen[parsed.reference] = line
            rows.append(parsed)
    except csv_records.UnreadableRecord as exc:  # nothing after it can be read
        problems.append(Problem(0, csv_check.span_message(csv_check.unreadable_span(exc))))
    if not rows and not problems:
        return _fail("Het bestand bevat geen betalingen.")
    return ParsedFile(rows, problems)


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
    for key, value in cell.items():  # too long: refused, never cut short
        problem = csv_check.cell_problem(value, COLUMNS[key][0], csv_check.SPENDING[key])
        if problem:
            return Problem(line, problem + ".")
    if not cell["reference"]:
        return Problem(line, "het kenmerk ontbreekt.")
    if not cell["project"]:
        return Problem(line, "het project ontbreekt.")
    day = _date(cell["date"])
    if day is None:
        return Problem(line, f"'{cell['date']}' is geen datum (schrijf 2026-03-31 of 31-03-2026).")
    if day > today:
        return Problem(line, f"de datum {day:%d-%m-%Y} ligt in de toekomst.")
    if day.year < today.year - BOOKING_YEARS_BACK:
        return Problem(
            line,
            f"de datum {day:%d-%m-%Y} ligt meer dan {BOOKING_YEARS_BACK} jaar terug; "
            "controleer de datum.",
        )
    amount = cell["amount"].replace("€", "").strip()
    if amount.startswith("-"):
        return Problem(
            line,
            "negatieve bedragen worden niet geïmporteerd; boek een correctie "
            "als tegenboeking in Wijkraad.",
        )
    if not _AMOUNT.match(amount):
        if re.fullmatch(r"[0-9]{17,}([.,][0-9]{1,2})?", amount):
            return Problem(line, f"'{cell['amount']}' is te groot voor een bedrag.")
        if re.match(r"^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$", amount):
            return Problem(
                line,
                f"'{cell['amount']}' heeft een scheidingsteken voor duizendtallen; "
                "schrijf 1234,56 of 1234.56.",
            )
        return Problem(line, f"'{cell['amount']}' is geen bedrag.")
    money = Decimal(amount.replace(",", "."))
    if money <= 0:
        return Problem(line, "het bedrag moet groter zijn dan 0.")
    description = cell["description"] or "Betaling"
    return PaymentRow(
        line,
        cell["reference"],
        day,
        money.quantize(Decimal("0.01")),
        description,
        cell["project"],
    )


def _date(text: str) -> date | None:
    if not re.fullmatch(r"[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}", text):  # strptime takes ١٢
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None

"""Reading an extract of the population register (BRP) for a draw. Pure: bytes in, a
table of checked rows and a report of row-numbered problems out. Nothing is stored here.

A million rows are read and checked in a few seconds: pyarrow parses the file and every
check is an Arrow compute kernel or a numpy operation on a whole column, never a Python
loop over rows.

Columns (any order, any case; the organiser maps them when the names differ):
persoonsnummer and huishoudnummer (pseudonymous whole numbers, never a BSN),
geboortedatum (2001-03-31 or 31-03-2001), geslacht (vrouw/man/anders, or V/M/X/O),
wijkcode, buurtcode, straat, huisnummer, postcode, woonplaats; optional: voornaam,
achternaam, opleiding, woonsituatie, herkomst, ingeschreven sinds.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import logging
import re
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.errors import UserError
from dashboard.files import csv_check
from sortition import xlsx_limits

MAX_ROWS = 1_100_000
# An XLSX extract of 1,000,000 rows as Excel saves it unpacks to about 590 MB of sheet
# (bench/register_import.py); MAX_ROWS rows to about 650 MB. What is over these is refused
# before it is loaded (issue 15: a 380 KB file of 6,000,000 rows took 2 GB).
XLSX_LIMITS = xlsx_limits.Limits(sheet_bytes=1_000_000_000, total_bytes=1_200_000_000)
NOT_IN_FILE = ""  # the mapping of an optional field the file does not have


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    aliases: tuple[str, ...]
    required: bool = True


FIELDS: tuple[Field, ...] = (
    Field("resident_id", "persoonsnummer", ("persoonsnummer", "persoon", "persoon_id", "id",
                                            "person_id", "resident_id")),
    Field("household_id", "huishoudnummer", ("huishoudnummer", "huishouden", "household",
                                             "household_id", "adresnummer")),
    Field("birth_date", "geboortedatum", ("geboortedatum", "geb_datum", "birth_date",
                                          "date_of_birth")),
    Field("gender", "geslacht", ("geslacht", "gender", "sexe")),
    Field("neighbourhood", "wijkcode", ("wijkcode", "wijk", "neighbourhood",
                                        "neighbourhood_code")),
    Field("part", "buurtcode", ("buurtcode", "buurt", "part", "part_code")),
    Field("street", "straat", ("straat", "straatnaam", "street")),
    Field("house_number", "huisnummer", ("huisnummer", "house_number", "nummer")),
    Field("postcode", "postcode", ("postcode", "postal_code", "zip")),
    Field("city", "woonplaats", ("woonplaats", "plaats", "city")),
    Field("first_name", "voornaam", ("voornaam", "voornamen", "roepnaam", "first_name"), False),
    Field("last_name", "achternaam", ("achternaam", "geslachtsnaam", "last_name"), False),
    Field("education", "opleiding", ("opleiding", "opleidingsniveau", "education"), False),
    Field("tenure", "woonsituatie", ("woonsituatie", "eigendom", "tenure"), False),
    Field("origin", "herkomst", ("herkomst", "origin"), False),
    Field("registered_since", "ingeschreven sinds", ("ingeschreven sinds", "ingeschreven_sinds",
                                                     "inschrijfdatum", "registered_since"), False),
)  # fmt: skip
FIELD_BY_KEY = {f.key: f for f in FIELDS}

GENDERS = {
    "vrouw": "vrouw", "v": "vrouw", "f": "vrouw", "female": "vrouw",
    "man": "man", "m": "man", "male": "man",
    "anders": "anders", "x": "anders", "o": "anders", "onbekend": "anders",
}  # fmt: skip
CATEGORIES = {
    "education": ("laag", "middelbaar", "hoog", "onbekend"),
    "tenure": ("koop", "sociale huur", "particuliere huur", "onbekend"),
    "origin": ("Nederland", "Europa", "buiten Europa", "onbekend"),
}
_POSTCODE = r"^[1-9][0-9]{3} ?[A-Za-z]{2}$"
_WHOLE = r"^[0-9]{1,15}$"


@dataclass(frozen=True)
class Upload:
    """A file as read, before any check: every cell a string."""

    file_name: str
    sha256: str
    table: pa.Table

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)

    @property
    def rows(self) -> int:
        return self.table.num_rows

    def preview(self, rows: int = 5) -> pd.DataFrame:
        return self.table.slice(0, rows).to_pandas()


@dataclass(frozen=True)
class Problem:
    reason: str
    field: str
    lines: tuple[int, ...]  # as a spreadsheet shows them: the header is line 1

    @property
    def count(self) -> int:
        return len(self.lines)

    def lines_text(self, limit: int = 8) -> str:
        shown = ", ".join(str(n) for n in self.lines[:limit])
        more = self.count - limit
        return shown + (f" en nog {more}" if more > 0 else "")


@dataclass(frozen=True)
class Reference:
    """What the extract is checked against: the municipality's geography and the draw."""

    neighbourhoods: Mapping[str, int]  # code -> id
    parts: Mapping[str, tuple[int, int]]  # code -> (part id, neighbourhood id)
    draw_neighbourhoods: frozenset[int]
    today: date


@dataclass(frozen=True)
class ExtractCheck:
    file_name: str
    sha256: str
    rows_read: int
    rows_outside: int  # known neighbourhoods outside the draw: not used, not checked
    rejected_lines: int
    problems: tuple[Problem, ...]
    rows: pa.Table = field(repr=False)  # the rows to store (store/register_import.py)

    @property
    def rows_used(self) -> int:
        return int(self.rows.num_rows)

    def problem_table(self) -> pd.DataFrame:
        """Every problem with its line: the full report as a table (for a download)."""
        records = [(line, p.field, p.reason) for p in self.problems for line in p.lines]
        records.sort()
        return pd.DataFrame(records, columns=["regel", "kolom", "reden"])


# Reading -----------------------------------------------------------------------------------------


def read_upload(data: bytes, file_name: str) -> Upload:
    """Read a CSV (';', ',' or tab; UTF-8 or Windows-1252) or XLSX file as strings."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise UserError("Het bestand is leeg.")
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(data)
    else:
        table = _read_csv(data)
    if table.num_rows > MAX_ROWS:
        raise _too_many_rows(table.num_rows)
    if table.num_rows == 0:
        raise UserError("Het bestand heeft kolomnamen maar geen rijen.")
    return Upload(file_name, digest, table)


def _read_csv(data: bytes) -> pa.Table:
    import pyarrow.csv as pacsv

    if b"\x00" in data[:65536]:
        raise UserError("Dit is geen CSV- of XLSX-bestand. Exporteer het uittreksel als CSV.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    first_line = re.split(rb"\r\n?|\n", data, maxsplit=1)[0]  # a lone CR ends a line too
    try:
        first = first_line.decode("utf-8")
    except UnicodeDecodeError:
        first = first_line.decode("cp1252", errors="replace")
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        header = [_clean_name(h) for h in next(csv.reader([first], delimiter=delimiter))]
    except csv.Error as exc:  # an unclosed quote, or a name over the csv module's limit
        raise UserError(
            "De eerste regel met kolomnamen kan niet worden gelezen. Exporteer het uittreksel "
            "opnieuw als CSV."
        ) from exc
    _check_header(header)

    def parse(raw: bytes) -> pa.Table:
        return pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        try:
            table = parse(data)
        except pa.ArrowInvalid as exc:
            if "UTF8" not in str(exc) and "utf8" not in str(exc).lower():
                raise
            # Not UTF-8: the other encoding Dutch spreadsheets save in.
            table = parse(data.decode("cp1252", errors="replace").encode("utf-8"))
    except (pa.ArrowInvalid, ValueError) as exc:
        uneven = csv_check.uneven_lines(data, delimiter, len(header))
        if uneven:
            raise UserError(
                "Het bestand is geen geldige CSV: niet elke regel heeft evenveel kolommen. "
                + csv_check.listing(uneven)
            ) from exc
        detail = str(exc).split("\n")[0]
        raise UserError(
            f"Het bestand is geen geldige CSV ({detail}). Controleer of elke regel evenveel "
            "kolommen heeft."
        ) from exc
    # Every line a row: a stray quote must not swallow the rows after it (issue 15).
    csv_check.require_every_line(data, table.num_rows + 1, delimiter)
    return table


def _too_many_rows(rows: int) -> UserError:
    return UserError(
        f"Het bestand heeft {rows:,} rijen; er kunnen er hoogstens {MAX_ROWS:,} "
        "tegelijk worden ingelezen.".replace(",", ".")
    )


def _read_xlsx(data: bytes) -> pa.Table:
    """The first sheet as strings, each cell as `_cell_text` writes it.

    fastexcel (calamine, Rust) reads the sheet straight into typed Arrow columns, without a
    Python object per cell: a million rows of 16 columns in about 7 s, where the cell-by-cell
    reader needs twice that and openpyxl minutes. A column of one kind of cell (text,
    numbers, dates, booleans) is turned into text on the whole column; the cells it leaves
    empty (empty cells, errors, text such as 'NA' among numbers) are read again as text.
    A column that mixes kinds (house numbers such as 21 and 21a) comes as text written
    fastexcel's way, the same as `_cell_text`'s for text and whole numbers. Where that is
    not certain, the sheet is read cell by cell (`_read_xlsx_cells`, which also gives the
    messages for broken files):
    - a mixed column with a value another kind of cell may have been written as (a
      fraction, a date, true/false, an error);
    - a boolean among numbers (fastexcel counts it as 1 or 0): the sheet's XML is searched
      for boolean cells meanwhile, on the other core, and if there are any the columns of
      numbers are read again strictly, one kind of cell each;
    - times of day, durations, parts of a second, dates before March 1900, an odd header
      row, or a file fastexcel refuses.
    fastexcel's newer calamine reads some damaged files the older one refuses (a broken
    styles or workbook part, a stray tag in a cell); their rows are checked all the same."""
    import fastexcel

    _check_xlsx_limits(data)
    # Not a warning per empty column ('falling back to string') in the server's log.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    # Row 1 holds the names (skip_rows=0 keeps empty rows above the data), from column A on.
    stop = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        booleans = pool.submit(_has_boolean_cells, data, stop)
        try:
            reader = fastexcel.read_excel(data)
            batch = reader.load_sheet(
                0, header_row=0, skip_rows=0, eager=True, use_columns="A:",
                schema_sample_rows=None, dtype_coercion="coerce",
            )  # fmt: skip
        except Exception:  # durations among other cells, or a file fastexcel cannot read
            stop.set()
            return _read_xlsx_cells(data)
        with_booleans = booleans.result()
    if batch.num_rows > MAX_ROWS:
        raise _too_many_rows(batch.num_rows)
    numbers = [i for i, c in enumerate(batch.columns) if pa.types.is_floating(c.type)]
    if with_booleans and numbers:  # is a boolean among the numbers? Those columns strictly
        try:
            reader.load_sheet(0, header_row=0, skip_rows=0, eager=True, use_columns=numbers,
                              schema_sample_rows=None, dtype_coercion="strict")  # fmt: skip
        except Exception:
            return _read_xlsx_cells(data)
    found = [_typed_text(column) for column in batch.columns]
    texts = [text for text in found if text is not None]
    names = batch.schema.names
    if (
        len(texts) < len(found)
        or any(_odd_name(n, names) for n in names)
        or any(_written_its_own_way(c) for c in batch.columns)
    ):
        return _read_xlsx_cells(data)
    header = [_clean_name(n) for n in names]
    _check_header(header)
    unsure = [i for i, (_, blank) in enumerate(texts) if blank is not None]
    columns = [text for text, _ in texts]
    if unsure:  # cells the typed read left empty: empty, an error, or text like 'NA'
        again = reader.load_sheet(
            0, header_row=0, skip_rows=0, eager=True, use_columns=unsure, dtypes="string"
        )
        for i, text in zip(unsure, again.columns, strict=True):
            blank = pa.array(texts[i][1])
            columns[i] = pc.if_else(blank, pc.fill_null(text, ""), columns[i])
    return pa.table(dict(zip(header, columns, strict=True)))


def _check_xlsx_limits(data: bytes) -> None:
    """Refuse a workbook over the limits before anything is loaded (sortition/xlsx_limits)."""
    try:
        xlsx_limits.check_xlsx(data, XLSX_LIMITS)
    except xlsx_limits.SpreadsheetLimitError as exc:
        limit = f"{exc.limit:,}".replace(",", ".")
        rows = f"{MAX_ROWS:,}".replace(",", ".")
        messages = {
            "too_large": f"Het Excel-bestand is uitgepakt groter dan {exc.limit // 1_000_000} "
            f"MB. Zo groot is een uittreksel van {rows} rijen niet; controleer het bestand of "
            "exporteer het als CSV.",
            "too_many_rows": f"Het Excel-bestand heeft rijen voorbij rij {limit}; er kunnen "
            f"hoogstens {rows} rijen tegelijk worden ingelezen.",
            "too_many_columns": "Het Excel-bestand heeft cellen voorbij kolom "
            f"{xlsx_limits.MAX_COLUMN_LETTER}: meer dan {limit} kolommen. Laat de kolommen "
            "weg die niet voor de loting nodig zijn.",
            "unplaced_cell": "Het Excel-bestand heeft cellen zonder celverwijzing. Sla het "
            "opnieuw op in Excel of LibreOffice, of als CSV.",
        }
        message = messages.get(
            exc.reason,
            "Het bestand kan niet als Excel-bestand (XLSX) worden gelezen. Sla het op als "
            "XLSX of CSV.",
        )
        raise UserError(message) from exc


# In a text column, what a cell of another kind may have been written as by fastexcel, unlike
# `_cell_text`: true/false, a date with its time, an error, a fraction or a long number.
_OTHER_KIND = re.compile(
    r"^(true|false)$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}|^#"
    r"|^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$|^-?\d{16,}$"
)


def _written_its_own_way(column: pa.Array) -> bool:
    """A text column with a value another kind of cell may have been written as."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return False
    return bool(pc.any(pc.match_substring_regex(column, _OTHER_KIND.pattern)).as_py())


def _has_boolean_cells(data: bytes, stop: threading.Event) -> bool:
    """Whether a sheet of the workbook has a boolean cell (t="b"); True when unsure. The
    decompression runs outside the interpreter lock, beside fastexcel's read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            for name in book.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with book.open(name) as sheet:
                    tail = b""
                    while (chunk := sheet.read(1 << 22)) and not stop.is_set():
                        block = tail + chunk
                        if b't="b"' in block or b"t='b'" in block:
                            return True
                        tail = block[-8:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return True
    return False


# Before 1 March 1900 Excel's day numbers are odd (its 29 February 1900; below 1, a time of day).
_EXCEL_DAY_ONE = int(np.datetime64("1900-03-01", "ms").astype(np.int64))


def _odd_name(name: str, names: list[str]) -> bool:
    """A header cell fastexcel did not read as its text: empty or not text (a generated
    name), a number (written its own way), or a name it renamed because it was there twice."""
    if re.fullmatch(r"__UNNAMED__\d+|-?[0-9.]+", name):
        return True
    base = re.fullmatch(r"(.*)_\d+", name, re.S)
    return base is not None and base.group(1) in names


def _typed_text(values: pa.Array) -> tuple[pa.Array, np.ndarray | None] | None:
    """One column of one kind of cell as `_cell_text` writes it, and where a cell was left
    empty (None when none was); None when the column cannot be turned into text here."""
    kind = values.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.fill_null(values, "").cast(pa.string()), None
    if pa.types.is_null(kind):
        return pa.array([""] * len(values), pa.string()), None
    blank = ~_mask(pc.is_valid(values))
    if pa.types.is_floating(kind):
        numbers = values.to_numpy(zero_copy_only=False)
        blank |= np.isnan(numbers)  # the text 'NaN' reads as a number
        whole = ~blank & (np.floor(numbers) == numbers) & (np.abs(numbers) < 2.0**63)
        text = pc.cast(pa.array(np.where(whole, numbers, 0).astype(np.int64)), pa.string())
        other = ~whole & ~blank  # fractions (and whole numbers past 2**63), as Python writes them
        if other.any():
            written = pa.array([_cell_text(float(v)) for v in numbers[other]], pa.string())
            text = pc.replace_with_mask(text, pa.array(other), written)
    elif pa.types.is_integer(kind):
        text = pc.cast(values, pa.string())
    elif pa.types.is_boolean(kind):
        text = pc.if_else(values, "WAAR", "ONWAAR")
    elif pa.types.is_timestamp(kind) and kind.tz is None:
        millis = pc.cast(values.cast(pa.timestamp("ms")), pa.int64())
        millis = pc.fill_null(millis, _EXCEL_DAY_ONE).to_numpy(zero_copy_only=False)
        if (millis < _EXCEL_DAY_ONE).any() or (millis % 1000).any():
            return None  # a time of day alone, or parts of a second: cell by cell
        text = pc.cast(pc.cast(values, pa.date32()), pa.string())
        timed = ~blank & (millis % 86_400_000 != 0)
        if timed.any():
            clock = pc.strftime(values.cast(pa.timestamp("s")), format="%Y-%m-%d %H:%M:%S")
            text = pc.if_else(pa.array(timed), clock, text)
    else:  # dates written as ISO text, durations: cell by cell
        return None
    return pc.fill_null(text, ""), (blank if blank.any() else None)


def _read_xlsx_cells(data: bytes) -> pa.Table:
    """The first sheet cell by cell through python-calamine's Python objects: slower (a
    million rows in about 15 s), for sheets the typed read above cannot take exactly."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    except (CalamineError, ValueError, OSError) as exc:
        raise UserError(
            "Het bestand kan niet als Excel-bestand (XLSX) worden gelezen. Sla het op als "
            "XLSX of CSV."
        ) from exc
    if sheet.height > MAX_ROWS + 1:
        raise _too_many_rows(sheet.height - 1)
    # Millions of small objects: the cyclic garbage collector would rescan them all again
    # and again while they are made (none of them can form a cycle).
    gc.disable()
    try:
        cells = sheet.to_python(skip_empty_area=False)
        header = [_clean_name(_cell_text(h)) for h in (cells[0] if cells else [])]
        grid = (
            np.array(cells[1:], dtype=object)
            if len(cells) > 1
            else np.empty((0, len(header)), dtype=object)
        )
    finally:
        gc.enable()
    _check_header(header)
    return pa.table({h: _text_column(grid[:, i]) for i, h in enumerate(header)})


def _text_column(cells: np.ndarray) -> pa.Array:
    try:  # a column of text cells (the usual case) converts at once
        return pa.array(cells, pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass
    # A column of numbers: whole ones (person numbers) written without '.0'. Not with
    # booleans among them: Arrow would take True for 1.0.
    if not any(type(c) is bool for c in cells):
        try:
            numbers = pa.array(cells, pa.float64())
            if pc.all(pc.equal(pc.floor(numbers), numbers)).as_py() and numbers.null_count == 0:
                return pc.cast(pc.cast(numbers, pa.int64()), pa.string())
        except (pa.ArrowTypeError, pa.ArrowInvalid, OverflowError):
            pass
    return pa.array([c if type(c) is str else _cell_text(c) for c in cells], pa.string())


def _cell_text(value: object) -> str:
    """A cell as the spreadsheet shows it: whole numbers without '.0', dates as
    2001-03-31 (a date cell is a number underneath), nothing as ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _clean_name(name: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(name)).split())


def _check_header(header: list[str]) -> None:
    if not any(header):
        raise UserError("De eerste regel met kolomnamen ontbreekt.")
    if any(not h or h.lower().startswith("unnamed:") for h in header):
        raise UserError("Een kolom heeft geen naam. Geef elke kolom in de eerste regel een naam.")
    lowered = [h.lower() for h in header]
    doubled = sorted({h for h in header if lowered.count(h.lower()) > 1})
    if doubled:
        raise UserError(f"Deze kolomnamen staan er twee keer in: {', '.join(doubled)}.")


# Mapping -----------------------------------------------------------------------------------------


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """For every field the file's column with a known name, else NOT_IN_FILE."""
    by_name = {c.strip().lower().replace("-", "_"): c for c in columns}
    by_name |= {c.strip().lower(): c for c in columns}
    return {
        f.key: next((by_name[a] for a in f.aliases if a in by_name), NOT_IN_FILE) for f in FIELDS
    }


def check_mapping(mapping: Mapping[str, str], columns: list[str]) -> None:
    missing = [f.label for f in FIELDS if f.required and not mapping.get(f.key)]
    if missing:
        raise UserError(
            "Kies voor elk verplicht gegeven een kolom. Nog geen kolom voor: "
            + ", ".join(missing)
            + "."
        )
    unknown = [c for c in mapping.values() if c and c not in columns]
    if unknown:
        raise UserError(f"De kolom {unknown[0]} staat niet in het bestand.")
    chosen = [c for c in mapping.values() if c]
    doubled = sorted({c for c in chosen if chosen.count(c) > 1})
    if doubled:
        raise UserError(
            f"De kolom {doubled[0]} is voor twee gegevens gekozen; kies per gegeven een "
            "eigen kolom."
        )


# Checking ----------------------------------------------------------------------------------------


def _mask(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow column as numpy; null counts as False."""
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _lookup(values: pa.Array, table: Mapping[str, object], kind: pa.DataType) -> pa.Array:
    """`table[value]` for every value (null where unknown), by an Arrow hash lookup."""
    keys = list(table)
    index = pc.index_in(values, value_set=pa.array(keys, pa.string()))
    return pc.take(pa.array([table[k] for k in keys], kind), index)


class _Report:
    def __init__(self, lines: np.ndarray) -> None:
        self.lines = lines
        self.bad = np.zeros(len(lines), dtype=bool)
        self.problems: list[Problem] = []

    def add(self, mask: np.ndarray, key: str, reason: str) -> None:
        if mask.any():
            self.bad |= mask
            label = FIELD_BY_KEY[key].label
            self.problems.append(Problem(reason, label, tuple(self.lines[mask].tolist())))

    def add_by_value(self, mask: np.ndarray, values: pa.Array, key: str, reason: str) -> None:
        """One problem per distinct value (codes, never personal data): `reason` has {}."""
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        self.bad[positions] = True
        shown = pc.take(values, pa.array(positions)).to_pylist()
        groups: dict[str, list[int]] = {}
        for position, value in zip(positions.tolist(), shown, strict=True):
            groups.setdefault(str(value), []).append(int(self.lines[position]))
        label = FIELD_BY_KEY[key].label
        for value, lines in groups.items():
            self.problems.append(Problem(reason.format(csv_check.shown(value)), label,
                                         tuple(lines)))  # fmt: skip


def _dates(text: pa.Array) -> pa.Array:
    """2001-03-31 or 31-03-2001 (also with / or . and without leading zeros); null when
    not a real date. Arrow's strptime rolls 31-02 over to 3 March, so every parsed date
    must print back as the text it came from. Printed by a cast to text (strftime takes
    0.7 s a million dates), and only the dates not yet written 2001-03-31 are padded."""
    iso = _mask(pc.match_substring_regex(text, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
    padded = text
    if not iso.all():
        other = pc.filter(text, pa.array(~iso))
        other = pc.replace_substring_regex(other, r"[/.]", "-")
        other = pc.replace_substring_regex(other, r"^(\d)-", "0\\1-")
        other = pc.replace_substring_regex(other, r"-(\d)-", "-0\\1-")
        other = pc.replace_substring_regex(other, r"-(\d)$", "-0\\1")
        padded = pc.replace_with_mask(text, pa.array(~iso), other)
    found = []
    for layout in ("%Y-%m-%d", "%d-%m-%Y"):
        day = pc.cast(pc.strptime(padded, format=layout, unit="s", error_is_null=True), pa.date32())
        written = pc.cast(day, pa.string())  # 2001-03-31
        if layout == "%d-%m-%Y":
            part = pc.utf8_slice_codeunits
            written = pc.binary_join_element_wise(
                part(written, 8, 10), part(written, 5, 7), part(written, 0, 4), "-"
            )
        found.append(pc.if_else(pc.fill_null(pc.equal(written, padded), False), day, None))
        if found[0].null_count == 0:
            break
    return pc.coalesce(*found)


def check_extract(upload: Upload, mapping: Mapping[str, str], reference: Reference) -> ExtractCheck:
    """Check every row; rows with a problem are reported and left out of `rows`."""
    check_mapping(mapping, upload.columns)
    table = upload.table
    n = table.num_rows
    hood_ids = {code.upper(): nid for code, nid in reference.neighbourhoods.items()}
    raw_hood = pc.utf8_upper(pc.utf8_trim_whitespace(table[mapping["neighbourhood"]]))
    hood_all = _lookup(raw_hood.combine_chunks(), hood_ids, pa.int64())
    # Rows of known neighbourhoods outside the draw are not this draw's business.
    inside = pa.array(sorted(reference.draw_neighbourhoods), pa.int64())
    outside = _mask(pc.and_(pc.is_valid(hood_all), pc.invert(pc.is_in(hood_all, inside))))
    keep = pa.array(~outside)
    cell: dict[str, pa.Array] = {}
    for f in FIELDS:
        column = mapping.get(f.key, NOT_IN_FILE)
        if column:
            values = pc.utf8_trim_whitespace(table[column]).combine_chunks()
            cell[f.key] = pc.filter(values, keep)
        else:
            cell[f.key] = pa.array([""] * int((~outside).sum()), pa.string())
    hood_code = pc.filter(raw_hood.combine_chunks(), keep)
    hood = pc.filter(hood_all, keep)
    lines = np.flatnonzero(~outside) + 2
    report = _Report(lines)
    filled = {key: _mask(pc.not_equal(values, "")) for key, values in cell.items()}

    for f in FIELDS:
        if f.required:
            report.add(~filled[f.key], f.key, f"{f.label} ontbreekt")
        # A CSV's line breaks are refused on reading; an XLSX cell may still hold one.
        report.add(csv_check.line_break_mask(cell[f.key]), f.key, "bevat een regeleinde")
        limit = csv_check.REGISTER[f.key]
        report.add(csv_check.too_long_mask(cell[f.key], limit), f.key,
                   csv_check.longer_than(limit))  # fmt: skip

    def whole(key: str) -> tuple[np.ndarray, np.ndarray]:
        ok = _mask(pc.match_substring_regex(cell[key], _WHOLE))
        report.add(filled[key] & ~ok, key, "geen geheel getal")
        numbers = pc.cast(pc.if_else(pa.array(ok), cell[key], "0"), pa.int64())
        return ok, numbers.to_numpy(zero_copy_only=False)

    person_ok, person = whole("resident_id")
    _, household = whole("household_id")
    doubled = pd.Series(person).duplicated(keep="first").to_numpy() & person_ok
    if doubled.any():
        _, first_index = np.unique(person, return_index=True)
        order = np.argsort(person[first_index], kind="stable")
        positions = first_index[order][np.searchsorted(person[first_index][order], person)]
        first_line = lines[positions]
        for first in np.unique(first_line[doubled]):
            where = doubled & (first_line == first)
            report.add(where, "resident_id", f"persoonsnummer staat ook op regel {first}")

    dates = {column: _dates(cell[column]) for column in ("birth_date", "registered_since")}
    for column, days in dates.items():
        report.add(filled[column] & ~_mask(pc.is_valid(days)), column,
                   "geen datum (schrijf 2001-03-31 of 31-03-2001)")  # fmt: skip
        report.add(_mask(pc.greater(days, pa.scalar(reference.today))), column,
                   "ligt in de toekomst")  # fmt: skip
        report.add(_mask(pc.less(days, pa.scalar(date(1900, 1, 1)))), column, "ligt vóór 1900")

    gender = _lookup(pc.utf8_lower(cell["gender"]), GENDERS, pa.string())
    report.add_by_value(
        filled["gender"] & ~_mask(pc.is_valid(gender)),
        cell["gender"],
        "gender",
        "onbekend geslacht '{}' (gebruik vrouw, man of anders)",
    )
    report.add_by_value(
        filled["neighbourhood"] & ~_mask(pc.is_valid(hood)),
        hood_code,
        "neighbourhood",
        "onbekende wijkcode '{}'",
    )
    part_code = pc.utf8_upper(cell["part"])
    parts = {code.upper(): value for code, value in reference.parts.items()}
    part = _lookup(part_code, {c: pid for c, (pid, _) in parts.items()}, pa.int64())
    part_hood = _lookup(part_code, {c: nid for c, (_, nid) in parts.items()}, pa.int64())
    report.add_by_value(
        filled["part"] & ~_mask(pc.is_valid(part)), part_code, "part", "onbekende buurtcode '{}'"
    )
    report.add_by_value(
        _mask(pc.not_equal(part_hood, hood)),
        part_code,
        "part",
        "buurt '{}' ligt niet in de wijk van deze rij",
    )
    postcode_ok = _mask(pc.match_substring_regex(cell["postcode"], _POSTCODE))
    report.add(filled["postcode"] & ~postcode_ok, "postcode", "geen postcode (schrijf 1234 AB)")

    category: dict[str, pa.Array] = {}
    for key, allowed in CATEGORIES.items():
        category[key] = _lookup(pc.utf8_lower(cell[key]), {a.lower(): a for a in allowed},
                                pa.string())  # fmt: skip
        report.add_by_value(
            filled[key] & ~_mask(pc.is_valid(category[key])),
            cell[key],
            key,
            f"onbekende waarde '{{}}' (gebruik {', '.join(allowed)})",
        )

    # One household lives in one place: rows that put it in another buurt than its first row.
    part_ids = pc.fill_null(part, -1).to_numpy(zero_copy_only=False)
    placed = ~report.bad & (part_ids >= 0)
    if placed.any():
        frame = pd.DataFrame({"h": household[placed], "p": part_ids[placed]})
        first_part = frame.groupby("h")["p"].transform("first").to_numpy()
        elsewhere = np.zeros(len(lines), dtype=bool)
        elsewhere[np.flatnonzero(placed)[frame["p"].to_numpy() != first_part]] = True
        report.add(
            elsewhere,
            "household_id",
            "huishouden woont volgens een eerdere regel in een andere buurt",
        )

    good = pa.array(~report.bad)

    def kept(values: pa.Array | np.ndarray) -> pa.Array:
        return pc.filter(values if isinstance(values, pa.Array) else pa.array(values), good)

    postcode = pc.replace_substring(pc.utf8_upper(cell["postcode"]), " ", "")
    postcode = pc.binary_join_element_wise(
        pc.utf8_slice_codeunits(postcode, 0, 4), pc.utf8_slice_codeunits(postcode, 4), " "
    )
    rows = pa.table(
        {
            "resident_id": kept(person),
            "household_id": kept(household),
            "neighbourhood_id": kept(hood),
            "part_id": kept(part),
            "birth_date": kept(dates["birth_date"]),
            "gender": kept(gender),
            "education": kept(category["education"]),
            "tenure": kept(category["tenure"]),
            "origin": kept(category["origin"]),
            "registered_since": kept(dates["registered_since"]),
            "first_name": kept(cell["first_name"]),
            "last_name": kept(cell["last_name"]),
            "street": kept(cell["street"]),
            "house_number": kept(cell["house_number"]),
            "postcode": kept(postcode),
            "city": kept(cell["city"]),
        }
    )
    return ExtractCheck(
        file_name=upload.file_name,
        sha256=upload.sha256,
        rows_read=n,
        rows_outside=int(outside.sum()),
        rejected_lines=int(report.bad.sum()),
        problems=tuple(sorted(report.problems, key=lambda p: p.lines[0])),
        rows=rows,
    )

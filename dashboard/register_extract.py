"""Reading an extract of the population register (BRP) for a draw. Pure: bytes in, a
table of checked rows and a report of row-numbered problems out. Nothing is stored here.

A million rows are checked in a few seconds: the file is parsed by pyarrow and every
check works on whole columns, never row by row.

Columns (any order, any case; the organiser maps them when the names differ):
persoonsnummer and huishoudnummer (pseudonymous whole numbers, never a BSN),
geboortedatum (2001-03-31 or 31-03-2001), geslacht (vrouw/man/anders, or V/M/X/O),
wijkcode, buurtcode, straat, huisnummer, postcode, woonplaats; optional: voornaam,
achternaam, opleiding, woonsituatie, herkomst, ingeschreven sinds.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from dashboard.errors import UserError

MAX_ROWS = 1_100_000
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
    frame: pd.DataFrame

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


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
    rows: pd.DataFrame = field(repr=False)  # the rows to store, typed (see `store_columns`)

    @property
    def rows_used(self) -> int:
        return len(self.rows)

    def problem_table(self) -> pd.DataFrame:
        """Every problem with its line: the full report as a table (for a download)."""
        records = [(line, p.field, p.reason) for p in self.problems for line in p.lines]
        records.sort()
        return pd.DataFrame(records, columns=["regel", "kolom", "reden"])


# Reading -------------------------------------------------------------------------------


def read_upload(data: bytes, file_name: str) -> Upload:
    """Read a CSV (';', ',' or tab; UTF-8 or Windows-1252) or XLSX file as strings."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise UserError("Het bestand is leeg.")
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm")):
        frame = _read_xlsx(data)
    else:
        frame = _read_csv(data)
    if len(frame) > MAX_ROWS:
        raise UserError(
            f"Het bestand heeft {len(frame):,} rijen; er kunnen er hoogstens {MAX_ROWS:,} "
            "tegelijk worden ingelezen.".replace(",", ".")
        )
    if len(frame) == 0:
        raise UserError("Het bestand heeft kolomnamen maar geen rijen.")
    return Upload(file_name, digest, frame)


def _read_csv(data: bytes) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if b"\x00" in data[:65536]:
        raise UserError("Dit is geen CSV- of XLSX-bestand. Exporteer het uittreksel als CSV.")
    try:
        data.decode("utf-8")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
    except UnicodeDecodeError:
        data = data.decode("cp1252", errors="replace").encode("utf-8")
    first = data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    delimiter = max((";", ",", "\t"), key=first.count)
    header = [_clean_name(h) for h in next(csv.reader([first], delimiter=delimiter))]
    _check_header(header)
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError) as exc:
        detail = str(exc).split("\n")[0]
        raise UserError(
            f"Het bestand is geen geldige CSV ({detail}). Controleer of elke regel evenveel "
            "kolommen heeft."
        ) from exc
    return table.to_pandas()


def _read_xlsx(data: bytes) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
    except Exception as exc:
        raise UserError(
            "Het bestand kan niet als Excel-bestand (XLSX) worden gelezen. Sla het op als "
            "XLSX of CSV."
        ) from exc
    header = [_clean_name(h) for h in frame.columns]
    _check_header(header)
    frame.columns = header
    return frame.astype("str")


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


# Mapping ---------------------------------------------------------------------------------


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


# Checking --------------------------------------------------------------------------------


class _Report:
    def __init__(self, lines: np.ndarray) -> None:
        self.lines = lines
        self.bad = np.zeros(len(lines), dtype=bool)
        self.problems: list[Problem] = []

    def add(self, mask: np.ndarray | pd.Series, key: str, reason: str) -> None:
        where = np.asarray(mask, dtype=bool)
        if where.any():
            self.bad |= where
            label = FIELD_BY_KEY[key].label
            self.problems.append(Problem(reason, label, tuple(self.lines[where].tolist())))

    def add_by_value(self, mask: np.ndarray, values: pd.Series, key: str, reason: str) -> None:
        """One problem per distinct value (codes, never personal data): `reason` has {}."""
        where = np.asarray(mask, dtype=bool)
        if not where.any():
            return
        positions = pd.Series(np.flatnonzero(where))
        for value, group in positions.groupby(values.to_numpy()[where]):
            self.bad[group.to_numpy()] = True
            label = FIELD_BY_KEY[key].label
            lines = tuple(self.lines[group.to_numpy()].tolist())
            self.problems.append(Problem(reason.format(value), label, lines))


def _dates(text: pd.Series) -> pd.Series:
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    dutch = pd.to_datetime(text, format="%d-%m-%Y", errors="coerce")
    return iso.fillna(dutch)


def check_extract(upload: Upload, mapping: Mapping[str, str], reference: Reference) -> ExtractCheck:
    """Check every row; rows with a problem are reported and left out of `rows`."""
    check_mapping(mapping, upload.columns)
    raw = upload.frame
    n = len(raw)
    cell = {
        key: raw[column].str.strip() if column else pd.Series([""] * n, dtype="str")
        for key, column in ((f.key, mapping.get(f.key, NOT_IN_FILE)) for f in FIELDS)
    }
    # Rows of known neighbourhoods outside the draw are not this draw's business.
    hood_code = cell["neighbourhood"].str.upper()
    hood_id = hood_code.map(reference.neighbourhoods)
    outside = (hood_id.notna() & ~hood_id.isin(list(reference.draw_neighbourhoods))).to_numpy()
    keep = ~outside
    cell = {key: values[keep].reset_index(drop=True) for key, values in cell.items()}
    hood_code = hood_code[keep].reset_index(drop=True)
    hood_id = hood_id[keep].reset_index(drop=True)
    lines = np.flatnonzero(keep) + 2
    report = _Report(lines)

    for f in FIELDS:
        if f.required:
            report.add(cell[f.key] == "", f.key, f"{f.label} ontbreekt")
    filled = {key: (values != "").to_numpy() for key, values in cell.items()}

    person_ok = cell["resident_id"].str.fullmatch(_WHOLE).fillna(False).to_numpy()
    report.add(filled["resident_id"] & ~person_ok, "resident_id", "geen geheel getal")
    household_ok = cell["household_id"].str.fullmatch(_WHOLE).fillna(False).to_numpy()
    report.add(filled["household_id"] & ~household_ok, "household_id", "geen geheel getal")
    person = pd.to_numeric(cell["resident_id"].where(person_ok, "0")).astype("int64")
    household = pd.to_numeric(cell["household_id"].where(household_ok, "0")).astype("int64")
    doubled = (person.duplicated(keep="first") & person_ok).to_numpy()
    if doubled.any():
        first_line = pd.Series(lines).groupby(person.to_numpy()).transform("first").to_numpy()
        for first in np.unique(first_line[doubled]):
            where = doubled & (first_line == first)
            report.add(where, "resident_id", f"persoonsnummer staat ook op regel {first}")

    born = _dates(cell["birth_date"])
    report.add(
        filled["birth_date"] & born.isna().to_numpy(),
        "birth_date",
        "geen datum (schrijf 2001-03-31 of 31-03-2001)",
    )
    today = pd.Timestamp(reference.today)
    report.add((born > today).to_numpy(), "birth_date", "ligt in de toekomst")
    report.add((born < pd.Timestamp(1900, 1, 1)).to_numpy(), "birth_date", "ligt vóór 1900")
    since = _dates(cell["registered_since"])
    report.add(
        filled["registered_since"] & since.isna().to_numpy(),
        "registered_since",
        "geen datum (schrijf 2001-03-31 of 31-03-2001)",
    )

    gender = cell["gender"].str.lower().map(GENDERS)
    report.add_by_value(
        filled["gender"] & gender.isna().to_numpy(),
        cell["gender"],
        "gender",
        "onbekend geslacht '{}' (gebruik vrouw, man of anders)",
    )
    report.add_by_value(
        filled["neighbourhood"] & hood_id.isna().to_numpy(),
        hood_code,
        "neighbourhood",
        "onbekende wijkcode '{}'",
    )
    part_code = cell["part"].str.upper()
    part = part_code.map({code: pid for code, (pid, _) in reference.parts.items()})
    part_hood = part_code.map({code: nid for code, (_, nid) in reference.parts.items()})
    report.add_by_value(
        filled["part"] & part.isna().to_numpy(), part_code, "part", "onbekende buurtcode '{}'"
    )
    report.add_by_value(
        (part.notna() & hood_id.notna() & (part_hood != hood_id)).to_numpy(),
        part_code,
        "part",
        "buurt '{}' ligt niet in de wijk van deze rij",
    )
    postcode_ok = cell["postcode"].str.fullmatch(_POSTCODE).fillna(False).to_numpy()
    report.add(filled["postcode"] & ~postcode_ok, "postcode", "geen postcode (schrijf 1234 AB)")

    category: dict[str, pd.Series] = {}
    for key, allowed in CATEGORIES.items():
        lookup = {a.lower(): a for a in allowed}
        category[key] = cell[key].str.lower().map(lookup)
        report.add_by_value(
            filled[key] & category[key].isna().to_numpy(),
            cell[key],
            key,
            f"onbekende waarde '{{}}' (gebruik {', '.join(allowed)})",
        )

    # One household lives in one place: rows that put it in another buurt than its first row.
    placed = ~report.bad & part.notna().to_numpy()
    if placed.any():
        frame = pd.DataFrame({"h": household[placed].to_numpy(), "p": part[placed].to_numpy()})
        first_part = frame.groupby("h")["p"].transform("first").to_numpy()
        elsewhere = np.zeros(len(lines), dtype=bool)
        elsewhere[np.flatnonzero(placed)[frame["p"].to_numpy() != first_part]] = True
        report.add(
            elsewhere,
            "household_id",
            "huishouden woont volgens een eerdere regel in een andere buurt",
        )

    good = ~report.bad
    postcode = cell["postcode"][good].str.upper().str.replace(" ", "", regex=False)
    rows = pd.DataFrame(
        {
            "resident_id": person[good].to_numpy(),
            "household_id": household[good].to_numpy(),
            "neighbourhood_id": hood_id[good].astype("int64").to_numpy(),
            "part_id": part[good].astype("int64").to_numpy(),
            "birth_date": born[good].dt.date.to_numpy(),
            "gender": gender[good].to_numpy(),
            "education": category["education"][good].to_numpy(),
            "tenure": category["tenure"][good].to_numpy(),
            "origin": category["origin"][good].to_numpy(),
            "registered_since": since[good].dt.date.to_numpy(),
            "first_name": cell["first_name"][good].to_numpy(),
            "last_name": cell["last_name"][good].to_numpy(),
            "street": cell["street"][good].to_numpy(),
            "house_number": cell["house_number"][good].to_numpy(),
            "postcode": (postcode.str[:4] + " " + postcode.str[4:]).to_numpy(),
            "city": cell["city"][good].to_numpy(),
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

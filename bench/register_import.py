"""Benchmark: importing a register extract for a draw (step 2 of the draw workspace).

    uv run python -m bench.register_import [--residents 1000000]

Target (issue 6): 1,000,000 rows in under 15 s, from the uploaded file's bytes to the
rows stored: reading, checking every row, and storing (households, residents, contact
data and the draw's snapshot). Cases on the same rows of the whole demo register:
  known  - CSV; the register the database already holds (a new extract for the next
           draw: every row compared, nothing new);
  new    - CSV; a database with the same geography but almost no residents (a first
           import: nearly every row inserted);
  xlsx   - the known case saved as XLSX the way Excel writes it (text in the shared-string
           table, numbers as number cells, birth and registration dates as day numbers
           with a date style, cell references, dimension, styles; zlib level 6), read by
           the typed read (fastexcel, straight into Arrow columns);
  mixed  - the same XLSX with one house number in 1,000 written with a letter ('21a' as
           text), so that column mixes numbers and text (read as text, checked to hold
           only text and whole numbers).
With --postgresql the two CSV cases run on PostgreSQL too (issue 20: under 15 s there as
well), and the first import once more with the foreign keys checked by a trigger per row
(the baseline of checking them once over the whole extract): a throwaway server with a
real server's durability (bench/load_setups.py), each database a copy of the case's
DuckDB one, the same extract, timed the same way. And the floor of a first import's
storing on that server: the rows it writes (households, residents, contact data, the
draw's snapshot) copied straight into their tables in one transaction, as the import
has its foreign-key triggers off, with no staging, comparison or check; with the new
case's reading and checking, the least a first import can take on this machine.
Also timed: the cell-by-cell reader on the xlsx case's file (reading only). As baselines,
the straightforward way (Python's csv module, checks row by row, executemany) and
openpyxl reading the XLSX, each on a sample, extrapolated linearly, in the same process.

Latest figures (idle machine and loaded ones) are in the README's benchmark table.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from bench.load_setups import copy_into_postgres, postgres_server
from dashboard.domain.auth import SYSTEM
from dashboard.files import register_extract
from dashboard.services.draws import register as draw_register
from dashboard.services.draws import workspace as draws
from dashboard.store import bulk, geography
from dashboard.store.db import Store, open_store
from dashboard.store.postgres import copy_arrow
from data.generate import Settings, generate
from data.register_extract import write_extract
from sortition import clock

TARGET_SECONDS = 15.0
TODAY = date(2026, 11, 23)
MIXED_EVERY = 1_000  # the mixed case: one house number in a thousand with a letter ('21a')
CSV_CASES = ("known", "new")
# The baseline of the foreign keys checked once over the whole extract: the same first
# import on PostgreSQL with a trigger checking every inserted row (a role without the
# right to turn them off; store/bulk.py checked_as_a_whole).
ROW_BY_ROW = "new, row by row"


@contextmanager
def row_checks_only(on: bool) -> Iterator[None]:
    """With `on`, the store may not turn PostgreSQL's foreign-key triggers off."""
    if not on:
        yield
        return
    allowed = bulk.may_skip_row_triggers
    bulk.may_skip_row_triggers = lambda cur: False
    try:
        yield
    finally:
        bulk.may_skip_row_triggers = allowed


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = {
    "[Content_Types].xml": f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    f'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    "</Types>",
    "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet '
    'name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    f'Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" '
    f'Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
    # Style 1 is Excel's short date (number format 14), as on a cell typed as a date.
    "xl/styles.xml": f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
    'xfId="0" builtinId="0"/></cellStyles></styleSheet>',
}
NUMBER_COLUMNS = ("persoonsnummer", "huishoudnummer", "huisnummer")
DATE_COLUMNS = ("geboortedatum", "ingeschreven sinds")
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's day numbers (from 1 March 1900 on)


def _excel_day(day: date) -> int:
    serial = (day - _EXCEL_EPOCH).days
    return serial if serial >= 61 else serial - 1  # Excel counts a 29 February 1900


def write_xlsx(csv_path: Path, out: Path, letter_every: int = 0) -> None:
    """The extract as Excel saves it: text in a shared-string table (in order of first
    use), numbers as numbers, dates as day numbers with a date style, every row and cell
    with its reference (r="C2"), the sheet's dimension, empty cells left out. Written as
    XML directly (openpyxl would take minutes for a million rows). With `letter_every`,
    every so many house numbers get a letter ('21a'), so that column mixes numbers and
    text."""
    table = pacsv.read_csv(csv_path, parse_options=pacsv.ParseOptions(delimiter=";"))
    names = table.column_names
    letters = [chr(ord("A") + i) for i in range(len(names))]
    words: list[str] = list(names)
    columns: list[list[str | None]] = []
    for name in names:
        column = table.column(name).combine_chunks()
        if name in NUMBER_COLUMNS:
            numbers = column.cast(pa.string()).to_pylist()
            cells: list[str | None] = [f"><v>{v}</v></c>" for v in numbers]
            if name == "huisnummer" and letter_every:
                lettered: dict[str, int] = {}
                for i in range(0, len(numbers), letter_every):
                    text = f"{numbers[i]}a"
                    if text not in lettered:
                        lettered[text] = len(words)
                        words.append(text)
                    cells[i] = f' t="s"><v>{lettered[text]}</v></c>'
            columns.append(cells)
            continue
        if name in DATE_COLUMNS:
            days = column.cast(pa.date32()).to_pylist()
            columns.append([f' s="1"><v>{_excel_day(d)}</v></c>' for d in days])
            continue
        encoded = column.cast(pa.string()).dictionary_encode()
        cells = [
            f' t="s"><v>{len(words) + i}</v></c>' if w else None
            for i, w in enumerate(encoded.dictionary.to_pylist())
        ]
        columns.append([cells[i] for i in encoded.indices.to_pylist()])
        words += encoded.dictionary.to_pylist()
    rows_total = table.num_rows + 1
    strings = "".join(f"<si><t>{escape(w)}</t></si>" for w in words)
    used = sum(1 for column in columns for cell in column if cell and 't="s"' in cell)
    span = f"1:{len(names)}"
    header = "".join(f'<c r="{letter}1" t="s"><v>{i}</v></c>' for i, letter in enumerate(letters))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:  # zlib level 6
        for part, xml in _PARTS.items():
            book.writestr(part, _XML + xml)
        book.writestr(
            "xl/sharedStrings.xml",
            f'{_XML}<sst xmlns="{_MAIN}" count="{used + len(names)}" '
            f'uniqueCount="{len(words)}">{strings}</sst>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension '
                f'ref="A1:{letters[-1]}{rows_total}"/><sheetViews><sheetView tabSelected="1" '
                'workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                f'<sheetData><row r="1" spans="{span}">{header}</row>'.encode()
            )
            rows = []
            for n, row_cells in enumerate(zip(*columns, strict=True), start=2):
                filled = "".join(
                    f'<c r="{letter}{n}"{cell}'
                    for letter, cell in zip(letters, row_cells, strict=True)
                    if cell
                )
                rows.append(f'<row r="{n}" spans="{span}">{filled}</row>')
                if len(rows) == 20_000:
                    sheet.write("".join(rows).encode())
                    rows = []
            sheet.write(
                (
                    "".join(rows) + '</sheetData><pageMargins left="0.7" right="0.7" '
                    'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
                ).encode()
            )


def openpyxl_seconds_per_row(csv_path: Path, folder: Path, sample: int) -> float:
    """openpyxl (pandas' default engine) reading a sample of the same XLSX."""
    head = folder / "sample.csv"
    with csv_path.open("rb") as source, head.open("wb") as target:
        for _ in range(sample + 1):
            target.write(source.readline())
    small = folder / "sample.xlsx"
    write_xlsx(head, small)
    started = time.perf_counter()
    frame = pd.read_excel(small, dtype=str, keep_default_na=False, engine="openpyxl")
    return (time.perf_counter() - started) / len(frame)


def import_once(
    store: Store, data: bytes, file_name: str = "register.csv"
) -> tuple[dict[str, float], int, int]:
    """Time each part of one import into a new draw over every neighbourhood."""
    with store.read() as cur:
        hoods = [h.id for h in geography.neighbourhoods(cur)]
    name = f"Bench {time.time_ns()}"
    draw_id = draws.start_draw(
        store,
        SYSTEM,
        draws.DrawRequest(
            "two_stage",
            clock.today() + timedelta(days=30),
            new_council=draws.NewCouncil(name, hoods, 11, 0, 24),
        ),
    )
    times: dict[str, float] = {}
    started = time.perf_counter()
    upload = register_extract.read_upload(data, file_name)
    times["read"] = time.perf_counter() - started
    mark = time.perf_counter()
    mapping = register_extract.guess_mapping(upload.columns)
    check = draw_register.check_register(store, SYSTEM, draw_id, upload, mapping)
    times["check"] = time.perf_counter() - mark
    mark = time.perf_counter()
    result = draw_register.import_register(store, SYSTEM, draw_id, check, accept_rejected=True)
    times["store"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - started
    return times, check.rows_used, result.stored.residents_new


def floor_seconds(url: str, register: Path) -> float:
    """Copy what a first import of `register`'s residents writes straight into the tables
    of the empty database at `url` (the floor of the import's storing; see the top)."""
    source = duckdb.connect(str(register), read_only=True)
    tables = {
        name: source.sql(f"SELECT * FROM {name}").to_arrow_table()
        for name in ("household", "resident", "resident_contact")
    }
    tables["draw_register"] = source.sql(
        "SELECT 1 AS draw_id, id AS resident_id, household_id, neighbourhood_id, part_id, "
        "birth_date, gender, education, tenure, origin FROM resident"
    ).to_arrow_table()
    source.close()
    store = open_store(url)
    try:
        started = time.perf_counter()
        with store.transaction() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
            for table, rows in tables.items():
                copy_arrow(cur, table, rows)
        return time.perf_counter() - started
    finally:
        store.close()


def naive_seconds_per_row(data: bytes, sample: int) -> float:
    """csv.reader, a check per row in Python, executemany: what a first version would do."""
    text = data.decode("utf-8")
    lines = text.splitlines()[: sample + 1]
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE r (id BIGINT PRIMARY KEY, household BIGINT, born DATE, gender VARCHAR, "
        "hood VARCHAR, part VARCHAR, street VARCHAR, number VARCHAR, postcode VARCHAR)"
    )
    started = time.perf_counter()
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=";")
    header = next(reader)
    at = {name: i for i, name in enumerate(header)}
    rows, seen = [], set()
    for record in reader:
        person = int(record[at["persoonsnummer"]])
        if person in seen:
            continue
        seen.add(person)
        born = datetime.strptime(record[at["geboortedatum"]], "%Y-%m-%d").date()
        rows.append(
            (person, int(record[at["huishoudnummer"]]), born, record[at["geslacht"]],
             record[at["wijkcode"]], record[at["buurtcode"]], record[at["straat"]],
             record[at["huisnummer"]], record[at["postcode"]])
        )  # fmt: skip
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return (time.perf_counter() - started) / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="baseline sample size")
    parser.add_argument(
        "--postgresql", action="store_true", help="the CSV cases on PostgreSQL as well"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        big, small = Path(folder) / "big.duckdb", Path(folder) / "small.duckdb"
        extract = Path(folder) / "register.csv"
        generate(big, Settings(residents=args.residents, today=TODAY))
        generate(small, Settings(residents=2_000, today=TODAY))
        rows = write_extract(big, extract)
        data = extract.read_bytes()
        workbook = Path(folder) / "register.xlsx"
        write_xlsx(extract, workbook)
        xlsx = workbook.read_bytes()
        write_xlsx(extract, workbook, letter_every=MIXED_EVERY)
        mixed = workbook.read_bytes()
        cases: list[tuple[str, str, bytes, str]] = [
            ("known", str(big), data, "register.csv"),
            ("new", str(small), data, "register.csv"),
            ("xlsx", str(big), xlsx, "register.xlsx"),
            ("mixed", str(big), mixed, "register.xlsx"),
        ]
        if args.postgresql:
            server = postgres_server(stack)
            cases += [
                ("known on PostgreSQL", copy_into_postgres(server, big), data, "register.csv"),
                ("new on PostgreSQL", copy_into_postgres(server, small), data, "register.csv"),
                (ROW_BY_ROW, copy_into_postgres(server, small), data, "register.csv"),
            ]
        floor = floor_seconds(server.url(server.create_database()), big) if args.postgresql else 0.0
        results = {}
        for case, path, content, name in cases:
            store = open_store(path)
            try:
                with row_checks_only(case == ROW_BY_ROW):
                    results[case] = import_once(store, content, name)
            finally:
                store.close()
        started = time.perf_counter()
        register_extract._read_xlsx_cells(xlsx)
        cell_by_cell = time.perf_counter() - started
        openpyxl = openpyxl_seconds_per_row(extract, Path(folder), args.sample) * rows
    naive = naive_seconds_per_row(data, args.sample) * rows

    print(f"rows in the extract  {rows:>12,}   file {len(data) / 1e6:.0f} MB as CSV, "
          f"{len(xlsx) / 1e6:.0f} MB as XLSX")  # fmt: skip
    for case, (times, used, new) in results.items():
        parts = "  ".join(f"{k} {v:.1f} s" for k, v in times.items() if k != "total")
        print(f"{case:<19} total (s) {times['total']:>8.1f}   ({parts}; "
              f"{used:,} rows stored, {new:,} residents new)")  # fmt: skip
        print(f"{case:<19} rows/s    {used / times['total']:>8,.0f}   ratio to target "
              f"{times['total'] / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    if args.postgresql:
        first = results["new on PostgreSQL"][0]
        least = first["read"] + first["check"] + floor
        print(f"floor on PostgreSQL (s) {floor:>9.1f}   the first import's rows copied straight "
              f"into their tables; with its reading and checking {least:.1f} s, "
              f"ratio to target {least / TARGET_SECONDS:.2f}")  # fmt: skip
    worst = max(times["total"] for case, (times, _, _) in results.items() if case in CSV_CASES)
    typed = results["xlsx"][0]["read"]
    print(f"cell by cell (s)     {cell_by_cell:>12.1f}   reading the xlsx case through "
          f"python-calamine's Python objects; the typed read is {cell_by_cell / typed:.1f}x "
          "faster")  # fmt: skip
    print(f"openpyxl reading (s) {openpyxl:>12.0f}   the typed read is "
          f"{openpyxl / typed:.0f}x faster   (extrapolated from "
          f"{args.sample:,} rows, reading only)")  # fmt: skip
    print(f"naive baseline (s)   {naive:>12.0f}   speed-up vs naive  {naive / worst:.0f}x"
          f"   (extrapolated from {args.sample:,} rows, reading and inserting only)")  # fmt: skip


if __name__ == "__main__":
    main()

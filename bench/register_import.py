"""Benchmark: importing a register extract for a draw (step 2 of the draw workspace).

    uv run python -m bench.register_import [--residents 1000000]

Target (issue 6): 1,000,000 rows in under 15 s, from the uploaded file's bytes to the
rows stored: reading, checking every row, and storing (households, residents, contact
data and the draw's snapshot). Two cases on the same CSV of the whole demo register:
  known  - the register the database already holds (a new extract for the next draw:
           every row compared, nothing new);
  new    - a database with the same geography but almost no residents (a first import:
           nearly every row inserted);
  xlsx   - the known case from the same rows saved as XLSX (shared strings and number
           cells, as Excel saves them), read by calamine.
As baselines, the straightforward way (Python's csv module, checks row by row,
executemany) and openpyxl reading the XLSX, each on a sample, extrapolated linearly, in
the same process.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard import register_extract
from dashboard.auth import SYSTEM
from dashboard.services import draw_register, draws
from dashboard.store import geography
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate
from data.register_extract import write_extract

TARGET_SECONDS = 15.0
TODAY = date(2026, 11, 23)


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
    "</Types>",
    "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet '
    'name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    f'Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}
NUMBER_COLUMNS = ("persoonsnummer", "huishoudnummer", "huisnummer")


def write_xlsx(csv_path: Path, out: Path) -> None:
    """The extract as Excel saves it: text in a shared-string table, numbers as numbers.
    Written as XML directly (openpyxl would take minutes for a million rows)."""
    table = pacsv.read_csv(csv_path, parse_options=pacsv.ParseOptions(delimiter=";"))
    words: list[str] = []
    columns = []
    for name in table.column_names:
        column = table.column(name).cast(pa.string()).combine_chunks()
        if name in NUMBER_COLUMNS:
            columns.append([f"<c><v>{v}</v></c>" for v in column.to_pylist()])
            continue
        encoded = column.dictionary_encode()
        cells = [f'<c t="s"><v>{len(words) + i}</v></c>' for i in range(len(encoded.dictionary))]
        columns.append([cells[i] for i in encoded.indices.to_pylist()])
        words += encoded.dictionary.to_pylist()
    header = "".join(f'<c t="s"><v>{len(words) + i}</v></c>' for i in range(table.num_columns))
    words += table.column_names
    strings = "".join(f"<si><t>{escape(w)}</t></si>" for w in words)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for part, xml in _PARTS.items():
            book.writestr(part, _XML + xml)
        book.writestr(
            "xl/sharedStrings.xml",
            f'{_XML}<sst xmlns="{_MAIN}" count="{len(words)}" uniqueCount="{len(words)}">'
            f"{strings}</sst>",
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData><row>{header}</row>'.encode())
            rows = []
            for cells in zip(*columns, strict=True):
                rows.append("<row>" + "".join(cells) + "</row>")
                if len(rows) == 20_000:
                    sheet.write("".join(rows).encode())
                    rows = []
            sheet.write(("".join(rows) + "</sheetData></worksheet>").encode())


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
            date.today() + timedelta(days=30),
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.duckdb", Path(folder) / "small.duckdb"
        extract = Path(folder) / "register.csv"
        generate(big, Settings(residents=args.residents, today=TODAY))
        generate(small, Settings(residents=2_000, today=TODAY))
        rows = write_extract(big, extract)
        data = extract.read_bytes()
        workbook = Path(folder) / "register.xlsx"
        write_xlsx(extract, workbook)
        xlsx = workbook.read_bytes()
        results = {}
        for case, path, content, name in (
            ("known", big, data, "register.csv"),
            ("new", small, data, "register.csv"),
            ("xlsx", big, xlsx, "register.xlsx"),
        ):
            store = open_store(path)
            try:
                results[case] = import_once(store, content, name)
            finally:
                store.close()
        openpyxl = openpyxl_seconds_per_row(extract, Path(folder), args.sample) * rows
    naive = naive_seconds_per_row(data, args.sample) * rows

    print(f"rows in the extract  {rows:>12,}   file {len(data) / 1e6:.0f} MB as CSV, "
          f"{len(xlsx) / 1e6:.0f} MB as XLSX")  # fmt: skip
    for case, (times, used, new) in results.items():
        parts = "  ".join(f"{k} {v:.1f} s" for k, v in times.items() if k != "total")
        print(f"{case:<6} total (s)      {times['total']:>12.1f}   ({parts}; "
              f"{used:,} rows stored, {new:,} residents new)")  # fmt: skip
        print(f"{case:<6} rows/s         {used / times['total']:>12,.0f}   ratio to target "
              f"{times['total'] / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    worst = max(times["total"] for case, (times, _, _) in results.items() if case != "xlsx")
    print(f"openpyxl reading (s) {openpyxl:>12.0f}   calamine reads it "
          f"{openpyxl / results['xlsx'][0]['read']:.0f}x faster   (extrapolated from "
          f"{args.sample:,} rows, reading only)")  # fmt: skip
    print(f"naive baseline (s)   {naive:>12.0f}   speed-up vs naive  {naive / worst:.0f}x"
          f"   (extrapolated from {args.sample:,} rows, reading and inserting only)")  # fmt: skip


if __name__ == "__main__":
    main()

"""Benchmark: importing a register extract for a draw (step 2 of the draw workspace).

    uv run python -m bench.register_import [--residents 1000000]

Target (issue 6): 1,000,000 rows in under 15 s, from the uploaded file's bytes to the
rows stored: reading, checking every row, and storing (households, residents, contact
data and the draw's snapshot). Two cases on the same CSV of the whole demo register:
  known  - the register the database already holds (a new extract for the next draw:
           every row compared, nothing new);
  new    - a database with the same geography but almost no residents (a first import:
           nearly every row inserted).
As a baseline, the straightforward way (Python's csv module, checks row by row,
executemany) on a sample, extrapolated linearly, in the same process.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from dashboard import register_extract
from dashboard.auth import SYSTEM
from dashboard.services import draw_register, draws
from dashboard.store import geography
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate
from data.register_extract import write_extract

TARGET_SECONDS = 15.0
TODAY = date(2026, 11, 23)


def import_once(store: Store, data: bytes) -> tuple[dict[str, float], int, int]:
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
    upload = register_extract.read_upload(data, "register.csv")
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
        results = {}
        for case, path in (("known", big), ("new", small)):
            store = open_store(path)
            try:
                results[case] = import_once(store, data)
            finally:
                store.close()
    naive = naive_seconds_per_row(data, args.sample) * rows

    print(f"rows in the extract  {rows:>12,}   file {len(data) / 1e6:.0f} MB")
    for case, (times, used, new) in results.items():
        parts = "  ".join(f"{k} {v:.1f} s" for k, v in times.items() if k != "total")
        print(f"{case:<6} total (s)      {times['total']:>12.1f}   ({parts}; "
              f"{used:,} rows stored, {new:,} residents new)")  # fmt: skip
        print(f"{case:<6} rows/s         {used / times['total']:>12,.0f}   ratio to target "
              f"{times['total'] / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    worst = max(times["total"] for times, _, _ in results.values())
    print(f"naive baseline (s)   {naive:>12.0f}   speed-up vs naive  {naive / worst:.0f}x"
          f"   (extrapolated from {args.sample:,} rows, reading and inserting only)")  # fmt: skip


if __name__ == "__main__":
    main()

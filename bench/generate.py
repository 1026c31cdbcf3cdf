"""Benchmark: generating the synthetic municipality into DuckDB.

    uv run python -m bench.generate [--residents 1000000]

Target (issue 3): 1,000,000 residents in under 60 s on a 2-core machine. As a baseline,
the same register is built the naive way on a sample (Faker called per person, rows
inserted with executemany) and extrapolated linearly, in the same process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
from faker import Faker

from data.generate import Settings, generate

TARGET_SECONDS = 60.0


def naive_seconds_per_resident(sample: int) -> float:
    """Faker per person and executemany, as a straightforward first version would do."""
    faker = Faker("nl_NL")
    faker.seed_instance(1)
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE r (id BIGINT, first VARCHAR, last VARCHAR, street VARCHAR, born DATE)"
    )
    started = time.perf_counter()
    rows = [
        (i, faker.first_name(), faker.last_name(), faker.street_address(), faker.date_of_birth())
        for i in range(sample)
    ]
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", rows)
    return (time.perf_counter() - started) / sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="baseline sample size")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.duckdb"
        report = generate(out, Settings(residents=args.residents, today=date(2026, 11, 23)))
        size_mb = out.stat().st_size / 1e6
    naive = naive_seconds_per_resident(args.sample) * args.residents

    print(f"residents            {report.residents:>12,}")
    print(f"households           {report.households:>12,}")
    print(f"seconds              {report.seconds:>12.1f}")
    print(f"residents/s          {report.residents_per_second:>12,.0f}")
    print(f"database size (MB)   {size_mb:>12.0f}")
    print(f"target (s)           {TARGET_SECONDS:>12.0f}   ratio to target  "
          f"{report.seconds / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    print(f"naive baseline (s)   {naive:>12.0f}   speed-up vs naive  {naive / report.seconds:.0f}x"
          f"   (extrapolated from {args.sample:,} residents)")  # fmt: skip


if __name__ == "__main__":
    main()

"""Benchmark: the open data set (every public table of all neighbourhoods) on the demo and
on a generated city, old way and new way side by side.

    .venv/bin/python -m bench.open_data [--neighbourhoods 12 100] [--years 2 10]
                                        [--residents 20000 200000]

The set is made on the first read after every write (the pages and /open-data/ keep it per
data version), so its time is what a visitor waits after a change. New way
(`services/open_data.data_set`): each table read for all neighbourhoods in one query. Old
way, kept here only: the same reads per neighbourhood, as the set was made before (about
8 service calls and 22 queries per neighbourhood); the table layout after the reads, the
same for both, is left out of the old way's time. Both count their queries, and the bench
checks that the per-neighbourhood reads give the rows the set holds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from dashboard.services import comparison, open_data, public
from dashboard.store import budget, geography
from dashboard.store import public as records
from dashboard.store import public_timeline as timeline
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate

TODAY = date(2026, 11, 23)


class _Counting:
    """A cursor that counts the queries run on it."""

    queries = 0

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        _Counting.queries += 1
        return self._cur.execute(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)


def counting(store: Store) -> None:
    """Make every cursor of `store` count its queries."""
    plain = store.read

    @contextmanager
    def read() -> Iterator[Any]:
        with plain() as cur:
            yield _Counting(cur)

    store.read = read  # type: ignore[method-assign]


def per_neighbourhood(store: Store, today: date) -> dict[str, int]:
    """The old way's reads: each table neighbourhood by neighbourhood, as `data_set` read
    them before. Returns the rows per table it found, to check against the new way."""
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        geography.all_neighbourhood_parts(cur)
    compared = comparison.comparison(store)
    projects = {h.id: public.projects(store, h.id, today) for h in hoods}
    councils = {h.id: public.council_view(store, h.id, today) for h in hoods}
    rows = {"projecten": sum(len(v) for v in projects.values())}
    with store.read() as cur:
        rows["budgetten"] = sum(len(budget.envelopes(cur, h.id)) for h in hoods)
        decided = 0
        for hood in hoods:
            timeline.decision_lines(cur, hood.id)
            decided += len(records.published_decisions(cur, hood.id))
        rows["besluiten"] = decided
        ids = [v.project.id for views in projects.values() for v in views]
        timeline.project_places(cur, ids)
        records.milestones_of_projects(cur, ids)
        timeline.neighbourhood_payments(cur, None)
        meetings = 0
        for hood in hoods:
            records.published_minutes(cur, hood.id)
            meetings += len(timeline.public_meetings(cur, hood.id))
        rows["vergaderingen"] = meetings
    rows["wacht_op_besluit"] = sum(len(public.open_proposals(store, h.id, today)) for h in hoods)
    rows["ideeen"] = sum(len(public.ideas(store, h.id)) for h in hoods)
    rows["wijkraden"] = sum(1 for view in councils.values() if view is not None)
    rows["geld_per_jaar"] = len(compared.lines)
    return rows


def timed(work: Callable[[], object], runs: int) -> tuple[float, int]:
    """Median seconds of `runs` runs, and the queries of one run."""
    seconds = []
    for _ in range(runs):
        _Counting.queries = 0
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), _Counting.queries


def measure(store: Store, hoods: int, runs: int) -> None:
    counting(store)
    new_set = open_data.data_set(store, TODAY)  # warm: the first read opens the file
    old_rows = per_neighbourhood(store, TODAY)
    by_name = {table.name: len(table.rows) for table in new_set.tables}
    assert all(by_name[name] == n for name, n in old_rows.items()), (old_rows, by_name)
    old, old_queries = timed(lambda: per_neighbourhood(store, TODAY), runs)
    new, new_queries = timed(lambda: open_data.data_set(store, TODAY), runs)
    rows = sum(by_name.values())
    print(
        f"{hoods:>5} neighbourhoods, {rows:>7,} rows: old {old:6.2f} s ({old_queries:>5} "
        f"queries)  new {new:5.2f} s ({new_queries:>3} queries)  {old / new:5.1f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neighbourhoods", type=int, nargs="+", default=[12, 100])
    parser.add_argument("--years", type=int, nargs="+", default=[2, 10])
    parser.add_argument("--residents", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cities = zip(args.neighbourhoods, args.years, args.residents, strict=True)
        for hoods, years, residents in cities:
            database = Path(folder) / f"city-{hoods}.duckdb"
            generate(
                database,
                Settings(residents=residents, neighbourhoods=hoods,
                         districts=max(3, hoods // 10), years=years, today=TODAY),
            )  # fmt: skip
            store = open_store(database)
            try:
                print(f"({residents:,} residents, {years} years of history)", end=" ")
                measure(store, hoods, args.runs)
            finally:
                store.close()


if __name__ == "__main__":
    main()

"""Benchmark: the residents' and aldermen's pages on a large municipality.

    uv run python -m bench.pages [--neighbourhoods 100] [--years 10] [--residents 200000]
                                 [--postgresql]

Target (issue 8): every page renders server-side in under 1 s with 100 neighbourhoods and
10 years of history. Times each page's data functions (uncached, straight from the
services) and a whole AppTest run of each page (first run with empty caches, then a
rerun that the data-version cache serves); a run is the page's own, opened at its address.
The monitor runs only its open tab: its first tab (the neighbourhoods' table) as the page
opens, then a figure clicked in that table and each other tab as a click opens them from
the first view (the table's figures read, theirs not yet: the rerun after the click is
timed). pandas and plotly are imported before the
runs: a server imports them once, at its first monitor page, not at every render.
Baseline in the same run: the monitor's figures computed the ledger's way, loading every
neighbourhood's books one by one. With --postgresql the same pages again on a PostgreSQL
copy of the database (issue 20: under 1 s there as well), a throwaway server with a real
server's durability (bench/load_setups.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.load_setups import copy_into_postgres, postgres_server
from dashboard.components import monitor_tables
from dashboard.domain.auth import Caller, Role
from dashboard.services import monitor, overview, public
from dashboard.services.budget.common import load_books_for
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate

TARGET_SECONDS = 1.0
TODAY = date(2026, 11, 23)
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
PAGES = [
    ("resident_overview", None),
    ("resident_decisions", None),
    ("resident_council", None),
    ("alderman_monitor", ALDERMAN),
]
# Only the monitor's open tab runs: each tab is timed as it opens with empty caches (a click
# on it), and with the heaviest drill-downs open: a figure clicked in the table, and every
# allocation and payment of the year behind the totals of all neighbourhoods.
MONITOR_TAB = monitor_tables.TAB_KEY
MONITOR_VIEWS: dict[str, dict[str, object]] = {
    "  + figure clicked": {
        "wijken_tabel": {"selection": {"rows": [], "columns": [],
                                       "cells": [[0, "Uitgegeven (€)"]]}},
    },
    "  tab Kaart": {MONITOR_TAB: "Kaart"},
    "  tab Vastgelopen": {MONITOR_TAB: "Vastgelopen en overschrijdingen"},
    "  tab Representatief": {MONITOR_TAB: "Representativiteit"},
    "  tab Thema's": {MONITOR_TAB: "Thema's"},
    "  tab Achter de cijfers": {
        MONITOR_TAB: "Achter de cijfers", "detail_wijk": "", "detail_cijfer": "boekingen",
    },
}  # fmt: skip


def timed(work: Callable[[], object], runs: int = 5) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def ledger_totals(store: Store, neighbourhood_id: int) -> object:
    return load_books_for(store, neighbourhood_id).year_totals(neighbourhood_id, 2026)


def page_run(
    page: str,
    caller: Caller | None,
    code: str,
    state: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> float:
    """Seconds of one run of `page` opened at its address (the page chosen before the first
    run, as a browser's address does) with `state`; with `after`, the page is opened first
    and only the rerun that `after` starts is timed (a click on a tab)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if caller:
        at.session_state["caller"] = caller
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.query_params["wijk"] = code
    at.switch_page(f"dashboard/pages/{page}.py")
    if after is not None:
        at.run()
        assert not at.exception, at.exception
        for key, value in after.items():
            at.session_state[key] = value
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    assert not at.exception, at.exception
    return seconds


@dataclass
class Measured:
    data: dict[str, float]  # each page's data functions, uncached
    runs: dict[str, tuple[float, float]]  # each page's AppTest run: first, rerun
    table: float  # the monitor's table data
    baseline: float  # the same figures the ledger's way


def measure(location: str) -> Measured:
    """Every page's data and AppTest runs on the database at `location` (a DuckDB file or
    a postgresql:// address), with empty caches."""
    store = open_store(location)
    hoods = overview.neighbourhoods(store)
    hood = hoods[len(hoods) // 2]
    years = public.decision_years(store, hood.id)
    stalled = tuple(
        s.proposal_id for s in monitor.monitor(store, ALDERMAN, 2026, 12, TODAY).stalled
    )
    functions = {
        "resident_overview": lambda: overview.neighbourhood_budget(store, hood.id, 2026, TODAY),
        "resident_decisions": lambda: (
            public.decisions(store, hood.id, years[-1]),
            public.projects(store, hood.id, TODAY),
            public.open_proposals(store, hood.id, TODAY),
            public.upcoming_meetings(store, hood.id, TODAY),
        ),
        "resident_council": lambda: public.council_view(store, hood.id, TODAY),
        # What each view of the monitor reads besides the table's figures (read first).
        "alderman_monitor": lambda: monitor.monitor(store, ALDERMAN, 2026, 12, TODAY),
        "  + figure clicked": lambda: monitor.detail(store, ALDERMAN, hoods[0].id, 2026),
        "  tab Vastgelopen": lambda: monitor.trail(store, ALDERMAN, stalled),
        "  tab Representatief": lambda: monitor.representation(store, ALDERMAN, TODAY),
        "  tab Thema's": lambda: monitor.themes(store, ALDERMAN),
        "  tab Achter de cijfers": lambda: monitor.detail(store, ALDERMAN, None, 2026),
    }  # fmt: skip
    try:
        baseline = timed(lambda: [ledger_totals(store, h.id) for h in hoods], runs=3)
        data = {name: timed(work) for name, work in functions.items()}
        table = timed(lambda: monitor.monitor(store, ALDERMAN, 2026, 12, TODAY), runs=3)
    finally:
        store.close()

    on_postgres = location.startswith("postgresql")
    os.environ["WIJKRAAD_DB" if not on_postgres else "WIJKRAAD_DATABASE_URL"] = location
    if not on_postgres:
        os.environ.pop("WIJKRAAD_DATABASE_URL", None)
    runs = {}
    views: list[tuple[str, Caller | None, dict[str, object] | None, str]]
    views = [(p, c, None, p) for p, c in PAGES]
    views += [("alderman_monitor", ALDERMAN, state, name) for name, state in MONITOR_VIEWS.items()]
    for page, caller, state, name in views:
        # A figure or a tab is opened by a click on the monitor as it first shows.
        first_view, then = (None, state) if name in MONITOR_VIEWS else (state, None)
        st.cache_data.clear()
        first = page_run(page, caller, hood.code, first_view, then)
        again = statistics.median(
            page_run(page, caller, hood.code, first_view, then) for _ in range(3)
        )
        runs[name] = (first, again)
    return Measured(data, runs, table, baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neighbourhoods", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument(
        "--postgresql", action="store_true", help="the same pages on PostgreSQL as well"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        database = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        generate(
            database,
            Settings(residents=args.residents, neighbourhoods=args.neighbourhoods,
                     districts=max(1, args.neighbourhoods // 10), years=args.years, today=TODAY),
        )  # fmt: skip
        print(f"generated {args.neighbourhoods} neighbourhoods, {args.years} years, "
              f"{args.residents:,} residents in {time.perf_counter() - started:.1f} s")  # fmt: skip
        locations = {"DuckDB": str(database)}
        if args.postgresql:
            locations["PostgreSQL"] = copy_into_postgres(postgres_server(stack), database)
        store = open_store(database)
        with store.read() as cur:
            counts = cur.execute(
                "SELECT (SELECT count(*) FROM decision), (SELECT count(*) FROM proposal), "
                "(SELECT count(*) FROM spending_transaction)"
            ).fetchall()[0]
        store.close()
        print(f"decisions {counts[0]:,}, proposals {counts[1]:,}, payments {counts[2]:,}")
        import pandas  # noqa: F401  # imported once per server process
        import plotly.express  # noqa: F401

        for label, location in locations.items():
            found = measure(location)
            print(f"\n{label}")
            print(f"{'page':<24} {'data':>8} {'first run':>10} {'rerun':>8}  "
                  f"target {TARGET_SECONDS} s")  # fmt: skip
            for name, (first, again) in found.runs.items():
                data = f"{found.data[name]:>7.3f}s" if name in found.data else " " * 8
                print(f"{name:<24} {data} {first:>9.3f}s {again:>7.3f}s")
            worst = max(max(pair) for pair in found.runs.values())
            print(f"worst page run {worst:.3f} s = {worst / TARGET_SECONDS:.2f} x target")
            print(f"monitor table data {found.table:.3f} s; baseline (books loaded per "
                  f"neighbourhood) {found.baseline:.3f} s = "
                  f"{found.baseline / found.table:.1f}x slower")  # fmt: skip


if __name__ == "__main__":
    main()

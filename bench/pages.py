"""Benchmark: the residents' and aldermen's pages on a large municipality.

    uv run python -m bench.pages [--neighbourhoods 100] [--years 10] [--residents 200000]

Target (issue 8): every page renders server-side in under 1 s with 100 neighbourhoods and
10 years of history. Times each page's data functions (uncached, straight from the
services) and a whole AppTest run of each page (first run with empty caches, then a
rerun that the data-version cache serves). pandas and plotly are imported before the
runs: a server imports them once, at its first monitor page, not at every render.
Baseline in the same run: the monitor's figures computed the ledger's way, loading every
neighbourhood's books one by one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

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
# The monitor with its heaviest drill-downs open: a figure clicked in the table, and every
# allocation and payment of the year behind the totals of all neighbourhoods.
DRILL_DOWN: dict[str, object] = {
    "wijken_tabel": {"selection": {"rows": [], "columns": [], "cells": [[0, "Uitgegeven (€)"]]}},
    "detail_wijk": "",
    "detail_cijfer": "boekingen",
}


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
    page: str, caller: Caller | None, code: str, state: dict[str, object] | None = None
) -> float:
    started = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=60)
    if caller:
        at.session_state["caller"] = caller
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.query_params["wijk"] = code
    at.run()
    if page != "resident_overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, at.exception
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neighbourhoods", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--residents", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        generate(
            database,
            Settings(residents=args.residents, neighbourhoods=args.neighbourhoods,
                     districts=max(1, args.neighbourhoods // 10), years=args.years, today=TODAY),
        )  # fmt: skip
        print(f"generated {args.neighbourhoods} neighbourhoods, {args.years} years, "
              f"{args.residents:,} residents in {time.perf_counter() - started:.1f} s")  # fmt: skip
        store = open_store(database)
        with store.read() as cur:
            counts = cur.execute(
                "SELECT (SELECT count(*) FROM decision), (SELECT count(*) FROM proposal), "
                "(SELECT count(*) FROM spending_transaction)"
            ).fetchall()[0]
        print(f"decisions {counts[0]:,}, proposals {counts[1]:,}, payments {counts[2]:,}")
        hoods = overview.neighbourhoods(store)
        hood = hoods[len(hoods) // 2]
        years = public.decision_years(store, hood.id)
        functions = {
            "resident_overview": lambda: overview.neighbourhood_budget(store, hood.id, 2026, TODAY),
            "resident_decisions": lambda: (
                public.decisions(store, hood.id, years[-1]),
                public.projects(store, hood.id, TODAY),
                public.open_proposals(store, hood.id, TODAY),
                public.upcoming_meetings(store, hood.id, TODAY),
            ),
            "resident_council": lambda: public.council_view(store, hood.id, TODAY),
            "alderman_monitor": lambda: (
                monitor.monitor(store, ALDERMAN, 2026, 12, TODAY),
                monitor.representation(store, ALDERMAN, TODAY),
                monitor.themes(store, ALDERMAN),
                monitor.detail(store, ALDERMAN, hoods[0].id, 2026),
            ),
            "drill_down": lambda: (
                monitor.detail(store, ALDERMAN, None, 2026),
                monitor.trail(
                    store, ALDERMAN,
                    tuple(s.proposal_id for s in monitor.monitor(
                        store, ALDERMAN, 2026, 12, TODAY).stalled),
                ),
            ),
        }  # fmt: skip
        baseline = timed(lambda: [ledger_totals(store, h.id) for h in hoods], runs=3)
        data = {name: timed(work) for name, work in functions.items()}
        table = timed(lambda: monitor.monitor(store, ALDERMAN, 2026, 12, TODAY), runs=3)
        store.close()

        os.environ["WIJKRAAD_DB"] = str(database)
        import pandas  # noqa: F401  # imported once per server process
        import plotly.express  # noqa: F401

        print(
            f"\n{'page':<20} {'data':>8} {'first run':>10} {'rerun':>8}  target {TARGET_SECONDS} s"
        )
        worst = 0.0
        for page, caller in PAGES:
            st.cache_data.clear()
            first = page_run(page, caller, hood.code)
            again = statistics.median(page_run(page, caller, hood.code) for _ in range(3))
            worst = max(worst, first, again)
            print(f"{page:<20} {data[page]:>7.3f}s {first:>9.3f}s {again:>7.3f}s")
        st.cache_data.clear()
        first = page_run("alderman_monitor", ALDERMAN, hood.code, DRILL_DOWN)
        again = statistics.median(
            page_run("alderman_monitor", ALDERMAN, hood.code, DRILL_DOWN) for _ in range(3)
        )
        worst = max(worst, first, again)
        print(f"{'  + drill-downs':<20} {data['drill_down']:>7.3f}s {first:>9.3f}s {again:>7.3f}s")
        print(f"\nworst page run {worst:.3f} s = {worst / TARGET_SECONDS:.2f} x target")
        print(f"monitor table data {table:.3f} s; baseline (books loaded per neighbourhood) "
              f"{baseline:.3f} s = {baseline / table:.1f}x slower")  # fmt: skip


if __name__ == "__main__":
    main()

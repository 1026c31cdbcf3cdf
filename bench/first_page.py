"""Benchmark: how soon the app's first page answers after start, with the demo data.

    uv run python -m bench.first_page [--runs 3]

Target (issue 3): the resident overview shows its figures within 3 s of starting the
server. Measured from launching the server as scripts/run.sh does (`python -m
dashboard.web.serve`, bytecode compiled ahead) until Chromium shows the budget figure:
a cold start (new process, demo database already generated, as after the first run),
seen by a first-time visitor (empty browser cache) and by a returning visitor (the
browser has the app's scripts cached: same address, same browser profile); as the
baseline, a warm reload of the same page in the running server.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from data.generate import Settings, generate
from sortition.highs import silence_banner
from tests.e2e.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_server,
    stop,
    wait_until_ready,
)

TARGET_SECONDS = 3.0
FIGURE = "[data-testid='stMetricValue']"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    # As scripts/run.sh does: bytecode compiled ahead (scripts/bytecode.sh).
    subprocess.run(
        ["sh", "-c", ". scripts/uv.sh && . scripts/bytecode.sh && compile_bytecode dev"],
        check=True,
    )
    cold, returning, warm = [], [], []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        database = Path(folder) / "demo.duckdb"
        silence_banner()
        generate(database, Settings(today=date(2026, 11, 23)))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        profile = browser.new_context()  # the returning visitor's browser, kept across runs
        port = free_port()
        for run in range(args.runs + 1):
            started = time.perf_counter()
            process, url = start_server(database, port)
            try:
                first_time = browser.new_page()  # a new, empty browser profile
                first_time.goto(url)
                first_time.wait_for_selector(FIGURE, timeout=30_000)
                seconds = time.perf_counter() - started
                wait_until_ready(first_time)
                started = time.perf_counter()
                first_time.reload()
                first_time.wait_for_selector(FIGURE, timeout=30_000)
                if run:  # run 0 fills the returning visitor's cache
                    cold.append(seconds)
                    warm.append(time.perf_counter() - started)
                first_time.close()
            finally:
                stop(process)
            started = time.perf_counter()
            process, url = start_server(database, port)
            try:
                page = profile.new_page()
                page.goto(url)
                page.wait_for_selector(FIGURE, timeout=30_000)
                if run:
                    returning.append(time.perf_counter() - started)
                wait_until_ready(page)
                page.close()
            finally:
                stop(process)
        browser.close()

    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    returning_median = statistics.median(returning)
    print(f"runs                         {args.runs}")
    print(f"start -> first figure (s)    median {cold_median:.2f}  all "
          + " ".join(f"{c:.2f}" for c in cold) + "   (first-time visitor)")  # fmt: skip
    print(f"start -> first figure (s)    median {returning_median:.2f}  all "
          + " ".join(f"{c:.2f}" for c in returning) + "   (returning visitor)")  # fmt: skip
    print(f"warm reload -> figure (s)    median {warm_median:.2f}  all "
          + " ".join(f"{w:.2f}" for w in warm))  # fmt: skip
    print(f"target (s)                   {TARGET_SECONDS:.1f}   ratio to target "
          f"{cold_median / TARGET_SECONDS:.2f} first-time, "
          f"{returning_median / TARGET_SECONDS:.2f} returning (< 1 meets it)")  # fmt: skip
    print(f"cold start vs warm reload    {cold_median / warm_median:.1f}x")


if __name__ == "__main__":
    main()

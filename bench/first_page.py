"""Benchmark: how soon the app's first page answers after start, with the demo data.

    uv run python -m bench.first_page [--runs 3]

Target (issue 3): the resident overview shows its figures within 3 s of starting the
server. Measured from launching `streamlit run` until Chromium shows the budget figure:
a cold start (new process, demo database already generated, as after the first run)
and, as the baseline, a warm reload of the same page in the running server.
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
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, start_server, wait_until_ready

TARGET_SECONDS = 3.0
FIGURE = "[data-testid='stMetricValue']"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    cold, warm = [], []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        database = Path(folder) / "demo.duckdb"
        generate(database, Settings(today=date(2026, 11, 23)))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            started = time.perf_counter()
            process, url = start_server(database)
            try:
                page = browser.new_page()
                page.goto(url)
                page.wait_for_selector(FIGURE, timeout=30_000)
                cold.append(time.perf_counter() - started)
                wait_until_ready(page)
                started = time.perf_counter()
                page.reload()
                page.wait_for_selector(FIGURE, timeout=30_000)
                warm.append(time.perf_counter() - started)
                page.close()
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        browser.close()

    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"runs                         {args.runs}")
    print(f"start -> first figure (s)    median {cold_median:.2f}  all "
          + " ".join(f"{c:.2f}" for c in cold))  # fmt: skip
    print(f"warm reload -> figure (s)    median {warm_median:.2f}  all "
          + " ".join(f"{w:.2f}" for w in warm))  # fmt: skip
    print(f"target (s)                   {TARGET_SECONDS:.1f}   ratio to target "
          f"{cold_median / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    print(f"cold start vs warm reload    {cold_median / warm_median:.1f}x")


if __name__ == "__main__":
    main()

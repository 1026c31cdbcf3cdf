"""Benchmark: a neighbourhood vote's codes and letters for 20,000 eligible residents.

    .venv/bin/python -m bench.vote_letters [--residents 300000] [--seed 7]

A demo municipality large enough that its largest neighbourhood has 20,000 or more
residents of 16 and over (data.generate; not timed), a vote there with its published
ideas, then through the services as the organisers' page calls them: the codes made and
stored (`issue_codes`: every eligible resident read from the register, 40-bit codes from
`secrets`, one INSERT), the mail-merge file for the print shop (every letter's code,
name, address and voting link, as CSV), and every printable letter (HTML with a QR code
and a paper ballot each, in files of 500, all of them made). Target: codes and letters
for 20,000 residents in under 10 s (issue 16).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dashboard.components.exports import csv_bytes
from dashboard.domain.auth import Caller, Role
from dashboard.domain.ideas import IdeaStatus
from dashboard.services.vote import setup
from dashboard.store import ideas
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate

TARGET = 10.0
TODAY = date(2026, 11, 23)
ORGANISER = Caller("bench", Role.ORGANISER, None)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.vote_letters")
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        generate(path, Settings(residents=args.residents, seed=args.seed, today=TODAY))
        print(f"demo with {args.residents:,} residents: {time.perf_counter() - started:.1f} s "
              "(not timed below)")  # fmt: skip
        store = open_store(path)
        try:
            run(store)
        finally:
            store.close()


def run(store: Store) -> None:
    with store.read() as cur:
        rows = cur.execute(
            "SELECT neighbourhood_id, count(*) FROM resident_now "
            "WHERE birth_date <= DATE '2010-11-23' GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        ).fetchall()
        hood = int(rows[0][0])
        on_ballot = [
            (i.id, str(i.estimated_cost))
            for i in ideas.ideas_for_neighbourhood(cur, hood)
            if i.status == IdeaStatus.GEPUBLICEERD
        ]
    data = setup.VoteInput(hood, "Buurtbudget", "25.000", "knapsack", "equal-shares", TODAY,
                           TODAY + timedelta(days=21), 16, on_ballot)  # fmt: skip
    vote_id = setup.create_vote(store, ORGANISER, data, today=TODAY)

    cpu = time.process_time()
    started = time.perf_counter()
    codes = setup.issue_codes(store, ORGANISER, vote_id, today=TODAY)
    issued = time.perf_counter() - started

    started = time.perf_counter()
    mail_merge = csv_bytes(setup.mail_merge(store, ORGANISER, vote_id))
    merged = time.perf_counter() - started

    details = setup.LetterDetails(TODAY, "14 050", "wijkraad@wijkdam.nl", "Team Wijkraad")
    files = setup.letter_files(store, ORGANISER, vote_id)
    started = time.perf_counter()
    first = setup.letters_file(store, ORGANISER, vote_id, details, 1)
    one_file = time.perf_counter() - started  # with the QR codes' template (once a process)
    size = len(first)
    for part in range(2, files + 1):
        size += len(setup.letters_file(store, ORGANISER, vote_id, details, part))
    all_letters = time.perf_counter() - started
    letters_in_file = first.count('<section class="letter">')

    print(f"| step | {codes:,} residents | |")
    print("|---|---|---|")
    print(f"| codes made and stored (issue_codes) | {issued:.2f} s | |")
    print(f"| mail-merge file (CSV, {len(mail_merge) / 1e6:.1f} MB) | {merged:.2f} s | |")
    print(f"| printable letters, file 1 of {files} ({letters_in_file} letters) | "
          f"{one_file:.2f} s | |")  # fmt: skip
    print(f"| printable letters, all {files} files ({size / 1e6:.0f} MB HTML) | "
          f"{all_letters:.2f} s | {1000 * all_letters / codes:.2f} ms a letter |")  # fmt: skip
    total = issued + merged + all_letters
    print(f"| **codes + mail-merge file + every printable letter** | **{total:.2f} s** | "
          f"target < {TARGET:.0f} s: "
          f"{'met' if total < TARGET and codes >= 20_000 else 'NOT met'} |")  # fmt: skip
    print(f"CPU time of this process: {time.process_time() - cpu:.2f} s; machine load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    if codes < 20_000:
        print(f"only {codes:,} eligible residents: use more --residents")


if __name__ == "__main__":
    main()

"""Benchmark: 50 residents on the sign-up page and 50 on the voting page at once, against a
started server (bounded load test, issue 16: every answer within 1 s).

    .venv/bin/python -m bench.participation_load [--residents 50] [--spread 10] [--burst]

Starts the app as scripts/run.sh does (`python -m dashboard.web.serve`) on a free port of
127.0.0.1, on a copy of a demo database with a draw taking registrations (its letters'
codes) and the demo's running vote (its codes). Each simulated resident is a real
Streamlit session: a websocket speaking Streamlit's own protocol (protobuf BackMsg and
ForwardMsg, as the browser does), so the page script runs for every step. A resident on
the voting page opens the page from the letter's link, enters the code, ticks two ideas
and goes on to check them, then casts the vote; one on the sign-up page opens it from the
letter's link, enters the code, then signs up with a phone number and the privacy tick.
The time of a step is from sending it to the server's end of that run (its last
`script_finished`, after any rerun the page asks for). The residents start within
`--spread` seconds and, as people do, read and click for 2-6 s between two steps (seeded),
so that 100 of them use the pages at the same time; `--burst` starts all at the same
moment with no time between steps (the worst case: every step of everyone queued at
once). A step refused or failed is counted as not answered in time. Bounded: at most 200
residents per page, every step times out after 60 s, traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Coroutine
from datetime import date
from pathlib import Path
from typing import Any

from bench import streamlit_client
from bench.streamlit_client import THINK, Session
from dashboard.store.db import open_store
from data.generate import Settings, generate
from tests.services.test_online_signup import codes as letter_codes
from tests.services.test_online_signup import letters

REPO = Path(__file__).resolve().parents[1]
TARGET = 1.0
MAX_RESIDENTS = 200
TODAY = "2026-11-23"


async def connect(port: int, page: str, query: str, pace: float, seed: int) -> Session:
    return await streamlit_client.connect(f"http://127.0.0.1:{port}", page, query, pace, seed)


async def voter(port: int, code: str, pace: float, seed: int) -> list[float]:
    session = await connect(port, "resident_vote", f"code={code}", pace, seed)
    try:
        times = [await session.run()]  # the letter's link
        session.set_text("Code uit uw brief", code)
        times.append(await session.run("Naar het stembiljet"))
        session.states.clear()
        session.tick("1. ")
        session.tick("2. ")
        times.append(await session.run("Verder: mijn keuze controleren"))
        times.append(await session.run("Stem uitbrengen"))
        if not any("Dank u wel! Uw stem is geteld." in t for t in session.texts):
            times[-1] = float("nan")  # refused or failed: counted as not within the target
        return times
    finally:
        await session.ws.close()


async def signer(port: int, code: str, pace: float, seed: int) -> list[float]:
    session = await connect(port, "resident_signup", f"code={code}", pace, seed)
    try:
        times = [await session.run()]
        session.set_text("Code uit uw brief", code)
        times.append(await session.run("Verder"))
        session.states.clear()
        session.set_text("Telefoonnummer", "06 12345678")
        session.tick("Ik heb gelezen")
        times.append(await session.run("Aanmelden"))
        if not any("U bent aangemeld" in t for t in session.texts):
            times[-1] = float("nan")  # refused or failed: counted as not within the target
        return times
    finally:
        await session.ws.close()


STEPS = {
    "voting": ("open the link", "enter the code", "tick 2 ideas, check", "cast the vote"),
    "sign-up": ("open the link", "enter the code", "sign up"),
}


async def crowd(
    port: int, vote_codes: list[str], signup_codes: list[str], spread: float, pace: float
) -> dict[str, list[list[float]]]:
    async def later(n: int, work: Coroutine[Any, Any, list[float]]) -> list[float]:
        await asyncio.sleep(spread * n / max(1, len(vote_codes)))
        return await work

    voting = [later(n, voter(port, c, pace, n)) for n, c in enumerate(vote_codes)]
    signing = [later(n, signer(port, c, pace, 1000 + n)) for n, c in enumerate(signup_codes)]
    done = await asyncio.gather(*voting, *signing)
    return {"voting": list(done[: len(voting)]), "sign-up": list(done[len(voting) :])}


def prepare(folder: Path, residents: int) -> tuple[Path, list[str], list[str]]:
    """A demo database with a draw taking registrations; codes to vote and to sign up with."""
    path = folder / "load.duckdb"
    generate(path, Settings(residents=20_000, seed=7, today=date.fromisoformat(TODAY)))
    store = open_store(path)
    try:
        draw_id = letters(store)
        signing = letter_codes(store, draw_id)[:residents]
        with store.read() as cur:
            voting = [
                f"{c[:4]}-{c[4:]}"
                for (c,) in cur.execute(
                    "SELECT code FROM vote_code WHERE NOT used ORDER BY code LIMIT ?", [residents]
                ).fetchall()
            ]
        store.checkpoint()
    finally:
        store.close()
    return path, voting, signing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(database: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WIJKRAAD_DB": str(database), "WIJKRAAD_TODAY": TODAY}
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard.web.serve", "--server.address=127.0.0.1",
         f"--server.port={port}", "--server.headless=true"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start")


def report(results: dict[str, list[list[float]]]) -> None:
    print("| page | step | residents | median s | 95% s | slowest s | within 1 s |")
    print("|---|---|---|---|---|---|---|")
    for page, runs in results.items():
        for n, step in enumerate(STEPS[page]):
            answered = sorted(r[n] for r in runs if not math.isnan(r[n]))
            failed = len(runs) - len(answered)
            times = answered or [float("nan")]
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            within = sum(t <= TARGET for t in answered)
            print(f"| {page} | {step} | {len(runs)} | {statistics.median(times):.2f} | "
                  f"{p95:.2f} | {times[-1]:.2f} | {within}/{len(runs)} |"
                  + (f" {failed} failed" if failed else ""))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.participation_load")
    parser.add_argument("--residents", type=int, default=50, help="per page")
    parser.add_argument("--spread", type=float, default=10.0, help="seconds to spread starts")
    parser.add_argument(
        "--burst", action="store_true",
        help="no time to think between steps and all start at once (the worst case)",
    )  # fmt: skip
    args = parser.parse_args()
    if not 1 <= args.residents <= MAX_RESIDENTS:
        parser.error(f"--residents is 1 to {MAX_RESIDENTS}")
    folder = Path(tempfile.mkdtemp(prefix="wijkraad-load-"))
    server = None
    try:
        database, voting, signing = prepare(folder, args.residents + 1)  # one to warm up
        port = free_port()
        server = serve(database, port, folder / "server.log")
        asyncio.run(crowd(port, voting[:1], signing[:1], 0, 0))  # warm the server up (1 each)
        spread, pace = (0.0, 0.0) if args.burst else (args.spread, 1.0)
        started = time.perf_counter()
        results = asyncio.run(crowd(port, voting[1:], signing[1:], spread, pace))
        wall = time.perf_counter() - started
        how = (
            "all starting at the same moment, no time between steps"
            if args.burst
            else f"starting within {spread:.0f} s, {THINK[0]:.0f}-{THINK[1]:.0f} s between steps"
        )
        print(f"{len(voting) - 1} residents voting and {len(signing) - 1} signing up at once "
              f"({how}): all done in {wall:.1f} s; machine load "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        report(results)
        errors = [line for line in (folder / "server.log").read_text().splitlines()
                  if "Error" in line or "Conflict" in line]  # fmt: skip
        print(
            f"server log: {len(errors)} error lines"
            + (f", e.g. {errors[-1][:200]}" if errors else "")
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark: residents reading the public pages, on 1 server with DuckDB, 1 server with
PostgreSQL and 2 servers with PostgreSQL behind nginx (issue 20, "Performance").

    python -m bench.servers_load [--setups duckdb,postgres,postgres-2]
                                 [--residents 10,50,200] [--duration 30] [--seed 7]
                                 [--pace 1]

A bounded load test from this machine only: a fixed number of simulated residents for a
fixed time, then it stops by itself. Each resident opens the pages of a random
neighbourhood one after another (`resident_overview`, `resident_decisions`,
`resident_council`, each with `?wijk=WK00x`), reading 2-6 s between pages (seeded), then
comes back as a new visitor (a new tab) for another neighbourhood, until the time is up.
The residents arrive within the first 5 s. Every page is a real Streamlit session: the
websocket and protobuf messages a browser sends (bench/streamlit_client.py), so the page
script runs for every page; a page's time is from asking for it to the end of its run
(the first page of a visit includes opening its connection). A page that times out
(60 s), loses its connection or shows an error counts as a failure. Pages per second are
the pages served divided by the whole time until the last resident stopped (pages under
way at the end are waited for). With 2-6 s of reading per page, 10 and 50 residents ask
for about 2.5 and 12 pages a second, below what a server can serve (those levels show
page times, not capacity), and 200 ask for at most about 45. `--pace 0` (no reading: each
resident asks for the next page as soon as one is done) measures what the servers serve.
The residents' own CPU time (this process, on the same cores) is printed with each level.

The demo municipality (`data.generate`, seed 7) is made once as a DuckDB file and copied
into a throwaway PostgreSQL server (tests/postgres.py). App servers start as the browser
tests start them (tests/e2e/harness.py); the two-server set-up has Debian's nginx in front
with deploy/nginx.conf (plain http on a local port, as tests/e2e/test_two_servers.py).
Each server is warmed up with one visit of the three pages before it is measured.

nginx sends each client address to one server (`hash $binary_remote_addr consistent`) and
limits connections per address; from 127.0.0.1 alone every resident would land on the same
server. So each resident connects from its own loopback address (127.0.1.1, 127.0.1.2, ...,
all of 127.0.0.0/8 reaches this machine; the socket is bound to it before connecting), as
residents come from their own homes, in every set-up alike. How they spread over the two
servers (established connections counted halfway) is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets

from bench import load_setups
from bench.streamlit_client import THINK, Session, connect
from sortition.highs import silence_banner

PAGES = ("resident_overview", "resident_decisions", "resident_council")
SETUPS = ("duckdb", "postgres", "postgres-2")
LEVELS = (10, 50, 200)
MAX_RESIDENTS = 1000
MAX_DURATION = 300.0
ARRIVAL = 5.0  # seconds within which the residents arrive


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    failures: int = 0
    reasons: list[str] = field(default_factory=list)

    def fail(self, reason: str) -> None:
        self.failures += 1
        self.reasons.append(reason)


def source_address(number: int) -> str:
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


@dataclass(frozen=True)
class Run:
    """One level's residents: where they go, until when, how long they read (`pace` times
    2-6 s; 0: not at all), and what they saw."""

    url: str
    codes: list[str]
    deadline: float
    seed: int
    pace: float
    tally: Tally


async def rest(run: Run, think: random.Random) -> None:
    """Read for a while, or until the time is up (a resident still reading then is done)."""
    seconds = think.uniform(*THINK) * run.pace
    await asyncio.sleep(max(0.0, min(seconds, run.deadline - time.monotonic())))


async def visit(run: Run, session: Session, opening: float, think: random.Random) -> None:
    """The three pages of one neighbourhood, reading between two; stops at the deadline.
    The first page's time includes `opening`, the seconds its connection took, as a
    browser's first page does."""
    for n, page in enumerate(PAGES):
        if n:
            await rest(run, think)
        if time.monotonic() >= run.deadline:
            return
        session.page = page
        try:
            seconds = await session.run()
        except (TimeoutError, websockets.ConnectionClosed) as exc:
            run.tally.fail(f"{page}: {type(exc).__name__}")
            return
        if session.errors:
            run.tally.fail(f"{page}: {session.errors[0][:120]}")
        else:
            run.tally.seconds.append(seconds + (0.0 if n else opening))


async def resident(run: Run, number: int) -> None:
    think = random.Random(run.seed * 100_003 + number)
    await asyncio.sleep(think.uniform(0, ARRIVAL))
    while time.monotonic() < run.deadline:
        query = f"wijk={think.choice(run.codes)}"
        opened = time.perf_counter()
        try:
            session = await connect(run.url, PAGES[0], query, 0, 0, source_address(number))
        except (OSError, websockets.WebSocketException) as exc:
            run.tally.fail(f"connect: {type(exc).__name__} {exc}"[:160])
            await rest(run, think)
            continue
        try:
            await visit(run, session, time.perf_counter() - opened, think)
        finally:
            await session.ws.close()
        await rest(run, think)


@dataclass(frozen=True)
class Level:
    setup: str
    residents: int
    pages: int
    wall: float
    p50: float
    p95: float
    failures: int
    load: float
    spread: str
    client_cpu: float  # CPU seconds the simulated residents (this process) used
    reason: str

    @property
    def per_second(self) -> float:
        return self.pages / self.wall


async def crowd(
    url: str, codes: list[str], residents: int, args: Any, ports: list[int]
) -> tuple[Tally, float, str]:
    started = time.monotonic()
    run = Run(url, codes, started + args.duration, args.seed, args.pace, Tally())
    work = asyncio.gather(*(resident(run, n) for n in range(residents)))
    await asyncio.sleep(args.duration / 2)
    spread = "/".join(str(load_setups.connections_to(port)) for port in ports)
    await work
    return run.tally, time.monotonic() - started, spread


def measure(
    setup: str, url: str, ports: list[int], codes: list[str], residents: int, args: Any
) -> Level:
    cpu = time.process_time()
    tally, wall, spread = asyncio.run(crowd(url, codes, residents, args, ports))
    cpu = time.process_time() - cpu
    times = sorted(tally.seconds) or [float("nan")]
    return Level(
        setup, residents, len(tally.seconds), wall, statistics.median(times),
        times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], tally.failures,
        os.getloadavg()[0], spread, cpu, tally.reasons[0] if tally.reasons else "",
    )  # fmt: skip


def warm_up(urls: list[str], codes: list[str]) -> None:
    async def one(url: str) -> None:
        session = await connect(url, PAGES[0], f"wijk={codes[0]}", 0, 0)
        try:
            for page in PAGES:
                session.page = page
                await session.run()
        finally:
            await session.ws.close()

    for url in urls:
        asyncio.run(one(url))


def report(levels: list[Level]) -> None:
    print("| set-up | residents | pages | pages/s | p50 s | p95 s | failures | load 1 min |")
    print("|---|---|---|---|---|---|---|---|")
    for m in levels:
        print(f"| {m.setup} | {m.residents} | {m.pages} | {m.per_second:.1f} | {m.p50:.2f} | "
              f"{m.p95:.2f} | {m.failures} | {m.load:.1f} |")  # fmt: skip
    one = {m.residents: m for m in levels if m.setup == "postgres"}
    for m in levels:
        if m.setup == "postgres-2" and m.residents in one:
            ratio = m.per_second / one[m.residents].per_second
            print(f"{m.residents} residents: 2 servers / 1 server (PostgreSQL) = {ratio:.2f}x")


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.servers_load")
    parser.add_argument("--setups", default=",".join(SETUPS), help=f"of {','.join(SETUPS)}")
    parser.add_argument("--residents", default=",".join(map(str, LEVELS)), help="levels")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pace", type=float, default=1.0,
        help="reading time between pages: 1 = 2-6 s, 0 = none (what the servers can serve)",
    )  # fmt: skip
    args = parser.parse_args()
    args.setups = args.setups.split(",")
    args.residents = [int(r) for r in args.residents.split(",")]
    if not set(args.setups) <= set(SETUPS):
        parser.error(f"--setups are of {', '.join(SETUPS)}")
    if not all(1 <= r <= MAX_RESIDENTS for r in args.residents):
        parser.error(f"--residents are 1 to {MAX_RESIDENTS}")
    if not 0 <= args.pace <= 10:
        parser.error("--pace is 0 to 10")
    if not 1 <= args.duration <= MAX_DURATION:
        parser.error(f"--duration is 1 to {MAX_DURATION:.0f} s")
    return args


def main() -> None:
    args = options()
    silence_banner()
    with tempfile.TemporaryDirectory(prefix="wijkraad-servers-load-") as name, ExitStack() as stack:
        data = load_setups.prepare(Path(name), stack, any("postgres" in s for s in args.setups))
        print(f"{os.cpu_count()} cores; {len(data.codes)} neighbourhoods; "
              f"{args.duration:.0f} s per level; reading {THINK[0] * args.pace:.0f}-"
              f"{THINK[1] * args.pace:.0f} s; load before: {os.getloadavg()}")  # fmt: skip
        levels = []
        for setup in args.setups:
            with load_setups.serving(setup, data, Path(name) / setup) as (url, direct):
                warm_up(direct, data.codes)
                ports = [int(u.rsplit(":", 1)[1]) for u in direct]
                for residents in args.residents:
                    level = measure(setup, url, ports, data.codes, residents, args)
                    levels.append(level)
                    print(f"{setup} {residents}: {level.per_second:.1f} pages/s, p95 "
                          f"{level.p95:.2f} s, {level.failures} failed"
                          + (f" (e.g. {level.reason})" if level.reason else "")
                          + f", connections per server {level.spread}, load {level.load:.1f}"
                          f", the residents' own CPU {level.client_cpu:.0f} s",
                          flush=True)  # fmt: skip
        report(levels)


if __name__ == "__main__":
    main()

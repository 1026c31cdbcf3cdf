"""The set-ups bench/servers_load.py measures: the demo municipality as a DuckDB file and
as a throwaway PostgreSQL database, and app servers on them (one, or two behind nginx)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard.store.db import open_store
from dashboard.store.transfer import copy_file_into
from data.generate import Settings, generate
from tests.e2e.harness import start_proxy, start_server, stop
from tests.postgres import PostgresServer, binaries, server_root


@dataclass(frozen=True)
class Data:
    duckdb: Path
    postgres: str | None  # the database's URL, when a PostgreSQL set-up is asked for
    codes: list[str]  # the neighbourhoods'


def prepare(folder: Path, stack: ExitStack, postgres: bool) -> Data:
    """The demo (seed 7) in `folder`, and copied into a new PostgreSQL server when asked;
    the server is stopped when `stack` closes."""
    path = folder / "demo.duckdb"
    generate(path, Settings(seed=7))
    store = open_store(path)
    try:
        with store.read() as cur:
            codes = [
                str(c)
                for (c,) in cur.execute("SELECT code FROM neighbourhood ORDER BY code").fetchall()
            ]
    finally:
        store.close()
    return Data(path, start_postgres(path, stack) if postgres else None, codes)


def start_postgres(demo: Path, stack: ExitStack) -> str:
    """A PostgreSQL server for this run with a copy of the DuckDB database `demo`."""
    return copy_into_postgres(postgres_server(stack), demo)


def postgres_server(stack: ExitStack) -> PostgresServer:
    """A throwaway PostgreSQL server with a real server's durability (fsync on), stopped
    and removed when `stack` closes."""
    bin_dir = binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL's programs are missing: apt-get install postgresql")
    server = PostgresServer(bin_dir, server_root(), durable=True)
    stack.callback(shutil.rmtree, server.root, ignore_errors=True)
    server.start()
    stack.callback(server.stop)
    return server


def copy_into_postgres(server: PostgresServer, source: Path) -> str:
    """A new database on `server` holding what the DuckDB file `source` holds; its URL."""
    url = server.url(server.create_database())
    store = open_store(url)
    try:
        copy_file_into(str(source), store)
    finally:
        store.close()
    return url


@contextmanager
def serving(setup: str, data: Data, folder: Path) -> Iterator[tuple[str, list[str]]]:
    """The set-up running: the address residents use, and each app server's own."""
    folder.mkdir()
    folder.chmod(0o777)  # nginx's workers run as another account when started as root
    settings = {"WIJKRAAD_PHOTOS": str(folder / "photos")}
    if setup != "duckdb":
        assert data.postgres is not None
        settings["WIJKRAAD_DATABASE_URL"] = data.postgres
    if setup == "postgres-2":
        settings["WIJKRAAD_TRUSTED_PROXIES"] = "127.0.0.1"
    with ExitStack() as stack:
        urls = []
        for _ in range(2 if setup == "postgres-2" else 1):
            process, url = start_server(data.duckdb, settings=settings)
            stack.callback(stop, process)
            urls.append(url)
        if len(urls) == 1:
            yield urls[0], urls
            return
        proxy, url = start_proxy([int(u.rsplit(":", 1)[1]) for u in urls], folder)
        stack.callback(stop, proxy)
        yield url, urls


def connections_to(port: int) -> int:
    """Established TCP connections to `port` on this machine (IPv4)."""
    with open("/proc/net/tcp", encoding="ascii") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    return sum(1 for r in rows if int(r[1].rsplit(":", 1)[1], 16) == port and r[3] == "01")

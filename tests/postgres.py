"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries (installed by
scripts/test.sh when missing), started once per test process in a temporary folder and
reached over a Unix socket only, so it needs no port and no network.

Each test that wants a database gets its own, copied from a template database (a copy takes
a tenth of a second; migrating a fresh one takes longer). Without the binaries the tests
that need PostgreSQL are skipped, except when WIJKRAAD_REQUIRE_POSTGRES=1 (the test command
sets it; CI always has it): then they fail and say what to install.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REQUIRE = "WIJKRAAD_REQUIRE_POSTGRES"
BINARIES = "WIJKRAAD_POSTGRES_BIN"  # a folder with initdb and pg_ctl, when not Debian's
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "wijkraad"
# PostgreSQL refuses to run as root; Debian's package creates this account.
SERVER_ACCOUNT = "postgres"
CONNECTIONS = "-c max_connections=200"
# A test server keeps nothing: durability settings off make it start and write faster.
FAST = f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off {CONNECTIONS}"


def binaries() -> Path | None:
    """The folder with initdb and pg_ctl: WIJKRAAD_POSTGRES_BIN, else Debian's newest."""
    explicit = os.environ.get(BINARIES)
    if explicit:
        return Path(explicit) if (Path(explicit) / "initdb").is_file() else None
    found = [p.parent for p in DEBIAN_BINARIES.glob("*/bin/initdb")]
    return max(found, key=lambda p: int(p.parent.name)) if found else None


@dataclass
class PostgresServer:
    """One server in its own folder: data, socket and log."""

    bin_dir: Path
    root: Path
    durable: bool = False  # as a real server writes (the benchmarks), not the tests' FAST
    _names: Iterator[int] = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.root}"

    def start(self) -> None:
        self._as_server(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.restart()

    def stop(self) -> None:
        self._as_server("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")

    def restart(self) -> None:
        """Start the server on its folder and socket (again, after a stop)."""
        options = f"-k {self.root} -c listen_addresses= {CONNECTIONS if self.durable else FAST}"
        log = str(self.root / "server.log")
        self._as_server("pg_ctl", "-D", str(self.data), "-w", "-l", log, "-o", options, "start")

    def create_database(self, template: str = "template1") -> str:
        """A new, empty (or copied) database; returns its name."""
        import psycopg  # the driver is installed with the app; imported late for a clear skip

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _as_server(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_ACCOUNT, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.is_file() else ""
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{tail}"
            )


def _unavailable(reason: str) -> None:
    message = (
        f"PostgreSQL is needed for this test and {reason}. Install Debian's package "
        "(apt-get install postgresql) or set WIJKRAAD_POSTGRES_BIN to a folder with initdb."
    )
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def server_root() -> Path:
    """A folder the server's account may write in (tmp_path is root's own); other accounts
    may reach its socket (tests/e2e/test_app_image.py runs the app as one), not list it."""
    root = Path(tempfile.mkdtemp(prefix="wijkraad-pg-"))
    root.chmod(0o711)
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVER_ACCOUNT)
        os.chown(root, account.pw_uid, account.pw_gid)
    return root


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """PostgreSQL for the whole test process (each xdist worker has its own)."""
    bin_dir = binaries()
    if bin_dir is None:
        _unavailable("its programs (initdb, pg_ctl) are not installed")
    assert bin_dir is not None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_ACCOUNT)
        except KeyError:
            _unavailable(f"the account {SERVER_ACCOUNT!r} to run it as (not root) is missing")
    server = PostgresServer(bin_dir, server_root())
    try:
        server.start()
    except RuntimeError as exc:
        shutil.rmtree(server.root, ignore_errors=True)
        _unavailable(f"it did not start: {exc}")
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """A database with Wijkraad's schema, migrated once: the tests' databases copy it."""
    from dashboard.store.db import open_store

    name = postgres_server.create_database()
    open_store(postgres_server.url(name)).close()
    return name


@pytest.fixture
def postgres_store_url(postgres_server: PostgresServer, postgres_template: str) -> Iterator[str]:
    """The URL of a new database with the schema and no data, dropped after the test."""
    name = postgres_server.create_database(template=postgres_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def postgres_demo_template(
    postgres_server: PostgresServer, postgres_template: str, demo_db_template: Path
) -> str:
    """The tests' demo municipality (tests/conftest.py) copied into PostgreSQL once."""
    import duckdb

    from dashboard.store.db import open_store
    from dashboard.store.transfer import copy_duckdb_into

    name = postgres_server.create_database(template=postgres_template)
    store = open_store(postgres_server.url(name))
    source = duckdb.connect(str(demo_db_template), read_only=True)
    try:
        copy_duckdb_into(source, store)
    finally:
        source.close()
        store.close()
    return name


@pytest.fixture
def postgres_demo_url(
    postgres_server: PostgresServer, postgres_demo_template: str
) -> Iterator[str]:
    """The URL of a fresh copy of the demo municipality on PostgreSQL, dropped after the test."""
    name = postgres_server.create_database(template=postgres_demo_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)

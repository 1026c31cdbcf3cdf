"""The files that hold personal data and password hashes are the app user's alone (issue 15,
item 7): the database, its write-ahead log (created at later writes, again after every
checkpoint), the generator's output and the photos next to the database are 0600, their
folder 0700, whatever the umask the process started with."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.config import photo_folder
from dashboard.files.photos import photo_path, save_photo
from dashboard.store import audit
from dashboard.store.db import open_store
from data.generate import Settings, generate
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]


def png() -> bytes:
    """A real (tiny) PNG: photos are read through before they are stored."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (40, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common default (022: everyone may read new files), restored afterwards."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_a_new_database_and_its_log_are_private(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "new.duckdb"
    wal = tmp_path / "new.duckdb.wal"
    store = open_store(path)
    try:
        store.checkpoint()
        assert not wal.exists()
        with store.transaction() as unit:  # the log is made again by this write
            audit.append(unit, "test", "write", "nothing")
        assert wal.exists()
        assert mode(path) == 0o600
        assert mode(wal) == 0o600
    finally:
        store.close()


def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    path.chmod(0o644)
    open_store(path).close()
    assert mode(path) == 0o600


def test_the_generator_writes_a_private_file(tmp_path: Path, loose_umask: None) -> None:
    target = tmp_path / "demo.duckdb"
    settings = Settings(residents=200, neighbourhoods=2, districts=1, years=1, today=DEMO_TODAY)
    generate(target, settings)
    assert mode(target) == 0o600
    assert not list(tmp_path.glob(".demo.duckdb.*"))  # no temporary file left over
    generate(target, settings, force=True)  # replacing keeps it private
    assert mode(target) == 0o600


def test_the_generator_program_writes_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "demo.duckdb"
    done = subprocess.run(
        [sys.executable, "-c", "import os, runpy, sys; os.umask(0o022); "
         "sys.argv = ['generate', *sys.argv[1:]]; runpy.run_module('data.generate', "
         "run_name='__main__')",
         "--residents", "200", "--neighbourhoods", "2", "--districts", "1", "--years", "1",
         "--out", str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert mode(target) == 0o600


def test_photos_are_private(
    tmp_path: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_DB", str(tmp_path / "wijkraad.duckdb"))
    name = save_photo(png())
    assert mode(photo_folder()) == 0o700
    assert mode(photo_folder() / name) == 0o600
    assert [p.name for p in photo_folder().iterdir()] == [name]


def test_photos_go_to_the_configured_shared_folder(
    tmp_path: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WIJKRAAD_PHOTOS names the folder every app server reaches; nothing lands beside the
    database then, and the photo is found again by its name."""
    monkeypatch.setenv("WIJKRAAD_DB", str(tmp_path / "db" / "wijkraad.duckdb"))
    shared = tmp_path / "shared" / "photos"
    monkeypatch.setenv("WIJKRAAD_PHOTOS", str(shared))
    name = save_photo(png())
    assert photo_path(name) == shared / name
    assert mode(shared / name) == 0o600
    assert not (tmp_path / "db").exists()

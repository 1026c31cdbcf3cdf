"""scripts/run.sh makes the demo municipality only on purpose: for the default database file
when it is missing, or for the file WIJKRAAD_DB names with WIJKRAAD_DEMO=1. It never
overwrites a file, and a missing file named by WIJKRAAD_DB alone is left for the app to
refuse. Run on a copy of the scripts with a stand-in for uv that records what it is asked
to run, so no database is made and no server started."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FAKE_UV = """#!/bin/sh
echo "WIJKRAAD_DB=${WIJKRAAD_DB:-} $*" >> "$UV_LOG"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "wijkraad"
    (root / "scripts").mkdir(parents=True)
    for name in ("run.sh", "uv.sh", "bytecode.sh"):
        shutil.copy(REPO / "scripts" / name, root / "scripts" / name)
    shutil.copy(REPO / "uv.lock", root / "uv.lock")
    (root / ".venv").mkdir()
    (root / "data").mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "uv").write_text(FAKE_UV)
    (bin_dir / "uv").chmod(0o755)
    return root


def run(checkout: Path, **env: str) -> tuple[list[str], str]:
    """The commands run.sh ran through uv (generate and serve only), and what it printed
    on standard error."""
    log = checkout.parent / "uv.log"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("WIJKRAAD_DB", "WIJKRAAD_DEMO")
    }
    environment |= {"PATH": f"{checkout.parent / 'bin'}:{os.environ['PATH']}", "UV_LOG": str(log)}
    environment |= env
    done = subprocess.run(
        ["sh", str(checkout / "scripts" / "run.sh")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    commands = [line for line in log.read_text().splitlines() if " -m " in line]
    return commands, done.stderr


def generated(commands: list[str]) -> list[str]:
    return [c.split(" --out ")[1] for c in commands if "-m data.generate" in c]


def test_the_default_file_missing_gets_the_demo(checkout: Path) -> None:
    commands, _ = run(checkout)
    assert generated(commands) == ["data/wijkraad.duckdb"]
    assert commands[-1].startswith("WIJKRAAD_DB=data/wijkraad.duckdb ")
    assert "-m dashboard.web.serve" in commands[-1]


def test_an_existing_default_file_is_opened_as_it_is(checkout: Path) -> None:
    (checkout / "data" / "wijkraad.duckdb").write_bytes(b"kept")
    commands, _ = run(checkout)
    assert generated(commands) == []
    assert (checkout / "data" / "wijkraad.duckdb").read_bytes() == b"kept"


def test_a_missing_file_named_by_wijkraad_db_gets_no_demo(checkout: Path) -> None:
    named = checkout.parent / "productie.duckdb"
    commands, stderr = run(checkout, WIJKRAAD_DB=str(named))
    assert generated(commands) == []
    assert f"No database at {named}" in stderr and "WIJKRAAD_DEMO=1" in stderr
    assert commands[-1].startswith(f"WIJKRAAD_DB={named} ")  # the app says it is missing
    assert "-m dashboard.web.serve" in commands[-1]
    assert not named.exists()


def test_wijkraad_demo_makes_the_demo_in_the_named_file(checkout: Path) -> None:
    named = checkout.parent / "demo.duckdb"
    commands, _ = run(checkout, WIJKRAAD_DB=str(named), WIJKRAAD_DEMO="1")
    assert generated(commands) == [str(named)]


def test_wijkraad_demo_never_replaces_an_existing_file(checkout: Path) -> None:
    named = checkout.parent / "echt.duckdb"
    named.write_bytes(b"real data")
    commands, _ = run(checkout, WIJKRAAD_DB=str(named), WIJKRAAD_DEMO="1")
    assert generated(commands) == []
    assert named.read_bytes() == b"real data"

"""What a `docker build` of the app image (deploy/Dockerfile) receives from the checkout
(issue 20): the app's own files and nothing a run or a person leaves there. The app's
default database is `data/wijkraad.duckdb`, with its signing secret and photos beside it;
the image of a city built on a machine that ran the app must not carry its residents."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.docker_context import context_files, excluded, parse, read

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("lines", "path", "out"),
    [
        # The examples of Docker's documentation of .dockerignore.
        (["*/temp*"], "somedir/temporary.txt", True),
        (["*/temp*"], "somedir/temp", True),
        (["*/temp*"], "temporary.txt", False),
        (["*/temp*"], "a/b/temp", False),
        (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
        (["temp?"], "tempa", True),
        (["temp?"], "tempab", False),
        (["**/*.go"], "main.go", True),
        (["**/*.go"], "a/b/c.go", True),
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README.md"], "CHANGES.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "README-x.md", False),
        (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
        # A folder's pattern covers what is in it; `*` and `?` stop at a `/`.
        (["/data/photos/"], "data/photos/7/a.jpg", True),
        (["*.duckdb"], "data/wijkraad.duckdb", False),
        (["**/*.duckdb"], "data/wijkraad.duckdb", True),
        (["#*.duckdb"], "x.duckdb", False),
    ],
)
def test_patterns_match_as_docker_matches(lines: list[str], path: str, out: bool) -> None:
    assert excluded(path, parse(lines)) is out


LEFT_OUT = [
    # The database, its log and signing secret, photos: wherever the app keeps them.
    "data/wijkraad.duckdb", "data/wijkraad.duckdb.wal", "data/wijkraad.duckdb.secret",
    "data/photos/3/kunstgras.jpg", "elsewhere/copy.duckdb", "demo.duckdb",
    # Files a person may leave: a register extract, registrations, an export, a bundle.
    "register.csv", "data/uittreksel BRP.xlsx", "dashboard/aanmeldingen.csv",
    "loting-2026.zip", "sortition/bundle.json",
    # The deployment's and Streamlit's secrets, environments, caches, test output.
    "deploy/.env", "deploy/certificates/privkey.pem", ".streamlit/secrets.toml",
    ".venv/bin/python", ".git/config", "dashboard/__pycache__/app.cpython-311.pyc",
    "test-artifacts/page.png", "bench/out/result.txt", "tests/conftest.py",
]  # fmt: skip


@pytest.mark.parametrize("path", LEFT_OUT)
def test_data_secrets_and_tools_stay_out_of_the_image(path: str) -> None:
    assert excluded(path, read(ROOT))


def test_the_image_gets_every_file_of_the_app_and_the_lock() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "dashboard", "sortition", "voting", "data/*.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    needed = {*tracked, "pyproject.toml", "uv.lock", "streamlit_app.py", ".streamlit/config.toml"}
    sent = set(context_files(ROOT))
    assert needed - sent == set()
    assert {p for p in sent if not p.endswith((".py", ".sql"))} <= needed


def test_files_left_in_a_checkout_are_not_sent(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text((ROOT / ".dockerignore").read_text())
    for path in [*LEFT_OUT, "dashboard/app.py", "data/generate.py", "uv.lock"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    assert context_files(tmp_path) == ["dashboard/app.py", "data/generate.py", "uv.lock"]

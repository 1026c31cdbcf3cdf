"""The app image (deploy/Dockerfile) tried with processes, where no container engine runs
(issue 20): the files a build receives (.dockerignore, tests/docker_context.py) copied to
a folder nobody may write to, the environment made by the Dockerfile's own `uv sync`
(the app's packages without the test tools), its CMD run as an account without
privileges with the compose file's settings against an empty PostgreSQL database, its
HEALTHCHECK, and deploy/README.md's first start: the administrator made with the
documented command, the residents' pages shown, the administrator logged in."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Page

from tests.docker_context import context_files
from tests.e2e.harness import free_port, log_in, screenshot, wait_until_ready

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "deploy" / "Dockerfile"
IMAGE_VENV = "/opt/venv"
UNPRIVILEGED = "nobody"
PASSWORD = "een lang wachtwoord voor beheer"


def instructions(name: str) -> list[str]:
    """The arguments of every `name` instruction of the Dockerfile (lines joined)."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    return [line.split(None, 1)[1] for line in text.splitlines() if line.startswith(f"{name} ")]


def exec_form(arguments: str, venv: Path) -> list[str]:
    """A CMD's JSON array, with this machine's environment folder for the image's."""
    return [part.replace(IMAGE_VENV, str(venv)) for part in json.loads(arguments)]


def image_environment(venv: Path) -> dict[str, str]:
    """The Dockerfile's ENV lines (`ENV A=1 B=2`), with this machine's environment folder."""
    found: dict[str, str] = {}
    for line in instructions("ENV"):
        for pair in line.split():
            key, value = pair.split("=", 1)
            found[key] = value.replace(IMAGE_VENV, str(venv))
    return found


def uv() -> list[str]:
    """uv as scripts/uv.sh found it (it exports UV), else from PATH or Python."""
    named = os.environ.get("UV") or shutil.which("uv") or "python3 -m uv"
    return named.split()


def interpreter() -> str:
    """A Python the image's account may run: as root, the system's (the one running the
    tests may live in root's home); otherwise the tests' own."""
    if os.geteuid() != 0:
        return str(getattr(sys, "_base_executable", sys.executable))
    system = Path("/usr/bin/python3")
    assert system.is_file(), "the image's account needs a Python outside root's home"
    return str(system)


@pytest.fixture
def image() -> Iterator[tuple[Path, Path]]:
    """The image's /app (read-only) and /opt/venv, in a folder others may read."""
    root = Path(tempfile.mkdtemp(prefix="wijkraad-image-"))
    root.chmod(0o755)
    app, venv = root / "app", root / "venv"
    for name in context_files(REPO):
        (app / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, app / name)
    (sync,) = [line for line in instructions("RUN") if line.startswith("uv sync")]
    # Compiling the packages' bytecode (the image does) takes 20 s here and changes no file
    # the app runs on.
    environment = {**os.environ, **image_environment(venv), "UV_COMPILE_BYTECODE": "0"}
    environment["UV_PYTHON"] = interpreter()
    subprocess.run([*uv(), *sync.split()[1:]], cwd=app, env=environment, check=True)
    subprocess.run(["chmod", "-R", "a+rX,a-w", str(app), str(venv)], check=True)
    try:
        yield app, venv
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(root)], check=True)
        shutil.rmtree(root, ignore_errors=True)


def as_the_image_user(command: list[str]) -> list[str]:
    """The image runs as an account without privileges; so does the test, run as root."""
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    assert runuser, "runuser (util-linux) is missing"
    return [runuser, "-u", UNPRIVILEGED, "--", *command]


def run_in_image(
    command: list[str], app: Path, settings: dict[str, str], typed: str | None = None
) -> str:
    """Run `command` as `docker compose exec` would in the image; `typed` is its input."""
    done = subprocess.run(
        as_the_image_user(command), cwd=app, env=settings, input=typed, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{command} failed: {done.stdout}\n{done.stderr}"
    return str(done.stdout)


def server_output(log: IO[bytes]) -> str:
    """The end of what the server wrote."""
    log.seek(0)
    return log.read().decode(errors="replace")[-3000:]


def test_the_image_starts_on_an_empty_database_and_serves_its_first_start(
    image: tuple[Path, Path], postgres_database: str, page: Page
) -> None:
    app, venv = image
    port = free_port()
    photos = Path(tempfile.mkdtemp(prefix="wijkraad-photos-"))
    if os.geteuid() == 0:
        shutil.chown(photos, UNPRIVILEGED)
    settings = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(app),  # the image's user has /app, which it may not write, as home
        **image_environment(venv),
        # The compose file's settings for the app servers.
        "WIJKRAAD_DATABASE_URL": postgres_database,
        "WIJKRAAD_SECRET": "een-geheim-van-minstens-32-tekens-lang",
        "WIJKRAAD_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "WIJKRAAD_PHOTOS": str(photos),
        "WIJKRAAD_TRUSTED_PROXIES": "127.0.0.1",
    }
    (cmd,) = instructions("CMD")
    command = [
        part.replace("--server.address=0.0.0.0", "--server.address=127.0.0.1").replace(
            "--server.port=8501", f"--server.port={port}"
        )
        for part in exec_form(cmd, venv)
    ]
    (healthcheck,) = instructions("HEALTHCHECK")
    health = [
        part.replace(":8501/", f":{port}/")
        for part in exec_form(healthcheck.split("CMD", 1)[1], venv)
    ]
    # The server's output goes to a file: a pipe nobody reads while it runs can fill up.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            as_the_image_user(command), cwd=app, env=settings, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 90
            while subprocess.run(as_the_image_user(health), env=settings, check=False).returncode:
                assert server.poll() is None, server_output(log)
                assert time.monotonic() < deadline, "the image's health check never passed"
                time.sleep(1)
            # deploy/README.md, first start, step 4: the administrator.
            admin = [str(venv / "bin" / "python"), "-m", "dashboard.admin"]
            run_in_image(
                [*admin, "create-admin", "--username", "beheer", "--password-stdin"],
                app, settings, typed=f"{PASSWORD}\n",
            )  # fmt: skip
            # Step 5: the residents' pages, then the administrator's login.
            page.goto(settings["WIJKRAAD_PUBLIC_URL"])
            wait_until_ready(page, timeout_ms=60_000)
            assert page.locator("[data-testid='stException']").count() == 0
            screenshot(page, "app-image-first-start")
            page.goto(f"{settings['WIJKRAAD_PUBLIC_URL']}/login")
            wait_until_ready(page)
            log_in(page, "beheer", PASSWORD)
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.get_by_text("beheer").first.is_visible()
            screenshot(page, "app-image-administrator")
            assert "chain intact" in run_in_image([*admin, "verify-audit"], app, settings)
        finally:
            server.terminate()
            server.wait(timeout=30)
            output = server_output(log)
            shutil.rmtree(photos, ignore_errors=True)
    assert f"127.0.0.1:{port}" in output, output  # its start, so the output was read
    assert "Traceback" not in output, output

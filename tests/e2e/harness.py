"""Serve the app on 127.0.0.1 (alone, or two behind Debian's nginx) and drive Debian's
Chromium: shared by the browser tests and the page and load benchmarks."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
NGINX = Path("/usr/sbin/nginx")
ARTIFACTS = REPO / "test-artifacts"


@dataclass(frozen=True)
class Server:
    url: str
    database: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    database: Path,
    port: int | None = None,
    options: tuple[str, ...] = (),
    settings: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app; `options` are more Streamlit options (e.g. --secrets.files=...),
    `settings` more environment (e.g. WIJKRAAD_DATABASE_URL for PostgreSQL)."""
    port = port or free_port()
    env = {**os.environ, "WIJKRAAD_DB": str(database), **(settings or {})}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "dashboard.web.serve",
            "--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}",
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", *options,
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url)
    return process, url


def wait_healthy(process: subprocess.Popen[bytes], url: str, seconds: float = 60) -> None:
    """Wait until the server at `url` answers its health check; kill it when it does not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the Streamlit server did not become healthy within {seconds:.0f} s")


def proxy_config(deployed: str, port: int, upstreams: list[int], folder: Path) -> str:
    """deploy/nginx.conf on this machine: the upstream servers on local ports, plain http on
    `port` instead of https (no certificate here), files in `folder`. Everything else
    (sticky hashing, headers, limits) is the deployment's own."""
    config = deployed
    for number, upstream in enumerate(upstreams, start=1):
        config = config.replace(f"app{number}:8501", f"127.0.0.1:{upstream}")
    config = re.sub(r"server \{\s*listen 80;.*?\}\n", "", config, count=1, flags=re.S)
    config = config.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    config = re.sub(r"\s*ssl_certificate(_key)? [^;]+;", "", config)
    config = config.replace(
        "http {",
        f"http {{\n    access_log {folder}/access.log;\n"
        f"    client_body_temp_path {folder}/body;\n    proxy_temp_path {folder}/proxy;\n"
        f"    fastcgi_temp_path {folder}/fastcgi;\n    uwsgi_temp_path {folder}/uwsgi;\n"
        f"    scgi_temp_path {folder}/scgi;",
        1,
    )
    return f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n" + config


def start_proxy(upstreams: list[int], folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Debian's nginx with deploy/nginx.conf (`proxy_config`) in front of the app servers
    on the ports `upstreams`; its files in `folder`, which nginx's workers may write in."""
    port = free_port()
    deployed = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    config = folder / "nginx.conf"
    config.write_text(proxy_config(deployed, port, upstreams, folder), encoding="utf-8")
    process = subprocess.Popen(
        [str(NGINX), "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # nginx writes its errors to folder/error.log
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(process, url, seconds=30)  # the health check goes through to a server
    return process, url


CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]


@contextmanager
def running_server(
    database: Path,
    port: int | None = None,
    options: tuple[str, ...] = (),
    settings: dict[str, str] | None = None,
) -> Iterator[Server]:
    process, url = start_server(database, port, options, settings)
    try:
        yield Server(url, database)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the process to end; kill it after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_until_ready(tab: Page, timeout_ms: int = 30_000) -> None:
    """Connected, the script finished, and no skeleton placeholders left."""
    tab.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms
    )
    tab.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout_ms
    )


def click_and_wait(tab: Page, target: Locator, timeout_ms: int = 15_000) -> None:
    """Click `target` and wait until the reruns it starts are over: the script's state is
    watched from before the click, and it must have run and then stayed idle for half a
    second (a login reruns twice), so neither a fast rerun nor a slow start on a busy
    machine is missed."""
    tab.evaluate(
        """() => {
            window.__wijkraadRan = false;
            window.__wijkraadChanged = Date.now();
            const app = document.querySelector("[data-testid='stApp']");
            new MutationObserver(() => {
                window.__wijkraadChanged = Date.now();
                if (app.getAttribute("data-test-script-state") === "running") {
                    window.__wijkraadRan = true;
                }
            }).observe(app, {attributes: true});
        }"""
    )
    target.click()
    # After a navigation the flags are gone (undefined): wait_until_ready covers that.
    with contextlib.suppress(PlaywrightTimeoutError):
        tab.wait_for_function(
            """() => {
                if (window.__wijkraadRan === undefined) return true;
                const app = document.querySelector("[data-testid='stApp']");
                return window.__wijkraadRan
                    && app.getAttribute("data-test-script-state") === "notRunning"
                    && Date.now() - window.__wijkraadChanged > 500;
            }""",
            timeout=timeout_ms,
            polling=100,
        )
    wait_until_ready(tab)


def pick(tab: Page, picker: Locator, option: str | None = None) -> None:
    """Choose `option` (None: the first) in a drop-down. In headless Chromium a picker with
    nothing chosen yet often opens only on the arrow key after the click. Outside a form the
    choice starts a rerun, during which the page holds the old and the new elements: wait
    until it is over."""
    in_form = picker.evaluate("e => !!e.closest(\"[data-testid='stForm']\")")
    options = tab.get_by_role("option", name=option) if option else tab.get_by_role("option")
    for attempt in range(4):  # a rerun that was still under way may close the list again
        picker.click()
        tab.keyboard.press("ArrowDown")
        try:
            options.first.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 3:
                raise
            tab.keyboard.press("Escape")
    if in_form:
        options.first.click()
    elif options.first.get_attribute("aria-selected") == "true":
        tab.keyboard.press("Escape")  # chosen already: no rerun to wait for
    else:
        click_and_wait(tab, options.first)


def screenshot(tab: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def log_in(tab: Page, username: str, password: str) -> None:
    """Fill the login form on the page shown and wait until the login's reruns are over."""
    tab.get_by_label("Gebruikersnaam").fill(username)
    tab.get_by_label("Wachtwoord").fill(password)
    click_and_wait(tab, tab.get_by_role("button", name="Inloggen"))

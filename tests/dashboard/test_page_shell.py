"""The page Streamlit serves carries `<html lang>`, the script that puts Streamlit's words
in Dutch and the style fixes (dashboard/web/page_shell.py; the browser test
tests/e2e/test_accessibility.py checks what they do in Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit import file_util
from streamlit.web.server.starlette import starlette_static_routes as routes

from dashboard.web import page_shell
from tests.e2e.a11y import public_pages

STREAMLIT_INDEX = Path(file_util.get_static_dir()) / "index.html"


def test_the_index_says_dutch_and_carries_the_script_and_the_style() -> None:
    page = page_shell.served_index(STREAMLIT_INDEX.read_text(encoding="utf-8"))
    assert '<html lang="nl">' in page and '<html lang="en">' not in page
    head = page.split("</head>", 1)[0]
    assert f'<script id="{page_shell.MARK}">' in head
    assert f'<style id="{page_shell.MARK}-style">' in head
    assert "Direct naar de inhoud" in head and "Menu openen" in head
    script = head.split(f'<script id="{page_shell.MARK}">', 1)[1].split("</script>", 1)[0]
    assert "</" not in script  # nothing in the words can close the script early


def test_every_phrase_has_its_dutch_and_every_pattern_its_part() -> None:
    assert all(dutch and dutch != english for english, dutch in page_shell.STREAMLIT_NL.items())
    assert set(page_shell.STREAMLIT_NL) >= page_shell.LABELS_ONLY
    for pattern, dutch in page_shell.STREAMLIT_NL_PATTERNS:
        assert "(" in pattern and "$1" in dutch, pattern
    json.dumps(page_shell.STREAMLIT_NL_PATTERNS)  # the script receives them as JSON


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(
        routes, "create_streamlit_static_handler", routes.create_streamlit_static_handler
    )
    page_shell.install()
    page_shell.install()  # twice is once
    return TestClient(Starlette(routes=routes.create_streamlit_static_assets_routes(None)))


def test_the_server_serves_the_index_with_the_shell_on_every_page_address(
    client: TestClient,
) -> None:
    for address in ("/", "/resident_map", "/index.html"):
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert page_shell.MARK in answer.text and '<html lang="nl">' in answer.text, address
        assert answer.headers["cache-control"] == "no-cache"
    # a browser asking whether its copy is still good gets the page itself
    tag = client.get("/").headers.get("etag", '"x"')
    again = client.get("/", headers={"if-none-match": tag})
    assert again.status_code == 200 and page_shell.MARK in again.text


def test_streamlits_own_files_are_served_as_they_are(client: TestClient) -> None:
    answer = client.get("/favicon.png")
    assert answer.status_code == 200
    assert answer.content == (STREAMLIT_INDEX.parent / "favicon.png").read_bytes()


def test_the_browser_test_checks_every_residents_page_the_app_registers() -> None:
    pages = public_pages()
    assert pages[0] == "" and "resident_accessibility" in pages and "resident_map" in pages
    root = Path(__file__).resolve().parents[2] / "dashboard" / "pages"
    assert all((root / f"{name}.py").is_file() for name in pages if name)

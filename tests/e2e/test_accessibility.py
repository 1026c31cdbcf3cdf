"""Every residents' page (the section "Voor bewoners" of streamlit_app.py, read from it), in
Dutch and in English, on a phone and a computer (issue 18, items 2 and 3):

- `<html lang>` says the page's language;
- at 320 and 390 px wide no element scrolls sideways, is cut off or sticks out of the
  window, and every chart's and map's points lie inside it;
- headings skip no level;
- axe-core (WCAG 2.1 A and AA) finds nothing serious or critical at 390, 320 and 1366 px;
- Dutch pages show none of Streamlit's English words.

One server and one browser tab for the module: each page is opened once per language and
checked at each width by resizing the tab. A failure names the page, the language, the
width and the element."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.a11y import (
    axe_violations,
    heading_problems,
    layout_problems,
    public_pages,
    shown_words,
)
from tests.e2e.harness import Server, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGES = public_pages()
PHONES = (390, 320)
DESKTOP = 1366
HEIGHT = 844
# Streamlit's English, as it would show on a Dutch page without dashboard/web/page_shell.py
ENGLISH = ("Skip to main content", "Expand sidebar", "Collapse sidebar", "Link to heading",
           "Clear all", "Remove ", "Help for ", "Main menu", "Choose an option", "App pages",
           "Download plot", "Fullscreen", "Upload")  # fmt: skip


@pytest.fixture(scope="module")
def server(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    database = tmp_path_factory.mktemp("a11y") / "demo.duckdb"
    shutil.copy(demo_db_template, database)
    with running_server(database) as running:
        yield running


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": PHONES[0], "height": HEIGHT}, locale="nl-NL")
    yield context.new_page()
    context.close()


def open_page(tab: Page, server: Server, address: str, language: str) -> None:
    """The page at a phone's width, through the sidebar's menu when the tab already shows
    the site in this language (no new page load: the menu's link is clicked from script,
    the menu being folded away on a phone), else by its address. The page is there when
    the browser's tab has its title and the script has finished."""
    tab.set_viewport_size({"width": PHONES[0], "height": HEIGHT})
    link = tab.locator(f"[data-testid='stSidebarNavLink'][href='{server.url}/{address}']")
    same_site = tab.url.startswith(server.url)
    if same_site and tab.evaluate("document.documentElement.lang") == language and link.count():
        title = f"{link.first.inner_text().strip()} · Wijkraad"
        link.first.evaluate("(a) => a.click()")
        tab.wait_for_function(
            """(title) => document.title === title && document.querySelector(
                "[data-testid='stApp'][data-test-script-state='notRunning']")""",
            arg=title,
            timeout=30_000,
        )
        wait_until_ready(tab)
    else:
        query = "?lang=en" if language == "en" else ""
        tab.goto(f"{server.url}/{address}{query}")
        wait_until_ready(tab)


@pytest.mark.parametrize(
    ("language", "address"),
    [(language, address) for language in ("nl", "en") for address in PAGES],
    ids=lambda value: value or "overview",
)
def test_page_on_phones_and_computer(
    server: Server, tab: Page, language: str, address: str
) -> None:
    open_page(tab, server, address, language)
    where = f"page /{address} ({language})"
    problems = []
    lang = tab.evaluate("document.documentElement.lang")
    if lang != language:
        problems.append(f'{where}: <html lang="{lang}">')
    if language == "nl":
        shown = shown_words(tab)
        problems += [f"{where}: Streamlit's English {w!r}" for w in ENGLISH if w in shown]
    problems += [f"{where}: {p}" for p in heading_problems(tab)]
    for width in (*PHONES, DESKTOP):
        tab.set_viewport_size({"width": width, "height": HEIGHT})
        if width in PHONES:
            problems += [f"{where} at {width} px: {p}" for p in layout_problems(tab)]
        problems += [f"{where} at {width} px: axe {p}" for p in axe_violations(tab)]
    assert not problems, "\n".join(problems)

"""Debian's Chromium for every browser test, wherever it lives: one Playwright per test
process (a second sync Playwright in the same process fails), so the fixtures are defined
once, here, and loaded by tests/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "CI needs /usr/bin/chromium for the browser tests (apt-get install chromium)"
            )
        pytest.skip("/usr/bin/chromium is missing: sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """When a browser test fails, keep what every open tab showed: a screenshot in the test
    artefacts and the page's text in the report (CI's log is all there is afterwards)."""
    report = yield
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.when == "call" and report.failed and browser is not None:
        ARTIFACTS.mkdir(exist_ok=True)
        tabs = [tab for context in browser.contexts for tab in context.pages]
        for number, tab in enumerate(tabs, start=1):
            name = f"failed-{item.name}-{number}"
            try:
                tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
                text = tab.inner_text("body", timeout=5_000)
            except Exception as exc:  # the tab may be gone with the failure
                text = f"(not readable: {exc})"
            report.sections.append((f"tab {number}: {tab.url}", text))
    return report

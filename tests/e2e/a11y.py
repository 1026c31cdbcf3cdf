"""What the accessibility browser test checks on a page (tests/e2e/test_accessibility.py):
the residents' pages as streamlit_app.py registers them, sideways scrolling at a phone's
width, heading order, markers inside their map, and axe-core's findings."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
PUBLIC_SECTION = "Voor bewoners"

# axe-core's rules for WCAG 2.0 and 2.1, levels A and AA
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACT = ("serious", "critical")


def public_pages(app: Path = REPO / "streamlit_app.py") -> list[str]:
    """The address of every page of the residents' section ("" for the default page),
    read from streamlit_app.py, so that a page added there is checked too."""
    for node in ast.walk(ast.parse(app.read_text())):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if _section_name(key) == PUBLIC_SECTION and isinstance(value, ast.List):
                return [_address(call) for call in value.elts if isinstance(call, ast.Call)]
    raise AssertionError(f"no section {PUBLIC_SECTION!r} in {app}")


def _section_name(key: ast.expr | None) -> str | None:
    if isinstance(key, ast.Call) and key.args and isinstance(key.args[0], ast.Constant):
        return str(key.args[0].value)
    return None


def _address(call: ast.Call) -> str:
    """st.Page(f"{PAGES}/name.py", ..., default=True): "" for the default, else the file's
    name (Streamlit's url_path, unless the call names one)."""
    flags = {k.arg: k.value for k in call.keywords}
    default = flags.get("default")
    if isinstance(default, ast.Constant) and default.value is True:
        return ""
    url_path = flags.get("url_path")
    if isinstance(url_path, ast.Constant):
        return str(url_path.value)
    source = ast.unparse(call.args[0])
    return source.rsplit("/", 1)[-1].split(".py", 1)[0]


# The checks, in the page (a11y.js):
# - sideways(): every visible element that scrolls sideways (overflow auto/scroll and
#   wider inside than its box; `stMain` and the page itself included), whose content is cut
#   off (overflow hidden; a one-pixel box is the screen-reader-only pattern and left out),
#   or that sticks out of the window with no ancestor to clip it; named by its data-testid
#   or tag and its first words;
# - headings(): a heading more than one level deeper than the one before it (h1, h3);
# - markers(): a point of a chart or map outside it (maps: each point projected);
# - chartsSettled(): charts have the same widths as at the last look (they draw again
#   after a change of width);
# - axe(tags): axe-core's violations.
CHECKS = (Path(__file__).with_name("a11y.js")).read_text(encoding="utf-8").rstrip().rstrip(";")
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def _check(tab: Page, name: str, argument: object = None) -> Any:
    return tab.evaluate(f"(argument) => ({CHECKS}).{name}(argument)", argument)


def layout_problems(tab: Page) -> list[str]:
    tab.evaluate("() => { window.__wijkraadChartWidths = undefined; }")
    tab.wait_for_function(f"() => ({CHECKS}).chartsSettled()", timeout=10_000, polling=150)
    return list(_check(tab, "sideways")) + list(_check(tab, "markers"))


def shown_words(tab: Page) -> str:
    return str(_check(tab, "words"))


def heading_problems(tab: Page) -> list[str]:
    return list(_check(tab, "headings"))


def axe_violations(tab: Page) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA: rule, impact, the
    elements (CSS selector and HTML) and why. axe's script (shipped by the
    axe-playwright-python package) is put into the page once per page load."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    found = []
    for violation in _check(tab, "axe", WCAG_AA):
        if violation.get("impact") not in FAILING_IMPACT:
            continue
        for node in violation["nodes"][:5]:
            why = " ".join((node.get("why") or "").split())[:300]
            html = " ".join((node.get("html") or "").split())[:200]
            target = ", ".join(map(str, node["target"]))
            found.append(f"{violation['id']} ({violation['impact']}): {target} {html} — {why}")
    return found

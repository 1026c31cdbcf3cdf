"""The residents' pages in Dutch by default and in English on request (that every
sentence has its English: tests/dashboard/test_translations.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from tests import app_pages

ROOT = Path(__file__).resolve().parents[2]


def run(query: dict[str, str], page: str | None = None) -> AppTest:
    at = app_pages.open_page(page, query=query)
    assert not at.exception, at.exception
    return at


def test_dutch_by_default(app_db: Path) -> None:
    at = run({"wijk": "WK001"})
    assert at.title[0].value == "Het geld van uw wijk"
    assert at.radio(key="taal").value == "nl"


def test_a_link_with_lang_en_opens_the_pages_in_english(app_db: Path) -> None:
    at = run({"wijk": "WK001", "lang": "en"})
    assert at.title[0].value == "Your neighbourhood's money"
    assert [m.label for m in at.metric] == ["Budget", "Decided", "Spent", "Still to allocate"]
    decisions = run({"wijk": "WK001", "lang": "en"}, "dashboard/pages/resident_decisions.py")
    assert decisions.title[0].value == "Decisions and projects"
    shown = " ".join(m.value for m in decisions.markdown)
    assert "**Why:**" in shown and " for, " in shown
    council = run({"wijk": "WK001", "lang": "en"}, "dashboard/pages/resident_council.py")
    assert "How was the council drawn?" in [h.value for h in council.header]


def test_the_switch_changes_the_language_and_the_link(app_db: Path) -> None:
    at = run({"wijk": "WK001"})
    at.radio(key="taal").set_value("en").run()
    assert at.title[0].value == "Your neighbourhood's money"
    assert at.query_params["lang"] == "en"
    at.radio(key="taal").set_value("nl").run()
    assert at.title[0].value == "Het geld van uw wijk"
    assert "lang" not in at.query_params


def test_staff_navigation_follows_the_language(app_db: Path) -> None:
    organiser = Caller("organisator", Role.ORGANISER, None)
    at = app_pages.open_page(caller=organiser, query={"lang": "en"})
    assert not at.exception, at.exception
    assert "Logged in as **organisator** (organiser)" in [c.value for c in at.sidebar.caption]
    assert [b.label for b in at.sidebar.button] == ["Log out"]
    at.radio(key="taal").set_value("nl").run()
    assert "Ingelogd als **organisator** (organisator)" in [c.value for c in at.sidebar.caption]
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]


def test_no_widget_falls_back_to_streamlits_english_placeholder() -> None:
    """A select box without a preselected option and a multiselect show 'Choose an
    option' and a date field its format in English unless told otherwise."""
    missing = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            kind, given = node.func.attr, {k.arg: k.value for k in node.keywords}
            index = given.get("index")
            empty = isinstance(index, ast.Constant) and index.value is None
            if (kind == "multiselect" or (kind == "selectbox" and empty)) and (
                "placeholder" not in given
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {kind}")
            if kind == "date_input" and "format" not in given:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {kind}")
    assert not missing, missing

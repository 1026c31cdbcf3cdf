"""The file uploader speaks Dutch on Dutch pages (issue 17, item 7)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.components.uploader_text import DUTCH_STYLE
from tests.app_pages import open_page


def styles(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def test_the_dutch_words_replace_streamlits() -> None:
    assert '"Bestand kiezen"' in DUTCH_STYLE
    assert '"of sleep het hierheen"' in DUTCH_STYLE
    # one sheet for every uploader: no limit in it, the labels say theirs
    assert "MB" not in DUTCH_STYLE


def test_dutch_pages_carry_the_style_and_english_pages_do_not(app_db: Path) -> None:
    assert "Bestand kiezen" in styles(open_page())
    assert "Bestand kiezen" not in styles(open_page(query={"lang": "en"}))

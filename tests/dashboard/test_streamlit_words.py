"""Streamlit's own English words stay off Dutch pages (issue 17, item 7): a multiselect
offers "Select all" unless told not to, in English whatever the page's language."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_no_multiselect_offers_streamlits_english_select_all() -> None:
    offending = []
    for path in sorted((REPO / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "multiselect"
            ):
                flags = {k.arg: k.value for k in node.keywords}
                off = flags.get("select_all")
                if not (isinstance(off, ast.Constant) and off.value is False):
                    offending.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offending == [], f"pass select_all=False: {offending}"

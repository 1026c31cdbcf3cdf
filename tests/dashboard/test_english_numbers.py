"""Amounts and dates on the residents' pages in the page's language: € 4.250 and
23 november 2026 on a Dutch page, €4,250 and 23 November 2026 on an English one, from the
one formatter (`money.euro`, `components/dates.long_date`); and every residents' page
passes its language to it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dashboard.domain.money import euro
from dashboard.services import overview, public
from dashboard.store.db import open_store
from tests import app_pages
from tests.conftest import DEMO_TODAY
from tests.shown import shown

ROOT = Path(__file__).resolve().parents[2]
DUTCH_AMOUNT = re.compile(r"€\s?-?\d{1,3}(\.\d{3})+(?!\d)|€\s?-?\d+,\d\d(?!\d)")
ENGLISH_AMOUNT = re.compile(r"€\d{1,3}(,\d{3})+(?!\d)|€\d+\.\d\d(?!\d)")
DUTCH_DATE = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    r"|november|december) 20\d\d"
)
PAGES = {
    "overview": None,
    "decisions": "dashboard/pages/resident_decisions.py",
    "compare": "dashboard/pages/resident_compare.py",
    "project": "dashboard/pages/resident_project.py",
}


def page_text(page: str | None, lang: str | None, **extra: str) -> str:
    query = {"wijk": "WK001", **extra, **({"lang": lang} if lang else {})}
    at = app_pages.open_page(page, query=query)
    assert not at.exception, at.exception
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric] + [e.label for e in at.expander]
    return shown("\n".join(parts))


def fixed_text(page: str | None, lang: str | None, **extra: str) -> str:
    """The page without what people typed in quotes (a consultation's question, “Hoe
    verdelen we € 25.000 …?”, stays as typed)."""
    return re.sub("“[^”]*”", "“…”", page_text(page, lang, **extra))


def test_the_overview_writes_amounts_in_the_pages_language(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        money = overview.neighbourhood_budget(store, 1, DEMO_TODAY.year, DEMO_TODAY).summary
    finally:
        store.close()
    dutch, english = page_text(None, None), page_text(None, "en")
    assert euro(money.budget) in dutch and euro(money.budget, "en") in english
    assert f"Budget {euro(money.budget, 'en')}" in english
    assert f"Van de **{euro(money.budget)}** voor" in dutch
    assert not DUTCH_AMOUNT.search(english), DUTCH_AMOUNT.search(english)
    assert not ENGLISH_AMOUNT.search(dutch), ENGLISH_AMOUNT.search(dutch)


def test_every_residents_page_with_money_writes_it_the_english_way_in_english(
    app_db: Path,
) -> None:
    store = open_store(app_db)
    try:
        paid = [v for v in public.projects(store, 1, DEMO_TODAY) if v.project.spent > 0]
    finally:
        store.close()
    for name, page in PAGES.items():
        extra = {"project": paid[0].project.external_ref} if name == "project" else {}
        english = fixed_text(page, "en", **extra)
        assert ENGLISH_AMOUNT.search(english), name  # amounts are shown, the English way
        found = DUTCH_AMOUNT.search(english)
        assert not found, (name, found)
        assert not DUTCH_DATE.search(english), (name, DUTCH_DATE.search(english))


def test_residents_pages_pass_their_language_to_the_amount() -> None:
    """`euro(amount)` alone is Dutch: on a residents' page (and the components they use)
    every amount names the page's language, so an English page never shows € 4.250."""
    public = [*(ROOT / "dashboard" / "pages").glob("resident_*.py"),
              *(ROOT / "dashboard" / "components").glob("*.py")]  # fmt: skip
    missing = []
    for path in public:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "euro"
                and len(node.args) + len(node.keywords) < 2
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")  # fmt: skip
    assert not missing, missing

"""No public page shows a name or an address from the register: every public page is
rendered (the overview for every neighbourhood) and searched for every resident's name,
street address and postcode; so are every public export, every draw bundle and the log
lines written meanwhile."""

import logging
from pathlib import Path

import duckdb
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from dashboard.components.decisions_view import (
    decisions_csv,
    open_proposals_csv,
    projects_csv,
)
from dashboard.services import overview, public
from dashboard.web.app_state import _store
from tests import app_pages
from tests.app_pages import APP
from tests.conftest import DEMO_TODAY

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"


def public_pages() -> list[str]:
    """Every page file the anonymous public can open (found by trying them all)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    found = []
    for path in sorted(PAGES.glob("*.py")):
        try:
            at.switch_page(str(path))
        except ValueError:
            continue
        found.append(str(path))
    assert len(found) >= 4, found
    return found


def everything_shown(at: AppTest) -> str:
    """All text of the rendered page: every element's protobuf, children included."""
    parts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(parts)


def register(database: Path) -> tuple[list[str], set[str]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(
            "SELECT first_name || ' ' || last_name, street || ' ' || house_number, postcode "
            "FROM resident_contact"
        ).fetchall()
        codes = [
            r[0] for r in con.execute("SELECT code FROM neighbourhood ORDER BY code").fetchall()
        ]
    finally:
        con.close()
    return codes, {value for row in rows for value in row}


def test_no_public_page_shows_a_name_or_address(app_db: Path) -> None:
    codes, personal = register(app_db)
    assert len(personal) > 4000
    shown = []
    for code in codes:
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["wijk"] = code
        at.run()
        assert not at.exception
        shown.append(everything_shown(at))
    for page in public_pages():
        at = app_pages.open_page(page)
        assert not at.exception
        shown.append(everything_shown(at))
    text = "\n".join(shown)
    assert "Het geld van uw wijk" in text  # the search sees the rendered pages
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data on a public page: {leaked[:5]}"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_no_public_export_bundle_or_log_line_holds_a_name_or_address(app_db: Path) -> None:
    _, personal = register(app_db)
    logs = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("streamlit"), logging.getLogger("dashboard")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(logs)
        logger.setLevel(logging.DEBUG)
    texts: list[str] = []
    try:
        for page in public_pages():  # every public page, with its log lines
            at = app_pages.open_page(page)
            assert not at.exception
        store = _store(str(app_db))
        for hood in overview.neighbourhoods(store):
            for year in public.decision_years(store, hood.id):
                texts.append(decisions_csv(public.decisions(store, hood.id, year)).decode())
            texts.append(projects_csv(public.projects(store, hood.id, DEMO_TODAY)).decode())
            waiting = public.open_proposals(store, hood.id, DEMO_TODAY)
            texts.append(open_proposals_csv(waiting).decode())
            view = public.council_view(store, hood.id, DEMO_TODAY)
            draw_ids: list[int] = []
            if view is not None and view.draw is not None:
                draw_ids = [view.draw.draw_id, *(f.draw_id for f in view.follow_ups)]
            texts += [public.draw_bundle(store, d) or "" for d in draw_ids]
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(logs)
            logger.setLevel(level)
    assert sum('"commitment"' in text for text in texts) >= 3  # the bundles were searched
    assert logs.lines  # and so were the log lines
    text = "\n".join([*texts, *logs.lines])
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data in an export, a bundle or the log: {leaked[:5]}"

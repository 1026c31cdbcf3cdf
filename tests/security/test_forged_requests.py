"""Every page opened with forged addresses and forged widget state, by every kind of
caller: no page breaks (the suite lets errors through the boundary, so a break fails
here), and when one does break the user sees a Dutch message with an incident number
and the log has no message text of the error."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from dashboard.domain.auth import PUBLIC, Caller, Role
from dashboard.web import error_boundary
from tests import app_pages

# Three hundred page runs: left out of the year-ahead run (scripts/test.sh).
pytestmark = pytest.mark.slow

CALLERS = {
    "public": PUBLIC,
    "organiser": Caller("organisator", Role.ORGANISER, None),
    "wijkorganisator": Caller("wijkorganisator", Role.ORGANISER, frozenset({1})),
    "alderman": Caller("wethouder", Role.ALDERMAN, None),
    "administrator": Caller("beheer", Role.ADMINISTRATOR, None),
}
PAGES = [
    "resident_overview",
    "resident_decisions",
    "resident_council",
    "resident_map",
    "resident_ceremonies",
    "resident_check",
    "login",
    "organiser_draw",
    "organiser_budget",
    "organiser_privacy",
    "alderman_monitor",
    "admin_users",
]
FORGED = [
    {"wijk": "WK999", "loting": "999999", "stap": "99", "scherm": "projector", "lang": "xx"},
    {"wijk": "' OR 1=1 --", "loting": "-1", "stap": "1.5", "scherm": "<script>", "lang": "en"},
    {"wijk": "x" * 5000, "loting": "1e9", "stap": "7", "scherm": "projector"},
    {"wijk": "%00", "loting": "abc", "stap": "-3"},
    {"wijk": "WK001", "loting": "1", "stap": "8", "scherm": "projector"},
    {"loting": "3", "stap": "7", "scherm": "projector"},
]


@pytest.fixture
def app_db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIJKRAAD_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return demo_db


@pytest.mark.parametrize("who", sorted(CALLERS))
def test_forged_addresses_break_no_page(app_db: Path, who: str) -> None:
    broken = []
    for page, query in itertools.product(PAGES, FORGED):
        # A page the caller may not open shows its stand-in (tests/dashboard/test_login_pages.py).
        at = app_pages.open_page(f"dashboard/pages/{page}.py", caller=CALLERS[who], query=query)
        if at.exception:
            broken.append(f"{page} {query}: {at.exception[0].message[:200]}")
    assert broken == []


FORGED_STATE: dict[tuple[str, str], list[dict[str, object]]] = {
    # the map's selection: a point that names no neighbourhood, or is not even a point
    ("resident_map", "wijkkaart"): [
        {"selection": {"points": [{"customdata": ["WK999"]}]}},
        {"selection": {"points": [{"customdata": None}, "x", 3]}},
        {"selection": "nonsense"},
    ],
    # the monitor's tables: rows and cells that do not exist
    ("alderman_monitor", "wijken_tabel"): [
        {"selection": {"rows": [10_000], "columns": [], "cells": [[10_000, "Budget"]]}},
        {"selection": {"rows": [-5], "columns": [], "cells": [[0, "geen kolom"]]}},
        {"selection": {"rows": ["a"], "columns": [], "cells": [["b", 3]]}},
    ],
}


@pytest.mark.parametrize(("page", "key"), sorted(FORGED_STATE))
def test_forged_widget_state_breaks_no_page(app_db: Path, page: str, key: str) -> None:
    caller = PUBLIC if page.startswith("resident") else CALLERS["alderman"]
    for forged in FORGED_STATE[(page, key)]:
        at = app_pages.open_page(f"dashboard/pages/{page}.py", caller=caller)
        at.session_state[key] = forged
        at.run()
        assert not at.exception, f"{forged}: {at.exception[0].message[:300]}"


def test_an_unexpected_error_shows_a_number_and_logs_no_message(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(error_boundary.MODE)
    shown: list[str] = []
    monkeypatch.setattr(error_boundary.st, "error", shown.append)

    def breaks() -> None:
        raise ValueError("Jansen, Kerkstraat 12")

    with caplog.at_level(logging.ERROR, logger="wijkraad.incident"):
        error_boundary.guarded(breaks, "resident_overview")
    [message] = shown
    [record] = caplog.records
    number = message.split("meldnummer ")[1][:8]
    assert "Traceback" not in message and "Jansen" not in message
    assert number in record.getMessage() and "ValueError" in record.getMessage()
    assert "Jansen" not in record.getMessage() and "Kerkstraat" not in record.getMessage()


def test_stop_and_rerun_pass_through_the_boundary() -> None:
    def stops() -> None:
        raise StopException()

    with pytest.raises(StopException):
        error_boundary.guarded(stops, "x")

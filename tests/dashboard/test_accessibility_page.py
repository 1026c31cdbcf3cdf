"""The accessibility statement (issue 18, item 3) and the text next to the map (item 2):
what the statement must say, in Dutch and English, and the map's list of neighbourhoods."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.components.charts import choice_map
from dashboard.domain.models import Neighbourhood
from tests.app_pages import open_page
from tests.dashboard.test_public_privacy import everything_shown
from tests.shown import shown

STATEMENT = "dashboard/pages/resident_accessibility.py"
MAP = "dashboard/pages/resident_map.py"


def test_the_statement_names_the_standard_the_tests_the_limits_and_whom_to_tell(
    app_db: Path,
) -> None:
    at = open_page(STATEMENT)
    assert not at.exception, at.exception
    assert at.title[0].value == "Toegankelijkheid"
    assert [h.value for h in at.header] == [
        "Aan welke eisen moet de website voldoen?",
        "Hoe hebben we het getest?",
        "Wat werkt nog niet goed?",
        "Een probleem melden",
    ]
    text = shown(everything_shown(at))
    needed = ["EN 301 549", "WCAG 2.1", "axe-core", "320 en 390", "Kaarten werken niet"]
    needed += ["JavaScript", "14 en dan het netnummer", "nagekeken op 7 december 2026"]
    assert [words for words in needed if words not in text] == []


def test_the_statement_gives_the_contact_the_municipality_sets(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_CONTACT", "  toegankelijk@wijkdam.nl   of 14 050 ")
    at = open_page(STATEMENT)
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "toegankelijk@wijkdam.nl of 14 050" in text
    assert "netnummer" not in text


def test_the_statement_in_english(app_db: Path) -> None:
    at = open_page(STATEMENT, query={"lang": "en"})
    assert at.title[0].value == "Accessibility"
    assert "Report a problem" in [h.value for h in at.header]


def test_the_map_page_lists_every_neighbourhood_as_a_link(app_db: Path) -> None:
    at = open_page(MAP)
    assert not at.exception, at.exception
    assert "Alle wijken, van noord naar zuid" in [h.value for h in at.header]
    links = [link.proto for link in at.get("page_link")]
    chosen = [link for link in links if "wijk=WK" in link.query_string]
    assert len(chosen) == 12, [(link.label, link.query_string) for link in links]


def test_the_choice_map_fits_its_width_and_names_each_neighbourhood() -> None:
    square = (
        '{"type": "Polygon", "coordinates": [[[6.5, 53.2], [6.6, 53.2], [6.6, 53.3], [6.5, 53.2]]]}'
    )
    hoods = [
        Neighbourhood(i, 1, f"WK00{i}", f"Wijk {i}", square, 53.25, 6.5 + i / 100)
        for i in range(1, 4)
    ]
    figure = choice_map(hoods)
    labels = figure.data[-1]
    assert list(labels.text) == ["Wijk 1", "Wijk 2", "Wijk 3"]
    assert list(labels.customdata) == ["WK001", "WK002", "WK003"]
    # plain axes, fitted to the data at any width (no MapLibre zoom level to guess)
    assert figure.layout.yaxis.scaleanchor == "x" and not figure.layout.xaxis.visible
    assert {trace.type for trace in figure.data} == {"scatter"}

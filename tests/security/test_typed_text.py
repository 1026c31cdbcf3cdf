"""Text that staff or residents typed reaches every page as text: no Markdown, HTML,
LaTeX, icons, colours, entities, links or arrows made of it (issue 15, finding 3).

The unit tests check `plain` for any text; the browser test puts markup into every
free-text field the public pages show and reads the pages in Chromium."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import Page

from dashboard.components.text import plain
from dashboard.services import neighbourhoods
from dashboard.store.db import Store
from tests.e2e.harness import running_server, wait_until_ready
from tests.shown import as_shown, unescaped
from tests.shown import shown as shown_text

ATTACKS = [
    "$x^2$ en $$y$$",
    ":material/warning: :smile: :red[rood]",
    "www.example.nl https://evil.example a@b.nl",
    "&lt;b&gt; &amp; <b>vet</b> <img src=https://evil.example/x.png>",
    "**vet** _schuin_ `code` # kop",
    "[klik](https://evil.example) ![beeld](https://evil.example/x.png)",
    "-> <= -- ~= >=",
]


@given(st.text())
def test_plain_text_reads_back_as_typed_on_one_line(text: str) -> None:
    shown = plain(text)
    assert shown_text(shown) == text.replace("\r", " ").replace("\n", " ")
    # every ASCII punctuation character is escaped, so Markdown finds no syntax in it
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"\\.", "", shown))


@pytest.mark.parametrize("attack", ATTACKS)
def test_link_and_arrow_triggers_are_broken_by_an_invisible_joiner(attack: str) -> None:
    shown = unescaped(plain(attack))
    for trigger in ("www.", "://", "a@", "->", "<=", "--", "~=", ">="):
        assert trigger not in shown


FIELDS = {
    # table, column, the rows that appear on the neighbourhood's public pages
    ("proposal", "title"): "id IN (SELECT proposal_id FROM decision WHERE status = 'gepubliceerd')",
    ("decision", "rationale"): "status = 'gepubliceerd'",
    ("meeting", "location"): "TRUE",
    ("meeting", "agenda"): "TRUE",
    ("milestone", "noticeable"): "TRUE",
    ("consultation", "question"): "TRUE",
    ("neighbourhood", "name"): "TRUE",
    ("idea", "title"): "status <> 'ingediend'",
    ("idea", "description"): "status IN ('gepubliceerd', 'voorstel')",
    ("idea", "rejection_reason"): "status = 'afgewezen'",
}


@pytest.mark.browser
def test_the_public_pages_show_typed_markup_literally(demo_db: Path, page: Page) -> None:
    con = duckdb.connect(str(demo_db))
    try:
        for number, ((table, column), where) in enumerate(FIELDS.items()):
            attack = ATTACKS[number % len(ATTACKS)]
            con.execute(f"UPDATE {table} SET {column} = ? || ' ' || {column} WHERE {where}",
                        [attack])  # fmt: skip
        # Draws recorded before inputs had one canonical form may hold anything.
        con.execute(
            "UPDATE draw SET seed_inputs_json = ? WHERE seed_inputs_json IS NOT NULL",
            ['["www.evil.example", "[x](https://evil.example)", "3"]'],
        )
    finally:
        con.close()
    with running_server(demo_db) as server:
        con = duckdb.connect(str(demo_db), read_only=True)
        try:  # a project with published money: its own page, with the typed title
            project = con.execute(
                "SELECT min(p.external_ref) FROM proposal p JOIN allocation a "
                "ON a.proposal_id = p.id JOIN decision d ON d.id = a.decision_id "
                "AND d.status = 'gepubliceerd' WHERE p.neighbourhood_id = 1"
            ).fetchall()[0][0]
        finally:
            con.close()
        pages = ("resident_ideas", "resident_decisions", "resident_council", "resident_map",
                 "resident_project", f"resident_project?project={project}&x=",
                 "resident_compare", "resident_open_data", "")  # fmt: skip
        for path in pages:
            page.goto(f"{server.url}/{path}{'&' if '?' in path else '?'}wijk=WK001")
            wait_until_ready(page)
            for name in ("Projecten", "Vergaderingen"):
                tabs = page.get_by_role("tab", name=name)
                if tabs.count():
                    tabs.first.click()
                    page.wait_for_timeout(300)
            main = page.locator("[data-testid='stMain']")
            made = main.locator(
                "a[href*='evil'], a[href^='mailto'], img[src*='evil'], .katex, "
                "b:text('vet'), strong:text('vet'), code:text('code'), h1:text('kop')"
            )
            assert made.count() == 0, f"/{path}: markup from typed text was rendered"
            icons = main.locator("[data-testid='stIconMaterial']")
            folds = main.locator("details > summary [data-testid='stIconMaterial']")  # arrows
            assert icons.count() == folds.count(), f"/{path}: an icon from typed text"
            text = as_shown(main.inner_text())
            assert "→" not in text and "≤" not in text
        page.goto(f"{server.url}/resident_decisions?wijk=WK001")
        wait_until_ready(page)
        text = as_shown(page.locator("[data-testid='stMain']").inner_text())
        assert ATTACKS[1] in text  # the rationale, exactly as typed


def test_chart_labels_show_typed_html_as_text(store: Store) -> None:
    """Plotly reads <b>, <a href> and <span style> in hover labels: names and titles
    reach the maps escaped, so the label shows them as typed."""
    from dashboard.components import charts
    from dashboard.services import monitor
    from dashboard.services.monitor import ProjectPoint
    from tests.conftest import DEMO_TODAY
    from tests.dashboard.test_alderman_monitor import ALDERMAN

    hoods = neighbourhoods(store)
    attack = '<a href="https://evil.example">x</a> <b>vet</b>'
    renamed = [dataclasses.replace(h, name=attack) for h in hoods]
    labels = charts.choice_map(renamed).data[-1].text
    assert all(label == html.escape(attack) for label in labels)
    view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year, 12, DEMO_TODAY)
    point = ProjectPoint(1, hoods[0].id, "WR-1", attack, "besloten", 53.2, 6.5)
    figure = charts.execution_map(view.lines, [point])
    assert [html.escape(f"WR-1 {attack} (besloten)")] == list(figure.data[-1].text)
    names = [] if figure.data[0].hovertext is None else list(figure.data[0].hovertext)
    assert names and all("<" not in str(name) for name in names)

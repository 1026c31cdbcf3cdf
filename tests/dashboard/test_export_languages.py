"""Files in the page's language: an English page downloads an English file (headers,
statuses, yes and no), and numbers are written one way per language: Dutch `84093,10`
between semicolons, English `84093.10` between commas, never a thousands separator."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.components import monitor_tables
from dashboard.components.decisions_view import decisions_csv, open_proposals_csv, projects_csv
from dashboard.components.exports import csv_bytes, number_text, rows_csv, xlsx_bytes
from dashboard.domain.auth import Caller, Role
from dashboard.i18n import in_language, language, speaking
from dashboard.services import monitor, public
from dashboard.store.db import open_store
from tests.conftest import DEMO_TODAY

ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
THOUSANDS = r"\d\.\d{3},|\d,\d{3}\."  # 84.093,1 or 84,093.1


def rows(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        (Decimal("84093.1"), "84093,10", "84093.10"),
        (Decimal("-1250.5"), "-1250,50", "-1250.50"),
        (0.125, "0,125", "0.125"),
        (84093.1, "84093,1", "84093.1"),
    ],
)
def test_a_number_is_written_the_languages_way(value: object, dutch: str, english: str) -> None:
    assert number_text(value, "nl") == dutch  # type: ignore[arg-type]
    assert number_text(value, "en") == english  # type: ignore[arg-type]


def test_plain_rows_in_both_languages() -> None:
    header, body = ["Kenmerk", "Bedrag", "Aantal"], [["WR-1", Decimal("84093.1"), 3]]
    assert rows(rows_csv(header, body), ";") == [header, ["WR-1", "84093,10", "3"]]
    assert rows(rows_csv(header, body, "en"), ",") == [header, ["WR-1", "84093.10", "3"]]


def test_a_frame_writes_money_with_cents_and_other_numbers_as_they_are() -> None:
    frame = pd.DataFrame(
        {"Wijk": ["A", "B"], "Budget (€)": [159000.0, None], "Kans": [0.125, 0.5], "Jaar": [1, 2]}
    )
    assert rows(csv_bytes(frame), ";")[1:] == [
        ["A", "159000,00", "0,125", "1"],
        ["B", "", "0,5", "2"],
    ]
    assert rows(csv_bytes(frame, "en"), ",")[1:] == [
        ["A", "159000.00", "0.125", "1"], ["B", "", "0.5", "2"]
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "wijken"))).active
    assert sheet is not None
    money = sheet["B2"]
    assert money.value == 159000 and money.number_format == "0.00"  # a number, with cents


def test_a_file_made_after_the_run_keeps_the_pages_language() -> None:
    """Streamlit makes a download when it is clicked, outside the page's run: the file
    is made in the language the page had when it showed the button."""
    with speaking("en"):
        later = in_language(language)
    assert language() == "nl"  # outside: no session, Dutch
    assert later() == "en"
    assert language() == "nl"


def test_the_residents_files_in_english_and_dutch(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        year = DEMO_TODAY.year - 1
        decisions = public.decisions(store, 1, year)
        projects = public.projects(store, 1, DEMO_TODAY)
        waiting = public.open_proposals(store, 1, DEMO_TODAY)
        with speaking("nl"):
            dutch = rows(decisions_csv(decisions), ";")
        with speaking("en"):
            english = rows(decisions_csv(decisions), ",")
            english_projects = rows(projects_csv(projects), ",")
            english_waiting = rows(open_proposals_csv(waiting), ",")
    finally:
        store.close()
    assert dutch[0][:3] == ["Datum", "Besluit", "Kenmerk"]
    assert english[0] == ["Date", "Decision", "Reference", "Proposal", "Amount", "For",
                          "Against", "Abstained", "Present", "Why", "Residents"]  # fmt: skip
    assert {row[1] for row in dutch[1:]} >= {"Geld toegekend"}
    assert {row[1] for row in english[1:]} >= {"Money granted"}
    amounts = [row[4] for row in english[1:] if row[4]]
    assert amounts and all(a.count(".") == 1 and len(a.split(".")[1]) == 2 for a in amounts)
    assert [row[4] for row in dutch[1:] if row[4]] == [a.replace(".", ",") for a in amounts]
    text = " ".join(" ".join(row) for row in english + english_projects + english_waiting)
    for dutch_word in ("Geld toegekend", "Besloten, nog niet begonnen", "Bezig", ";nee", ";ja"):
        assert dutch_word not in text
    assert english_projects[0][:4] == ["Reference", "Project", "Status", "Progress (%)"]
    assert {row[2] for row in english_projects[1:]} <= {
        "Decided, not started yet", "Under way", "Done"
    }  # fmt: skip
    assert {row[-1] for row in english_projects[1:]} <= {"yes", "no"}
    assert english_waiting[0][0] == "Reference" and len(english_waiting) > 1


def test_the_monitors_files_write_every_amount_the_same_dutch_way(demo_db: Path) -> None:
    import re

    store = open_store(demo_db)
    try:
        view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year - 1, 12, DEMO_TODAY)
        detail = monitor.detail(store, ALDERMAN, 1, DEMO_TODAY.year - 1)
    finally:
        store.close()
    for frame in (
        monitor_tables.neighbourhood_frame(view),
        monitor_tables.allocations_frame(detail.allocations),
        monitor_tables.payments_frame(detail.payments),
        monitor_tables.budgets_frame(detail.budgets),
    ):
        table = rows(csv_bytes(frame), ";")
        money = [n for n, name in enumerate(table[0]) if name.endswith("(€)")]
        assert money
        for row in table[1:]:
            for n in money:
                assert row[n] == "" or re.fullmatch(r"-?\d+,\d\d", row[n]), (table[0][n], row[n])
        assert not re.search(THOUSANDS, "\n".join(";".join(r) for r in table))

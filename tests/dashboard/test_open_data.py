"""Open data: every public table of all neighbourhoods as CSV and as one documented JSON,
under CC0. Read back: every table described field by field and typed as described, the
CSV files formula-safe and matching their description, the figures those of the public
pages, no name, address or contact anywhere, no council group smaller than the council
page shows, and the licence in the files and on the page."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dashboard.components import open_data_files
from dashboard.domain.open_data import LICENCE_NAME, LICENCE_URL
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.services import follow, open_data, overview, public
from dashboard.services.open_data import DataSet
from dashboard.store.db import open_store
from tests import app_pages
from tests.conftest import DEMO_TODAY
from tests.dashboard.test_public_privacy import register

MONEY = re.compile(r"^-?\d+\.\d\d$")
TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (Decimal, float),
    "date": (date,),
    "time": (time,),
    "boolean": (bool,),
}
FORMULA = '=HYPERLINK("http://example.invalid","klik")'


@pytest.fixture(scope="module")
def data(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    path = tmp_path_factory.mktemp("open_data") / "demo.duckdb"
    path.write_bytes(demo_db_template.read_bytes())
    con = duckdb.connect(str(path))
    try:  # a title typed as a formula, on a project with published money
        con.execute(
            "UPDATE proposal SET title = ? WHERE id = (SELECT min(a.proposal_id) FROM "
            "allocation a JOIN decision d ON d.id = a.decision_id "
            "WHERE d.status = 'gepubliceerd')",
            [FORMULA],
        )
    finally:
        con.close()
    store = open_store(path)
    try:
        return open_data.data_set(store, DEMO_TODAY)
    finally:
        store.close()


def total(values: Iterable[object]) -> Decimal:
    """The sum of amounts (each a Decimal)."""
    found = list(values)
    assert all(isinstance(v, Decimal) for v in found)
    return sum((Decimal(str(v)) for v in found), Decimal(0))


def test_every_table_is_described_and_typed_as_described(data: DataSet) -> None:
    names = [t.name for t in data.tables]
    assert len(names) == len(set(names)) >= 12
    for table in data.tables:
        assert table.title and table.description, table.name
        fields = [f.name for f in table.fields]
        assert len(fields) == len(set(fields)) and all(f.description for f in table.fields)
        assert set(table.key) <= set(fields)
        for row in table.rows:
            assert len(row) == len(fields), table.name
            for field, value in zip(table.fields, row, strict=True):
                if value is not None:
                    assert isinstance(value, TYPES[field.type]), (table.name, field.name, value)
                if field.type == "integer":
                    assert not isinstance(value, bool), (table.name, field.name)
        if table.key:  # the key names one row
            keys = [tuple(row[fields.index(k)] for k in table.key) for row in table.rows]
            assert len(keys) == len(set(keys)), table.name
    assert all(data.tables[i].rows for i in range(len(names))), "every table has rows"


def test_the_json_is_a_documented_data_package_under_cc0(data: DataSet) -> None:
    package = json.loads(open_data_files.json_bytes(data))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"] == [
        {"name": LICENCE_NAME, "title": package["licenses"][0]["title"], "path": LICENCE_URL}
    ]
    assert "CC0" in package["licence_text"] and "notes" in package
    assert [r["name"] for r in package["resources"]] == [t.name for t in data.tables]
    for resource, table in zip(package["resources"], data.tables, strict=True):
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [f.name for f in table.fields]
        assert all(f["description"] and f["type"] in TYPES for f in fields)
        assert len(resource["data"]) == len(table.rows)
        for record, row in zip(resource["data"], table.rows, strict=True):
            assert list(record) == [f["name"] for f in fields]
            for field, value in zip(fields, row, strict=True):
                shown = record[field["name"]]
                if isinstance(value, Decimal):
                    assert MONEY.match(shown) and Decimal(shown) == value
                elif isinstance(value, date | time):
                    text = value.strftime("%H:%M") if isinstance(value, time) else value.isoformat()
                    assert shown == text
                else:
                    assert shown == value


def test_the_zip_has_a_csv_per_table_as_its_description_says(data: DataSet) -> None:
    archive = zipfile.ZipFile(io.BytesIO(open_data_files.zip_bytes(data)))
    names = set(archive.namelist())
    assert {"datapackage.json", "LICENTIE.txt", "LEESMIJ.txt", open_data_files.JSON_NAME} <= names
    assert "CC0 1.0" in archive.read("LICENTIE.txt").decode()
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC0-1.0"
    for resource, table in zip(package["resources"], data.tables, strict=True):
        assert resource["path"] in names and resource["dialect"]["delimiter"] == ";"
        raw = archive.read(resource["path"])
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") >= len(table.rows) + 1
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
        assert len(rows) == len(table.rows) + 1, table.name
        for field, column in zip(resource["schema"]["fields"], zip(*rows[1:], strict=True),
                                 strict=False):  # fmt: skip
            filled = [c for c in column if c]
            if field["type"] == "number":  # Dutch decimals, as the schema says
                assert field["decimalChar"] == ","
                assert all(re.fullmatch(r"-?\d+(,\d+)?", c) for c in filled), field["name"]
            if field["type"] == "boolean":
                assert set(filled) <= {"ja", "nee"}
            if field["type"] == "date":
                assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", c) for c in filled)
    projects = archive.read("projecten.csv").decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in projects  # opens as text, not a formula
    assert not re.search(r"(^|;)=HYPERLINK", projects, re.MULTILINE)


def test_the_figures_are_those_of_the_public_pages(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        data = open_data.data_set(store, DEMO_TODAY)
        tables = {t.name: t for t in data.tables}
        money = {(r[0], r[1]): r for r in tables["geld_per_jaar"].rows}
        for hood in overview.neighbourhoods(store):
            for year in overview.budget_years(store):
                shown = overview.neighbourhood_budget(store, hood.id, year, DEMO_TODAY).summary
                row = money[(hood.code, year)]
                assert row[2:5] == (shown.budget, shown.allocated, shown.spent)
                fields = tables["taakvelden"].rows
                per_field = [r for r in fields if r[0] == hood.code and r[1] == year]
                assert total(r[4] for r in per_field) == shown.allocated
                assert total(r[5] for r in per_field) == shown.spent
            projects = public.projects(store, hood.id, DEMO_TODAY)
            listed = [r for r in tables["projecten"].rows if r[1] == hood.code]
            assert sorted(str(r[0]) for r in listed) == sorted(
                p.project.external_ref for p in projects
            )
            decided = [r for r in tables["besluiten"].rows if r[1] == hood.code]
            assert len(decided) == len(public.decisions(store, hood.id, None))
        payments = tables["betalingen"].rows
        assert total(r[4] for r in payments) == total(r[4] for r in tables["geld_per_jaar"].rows)
    finally:
        store.close()


def test_no_personal_data_and_no_group_smaller_than_the_council_page_shows(
    app_db: Path,
) -> None:
    _, personal = register(app_db)
    store = open_store(app_db)
    try:
        data = open_data.data_set(store, DEMO_TODAY)
        text = open_data_files.json_bytes(data).decode() + "\n".join(
            open_data_files.csv_bytes(t).decode("utf-8-sig") for t in data.tables
        )
        leaked = sorted(value for value in personal if value in text)
        assert not leaked, f"personal data in the open data: {leaked[:5]}"
        groups = next(t for t in data.tables if t.name == "wijkraad_groepen")
        counts = [row[3] for row in groups.rows]
        assert all(c is None or isinstance(c, int) for c in counts)
        shown = [int(str(c)) for c in counts if c is not None]
        assert all(c == 0 or c >= MIN_GROUP for c in shown)
        assert None in counts and any(c >= MIN_GROUP for c in shown)
        for hood in overview.neighbourhoods(store):  # row for row what the council page shows
            view = public.council_view(store, hood.id, DEMO_TODAY)
            mine = [r for r in groups.rows if r[0] == hood.code]
            rows = [] if view is None else [row for c in view.comparisons for row in c.rows]
            assert [r[3] for r in mine] == [row.council for row in rows]
        fields = {f.name for t in data.tables for f in t.fields}
        assert not fields & {"naam_indiener", "adres", "email", "telefoon", "omschrijving_voorstel"}
    finally:
        store.close()


def test_the_page_offers_both_files_with_the_licence(app_db: Path) -> None:
    at = app_pages.open_page("dashboard/pages/resident_open_data.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Open data"
    shown = " ".join(m.value for m in at.markdown)
    assert "CC0 1.0 Universeel" in shown and LICENCE_URL in shown
    assert "/open-data/wijkraad-open-data.zip" in shown
    assert "/feed/WK001.atom" in shown and "/agenda/WK001.ics" in shown
    buttons = [b.proto.label for b in at.get("download_button")]
    assert any("ZIP" in label for label in buttons) and any("JSON" in label for label in buttons)


def test_each_table_is_read_once_for_all_neighbourhoods_as_the_pages_read_it(
    app_db: Path,
) -> None:
    """The set reads each table for all neighbourhoods at once (30 queries for the demo's
    12 neighbourhoods; it was 275, about 22 per neighbourhood), and what it reads is what
    the pages read neighbourhood by neighbourhood."""
    store = open_store(app_db)
    try:
        queries: list[str] = []
        plain_read = store.read

        @contextmanager
        def counted() -> Iterator[Any]:
            with plain_read() as cur:
                yield _Counted(cur, queries)

        store.read = counted  # type: ignore[method-assign]
        data = open_data.data_set(store, DEMO_TODAY)
        assert len(queries) <= 40, len(queries)
        store.read = plain_read  # type: ignore[method-assign]
        hoods = overview.neighbourhoods(store)
        projects = public.projects_by_neighbourhood(store, DEMO_TODAY)
        waiting = public.open_proposals_by_neighbourhood(store, DEMO_TODAY)
        councils = public.council_groups(store, DEMO_TODAY)
        ideas = public.ideas(store, None)
        meetings = {t.name: t for t in data.tables}["vergaderingen"].rows
        for hood in hoods:
            assert projects.get(hood.id, []) == public.projects(store, hood.id, DEMO_TODAY)
            assert waiting.get(hood.id, []) == public.open_proposals(store, hood.id, DEMO_TODAY)
            view = public.council_view(store, hood.id, DEMO_TODAY)
            found = councils.get(hood.id)
            assert (found is None) == (view is None)
            if view is not None and found is not None:
                assert (found.council_id, found.drawn, found.appointed, found.population_year,
                        found.comparisons, found.part_names) == (
                    view.council_id, view.drawn, view.appointed, view.population_year,
                    view.comparisons, view.part_names)  # fmt: skip
            assert [i for i in ideas if i.neighbourhood_id == hood.id] == public.ideas(
                store, hood.id
            )
            agenda = follow.agenda(store, hood.code)
            assert agenda is not None
            assert [r[0] for r in meetings if r[1] == hood.code] == [m.id for m in agenda.meetings]
        assert any(waiting.values()) and any(projects.values()) and councils
    finally:
        store.close()


class _Counted:
    def __init__(self, cur: Any, queries: list[str]) -> None:
        self._cur, self._queries = cur, queries

    def execute(self, sql: str, *args: Any) -> Any:
        self._queries.append(sql)
        return self._cur.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)

"""Property-based fuzzing of the finance export import (`spending_csv.parse` and
`budget.spending_import.import_spending`): any file gives either a booking of every row
or a list of clear, line-numbered problems, never an exception, and a refused file leaves
the whole database exactly as it was (every table compared)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.files import spending_csv
from dashboard.services.budget.spending import book_spending
from dashboard.services.budget.spending_import import import_spending
from dashboard.store.db import Store
from tests.database_state import changed_tables, fingerprint
from tests.funded import ORGANISER, TODAY, funded_project


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ALIASES = {key: list(names) for key, names in spending_csv.COLUMNS.items()}
TEXT = st.text(st.characters(blacklist_characters="\x00"), max_size=12)  # NUL: no text file
REFERENCES = st.one_of(
    st.sampled_from(["BESTAAND-1", "", " ", "=1+1", "x" * 81, 'a"b', "a;b", "a,b", "é",
                     "F-1\n"]),
    TEXT,
)  # fmt: skip
DATES = st.sampled_from(["01/03/2026", "2026-11-23", "2099-01-01", "31-02-2026", "", "gisteren",
                         "0001-01-01", "2026-13-01", "9999-12-31", " 2026-03-02 "])  # fmt: skip
AMOUNTS = st.one_of(
    st.sampled_from(["10.5", "1.234,56", "-5", "0", "0,00", "abc", "€ 12", "9999999", "1e3",
                     "", "12,345", "NaN", "Infinity", "٣", "0.01", "99999999999999999999"]),
    st.decimals(min_value=0, max_value=3000, places=2).map(str),
)  # fmt: skip
DESCRIPTIONS = st.one_of(TEXT, st.sampled_from(["", "=HYPERLINK()", "a\nb", 'zeg "ja"']))


def mostly(usual: st.SearchStrategy[str], rare: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`usual` nine times in ten, `rare` otherwise: whole files get booked as well."""
    return st.integers(0, 9).flatmap(lambda n: rare if n == 0 else usual)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
DELIMITERS = st.sampled_from([";", ",", "\t"])


# The fuzzers take seconds each: left out of the year-ahead run (scripts/test.sh).
pytestmark = pytest.mark.slow


@pytest.fixture
def project(store: Store) -> str:
    """A project of neighbourhood 1 with € 2.000 allocated and one payment booked."""
    funded = funded_project(store, "5.000", "2.000", "Fuzzproject")
    book_spending(store, ORGANISER, funded.proposal_id, "BESTAAND-1", TODAY, "10", "Eerste")
    return funded.external_ref


@st.composite
def exports(draw: st.DrawFn, project_ref: str) -> bytes:
    keys = draw(st.permutations(list(ALIASES)))
    if draw(st.integers(0, 19)) == 0:  # now and then a column is missing
        keys = keys[:-1]
    header = [draw(st.sampled_from(ALIASES[k])) for k in keys]
    header = [draw(st.sampled_from([h, h.upper(), f" {h.title()} "])) for h in header]
    extra = draw(st.booleans())
    if extra:
        header.append("btw")
    projects = st.sampled_from([project_ref.lower(), "WR-1999-99999", "", " "])
    cells = {
        "reference": mostly(st.integers(1, 10**6).map(lambda n: f"F-{n}"), REFERENCES),
        "date": mostly(st.sampled_from(["2026-03-01", "01-03-2026"]), DATES),
        "amount": mostly(st.sampled_from(["10", "10,50", "0.99"]), AMOUNTS),
        "description": mostly(st.just("Verf"), DESCRIPTIONS),
        "project": mostly(st.just(project_ref), projects),
    }
    rows = draw(
        st.lists(
            st.tuples(*(cells[k] for k in keys), *([st.just("21%")] if extra else [])),
            max_size=6,
        )
    )
    delimiter = draw(DELIMITERS)
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ending.join(lines).encode(draw(ENCODINGS), errors="replace")


FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_import(store: Store, data: bytes) -> None:
    before = fingerprint(store)
    result = import_spending(store, ORGANISER, "export.csv", data, today=TODAY)
    after = fingerprint(store)
    if result.ok:
        assert result.booked + result.already_known > 0
        if result.booked == 0:
            assert after == before  # a file already imported changes nothing
        else:
            assert changed_tables(before, after) <= {
                "spending_transaction", "spending_import", "audit_event", "ledger_lock",
                "proposal", "proposal_status_change",
            }  # fmt: skip
            assert after["spending_transaction"][0] == (
                before["spending_transaction"][0] + result.booked
            )
    else:
        assert result.booked == 0 and result.problems
        assert all(isinstance(p, str) and len(p.strip()) > 10 for p in result.problems)
        assert after == before, changed_tables(before, after)


@FUZZ
@given(data=st.data())
def test_any_export_books_everything_or_nothing(
    store: Store, project: str, data: st.DataObject
) -> None:
    check_import(store, data.draw(exports(project)))


@FUZZ
@given(raw=st.binary(max_size=300))
@example(raw=b"\xff\xfek\x00e\x00n\x00")  # UTF-16 without the right columns
@example(raw=b'kenmerk;datum;bedrag;omschrijving;project\n"F-1;2026-01-01;5;x;y\n')
@example(raw=b"kenmerk;datum;bedrag;omschrijving;project\n" + b"x" * 140_000 + b";\n")
def test_any_bytes_are_refused_with_a_message_and_change_nothing(
    store: Store, project: str, raw: bytes
) -> None:
    check_import(store, raw)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=600))
def test_the_parser_never_raises(raw: bytes) -> None:
    parsed = spending_csv.parse(raw, TODAY)
    assert parsed.rows or parsed.problems
    for row in parsed.rows:
        assert row.amount > 0 and row.booked_on <= TODAY and row.reference and row.project_ref
        assert row.amount == row.amount.quantize(Decimal("0.01"))


def test_a_utf16_tab_separated_export_from_excel_is_read(store: Store, project: str) -> None:
    text = (
        f"Kenmerk\tDatum\tBedrag\tOmschrijving\tProject\nU-1\t2026-03-01\t12,50\tCafé\t{project}\n"
    )
    result = import_spending(store, ORGANISER, "unicode.txt", text.encode("utf-16"), TODAY)
    assert result.ok and result.booked == 1, result.problems

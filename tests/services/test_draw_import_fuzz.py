"""Property-based fuzzing of the draw workspace's two imports: the register extract (step
2: `register_extract.read_upload`, `draw_register.check_register`, `import_register`)
and the registrations CSV (step 4: `draw_answers.import_registrations`).

Any file gives either a stored import or a clear Dutch message (a `UserError`), never
another exception, and a refused file leaves every table of the database exactly as it
was. A stored import changes only the tables it should, by the rows it reports.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import register as draw_register
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from tests.database_state import changed_tables, fingerprint
from tests.services.test_draws import ORGANISER, imported, new_draw


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


# The fuzzers take seconds each: left out of the year-ahead run (scripts/test.sh).
pytestmark = pytest.mark.slow


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
DELIMITERS = st.sampled_from([";", ",", "\t"])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
HOSTILE = st.sampled_from(
    ["", " ", "=1+1", "@SUM(A1)", "-", "0", "-1", "1e3", "1,5", "x" * 300, 'a"b', "a;b", "a,b",
     "é", "\t", "a\nb", "<b>x</b>", "NaN", "None", "null", "9" * 16, "9" * 40, "٣", "１２"]
)  # fmt: skip


def mostly(
    usual: st.SearchStrategy[str], rare: st.SearchStrategy[str], odds: int = 10
) -> st.SearchStrategy[str]:
    """`usual`, and `rare` about once in `odds` draws."""
    return st.integers(0, odds - 1).flatmap(lambda n: rare if n == 0 else usual)


ODDS = st.sampled_from([6, 30, 10**9])  # per file: hostile cells often, now and then, never


def sheet(header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """The rows under the header, short rows filled with empty cells."""
    width = len(header)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width))


def as_bytes(
    draw: st.DrawFn,
    header: list[str],
    rows: list[list[str]],
    encodings: st.SearchStrategy[str] = ENCODINGS,
    delimiters: st.SearchStrategy[str] = DELIMITERS,
) -> bytes:
    """A CSV file written the many ways spreadsheets do (or a naive join that breaks)."""
    delimiter = draw(delimiters)
    ending = draw(ENDINGS)
    if draw(st.booleans()):
        lines = [delimiter.join(line) for line in [header, *rows]]
        text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    else:
        frame = sheet(header, rows)
        buffer = io.StringIO()
        frame.to_csv(buffer, header=header, index=False, sep=delimiter, lineterminator=ending)
        text = buffer.getvalue()
    return text.encode(draw(encodings), errors="replace")


T = TypeVar("T")


def refused_or_stored(
    store: Store, attempt: Callable[[], T]
) -> tuple[T | None, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Run `attempt`; a refusal must be a clear message and change nothing at all.
    Returns the result (None when refused) and the database before and after."""
    before = fingerprint(store)
    try:
        result = attempt()
    except UserError as exc:
        message = str(exc)
        assert len(message.strip()) > 10 and "Traceback" not in message, message
        after = fingerprint(store)
        assert after == before, (message, changed_tables(before, after))
        event(f"refused: {message[:25]}")
        return None, before, after
    event("stored")
    return result, before, fingerprint(store)


# The register extract (step 2) -------------------------------------------------------------------

REGISTER_TABLES = {"household", "resident", "resident_move", "resident_contact", "draw_register",
                   "register_import", "audit_event", "draw"}  # fmt: skip


@pytest.fixture
def register(store: Store) -> tuple[int, pd.DataFrame]:
    """A new draw of neighbourhood 1 and its register as an extract (as strings)."""
    draw_id = new_draw(store)
    with store.read() as cur:
        frame = register_as_extract(cur, [1]).astype(str)
    return draw_id, frame


@st.composite
def extracts(draw: st.DrawFn, frame: pd.DataFrame) -> tuple[bytes, str]:
    """A register extract: real rows of the neighbourhood (some new people), with now and
    then a hostile cell, a column renamed, missing or twice, as CSV or XLSX."""
    picked = draw(st.lists(st.integers(0, len(frame) - 1), min_size=1, max_size=8))
    rows = frame.iloc[picked].reset_index(drop=True).copy()
    if len(rows) and draw(st.booleans()):  # newcomers: new person and household numbers
        rows["persoonsnummer"] = [str(8_000_000 + draw(st.integers(0, 50))) for _ in picked]
        rows["huishoudnummer"] = [str(8_100_000 + draw(st.integers(0, 5))) for _ in picked]
    columns = list(rows.columns)
    cells = [[str(v) for v in record] for record in rows.itertuples(index=False)]
    odds = draw(ODDS)
    for record in cells:
        for i in range(len(record)):
            record[i] = draw(mostly(st.just(record[i]), st.one_of(HOSTILE, TEXT), odds))
    header = [draw(mostly(st.just(c), st.sampled_from([c.upper(), f" {c} ", "", columns[0],
                                                       "onbekend"]), odds * 2))
              for c in columns]  # fmt: skip
    if draw(st.integers(0, 9)) == 0 and len(header) > 1:
        drop = draw(st.integers(0, len(header) - 1))
        header.pop(drop)
        cells = [r[:drop] + r[drop + 1 :] for r in cells]
    if draw(st.integers(0, 19)) == 0 and cells:
        cells[-1] = cells[-1][: draw(st.integers(0, len(header)))]  # a short line
    if draw(st.integers(0, 9)) == 0:  # XLSX holds no control characters
        clean = [[ILLEGAL_CHARACTERS_RE.sub("", c) for c in r] for r in [header, *cells]]
        buffer = io.BytesIO()
        sheet(clean[0], clean[1:]).to_excel(buffer, header=clean[0], index=False)
        return buffer.getvalue(), "uittreksel.xlsx"
    return as_bytes(draw, header, cells), "uittreksel.csv"


def check_register_import(
    store: Store, draw_id: int, data: bytes, name: str, accept_rejected: bool
) -> None:
    def attempt() -> tuple[rx.ExtractCheck, draw_register.ImportResult]:
        upload = rx.read_upload(data, name)
        check = draw_register.check_register(
            store, ORGANISER, draw_id, upload, rx.guess_mapping(upload.columns)
        )
        for problem in check.problems:
            assert problem.lines and min(problem.lines) >= 2 and len(problem.reason) > 5
            assert problem.field in {f.label for f in rx.FIELDS}
        result = draw_register.import_register(store, ORGANISER, draw_id, check, accept_rejected)
        return check, result

    outcome, before, after = refused_or_stored(store, attempt)
    if outcome is None:
        return
    check, result = outcome
    if result.already_imported:
        assert after == before
        return
    assert changed_tables(before, after) <= REGISTER_TABLES, changed_tables(before, after)
    with store.read() as cur:
        stored = cur.execute(
            "SELECT count(*) FROM draw_register WHERE draw_id = ?", [draw_id]
        ).fetchall()[0][0]
    assert stored == check.rows_used == result.stored.rows_used > 0
    assert result.stored.file_sha256 == check.sha256
    assert after["resident"][0] == before["resident"][0] + result.stored.residents_new


@FUZZ
@given(data=st.data(), accept=st.booleans())
def test_any_register_extract_is_stored_whole_or_refused_changing_nothing(
    store: Store, register: tuple[int, pd.DataFrame], data: st.DataObject, accept: bool
) -> None:
    draw_id, frame = register
    raw, name = data.draw(extracts(frame))
    check_register_import(store, draw_id, raw, name, accept)


@FUZZ
@given(raw=st.binary(max_size=400), xlsx=st.booleans(), accept=st.booleans())
@example(raw=b"persoonsnummer\n" + b"1" * 140_000 + b"\n", xlsx=False, accept=True)
@example(raw=b"persoonsnummer;" + b"x" * 140_000 + b"\n1;2\n", xlsx=False, accept=True)
@example(raw=b"\xff\xfep\x00e\x00r\x00", xlsx=False, accept=True)  # UTF-16 without columns
@example(raw=b"PK\x03\x04\x14\x00\x00\x00", xlsx=True, accept=True)
@example(raw=b'persoonsnummer;huishoudnummer\n"1;2\n', xlsx=False, accept=True)
def test_any_bytes_as_a_register_extract_are_refused_with_a_message(
    store: Store, register: tuple[int, pd.DataFrame], raw: bytes, xlsx: bool, accept: bool
) -> None:
    draw_id, _ = register
    check_register_import(store, draw_id, raw, "x.xlsx" if xlsx else "x.csv", accept)


# The registrations CSV (step 4) ------------------------------------------------------------------

ANSWER_TABLES = {"response", "audit_event", "draw", "draw_turn"}
ANSWER_COLUMNS = {key: list(names) for key, names in draw_answers.CSV_COLUMNS.items()}
GOOD_ANSWERS = {
    "age_band": ["16-24", "25-44", "45-64", "65+", ""],
    "gender": ["vrouw", "Man", " anders ", ""],
    "education": ["laag", "middelbaar", "HOOG", ""],
    "tenure": ["koop", "sociale huur", "particuliere  huur", ""],
    "part_code": ["BU0011", "bu0012", ""],
    "origin": ["Nederland", "europa", "buiten Europa", ""],
}


@pytest.fixture
def letters(store: Store) -> tuple[int, list[str]]:
    """A two-stage draw of neighbourhood 1 with 150 letters drawn; their codes."""
    draw_id = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 150)
    with store.read() as cur:
        codes = [str(i.letter_code) for i in draw_rows.invitations(cur, draw_id)]
    return draw_id, codes


@st.composite
def registrations(draw: st.DrawFn, codes: list[str]) -> bytes:
    keys = draw(st.permutations(list(ANSWER_COLUMNS)))
    keys = keys[: draw(st.integers(1, len(keys)))]
    if draw(st.integers(0, 4)):  # mostly with both required columns, first
        keys = ["code", "outcome", *(k for k in keys if k not in ("code", "outcome"))]
    header = [draw(st.sampled_from(ANSWER_COLUMNS[k])) for k in keys]
    header = [draw(st.sampled_from([h, h.upper(), f" {h.title()} "])) for h in header]
    odds = draw(ODDS)
    spellings = [  # different letters on every row, written the ways people type them
        draw(mostly(st.sampled_from([c, c.lower(), f" {c} ", f"{c[:4]} - {c[5:]}"]),
                    st.one_of(HOSTILE, TEXT, st.just("ZZZZ-ZZZZ")), odds))
        for c in draw(st.permutations(codes))[:8]
    ]  # fmt: skip
    cells = {
        "outcome": mostly(
            st.sampled_from(["ja", "nee", "J", "yes", "No"]), st.one_of(HOSTILE, TEXT), odds
        ),
        **{
            key: mostly(st.sampled_from(values), st.one_of(HOSTILE, TEXT), odds)
            for key, values in GOOD_ANSWERS.items()
        },
    }
    rows = [
        [spelling if k == "code" else draw(cells[k]) for k in keys]
        for spelling in spellings[: draw(st.integers(0, len(spellings)))]
    ]
    # The registrations import reads ';', ',' and tab in UTF-8, Windows-1252 or UTF-16
    # with its mark (Excel's "Unicode text"); other encodings now and then.
    usual = st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])
    return as_bytes(draw, header, rows, mostly(usual, ENCODINGS, 5),
                    mostly(st.sampled_from([";", ",", "\t"]), DELIMITERS, 5))  # fmt: skip


def check_registrations_import(store: Store, draw_id: int, data: bytes) -> None:
    def attempt() -> draw_answers.RecordedAnswers:
        return draw_answers.import_registrations(store, ORGANISER, draw_id, data)

    result, before, after = refused_or_stored(store, attempt)
    if result is None:
        return
    assert isinstance(result, draw_answers.RecordedAnswers)
    stored = result.added + len(result.changes)  # new answers, corrections, withdrawals
    if stored == 0:
        assert after == before  # every answer was already known
        return
    assert changed_tables(before, after) <= ANSWER_TABLES, changed_tables(before, after)
    assert after["response"][0] == before["response"][0] + stored


@FUZZ
@given(data=st.data())
def test_any_registrations_file_stores_every_answer_or_none(
    store: Store, letters: tuple[int, list[str]], data: st.DataObject
) -> None:
    draw_id, codes = letters
    check_registrations_import(store, draw_id, data.draw(registrations(codes)))


@FUZZ
@given(raw=st.binary(max_size=400))
@example(raw=b"code;antwoord\n" + b"x" * 140_000 + b";ja\n")  # over csv's field limit
@example(raw=b"c" * 140_000 + b";antwoord\n")
@example(raw=b"code;antwoord\rABCD-EFGH;ja\r")
@example(raw=b'code;antwoord\n"ABCD;ja\n')
@example(raw=b"\xff\xfec\x00o\x00d\x00e\x00")
@example(raw=b"\n\n")
def test_any_bytes_as_registrations_are_refused_with_a_message(
    store: Store, letters: tuple[int, list[str]], raw: bytes
) -> None:
    draw_id, _ = letters
    check_registrations_import(store, draw_id, raw)


# What the fuzzing found, kept as plain tests ----------------------------------------------------


def test_registrations_with_lone_cr_line_ends_are_read(
    store: Store, letters: tuple[int, list[str]]
) -> None:
    draw_id, codes = letters
    data = f"code;antwoord\r{codes[0]};ja\r{codes[1]};nee\r".encode()
    assert draw_answers.import_registrations(store, ORGANISER, draw_id, data).added == 2


def test_a_register_extract_with_lone_cr_line_ends_is_read() -> None:
    upload = rx.read_upload(b"persoonsnummer;huishoudnummer\r1;2\r3;4\r", "mac.csv")
    assert upload.columns == ["persoonsnummer", "huishoudnummer"] and upload.rows == 2


def test_a_bad_answer_names_its_line(store: Store, letters: tuple[int, list[str]]) -> None:
    draw_id, codes = letters
    data = f"code;antwoord;geslacht\n{codes[0]};ja;man\n{codes[1]};ja;robot\n".encode()
    with pytest.raises(UserError, match=r"^Regel 3: Onbekend geslacht 'robot'"):
        draw_answers.import_registrations(store, ORGANISER, draw_id, data)


def test_excel_unicode_text_and_codes_without_the_dash_are_read(
    store: Store, letters: tuple[int, list[str]]
) -> None:
    """Excel's "Unicode text" (UTF-16 with tabs), and letter codes typed without the dash,
    in lower case or with a space."""
    draw_id, codes = letters
    typed = [codes[0].replace("-", ""), codes[1].lower(), codes[2].replace("-", " ")]
    text = "code\tantwoord\r\n" + "".join(f"{c}\tja\r\n" for c in typed)
    data = text.encode("utf-16")
    assert data.startswith(b"\xff\xfe")
    assert draw_answers.import_registrations(store, ORGANISER, draw_id, data).added == 3
    # The same people again, now with the dash: nothing new.
    again = "".join(f"{c};ja\n" for c in codes[:3])
    assert (
        draw_answers.import_registrations(
            store, ORGANISER, draw_id, f"code;antwoord\n{again}".encode()
        ).added
        == 0
    )


def test_two_megabytes_of_registrations_are_checked_in_linear_time(
    store: Store, letters: tuple[int, list[str]]
) -> None:
    """The check for a code given twice compared every row with every other (2 MB of
    distinct codes: hours); now one pass. The unknown codes are then refused."""
    draw_id, _ = letters
    rows = "\n".join(f"{n:04X}-{n:04X};ja" for n in range(130_000))
    data = f"code;antwoord\n{rows}\n".encode()
    assert len(data) < draw_answers.MAX_CSV_BYTES
    started = time.perf_counter()
    with pytest.raises(UserError, match="hoort bij geen brief"):
        draw_answers.import_registrations(store, ORGANISER, draw_id, data)
    assert time.perf_counter() - started < 10

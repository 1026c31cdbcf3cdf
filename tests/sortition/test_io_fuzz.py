"""Property-based fuzzing of the pool and quota readers (`sortition.io`): whatever file an
organiser brings (CSV with ',' ';' or tab, a BOM, UTF-8, Windows-1252, UTF-16 or bytes
that are no text at all, XLSX or a broken one), the readers either return a table or
raise `SortitionInputError` with a message; nothing else ever escapes."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sortition import SortitionInputError, make_quotas, read_pool, read_quotas

# The fuzzers take seconds each: left out of the year-ahead run (scripts/test.sh).
pytestmark = pytest.mark.slow


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUOTAS = make_quotas([("gender", "f", 0, 3), ("gender", "m", 0, 3), ("age", "young", 0, 3),
                      ("age", "old", 0, 3)])  # fmt: skip

# Cells: ordinary words, numbers in every spelling, and hostile text.
NUMBERS = st.sampled_from(["0", "1", "2", "3", "-1", "1.5", "2,0", "1e3", "1e400", "-1e400",
                           "inf", "nan", "NaN", "", " ", "٣", "9" * 23])  # fmt: skip
WORDS = st.sampled_from(["f", "m", "F ", " M", "young", "old", "Zoë", "Zoe\u0308", "x",
                         "gender", "age", "id", "=1+1", '"', "'", ";", ",", "\t", "\n", "\r",
                         "\ufeff", "\x00", "\u2028", "", "nan", "None"])  # fmt: skip
CELLS = st.one_of(NUMBERS, WORDS, st.text(max_size=12))
HEADERS = st.lists(
    st.one_of(st.sampled_from(["feature", "value", "min", "max", "Feature", " MIN ", "id",
                               "gender", "age", "household", "", "feature"]),
              st.text(max_size=8)),
    min_size=0,
    max_size=6,
)  # fmt: skip
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
DELIMITERS = st.sampled_from([",", ";", "\t", "|"])


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(HEADERS)
    width = max(1, len(header))
    rows = draw(
        st.lists(st.lists(CELLS, min_size=max(0, width - 1), max_size=width + 1), max_size=8)
    )
    return header, rows


def mostly(usual: st.SearchStrategy[str], rare: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`usual` nine times in ten, `rare` otherwise."""
    return st.integers(0, 9).flatmap(lambda n: rare if n == 0 else usual)


@st.composite
def shaped_tables(draw: st.DrawFn, reader: str) -> tuple[list[str], list[list[str]]]:
    """The right columns (any order, case and spacing) with fuzzed cells: reaches the
    checks behind the header."""
    names = ["feature", "value", "min", "max"] if reader == "quotas" else ["id", "gender", "age"]
    header = draw(st.permutations(names))
    header = [draw(st.sampled_from([n, n.upper(), f" {n.title()} "])) for n in header]
    valid = {"feature": st.sampled_from(["gender", "age", "Gender "]),
             "value": st.sampled_from(["f", "m", "young", "old"]),
             "min": mostly(st.sampled_from(["0", "1", "2"]), NUMBERS),
             "max": mostly(st.sampled_from(["2", "3", "4"]), NUMBERS),
             "id": st.one_of(st.integers(0, 6).map(str), WORDS),
             "gender": st.sampled_from(["f", "m", " F", "x", ""]),
             "age": st.sampled_from(["young", "old", "OLD", "middle"])}  # fmt: skip
    # Mostly valid cells, some fuzzed: both the good path and each check get reached.
    cell = {n: mostly(valid[n.strip().lower()], CELLS) for n in header}
    rows = draw(st.lists(st.tuples(*(cell[n] for n in header)).map(list), max_size=6))
    return header, rows


def csv_file(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    return "\n".join(lines).encode(encoding, errors="replace")


def read_bytes(data: bytes, suffix: str, reader: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            if reader == "quotas":
                read_quotas(path)
            else:
                read_pool(path, QUOTAS, id_column="id", household_column=None)
        except SortitionInputError as refused:
            message = str(refused)
            assert message.strip() and "Traceback" not in message


READERS = st.sampled_from(["quotas", "pool"])


@FUZZ
@given(tables(), DELIMITERS, ENCODINGS, READERS)
@example((["feature", "value", "min", "max"], [["g", "f", "inf", "2"]]), ",", "utf-8", "quotas")
@example((["feature", "value", "min", "max"], [["g", "f", "1e400", "2"]]), ";", "utf-8", "quotas")
@example((["id", "gender", "age"], [["1", "f", "young"], ["1", "m", "old"]]), ";", "utf-8-sig",
         "pool")  # fmt: skip
def test_csv_files_are_read_or_refused_with_a_message(
    table: tuple[list[str], list[list[str]]], delimiter: str, encoding: str, reader: str
) -> None:
    header, rows = table
    read_bytes(csv_file(header, rows, delimiter, encoding), ".csv", reader)


@FUZZ
@given(st.data(), DELIMITERS, ENCODINGS, READERS)
def test_files_with_the_right_columns_are_read_or_refused_with_a_message(
    data: st.DataObject, delimiter: str, encoding: str, reader: str
) -> None:
    header, rows = data.draw(shaped_tables(reader))
    read_bytes(csv_file(header, rows, delimiter, encoding), ".csv", reader)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx", ".txt", ".xlsm"]), READERS)
@example(b"\xff\xfe\x00\x00", ".csv", "quotas")
@example(b"PK\x03\x04broken zip", ".xlsx", "pool")
@example(b'feature,value,min,max\n"g,f,1,2\n', ".csv", "quotas")
def test_any_bytes_are_read_or_refused_with_a_message(
    data: bytes, suffix: str, reader: str
) -> None:
    read_bytes(data, suffix, reader)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), READERS)
def test_xlsx_files_are_read_or_refused_with_a_message(
    table: tuple[list[str], list[list[str]]], reader: str
) -> None:
    header, rows = table
    width = max(1, len(header))
    columns = [h if h else f"kolom{i}" for i, h in enumerate(header)] or ["kolom0"]
    cells = [[_xlsx_safe(c) for c in (row + [""] * width)[:width]] for row in rows]
    buffer = io.BytesIO()
    frame = pd.DataFrame(cells, columns=pd.Index([_xlsx_safe(c) for c in columns]))
    try:
        frame.to_excel(buffer, index=False)
    except ValueError:  # pandas refuses duplicate column names when writing: not our reader
        return
    read_bytes(buffer.getvalue(), ".xlsx", reader)


def _xlsx_safe(text: str) -> str:
    return "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")


def test_excels_unicode_text_is_read_and_nul_bytes_are_refused(tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with a BOM and tabs; other bytes with NULs in them
    are no text file and get a message saying how to save it."""
    quotas = tmp_path / "quotas.txt"
    quotas.write_bytes("feature\tvalue\tmin\tmax\ngender\tf\t1\t2\n".encode("utf-16"))
    assert [(q.feature, q.value, q.min, q.max) for q in read_quotas(quotas).quotas] == [
        ("gender", "f", 1, 2)
    ]
    binary = tmp_path / "quotas.csv"
    binary.write_bytes(b"feature,value,min,max\ng\x00,f,1,2\n")
    try:
        read_quotas(binary)
    except SortitionInputError as refused:
        assert "save it as CSV in UTF-8" in str(refused)
    else:
        raise AssertionError("a file with NUL bytes was read")

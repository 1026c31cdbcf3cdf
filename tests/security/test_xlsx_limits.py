"""Issue 15, finding 4: an XLSX file is refused before it is loaded when it would make the
reader's grid of cells too large (millions of rows in a small zip, a cell far away, a zip
bomb, a zip that lies about its sizes), with a Dutch message, in little time and memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
from sortition import xlsx_limits
from sortition.errors import SortitionInputError
from sortition.io import read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{KIND}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{KIND}.worksheet+xml"/>'
    "</Types>",
    "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="S" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>persoonsnummer</t></is></c></row>'


def book(
    rows: Iterable[bytes],
    target: io.BytesIO | Path | None = None,
    level: int = 6,
    sheet_at: tuple[str, str] = ("xl/worksheets/sheet1.xml", "worksheets/sheet1.xml"),
) -> bytes:
    """A workbook whose sheet is written as a stream from `rows` (never held whole);
    `sheet_at` is the sheet's part name and the workbook relationship's target for it."""
    out = target if target is not None else io.BytesIO()
    part, link = sheet_at
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zipped:
        for name, xml in PARTS.items():
            zipped.writestr(name, xml.replace('Target="worksheets/sheet1.xml"', f'Target="{link}"'))
        with zipped.open(part, "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><dimension ref="A1:A2"/><sheetData>'.encode())
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue() if isinstance(out, io.BytesIO) else b""


def many_rows(count: int) -> Iterable[bytes]:
    yield HEADER
    for start in range(2, count + 2, 100_000):
        stop = min(start + 100_000, count + 2)
        yield b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i)
                       for i in range(start, stop))  # fmt: skip


def unplaced_rows(count: int) -> Iterable[bytes]:
    """Rows without references, as in the review's file: the reader places each after the
    one before, so 6,000,000 of them zip to a few hundred kilobytes."""
    yield HEADER
    block = b"<row><c><v>1</v></c></row>" * 100_000
    for _ in range(count // 100_000):
        yield block


# Run in a child process: the reader there may take gigabytes, or abort, without the check.
CHILD = """
import json, resource, sys, time
from dashboard.domain.errors import UserError
from dashboard.files import register_extract as rx
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    rx.read_upload(data, "bom.xlsx")
    outcome = "gelezen"
except UserError as exc:
    outcome = str(exc)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"outcome": outcome, "mb": grown, "s": time.perf_counter() - started}))
"""


class ChildRead(TypedDict):
    """What CHILD prints: the reader's outcome, the memory it grew by (MB), its seconds."""

    outcome: str
    mb: float
    s: float


def read_in_child(path: Path) -> ChildRead:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # a fuzzer or a file of millions of rows: not in the year-ahead run
def test_six_million_rows_in_a_small_zip_are_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    book(unplaced_rows(6_000_000), path, level=9)
    assert path.stat().st_size < 1_000_000
    result = read_in_child(path)
    print(f"6,000,000 rows ({path.stat().st_size / 1e3:.0f} KB): {result}")
    assert "zonder celverwijzing" in str(result["outcome"])
    assert float(result["mb"]) < 100  # loaded, it took 2,000 MB in the review
    assert float(result["s"]) < 30


@pytest.mark.slow  # a fuzzer or a file of millions of rows: not in the year-ahead run
def test_two_million_numbered_rows_are_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    book(many_rows(2_000_000), path, level=1)
    result = read_in_child(path)
    print(f"2,000,000 numbered rows ({path.stat().st_size / 1e6:.1f} MB): {result}")
    assert str(result["outcome"]).startswith("Het Excel-bestand heeft rijen voorbij rij 1.199.999")
    assert float(result["mb"]) < 100
    assert float(result["s"]) < 30


def test_one_cell_far_away_is_refused_before_the_reader_makes_its_grid(tmp_path: Path) -> None:
    """A 1.4 KB file with a cell at XFD1048576 made calamine ask for 550 GB and abort."""
    path = tmp_path / "ver.xlsx"
    book([HEADER, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'], path)
    result = read_in_child(path)
    assert "voorbij kolom Z" in str(result["outcome"])
    assert float(result["mb"]) < 50


@pytest.mark.parametrize(
    "sheet_at",
    [("xl/evil.xml", "evil.xml"), ("evil/s.xml", "/evil/s.xml"), ("xl/a/b.png", "a/./b.png")],
)
def test_a_sheet_outside_xl_worksheets_is_checked_too(
    tmp_path: Path, sheet_at: tuple[str, str]
) -> None:
    """The reader follows the workbook's relationships wherever they point: a far cell in a
    sheet at xl/evil.xml made calamine abort the process (found by a second review)."""
    path = tmp_path / "elders.xlsx"
    book([HEADER, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'], path,
         sheet_at=sheet_at)  # fmt: skip
    result = read_in_child(path)
    assert "voorbij kolom Z" in str(result["outcome"])
    assert float(result["mb"]) < 50


def test_unplaced_rows_outside_xl_worksheets_are_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "elders-veel.xlsx"
    book(unplaced_rows(3_000_000), path, sheet_at=("xl/evil.xml", "evil.xml"))
    result = read_in_child(path)
    assert "zonder celverwijzing" in str(result["outcome"])
    assert float(result["mb"]) < 100


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (b'<row r="2"><c r="A1199999"><v>1</v></c></row>', "1.199.998 rijen"),  # after loading
        (b'<row r="1200000"><c r="A1200000"><v>1</v></c></row>', "voorbij rij"),
        (b'<row r="00001200000"><c r="A2"><v>1</v></c></row>', "voorbij rij"),
        (b"<row r='2'><c r = 'AA2'><v>1</v></c></row>", "voorbij kolom Z"),
        (b'<x:row r="2"><x:c r="&#65;&#65;2"><x:v>1</x:v></x:c></x:row>', "celverwijzing"),
        (b'<row r="2"><c><v>1</v></c></row>', "zonder celverwijzing"),
        (b'<row><c r="A2"><v>1</v></c></row>', "zonder celverwijzing"),
        (b'<row r="2"><c s="1" rr="A2"><v>1</v></c></row>', "zonder celverwijzing"),
        (b'<row r="2"><c r="A2"/>' + b"<c/>" * 20_000 + b"</row>", "zonder celverwijzing"),
    ],
)
def test_references_over_the_limits_are_refused(cells: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        rx.read_upload(book([HEADER, cells]), "x.xlsx")


def test_a_zip_bomb_is_refused_by_its_size_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rx, "XLSX_LIMITS", xlsx_limits.Limits(50_000_000, 60_000_000))
    blank = b" " * (1 << 20)
    data = book([HEADER, *(blank for _ in range(55))], level=9)  # 55 MB of blanks
    assert len(data) < 200_000
    started = time.perf_counter()
    with pytest.raises(UserError, match="uitgepakt groter dan 50 MB"):
        rx.read_upload(data, "bom.xlsx")
    assert time.perf_counter() - started < 10


def test_a_zip_that_lies_about_its_unpacked_size_is_refused_as_broken() -> None:
    data = bytearray(book(many_rows(2_000)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    for at in (info.header_offset + 22, data.rfind(real, 0, len(data) - 20)):  # both headers
        if data[at : at + 4] == real:
            data[at : at + 4] = (1000).to_bytes(4, "little")
    with pytest.raises(UserError, match="kan niet als Excel-bestand"):
        rx.read_upload(bytes(data), "leugen.xlsx")


def test_a_register_as_excel_writes_it_keeps_the_limits() -> None:
    """What legitimate writers write passes: openpyxl, and the bench's Excel-like file."""
    from openpyxl import Workbook

    sheet_book = Workbook()
    for row in [["persoonsnummer", *[f"k{i}" for i in range(25)]], *[[n] * 26 for n in range(50)]]:
        sheet_book.active.append(row)
    buffer = io.BytesIO()
    sheet_book.save(buffer)
    assert rx.read_upload(buffer.getvalue(), "ok.xlsx").rows == 50
    assert rx.read_upload(book(many_rows(3_000)), "ok.xlsx").rows == 3_000


def test_the_command_line_refuses_the_same_files(tmp_path: Path) -> None:
    path = tmp_path / "pool.xlsx"
    book([HEADER, b'<row r="2"><c r="ZZ2"><v>1</v></c></row>'], path)
    with pytest.raises(SortitionInputError, match="beyond column Z"):
        read_table(path)


# Every spelling of a reference: refused exactly when it lies beyond the limits -------------

LETTERS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3)


@pytest.mark.slow  # a fuzzer or a file of millions of rows: not in the year-ahead run
@settings(max_examples=300, deadline=None)
@given(
    letters=LETTERS,
    row=st.one_of(
        st.integers(1, 2_000_000), st.integers(1_199_990, 1_200_010), st.integers(2, 10**12)
    ),
    zeros=st.integers(0, 3),
    quote=st.sampled_from(['"', "'"]),
    space=st.sampled_from(["", " ", "\t", "\n "]),
    prefix=st.sampled_from(["", "x:"]),
)
def test_a_reference_is_refused_exactly_when_it_is_over_the_limits(
    letters: str, row: int, zeros: int, quote: str, space: str, prefix: str
) -> None:
    number = "0" * zeros + str(row)
    reference = f" {space}r{space}={space}{quote}{letters}{number}{quote}"
    sheet = (
        f'<{prefix}row r="2"><{prefix}c{reference} t="n"><{prefix}v>1</{prefix}v>'
        f"</{prefix}c></{prefix}row>"
    ).encode()
    data = book([HEADER, sheet])
    over_rows = row > xlsx_limits.MAX_ROW_REFERENCE
    over_columns = len(letters) > 1
    too_long = len(letters + number) >= 16
    if not (over_rows or over_columns or too_long):
        xlsx_limits.check_xlsx(data, rx.XLSX_LIMITS)
        return
    with pytest.raises(xlsx_limits.SpreadsheetLimitError):
        xlsx_limits.check_xlsx(data, rx.XLSX_LIMITS)

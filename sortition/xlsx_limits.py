"""Limits an XLSX workbook must keep before a reader loads it (issue 15, finding 4).

An XLSX file is a zip of XML parts. A reader (calamine, under fastexcel and pandas) unpacks
the first sheet and makes a cell grid as tall as its lowest row reference and as wide as
its rightmost column: a file of a few hundred bytes can ask for gigabytes (a cell in row
1,048,576, column XFD), and a few hundred kilobytes of zip can hold millions of rows. The
sheet's `<dimension ref=...>` may say anything, so it is not trusted. Instead every
part a reader may load as a sheet (wherever the workbook's relationships point, not only
under xl/worksheets/) is unpacked here as a stream, 4 MB at a time, and refused as soon as
it passes a limit:

- its real unpacked size (the zip's stated sizes are checked too, and a part that unpacks
  to more or less than it states is refused as broken);
- a row or cell reference beyond `MAX_ROW_REFERENCE` or beyond column `MAX_COLUMN_LETTER`;
  a row or cell without a reference (a reader would place it after the one before, so the
  references alone would not bound the grid);
- the number of cells.

The caller chooses the limits from the largest file it must take (see
dashboard/files/register_extract.py); the scan holds two chunks in memory. No XML is parsed:
the checks are RE2 patterns (pyarrow) that match only what is over a limit, searched on one
core while the other unpacks; 590 MB of sheet (a million rows) take about two seconds.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from sortition.errors import SortitionInputError

CHUNK = 1 << 22
MAX_ROW_REFERENCE = 1_199_999  # the pattern below refuses 1,200,000 and more
MAX_COLUMN_LETTER = "Z"  # 26 columns: one letter
RELATIONSHIPS_BYTES = 1 << 20

# RE2 patterns (pyarrow): linear time, outside the interpreter lock.
# The attribute r="..." (any spacing, either quote) of a row or cell.
_R = r"""\sr\s*=\s*["']"""
# A reference over the limits: row 1,200,000 or more (leading zeros allowed), two or more
# column letters, a character reference (&#65;), or something too long to be a reference.
_OVER = (
    _R + r"""(?:[A-Za-z]*0*(?:[1-9][0-9]{7,}|[2-9][0-9]{6}|1[2-9][0-9]{5})["']"""
    r"""|[A-Za-z]{2,}|[^"'>]*&|[^"'>]{16})"""
)
# A whole row or cell tag (any namespace prefix) none of whose attributes is r.
_NOT_R = r"""(?:[^\sr=/>][^\s=/>]*|r[^\s=/>]+)"""
_UNPLACED = (
    r"""<(?:[A-Za-z_][\w.-]*:)?(?:c|row)(?:\s+""" + _NOT_R
    + r"""\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""
)  # fmt: skip
_EITHER = f"{_OVER}|{_UNPLACED}"
_TAIL = 512  # bytes kept from the chunk before, so a tag cut in two is seen whole


@dataclass(frozen=True)
class Limits:
    sheet_bytes: int  # unpacked bytes of one worksheet part
    total_bytes: int  # unpacked bytes of the whole workbook, as its zip states them


class SpreadsheetLimitError(SortitionInputError):
    """A workbook over a limit, or not a readable workbook. The message is English; a user
    interface says it in its own language from `reason` and `limit`.

    reasons: 'not_a_workbook', 'too_large' (unpacked bytes), 'too_many_rows',
    'too_many_columns', 'unplaced_cell'."""

    def __init__(self, message: str, reason: str, limit: int = 0) -> None:
        super().__init__(message)
        self.reason = reason
        self.limit = limit


def check_xlsx(data: bytes, limits: Limits) -> None:
    """Raise SpreadsheetLimitError when the workbook is over a limit; load nothing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            infos = book.infolist()
            if sum(i.file_size for i in infos) > limits.total_bytes:
                raise _too_large(limits.total_bytes)
            read = _parts_a_reader_loads(book)
            for info in infos:
                if info.filename in read and not info.is_dir():
                    if info.file_size > limits.sheet_bytes:
                        raise _too_large(limits.sheet_bytes)
                    _scan_sheet(book, info, limits)
    except SpreadsheetLimitError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, zlib.error) as exc:  # fmt: skip
        raise SpreadsheetLimitError(
            f"Cannot read it as an XLSX workbook ({exc}).", "not_a_workbook"
        ) from exc


_TARGET = re.compile(rb"""\bTarget\s*=\s*["']([^"']*)["']""")
_OFFICE_DOCUMENT = re.compile(
    rb"""<Relationship\b[^>]*\bType\s*=\s*["'][^"']*/officeDocument["'][^>]*>"""
)


def _parts_a_reader_loads(book: zipfile.ZipFile) -> set[str]:
    """Every part a reader may load as a sheet or its strings: whatever the workbook's
    relationships point at, wherever it lies in the zip (a sheet at xl/evil.xml is read
    as readily as one under xl/worksheets/), and everything under xl/worksheets/."""
    names = set(book.namelist())
    found = {name for name in names if name.startswith("xl/worksheets/")}
    workbook = "xl/workbook.xml"
    if "_rels/.rels" in names:
        office = _OFFICE_DOCUMENT.search(_small_part(book, "_rels/.rels"))
        target = _TARGET.search(office.group()) if office else None
        if target is not None:
            workbook = _resolve("", target.group(1).decode("utf-8", "replace"))
    folder, _, file_name = workbook.rpartition("/")
    rels = f"{folder}/_rels/{file_name}.rels" if folder else f"_rels/{file_name}.rels"
    if rels in names:
        for target in _TARGET.finditer(_small_part(book, rels)):
            found.add(_resolve(folder, target.group(1).decode("utf-8", "replace")))
    return found & names


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: absolute (/xl/a.xml) or relative."""
    path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
    return posixpath.normpath(path).lstrip("/")


def _small_part(book: zipfile.ZipFile, name: str) -> bytes:
    """A relationships part, read only up to a size no real one comes near."""
    with book.open(name) as part:
        return part.read(RELATIONSHIPS_BYTES)


def _scan_sheet(book: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Unpack one worksheet as a stream; each block is searched on the other thread while
    the next one is unpacked. Python's zip reader stops at the stated size and checks the
    CRC at the end, so a part that lies about its size is refused as broken."""
    unpacked = 0
    tail = b""
    with book.open(info) as sheet, ThreadPoolExecutor(1) as pool:
        searching: Future[None] | None = None
        while chunk := sheet.read(CHUNK):
            unpacked += len(chunk)
            if unpacked > limits.sheet_bytes:
                raise _too_large(limits.sheet_bytes)
            if searching is not None:
                searching.result()
            block = tail + chunk
            searching = pool.submit(_search, block)
            tail = block[-_TAIL:]
        if searching is not None:
            searching.result()


def _search(block: bytes) -> None:
    blocks = pa.array([block], pa.binary())
    if not pc.any(pc.match_substring_regex(blocks, _EITHER)).as_py():
        return
    found = re.search(_OVER.encode(), block)
    value = re.sub(_R.encode(), b"", found.group()) if found is not None else b""
    if found is None or b"&" in value or len(value) >= 16:
        raise SpreadsheetLimitError(
            "A row or cell has no plain reference (r=...); save the file again in a "
            "spreadsheet program.",
            "unplaced_cell",
        )
    if re.match(rb"[A-Za-z]{2,}", value):
        raise SpreadsheetLimitError(
            f"A cell lies beyond column {MAX_COLUMN_LETTER}.",
            "too_many_columns",
            ord(MAX_COLUMN_LETTER) - ord("A") + 1,
        )
    raise SpreadsheetLimitError(
        f"A row lies beyond row {MAX_ROW_REFERENCE:,}.", "too_many_rows", MAX_ROW_REFERENCE
    )


def _too_large(limit: int) -> SpreadsheetLimitError:
    return SpreadsheetLimitError(
        f"The workbook unpacks to more than {limit // 1_000_000:,} MB.", "too_large", limit
    )

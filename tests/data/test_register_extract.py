"""`python -m data.register_extract`: a database it cannot use is refused with a message and
exit code 2, and no extract is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.register_extract import main


def test_a_file_that_is_no_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "notes.duckdb", tmp_path / "extract.csv"
    db.write_text("no database")
    assert main(["--db", str(db), "--out", str(out)]) == 2
    assert "Cannot write the extract" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out = tmp_path / "missing.duckdb", tmp_path / "extract.csv"
    assert main(["--db", str(db), "--out", str(out)]) == 2
    assert "No database" in capsys.readouterr().err
    assert not db.exists() and not out.exists()


def test_an_unknown_neighbourhood_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "extract.csv"
    assert main(["--db", str(demo_db), "--out", str(out), "--wijk", "WK999"]) == 2
    assert "WK999" in capsys.readouterr().err
    assert not out.exists()


def test_the_extract_of_one_neighbourhood_is_written(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "extract.csv"
    assert main(["--db", str(demo_db), "--out", str(out), "--wijk", "WK001"]) == 0
    assert len(out.read_text().splitlines()) > 1

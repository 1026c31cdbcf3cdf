"""`sortition verify` (and every command that reads a bundle) on JSON made to break the reader:
deep nesting and integers too long for Python are refused with exit 2 and a message, never a
traceback (issue 15, item 7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sortition import prepare
from sortition.cli import main
from sortition.draw_cli import MAX_NESTING, read_bundle
from sortition.errors import SortitionInputError
from tests.sortition.conftest import random_instance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("bundle")
    frame, quotas = random_instance(3, 30, 6, households=True)
    frame.to_csv(folder / "people.csv", index=False)
    (folder / "quotas.csv").write_text(
        "feature,value,min,max\n"
        + "".join(f"{q.feature},{q.value},{q.min},{q.max}\n" for q in quotas.quotas),
        encoding="utf-8",
    )
    return prepare(
        str(folder / "people.csv"),
        str(folder / "quotas.csv"),
        6,
        household_column="household",
        m=50,
        rounding_seconds=0.2,
    )


def _with_value(bundle: dict[str, object], field: str, raw: str) -> str:
    """The bundle's JSON with one field's value replaced by raw JSON text."""
    marker = "__REPLACED__"
    return json.dumps({**bundle, field: marker}).replace(json.dumps(marker), raw, 1)


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


HOSTILE = {
    "nested 900 deep": _nested(900),
    "nested 100000 deep": _nested(100_000),
    "a 5000-digit integer": "9" * 5000,
    "a 5000-digit negative integer": "-" + "9" * 5000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_program_exits_2_with_a_message(
    bundle: dict[str, object], tmp_path: Path, name: str
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(_with_value(bundle, "code_version", HOSTILE[name]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sortition", "verify", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {path} is not a draw bundle: ")


def test_a_whole_file_of_brackets_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "bundle.json"
    path.write_text("{" + '"a":' + _nested(200_000) + "}", encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    assert "nested too deep" in capsys.readouterr().err


@pytest.mark.parametrize("field", ["format", "code_version", "pool", "quotas", "k", "ceremony"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_field_and_every_command_refuse_it(
    bundle: dict[str, object],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    name: str,
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(_with_value(bundle, field, HOSTILE[name]), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(bundle), encoding="utf-8")
    before = path.read_bytes()
    for argv in (
        ["verify", str(path)],
        ["verify", str(good), "--parent", str(path)],
        ["reveal", str(path), "--input", "1"],
        ["reserve", str(path), "--leaving", "x"],
        ["replace", str(path), "--leaving", "x", "--out", str(tmp_path / "out.json")],
    ):
        assert main(argv) == 2, argv
        assert capsys.readouterr().err.startswith("error: ")
    assert path.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


def test_the_nesting_limit_leaves_room_for_real_bundles(
    bundle: dict[str, object], tmp_path: Path
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(_with_value(bundle, "parameters", _nested(MAX_NESTING - 2)), encoding="utf-8")
    assert read_bundle(str(path))["parameters"] is not None
    path.write_text(_with_value(bundle, "parameters", _nested(MAX_NESTING)), encoding="utf-8")
    with pytest.raises(SortitionInputError, match="nested too deep"):
        read_bundle(str(path))
    path.write_text(json.dumps(bundle), encoding="utf-8")
    assert read_bundle(str(path)) == json.loads(json.dumps(bundle))

"""`python -m sortition prepare | reveal | verify | replace | reserve` and their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sortition import prepare, reveal
from sortition.cli import main
from tests.sortition.conftest import random_instance


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    frame, quotas = random_instance(3, 40, 8, households=True)
    people = tmp_path / "people.csv"
    frame.to_csv(people, index=False, sep=";")
    table = tmp_path / "quotas.csv"
    table.write_text(
        "feature,value,min,max\n"
        + "".join(f"{q.feature},{q.value},{q.min},{q.max}\n" for q in quotas.quotas),
        encoding="utf-8",
    )
    return people, table


def _prepare(files: tuple[Path, Path], out: Path) -> list[str]:
    people, quotas = files
    return [
        "prepare",
        "--people",
        str(people),
        "--quotas",
        str(quotas),
        "--k",
        "8",
        "--household-column",
        "household",
        "--m",
        "200",
        "--rounding-seconds",
        "0.2",
        "--out",
        str(out),
    ]


def test_prepare_reveal_verify(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "bundle.json"
    assert main(_prepare(files, bundle)) == 0
    commitment = json.loads(bundle.read_text())["commitment"]
    assert f"Publish this commitment before the ceremony: {commitment}" in capsys.readouterr().out
    assert main(["verify", str(bundle)]) == 0
    assert "not yet revealed" in capsys.readouterr().out
    assert main(["reveal", str(bundle), "--input", "4", "--input", "2", "--input", "6"]) == 0
    revealed = json.loads(bundle.read_text())
    out = capsys.readouterr().out
    assert f"Panel number {revealed['ceremony']['chosen_index']}" in out
    assert ", ".join(revealed["panel"]) in out
    assert main(["verify", str(bundle)]) == 0
    assert "identical" in capsys.readouterr().out
    # A second reveal is refused and leaves the file as it was.
    before = bundle.read_bytes()
    assert main(["reveal", str(bundle), "--input", "1"]) == 2
    assert "already been revealed" in capsys.readouterr().err
    assert bundle.read_bytes() == before


def test_verify_exits_1_with_a_readable_diff(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "bundle.json"
    main(_prepare(files, bundle))
    main(["reveal", str(bundle), "--input", "7"])
    data = json.loads(bundle.read_text())
    data["ceremony"]["inputs"] = ["8"]
    bundle.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["verify", str(bundle)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT IDENTICAL")
    assert "seed: the bundle says" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "File not found"),
        ("{", "is not a JSON file"),
        ("[1, 2]", "is not a draw bundle"),
        ('{"format": "wijkraad-draw-bundle/1"}', "lacks field"),
    ],
)
def test_verify_exits_2_for_what_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "bundle.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_replace_reserve_and_verify_with_parent(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "bundle.json"
    main(_prepare(files, bundle))
    main(["reveal", str(bundle), "--input", "5"])
    leaving = json.loads(bundle.read_text())["panel"][0]
    capsys.readouterr()
    assert main(["reserve", str(bundle), "--leaving", leaving]) == 0
    assert capsys.readouterr().out.startswith("1. ")
    replacement = tmp_path / "replacement.json"
    argv = ["replace", str(bundle), "--leaving", leaving, "--m", "50", "--out", str(replacement)]
    assert main(argv) == 0
    assert main(["reveal", str(replacement), "--input", "3"]) == 0
    assert main(["verify", str(replacement), "--parent", str(bundle)]) == 0
    assert main(["replace", str(bundle), "--leaving", "nobody", "--out", str(tmp_path / "x")]) == 2
    assert "Not a current member" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_prepare_with_infeasible_quotas_exits_2_with_the_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "p.csv"
    people.write_text("id,gender\na,f\nb,m\nc,m\n", encoding="utf-8")
    quotas = tmp_path / "q.csv"
    quotas.write_text("feature,value,min,max\ngender,f,2,2\ngender,m,0,1\n", encoding="utf-8")
    out = tmp_path / "b.json"
    argv = ["prepare", "--people", str(people), "--quotas", str(quotas), "--k", "2"]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "gender f: at least 2 asked, but only 1 volunteer" in err and "suggestion" in err
    assert not out.exists()


def test_the_module_runs_as_a_program(files: tuple[Path, Path], tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    cli = [sys.executable, "-m", "sortition"]
    subprocess.run([*cli, *_prepare(files, bundle)], check=True, capture_output=True)
    subprocess.run([*cli, "reveal", str(bundle), "--input", "1"], check=True, capture_output=True)
    done = subprocess.run([*cli, "verify", str(bundle)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "HiGHS" not in done.stdout


def test_rotate_prepares_a_draw_without_sitting_or_cooling_down_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame, quotas = random_instance(1, 60, 9)
    council = reveal(prepare(frame, quotas, 9, m=50, rounding_seconds=0), ["1"])
    staying = frame[frame["id"].isin(council["panel"][:6])]
    leaving = council["panel"][6:]
    volunteers = frame[~frame["id"].isin(staying["id"])]
    paths = {name: tmp_path / f"{name}.csv" for name in ("people", "staying", "service")}
    volunteers.to_csv(paths["people"], index=False)
    staying.to_csv(paths["staying"], index=False)
    quota_file = tmp_path / "quotas.csv"
    pd.DataFrame(quotas.to_rows()).to_csv(quota_file, index=False)
    service = [f"{p},2026-06-30" for p in leaving] + [f"{p}," for p in staying["id"]]
    paths["service"].write_text("id,ended_on\n" + "\n".join(service) + "\n", encoding="utf-8")
    out = tmp_path / "rotation.json"
    argv = ["rotate", "--people", str(paths["people"]), "--quotas", str(quota_file)]
    argv += ["--k", "3", "--staying", str(paths["staying"]), "--service", str(paths["service"])]
    argv += ["--today", "2026-11-23", "--m", "50", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    bundle = json.loads(out.read_text())
    drawable = {row[0] for row in bundle["pool"]["rows"]}
    assert not drawable & set(leaving)  # ended five months ago: still cooling down
    assert not drawable & set(staying["id"])
    assert bundle["purpose"] == "rotation" and bundle["k"] == 3
    assert main(["reveal", str(out), "--input", "2"]) == 0
    assert main(["verify", str(out)]) == 0
    argv[argv.index("2026-11-23")] = "23-11-2026"
    assert main(argv) == 2
    assert "is not a date" in capsys.readouterr().err

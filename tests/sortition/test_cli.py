"""The command line: exact JSON format, exit 2 with a message for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from sortition.cli import main

PEOPLE = "id;gender;age;hh\np1;f;young;a\np2;f;old;b\np3;m;old;c\np4;m;young;d\np5;m;old;d\n"


def _files(tmp_path: Path, quotas: str) -> tuple[Path, Path]:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    q = tmp_path / "quotas.csv"
    q.write_text("feature,value,min,max\n" + quotas, encoding="utf-8")
    return people, q


def test_select_json(tmp_path: Path) -> None:
    people, quotas = _files(tmp_path, "gender,f,1,1\ngender,m,1,1\nage,young,1,1\nage,old,1,1\n")
    out = tmp_path / "result.json"
    argv = ["select", "--people", str(people), "--quotas", str(quotas), "--k", "2"]
    argv += ["--household-column", "hh", "--seed", "1", "--out", str(out)]
    assert main(argv) == 0
    result = json.loads(out.read_text())
    assert set(result) == {"algorithm", "k", "probabilities", "portfolio", "selected", "seconds"}
    assert result["algorithm"] == "leximin" and result["k"] == 2
    assert abs(sum(result["probabilities"].values()) - 2) < 1e-9
    assert all(set(p) == {"panel", "probability"} for p in result["portfolio"])
    assert result["selected"] in [p["panel"] for p in result["portfolio"]]
    # p4 and p5 share household d: never together.
    assert not any({"p4", "p5"} <= set(p["panel"]) for p in result["portfolio"])
    again = tmp_path / "again.json"
    argv[-1] = str(again)
    assert main(argv) == 0
    assert json.loads(again.read_text())["selected"] == result["selected"]


def test_infeasible_exit_2_no_traceback(tmp_path: Path) -> None:
    people, quotas = _files(tmp_path, "gender,f,3,3\ngender,m,0,3\nage,young,0,3\nage,old,0,3\n")
    argv = ["select", "--people", str(people), "--quotas", str(quotas), "--k", "3"]
    proc = subprocess.run(
        [sys.executable, "-m", "sortition", *argv, "--out", str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "gender f: at least 3 asked, but only 2 volunteers in the pool" in proc.stderr
    assert "lower the minimum from 3 to 2" in proc.stderr


def test_bad_input_exit_2(tmp_path: Path, capsys) -> None:
    people, quotas = _files(tmp_path, "gender,f,1,1\ngender,m,1,1\n")
    argv = ["select", "--people", str(people), "--quotas", str(quotas), "--k", "9"]
    assert main(argv) == 2
    assert "larger than the pool of 5" in capsys.readouterr().err
    assert main(["select", "--people", "nope.csv", "--quotas", str(quotas), "--k", "2"]) == 2


def test_invite(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    pd.DataFrame(
        {
            "id": range(200),
            "household": [i // 2 for i in range(200)],
            "neighbourhood": ["Noord" if i < 120 else "Zuid" for i in range(200)],
            "age": [10 + (i * 7) % 80 for i in range(200)],
        }
    ).to_csv(register, index=False)
    out = tmp_path / "inv.csv"
    assert main(["invite", "--register", str(register), "--n", "20", "--out", str(out)]) == 0
    inv = pd.read_csv(out)
    assert len(inv) == 20 and inv["household_id"].is_unique

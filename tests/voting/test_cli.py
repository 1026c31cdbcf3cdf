"""`python -m voting tally`: the winners, the money and the whys; 2 and a message (never a
traceback) for a wrong command or file."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from data.vote_sample import neighbourhood_vote
from tests.voting.test_pabulib import BAD
from voting import equal_shares, greedy_by_votes, write_pabulib
from voting.cli import main
from voting.money import euro

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def vote(tmp_path: Path) -> Path:
    path = tmp_path / "stemming.pb"
    path.write_text(write_pabulib(neighbourhood_vote(2, 300, 12, Decimal(12_000))), "utf-8")
    return path


def test_both_rules(vote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tally", str(vote), "--rule", "both"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Buurtbudget (synthetisch)\nBudget € 12.000, 12 ideeën, 300 stembiljetten"
    )
    assert "Gelijke delen (Method of Equal Shares)" in out
    assert "Meeste stemmen (zoals de meeste gemeenten tellen)" in out
    election = neighbourhood_vote(2, 300, 12, Decimal(12_000))
    for outcome in (equal_shares(election), greedy_by_votes(election)):
        assert f"Besteed: {euro(outcome.spent)} van € 12.000" in out
        for n, idea in enumerate(outcome.winners, start=1):
            assert f"  {n}. {idea.label}: {euro(idea.cost)}" in out
    assert out.count(": gekozen. ") + out.count(": niet gekozen. ") == 2 * 12


def test_one_rule_by_default_equal_shares(vote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tally", str(vote)]) == 0
    out = capsys.readouterr().out
    assert "Gelijke delen" in out and "Meeste stemmen" not in out
    assert main(["tally", str(vote), "--rule", "greedy"]) == 0
    out = capsys.readouterr().out
    assert "Gelijke delen" not in out and "Meeste stemmen" in out


def test_a_bad_file_every_problem_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kapot.pb"
    path.write_text(BAD, "utf-8")
    assert main(["tally", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == f"{path} is niet te tellen:"
    assert lines[1] == "  regel 9: budget staat al op regel 6"
    assert len(lines) == 1 + 12 and "Traceback" not in captured.err


def test_a_missing_file_and_a_wrong_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tally", str(tmp_path / "er-niet.pb")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'er-niet.pb'} is niet te lezen:")
    assert main(["tally", str(tmp_path)]) == 2  # a folder
    with pytest.raises(SystemExit) as wrong:
        main(["tally", str(tmp_path), "--rule", "borda"])
    assert wrong.value.code == 2


def test_as_a_command(vote: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voting", "tally", str(vote), "--rule", "greedy"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and "Besteed: " in done.stdout
    (tmp_path / "leeg.pb").write_bytes(b"\xff\xfe")
    done = subprocess.run(
        [sys.executable, "-m", "voting", "tally", str(tmp_path / "leeg.pb")],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.endswith("regel 1: geen UTF-8-tekst; sla het bestand op als UTF-8\n")

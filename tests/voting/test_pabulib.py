"""The pabulib format: our files read back as they were written, pabutools reads ours and
we read pabutools', and a bad file is refused with every problem and its line at once."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from pabutools.election.pabulib import election_as_pabulib_string, parse_pabulib_from_string

from data.vote_sample import neighbourhood_vote
from tests.voting.elections import random_election
from voting import Ballot, Election, Idea, VotingInputError, read_pabulib, write_pabulib
from voting.model import KINDS, BallotKind


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", range(12))
def test_round_trip(seed: int, kind: BallotKind) -> None:
    election = random_election(seed, kind)
    text = write_pabulib(election)
    assert read_pabulib(text) == election
    assert read_pabulib(text.encode("utf-8")) == election
    assert write_pabulib(read_pabulib(text)) == text


def test_round_trip_of_awkward_text_and_missing_voter_ids() -> None:
    ideas = (
        Idea("1", 'Bankje "De Rust"; bij de vijver', Decimal("1250.50"), "openbare ruimte"),
        Idea("2", "Café-avond", Decimal(800), "sociale samenhang, jeugd"),
        Idea("10", "", Decimal("0.01")),
    )
    ballots = (Ballot(frozenset({"1", "2"})), Ballot(frozenset(), "2"), Ballot(frozenset({"10"})))
    election = Election(
        Decimal("3000.5"), ideas, ballots, "approval", (("description", "Test; één"),)
    )
    again = read_pabulib(write_pabulib(election))
    assert again.ideas == ideas
    assert [b.voter for b in again.ballots] == ["1", "2", "3"]  # the free numbers
    assert [b.ideas for b in again.ballots] == [b.ideas for b in ballots]
    assert (again.budget, again.meta) == (Decimal("3000.50"), election.meta)


@pytest.mark.parametrize("kind", KINDS)
def test_pabutools_reads_our_files_as_we_do(kind: BallotKind) -> None:
    election = neighbourhood_vote(4, ballots=120, ideas=9, budget=Decimal(9_000), kind=kind)
    instance, profile = parse_pabulib_from_string(write_pabulib(election))
    assert instance.budget_limit == 9_000
    assert {p.name: Fraction(str(p.cost)) for p in instance} == {
        i.id: Fraction(i.cost) for i in election.ideas
    }
    assert [sorted(p.name for p in ballot) for ballot in profile] == [
        sorted(b.ideas) for b in election.ballots
    ]
    assert instance.meta["vote_type"] == "approval"
    assert ("max_sum_cost" in instance.meta) == (kind == "knapsack")


def test_we_read_what_pabutools_writes() -> None:
    election = neighbourhood_vote(6, ballots=80, ideas=7, budget=Decimal(7_000))
    instance, profile = parse_pabulib_from_string(write_pabulib(election))
    ours = read_pabulib(election_as_pabulib_string(instance, profile))
    assert {i.id: (i.cost, i.name) for i in ours.ideas} == {
        i.id: (i.cost, i.name) for i in election.ideas
    }
    assert sorted(sorted(b.ideas) for b in ours.ballots) == sorted(
        sorted(b.ideas) for b in election.ballots
    )
    assert ours.budget == election.budget


def test_byte_order_mark_and_windows_line_ends() -> None:
    text = write_pabulib(random_election(3))
    election = read_pabulib(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    assert election == read_pabulib(text)


BAD = """META
key;value
description;Kapotte stemming
num_projects;4
num_votes;5
budget;25000
vote_type;approval
max_length;2
budget;30000
PROJECTS
project_id;cost;votes;name
1;5000;2;Bankjes
2;25.000;1;Speeltuin
3;3000;9;Moestuin
3;4000;1;Nog een moestuin
4;1000;1;"Koffie; thee
VOTES
voter_id;vote
a;1,3
b;1,1
c;7
a;1,2,3
d;3;extra
"""


def problems(text: str | bytes) -> list[tuple[int, str]]:
    with pytest.raises(VotingInputError) as refused:
        read_pabulib(text)
    return [(p.line, p.message) for p in refused.value.problems]


def test_every_problem_of_a_file_at_once_with_its_line() -> None:
    assert problems(BAD) == [
        (9, "budget staat al op regel 6"),
        (12, "kolom votes zegt 2, maar 3 stembiljetten noemen dit project"),
        (13, "de kosten '25.000' zijn geen bedrag (schrijf bijvoorbeeld 5000 of 5000.50)"),
        (14, "idee 3: het nummer '3' komt 2 keer voor"),
        (15, "idee 3: het nummer '3' komt 2 keer voor"),
        (16, 'een aanhalingsteken (") wordt niet gesloten op deze regel'),
        (19, "stembiljet 1: kiezer 'a' heeft 2 stembiljetten"),
        (20, "1 staat twee keer op dit stembiljet"),
        (21, "onbekend project '7'"),
        (22, "3 gekozen, meer dan max_length 2"),
        (22, "stembiljet 4: kiezer 'a' heeft 2 stembiljetten"),
        (23, "3 velden, maar de kopregel heeft er 2"),
    ]


def test_the_file_as_a_whole() -> None:
    assert problems("") == [
        (0, "Het deel META ontbreekt."),
        (0, "Het deel PROJECTS ontbreekt."),
        (0, "Het deel VOTES ontbreekt."),
        (0, "META mist het budget (budget;25000)."),
        (0, "META mist vote_type (vote_type;approval)."),
    ]
    swapped = "PROJECTS\nproject_id;cost\n1;5\nMETA\nkey;value\nbudget;10\nvote_type;approval\n"
    assert problems(swapped) == [
        (0, "Het deel VOTES ontbreekt."),
        (1, "PROJECTS staat niet op zijn plaats: eerst META, dan PROJECTS, dan VOTES"),
        (4, "META staat niet op zijn plaats: eerst META, dan PROJECTS, dan VOTES"),
    ]


def test_refused_kinds_of_vote_and_budgets() -> None:
    text = write_pabulib(random_election(1))
    ordinal = text.replace("vote_type;approval", "vote_type;ordinal")
    assert problems(ordinal) == [
        (
            ordinal.splitlines().index("vote_type;ordinal") + 1,
            "vote_type 'ordinal' wordt niet gelezen; alleen approval "
            "(ook kiezen binnen het budget)",
        )
    ]
    budget = next(line for line in text.splitlines() if line.startswith("budget;"))
    for wrong in ("0", "25.000", "-5", "veel"):
        assert problems(text.replace(budget, f"budget;{wrong}"))[0][1] == (
            f"het budget '{wrong}' is geen bedrag boven 0 (schrijf bijvoorbeeld 25000)"
        )


def test_a_knapsack_ballot_over_the_budget_in_a_file() -> None:
    text = "\n".join([
        "META", "key;value", "budget;1000", "vote_type;approval", "max_sum_cost;1000",
        "PROJECTS", "project_id;cost", "1;600", "2;500",
        "VOTES", "voter_id;vote", "a;1", "b;1,2",
    ])  # fmt: skip
    assert problems(text) == [
        (
            13,
            "stembiljet 2: de gekozen ideeën kosten samen € 1.100, meer dan het budget van "
            "€ 1.000; bij kiezen binnen het budget telt dit stembiljet niet",
        )
    ]
    assert read_pabulib(text.replace("b;1,2", "b;2")).kind == "knapsack"
    lower = text.replace("max_sum_cost;1000", "max_sum_cost;550")
    assert problems(lower) == [
        (12, "de gekozen projecten kosten samen € 600, meer dan max_sum_cost € 550"),
        (13, "de gekozen projecten kosten samen € 1.100, meer dan max_sum_cost € 550"),
    ]


def test_headers() -> None:
    text = write_pabulib(random_election(2))
    line = text.splitlines().index("project_id;cost;votes;name;category") + 1
    assert problems(text.replace("project_id;cost;votes", "project_id;prijs;votes")) == [
        (line, "kolom cost ontbreekt in de kopregel")
    ]
    assert problems(text.replace("voter_id;vote", "voter_id;vote;vote")) == [
        (text.splitlines().index("voter_id;vote") + 1, "kolom vote staat dubbel in de kopregel")
    ]
    twice = text.replace("PROJECTS\n", "PROJECTS\n\n\nPROJECTS\n")
    assert problems(twice)[1:] == [
        (line - 1, "PROJECTS heeft geen kopregel"),
        (line + 2, "PROJECTS staat er een tweede keer"),
    ]


def test_not_utf8() -> None:
    data = write_pabulib(random_election(2)).encode("utf-8").replace(b"idee 1", b"id\xe9e 1")
    line = data.split(b"\n").index(next(x for x in data.split(b"\n") if b"\xe9" in x)) + 1
    assert problems(data) == [(line, "geen UTF-8-tekst; sla het bestand op als UTF-8")]

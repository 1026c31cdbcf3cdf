"""Read a vote in the pabulib format (pabulib.org): sections META, PROJECTS and VOTES, each
a header line and then lines of fields separated by ';'.

Every problem of a file is reported at once, each with its line, in Dutch; a file with any
problem is refused whole (`VotingInputError`). Only approval votes are read: vote_type
approval, where max_sum_cost equal to the budget means kiezen binnen het budget (knapsack).
The file's own limits (min_length, max_length, and max_sum_cost below the budget) are
checked on every ballot. Columns the model does not hold (a voter's age, a project's
target or position, ...) are not kept; the META lines are, in order.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from voting import checks
from voting.errors import Problem, VotingInputError
from voting.model import Ballot, BallotKind, Election, Idea
from voting.money import euro, parse_amount

MAX_BYTES = 100_000_000
SECTIONS = ("meta", "projects", "votes")
# META keys the reader turns into the election itself; the rest is kept as it is.
DERIVED = ("num_projects", "num_votes", "budget", "vote_type")
NONE = "none"  # pabulib's empty value


@dataclass
class _Section:
    name: str
    line: int
    header: list[str] = field(default_factory=list)
    header_line: int = 0
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class _Read:
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, tuple[int, str]] = field(default_factory=dict)
    ideas: list[Idea] = field(default_factory=list)
    idea_lines: list[int] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # every project id, also of refused lines
    stated_votes: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> line, votes
    ballots: list[Ballot] = field(default_factory=list)
    ballot_lines: list[int] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # section -> lines of data
    projects_read: bool = False  # PROJECTS has a usable header: unknown ids mean something
    votes_read: bool = False  # VOTES has a usable header: counts of votes mean something

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))


def read_pabulib(data: bytes | str) -> Election:
    read = _Read()
    rows = _rows(_text(data), read)
    sections = _sections(rows, read)
    _meta(sections.get("meta"), read)
    _projects(sections.get("projects"), read)
    _votes(sections.get("votes"), read)
    budget, kind = _budget(read)
    usable = {idea.id for idea in read.ideas}  # the others' lines are reported already
    election = Election(
        budget or Decimal(1),
        tuple(read.ideas),
        tuple(Ballot(b.ideas & usable, b.voter) for b in read.ballots),
        kind,
        tuple(
            (k, v)
            for k, (_, v) in read.meta.items()
            if k not in DERIVED and not (k == "max_sum_cost" and kind == "knapsack")
        ),
    )
    _counts(election, read)
    _limits(election, read)
    read.problems += checks.content_problems(
        election, read.idea_lines, read.ballot_lines, need_ideas=read.projects_read
    )
    if read.problems:
        raise VotingInputError(read.problems)
    return election


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_BYTES:
        raise VotingInputError(
            [Problem(0, f"Het bestand is groter dan {MAX_BYTES // 1_000_000} MB.")]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise VotingInputError(
            [Problem(line, "geen UTF-8-tekst; sla het bestand op als UTF-8")]
        ) from None


def _rows(text: str, read: _Read) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not line.strip():
            continue
        try:
            cells = next(csv.reader([line], delimiter=";", strict=True))
        except csv.Error:
            read.problem(number, 'een aanhalingsteken (") wordt niet gesloten op deze regel')
            continue
        rows.append((number, [cell.strip() for cell in cells]))
    return rows


def _sections(rows: list[tuple[int, list[str]]], read: _Read) -> dict[str, _Section]:
    sections: dict[str, _Section] = {}
    current: _Section | None = None
    for line, cells in rows:
        name = "" if any(cells[1:]) else cells[0].lower()
        if name in SECTIONS:
            current = _open_section(name, line, sections, read)
        elif current is None:
            read.problem(line, "het bestand moet met META beginnen")
            current = _Section("", line)  # read on, to report the rest too
        elif current.header_line == 0:
            current.header, current.header_line = [c.lower() for c in cells], line
        else:
            current.rows.append((line, cells))
    for name, section in sections.items():
        read.rows[name] = len(section.rows)
    for name in SECTIONS:
        if name not in sections:
            read.problem(0, f"Het deel {name.upper()} ontbreekt.")
        elif sections[name].header_line == 0:
            read.problem(sections[name].line, f"{name.upper()} heeft geen kopregel")
    return sections


def _open_section(name: str, line: int, sections: dict[str, _Section], read: _Read) -> _Section:
    if name in sections:
        read.problem(line, f"{name.upper()} staat er een tweede keer")
    elif list(sections) != list(SECTIONS[: SECTIONS.index(name)]):
        read.problem(
            line, f"{name.upper()} staat niet op zijn plaats: eerst META, dan PROJECTS, dan VOTES"
        )
    section = _Section(name, line)
    sections.setdefault(name, section)
    return section


def _columns(section: _Section, needed: tuple[str, ...], read: _Read) -> dict[str, int] | None:
    if section.header_line == 0:
        return None
    missing = [c for c in needed if c not in section.header]
    doubled = sorted(c for c, n in Counter(section.header).items() if n > 1)
    if missing:
        read.problem(section.header_line, f"kolom {', '.join(missing)} ontbreekt in de kopregel")
    if doubled:
        read.problem(section.header_line, f"kolom {', '.join(doubled)} staat dubbel in de kopregel")
    if missing or doubled:
        return None
    return {name: i for i, name in enumerate(section.header)}


def _fits_header(section: _Section, line: int, cells: list[str], read: _Read) -> bool:
    if len(cells) == len(section.header):
        return True
    read.problem(line, f"{len(cells)} velden, maar de kopregel heeft er {len(section.header)}")
    return False


def _meta(section: _Section | None, read: _Read) -> None:
    if section is None or section.header_line == 0:
        return
    for line, cells in section.rows:
        if len(cells) != 2 or not cells[0]:
            read.problem(line, "een META-regel is sleutel;waarde")
            continue
        key, value = cells[0].lower(), cells[1]
        if key in read.meta:
            read.problem(line, f"{key} staat al op regel {read.meta[key][0]}")
            continue
        read.meta[key] = (line, value)


def _value(cells: list[str], columns: dict[str, int], name: str) -> str:
    value = cells[columns[name]] if name in columns else ""
    return "" if value.lower() == NONE else value


def _projects(section: _Section | None, read: _Read) -> None:
    if section is None:
        return
    columns = _columns(section, ("project_id", "cost"), read)
    if columns is None:
        return
    read.projects_read = True
    category = "category" if "category" in columns else "categories"
    for line, cells in section.rows:
        if not _fits_header(section, line, cells, read):
            continue
        idea_id = cells[columns["project_id"]]
        read.named.add(idea_id)
        cost = parse_amount(cells[columns["cost"]])
        if cost is None:
            read.problem(
                line,
                f"de kosten {cells[columns['cost']]!r} zijn geen bedrag "
                "(schrijf bijvoorbeeld 5000 of 5000.50)",
            )
            continue
        _stated_votes(idea_id, _value(cells, columns, "votes"), line, read)
        read.ideas.append(
            Idea(idea_id, _value(cells, columns, "name"), cost, _value(cells, columns, category))
        )
        read.idea_lines.append(line)


def _stated_votes(idea_id: str, text: str, line: int, read: _Read) -> None:
    if not text:
        return
    if text.isascii() and text.isdigit():
        read.stated_votes[idea_id] = (line, int(text))
    else:
        read.problem(line, f"de kolom votes ({text!r}) is geen aantal")


def _votes(section: _Section | None, read: _Read) -> None:
    if section is None:
        return
    columns = _columns(section, ("voter_id", "vote"), read)
    if columns is None:
        return
    read.votes_read = True
    for line, cells in section.rows:
        if not _fits_header(section, line, cells, read):
            continue
        vote = _value(cells, columns, "vote")
        named = [i.strip() for i in vote.split(",")] if vote else []
        doubled = sorted(i for i, n in Counter(named).items() if n > 1)
        unknown = sorted({i for i in named if i not in read.named})
        if doubled:
            read.problem(line, f"{', '.join(doubled)} staat twee keer op dit stembiljet")
        if unknown and read.projects_read:
            read.problem(line, f"onbekend project {', '.join(repr(i) for i in unknown)}")
        read.ballots.append(
            Ballot(frozenset(i for i in named if i in read.named), cells[columns["voter_id"]])
        )
        read.ballot_lines.append(line)


def _budget(read: _Read) -> tuple[Decimal | None, BallotKind]:
    budget = None
    if "budget" not in read.meta:
        read.problem(0, "META mist het budget (budget;25000).")
    else:
        line, text = read.meta["budget"]
        budget = parse_amount(text)
        if budget is None or budget <= 0:
            read.problem(
                line, f"het budget {text!r} is geen bedrag boven 0 (schrijf bijvoorbeeld 25000)"
            )
            budget = None
    if "vote_type" not in read.meta:
        read.problem(0, "META mist vote_type (vote_type;approval).")
    elif read.meta["vote_type"][1].lower() != "approval":
        line, text = read.meta["vote_type"]
        read.problem(
            line,
            f"vote_type {text!r} wordt niet gelezen; alleen approval "
            "(ook kiezen binnen het budget)",
        )
    limit = parse_amount(read.meta.get("max_sum_cost", (0, ""))[1])
    return budget, "knapsack" if budget is not None and limit == budget else "approval"


def _counts(election: Election, read: _Read) -> None:
    for key, section in (("num_projects", "projects"), ("num_votes", "votes")):
        counted = read.rows.get(section, 0)
        if key in read.meta:
            line, text = read.meta[key]
            if text != str(counted):
                read.problem(line, f"{key} zegt {text!r}, maar het bestand heeft er {counted}")
    once = {i for i, n in Counter(idea.id for idea in election.ideas).items() if n == 1}
    for idea_id, (line, stated) in read.stated_votes.items():
        counted = election.votes.get(idea_id, 0)
        if stated != counted and idea_id in once and read.votes_read:
            read.problem(
                line, f"kolom votes zegt {stated}, maar {counted} stembiljetten noemen dit project"
            )


def _limits(election: Election, read: _Read) -> None:
    """The file's own rules for a ballot: at least min_length and at most max_length
    projects, at most max_sum_cost (when that is not the budget: see _budget)."""
    lowest, highest = _whole(read, "min_length"), _whole(read, "max_length")
    most = parse_amount(read.meta.get("max_sum_cost", (0, ""))[1])
    if "max_sum_cost" in read.meta and most is None:
        read.problem(read.meta["max_sum_cost"][0], "max_sum_cost is geen bedrag")
    costs = {idea.id: idea.cost for idea in election.ideas}
    for line, ballot in zip(read.ballot_lines, read.ballots, strict=True):
        if lowest is not None and len(ballot.ideas) < lowest:
            read.problem(line, f"{len(ballot.ideas)} gekozen, minder dan min_length {lowest}")
        if highest is not None and len(ballot.ideas) > highest:
            read.problem(line, f"{len(ballot.ideas)} gekozen, meer dan max_length {highest}")
        total = sum((costs.get(i, Decimal(0)) for i in ballot.ideas), Decimal(0))
        if election.kind == "approval" and most is not None and total > most:
            read.problem(
                line,
                f"de gekozen projecten kosten samen {euro(total)}, meer dan max_sum_cost "
                f"{euro(most)}",
            )


def _whole(read: _Read, key: str) -> int | None:
    if key not in read.meta:
        return None
    line, text = read.meta[key]
    if text.isascii() and text.isdigit():
        return int(text)
    read.problem(line, f"{key} ({text!r}) is geen aantal")
    return None

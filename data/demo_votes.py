"""Neighbourhood votes in the demo municipality: a vote that closed a month ago in one
neighbourhood (ballots, turnout per group, its code list destroyed) and one that runs
today in another (codes handed out, some of them used), so that the residents' pages and
the organisers' page show something on a fresh demo. Each ballot has a few more published
ideas of its neighbourhood to choose from.

Deterministic, on random generators of its own (from the seed), so the rest of the demo
is the same with or without them. The demo's codes come from a seeded generator (the app
draws real ones with `secrets`): predictable, as a demonstration's may be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd

from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.ideas import reference
from data.history import HoodInfo, Rows
from voting.codes import new_codes

# Ideas residents proposed for the ballots, next to those data/demo_ideas.py publishes.
MORE_IDEAS = [
    ("openbare_ruimte", "Speeltuin opknappen", "De speeltoestellen zijn oud en er is geen "
     "schaduw. Nieuwe toestellen voor kleine kinderen en een paar bomen.", 12000),
    ("klimaatadaptatie", "Buurtmoestuin op het braakliggende stuk", "Samen groente kweken op "
     "het lege stuk grond achter de flat, met een regenton en een schuurtje.", 4500),
    ("energietransitie", "Zonnepanelen op het buurthuis", "Het buurthuis betaalt veel voor "
     "stroom. Zonnepanelen op het dak verlagen de rekening; het geld gaat naar activiteiten.",
     9000),
    ("openbare_ruimte", "Bankjes en prullenbakken langs het water", "Langs de vaart kun je "
     "nergens zitten. Vier bankjes en prullenbakken maken de wandeling fijner.", 3200),
    ("sociale_samenhang", "Zomerfeest op het plein", "Een dag met muziek, eten van buren en "
     "spelletjes voor kinderen, zodat nieuwe en oude bewoners elkaar leren kennen.", 2800),
    ("jeugd", "Muurschildering in de onderdoorgang", "Jongeren uit de buurt maken samen met "
     "een kunstenaar een muurschildering in de donkere onderdoorgang.", 5500),
]  # fmt: skip
# Chance that someone of the age band votes (older residents vote more, as in real votes).
TURNOUT = {"16-24": 0.10, "25-44": 0.18, "45-64": 0.27, "65+": 0.33}
BUDGET = Decimal(25000)


@dataclass
class VoteRows:
    """The demo's votes as frames: `numbered` (with ids from their sequences) and `plain`."""

    numbered: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    plain: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


def add_votes(
    rows: Rows,
    hoods: list[HoodInfo],
    residents: pd.DataFrame,
    part_codes: dict[int, str],
    today: date,
    seed: int,
) -> VoteRows:
    """A closed vote in the last neighbourhood and a running one in the one before it; their
    extra ideas go into `rows` (table idea), the votes into the frames returned."""
    if len(hoods) < 2:
        return VoteRows()
    rng = np.random.default_rng([seed, 17])
    codes = random.Random(seed * 17 + 1)
    themes = {str(t["code"]): int(t["id"]) for t in rows.tables["theme"]}
    closed, running = hoods[-1], hoods[-2]
    plans = [
        _Plan(1, closed, "Buurtbudget " + str((today - timedelta(days=32)).year), "knapsack",
              today - timedelta(days=60), today - timedelta(days=32), closed_days=31),
        _Plan(2, running, f"Buurtbudget {today.year + 1}", "approval",
              today - timedelta(days=7), today + timedelta(days=14), share_voted=0.3),
    ]  # fmt: skip
    built = _Built()
    for plan in plans:
        ideas = _ballot_ideas(rows, themes, plan.hood, today, rng)
        _vote(built, plan, ideas, residents, part_codes, today, rng, codes)
    return built.frames()


@dataclass(frozen=True)
class _Plan:
    id: int
    hood: HoodInfo
    title: str
    kind: str
    opens_on: date
    closes_on: date
    closed_days: int | None = None  # closed this many days ago; None: still running
    share_voted: float = 1.0  # of those who will vote, the part that voted so far


@dataclass
class _Built:
    votes: list[dict[str, object]] = field(default_factory=list)
    items: list[dict[str, object]] = field(default_factory=list)
    codes: list[dict[str, object]] = field(default_factory=list)
    ballots: list[dict[str, object]] = field(default_factory=list)
    choices: list[dict[str, object]] = field(default_factory=list)
    turnout: list[dict[str, object]] = field(default_factory=list)

    def frames(self) -> VoteRows:
        def frame(records: list[dict[str, object]]) -> pd.DataFrame:
            return pd.DataFrame(records)

        built = VoteRows([("vote", frame(self.votes)), ("vote_item", frame(self.items))])
        for table, records in (
            ("vote_code", self.codes),
            ("vote_ballot", self.ballots),
            ("vote_choice", self.choices),
            ("vote_turnout", self.turnout),
        ):
            if records:
                built.plain.append((table, frame(records)))
        return built  # fmt: skip


def _ballot_ideas(
    rows: Rows, themes: dict[str, int], hood: HoodInfo, today: date, rng: np.random.Generator
) -> list[dict[str, object]]:
    """The neighbourhood's published ideas, with the extra ones published for the vote."""
    counts: dict[int, int] = {}
    for idea in rows.tables["idea"]:
        year = int(str(idea["reference"]).split("-")[1])
        counts[year] = max(counts.get(year, 0), int(str(idea["reference"]).split("-")[2]))
    for theme, title, text, cost in MORE_IDEAS:
        sent = datetime.combine(today - timedelta(days=int(rng.integers(75, 120))),
                                datetime.min.time()) + timedelta(hours=19)  # fmt: skip
        counts[sent.year] = counts.get(sent.year, 0) + 1
        rows.add(
            "idea", reference=reference(sent.year, counts[sent.year]), neighbourhood_id=hood.id,
            part_id=hood.part_ids[int(rng.integers(0, len(hood.part_ids)))], title=title,
            description=text, estimated_cost=str(Decimal(cost)), theme_id=themes[theme],
            location_lat=None, location_lon=None, photo_path=None, status="gepubliceerd",
            submitted_at=sent, published_at=sent + timedelta(days=3),
            status_since=sent + timedelta(days=3), merged_into_id=None, rejection_reason=None,
            text_hidden=False, proposal_id=None,
        )  # fmt: skip
    return [
        idea
        for idea in rows.tables["idea"]
        if idea["neighbourhood_id"] == hood.id and idea["status"] == "gepubliceerd"
    ]


def _eligible(residents: pd.DataFrame, hood: HoodInfo, day: date) -> pd.DataFrame:
    """Residents of the neighbourhood 16 or older on `day`, with their age band."""
    people = residents[residents["neighbourhood_id"] == hood.id]
    born = pd.to_datetime(people["birth_date"])
    age = (
        day.year - born.dt.year - ((born.dt.month * 100 + born.dt.day) > day.month * 100 + day.day)
    )
    people = people.assign(age=age.to_numpy())
    people = people[people["age"] >= 16]
    bands = [(name, low, high) for name, low, high in AGE_BANDS if high >= 16]
    band = [next(n for n, lo, hi in bands if lo <= a <= hi) for a in people["age"]]
    return people.assign(age_band=band)


def _vote(
    built: _Built,
    plan: _Plan,
    ideas: list[dict[str, object]],
    residents: pd.DataFrame,
    part_codes: dict[int, str],
    today: date,
    rng: np.random.Generator,
    codes: random.Random,
) -> None:
    moment = datetime.combine(plan.opens_on - timedelta(days=10), datetime.min.time())
    closed_at = (
        None
        if plan.closed_days is None
        else datetime.combine(today - timedelta(days=plan.closed_days), datetime.min.time())
        + timedelta(hours=9)
    )
    people = _eligible(residents, plan.hood, plan.opens_on)
    first_item = len(built.items) + 1
    costs = [Decimal(str(i["estimated_cost"])) for i in ideas]
    for number, (idea, cost) in enumerate(zip(ideas, costs, strict=True), start=1):
        built.items.append(
            {"id": first_item + number - 1, "vote_id": plan.id, "number": number,
             "idea_id": idea["id"], "title": idea["title"], "description": idea["description"],
             "cost": str(cost), "proposal_id": None}
        )  # fmt: skip
    # Who votes: by age band; what: each idea with its own popularity, more in one buurt.
    chance = people["age_band"].map(TURNOUT).to_numpy() * plan.share_voted
    votes = rng.random(len(people)) < chance
    popularity = rng.uniform(0.15, 0.6, len(ideas))
    favourite = {p: int(rng.integers(0, len(ideas))) for p in plan.hood.part_ids}
    for part, voted in zip(people["part_id"], votes, strict=True):
        if voted:
            chosen = _choice(rng, popularity, favourite[int(part)], costs, plan.kind)
            ballot = f"{codes.getrandbits(128):032x}"
            paper = rng.random() < 0.06
            built.ballots.append({"id": ballot, "vote_id": plan.id,
                                  "channel": "papier" if paper else "online"})  # fmt: skip
            built.choices += [{"ballot_id": ballot, "item_id": first_item + c} for c in chosen]
    issued = len(people)
    if plan.closed_days is None:
        made = new_codes(issued, codes)
        for (_, person), code, voted in zip(people.iterrows(), made, votes, strict=True):
            built.codes.append(
                {"code": code.replace("-", ""), "vote_id": plan.id,
                 "resident_id": int(person["id"]), "part_id": int(person["part_id"]),
                 "age_band": person["age_band"], "used": bool(voted)}
            )  # fmt: skip
    else:
        frame = people.assign(voted=votes)
        for feature, column in (("part", "part_id"), ("age_band", "age_band")):
            for value, group in frame.groupby(column):
                built.turnout.append(
                    {"vote_id": plan.id, "feature": feature,
                     "value": part_codes[int(value)] if feature == "part" else str(value),
                     "eligible": len(group), "voters": int(group["voted"].sum())}
                )  # fmt: skip
    built.votes.append(
        {"id": plan.id, "neighbourhood_id": plan.hood.id, "title": plan.title,
         "budget": str(BUDGET), "ballot_kind": plan.kind, "rule": "equal-shares",
         "opens_on": plan.opens_on, "closes_on": plan.closes_on, "min_age": 16,
         "status": "gesloten" if closed_at else "open", "created_at": moment - timedelta(days=20),
         "codes_issued_at": moment, "codes_issued": issued, "closed_at": closed_at,
         "codes_destroyed": issued if closed_at else None, "consultation_id": None}
    )  # fmt: skip


def _choice(
    rng: np.random.Generator,
    popularity: np.ndarray,
    favourite: int,
    costs: list[Decimal],
    kind: str,
) -> list[int]:
    """One resident's ideas (0-based): each approved with its popularity (the buurt's
    favourite more often); within the budget, in a random order, for a knapsack ballot."""
    liked = popularity.copy()
    liked[favourite] = min(0.9, liked[favourite] + 0.35)
    approved = [i for i in rng.permutation(len(costs)) if rng.random() < liked[i]]
    if kind != "knapsack":
        return sorted(int(i) for i in approved)
    chosen, total = [], Decimal(0)
    for i in approved:
        if total + costs[i] <= BUDGET:
            chosen.append(int(i))
            total += costs[i]
    return sorted(chosen)

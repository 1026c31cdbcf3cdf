"""The aldermen's monitor: every neighbourhood in one table and on a map. Staff only
(`require_staff`): it counts draft decisions too, as the ledger does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dashboard.domain import representativeness, waiting
from dashboard.domain.auth import Caller, require_staff
from dashboard.domain.models import Council, Neighbourhood
from dashboard.domain.money import ZERO
from dashboard.services import public
from dashboard.store import council as council_rows
from dashboard.store import geography
from dashboard.store import monitor as figures
from dashboard.store.db import Store
from dashboard.store.monitor import (
    AllocationLine,
    BudgetLine,
    DecidedProposal,
    LeadTimes,
    Overspend,
    PaymentLine,
    ProjectPoint,
    StalledProposal,
    StatusStep,
    ThemeMoney,
)
from dashboard.store.public import sitting_member_groups

DEFAULT_STALLED_WEEKS = waiting.STALLED_WEEKS


@dataclass(frozen=True)
class NeighbourhoodLine:
    neighbourhood: Neighbourhood
    inhabitants: int
    budget: Decimal
    allocated: Decimal
    draft_allocated: Decimal
    spent: Decimal
    stalled: int
    overspent: int
    lead: LeadTimes | None = None

    @property
    def execution_rate(self) -> float | None:
        """Spent as a share of allocated; None without allocations."""
        return float(self.spent / self.allocated) if self.allocated > 0 else None

    def per_inhabitant(self, amount: Decimal) -> Decimal | None:
        if not self.inhabitants:
            return None
        return (amount / self.inhabitants).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class MonitorView:
    year: int
    stalled_weeks: int
    lines: list[NeighbourhoodLine]
    stalled: list[StalledProposal]
    overspends: list[Overspend]
    points: list[ProjectPoint]

    def total(self, field: str) -> Decimal:
        return sum((getattr(line, field) for line in self.lines), ZERO)


def monitor(
    store: Store, caller: Caller, year: int, stalled_weeks: int, today: date
) -> MonitorView:
    require_staff(caller)
    weeks = max(1, stalled_weeks)
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        money = figures.year_money(cur, year)
        people = figures.inhabitants(cur)
        stalled = figures.stalled_proposals(cur, waiting.quiet_since(today, weeks))
        over = figures.overspends(cur)
        points = figures.project_points(cur)
        lead = figures.lead_times(cur, year)
    lines = []
    for hood in hoods:
        m = money.get(hood.id, figures.YearMoney(hood.id, ZERO, ZERO, ZERO, ZERO))
        lines.append(
            NeighbourhoodLine(
                neighbourhood=hood,
                inhabitants=people.get(hood.id, 0),
                budget=m.budget,
                allocated=m.allocated,
                draft_allocated=m.draft_allocated,
                spent=m.spent,
                stalled=sum(1 for s in stalled if s.neighbourhood_id == hood.id),
                overspent=sum(1 for o in over if o.neighbourhood_id == hood.id),
                lead=lead.get(hood.id),
            )
        )
    return MonitorView(year, weeks, lines, stalled, over, points)


@dataclass(frozen=True)
class CouncilLine:
    council: Council
    neighbourhoods: list[str]
    drawn: int
    index: float | None
    distances: dict[str, float]
    standing: str | None  # why there is no index today (term over, everyone left); None: sits
    method: str | None
    invited: dict[tuple[str, str], int]  # per (feature, group), in the latest council draw
    said_yes: dict[tuple[str, str], int]
    part_names: dict[str, str] = field(default_factory=dict)  # buurt code -> name

    def group_name(self, feature: str, group: str) -> str:
        """A group as people read it: a part of the neighbourhood by its name, not its code."""
        return self.part_names.get(group, group) if feature == "part" else group

    def total_invited(self) -> int:
        return sum(n for (feature, _), n in self.invited.items() if feature == "age_band")

    def response_rate(self, feature: str = "age_band", group: str | None = None) -> float | None:
        """The share that said yes, of everyone (no group) or of one group."""
        keys = [k for k in self.invited if k[0] == feature and (group is None or k[1] == group)]
        invited = sum(self.invited[k] for k in keys)
        yes = sum(self.said_yes.get(k, 0) for k in keys)
        return yes / invited if invited else None


def representation(store: Store, caller: Caller, today: date) -> list[CouncilLine]:
    """Per council: the representativeness index of its sitting drawn members against its
    neighbourhoods (dashboard.domain.representativeness) and the response per age band in its
    latest council draw."""
    require_staff(caller)
    with store.read() as cur:
        found = figures.councils(cur)
        places = council_rows.neighbourhood_ids_by_council(cur)
        names = {h.id: h.name for h in geography.neighbourhoods(cur)}
        members = sitting_member_groups(cur, today)
        terms: dict[int, list[tuple[date, date]]] = {c.id: [] for c in found}
        for term in council_rows.all_terms(cur):
            terms.setdefault(term.council_id, []).append((term.starts_on, term.ends_on))
        population = figures.population_stats(cur)
        rates = figures.response_rates(cur, today)
        parts: dict[int, dict[str, str]] = {}
        for part in geography.all_neighbourhood_parts(cur):
            parts.setdefault(part.neighbourhood_id, {})[part.code] = part.name
    lines = []
    for council in found:
        groups = members.get(council.id, {})
        reference: dict[str, dict[str, int]] = {}
        for nid in places.get(council.id, []):
            for feature, counts in population.get(nid, {}).items():
                merged = reference.setdefault(feature, {})
                for group, count in counts.items():
                    merged[group] = merged.get(group, 0) + count
        score, distances = representativeness.index(
            groups, reference, public.FEATURES, public.NOT_ELIGIBLE
        )
        mine = [r for r in rates if r.council_id == council.id]
        drawn = sum(groups.get("age_band", {}).values())
        lines.append(
            CouncilLine(
                council=council,
                neighbourhoods=[names.get(n, "?") for n in places.get(council.id, [])],
                drawn=drawn,
                index=score,
                distances=distances,
                standing=representativeness.standing(terms[council.id], drawn, today),
                method=mine[0].method if mine else None,
                invited={(r.feature, r.group): r.invited for r in mine},
                said_yes={(r.feature, r.group): r.yes for r in mine},
                part_names={
                    code: name
                    for nid in places.get(council.id, [])
                    for code, name in parts.get(nid, {}).items()
                },
            )
        )
    return lines


def themes(store: Store, caller: Caller) -> list[ThemeMoney]:
    """Money per theme, year and neighbourhood: where the policy drivers get money."""
    require_staff(caller)
    with store.read() as cur:
        return figures.theme_money(cur)


@dataclass(frozen=True)
class Detail:
    """The rows behind a neighbourhood's money figures and lead times in one year."""

    allocations: list[AllocationLine]  # -> allocated (drafts: not yet published)
    payments: list[PaymentLine]  # -> spent
    budgets: list[BudgetLine]  # -> budget
    decided: list[DecidedProposal]  # -> decided proposals and their lead times

    @property
    def draft_allocations(self) -> list[AllocationLine]:
        return [a for a in self.allocations if a.decision_status != "gepubliceerd"]


def detail(store: Store, caller: Caller, neighbourhood_id: int | None, year: int) -> Detail:
    """The budgets, the decisions' allocations, the payments and the decided proposals
    behind one neighbourhood's figures, or (None) behind the totals of all."""
    require_staff(caller)
    with store.read() as cur:
        return Detail(
            figures.year_allocations(cur, neighbourhood_id, year),
            figures.year_payments(cur, neighbourhood_id, year),
            figures.year_budgets(cur, neighbourhood_id, year),
            figures.decided_proposals(cur, neighbourhood_id, year),
        )


@dataclass(frozen=True)
class Trail:
    """What happened to some projects, in every year: behind stalled items and
    overspends."""

    steps: list[StatusStep]
    allocations: list[AllocationLine]
    payments: list[PaymentLine]


def trail(store: Store, caller: Caller, proposal_ids: tuple[int, ...]) -> Trail:
    require_staff(caller)
    ids = sorted(set(proposal_ids))
    with store.read() as cur:
        return Trail(
            figures.status_steps(cur, ids),
            figures.project_allocations(cur, ids),
            figures.project_payments(cur, ids),
        )

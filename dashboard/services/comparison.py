"""Neighbourhoods and years side by side, per inhabitant, and the money by Iv3 taakveld
(openspending.nl's view of a municipal budget). Public: the figures are those of the
overview page (published decisions only), and inhabitants are counts of whole
neighbourhoods from the population statistics, never of a group."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain import iv3
from dashboard.domain.models import Neighbourhood
from dashboard.domain.money import ZERO
from dashboard.store import budget, geography
from dashboard.store import public_figures as figures
from dashboard.store.db import Store

CENT = Decimal("0.01")


@dataclass(frozen=True)
class YearLine:
    """One neighbourhood in one budget year."""

    neighbourhood: Neighbourhood
    year: int
    budget: Decimal
    allocated: Decimal  # by published decisions
    spent: Decimal
    inhabitants: int | None
    population_year: int | None  # the count the inhabitants come from

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.allocated

    def per_inhabitant(self, amount: Decimal) -> Decimal | None:
        if not self.inhabitants:
            return None
        return (amount / self.inhabitants).quantize(CENT)


@dataclass(frozen=True)
class TaakveldLine:
    """The published money of one neighbourhood's budget of one year in one taakveld."""

    neighbourhood_id: int
    year: int
    code: str
    name: str
    allocated: Decimal
    spent: Decimal
    projects: int
    by_theme: int  # of those projects, how many got the taakveld from their theme


@dataclass(frozen=True)
class Comparison:
    years: list[int]
    lines: list[YearLine]
    taakvelden: list[TaakveldLine]

    def neighbourhoods(self) -> list[Neighbourhood]:
        seen: dict[int, Neighbourhood] = {}
        for line in self.lines:
            seen.setdefault(line.neighbourhood.id, line.neighbourhood)
        return list(seen.values())

    def totals_by_taakveld(self, year: int | None = None) -> list[TaakveldLine]:
        """All neighbourhoods together, per taakveld (one year, or every year)."""
        merged: dict[str, list[Decimal | int]] = {}
        names: dict[str, str] = {}
        for line in self.taakvelden:
            if year is not None and line.year != year:
                continue
            total = merged.setdefault(line.code, [ZERO, ZERO, 0, 0])
            total[0] += line.allocated
            total[1] += line.spent
            total[2] += line.projects
            total[3] += line.by_theme
            names[line.code] = line.name
        return [
            TaakveldLine(0, year or 0, code, names[code], Decimal(a), Decimal(s), int(p), int(b))
            for code, (a, s, p, b) in sorted(merged.items(), key=lambda kv: iv3.sort_key(kv[0]))
        ]


def population_year(available: list[int], year: int) -> int | None:
    """The population count that describes `year`: the latest one up to it, else the
    first one after it (a count is made once a year, the budget years go further back)."""
    earlier = [y for y in available if y <= year]
    if earlier:
        return max(earlier)
    return min(available) if available else None


def comparison(store: Store) -> Comparison:
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        years = budget.budget_years(cur)
        summaries = {year: budget.budget_summaries(cur, year) for year in years}
        people = figures.inhabitants_by_year(cur)
        money = figures.project_year_money(cur)
    counted: dict[int, list[int]] = {}
    for nid, year in people:
        counted.setdefault(nid, []).append(year)
    lines = []
    for hood in hoods:
        for year in years:
            summary = summaries[year].get(hood.id)
            if summary is None:
                continue
            pop_year = population_year(sorted(counted.get(hood.id, [])), year)
            lines.append(
                YearLine(
                    neighbourhood=hood,
                    year=year,
                    budget=summary.budget,
                    allocated=summary.allocated,
                    spent=summary.spent,
                    inhabitants=None if pop_year is None else people[(hood.id, pop_year)],
                    population_year=pop_year,
                )
            )
    return Comparison(years, lines, _by_taakveld(money))


def _by_taakveld(money: list[figures.ProjectYearMoney]) -> list[TaakveldLine]:
    groups: dict[tuple[int, int, str], list[figures.ProjectYearMoney]] = {}
    found: dict[str, iv3.Taakveld] = {}
    for row in money:
        field = iv3.taakveld(row.iv3_taakveld, row.theme_codes)
        found.setdefault(field.code, field)
        groups.setdefault((row.neighbourhood_id, row.year, field.code), []).append(row)
    lines = []
    for (nid, year, code), rows in groups.items():
        lines.append(
            TaakveldLine(
                neighbourhood_id=nid,
                year=year,
                code=code,
                name=found[code].name,
                allocated=sum((r.allocated for r in rows), ZERO),
                spent=sum((r.spent for r in rows), ZERO),
                projects=len(rows),
                by_theme=sum(
                    1 for r in rows if iv3.taakveld(r.iv3_taakveld, r.theme_codes).by_theme
                ),
            )
        )
    lines.sort(key=lambda x: (x.neighbourhood_id, x.year, iv3.sort_key(x.code)))
    return lines


@dataclass(frozen=True)
class ThemeTaakveld:
    theme: str  # the theme's name
    taakveld: str  # "7.4 Milieubeheer", or "" when the theme maps to none


def theme_taakvelden(store: Store) -> list[ThemeTaakveld]:
    """Each theme with the taakveld a project without one of its own is counted under."""
    with store.read() as cur:
        names = figures.theme_names(cur)
    order = list(iv3.THEME_TAAKVELD)  # the order that settles a project with several themes
    codes = sorted(names, key=lambda c: (order.index(c) if c in order else len(order), names[c]))
    return [ThemeTaakveld(names[code], iv3.for_theme(code) or "") for code in codes]

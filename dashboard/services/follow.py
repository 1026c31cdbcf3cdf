"""Following a neighbourhood without an account: its news (published decisions, payments
on its projects, finished milestones) for a feed reader, and its public meetings for a
calendar. Public, read through the same public queries as the residents' pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard.domain.models import Neighbourhood
from dashboard.store import geography
from dashboard.store import public_timeline as timeline
from dashboard.store.db import Store
from dashboard.store.public_timeline import PublicMeeting

__all__ = ["Agenda", "News", "NewsItem", "PublicMeeting", "agenda", "news"]

# A feed reader wants the latest news, not the whole history.
NEWS_ITEMS = 60


@dataclass(frozen=True)
class NewsItem:
    kind: str  # besluit, betaling, mijlpaal
    key: int  # the decision's, payment's or milestone's number: with `kind`, its identity
    day: date
    project_ref: str | None
    project_title: str | None
    decision_kind: str | None = None  # toekennen, bijstellen, afwijzen, overig
    amount: Decimal | None = None
    is_correction: bool = False
    milestone: str | None = None
    noticeable: str | None = None


@dataclass(frozen=True)
class News:
    neighbourhood: Neighbourhood
    municipality: str  # the municipality's code: part of every item's stable id
    items: list[NewsItem]  # newest first


@dataclass(frozen=True)
class Agenda:
    neighbourhood: Neighbourhood
    municipality: str
    meetings: list[PublicMeeting]  # earliest first


def _find(store: Store, code: str) -> tuple[Neighbourhood, str] | None:
    with store.read() as cur:
        hood = next((h for h in geography.neighbourhoods(cur) if h.code == code), None)
        town = geography.municipality(cur)
    return None if hood is None else (hood, town.code if town else "")


def news(store: Store, code: str, limit: int = NEWS_ITEMS) -> News | None:
    """The neighbourhood's latest news, newest first; None for an unknown code."""
    found = _find(store, code)
    if found is None:
        return None
    hood, municipality = found
    with store.read() as cur:
        decisions = timeline.decision_lines(cur, hood.id)
        payments = timeline.neighbourhood_payments(cur, hood.id)
        milestones = timeline.finished_milestones(cur, hood.id)
    items = [
        *(NewsItem("besluit", d.id, d.decided_on, d.proposal_ref, d.proposal_title,
                   decision_kind=d.kind, amount=d.amount) for d in decisions),
        *(NewsItem("betaling", p.id, p.booked_on, p.external_ref, p.project_title,
                   amount=p.amount, is_correction=p.is_correction) for p in payments),
        *(NewsItem("mijlpaal", m.id, m.done_on, m.external_ref, m.project_title,
                   milestone=m.title, noticeable=m.noticeable) for m in milestones),
    ]  # fmt: skip
    order = {"besluit": 0, "betaling": 1, "mijlpaal": 2}
    items.sort(key=lambda i: (i.day, -order[i.kind], i.key), reverse=True)
    return News(hood, municipality, items[:limit])


def agenda(store: Store, code: str) -> Agenda | None:
    """The neighbourhood's public meetings, past and planned; None for an unknown code."""
    found = _find(store, code)
    if found is None:
        return None
    hood, municipality = found
    with store.read() as cur:
        meetings = timeline.public_meetings(cur, hood.id)
    return Agenda(hood, municipality, meetings)

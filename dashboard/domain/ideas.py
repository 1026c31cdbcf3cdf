"""Ideas residents propose online, and how organisers moderate them. Pure.

An idea arrives as *ingediend* and nobody but the organisers sees it. An organiser then
publishes it (*gepubliceerd*: residents see it), merges it into another published idea
that says the same (*samengevoegd*), rejects it with a reason that residents read
(*afgewezen*; never silently), or, once published, turns it into a proposal of the
budget book (*voorstel*), once. From there the proposal's own status tells how far the
council is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class IdeaStatus(StrEnum):
    INGEDIEND = "ingediend"
    GEPUBLICEERD = "gepubliceerd"
    SAMENGEVOEGD = "samengevoegd"
    AFGEWEZEN = "afgewezen"
    VOORSTEL = "voorstel"


# What residents may see: every idea an organiser has looked at.
PUBLIC_STATUSES = (
    IdeaStatus.GEPUBLICEERD,
    IdeaStatus.VOORSTEL,
    IdeaStatus.SAMENGEVOEGD,
    IdeaStatus.AFGEWEZEN,
)
# Still to be moderated, or published and not yet a proposal: the idea may change.
OPEN = (IdeaStatus.INGEDIEND, IdeaStatus.GEPUBLICEERD)
# An idea lives on in one of these when another is merged into it.
MERGE_TARGETS = (IdeaStatus.GEPUBLICEERD, IdeaStatus.VOORSTEL)

TITLE_MAX = 150
DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000
REASON_MIN = 10


@dataclass(frozen=True)
class Idea:
    id: int
    reference: str
    neighbourhood_id: int
    part_id: int | None
    title: str
    description: str
    estimated_cost: Decimal
    theme_id: int
    location_lat: float | None
    location_lon: float | None
    photo_path: str | None
    status: str
    submitted_at: datetime
    published_at: datetime | None
    status_since: datetime
    merged_into_id: int | None
    rejection_reason: str | None
    text_hidden: bool
    proposal_id: int | None

    @property
    def location(self) -> tuple[float, float] | None:
        if self.location_lat is None or self.location_lon is None:
            return None
        return self.location_lat, self.location_lon


def reference(year: int, number: int) -> str:
    """I-2026-0007: short enough to read out on the phone."""
    return f"I-{year}-{number:04d}"


def publish_refusal(idea: Idea) -> str | None:
    """Why the idea cannot be published now (Dutch), or None."""
    if idea.status == IdeaStatus.INGEDIEND:
        return None
    return (
        f"Idee {idea.reference} is al {_status_words(idea)}; publiceren kan alleen bij een "
        "idee dat nog wacht."
    )


def reject_refusal(idea: Idea) -> str | None:
    if idea.status in OPEN:
        return None
    if idea.status == IdeaStatus.VOORSTEL:
        return (
            f"Idee {idea.reference} is al een voorstel in het huishoudboekje; wijs dat "
            "voorstel af in de tab Voorstellen (met een besluit of een beoordeling)."
        )
    return f"Idee {idea.reference} is al {_status_words(idea)}."


def merge_refusal(idea: Idea, target: Idea | None) -> str | None:
    """Why `idea` cannot be merged into `target`: both in one neighbourhood, the idea not
    yet closed, the target published (so residents can read what it lives on in)."""
    if idea.status not in OPEN:
        return f"Idee {idea.reference} is al {_status_words(idea)}; samenvoegen kan niet meer."
    if target is None:
        return "Kies het idee waarmee u dit idee samenvoegt."
    if target.id == idea.id:
        return "Een idee kan niet met zichzelf worden samengevoegd."
    if target.neighbourhood_id != idea.neighbourhood_id:
        return "Voeg alleen ideeën uit dezelfde wijk samen."
    if target.status not in MERGE_TARGETS:
        return (
            f"Idee {target.reference} is {_status_words(target)}. Voeg samen met een "
            "gepubliceerd idee: dat kunnen bewoners lezen."
        )
    return None


def proposal_refusal(idea: Idea) -> str | None:
    """Why the idea cannot become a proposal: only a published idea does, and only once."""
    if idea.status == IdeaStatus.GEPUBLICEERD:
        return None
    if idea.status == IdeaStatus.INGEDIEND:
        return f"Publiceer idee {idea.reference} eerst; daarna kan het een voorstel worden."
    if idea.status == IdeaStatus.VOORSTEL:
        return f"Van idee {idea.reference} is al een voorstel gemaakt; dat kan maar één keer."
    if idea.status == IdeaStatus.SAMENGEVOEGD:
        return (
            f"Idee {idea.reference} is samengevoegd met een ander idee; maak een voorstel "
            "van dat idee."
        )
    return f"Idee {idea.reference} is afgewezen en kan geen voorstel worden."


def _status_words(idea: Idea) -> str:
    return {
        IdeaStatus.GEPUBLICEERD: "gepubliceerd",
        IdeaStatus.SAMENGEVOEGD: "samengevoegd met een ander idee",
        IdeaStatus.AFGEWEZEN: "afgewezen",
        IdeaStatus.VOORSTEL: "een voorstel geworden",
        IdeaStatus.INGEDIEND: "nog niet beoordeeld",
    }.get(IdeaStatus(idea.status), idea.status)

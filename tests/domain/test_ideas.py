"""The moderation rules of residents' ideas, and the collecting of a form's problems."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from dashboard.domain.errors import Problems, UserError, UserErrors
from dashboard.domain.ideas import (
    Idea,
    IdeaStatus,
    merge_refusal,
    proposal_refusal,
    publish_refusal,
    reference,
    reject_refusal,
)

MOMENT = datetime(2026, 11, 20, 18, 0)
WAITING = Idea(
    1, "I-2026-0001", 7, None, "Bankje", "Een bankje bij de halte.", Decimal("900"), 1,
    None, None, None, IdeaStatus.INGEDIEND, MOMENT, None, MOMENT, None, None, False, None,
)  # fmt: skip


def idea(status: IdeaStatus, **changes: object) -> Idea:
    return replace(WAITING, status=status, **changes)  # type: ignore[arg-type]


def test_references_are_short_and_sortable() -> None:
    assert reference(2026, 7) == "I-2026-0007"
    assert reference(2026, 12345) == "I-2026-12345"


def test_only_a_waiting_idea_is_published() -> None:
    assert publish_refusal(WAITING) is None
    for status in set(IdeaStatus) - {IdeaStatus.INGEDIEND}:
        assert "publiceren kan alleen" in (publish_refusal(idea(status)) or "")


def test_a_waiting_or_published_idea_may_be_rejected() -> None:
    assert reject_refusal(WAITING) is None
    assert reject_refusal(idea(IdeaStatus.GEPUBLICEERD)) is None
    assert "tab Voorstellen" in (reject_refusal(idea(IdeaStatus.VOORSTEL)) or "")
    assert "al afgewezen" in (reject_refusal(idea(IdeaStatus.AFGEWEZEN)) or "")


def test_merge_only_into_another_published_idea_of_the_same_neighbourhood() -> None:
    published = idea(IdeaStatus.GEPUBLICEERD, id=2, reference="I-2026-0002")
    assert merge_refusal(WAITING, published) is None
    assert merge_refusal(WAITING, replace(published, status=IdeaStatus.VOORSTEL)) is None
    assert merge_refusal(WAITING, None) == "Kies het idee waarmee u dit idee samenvoegt."
    assert "met zichzelf" in (merge_refusal(published, published) or "")
    assert "dezelfde wijk" in (merge_refusal(WAITING, replace(published, neighbourhood_id=8)) or "")
    for status in (IdeaStatus.INGEDIEND, IdeaStatus.AFGEWEZEN, IdeaStatus.SAMENGEVOEGD):
        refusal = merge_refusal(WAITING, replace(published, status=status)) or ""
        assert "Voeg samen met een gepubliceerd idee" in refusal
    for status in (IdeaStatus.AFGEWEZEN, IdeaStatus.SAMENGEVOEGD, IdeaStatus.VOORSTEL):
        assert "samenvoegen kan niet meer" in (merge_refusal(idea(status), published) or "")


def test_only_a_published_idea_becomes_a_proposal_and_only_once() -> None:
    assert proposal_refusal(idea(IdeaStatus.GEPUBLICEERD)) is None
    assert "Publiceer idee I-2026-0001 eerst" in (proposal_refusal(WAITING) or "")
    assert "maar één keer" in (proposal_refusal(idea(IdeaStatus.VOORSTEL)) or "")
    assert "samengevoegd" in (proposal_refusal(idea(IdeaStatus.SAMENGEVOEGD)) or "")
    assert "afgewezen" in (proposal_refusal(idea(IdeaStatus.AFGEWEZEN)) or "")


def test_problems_are_collected_and_reported_together() -> None:
    problems = Problems()

    def refuse(message: str) -> int:
        raise UserError(message)

    assert problems.check(lambda: 3) == 3
    assert problems.check(lambda: refuse("Vul een titel in.")) is None
    problems.add("Kies een thema.")
    assert problems.check(lambda: (_ for _ in ()).throw(UserErrors(["A.", "B."]))) is None
    with pytest.raises(UserErrors) as raised:
        problems.raise_any()
    assert raised.value.problems == ["Vul een titel in.", "Kies een thema.", "A.", "B."]
    assert str(raised.value) == "Vul een titel in. Kies een thema. A. B."
    assert isinstance(raised.value, UserError)  # every page already shows it
    Problems().raise_any()  # nothing found: nothing raised

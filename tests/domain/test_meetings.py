"""A meeting's record: attendance against the members seated and the decisions' counts,
and minutes in versions (a correction after publishing is a new version with a reason)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.domain import meetings
from dashboard.domain.errors import UserError
from dashboard.domain.meetings import MinutesVersion

WRITTEN = datetime(2026, 11, 20, 10, 0)


def version(number: int, published: bool) -> MinutesVersion:
    return MinutesVersion(
        number, 1, number, f"Versie {number}", None, WRITTEN, "org",
        WRITTEN if published else None, "org" if published else None, 9 if published else None,
    )  # fmt: skip


def test_only_a_meeting_that_took_place_gets_a_record() -> None:
    meetings.check_held(date(2026, 11, 23), date(2026, 11, 23))
    with pytest.raises(UserError, match="pas op 24-11-2026"):
        meetings.check_held(date(2026, 11, 24), date(2026, 11, 23))


def test_attendance_of_seated_members_covering_every_decision() -> None:
    meetings.check_attendance({1, 2, 3}, {1, 2, 3, 4}, [3, 2])
    with pytest.raises(UserError, match="1 aangevinkte zetel"):
        meetings.check_attendance({1, 9}, {1, 2}, [])
    with pytest.raises(UserError, match="waren 3 leden aanwezig"):
        meetings.check_attendance({1, 2}, {1, 2, 3}, [3])


def test_a_decision_counts_no_more_present_than_the_attendance_list() -> None:
    meetings.check_present_at_decision(12, None)  # no list yet: the quorum rules alone
    meetings.check_present_at_decision(9, 10)  # someone left before the vote
    with pytest.raises(UserError, match="presentielijst waren er 10 leden"):
        meetings.check_present_at_decision(11, 10)


def test_minutes_are_rewritten_as_a_draft_and_corrected_as_a_new_version() -> None:
    assert meetings.check_minutes_change([], "") == 1
    assert meetings.check_minutes_change([version(1, False)], "") == 1
    with pytest.raises(UserError, match="nieuwe versie"):
        meetings.check_minutes_change([version(1, True)], "typo")
    assert meetings.check_minutes_change([version(1, True)], "Bedrag verbeterd") == 2
    with pytest.raises(UserError, match="minstens 10 tekens"):  # the correction's draft too
        meetings.check_minutes_change([version(1, True), version(2, False)], "")


def test_only_a_draft_is_published_and_only_with_an_attendance_list() -> None:
    with pytest.raises(UserError, match="Schrijf eerst de notulen"):
        meetings.draft_to_publish([], 9)
    with pytest.raises(UserError, match="Leg eerst de presentielijst vast"):
        meetings.draft_to_publish([version(1, False)], 0)
    with pytest.raises(UserError, match="al gepubliceerd"):
        meetings.draft_to_publish([version(1, True)], 9)
    assert meetings.draft_to_publish([version(1, True), version(2, False)], 9).version == 2

"""The announcement of a ceremony: what it must say and when it may still change (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from dashboard.domain.announcements import (
    AnnouncementText,
    announcement_text,
    change_refusal,
    changed_fields,
)
from dashboard.domain.errors import UserError

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
METHOD = "Drie mensen uit de zaal noemen elk een getal van 1 tot 1000."


def test_an_announcement_is_stored_in_utc_with_its_text_on_one_line() -> None:
    winter = announcement_text(date(2026, 12, 4), time(19, 30), "  Wijkcentrum\nDe Ster ",
                               METHOD, NOW)  # fmt: skip
    assert winter == AnnouncementText(datetime(2026, 12, 4, 18, 30), "Wijkcentrum De Ster", METHOD)
    summer = announcement_text(date(2027, 6, 4), time(19, 30), "Zaal", METHOD, NOW)
    assert summer.held_at == datetime(2027, 6, 4, 17, 30)  # summer time: UTC+2


@pytest.mark.parametrize(
    ("day", "place", "method", "message"),
    [
        (date(2026, 12, 4), " ", METHOD, "Vul in waar de trekking is"),
        (date(2026, 12, 4), "x" * 201, METHOD, "hoogstens 200 tekens"),
        (date(2026, 12, 4), "Zaal", "getallen", "Schrijf op hoe de getallen worden gekozen"),
        (date(2026, 12, 4), "Zaal", "x" * 501, "hoogstens 500 tekens"),
        (date(2026, 11, 22), "Zaal", METHOD, "nog moeten komen"),
        (date(2026, 11, 23), "Zaal", METHOD, "nog moeten komen"),  # 10:00 UTC is 11:00 here
        (date(2028, 1, 4), "Zaal", METHOD, "binnen een jaar"),
    ],
)
def test_an_incomplete_or_past_announcement_is_refused(
    day: date, place: str, method: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        announcement_text(day, time(10, 30), place, method, NOW)


def test_a_change_names_the_fields_that_changed() -> None:
    first = announcement_text(date(2026, 12, 4), time(19, 30), "Zaal", METHOD, NOW)
    assert changed_fields(None, first) == ["held_at", "location", "input_method"]
    later = announcement_text(date(2026, 12, 4), time(20, 0), "Zaal", METHOD, NOW)
    assert changed_fields(first, later) == ["held_at"]
    assert changed_fields(first, first) == []


def test_nothing_changes_after_the_ceremony_or_its_announced_moment() -> None:
    ahead = (NOW + timedelta(hours=1)).replace(tzinfo=None)
    passed = (NOW - timedelta(minutes=1)).replace(tzinfo=None)
    assert change_refusal(False, None, False, NOW) is None
    assert change_refusal(False, ahead, True, NOW) is None
    assert "al gedaan" in (change_refusal(True, ahead, True, NOW) or "")
    assert "voorbij" in (change_refusal(False, passed, True, NOW) or "")
    # A list made again after its moment (preparation undone) is announced anew.
    assert change_refusal(False, passed, False, NOW) is None

"""Issue 15, finding 7 (imports): amounts in other scripts' digits, amounts past what
DECIMAL(18,2) holds and dates far outside any plausible range are refused per line with a
Dutch message, never booked and never a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain.money import AmountError, parse_amount
from dashboard.files import spending_csv

TODAY = date(2026, 11, 23)
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: c not in "0123456789")


def spending(amount: str, day: str = "2026-03-31") -> spending_csv.ParsedFile:
    data = f"kenmerk;datum;bedrag;omschrijving;project\nF1;{day};{amount};x;WR-2026-00001\n"
    return spending_csv.parse(data.encode("utf-8"), TODAY)


@settings(max_examples=300, deadline=None)
@given(
    digits=st.lists(
        st.one_of(OTHER_DIGITS, st.sampled_from("0123456789")), min_size=1, max_size=40
    ).filter(lambda d: any(c not in "0123456789" for c in d))
)
def test_digits_of_other_scripts_are_refused(digits: list[str]) -> None:
    text = "".join(digits)
    with pytest.raises(AmountError, match=r"0-9|geen bedrag"):
        parse_amount(text)
    parsed = spending(text)
    assert not parsed.rows and parsed.problems[0].line == 2


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(0, 10**40), cents=st.integers(0, 99))
def test_any_length_of_ascii_digits_is_an_amount_or_a_clear_refusal(whole: int, cents: int) -> None:
    text = f"{whole},{cents:02d}"
    if whole <= 1_000_000_000 - (1 if cents else 0):
        assert parse_amount(text) == parse_amount(f"{whole}.{cents:02d}".replace(".", ","))
    else:
        with pytest.raises(AmountError, match="te groot"):
            parse_amount(text)
    parsed = spending(text)
    if len(str(whole)) <= 16:
        assert parsed.rows or parsed.problems[0].line == 2  # 0,00 is refused as not > 0
    else:
        assert not parsed.rows and "te groot" in str(parsed.problems[0])


def test_twenty_seven_digits_are_refused_not_a_traceback() -> None:
    assert "te groot" in str(spending("1" * 27).problems[0])
    with pytest.raises(AmountError, match="te groot"):
        parse_amount("1" * 27)
    assert spending("١٢٣").problems[0].line == 2  # was booked as € 123


@pytest.mark.parametrize(
    ("day", "booked"),
    [
        ("2016-01-01", True), ("2015-12-31", False), ("0001-01-01", False),
        ("2026-11-23", True), ("2026-11-24", False), ("٢٠٢٦-٠٣-٣١", False),
    ],
)  # fmt: skip
def test_booking_dates_at_and_beyond_the_bounds(day: str, booked: bool) -> None:
    parsed = spending("12,50", day)
    assert bool(parsed.rows) is booked
    if not booked:
        assert str(parsed.problems[0]).startswith("Regel 2: ")


def test_a_date_long_ago_is_named_with_four_digits_in_its_year() -> None:
    assert "01-01-0001 ligt meer dan" in str(spending("12,50", "0001-01-01").problems[0])

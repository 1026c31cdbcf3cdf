"""Amounts of money: read exactly (Decimal, whole cents) and written the Dutch way."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
Amount = Decimal | Fraction | int
_AMOUNT = re.compile(r"(\d{1,15})(?:[.,](\d{1,2}))?")


def parse_amount(text: str) -> Decimal | None:
    """'25000', '25000.5' or '25000,50' -> Decimal('25000.50'); None for anything else
    (signs, thousands separators, more than two decimals: '25.000' is refused rather than
    guessed)."""
    found = _AMOUNT.fullmatch(text.strip())
    if found is None:
        return None
    whole, cents = found.groups()
    return Decimal(f"{whole}.{(cents or '').ljust(2, '0')}")


def whole_cents(amount: Decimal) -> bool:
    return amount.is_finite() and amount == amount.quantize(CENT)


def plain(amount: Decimal) -> str:
    """For a file: '25000' or '25000.50' (a point, no thousands separator)."""
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


def to_cents(value: Amount, down: bool = False) -> Decimal:
    """An exact amount rounded to cents: half to even, or down (never more than it is)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(CENT, rounding=ROUND_FLOOR if down else ROUND_HALF_EVEN)


def euro(value: Amount, down: bool = False) -> str:
    """'€ 3.000' for whole euros, '€ 7,28' otherwise (rounded to cents: half to even, or
    down with `down`)."""
    cents = to_cents(value, down)
    if cents == cents.to_integral_value():
        return "€ " + f"{int(cents):,}".replace(",", ".")
    whole, fraction = f"{cents:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{fraction}"


def about_euro(value: Amount) -> str:
    """`euro`, preceded by 'ongeveer' when the exact amount is not whole cents."""
    exact = Fraction(value)
    shown = euro(value)
    return shown if Fraction(to_cents(value)) == exact else f"ongeveer {shown}"

"""Dutch number and money formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def euro(amount: Decimal) -> str:
    """€ 120.000 or € 45.012,50: Dutch separators, cents only when there are any."""
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, fraction = f"{abs(cents):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped}" + ("" if fraction == "00" else f",{fraction}")


SOURCE_NAMES = {
    "gemeente": "Gemeente",
    "woningcorporatie": "Woningcorporatie",
    "fonds": "Fonds",
    "overig": "Overig",
    "overgeheveld": "Overgeheveld van vorig jaar",
}

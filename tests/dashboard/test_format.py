from decimal import Decimal

import pytest

from dashboard.components.format import euro


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("120000"), "€ 120.000"),
        (Decimal("45012.5"), "€ 45.012,50"),
        (Decimal("0"), "€ 0"),
        (Decimal("0.005"), "€ 0,01"),
        (Decimal("-1250.00"), "-€ 1.250"),
        (Decimal("1234567.89"), "€ 1.234.567,89"),
    ],
)
def test_euro_uses_dutch_separators(amount: Decimal, text: str) -> None:
    assert euro(amount) == text

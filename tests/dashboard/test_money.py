from decimal import Decimal

import pytest

from dashboard.domain.money import AmountError, euro, parse_amount


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("120000"), "€\u00a0120.000"),
        (Decimal("45012.5"), "€\u00a045.012,50"),
        (Decimal("0"), "€\u00a00"),
        (Decimal("0.005"), "€\u00a00,01"),
        (Decimal("-1250.00"), "€\u00a0-1.250"),
        (Decimal("1234567.89"), "€\u00a01.234.567,89"),
    ],
)
def test_euro_uses_dutch_separators(amount: Decimal, text: str) -> None:
    assert euro(amount) == text


def test_an_amount_never_wraps_and_reads_back() -> None:
    """No ordinary space or hyphen-then-symbol inside: a phone keeps € 1.234 on one line."""
    for amount in (Decimal("1234"), Decimal("-1234.5"), Decimal("0")):
        text = euro(amount)
        assert " " not in text and "-€" not in text
        assert parse_amount(text) == amount.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("€ 1234.56", Decimal("1234.56")),
        ("15", Decimal("15.00")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("-12,50", Decimal("-12.50")),
    ],
)
def test_parse_amount_reads_dutch_notation(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een bedrag in"),
        ("abc", "geen bedrag"),
        ("1,234.56", "geen bedrag"),
        ("12,345", "meer dan twee cijfers"),
        ("1.23.4", "per drie cijfers"),
        ("NaN", "geen bedrag"),
        ("99999999999", "te groot"),
    ],
)
def test_parse_amount_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("4250"), "€4,250"),
        (Decimal("1234.5"), "€1,234.50"),
        (Decimal("0"), "€0"),
        (Decimal("1234567.89"), "€1,234,567.89"),
        (Decimal("-1250.00"), "-\u2060€1,250"),
    ],
)
def test_an_english_page_writes_amounts_the_english_way(amount: Decimal, text: str) -> None:
    """One formatter, the page's language chosen: the minus joined to the € (no line
    break between them on a phone, and nothing extra for a screen reader to read)."""
    assert euro(amount, "en") == text
    assert euro(amount, "nl") == euro(amount)  # Dutch is the default

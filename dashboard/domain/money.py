"""Money: exact euro amounts (Decimal), as Dutch people write and read them (and, on an
English page, as English readers do)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dashboard.domain.errors import UserError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("1000000000.00")


class AmountError(UserError):
    """Text that is not a euro amount. The message is Dutch and says how to write it."""


NBSP = "\u00a0"  # a space a line never breaks at
WORD_JOINER = "\u2060"  # no line break here, and nothing a screen reader reads


def euro(amount: Decimal, language: str = "nl") -> str:
    """An amount as the page's `language` writes it, cents only when there are any:
    Dutch € 120.000 and € 45.012,50, English €120,000 and €45,012.50.

    Residents' pages pass their language (`dashboard.i18n.language()`); files, letters
    and the staff's pages are Dutch. Never wraps over two lines on a phone: in Dutch the
    space after € is a non-breaking one and a minus stands after it (€ -1.250); in
    English the minus stands before the € (-€1,250), joined to it.
    """
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, fraction = f"{abs(cents):.2f}".split(".")
    if language == "en":
        sign = f"-{WORD_JOINER}" if cents < 0 else ""
        return f"{sign}€{int(whole):,}" + ("" if fraction == "00" else f".{fraction}")
    sign = "-" if cents < 0 else ""
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"€{NBSP}{sign}{grouped}" + ("" if fraction == "00" else f",{fraction}")


def parse_amount(text: str | Decimal | int) -> Decimal:
    """A euro amount as typed by a Dutch user: "1.234,56", "1234,56", "€ 1234.56", "15".

    Refuses what is ambiguous or not money, with a message saying how to write it.
    """
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        cleaned = text.strip().replace("€", "").replace(" ", "").replace(NBSP, "")
        if not cleaned:
            raise AmountError("Vul een bedrag in, bijvoorbeeld 1.234,56.")
        if not all(c in "0123456789.,+-" for c in cleaned):  # also no ١٢٣ or other digits
            raise AmountError(
                f"'{text}' is geen bedrag. Schrijf het met de cijfers 0-9, zo: 1.234,56."
            )
        cleaned = _normalise_separators(cleaned)
        if len(cleaned.lstrip("+-").partition(".")[0]) > 16:  # DECIMAL(18,2) holds 16
            raise AmountError(f"'{text}' is te groot voor een wijkbudget.")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise AmountError(
                f"'{text}' is geen bedrag. Schrijf het zo: 1.234,56 (punt voor duizendtallen, "
                "komma voor centen)."
            ) from None
    if not value.is_finite():
        raise AmountError(f"'{text}' is geen bedrag.")
    if abs(value) > MAX_AMOUNT:  # before quantize: 29 digits are past Decimal's precision
        raise AmountError(f"'{text}' is te groot voor een wijkbudget.")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"'{text}' heeft meer dan twee cijfers achter de komma.")
    if abs(value) > MAX_AMOUNT:
        raise AmountError(f"'{text}' is te groot voor een wijkbudget.")
    return value.quantize(CENT)


def _normalise_separators(text: str) -> str:
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if "," in text:
        whole, _, cents = text.rpartition(",")
        if "," in whole or "." in cents:
            raise AmountError(f"'{sign}{text}' is geen bedrag. Schrijf het zo: 1.234,56.")
        _check_thousands(whole, ".", sign + text)
        return sign + whole.replace(".", "") + "." + cents
    if text.count(".") > 1 or (text.count(".") == 1 and len(text.rpartition(".")[2]) == 3):
        # 1.234 or 1.234.567: Dutch thousands separators, no cents.
        _check_thousands(text, ".", sign + text)
        return sign + text.replace(".", "")
    return sign + text


def _check_thousands(whole: str, separator: str, original: str) -> None:
    if separator not in whole:
        return
    groups = whole.split(separator)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise AmountError(
            f"'{original}' is geen bedrag. Zet een punt per drie cijfers: 1.234.567,89."
        )

"""What `verify` checks, one result per check, with its meaning in plain Dutch.

`sortition.verify.verify_checks` (a full bundle) and `sortition.verify_public.public_checks`
(a public bundle) return a list of `Check`: a code, the differences found (English, as
`verify` has always printed them) and whether the check could be made at all (the
ceremony's checks wait for the ceremony; a replacement's tie to its council needs the
council's bundle). `verify` is these differences in a row. The command line and the
residents' page "Controleer een loting" show each check with `TEXTS`: what it means when
it holds, and when it does not (B1 Dutch; the page translates them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    code: str  # a key of TEXTS
    problems: tuple[str, ...] = ()
    checked: bool = True  # False: this check waits for something (see TEXTS' `waiting`)

    @property
    def passed(self) -> bool | None:
        """True or False once checked; None while it waits."""
        return not self.problems if self.checked else None


@dataclass(frozen=True)
class CheckText:
    holds: str  # what it means when the check holds
    fails: str  # what it means when it does not
    waiting: str = "Nog niet na te kijken: de trekking is nog niet gedaan."


TEXTS: dict[str, CheckText] = {
    "commitment": CheckText(
        "De vingerafdruk klopt: de lijst met mogelijke raden is niet veranderd na de bekendmaking.",
        "De vingerafdruk klopt niet: het bestand is veranderd nadat de vingerafdruk bekend "
        "werd gemaakt.",
    ),
    "pool": CheckText(
        "De aanmeldingen en de quota in het bestand zijn goed te lezen.",
        "De aanmeldingen of de quota in het bestand zijn niet te lezen. Daarom is de rest "
        "niet na te rekenen.",
    ),
    "probabilities": CheckText(
        "De kansen kloppen: opnieuw uitgerekend krijgt elke aanmelder dezelfde eerlijke kans.",
        "De kansen kloppen niet: opnieuw uitgerekend komen er andere kansen uit.",
        "Niet na te rekenen, omdat de aanmeldingen of de quota niet te lezen zijn.",
    ),
    "lottery": CheckText(
        "Elke raad op de lijst voldoet aan de regels: het goede aantal leden en alle quota.",
        "Op de lijst staat een raad die niet aan de regels voldoet.",
        "Niet na te rekenen, omdat de aanmeldingen of de quota niet te lezen zijn.",
    ),
    "chances": CheckText(
        "Iedereen krijgt zijn eerlijke kans: elke groep staat zo vaak op de lijst als zijn "
        "kans zegt.",
        "De lijst past niet bij de kansen: een groep staat te vaak of te weinig op de lijst.",
    ),
    "seed": CheckText(
        "Het toevalsgetal klopt: het volgt uit de vingerafdruk en de getallen uit de zaal.",
        "Het toevalsgetal klopt niet met de vingerafdruk en de getallen uit de zaal.",
    ),
    "number": CheckText(
        "Het nummer klopt: uit het toevalsgetal volgt precies dit nummer op de lijst.",
        "Het nummer klopt niet: uit het toevalsgetal volgt een ander nummer op de lijst.",
    ),
    "panel": CheckText(
        "Met de getallen uit de zaal komt precies deze raad uit de lijst.",
        "De raad in het bestand is niet de raad die met de getallen uit de zaal uit de lijst komt.",
    ),
    "reserve": CheckText(
        "De reservelijst klopt: de volgorde volgt uit hetzelfde toevalsgetal.",
        "De reservelijst klopt niet: de volgorde volgt niet uit het toevalsgetal.",
    ),
    "rotation": CheckText(
        "Wie uit de raad gaat, klopt: dat volgt uit hoe lang de leden zitten en het toevalsgetal.",
        "Wie uit de raad gaat, klopt niet met hoe lang de leden zitten en het toevalsgetal.",
    ),
    "parent": CheckText(
        "Deze loting hoort bij de eerdere loting van de raad en volgt daaruit.",
        "Deze loting hoort niet bij de eerdere loting die is meegegeven.",
        "Niet nagekeken: hiervoor is ook het controlebestand van de eerdere loting van de "
        "raad nodig.",
    ),
    "small_groups": CheckText(
        "Het bestand laat geen kleine groepen zien, dus niemand is erin te herkennen.",
        "Het bestand laat een te kleine groep zien; iemand kan erin te herkennen zijn.",
    ),
}


def differences(checks: Iterable[Check]) -> list[str]:
    """Every difference the checks found, in their order: what `verify` returns."""
    return [problem for check in checks for problem in check.problems]


def split(
    problems: Sequence[str], codes: dict[str, str], default: str
) -> dict[str, tuple[str, ...]]:
    """Problems sorted to the check whose prefix they start with (`codes`: prefix ->
    check code, longest prefixes first), else to `default`."""
    found: dict[str, list[str]] = {code: [] for code in (*codes.values(), default)}
    for problem in problems:
        code = next((c for prefix, c in codes.items() if problem.startswith(prefix)), default)
        found[code].append(problem)
    return {code: tuple(lines) for code, lines in found.items()}


# Where a ceremony's differences (`sortition.seed.ceremony_differences` and the panel's and
# reserve list's) belong; the rest is the panel's.
CEREMONY_PREFIXES = {
    "ceremony inputs": "seed",
    "seed:": "seed",
    "chosen panel number": "number",
    "reserve list": "reserve",
}


def ceremony_checks(problems: Sequence[str], revealed: bool, codes: Sequence[str]) -> list[Check]:
    """The ceremony's checks (`codes`, of seed, number, panel, reserve) from its
    differences; before the ceremony they wait, unless something is wrong already (a
    panel recorded without inputs)."""
    prefixes = {prefix: code for prefix, code in CEREMONY_PREFIXES.items() if code in codes}
    found = split(problems, prefixes, "panel")
    return [
        Check(code, found.get(code, ()), checked=revealed or bool(found.get(code)))
        for code in codes
    ]


def text_lines(checks: Iterable[Check]) -> list[str]:
    """The checks for a terminal, one line each, in Dutch (plain ASCII marks, so that any
    console can show them)."""
    mark = {True: "[goed]", False: "[FOUT]", None: "[open]"}
    lines = []
    for check in checks:
        text = TEXTS[check.code]
        meaning = {True: text.holds, False: text.fails, None: text.waiting}[check.passed]
        lines.append(f"  {mark[check.passed]} {meaning}")
    return lines

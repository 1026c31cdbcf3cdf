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


def N_(text: str) -> str:  # the name gettext tools know
    """`text` unchanged: marks a sentence the residents' page translates (`dashboard.i18n`;
    the command line prints the Dutch)."""
    return text


@dataclass(frozen=True)
class CheckText:
    holds: str  # what it means when the check holds
    fails: str  # what it means when it does not
    waiting: str = N_("Nog niet na te kijken: er is nog niet geloot.")


TEXTS: dict[str, CheckText] = {
    "commitment": CheckText(
        N_("De controlecode klopt: er is niets veranderd nadat de code bekend werd."),
        N_("De controlecode klopt niet: het bestand is veranderd nadat de code bekend werd."),
    ),
    "pool": CheckText(
        N_(
            "De aanmeldingen en de afspraken over wie er in de raad moeten zitten, zijn goed "
            "te lezen."
        ),
        N_(
            "De aanmeldingen of de afspraken over wie er in de raad moeten zitten, zijn niet "
            "te lezen. Daarom is de rest niet na te rekenen."
        ),
    ),
    "probabilities": CheckText(
        N_(
            "De kansen kloppen: opnieuw uitgerekend krijgt iedereen die zich aanmeldde "
            "dezelfde eerlijke kans."
        ),
        N_("De kansen kloppen niet: opnieuw uitgerekend komen er andere kansen uit."),
        N_("Niet na te rekenen, omdat de aanmeldingen of de afspraken niet te lezen zijn."),
    ),
    "lottery": CheckText(
        N_(
            "Elke raad die uit de loting kon komen, past bij de afspraken: het goede aantal "
            "leden en genoeg mensen uit elke groep."
        ),
        N_("Uit de loting kon een raad komen die niet bij de afspraken past."),
        N_("Niet na te rekenen, omdat de aanmeldingen of de afspraken niet te lezen zijn."),
    ),
    "chances": CheckText(
        N_(
            "Iedereen krijgt zijn eerlijke kans: elke groep komt in de mogelijke raden zo "
            "vaak voor als bij haar kans past."
        ),
        N_(
            "De mogelijke raden passen niet bij de kansen: een groep zit er te vaak of te "
            "weinig in."
        ),
    ),
    "seed": CheckText(
        N_("Het toevalsgetal klopt: het volgt uit de controlecode en de getallen uit de zaal."),
        N_("Het toevalsgetal past niet bij de controlecode en de getallen uit de zaal."),
    ),
    "number": CheckText(
        N_("Het toevalsgetal wijst precies deze raad aan."),
        N_("Het toevalsgetal wijst een andere raad aan dan in het bestand staat."),
    ),
    "panel": CheckText(
        N_("Met de getallen uit de zaal komt precies deze raad uit de loting."),
        N_(
            "De raad in het bestand is niet de raad die met de getallen uit de zaal uit de "
            "loting komt."
        ),
    ),
    "reserve": CheckText(
        N_("De reservelijst klopt: de volgorde volgt uit hetzelfde toevalsgetal."),
        N_("De reservelijst klopt niet: de volgorde volgt niet uit het toevalsgetal."),
    ),
    "rotation": CheckText(
        N_(
            "Wie uit de raad gaat, klopt: dat volgt uit hoe lang de leden erin zitten en uit "
            "het toevalsgetal."
        ),
        N_(
            "Wie uit de raad gaat, past niet bij hoe lang de leden erin zitten en het toevalsgetal."
        ),
    ),
    "parent": CheckText(
        N_("Deze loting hoort bij de eerdere loting van de raad en volgt daaruit."),
        N_("Deze loting hoort niet bij de eerdere loting die is meegegeven."),
        N_(
            "Niet nagekeken: hiervoor is ook het controlebestand van de eerdere loting van de "
            "raad nodig."
        ),
    ),
    "small_groups": CheckText(
        N_("Het bestand laat geen kleine groepen zien, dus niemand is erin te herkennen."),
        N_("Het bestand laat een te kleine groep zien; iemand kan erin te herkennen zijn."),
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

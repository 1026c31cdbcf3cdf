"""Iv3 taakvelden: the classification every Dutch municipality reports its budget in
(Informatie voor derden, the BBV's list of *taakvelden*), and where the neighbourhood
budget's projects belong in it.

A proposal may carry its own taakveld (the budget book's field, "6.1 Samenkracht en
burgerparticipatie"); that one counts. A proposal without one gets the taakveld of its
theme, by the mapping below: each theme goes to the taakveld where most of its typical
initiatives are booked in a municipal budget. A proposal with several themes takes the
first of them in the order of `THEME_TAAKVELD`. Pure.

The mapping, and why:
- energietransitie -> 7.4 Milieubeheer: energy saving, solar panels and energy coaches
  are booked under environmental management (duurzaamheid).
- veilig_gezond -> 7.1 Volksgezondheid: exercise gardens, walking groups and other
  health promotion (a project about traffic safety is better set to 2.1 by hand).
- klimaatadaptatie -> 7.2 Riolering: rain barrels, removing paving and other work on
  rain water are the municipality's water tasks, booked under sewerage.
- openbare_ruimte -> 5.7 Openbaar groen en (openlucht) recreatie: play areas, benches,
  community gardens in the public space.
- sociale_samenhang, jeugd, zorg_welzijn -> 6.1 Samenkracht en burgerparticipatie:
  neighbourhood parties, youth work, meeting places and informal care are all booked
  under community strength and citizens' participation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Taakvelden a neighbourhood's projects are booked under (the code and the BBV's name).
TAAKVELDEN: dict[str, str] = {
    "1.2": "Openbare orde en veiligheid",
    "2.1": "Verkeer en vervoer",
    "3.1": "Economische ontwikkeling",
    "4.3": "Onderwijsbeleid en leerlingzaken",
    "5.1": "Sportbeleid en activering",
    "5.2": "Sportaccommodaties",
    "5.3": "Cultuurpresentatie, cultuurproductie en cultuurparticipatie",
    "5.7": "Openbaar groen en (openlucht) recreatie",
    "6.1": "Samenkracht en burgerparticipatie",
    "7.1": "Volksgezondheid",
    "7.2": "Riolering",
    "7.3": "Afval",
    "7.4": "Milieubeheer",
    "8.1": "Ruimtelijke ordening",
    "8.3": "Wonen en bouwen",
}
# Theme code -> taakveld code, in the order that settles a project with several themes.
THEME_TAAKVELD: dict[str, str] = {
    "energietransitie": "7.4",
    "klimaatadaptatie": "7.2",
    "openbare_ruimte": "5.7",
    "veilig_gezond": "7.1",
    "jeugd": "6.1",
    "zorg_welzijn": "6.1",
    "sociale_samenhang": "6.1",
}
UNKNOWN = "onbekend"  # no taakveld of its own and no theme that maps to one
_STATED = re.compile(r"^\s*(\d{1,2}\.\d{1,2})(?:\s+(.+?))?\s*$")


@dataclass(frozen=True)
class Taakveld:
    code: str  # "6.1", or UNKNOWN
    name: str
    by_theme: bool  # taken from the theme (the mapping), not set on the proposal

    @property
    def label(self) -> str:
        return self.name if self.code == UNKNOWN else f"{self.code} {self.name}"


def name_of(code: str) -> str:
    return TAAKVELDEN.get(code, "")


def for_theme(theme_code: str) -> str | None:
    """The taakveld of a theme, as "7.4 Milieubeheer"; None for a theme not mapped."""
    code = THEME_TAAKVELD.get(theme_code)
    return None if code is None else f"{code} {TAAKVELDEN[code]}"


def taakveld(stated: str | None, theme_codes: Iterable[str]) -> Taakveld:
    """The proposal's own taakveld when it has one that reads as "<code> [name]", else its
    themes' (the first in THEME_TAAKVELD's order), else UNKNOWN."""
    match = _STATED.match(stated or "")
    if match:
        code = match.group(1)
        return Taakveld(code, TAAKVELDEN.get(code) or match.group(2) or "", by_theme=False)
    themes = set(theme_codes)
    for theme, code in THEME_TAAKVELD.items():
        if theme in themes:
            return Taakveld(code, TAAKVELDEN[code], by_theme=True)
    return Taakveld(UNKNOWN, "Niet ingedeeld", by_theme=True)


def sort_key(code: str) -> tuple[int, int]:
    """Taakvelden in the BBV's order (6.1 before 6.71 before 7.1); unknown last."""
    if code == UNKNOWN:
        return (99, 99)
    main, _, sub = code.partition(".")
    return (int(main), int(sub or 0))

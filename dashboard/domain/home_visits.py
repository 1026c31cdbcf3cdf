"""Home visits (direct method): which addresses are still to visit, in which order a
visitor walks them, and where a replacement address stands among the others. Pure.

A walking list groups the addresses by street (in the order of their postcodes: Dutch
postcodes number neighbouring streets alike, so the list walks from one to the next) and
within a street by house number in natural order (2 before 10, 12 before 12a before 13;
even and odd sides together).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

# Outcomes after which the address is visited again; no visit yet counts too.
COME_BACK = ("later", "niet thuis")
_CHUNK = re.compile(r"\d+|\D+")

NaturalKey = tuple[tuple[int, int | str], ...]


def still_to_visit(last_outcome: str | None, replaced: bool) -> bool:
    """Not yet visited, or last found not at home or asked to come back later; never an
    address whose resident said yes or no, nor one already replaced by a new address."""
    return not replaced and (last_outcome is None or last_outcome in COME_BACK)


def natural_key(text: str | None) -> tuple[int, NaturalKey]:
    """Numbers inside the text compare as numbers: '2' < '10' < '12' < '12a' < '12-3' <
    '12-10' < '13'. Spaces and case do not count ('12 A' is '12a'); text without a
    leading number comes after all numbers."""
    chunks: list[tuple[int, int | str]] = []
    for chunk in _CHUNK.findall(text or ""):
        if chunk.isdigit():
            chunks.append((0, int(chunk)))
        elif chunk.strip():
            chunks.append((1, chunk.strip().casefold()))
    starts_with_number = bool(chunks) and chunks[0][0] == 0
    return (0 if starts_with_number else 1, tuple(chunks))


@dataclass(frozen=True)
class Stop:
    """One address on the walking list."""

    invitation_id: int
    code: str
    name: str
    street: str
    house_number: str
    postcode: str
    city: str
    group: str
    replaces_id: int | None
    visits: int
    last_visit: date | None
    last_outcome: str | None


@dataclass(frozen=True)
class Street:
    name: str
    city: str
    stops: tuple[Stop, ...]

    @property
    def postcodes(self) -> list[str]:
        return sorted({s.postcode for s in self.stops if s.postcode})


def _street_key(stop: Stop) -> tuple[str, str]:
    return (" ".join(stop.street.split()).casefold(), " ".join(stop.city.split()).casefold())


def by_street(stops: Iterable[Stop]) -> list[Street]:
    """The stops grouped by street (and place), streets in postcode order, houses in
    natural order; an address without a street comes last."""
    groups: dict[tuple[str, str], list[Stop]] = {}
    for stop in stops:
        groups.setdefault(_street_key(stop), []).append(stop)
    streets = [
        Street(
            items[0].street,
            items[0].city,
            tuple(sorted(items, key=lambda s: (natural_key(s.house_number), s.invitation_id))),
        )
        for items in groups.values()
    ]

    def order(street: Street) -> tuple[bool, str, tuple[int, NaturalKey]]:
        first = street.postcodes[0] if street.postcodes else "~"
        return (not street.name.strip(), first.replace(" ", "").upper(), natural_key(street.name))

    return sorted(streets, key=order)


def next_to_replaced(ids: Sequence[int], replaces: Mapping[int, int | None]) -> list[int]:
    """`ids` in their order, each replacement moved right after the address it replaces
    (a replacement of a replacement after that one), so a long list shows them together."""
    known = set(ids)
    followers: dict[int, list[int]] = {}
    for i in ids:
        replaced = replaces.get(i)
        if replaced is not None and replaced in known and replaced != i:
            followers.setdefault(replaced, []).append(i)
    placed: list[int] = []
    seen: set[int] = set()

    def place(i: int) -> None:
        if i in seen:
            return
        seen.add(i)
        placed.append(i)
        for follower in followers.get(i, []):
            place(follower)

    for i in ids:
        replaced = replaces.get(i)
        if replaced is None or replaced not in known or replaced == i:
            place(i)
    for i in ids:  # a loop of replacements (should not happen): keep every row anyway
        place(i)
    return placed

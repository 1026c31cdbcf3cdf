"""Checking a draw without a terminal: what `python -m sortition verify` checks, for the
residents' page "Controleer een loting".

A public bundle (groups and counts, `sortition.public_bundle`) is checked with
`sortition.verify_checks`, the same checks the command line makes, each with its result.
Files people upload are read the way the command line reads them
(`sortition.bundle_file`: no deep nesting, no endless numbers), after a size limit; only
public bundles are checked here: the organisers' full bundle is for the independent
auditor's terminal (its recomputation is a heavy optimisation). No caller: everything
here is public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sortition
from dashboard.domain.errors import UserError
from dashboard.services.draws.selection import ceremony_refusal
from sortition.bundle_file import BundleFileError, parse_bundle
from sortition.checks import Check
from sortition.publish import is_public

MAX_UPLOAD_BYTES = 2_000_000  # a public bundle of 1000 panels is a few hundred kilobytes
MAX_UPLOAD_MB = 2  # the same limit for the upload field (in whole megabytes)
HEX = frozenset("0123456789abcdef")

UNREADABLE = {
    "encoding": "Dit bestand is geen tekstbestand in UTF-8, dus geen controlebestand.",
    "json": "Dit bestand is geen JSON-bestand, dus geen controlebestand van een loting.",
    "nested": "Dit bestand is geen controlebestand: het zit veel te diep in elkaar.",
    "number": "Dit bestand is geen controlebestand: er staat een getal in dat veel te lang is.",
    "not_bundle": "Dit bestand is geen controlebestand van een loting.",
}


@dataclass(frozen=True)
class BundleCheck:
    """The checks of one public bundle, and what it says about the draw (counts only)."""

    checks: tuple[Check, ...]
    purpose: str
    commitment: str | None  # None when it is no fingerprint at all (64 hexadecimal digits)
    inputs: tuple[str, ...]  # the ceremony's inputs (canonical: checked before)
    chosen_index: int | None
    seats: int
    volunteers: int
    lottery_size: int

    @property
    def passed(self) -> bool:
        return all(c.passed is not False for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]

    @property
    def needs_parent(self) -> bool:
        """A replacement checked without its council's bundle."""
        return any(c.code == "parent" and c.passed is None for c in self.checks)


def check_bundle(bundle: dict[str, Any], parent: dict[str, Any] | None = None) -> BundleCheck:
    """Every check of a public bundle (with its parent's, for a replacement); UserError in
    Dutch when it cannot be checked at all."""
    if not is_public(bundle):
        raise UserError(
            "Dit is niet het openbare controlebestand. Het volledige controlebestand van de "
            "organisatoren kijkt de onafhankelijke controleur na met het programma: "
            "python -m sortition verify. Hier kunt u het openbare controlebestand nakijken "
            "(het bestand dat op de pagina van de wijkraad staat)."
        )
    try:
        checks = sortition.verify_checks(bundle, parent)
    except sortition.CeremonyInputError as exc:
        refused = f"{ceremony_refusal(exc)} Dit controlebestand wordt niet aanvaard."
        raise UserError(refused) from exc
    except sortition.SortitionError as exc:
        raise UserError(
            "Dit bestand is geen leesbaar openbaar controlebestand: er ontbreekt iets of er "
            f"staat iets vreemds in. (Technisch: {exc})"
        ) from exc
    ceremony = bundle["ceremony"] or {}
    index = ceremony.get("chosen_index")
    commitment = bundle["commitment"]
    return BundleCheck(
        checks=tuple(checks),
        purpose=str(bundle["purpose"]),
        commitment=commitment if len(commitment) == 64 and set(commitment) <= HEX else None,
        inputs=tuple(ceremony.get("inputs", ())),
        chosen_index=index if isinstance(index, int) and not isinstance(index, bool) else None,
        seats=int(bundle["k"]),
        volunteers=sum(int(t["volunteers"]) for t in bundle["types"]),
        lottery_size=len(bundle["lottery"]["panels"]),
    )


def check_upload(data: bytes, parent: bytes | None = None) -> BundleCheck:
    """An uploaded file (and, for a replacement, its council's), read as the command line
    reads it, then checked."""
    bundle = _read(data, "")
    earlier = None if parent is None else _read(parent, "Het bestand van de eerdere loting: ")
    if earlier is not None and not is_public(earlier):
        raise UserError(
            "Het bestand van de eerdere loting is niet het openbare controlebestand. Kies het "
            "bestand van de pagina van de wijkraad."
        )
    return check_bundle(bundle, earlier)


def _read(data: bytes, which: str) -> dict[str, Any]:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UserError(
            f"{which}Dit bestand is groter dan {MAX_UPLOAD_MB} MB. Een openbaar "
            "controlebestand is veel kleiner; kies het bestand van de pagina van de wijkraad."
        )
    try:
        return parse_bundle(data, "upload")
    except BundleFileError as exc:
        raise UserError(which + UNREADABLE.get(exc.reason, UNREADABLE["not_bundle"])) from exc

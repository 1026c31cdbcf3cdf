"""Plain words for stored codes, in the session's language."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.domain.statuses import ProposalStatus
from dashboard.i18n import t

STATUS: dict[str, str] = {
    ProposalStatus.BESLOTEN: "Besloten, nog niet begonnen",
    ProposalStatus.IN_UITVOERING: "Bezig",
    ProposalStatus.AFGEROND: "Klaar",
    ProposalStatus.INGEDIEND: "Ingediend",
    ProposalStatus.IN_BEHANDELING: "In behandeling",
    ProposalStatus.AFGEWEZEN: "Afgewezen",
}
DECISION_KIND = {
    "toekennen": "Geld toegekend",
    "bijstellen": "Bedrag aangepast",
    "afwijzen": "Afgewezen",
    "overig": "Ander besluit",
}
CONSULTATION = {
    "wijkpanel": "Het wijkpanel (bewoners die door loting zijn gekozen) gaf vooraf zijn mening.",
    "bijeenkomst": "Bewoners konden vooraf hun mening geven op een bijeenkomst.",
    "stemming": "Bewoners konden vooraf stemmen.",
    "geen": "Bewoners zijn vooraf niet apart gevraagd.",
}
FEATURE = {
    "age_band": "Leeftijd",
    "gender": "Geslacht",
    "education": "Opleiding",
    "tenure": "Woning",
    "part": "Deel van de wijk",
}
GROUP = {
    "16-24": "16 tot en met 24 jaar",
    "25-44": "25 tot en met 44 jaar",
    "45-64": "45 tot en met 64 jaar",
    "65+": "65 jaar en ouder",
    "vrouw": "Vrouw",
    "man": "Man",
    "anders": "Anders",
    "laag": "Lager opgeleid",
    "middelbaar": "Middelbaar opgeleid",
    "hoog": "Hoger opgeleid",
    "koop": "Koopwoning",
    "sociale huur": "Huurwoning van een woningcorporatie",
    "particuliere huur": "Huurwoning van een particulier",
}


def label(table: Mapping[str, str], code: str | None) -> str:
    """The plain words for `code` (translated), or the code itself when unknown."""
    if code is None:
        return ""
    return t(table[code]) if code in table else code

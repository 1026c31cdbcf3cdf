"""Plain words for stored codes, in the session's language."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.domain.statuses import ProposalStatus
from dashboard.domain.translatable import N_
from dashboard.i18n import t

STATUS: dict[str, str] = {
    ProposalStatus.BESLOTEN: N_("Besloten, nog niet begonnen"),
    ProposalStatus.IN_UITVOERING: N_("Bezig"),
    ProposalStatus.AFGEROND: N_("Klaar"),
    ProposalStatus.INGEDIEND: N_("Ingediend"),
    ProposalStatus.IN_BEHANDELING: N_("In behandeling"),
    ProposalStatus.AFGEWEZEN: N_("Afgewezen"),
}
DECISION_KIND = {
    "toekennen": N_("Geld toegekend"),
    "bijstellen": N_("Bedrag aangepast"),
    "afwijzen": N_("Afgewezen"),
    "overig": N_("Ander besluit"),
}
CONSULTATION = {
    "wijkpanel": N_(
        "Het wijkpanel (bewoners die door loting zijn gekozen) gaf vooraf zijn mening."
    ),
    "bijeenkomst": N_("Bewoners konden vooraf hun mening geven op een bijeenkomst."),
    "stemming": N_("Bewoners konden vooraf stemmen."),
    "geen": N_("Bewoners zijn vooraf niet apart gevraagd."),
}
FEATURE = {
    "age_band": N_("Leeftijd"),
    "gender": N_("Geslacht"),
    "education": N_("Opleiding"),
    "tenure": N_("Woning"),
    "part": N_("Deel van de wijk"),
}
GROUP = {
    "16-24": N_("16 tot en met 24 jaar"),
    "25-44": N_("25 tot en met 44 jaar"),
    "45-64": N_("45 tot en met 64 jaar"),
    "65+": N_("65 jaar en ouder"),
    "vrouw": N_("Vrouw"),
    "man": N_("Man"),
    "anders": N_("Anders"),
    "laag": N_("Lager opgeleid"),
    "middelbaar": N_("Middelbaar opgeleid"),
    "hoog": N_("Hoger opgeleid"),
    "koop": N_("Koopwoning"),
    "sociale huur": N_("Huurwoning van een woningcorporatie"),
    "particuliere huur": N_("Huurwoning van een particulier"),
}


def label(table: Mapping[str, str], code: str | None) -> str:
    """The plain words for `code` (translated), or the code itself when unknown."""
    if code is None:
        return ""
    return t(table[code]) if code in table else code

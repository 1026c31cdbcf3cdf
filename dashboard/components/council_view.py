"""Residents' view of the council: groups next to the neighbourhood (tables, never names)
and how the council was drawn, in plain words with counts only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from dashboard.components.ceremonies_view import council_note
from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.headings import heading
from dashboard.components.labels import FEATURE, GROUP, label
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.small_groups import MIN_GROUP, GroupRow
from dashboard.i18n import t
from dashboard.services.public import (
    AnnouncedDraw,
    CouncilView,
    DrawCounts,
    FeatureComparison,
    FollowUpDraw,
)

# Announcements of the draws shown, by draw (the council page passes them on).
Announced = Mapping[int, AnnouncedDraw]

# Features whose neighbourhood figures leave out children (they cannot sit on the council).
ADULTS_ONLY = {"age_band", "education"}


def composition(view: CouncilView) -> None:
    heading(t("Wie zit er in de wijkraad?"))
    st.markdown(
        t(
            "De wijkraad heeft nu **{geloot}** leden die door loting zijn gekozen en "
            "**{benoemd}** benoemde leden (zoals gemeenteraadsleden).",
            geloot=view.drawn,
            benoemd=view.appointed,
        )
    )
    st.write(
        t(
            "Hieronder ziet u de gelote leden als groepen, naast alle inwoners van de wijk. "
            "Namen laten we nooit zien. Een groep met minder dan {min} leden laten we niet "
            "apart zien: we tellen hem op bij een andere groep, of er staat “–”. Soms staat "
            "ook bij een grotere groep “–”: anders kon u met het totaal uitrekenen hoeveel "
            "leden de kleine groep heeft.",
            min=MIN_GROUP,
        )
    )
    for comparison in view.comparisons:
        _feature(comparison, view)


def _feature(comparison: FeatureComparison, view: CouncilView) -> None:
    heading(label(FEATURE, comparison.feature), 3)
    header = [t("Groep"), t("In de wijkraad"), t("In de wijk"), t("Verschil")]
    rows = [
        [_group(row, comparison.feature, view), _council(row), _population(row), _difference(row)]
        for row in comparison.rows
    ]
    st.markdown(markdown_table(header, rows, align_right={1, 2}))  # the difference is words
    who = (
        t("In de wijk: inwoners van 16 jaar en ouder")
        if comparison.feature in ADULTS_ONLY
        else t("In de wijk: alle inwoners")
    )
    year = f" ({view.population_year})" if view.population_year else ""
    st.caption(who + year + ".")


def _group(row: GroupRow, feature: str, view: CouncilView) -> str:
    def name(group: str) -> str:
        return view.part_names.get(group, group) if feature == "part" else label(GROUP, group)

    if feature == "age_band" and len(row.groups) > 1 and not row.is_others:
        return _age_range(row.groups)
    if row.is_others and len(row.groups) == 2:
        return name(row.groups[1])
    if row.is_others:
        return t("Overige groepen samen") + ": " + ", ".join(name(g) for g in row.groups[1:])
    return " + ".join(name(g) for g in row.groups)


def _council(row: GroupRow) -> str:
    if row.council is None:
        return "–"  # too small, or hidden so that a small group cannot be worked out
    if row.council_share is None:
        return str(row.council)
    return f"{row.council} ({round(100 * row.council_share)}%)"


def _population(row: GroupRow) -> str:
    if row.population_share is None:
        return t("minder dan {min} inwoners", min=MIN_GROUP)
    return f"{round(100 * row.population_share)}%"


def _difference(row: GroupRow) -> str:
    """The difference of the two percentages as shown, so that the column adds up."""
    if row.council_share is None or row.population_share is None:
        return ""
    points = round(100 * row.council_share) - round(100 * row.population_share)
    if points > 0:
        return t("{verschil} meer dan in de wijk", verschil=f"{points}%")
    if points < 0:
        return t("{verschil} minder dan in de wijk", verschil=f"{-points}%")
    return t("gelijk")


def how_drawn(
    draw: DrawCounts | None,
    seats_drawn: int,
    bundle: str | None = None,
    announced: Announced | None = None,
) -> None:
    heading(t("Hoe is de raad geloot?"))
    if draw is None:
        st.info(t("Over de loting van deze raad zijn nog geen gegevens bekend."))
        return
    yes = draw.outcomes.get("ja", 0)
    no = draw.outcomes.get("nee", 0)
    seats = draw.seats or seats_drawn
    if draw.method == "direct":
        text = t(
            "Door loting zijn {uitgenodigd} inwoners gekozen. De organisatoren zijn bij hen "
            "langs geweest om hen uit te nodigen. {ja} mensen zeiden ja, {nee} zeiden nee en "
            "bij {niet_thuis} was niemand thuis.",
            uitgenodigd=draw.invited,
            ja=yes,
            nee=no,
            niet_thuis=draw.outcomes.get("niet thuis", 0),
        )
    else:
        text = t(
            "Eerst kregen {uitgenodigd} huishoudens een brief met een uitnodiging. Die "
            "huishoudens zijn door loting gekozen uit alle adressen in de wijk. {ja} mensen "
            "meldden zich aan, {nee} zeiden nee en de anderen reageerden niet.",
            uitgenodigd=draw.invited,
            ja=yes,
            nee=no,
        )
    text += " " + t(
        "Daarna is uit de {ja} mensen die ja zeiden door loting gekozen wie in de raad komt: "
        "{zetels} leden. {reserve} mensen staan op de reservelijst voor als een lid stopt.",
        ja=yes,
        zetels=seats,
        reserve=draw.reserves,
    )
    if draw.completed_on:
        text += " " + t("De loting was klaar op {datum}.", datum=long_date(draw.completed_on))
    st.write(text)
    st.markdown(
        markdown_table(
            [t("Stap"), t("Aantal")],
            [
                [t("Uitgenodigd"), str(draw.invited)],
                [t("Zeiden ja"), str(yes)],
                [t("Zeiden nee"), str(no)],
                [t("Zitten nu in de raad"), str(draw.confirmed)],
                [t("Op de reservelijst"), str(draw.reserves)],
            ],
            align_right={1},
        )
    )
    check_yourself(draw, bundle, announced)


def check_yourself(
    draw: DrawCounts, bundle: str | None, announced: Announced | None = None
) -> None:
    """The commitment, the public inputs and the bundle to download, when the draw had them."""
    heading(t("Zelf nakijken"), 3)
    if not (draw.commitment and draw.ceremony_inputs and bundle):
        st.info(_why_no_proof(draw))
        return
    st.write(
        t(
            "Vóór de loting is deze controlecode bekendgemaakt. De code hoort bij de "
            "aanmeldingen, bij de afspraken over wie er in de raad moeten zitten en bij alle "
            "raden die uit de loting konden komen. Verandert daar iets aan, dan klopt de "
            "code niet meer:"
        )
    )
    _proof(draw, bundle, f"loting-{draw.draw_id}.json", f"loting-{draw.draw_id}.json", announced)


def _why_no_proof(draw: DrawCounts) -> str:
    if draw.method == "direct":
        return t(
            "Voor deze loting is er geen controlebestand. Bij deze raad zijn adressen door "
            "loting gekozen en zijn de organisatoren daar langs geweest. Wie ja zei, kwam in "
            "de raad. Er was dus geen tweede loting in het openbaar, met een controlecode en "
            "getallen uit de zaal. Daarom is er ook geen bestand om na te rekenen."
        )
    return t(
        "Voor deze loting is er geen controlebestand. Zo'n bestand is er alleen bij lotingen "
        "in het openbaar: met een controlecode die vooraf bekend is en getallen die mensen "
        "in de zaal zelf noemen."
    )


def later_draws(
    items: Sequence[tuple[FollowUpDraw, str | None]],
    council_draw_id: int,
    announced: Announced | None = None,
) -> None:
    """Replacement and rotation draws since the council's draw, each with its proof."""
    shown = [(draw, bundle) for draw, bundle in items if bundle and draw.ceremony_inputs]
    if not shown:
        return
    heading(t("Latere lotingen"), 3)
    for draw, bundle in shown:
        when = long_date(draw.completed_on) if draw.completed_on else "?"
        if draw.purpose == "rotation":
            st.write(
                t(
                    "Op {datum} zijn {aantal} plaatsen opnieuw geloot. De leden die het "
                    "langst in de raad zaten, maakten plaats voor nieuwe leden. De "
                    "controlecode van vooraf:",
                    datum=when,
                    aantal=draw.seats,
                )
            )
            command = f"loting-{draw.draw_id}.json"
        else:
            who = (
                t("een lid dat stopte")
                if draw.seats == 1
                else t("{aantal} leden die stopten", aantal=draw.seats)
            )
            st.write(
                t(
                    "Op {datum} is geloot wie de plaats inneemt van {wie}. De nieuwe leden "
                    "komen uit de mensen die zich hadden aangemeld en nog niet waren "
                    "gekozen. Zo blijft de raad passen bij de afspraken over wie erin moeten "
                    "zitten. De controlecode van vooraf:",
                    datum=when,
                    wie=who,
                )
            )
            command = f"loting-{draw.draw_id}.json --parent loting-{council_draw_id}.json"
        _proof(draw, bundle, f"loting-{draw.draw_id}.json", command, announced)


def _proof(
    draw: DrawCounts | FollowUpDraw,
    bundle: str,
    file_name: str,
    command: str,
    announced: Announced | None = None,
) -> None:
    st.code(draw.commitment, language=None, wrap_lines=True)
    council_note(draw.draw_id, draw.commitment, (announced or {}).get(draw.draw_id))
    st.write(
        t(
            "In de openbare bijeenkomst noemden mensen in de zaal deze getallen: {invoer}. "
            "Die getallen hebben deze raad gekozen. Met dezelfde getallen komt er altijd "
            "dezelfde raad uit. Zo kan iedereen het nagaan.",
            invoer=", ".join(f"“{plain(value)}”" for value in draw.ceremony_inputs),
        )
    )
    public_download(
        t("Controlebestand downloaden"),
        lambda: bundle,
        file_name=file_name,
        mime="application/json",
        key=f"bundle-{draw.draw_id}",
    )
    st.caption(
        t(
            "In het bestand staan geen namen, nummers of kenmerken van aanmelders: alleen "
            "groepen van minstens {aantal} aanmelders en aantallen. Wie precies in de raad "
            "kwam, kijkt een onafhankelijke controleur (een notaris) na met het volledige "
            "bestand.",
            aantal=MIN_GROUP,
        )
    )
    with st.expander(t("Zelf narekenen op uw eigen computer")):
        st.write(
            t(
                "Voor wie kan programmeren: met het programma van Wijkraad (in Python) rekent "
                "u de loting na met dit commando:"
            )
        )
        st.code(f"python -m sortition verify {command}", language=None)


def _age_range(bands: tuple[str, ...]) -> str:
    """Neighbouring age bands as one range: "16 tot en met 44 jaar", "45 jaar en ouder"."""
    bounds = {name: (low, high) for name, low, high in AGE_BANDS}
    if any(b not in bounds for b in bands):
        return " + ".join(bands)
    low, high = bounds[bands[0]][0], bounds[bands[-1]][1]
    if high >= AGE_BANDS[-1][2]:
        return t("{van} jaar en ouder", van=low)
    return t("{van} tot en met {tot} jaar", van=low, tot=high)

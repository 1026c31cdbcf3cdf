"""Residents: the neighbourhoods side by side, per inhabitant and per year, and the money by
Iv3 taakveld, the classification of the municipal budget. Every chart has a table with the
same figures and a sentence that says what it shows. Names in a chart are HTML-escaped:
plotly reads tags in its labels."""

from decimal import Decimal
from html import escape

import pandas as pd
import streamlit as st

from dashboard import services
from dashboard.components import charts
from dashboard.components.headings import heading
from dashboard.components.public_cache import PublicReader
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.iv3 import Taakveld
from dashboard.domain.money import euro
from dashboard.domain.translatable import N_
from dashboard.i18n import language, t
from dashboard.services import comparison
from dashboard.services.comparison import Comparison, TaakveldLine, YearLine
from dashboard.web.app_state import store

st.title(t("Wijken vergelijken"))
st.write(
    t(
        "Hoeveel geld heeft elke wijk per inwoner, en waar gaat het naartoe? Hier ziet u de "
        "wijken naast elkaar, per jaar, en het geld verdeeld over de taakvelden van de "
        "gemeentebegroting. Alleen geld uit openbare besluiten telt mee."
    )
)

db = store()
read = PublicReader(db)
found: Comparison = read(comparison.comparison)
if not found.lines:
    st.info(t("Er zijn nog geen wijken of budgetten ingevoerd."))
    st.stop()

MEASURES = {
    "budget": N_("Budget per inwoner"),
    "allocated": N_("Besloten per inwoner"),
    "spent": N_("Uitgegeven per inwoner"),
}
measure = st.radio(
    t("Wat wilt u vergelijken?"),
    list(MEASURES),
    format_func=lambda m: t(MEASURES[m]),
    horizontal=True,
    key="vergelijk_maat",
)


def _label(line: TaakveldLine) -> str:
    return Taakveld(line.code, line.name, by_theme=False).label


def per_inhabitant(line: YearLine) -> float | None:
    value = line.per_inhabitant(getattr(line, str(measure)))
    return None if value is None else float(value)


heading(t(MEASURES[str(measure)]))
WIJK, JAAR = t("Wijk"), t("Jaar")
frame = pd.DataFrame(
    [
        {WIJK: escape(line.neighbourhood.name), JAAR: str(line.year), "euro": per_inhabitant(line)}
        for line in found.lines
    ]
)
st.plotly_chart(
    charts.amounts_chart(frame, WIJK, "euro", JAAR, t("Euro per inwoner"), language()),
    key="per_inwoner_grafiek",
)
years = found.years
latest = services.default_year(years)
shown = [line for line in found.lines if line.year == latest and per_inhabitant(line) is not None]
if shown:
    most = max(shown, key=lambda line: per_inhabitant(line) or 0)
    least = min(shown, key=lambda line: per_inhabitant(line) or 0)
    st.write(
        t(
            "In {jaar} het meest per inwoner: {hoogste} ({hoog}), het minst: {laagste} ({laag}). "
            "De tabel hieronder heeft dezelfde cijfers als de grafiek.",
            jaar=latest,
            hoogste=plain(most.neighbourhood.name),
            hoog=euro(most.per_inhabitant(getattr(most, str(measure))) or Decimal(0), language()),
            laagste=plain(least.neighbourhood.name),
            laag=euro(least.per_inhabitant(getattr(least, str(measure))) or Decimal(0), language()),
        )
    )
by_hood: dict[str, dict[int, YearLine]] = {}
for line in found.lines:
    by_hood.setdefault(line.neighbourhood.name, {})[line.year] = line
st.markdown(
    markdown_table(
        [t("Wijk"), t("Inwoners"), *(str(year) for year in years)],
        [
            [
                name,
                str(lines[max(lines)].inhabitants or "–"),
                *(
                    euro(value, language())
                    if year in lines
                    and (value := lines[year].per_inhabitant(getattr(lines[year], str(measure))))
                    is not None
                    else "–"
                    for year in years
                ),
            ]
            for name, lines in by_hood.items()
        ],
        align_right=set(range(1, len(years) + 2)),
    )
)
st.caption(
    t(
        "Per inwoner: het bedrag gedeeld door het aantal inwoners van de wijk (alle "
        "leeftijden) volgens de laatste telling tot en met dat jaar, of anders de eerste "
        "telling erna. Besloten: toegekend in een openbaar besluit. Uitgegeven: betaald voor "
        "die besluiten."
    )
)

heading(t("Geld per taakveld"))
st.write(
    t(
        "Elke gemeente deelt haar begroting in volgens dezelfde lijst van taakvelden (Iv3), "
        "zoals 6.1 Samenkracht en burgerparticipatie of 5.7 Openbaar groen en (openlucht) "
        "recreatie. Zo kunt u het geld van de wijkraden vergelijken met de rest van de "
        "begroting en met andere gemeenten."
    )
)
EVERY_YEAR, EVERY_HOOD = 0, ""
left, right = st.columns(2)
year = left.selectbox(
    t("Jaar"),
    [EVERY_YEAR, *sorted(years, reverse=True)],
    format_func=lambda y: t("Alle jaren") if y == EVERY_YEAR else str(y),
    key="taakveld_jaar",
)
hoods = {h.code: h for h in found.neighbourhoods()}
code = right.selectbox(
    t("Wijk"),
    [EVERY_HOOD, *hoods],
    format_func=lambda c: t("Alle wijken") if c == EVERY_HOOD else hoods[c].name,
    key="taakveld_wijk",
)
chosen_id = hoods[code].id if code else None
chosen_year = None if year == EVERY_YEAR else int(year)
lines = [
    line
    for line in found.taakvelden
    if (chosen_id is None or line.neighbourhood_id == chosen_id)
    and (chosen_year is None or line.year == chosen_year)
]
totals = Comparison(years, [], lines).totals_by_taakveld()
if not totals:
    st.info(t("Hier is nog geen geld toegekend."))
else:
    field_frame = pd.DataFrame(
        [{"taakveld": escape(_label(line)), "besloten": float(line.allocated)} for line in totals]
    )
    st.plotly_chart(
        charts.taakveld_chart(field_frame, "taakveld", "besloten", t("Besloten (€)"), language()),
        key="taakveld_grafiek",
    )
    whole = sum((line.allocated for line in totals), start=Decimal("0"))
    top = max(totals, key=lambda line: line.allocated)
    st.write(
        t(
            "Het meeste geld ging naar {taakveld}: {bedrag} van de {totaal} ({deel}%). De "
            "tabel hieronder heeft dezelfde cijfers als de grafiek.",
            taakveld=plain(_label(top)),
            bedrag=euro(top.allocated, language()),
            totaal=euro(whole, language()),
            deel=round(100 * top.allocated / whole) if whole else 0,
        )
    )
    st.markdown(
        markdown_table(
            [t("Taakveld"), t("Besloten"), t("Uitgegeven")],
            [
                [
                    t("{taakveld} ({aantal} projecten)", taakveld=_label(line),
                      aantal=line.projects),
                    euro(line.allocated, language()),
                    euro(line.spent, language()),
                ]
                for line in totals
            ],
            align_right={1, 2},
        )
    )  # fmt: skip
    st.write(
        t(
            "Van deze {projecten} projecten kregen er {via} het taakveld van hun thema (zie "
            "hieronder); de andere hebben een eigen taakveld.",
            projecten=sum(line.projects for line in totals),
            via=sum(line.by_theme for line in totals),
        )
    )
st.markdown("**" + t("Hoe komt een project bij een taakveld?") + "**")
st.write(
    t(
        "Bij een voorstel kan de organisatie het taakveld invullen; dan telt dat. Anders telt "
        "het taakveld van het thema van het project, volgens deze tabel (heeft een project "
        "meer thema's, dan het eerste uit de tabel)."
    )
)
st.markdown(
    markdown_table(
        [t("Thema"), t("Taakveld")],
        [[row.theme, row.taakveld or "–"] for row in read(comparison.theme_taakvelden)],
    )
)

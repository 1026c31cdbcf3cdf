"""Aldermen: every neighbourhood in one table and on a map, what is stuck or overspent,
how representative each council is, themes, and the bookings behind each figure;
exports for the gemeenteraad. Staff only (the services check the caller)."""

import pandas as pd
import streamlit as st

from dashboard import services
from dashboard.components import charts, monitor_tables
from dashboard.components.exports import csv_bytes, xlsx_bytes
from dashboard.components.monitor_tables import chosen_rows
from dashboard.components.public_cache import StaffReader
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.money import euro
from dashboard.services import monitor
from dashboard.services.monitor import Overspend, StalledProposal
from dashboard.web.app_state import store
from dashboard.web.session import current_caller
from sortition import clock


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX of a table, side by side; each file is made only when it is clicked."""
    left, right = st.columns(2)
    left.download_button(
        "Als CSV",
        lambda: csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        "Als Excel (XLSX)", lambda: xlsx_bytes(frame, name), file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore",
    )  # fmt: skip


st.title("Monitor alle wijken")
db = store()
caller = current_caller()
years = services.budget_years(db)
if not years:
    st.info("Er zijn nog geen budgetten ingevoerd.")
    st.stop()
left, right = st.columns(2)
year = left.selectbox("Jaar", years, index=years.index(services.default_year(years)), key="jaar")
weeks = right.number_input(
    "Vastgelopen: zonder voortgang sinds (weken)",
    min_value=1,
    max_value=260,
    value=monitor.DEFAULT_STALLED_WEEKS,
    step=1,
    key="weken",
    help="Een open voorstel zonder statuswijziging, afgeronde mijlpaal of betaling in "
    "zoveel weken telt als vastgelopen.",
)
today = clock.today()
read = StaffReader(db, caller)
try:
    view = read(monitor.monitor, year, int(weeks), today)
except PermissionDenied as refused:
    st.error(str(refused))
    st.stop()

allocated, spent = view.total("allocated"), view.total("spent")
money = st.columns(3)
money[0].metric("Budget", euro(view.total("budget")))
money[1].metric("Toegekend", euro(allocated))
money[2].metric("Uitgegeven", euro(spent))
counts = st.columns(3)
counts[0].metric("Besteed", f"{round(100 * spent / allocated)}%" if allocated > 0 else "–")
counts[1].metric("Vastgelopen voorstellen", len(view.stalled))
counts[2].metric("Overschrijdingen", len(view.overspends))
st.caption(
    f"Alle wijken samen in {year}. Toegekend telt ook besluiten die nog niet openbaar zijn "
    f"({euro(view.total('draft_allocated'))}); bewoners zien die pas na publicatie."
)

by_code = {line.neighbourhood.code: line for line in view.lines}
names = {line.neighbourhood.id: line.neighbourhood.name for line in view.lines}
ALL = ""  # the choice "all neighbourhoods" in the drill-down

# What each figure is made of, and which figure each column of the table shows.
FIGURES = {
    "boekingen": "Toegekend en uitgegeven: toekenningen en betalingen",
    "budget": "Budget: het geld dat binnenkwam",
    "toegekend": "Toegekend: de toekenningen van de besluiten",
    "concept": "Nog niet openbaar toegekend: toekenningen van conceptbesluiten",
    "uitgegeven": "Uitgegeven: de betalingen",
    "vastgelopen": "Vastgelopen voorstellen",
    "overschrijdingen": "Overschrijdingen",
    "doorlooptijden": "Besloten voorstellen en doorlooptijden",
}
COLUMN_FIGURE = {
    "Budget (€)": "budget", "Budget per inwoner (€)": "budget", "Toegekend (€)": "toegekend",
    "Nog niet openbaar toegekend (€)": "concept", "Uitgegeven (€)": "uitgegeven",
    "Uitgegeven per inwoner (€)": "uitgegeven", "Vastgelopen": "vastgelopen",
    "Overschrijdingen": "overschrijdingen", "Besloten voorstellen": "doorlooptijden",
    "Dagen voorstel → besluit": "doorlooptijden",
    "Dagen besluit → eerste betaling": "doorlooptijden",
    "Dagen eerste betaling → klaar": "doorlooptijden",
}  # fmt: skip


def behind(figure: str, line: monitor.NeighbourhoodLine | None, key: str) -> None:
    """The rows behind one figure of one neighbourhood (or, without a line, of all)."""
    where = "Alle wijken" if line is None else line.neighbourhood.name
    code = "alle-wijken" if line is None else line.neighbourhood.code
    hood = None if line is None else line.neighbourhood.id
    shown_names = names if line is None else None

    def amount(field: str) -> str:
        return euro(view.total(field) if line is None else getattr(line, field))

    def table(frame: pd.DataFrame, name: str, part: str) -> None:
        st.dataframe(
            frame, hide_index=True, column_config=monitor_tables.AMOUNT_COLUMNS, placeholder="—"
        )
        downloads(frame, f"{name}-{code}-{year}", f"{part}_{key}")

    if figure in ("vastgelopen", "overschrijdingen"):
        projects(figure, hood, where, key)
        return
    found = read(monitor.detail, hood, year)
    if figure == "budget":
        st.markdown(f"**{where}: budget {year}: {amount('budget')}** — het geld dat binnenkwam:")
        table(monitor_tables.budgets_frame(found.budgets, shown_names), "budgetten", "budget")
    if figure in ("boekingen", "toegekend"):
        st.markdown(
            f"**{where}: toegekend in {year}: {amount('allocated')}** — de toekenningen van "
            "de besluiten (correcties als tegenboeking):"
        )
        frame = monitor_tables.allocations_frame(found.allocations, shown_names)
        table(frame, "toekenningen", "toekenningen")
    if figure == "concept":
        st.markdown(
            f"**{where}: nog niet openbaar toegekend in {year}: {amount('draft_allocated')}** "
            "— toekenningen van besluiten die nog concept zijn:"
        )
        frame = monitor_tables.allocations_frame(found.draft_allocations, shown_names)
        table(frame, "concepttoekenningen", "concept")
    if figure in ("boekingen", "uitgegeven"):
        lead = "Uitgegeven" if figure == "boekingen" else f"{where}: uitgegeven"
        st.markdown(f"**{lead} in {year}: {amount('spent')}** — de betalingen:")
        table(monitor_tables.payments_frame(found.payments, shown_names), "betalingen",
              "betalingen")  # fmt: skip
    if figure == "doorlooptijden":
        st.markdown(
            f"**{where}: {len(found.decided)} voorstellen besloten in {year}** — de "
            "doorlooptijden in de tabel zijn de medianen van deze dagen:"
        )
        table(monitor_tables.decided_frame(found.decided, shown_names), "besloten", "besloten")


def projects(figure: str, hood: int | None, where: str, key: str) -> None:
    """Stalled proposals or overspent projects, and what happened to them."""
    if figure == "vastgelopen":
        stalled = [s for s in view.stalled if hood is None or s.neighbourhood_id == hood]
        st.markdown(
            f"**{where}: {len(stalled)} voorstellen zonder voortgang in {weeks} weken** "
            "(geen statuswijziging, afgeronde mijlpaal of betaling):"
        )
        frame = monitor_tables.stalled_frame(view, stalled)
        chosen: list[StalledProposal] | list[Overspend] = stalled
    else:
        over = [o for o in view.overspends if hood is None or o.neighbourhood_id == hood]
        st.markdown(f"**{where}: {len(over)} projecten met meer uitgegeven dan toegekend:**")
        frame = monitor_tables.overspend_frame(view, over)
        chosen = over
    if not chosen:
        return
    picked = st.dataframe(
        frame,
        hide_index=True,
        column_config=monitor_tables.AMOUNT_COLUMNS,
        on_select="rerun",
        selection_mode="multi-row",
        placeholder="—",
        key=f"{key}_lijst",
    )
    downloads(frame, f"{figure}-{year}", f"{figure}_{key}")
    rows = monitor_tables.chosen_rows(picked.selection.rows if picked else [], len(chosen))
    ids = tuple(chosen[i].proposal_id for i in rows) or tuple(c.proposal_id for c in chosen)
    st.caption(
        "Hieronder wat er met " + ("de gekozen voorstellen" if rows else "deze voorstellen")
        + " gebeurde, in alle jaren. Kies rijen (vakje links) om er minder te zien."
    )  # fmt: skip
    history(ids, key)


def history(proposal_ids: tuple[int, ...], key: str) -> None:
    found = read(monitor.trail, proposal_ids)
    refs = {a.proposal_id: a.external_ref for a in found.allocations}
    refs |= {s.proposal_id: s.external_ref for s in view.stalled}
    refs |= {o.proposal_id: o.external_ref for o in view.overspends}
    parts = [
        ("Statuswijzigingen", monitor_tables.steps_frame(found.steps, refs), "status"),
        ("Toekenningen", monitor_tables.allocations_frame(found.allocations, names), "toek"),
        ("Betalingen", monitor_tables.payments_frame(found.payments, names), "bet"),
    ]
    for title, frame, part in parts:
        st.markdown(f"**{title}** ({len(frame)})")
        if not frame.empty:
            st.dataframe(
                frame, hide_index=True, column_config=monitor_tables.AMOUNT_COLUMNS,
                placeholder="—",
            )  # fmt: skip
            downloads(frame, f"{part}-voorstellen", f"{part}_{key}")


NO_HOOD = ""  # the drill-down's list before a neighbourhood is chosen


def neighbourhoods_tab() -> None:
    """The table of every neighbourhood; a click on a figure shows what it is made of."""
    table = monitor_tables.neighbourhood_frame(view)
    group = st.segmented_control(
        "Kolommen",
        list(monitor_tables.COLUMN_GROUPS),
        default="Kern",
        required=True,
        key="wijken_kolommen",
        help="De tabel heeft 16 kolommen; kies welke u ziet. De download heeft ze allemaal.",
    )
    chosen = st.dataframe(
        table,
        hide_index=True,
        column_order=monitor_tables.COLUMN_GROUPS[str(group or "Kern")],
        column_config=monitor_tables.neighbourhood_columns(),
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        placeholder="—",
        key="wijken_tabel",
    )
    st.caption(
        "Besteed: uitgegeven als deel van toegekend. Doorlooptijden: de mediaan in dagen "
        f"van de voorstellen waarover in {year} is besloten (voorstel → besluit → eerste "
        "betaling → klaar); — : geen besloten voorstellen. Klik op een cijfer om te zien "
        "waar het uit bestaat (de toekenningen, betalingen, budgetten of voorstellen "
        "erachter), of kies een rij (vakje links) voor alle boekingen van de wijk. Met het "
        "toetsenbord: Tab naar de tabel, dan kiezen de pijltjestoetsen een cijfer (Home: de "
        "naam van de wijk, alle boekingen); of kies hieronder een wijk en een cijfer."
    )
    downloads(table, f"wijken-{year}", "wijken")
    selection = chosen.selection if chosen else None
    cells = [
        c
        for c in (selection.get("cells", []) if selection else [])
        if isinstance(c, list | tuple) and len(c) == 2 and chosen_rows([c[0]], len(table))
    ]
    rows = chosen_rows(selection.get("rows", []) if selection else [], len(table))
    clicked = repr((cells[:1], rows[:1]))
    if st.session_state.get("wijken_klik") != clicked:
        # A click in the table (or its undoing) moves the two lists below; a choice made
        # in the lists stays until the next click.
        st.session_state["wijken_klik"] = clicked
        if cells:
            row, column = cells[0]
            st.session_state["wijken_wijk"] = str(table.iloc[int(row)]["Code"])
            st.session_state["wijken_cijfer"] = COLUMN_FIGURE.get(str(column), "boekingen")
        elif rows:
            st.session_state["wijken_wijk"] = str(table.iloc[rows[0]]["Code"])
            st.session_state["wijken_cijfer"] = "boekingen"
        else:
            st.session_state["wijken_wijk"] = NO_HOOD
    left, right = st.columns(2)
    picked = left.selectbox(
        "Wijk",
        [NO_HOOD, *by_code],
        format_func=lambda c: "Kies een wijk" if c == NO_HOOD else by_code[c].neighbourhood.name,
        key="wijken_wijk",
    )
    figure_picked = right.selectbox(
        "Cijfer", list(FIGURES), format_func=FIGURES.__getitem__, key="wijken_cijfer"
    )
    if picked != NO_HOOD:
        behind(figure_picked, by_code[picked], "cel")


def map_tab() -> None:
    """Every neighbourhood on the map, coloured by the share of its money spent."""
    st.plotly_chart(charts.execution_map(view.lines, view.points), key="kaart")
    st.caption(
        "Kleur: het deel van het toegekende geld dat is uitgegeven (donkerder is meer; de "
        "tabel *Wijken* geeft dezelfde cijfers). Punten: projecten met een plek."
    )


def stalled_tab() -> None:
    """Proposals without progress and projects that spent more than they were given."""
    st.subheader(f"{len(view.stalled)} voorstellen zonder voortgang in {weeks} weken")
    projects("vastgelopen", None, "Alle wijken", "tab_vast")
    st.subheader(f"{len(view.overspends)} projecten met meer uitgegeven dan toegekend")
    projects("overschrijdingen", None, "Alle wijken", "tab_over")


def representation_tab() -> None:
    """How each council compares with its neighbourhood, and who said yes at its draw."""
    councils = read(monitor.representation, today)
    council_table = monitor_tables.council_frame(councils)
    st.dataframe(council_table, hide_index=True, placeholder="—")
    st.caption(
        "Index = 100 × (1 − gemiddelde afstand). Per kenmerk (leeftijd, geslacht, opleiding, "
        "woning, deel van de wijk) is de afstand ½ × de som over de groepen van |aandeel in "
        "de raad − aandeel in de wijk|: 0 is dezelfde verdeling, 1 geen enkele overlap. De "
        "raad: de gelote leden die nu zitten; de wijk: inwoners van 16 jaar en ouder bij "
        "leeftijd en opleiding, anders alle inwoners. Zonder gelote leden die nu zitten "
        "(termijn afgelopen, iedereen gestopt) is er geen index; *Raad nu* zegt waarom. "
        "Ja (%): deel van de uitgenodigden dat ja zei bij de laatste loting, per "
        "leeftijdsgroep op de dag van de loting."
    )
    downloads(council_table, "representativiteit", "raden")
    st.subheader("Wie zei ja bij de laatste loting?")
    st.caption(
        "Per groep: hoeveel mensen een uitnodiging kregen en hoeveel ja zeiden. Groepen die "
        "minder vaak ja zeggen, verdienen bij de volgende loting extra uitnodigingen of een "
        "huisbezoek."
    )
    responses = monitor_tables.response_frame(councils)
    st.dataframe(responses, hide_index=True, placeholder="—")
    downloads(responses, "respons-per-groep", "respons")


def themes_tab() -> None:
    """Money allocated per theme and year."""
    themes = read(monitor.themes)
    by_year = monitor_tables.theme_years_frame(themes)
    if by_year.empty:
        st.info("Er is nog geen geld toegekend aan projecten met een thema.")
    else:
        st.plotly_chart(charts.theme_years_chart(by_year), key="themas")
        st.caption(
            "Toegekend geld per thema en jaar, alle wijken samen. Een project met meer "
            "thema's telt bij elk thema mee. Dezelfde cijfers als tabel:"
        )
        st.dataframe(by_year, hide_index=True, placeholder="—")
        st.markdown("**Aantal initiatieven met geld, per thema en jaar**")
        st.dataframe(
            monitor_tables.theme_years_frame(themes, count=True), hide_index=True, placeholder="—"
        )
        st.subheader(f"Per wijk in {year}")
        per_hood = monitor_tables.theme_neighbourhoods_frame(themes, view, year)
        st.dataframe(per_hood, hide_index=True, placeholder="—")
        downloads(per_hood, f"themas-{year}", "themas")


def detail_tab() -> None:
    """Any figure of the monitor with the rows behind it."""
    st.write(
        "Elk cijfer van de monitor met de rijen waar het uit bestaat: kies een wijk (of alle "
        "wijken: de totalen bovenaan) en een cijfer."
    )
    left, right = st.columns(2)
    code = left.selectbox(
        "Wijk",
        [*by_code, ALL],
        format_func=lambda c: "Alle wijken" if c == ALL else by_code[c].neighbourhood.name,
        key="detail_wijk",
    )
    figure = right.selectbox(
        "Cijfer", list(FIGURES), format_func=FIGURES.__getitem__, key="detail_cijfer"
    )
    behind(figure, None if code == ALL else by_code[code], "tab")


# Only the open tab runs (a click on another reruns the page): the first view of the monitor
# does not wait for the representativeness, the themes and the map.
SHOW = (neighbourhoods_tab, map_tab, stalled_tab, representation_tab, themes_tab, detail_tab)
tabs = st.tabs(list(monitor_tables.TABS), key=monitor_tables.TAB_KEY, on_change="rerun")
for tab, show in zip(tabs, SHOW, strict=True):
    if tab.open:
        with tab:
            show()

"""The monitor's tables as DataFrames: numbers stay numbers (sortable, exportable)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.components.format import SOURCE_NAMES
from dashboard.services.monitor import (
    AllocationLine,
    BudgetLine,
    CouncilLine,
    DecidedProposal,
    MonitorView,
    Overspend,
    PaymentLine,
    StalledProposal,
    StatusStep,
    ThemeMoney,
)

NEIGHBOURHOOD_COLUMNS = {
    "Budget (€)": st.column_config.NumberColumn(format="euro"),
    "Toegekend (€)": st.column_config.NumberColumn(format="euro"),
    "Uitgegeven (€)": st.column_config.NumberColumn(format="euro"),
    "Besteed (%)": st.column_config.NumberColumn(format="%d%%"),
    "Budget per inwoner (€)": st.column_config.NumberColumn(format="euro"),
    "Uitgegeven per inwoner (€)": st.column_config.NumberColumn(format="euro"),
    "Nog niet openbaar toegekend (€)": st.column_config.NumberColumn(format="euro"),
}


# The neighbourhoods table has 16 columns; at 1366 pixels wide they do not fit next to the
# sidebar. The table shows one group of them at a time (the whole table is still what the
# export holds), the neighbourhood's name pinned to the left; "Kern" has what an alderman
# looks for first: what was spent, stalled items, overspends and lead times (eight columns
# that fit next to the sidebar at 1366 pixels).
# The monitor's tabs, in order, and the session key of the open one (only it runs).
TAB_KEY = "monitor_tabblad"
TABS = ("Wijken", "Kaart", "Vastgelopen en overschrijdingen", "Representativiteit", "Thema's",
        "Achter de cijfers")  # fmt: skip

COLUMN_GROUPS: dict[str, list[str]] = {
    "Kern": [
        "Wijk", "Uitgegeven (€)", "Besteed (%)", "Vastgelopen", "Overschrijdingen",
        "Dagen voorstel → besluit", "Dagen besluit → eerste betaling",
        "Dagen eerste betaling → klaar",
    ],
    "Geld": [
        "Wijk", "Budget (€)", "Toegekend (€)", "Nog niet openbaar toegekend (€)",
        "Uitgegeven (€)", "Besteed (%)",
    ],
    "Per inwoner": ["Wijk", "Inwoners", "Budget per inwoner (€)", "Uitgegeven per inwoner (€)"],
    "Voortgang en doorlooptijden": [
        "Wijk", "Vastgelopen", "Overschrijdingen", "Besloten voorstellen",
        "Dagen voorstel → besluit", "Dagen besluit → eerste betaling",
        "Dagen eerste betaling → klaar",
    ],
    "Alle kolommen": [
        "Code", "Wijk", "Inwoners", "Budget (€)", "Toegekend (€)", "Uitgegeven (€)",
        "Besteed (%)", "Budget per inwoner (€)", "Uitgegeven per inwoner (€)",
        "Nog niet openbaar toegekend (€)", "Vastgelopen", "Overschrijdingen",
        "Besloten voorstellen", "Dagen voorstel → besluit", "Dagen besluit → eerste betaling",
        "Dagen eerste betaling → klaar",
    ],
}  # fmt: skip
# Shorter headings for the long ones (the column keeps its name in the export).
SHORT_LABELS = {
    "Nog niet openbaar toegekend (€)": "Concept toegekend (€)",
    "Dagen voorstel → besluit": "Dagen tot besluit",
    "Dagen besluit → eerste betaling": "Dagen tot betaling",
    "Dagen eerste betaling → klaar": "Dagen tot klaar",
    "Besloten voorstellen": "Besloten",
    "Budget per inwoner (€)": "Budget per inwoner",
    "Uitgegeven per inwoner (€)": "Uitgegeven per inwoner",
}


def neighbourhood_columns() -> dict[str, Any]:
    """The column settings of the neighbourhoods table: number formats, the short headings
    (with the full name as help) and the neighbourhood's name pinned."""
    settings: dict[str, Any] = {"Wijk": st.column_config.TextColumn("Wijk", pinned=True)}
    for name in COLUMN_GROUPS["Alle kolommen"]:
        if name in ("Code", "Wijk"):
            continue
        label = SHORT_LABELS.get(name, name)
        help_text = name if label != name else None
        base = NEIGHBOURHOOD_COLUMNS.get(name)
        fmt = "euro" if base is not None and "€" in name else None
        if name == "Besteed (%)":
            fmt = "%d%%"
        settings[name] = st.column_config.NumberColumn(label, help=help_text, format=fmt)
    return settings


# Amounts in the tables behind the figures, always with their cents (€ 1.234,50 in a Dutch
# browser; "localized" dropped a last zero: 67.292,3).
AMOUNT_COLUMNS = {
    name: st.column_config.NumberColumn(format="euro")
    for name in ("Bedrag (€)", "Toegekend (€)", "Uitgegeven (€)", "Te veel (€)")
}


def neighbourhood_frame(view: MonitorView) -> pd.DataFrame:
    rows = []
    for line in view.lines:
        rate = line.execution_rate
        budget_pp = line.per_inhabitant(line.budget)
        spent_pp = line.per_inhabitant(line.spent)
        rows.append(
            {
                "Code": line.neighbourhood.code,
                "Wijk": line.neighbourhood.name,
                "Inwoners": line.inhabitants,
                "Budget (€)": float(line.budget),
                "Toegekend (€)": float(line.allocated),
                "Uitgegeven (€)": float(line.spent),
                "Besteed (%)": None if rate is None else round(100 * rate),
                "Budget per inwoner (€)": None if budget_pp is None else float(budget_pp),
                "Uitgegeven per inwoner (€)": None if spent_pp is None else float(spent_pp),
                "Nog niet openbaar toegekend (€)": float(line.draft_allocated),
                "Vastgelopen": line.stalled,
                "Overschrijdingen": line.overspent,
                "Besloten voorstellen": line.lead.decided if line.lead else 0,
                "Dagen voorstel → besluit": _days(line.lead.to_decision if line.lead else None),
                "Dagen besluit → eerste betaling": _days(
                    line.lead.to_first_payment if line.lead else None
                ),
                "Dagen eerste betaling → klaar": _days(line.lead.to_done if line.lead else None),
            }
        )
    return pd.DataFrame(rows)


def stalled_frame(view: MonitorView, rows: list[StalledProposal] | None = None) -> pd.DataFrame:
    """The stalled proposals (all, or the given ones)."""
    names = {line.neighbourhood.id: line.neighbourhood.name for line in view.lines}
    return pd.DataFrame(
        [
            {
                "Kenmerk": s.external_ref,
                "Voorstel": s.title,
                "Wijk": names.get(s.neighbourhood_id, ""),
                "Status": s.status,
                "Laatste voortgang": s.last_activity,
            }
            for s in (view.stalled if rows is None else rows)
        ]
    )


def overspend_frame(view: MonitorView, rows: list[Overspend] | None = None) -> pd.DataFrame:
    """The overspent projects (all, or the given ones)."""
    names = {line.neighbourhood.id: line.neighbourhood.name for line in view.lines}
    return pd.DataFrame(
        [
            {
                "Kenmerk": o.external_ref,
                "Project": o.title,
                "Wijk": names.get(o.neighbourhood_id, ""),
                "Toegekend (€)": float(o.allocated),
                "Uitgegeven (€)": float(o.spent),
                "Te veel (€)": float(o.spent - o.allocated),
            }
            for o in (view.overspends if rows is None else rows)
        ]
    )


def chosen_rows(rows: object, length: int) -> list[int]:
    """The row numbers a table's selection names that are rows of the table (a selection
    comes from the browser and may name anything)."""
    if not isinstance(rows, list | tuple):
        return []
    return [r for r in rows if isinstance(r, int) and not isinstance(r, bool) and 0 <= r < length]


def _days(value: float | None) -> int | None:
    return None if value is None else round(value)


FEATURE_NAMES = {
    "age_band": "leeftijd",
    "gender": "geslacht",
    "education": "opleiding",
    "tenure": "woning",
    "part": "deel van de wijk",
}
BANDS = ("16-24", "25-44", "45-64", "65+")


def council_frame(lines: list[CouncilLine]) -> pd.DataFrame:
    rows = []
    for line in lines:
        row: dict[str, object] = {
            "Wijkraad": line.council.name,
            "Wijk": ", ".join(line.neighbourhoods),
            "Gelote leden": line.drawn,
            "Raad nu": line.standing or "Zit",
            "Index (0-100)": None if line.index is None else round(line.index),
        }
        for feature, name in FEATURE_NAMES.items():
            distance = line.distances.get(feature)
            # a whole number (0-100): no decimal point that a Dutch reader takes for thousands
            row[f"Afstand {name} (0-100)"] = None if distance is None else round(100 * distance)
        row["Loting"] = {"direct": "huisbezoek", "two_stage": "brief"}.get(
            line.method or "", line.method or ""
        )
        row["Uitgenodigd"] = line.total_invited()
        row["Ja (%)"] = _percent(line.response_rate())
        for band in BANDS:
            row[f"Ja {band} (%)"] = _percent(line.response_rate("age_band", band))
        rows.append(row)
    return pd.DataFrame(rows)


def _percent(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def theme_years_frame(rows: list[ThemeMoney], count: bool = False) -> pd.DataFrame:
    """Allocated money (or the number of initiatives) per year (rows) and theme
    (columns), all neighbourhoods together."""
    frame = pd.DataFrame(
        [{"Jaar": r.year, "Thema": r.theme,
          "Waarde": r.projects if count else float(r.allocated)} for r in rows]
    )  # fmt: skip
    if frame.empty:
        return frame
    return frame.pivot_table(
        index="Jaar", columns="Thema", values="Waarde", aggfunc="sum", fill_value=0
    ).reset_index()


def theme_neighbourhoods_frame(
    rows: list[ThemeMoney], view: MonitorView, year: int
) -> pd.DataFrame:
    """Allocated money per neighbourhood (rows) and theme (columns) in one year."""
    names = {line.neighbourhood.id: line.neighbourhood.name for line in view.lines}
    frame = pd.DataFrame(
        [
            {"Wijk": names.get(r.neighbourhood_id, "?"), "Thema": r.theme,
             "Toegekend (€)": float(r.allocated)}
            for r in rows
            if r.year == year
        ]
    )  # fmt: skip
    if frame.empty:
        return frame
    return frame.pivot_table(
        index="Wijk", columns="Thema", values="Toegekend (€)", aggfunc="sum", fill_value=0
    ).reset_index()


def allocations_frame(
    rows: list[AllocationLine], names: dict[int, str] | None = None
) -> pd.DataFrame:
    """Allocations; with `names`, the neighbourhood of each (for all neighbourhoods)."""
    return pd.DataFrame(
        [
            {**_where(a.neighbourhood_id, names),
             "Geboekt": a.booked_on, "Kenmerk": a.external_ref, "Project": a.title,
             "Bedrag (€)": float(a.amount), "Budgetjaar": a.budget_year,
             "Besluit": a.decision_id, "Besloten op": a.decided_on,
             "Openbaar": "ja" if a.decision_status == "gepubliceerd" else "nee (concept)",
             "Correctie van": a.reverses_id}
            for a in rows
        ]
    )  # fmt: skip


def payments_frame(rows: list[PaymentLine], names: dict[int, str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {**_where(p.neighbourhood_id, names),
             "Geboekt": p.booked_on, "Referentie": p.reference, "Kenmerk": p.external_ref,
             "Project": p.title, "Bedrag (€)": float(p.amount), "Budgetjaar": p.budget_year,
             "Omschrijving": p.description, "Correctie van": p.reverses_id}
            for p in rows
        ]
    )  # fmt: skip


def budgets_frame(rows: list[BudgetLine], names: dict[int, str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {**_where(b.neighbourhood_id, names),
             "Bron": SOURCE_NAMES.get(b.source, b.source), "Omschrijving": b.description,
             "Bedrag (€)": float(b.amount),
             "Overgeheveld": "ja" if b.carried_from_id is not None else "nee"}
            for b in rows
        ]
    )  # fmt: skip


def decided_frame(rows: list[DecidedProposal], names: dict[int, str] | None = None) -> pd.DataFrame:
    """The proposals behind the lead times, with each step's date and days."""

    def days(start: date | None, end: date | None) -> int | None:
        return None if start is None or end is None else (end - start).days

    return pd.DataFrame(
        [
            {**_where(d.neighbourhood_id, names),
             "Kenmerk": d.external_ref, "Voorstel": d.title, "Ingediend": d.submitted,
             "Besloten": d.decided, "Eerste betaling": d.first_payment, "Klaar": d.done,
             "Dagen voorstel → besluit": days(d.submitted, d.decided),
             "Dagen besluit → eerste betaling": days(d.decided, d.first_payment),
             "Dagen eerste betaling → klaar": days(d.first_payment, d.done)}
            for d in rows
        ]
    )  # fmt: skip


def steps_frame(steps: list[StatusStep], refs: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Kenmerk": refs.get(s.proposal_id, ""), "Datum": s.changed_on,
             "Van": s.from_status or "", "Naar": s.to_status}
            for s in steps
        ]
    )  # fmt: skip


def _where(neighbourhood_id: int, names: dict[int, str] | None) -> dict[str, str]:
    return {} if names is None else {"Wijk": names.get(neighbourhood_id, "?")}


def response_frame(lines: list[CouncilLine]) -> pd.DataFrame:
    """Invited, yes and the share saying yes per council, feature and group."""
    return pd.DataFrame(
        [
            {"Wijkraad": line.council.name, "Kenmerk": FEATURE_NAMES.get(feature, feature),
             "Groep": line.group_name(feature, group), "Uitgenodigd": invited,
             "Ja": line.said_yes.get((feature, group), 0),
             "Ja (%)": _percent(line.response_rate(feature, group))}
            for line in lines
            for (feature, group), invited in sorted(line.invited.items())
        ]
    )  # fmt: skip

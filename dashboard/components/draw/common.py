"""What the draw steps share: step names, plain words for groups, number formats."""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.components.exports import csv_bytes
from dashboard.components.labels import FEATURE, GROUP, label
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services.draws.context import ANSWER_LABELS, Answers

STEPS = {
    1: N_("Raad en loting"),
    2: N_("Bevolkingsregister"),
    3: N_("Uitnodigen"),
    4: N_("Aanmeldingen"),
    5: N_("Quota"),
    6: N_("Selectie"),
    7: N_("Openbare trekking"),
    8: N_("Leden en vervanging"),
}
# The direct method has home visits where the two-stage method has registrations.
DIRECT_STEPS = {**STEPS, 4: N_("Huisbezoeken")}
FEATURES = {**FEATURE, "origin": N_("Herkomst")}
METHOD_NAMES = {
    "two_stage": N_("Twee stappen: brieven, aanmelden, selectie met quota"),
    "direct": N_("Direct: huisbezoeken, elke weigering vervangen uit dezelfde groep"),
}
OUTCOME_NAMES = {
    "ja": N_("Ja"),
    "nee": N_("Nee"),
    "later": N_("Later terugkomen"),
    "niet thuis": N_("Niet thuis"),
}
# The registration questions (as in ANSWER_LABELS) as the form's labels.
ANSWER_NAMES = {
    "age_band": N_("Leeftijd"),
    "gender": N_("Geslacht"),
    "education": N_("Opleiding"),
    "tenure": N_("Woonsituatie"),
    "part_code": N_("Buurt"),
    "origin": N_("Herkomst"),
}


def feature_name(feature: str) -> str:
    return label(FEATURES, feature)


def group_name(value: str) -> str:
    return label(GROUP, value)


NOT_ASKED = ""


def _answer_name(shown: dict[str, str], value: str) -> str:
    return group_name(shown[value]) if value else t("— niet gevraagd —")


def answer_fields(prefix: str, options: dict[str, dict[str, str]]) -> Answers:
    """The registration questions (a registration, or a yes at the door); each may stay
    empty (then the register's value counts). `options`: per question, the accepted
    values with how each reads (a buurt by its name)."""
    values: dict[str, str | None] = {}
    cols = st.columns(3)
    for n, key in enumerate(ANSWER_LABELS):
        chosen = cols[n % 3].selectbox(
            t(ANSWER_NAMES[key]),
            [NOT_ASKED, *options[key]],
            format_func=partial(_answer_name, options[key]),
            key=f"{prefix}_{key}",
        )
        values[key] = chosen or None
    return Answers(**values)


def percent(value: float | None, digits: int = 0) -> str:
    """12,5% the Dutch way; an empty cell reads as a dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * value:.{digits}f}%".replace(".", ",")


def step_label(number: int, done: bool, method: str = "two_stage") -> str:
    mark = "✓ " if done else ""
    names = DIRECT_STEPS if method == "direct" else STEPS
    return f"{mark}{number}. {t(names[number])}"


_GO_TO = "_draw_go_to_step"


def go_to(draw_id: int, step: int) -> None:
    """Open `step` at the next run (after a step's success message)."""
    st.session_state[_GO_TO] = (draw_id, step)


def pending_step(draw_id: int) -> int | None:
    wanted = st.session_state.pop(_GO_TO, None)
    return wanted[1] if wanted and wanted[0] == draw_id else None


CHOSEN = "loting_gekozen"
PROJECTOR = "projector"


def open_draw(draw_id: int, step: int | None = None) -> None:
    """Show another draw (at `step`) at the next run."""
    st.session_state[CHOSEN] = draw_id
    if step is not None:
        go_to(draw_id, step)
    st.rerun()


def projector_mode() -> bool:
    """The ceremony alone, for the projector: `?scherm=projector` in the address."""
    return st.query_params.get("scherm") == PROJECTOR


def document_downloads(
    labels: tuple[str, str], html: str, table: pd.DataFrame, name: str, key: str
) -> None:
    """A document with names side by side as a page to print and as CSV (letters, a
    walking list). Made and audited in the run that shows them; clicking reruns nothing."""
    c1, c2 = st.columns(2)
    c1.download_button(labels[0], html.encode("utf-8"), file_name=f"{name}.html",
                       mime="text/html", key=f"{key}_html", on_click="ignore")  # fmt: skip
    c2.download_button(labels[1], csv_bytes(table), file_name=f"{name}.csv",
                       mime="text/csv", key=f"{key}_csv", on_click="ignore")  # fmt: skip

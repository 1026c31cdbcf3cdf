"""Step 4: registrations on the letters (a form and a CSV import), or home visits with
replacements (direct method); and how each group responds compared with the
neighbourhood."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw import visits_step
from dashboard.components.draw.charts import groups_chart
from dashboard.components.draw.common import (
    OUTCOME_NAMES,
    answer_fields,
    feature_name,
    group_name,
    percent,
)
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain.auth import Caller
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws.workspace import DrawState


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    direct = ctx.draw.method == "direct"
    st.subheader(t("Stap 4. Huisbezoeken") if direct else t("Stap 4. Aanmeldingen"))
    if not state.invitations:
        st.info(t("Loot eerst de uitnodigingen (stap 3)."))
        return
    c = st.columns(4)
    c[0].metric(t("Uitnodigingen"), state.invitations)
    c[1].metric(t("Antwoorden"), state.answers)
    c[2].metric(t("Ja, doet mee"), state.volunteers)
    c[3].metric(t("Zetels"), ctx.k)
    if direct:
        visits_step.render(db, caller, state)
    else:
        _registrations(db, caller, state)
    _by_group(db, caller, state)


def _registrations(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    choices = draw_answers.answer_choices(db, caller, draw_id)
    with st.form(form_key(f"aanmelding_{draw_id}")):
        st.markdown(t("**Aanmelding vastleggen**"))
        c1, c2 = st.columns(2)
        code = c1.text_input(t("Code uit de brief"), placeholder="K7QM-2XHD")
        outcome = c2.radio(t("Doet mee?"), ["ja", "nee"], horizontal=True,
                           format_func=lambda o: t(OUTCOME_NAMES[o]))  # fmt: skip
        answers = answer_fields(f"aanmelding_{draw_id}", choices)
        sent = st.form_submit_button(t("Aanmelding vastleggen"))
    if sent and first_submission("aanmelding"):
        attempt(
            lambda: draw_answers.record_registration(db, caller, draw_id, code, outcome, answers),
            t("De aanmelding is vastgelegd."),
            lambda r: (
                " ".join(r.changes)
                or (None if r.added else t("Deze aanmelding was al vastgelegd."))
            ),
        )
    st.markdown(t("**Aanmeldingen inlezen (CSV)**"))
    st.caption(
        t("Kolommen: code, antwoord (ja of nee), en als u ze heeft: leeftijd, geslacht, "
          "opleiding, woonsituatie, buurt, herkomst. Eén foute regel: er wordt niets opgeslagen.")
    )  # fmt: skip
    uploaded = st.file_uploader(t("Bestand met aanmeldingen (CSV)"), type=["csv", "txt"],
                                key=f"aanmeldingen_{draw_id}")  # fmt: skip
    if uploaded is not None and st.button(t("Aanmeldingen inlezen"), key=f"inlezen_{draw_id}"):
        data = uploaded.getvalue()
        attempt(
            lambda: draw_answers.import_registrations(db, caller, draw_id, data),
            t("De aanmeldingen zijn ingelezen."),
            lambda r: " ".join(
                ([t("{nieuw} nieuw; {bekend} waren al vastgelegd en zijn overgeslagen.",
                    nieuw=r.added, bekend=r.already_known)] if r.already_known else [])
                + list(r.changes)
            ) or None,
        )  # fmt: skip


def _by_group(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    table = draw_answers.response_by_group(db, caller, draw_id)
    if table.empty:
        return
    st.markdown(t("**Per groep, vergeleken met de wijk**"))
    direct = state.context.draw.method == "direct"
    feature = st.radio(
        t("Groepskenmerk"), list(dict.fromkeys(table["feature"])), horizontal=True,
        format_func=feature_name, key=f"kenmerk_{draw_id}",
    )  # fmt: skip
    rows = table[table["feature"] == feature]
    shares = rows.rename(
        columns={"neighbourhood_share": "neighbourhood", "volunteer_share": "volunteers"}
    )
    st.plotly_chart(
        groups_chart(shares[["value", "neighbourhood", "volunteers"]]),
        width="stretch",
        key=f"grafiek_{draw_id}",
    )
    shown = pd.DataFrame(
        {
            t("Groep"): rows["value"].map(group_name),
            t("Inwoners"): rows["eligible"],
            t("Aandeel in de wijk"): rows["neighbourhood_share"].map(percent),
            t("Uitgenodigd"): rows["invited"],
            t("Ja"): rows["yes"],
            t("Respons"): rows["response_rate"].map(lambda v: percent(v, 1)),
            t("Aandeel van de aanmeldingen"): rows["volunteer_share"].map(percent),
        }
    )
    if direct:
        shown[t("Nee")] = rows["no"].to_numpy()
        shown[t("Niet thuis")] = rows["not_home"].to_numpy()
        shown[t("Weigering")] = rows["refusal_rate"].map(percent).to_numpy()
    st.dataframe(shown, hide_index=True, width="stretch")

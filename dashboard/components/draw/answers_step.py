"""Step 4: registrations on the letters (a form and a CSV import, next to those residents
send online with their code), or home visits with replacements (direct method); and how
each group responds compared with the neighbourhood."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.clock import local_moment
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
        _received(db, caller, state)
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


def _received(db: Store, caller: Caller, state: DrawState) -> None:
    """The answers that count per letter, those sent online next to those recorded here."""
    found = draw_answers.registration_list(db, caller, state.context.draw.id)
    st.markdown(t("**Binnengekomen antwoorden**"))
    st.caption(
        t("Bewoners melden zich ook zelf aan op de website, met de code uit hun brief; dat "
          "staat hieronder als online. Tot de controlecode (stap 6) kunnen ze hun aanmelding "
          "daar wijzigen of intrekken.")
    )  # fmt: skip
    if found.rows.empty:
        st.info(t("Er zijn nog geen antwoorden."))
        return
    online, form = draw_answers.ONLINE, draw_answers.FORM
    c = st.columns(2)
    c[0].metric(t("Online"), found.answers[online],
                help=t("Antwoorden die bewoners zelf op de website gaven."))  # fmt: skip
    c[1].metric(t("Formulier"), found.answers[form],
                help=t("Antwoorden die de organisatie hier vastlegde."))  # fmt: skip
    st.caption(
        t("Daarvan ja: {online} online en {formulier} via het formulier.",
          online=found.yes[online], formulier=found.yes[form])
    )  # fmt: skip
    rows = found.rows
    via = {online: t("online"), form: t("formulier")}
    st.dataframe(
        pd.DataFrame(
            {
                t("Code"): rows["code"],
                t("Antwoord"): rows["outcome"].map(lambda o: t(OUTCOME_NAMES[str(o)])),
                t("Via"): rows["via"].map(via),
                t("Vastgelegd"): rows["answered_at"].map(local_moment),
                t("Bevestigingsnummer"): rows["confirmation"],
                t("Gewijzigd"): rows["changed"].map(lambda c: t("ja") if c else ""),
            }
        ),
        hide_index=True,
        width="stretch",
    )


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

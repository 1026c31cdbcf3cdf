"""Step 4: registrations on the letters (a form and a CSV import), or home visits with
replacements (direct method); and how each group responds compared with the
neighbourhood."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw.charts import groups_chart
from dashboard.components.draw.common import OUTCOME_NAMES, feature_name, group_name, percent
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain.auth import Caller
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws.context import ANSWER_LABELS, Answers
from dashboard.services.draws.workspace import DrawState

NOT_ASKED = ""


def _answer_fields(prefix: str, options: dict[str, tuple[str, ...]]) -> Answers:
    """The registration questions; each may stay empty (then the register's value counts)."""
    values: dict[str, str | None] = {}
    cols = st.columns(3)
    for n, key in enumerate(ANSWER_LABELS):
        chosen = cols[n % 3].selectbox(
            t(ANSWER_LABELS[key].capitalize()),
            [NOT_ASKED, *options[key]],
            format_func=lambda v: group_name(v) if v else t("— niet gevraagd —"),
            key=f"{prefix}_{key}",
        )
        values[key] = chosen or None
    return Answers(**values)


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
        _visits(db, caller, state)
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
        answers = _answer_fields(f"aanmelding_{draw_id}", choices)
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


def _visits(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    visits = draw_invitations.visit_list(db, caller, draw_id)
    shown = pd.DataFrame(
        {
            t("Nr"): visits["invitation_id"],
            t("Groep"): visits["stratum"],
            t("Naam"): (visits["first_name"].fillna("") + " " + visits["last_name"].fillna("")),
            t("Adres"): (visits["street"].fillna("") + " " + visits["house_number"].fillna("")
                         + ", " + visits["postcode"].fillna("")),
            t("Bezoeken"): visits["visits"],
            t("Laatste uitkomst"): visits["outcome"].map(
                lambda o: t(OUTCOME_NAMES[o]) if isinstance(o, str) else t("nog niet bezocht")),
            t("Vervangen door"): visits["replaced_by"].map(
                lambda v: "" if pd.isna(v) else f"nr {int(v)}"),
            t("Vervangt"): visits["replaces_id"].map(
                lambda v: "" if pd.isna(v) else f"nr {int(v)}"),
        }
    )  # fmt: skip
    st.caption(t("Namen en adressen: alleen voor de organisatoren van deze wijk."))
    st.dataframe(shown, hide_index=True, width="stretch")
    labels = {
        int(r.invitation_id): f"nr {int(r.invitation_id)}: {r.street or ''} {r.house_number or ''}"
        for r in visits.itertuples()
    }
    open_ids = [int(i) for i, o, by in zip(visits["invitation_id"], visits["outcome"],
                                           visits["replaced_by"], strict=True)
                if o != "ja" and pd.isna(by)]  # fmt: skip
    choices = draw_answers.answer_choices(db, caller, draw_id)
    with st.form(form_key(f"bezoek_{draw_id}")):
        st.markdown(t("**Huisbezoek vastleggen**"))
        target = st.selectbox(t("Adres"), open_ids, format_func=lambda i: labels[i], index=None,
                              placeholder=t("Kies het adres"))  # fmt: skip
        outcome = st.radio(t("Uitkomst"), list(OUTCOME_NAMES)[::-1], horizontal=True,
                           format_func=lambda o: t(OUTCOME_NAMES[o]))  # fmt: skip
        st.caption(t("Bij ja: vul in wat de bewoner zegt; leeg laten neemt het register over."))
        answers = _answer_fields(f"bezoek_{draw_id}", choices)
        sent = st.form_submit_button(t("Bezoek vastleggen"))
    if sent:
        if target is None:
            st.error(t("Kies eerst het adres."))
        elif first_submission("bezoek"):
            visited = int(target)
            attempt(
                lambda: draw_invitations.record_visit(db, caller, visited, outcome, answers),
                t("Het bezoek is vastgelegd."),
            )
    refused = [int(i) for i, o, by in zip(visits["invitation_id"], visits["outcome"],
                                          visits["replaced_by"], strict=True)
               if o in draw_invitations.REPLACEABLE and pd.isna(by)]  # fmt: skip
    st.markdown(t("**Vervanger loten**"))
    if not refused:
        st.caption(t("Nog niemand om te vervangen: dat kan na een nee of niet thuis."))
        return
    left, right = st.columns([3, 1])
    refusal = left.selectbox(t("Wie wordt vervangen?"), refused, format_func=lambda i: labels[i],
                             key=f"vervang_{draw_id}")  # fmt: skip
    if (
        right.button(t("Vervanger loten"), key=f"vervanger_{draw_id}")
        and refusal is not None
        and first_submission("vervanger")
    ):
        attempt(
            lambda: draw_invitations.replace_refusal(db, caller, int(refusal)),
            t("Er is een vervanger geloot uit dezelfde groep."),
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

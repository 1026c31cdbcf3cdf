"""Step 5: quotas proposed from the neighbourhood, edited in a table, checked against the
volunteers on every edit, with the engine's smallest relaxation when infeasible."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw.common import feature_name
from dashboard.components.forms import attempt, first_submission, show_error
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws.workspace import DrawState

_TABLE = "_quota_table"
_VERSION = "_quota_version"
_COLUMNS = {"feature": "Kenmerk", "value": "Waarde", "min": "Minimum", "max": "Maximum"}


def _set_table(draw_id: int, table: pd.DataFrame) -> None:
    st.session_state[_TABLE] = (draw_id, table.reset_index(drop=True))
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def _table(db: Store, caller: Caller, draw_id: int, features: list[str]) -> pd.DataFrame:
    kept = st.session_state.get(_TABLE)
    if kept and kept[0] == draw_id:
        return kept[1]
    saved = draw_quotas.saved_quotas(db, caller, draw_id)
    table = saved if not saved.empty else draw_quotas.proposed_quotas(db, caller, draw_id, features)
    _set_table(draw_id, table)
    return table


def _from_file(db: Store, caller: Caller, draw_id: int) -> None:
    """Quotas from a CSV file (also the Sortition Foundation's features file) into the
    table below, to check and save as any edit."""
    with st.expander(t("Quota uit een bestand halen")):
        st.caption(
            t(
                "Een CSV-bestand met de kolommen kenmerk, waarde, minimum en maximum, of het "
                "features-bestand van de Sortition Foundation zoals het is (feature of "
                "category, value of name, min, max; min_flex en max_flex worden niet "
                "gebruikt). Het bestand vervangt de tabel hieronder; er wordt nog niets "
                "opgeslagen."
            )
        )
        uploaded = st.file_uploader(
            t("Quotabestand (CSV)"), type=["csv", "txt"], key=f"quota_bestand_{draw_id}"
        )
        if uploaded is not None and st.button(t("Quota inlezen"), key=f"quota_inlezen_{draw_id}"):
            try:
                shown = {code: feature_name(code) for code in draw_quotas.FEATURES}
                table = draw_quotas.quotas_from_file(
                    db, caller, draw_id, uploaded.getvalue(), shown
                )
                _set_table(draw_id, table)
            except UserError as exc:
                show_error(exc)
            else:
                name = plain(uploaded.name)
                st.success(t("De quota uit {bestand} staan in de tabel.", bestand=name))


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    st.subheader(t("Stap 5. Quota"))
    if state.register_rows == 0:
        st.info(t("Lees eerst het uittreksel uit het bevolkingsregister in (stap 2)."))
        return
    st.write(
        t(
            "Quota zorgen dat de raad lijkt op de wijk: per groep hoeveel leden minstens en "
            "hoogstens. Het voorstel volgt de inwoners van {leeftijd} jaar en ouder in het "
            "uittreksel. Bij elke wijziging kijkt Wijkraad of er uit de aanmeldingen van nu een "
            "raad van {k} te loten is die aan alle quota voldoet.",
            leeftijd=ctx.min_age,
            k=ctx.k,
        )
    )
    features = st.multiselect(
        t("Kenmerken"), list(draw_quotas.FEATURES), default=list(draw_quotas.DEFAULT_FEATURES),
        format_func=feature_name, key=f"quota_kenmerken_{draw_id}",
        placeholder=t("Kies de kenmerken"), select_all=False,
    )  # fmt: skip
    if st.button(t("Quota voorstellen uit de wijk"), key=f"voorstellen_{draw_id}"):
        try:
            _set_table(draw_id, draw_quotas.proposed_quotas(db, caller, draw_id, features))
        except UserError as exc:
            show_error(exc)
    _from_file(db, caller, draw_id)
    try:
        table = _table(db, caller, draw_id, features or list(draw_quotas.DEFAULT_FEATURES))
    except UserError as exc:
        show_error(exc)
        return
    edited = st.data_editor(
        table,
        key=f"quota_{draw_id}_{st.session_state.get(_VERSION, 0)}",
        num_rows="dynamic",
        hide_index=True,
        height=min(36 * (len(table) + 2), 720),
        width="stretch",
        column_config={
            "feature": st.column_config.SelectboxColumn(
                t("Groepskenmerk"),
                options=list(draw_quotas.FEATURES),
                required=True,
                format_func=lambda value: feature_name(str(value)),
            ),
            "value": st.column_config.TextColumn(t("Waarde"), required=True),
            "min": st.column_config.NumberColumn(t("Minimum"), min_value=0, step=1, required=True),
            "max": st.column_config.NumberColumn(t("Maximum"), min_value=0, step=1, required=True),
        },
    )
    try:
        check = draw_quotas.check_quotas(db, caller, draw_id, edited)
    except UserError as exc:
        show_error(exc)
        return
    verdict = t(check.template, volunteers=check.volunteers, seats=check.seats)
    if check.feasible:
        st.success(verdict)
    else:
        st.error(verdict)
    for problem in check.problems:
        st.write(f"- {problem}")
    if check.suggestion is not None:
        shown = check.suggestion.assign(feature=check.suggestion["feature"].map(feature_name))
        st.dataframe(shown.rename(columns=_COLUMNS), hide_index=True, width="stretch")
        if st.button(t("Voorstel overnemen"), key=f"overnemen_{draw_id}"):
            _set_table(draw_id, check.suggestion)
            st.rerun()
    saved = draw_quotas.saved_quotas(db, caller, draw_id)
    if not saved.empty:
        same = saved.values.tolist() == edited[list(saved.columns)].values.tolist()
        st.caption(t("Opgeslagen quota: {n} rijen.", n=len(saved))
                   + ("" if same else " " + t("De tabel hierboven wijkt daarvan af.")))  # fmt: skip
    if st.button(t("Quota opslaan"), type="primary", key=f"quota_opslaan_{draw_id}",
                 disabled=not check.feasible) and first_submission("quota"):  # fmt: skip
        attempt(
            lambda: draw_quotas.save_quotas(db, caller, draw_id, edited),
            t("De quota zijn opgeslagen."),
        )

"""Step 4, direct method: the addresses to visit with what the last visit gave (each
replacement right after the address it replaces), the walking list to print, a visit
recorded with its day and visitor, every visit made, and a replacement for a refusal."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw.common import OUTCOME_NAMES, answer_fields, document_downloads
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.domain.auth import Caller, PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.domain.home_visits import next_to_replaced
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import walking_list as walking
from dashboard.services.draws.workspace import DrawState
from sortition import clock

_LIST = "_walking_list"  # (draw number, the list) made in this session


def render(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    visits = draw_invitations.visit_list(db, caller, draw_id)
    order = next_to_replaced(
        [int(i) for i in visits["invitation_id"]],
        {int(i): None if pd.isna(r) else int(r)
         for i, r in zip(visits["invitation_id"], visits["replaces_id"], strict=True)},
    )  # fmt: skip
    visits = visits.set_index("invitation_id", drop=False).loc[order]
    st.caption(t("Namen en adressen: alleen voor de organisatoren van deze wijk."))
    st.dataframe(_table(visits), hide_index=True, width="stretch")
    labels = {
        int(r.invitation_id): f"nr {int(r.invitation_id)}: {r.street or ''} {r.house_number or ''}"
        for r in visits.itertuples()
    }
    _walking_list(db, caller, draw_id)
    _record(db, caller, state, visits, labels)
    _history(db, caller, draw_id)
    _replacement(db, caller, draw_id, visits, labels)


def _number(value: object) -> str:
    return "" if pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def _table(visits: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("Nr"): visits["invitation_id"],
            t("Groep"): visits["stratum"],
            t("Naam"): (visits["first_name"].fillna("") + " " + visits["last_name"].fillna("")),
            t("Adres"): (visits["street"].fillna("") + " " + visits["house_number"].fillna("")
                         + ", " + visits["postcode"].fillna("")),
            t("Vervangt adres nr"): visits["replaces_id"].map(_number),
            t("Bezoeken"): visits["visits"],
            t("Laatste uitkomst"): visits["outcome"].map(
                lambda o: t(OUTCOME_NAMES[o]) if isinstance(o, str) else t("nog niet bezocht")),
            t("Laatste bezoek"): visits["visit_day"].map(
                lambda d: "" if pd.isna(d) else f"{d:%d-%m-%Y}"),
            t("Bezoeker"): visits["visitor"].fillna(""),
            t("Vervangen door nr"): visits["replaced_by"].map(_number),
        }
    )  # fmt: skip


def _walking_list(db: Store, caller: Caller, draw_id: int) -> None:
    st.markdown(t("**Looplijst voor de bezoekers**"))
    st.caption(
        t("De adressen die nog bezocht moeten worden, per straat op huisnummer, met de naam "
          "van de bewoner en regels om elk bezoek op te schrijven. Wie niet thuis was of "
          "'later' zei, komt terug op de lijst; een vervangend adres staat erop zodra het is "
          "geloot. De lijst bevat namen en adressen: elke keer dat u hem maakt, wordt dat "
          "vastgelegd.")
    )  # fmt: skip
    if st.button(t("Looplijst maken"), key=f"looplijst_{draw_id}"):
        try:
            st.session_state[_LIST] = (draw_id, walking.walking_list(db, caller, draw_id))
        except (UserError, PermissionDenied) as exc:
            st.session_state.pop(_LIST, None)
            show_error(exc)
    made = st.session_state.get(_LIST)
    if not made or made[0] != draw_id:
        return
    made_list: walking.WalkingList = made[1]
    st.caption(
        t("Looplijst gemaakt: {n} adressen in {straten} straten.", n=made_list.addresses,
          straten=made_list.streets)
    )  # fmt: skip
    document_downloads(
        (t("Looplijst om te printen (HTML)"), t("Looplijst (CSV)")), made_list.html,
        made_list.table, f"looplijst-loting-{draw_id}", f"looplijst_{draw_id}",
    )  # fmt: skip


def _record(
    db: Store, caller: Caller, state: DrawState, visits: pd.DataFrame, labels: dict[int, str]
) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    open_ids = [int(i) for i, o, by in zip(visits["invitation_id"], visits["outcome"],
                                           visits["replaced_by"], strict=True)
                if o != "ja" and pd.isna(by)]  # fmt: skip
    choices = draw_answers.answer_choices(db, caller, draw_id)
    with st.form(form_key(f"bezoek_{draw_id}")):
        st.markdown(t("**Huisbezoek vastleggen**"))
        target = st.selectbox(t("Adres"), open_ids, format_func=lambda i: labels[i], index=None,
                              placeholder=t("Kies het adres"))  # fmt: skip
        c1, c2 = st.columns(2)
        # No min or max: the widget would keep its last valid day without a word; the
        # service refuses a day in the future or before the lottery, and says why.
        day = c1.date_input(t("Datum van het bezoek"), clock.today(), format="DD-MM-YYYY")
        visitor = c2.text_input(t("Naam van de bezoeker"), max_chars=80)
        outcome = st.radio(t("Uitkomst"), list(OUTCOME_NAMES)[::-1], horizontal=True,
                           format_func=lambda o: t(OUTCOME_NAMES[o]))  # fmt: skip
        st.caption(t("Bij ja: vul in wat de bewoner zegt; leeg laten neemt het register over."))
        answers = answer_fields(f"bezoek_{draw_id}", choices)
        sent = st.form_submit_button(t("Bezoek vastleggen"))
    if not sent:
        return
    if target is None:
        st.error(t("Kies eerst het adres."))
    elif first_submission("bezoek"):
        visited = int(target)
        st.session_state.pop(_LIST, None)  # the list made before no longer holds
        attempt(
            lambda: draw_invitations.record_visit(
                db, caller, visited, outcome, answers, visitor=visitor, visited_on=day
            ),
            t("Het bezoek is vastgelegd."),
        )


def _history(db: Store, caller: Caller, draw_id: int) -> None:
    made = draw_invitations.visit_history(db, caller, draw_id)
    if made.empty:
        return
    with st.expander(t("Alle bezoeken ({n})", n=len(made))):
        st.dataframe(
            pd.DataFrame(
                {
                    t("Datum"): made["visit_day"].map(lambda d: f"{d:%d-%m-%Y}"),
                    t("Nr"): made["invitation_id"],
                    t("Adres"): made["street"].fillna("") + " " + made["house_number"].fillna(""),
                    t("Bezoeker"): made["visitor"].fillna(""),
                    t("Uitkomst"): made["outcome"].map(lambda o: t(OUTCOME_NAMES[o])),
                }
            ),
            hide_index=True,
            width="stretch",
        )


def _replacement(
    db: Store, caller: Caller, draw_id: int, visits: pd.DataFrame, labels: dict[int, str]
) -> None:
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
        st.session_state.pop(_LIST, None)
        attempt(
            lambda: draw_invitations.replace_refusal(db, caller, int(refusal)),
            t("Er is een vervanger geloot uit dezelfde groep. Maak een nieuwe looplijst: het "
              "nieuwe adres staat erop."),
        )  # fmt: skip

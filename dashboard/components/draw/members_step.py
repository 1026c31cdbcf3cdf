"""Step 8: confirmations, declines and replacements from the reserve list; appointed
seats; the roster with terms and when members may be drawn again; closing the draw."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw import after_draw
from dashboard.components.draw.common import group_name, open_draw
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws.workspace import DrawState
from sortition import clock

STATUS = {
    "selected": N_("Geloot, nog niet bevestigd"),
    "confirmed": N_("Doet mee"),
    "declined": N_("Afgezegd"),
    "replaced": N_("Vervangen"),
    "left": N_("Gestopt"),
    "reserve": N_("Reserve"),
}


def _date(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d-%m-%Y")


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    st.subheader(t("Stap 8. Leden en vervanging"))
    if ctx.draw.chosen_index is None and ctx.is_open:
        st.info(t("Doe eerst de openbare trekking (stap 7)."))
        return
    view = draw_members.members_view(db, caller, draw_id)
    members = view.members
    st.metric(t("Bevestigd"), f"{view.confirmed} / {view.seats}")
    st.caption(t("Namen: alleen voor de organisatoren van deze wijk."))
    current = members[members["status"] != "reserve"]
    _table(current)
    label = {
        int(r.member_id): f"{r.name} (nr {r.number}, {t(STATUS[r.status]).lower()})"
        for r in members.itertuples()
    }
    if not ctx.is_open and view.replace_closed_reason is None:
        starts = state.term.starts_on if state.term else None
        st.info(
            (t("De loting is afgerond; de termijn begint op {datum}.",
               datum=f"{starts:%d-%m-%Y}") if starts and starts > clock.today()
             else t("De loting is afgerond en de termijn loopt."))
            + " "
            + t("Stopt een lid, leg dat hier vast en vervang het: van de reservelijst of met "
                "een openbare vervangingsloting. Een vervanger zit vanaf de dag van bevestigen "
                "in de raad.")
        )  # fmt: skip
    elif not ctx.is_open:
        st.info(view.replace_closed_reason)
    if view.closed_reason is None:
        replacing = view.replace_closed_reason is None
        reserves = members[members["status"] == "reserve"]
        ranks = {int(r.member_id): int(r.reserve_rank) for r in reserves.itertuples()}
        names = {int(r.member_id): str(r.name) for r in members.itertuples()}
        _actions(db, caller, draw_id, current, label, replacing, names, ranks)
        if replacing:
            _replacement_draw(db, caller, draw_id, current, label)
    with st.expander(t("Reservelijst (in volgorde van de trekking)")):
        _table(members[members["status"] == "reserve"].head(50))
    if ctx.draw.purpose in ("council", "rotation"):
        _roster(db, caller, state, view)
    after_draw.render(db, caller, state)
    if ctx.is_open:
        st.divider()
        if st.button(t("Loting afronden"), type="primary", key=f"afronden_{draw_id}"):
            attempt(
                lambda: draw_members.complete_draw(db, caller, draw_id),
                t("De loting is afgerond. De raad staat in het overzicht."),
            )


def _table(rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    st.dataframe(member_table(rows), hide_index=True, width="stretch")


def member_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The members as shown, one type per column (Arrow refuses a column of numbers and
    text): the reserve number is a whole number or empty (<NA>), and sorts as a number."""
    return pd.DataFrame(
        {
            t("Nummer"): rows["number"],
            t("Naam"): rows["name"],
            t("Leeftijd"): rows["age_band"].map(lambda v: group_name(str(v))),
            t("Geslacht"): rows["gender"].map(lambda v: group_name(str(v))),
            t("Buurt"): rows["part"],
            t("Status"): rows["status"].map(lambda s: t(STATUS[s])),
            t("Reserve nr"): pd.to_numeric(rows["reserve_rank"]).astype("Int64"),
            t("Vervangen door nr"): rows["replaced_by"].map(
                lambda v: "" if v is None or pd.isna(v) else str(v)
            ),
        }
    )


def _actions(
    db: Store,
    caller: Caller,
    draw_id: int,
    current: pd.DataFrame,
    label: dict[int, str],
    replacing: bool,
    names: dict[int, str],
    reserve_ranks: dict[int, int],
) -> None:
    selected = [int(i) for i in current.loc[current["status"] == "selected", "member_id"]]
    sitting = [int(i) for i in current.loc[current["status"].isin(["selected", "confirmed"]),
                                           "member_id"]]  # fmt: skip
    open_seats = [
        int(r.member_id)
        for r in current.itertuples()
        if r.status in ("declined", "left") and (r.replaced_by is None or pd.isna(r.replaced_by))
    ]
    left, middle, right = st.columns(3)
    with left, st.form(form_key(f"bevestigen_{draw_id}")):
        st.markdown(t("**Bevestigen**"))
        who = st.selectbox(t("Wie zegt ja?"), selected, format_func=label.__getitem__, index=None,
                           placeholder=t("Kies een lid"))  # fmt: skip
        if st.form_submit_button(t("Bevestigen")):
            if who is None:
                st.error(t("Kies eerst een lid."))
            elif first_submission("bevestigen"):
                attempt(lambda: draw_members.confirm_member(db, caller, who),
                        t("Bevestigd: {wie}.", wie=plain(names[who])))  # fmt: skip
    with middle, st.form(form_key(f"afzeggen_{draw_id}")):
        st.markdown(t("**Afzeggen of stoppen**"))
        who_not = st.selectbox(
            t("Wie zegt af?"), sitting, format_func=label.__getitem__, index=None,
            placeholder=t("Kies een lid"),
        )  # fmt: skip
        reason = st.text_input(t("Reden (kort, geen gezondheid of andere gevoelige zaken)"))
        # No max_value: a later day typed in would silently become today; the service
        # refuses it with a reason instead.
        on = st.date_input(t("Gestopt op (wie al in de raad zat)"), value=clock.today(),
                           format="DD-MM-YYYY")  # fmt: skip
        if st.form_submit_button(t("Afzeggen")):
            if who_not is None:
                st.error(t("Kies eerst een lid."))
            elif first_submission("afzeggen"):
                attempt(lambda: draw_members.decline_member(db, caller, who_not, reason, on),
                        t("Afzegging vastgelegd. Kies nu een vervanger.") if replacing
                        else t("Afzegging vastgelegd."))  # fmt: skip
    if not replacing:
        return
    with right:
        st.markdown(t("**Vervanger van de reservelijst**"))
        if not open_seats:
            st.caption(t("Niemand te vervangen."))
            return
        whose = st.selectbox(t("Plaats van"), open_seats, format_func=label.__getitem__,
                             key=f"vervangen_{draw_id}")  # fmt: skip
        if (
            st.button(t("Vervanger nemen"), key=f"vervanger_nemen_{draw_id}")
            and whose is not None
            and first_submission("vervanger_lid")
        ):
            attempt(
                lambda: draw_members.replace_member(db, caller, int(whose)),
                lambda chosen: _replacement_asked(chosen, reserve_ranks, names),
            )


def _replacement_asked(chosen: int, reserve_ranks: dict[int, int], names: dict[int, str]) -> str:
    """Who was asked to take the seat, and which reserves before them were passed over
    because they do not fit the quotas."""
    rank = reserve_ranks.get(chosen, 0)
    asked = t("Gevraagd als vervanger: {wie}, reserve {nr}.", wie=plain(names[chosen]), nr=rank)
    skipped = sorted(r for r in reserve_ranks.values() if r < rank)
    if not skipped:
        return asked
    return (
        asked
        + " "
        + t(
            "Overgeslagen omdat zij niet binnen de quota passen: reserve {nrs}.",
            nrs=", ".join(str(r) for r in skipped),
        )
    )


def _replacement_draw(
    db: Store, caller: Caller, draw_id: int, current: pd.DataFrame, label: dict[int, str]
) -> None:
    """Open seats filled by a public draw of their own (with its own ceremony)."""
    st.markdown(t("**Vervangen door een nieuwe openbare loting**"))
    running = draw_replacements.running_replacement(db, caller, draw_id)
    if running is not None:
        st.info(t("Vervangingsloting nummer {n} is voorbereid; doe daar de openbare trekking.",
                  n=running))  # fmt: skip
        if st.button(t("Naar vervangingsloting {n}", n=running), key=f"naar_{running}"):
            open_draw(running)
        return
    open_seats = [
        int(r.member_id)
        for r in current.itertuples()
        if r.status in ("declined", "left") and (r.replaced_by is None or pd.isna(r.replaced_by))
    ]
    if not open_seats:
        st.caption(t("Geen open plaatsen."))
        return
    st.caption(
        t("Voor één of meer open plaatsen tegelijk: een loting uit de aanmeldingen die over "
          "zijn, met de quota min wat de leden die blijven al vullen, en een eigen "
          "controlecode en trekking.")
    )  # fmt: skip
    chosen = st.multiselect(
        t("Plaatsen die de loting vult"), open_seats, format_func=label.__getitem__,
        placeholder=t("Kies een of meer plaatsen"), key=f"vervangingsloting_{draw_id}",
        select_all=False,
    )  # fmt: skip
    if not chosen:
        return
    try:
        plan = draw_replacements.replacement_plan(db, caller, draw_id, chosen)
    except UserError as exc:
        show_error(exc)
        return
    st.write(t("{k} plaatsen, te loten uit {n} aanmeldingen.", k=plan.seats, n=plan.volunteers))
    for note in plan.notes:
        st.warning(note)
    if st.button(t("Vervangingsloting voorbereiden"), type="primary",
                 key=f"vervangingsloting_maken_{draw_id}") and first_submission(
        "vervangingsloting"
    ):  # fmt: skip
        try:
            new_id = draw_replacements.prepare_replacement(db, caller, draw_id, chosen)
        except UserError as exc:
            show_error(exc)
            return
        open_draw(new_id)


def _roster(db: Store, caller: Caller, state: DrawState, view: draw_members.MembersView) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    st.markdown(t("**De raad: zetels, termijnen en rotatie**"))
    roster = view.roster
    if not roster.empty:
        who = [
            (f"{first or ''} {last or ''}".strip() if kind == "drawn" else role)
            for first, last, kind, role in zip(roster["first_name"], roster["last_name"],
                                               roster["kind"], roster["appointed_role"],
                                               strict=True)
        ]  # fmt: skip
        st.dataframe(
            pd.DataFrame(
                {
                    t("Termijn"): roster["term"],
                    t("Zetel"): roster["kind"].map(
                        lambda k: t("geloot") if k == "drawn" else t("benoemd")
                    ),
                    t("Wie"): who,
                    t("Vanaf"): roster["starts_on"].map(_date),
                    t("Tot"): roster["seat_ends"].map(_date),
                    **(
                        {t("Rouleert uit op"): roster["rotates_out"].map(_date)}
                        if roster["rotates_out"].notna().any()
                        else {}
                    ),
                    t("Reden einde"): roster["end_reason"].fillna(""),
                    t("Mag weer worden geloot vanaf"): roster["drawable_again"].map(_date),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            t("Wie in de raad zat, mag {maanden} maanden na het einde van de zetel weer worden "
              "geloot.", maanden=ctx.council.cool_down_months)
        )  # fmt: skip
    if view.closed_reason is None and ctx.council.seats_appointed and ctx.draw.purpose == "council":
        _appointed(db, caller, draw_id, roster, state)


def _appointed(
    db: Store, caller: Caller, draw_id: int, roster: pd.DataFrame, state: DrawState
) -> None:
    """Appointed seats: added up to the council's number; ended when someone leaves."""
    left, right = st.columns(2)
    with left, st.form(form_key(f"benoemen_{draw_id}")):
        role = st.text_input(t("Benoemde zetel (rol, geen naam nodig)"),
                             placeholder="Gemeenteraadslid (fractie A)")  # fmt: skip
        if st.form_submit_button(t("Benoemde zetel toevoegen")) and first_submission("benoemen"):
            attempt(lambda: draw_members.add_appointed_seat(db, caller, draw_id, role),
                    t("De benoemde zetel is toegevoegd."))  # fmt: skip
    term = state.term
    if roster.empty or term is None:
        return
    sitting = roster[
        (roster["kind"] == "appointed") & (roster["term"] == term.number) & roster["ends_on"].isna()
    ]
    if sitting.empty:
        return
    roles = {int(r.seat_id): str(r.appointed_role) for r in sitting.itertuples()}
    with right, st.form(form_key(f"benoeming_einde_{draw_id}")):
        seat = st.selectbox(
            t("Benoemde zetel die eindigt"), list(roles), format_func=roles.__getitem__,
            index=None, placeholder=t("Kies een zetel"),
        )  # fmt: skip
        reason = st.text_input(
            t("Waarom eindigt de zetel?"),
            placeholder=t("Bijvoorbeeld: na de gemeenteraadsverkiezingen"),
        )
        if st.form_submit_button(t("Benoemde zetel beëindigen")):
            if seat is None:
                st.error(t("Kies eerst een zetel."))
            elif first_submission("benoeming_einde"):
                attempt(
                    lambda: draw_members.end_appointed_seat(db, caller, draw_id, seat, reason),
                    t("De benoemde zetel is beëindigd; voeg zo nodig de opvolger toe."),
                )

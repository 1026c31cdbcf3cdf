"""The draw workspace: choose a draw (or start one), see where it stands, take a step.

The chosen draw and step are in the address (`?loting=12&stap=3`), so a reload, a
bookmark or a colleague's link opens the same place; everything else comes from the
store, so a colleague's session sees the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from dashboard.components.draw import (
    answers_step,
    ceremony_step,
    letters_step,
    members_step,
    quotas_step,
    register_step,
    replacement_step,
    selection_step,
    start,
)
from dashboard.components.draw.common import (
    CHOSEN,
    METHOD_NAMES,
    STEPS,
    pending_step,
    projector_mode,
    step_label,
)
from dashboard.components.forms import attempt, show_error
from dashboard.components.text import plain
from dashboard.domain.auth import Caller, PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.domain.statuses import RUNNING, DrawStatus, draw_stage_name
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import workspace as draws
from dashboard.services.draws.workspace import DrawState

NEW = 0
_ADDRESS_SEEN = "_loting_in_address"  # the draw number this session last saw in the address


RENDER: dict[int, Callable[[Store, Caller, DrawState], None]] = {
    2: register_step.render,
    3: letters_step.render,
    4: answers_step.render,
    5: quotas_step.render,
    6: selection_step.render,
    7: ceremony_step.render,
    8: members_step.render,
}


def _from_address(name: str) -> int | None:
    try:
        return int(st.query_params.get(name, ""))
    except ValueError:
        return None


def _label(choice: draws.DrawChoice) -> str:
    draw = choice.draw
    return t(
        "{raad}: {wat}, {datum} (nummer {n}, {status})",
        raad=choice.council_name,
        wat=t(draws.LABELS.get(draw.purpose, draw.purpose)),
        datum=f"{draw.created_at:%d-%m-%Y}",
        n=draw.id,
        status=t(draw_stage_name(draw.status, draw.chosen_index is not None)),
    )


def render(db: Store, caller: Caller) -> None:
    if projector_mode() and _projector(db, caller):
        return
    choices = {c.draw.id: c for c in draws.draws_for(db, caller)}
    options = [NEW, *choices]
    # The address chooses the draw when it is new to this session (a link, a reload, a
    # colleague's URL); after that the picker does: the address still holds the draw the
    # user is leaving until this run has written the new one.
    address = _from_address("loting")
    wanted = st.session_state.pop(CHOSEN, None)
    if wanted is None and address != st.session_state.get(_ADDRESS_SEEN):
        wanted = address
    if wanted in options:
        st.session_state["loting"] = wanted
    elif st.session_state.get("loting") not in options:
        st.session_state["loting"] = next(
            (i for i, c in choices.items() if c.draw.status in RUNNING), NEW
        )
    chosen = st.selectbox(
        t("Loting"),
        options,
        format_func=lambda i: t("Nieuwe loting beginnen") if i == NEW else _label(choices[i]),
        key="loting",
    )
    if chosen == NEW:
        st.query_params.pop("loting", None)
        st.query_params.pop("stap", None)
        st.session_state[_ADDRESS_SEEN] = None
        start.render(db, caller)
        return
    st.query_params["loting"] = str(chosen)
    st.session_state[_ADDRESS_SEEN] = chosen
    try:
        state = draws.draw_state(db, caller, chosen)
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    _header(db, caller, state)
    if state.context.draw.purpose == "replacement":  # no steps of its own: see replacement_step
        st.divider()
        replacement_step.render(db, caller, state)
        return
    done = state.steps_done
    first_open = (
        8 if state.context.draw.status == DrawStatus.COMPLETED
        else next((n for n in range(2, 9) if not done[n]), 8)
    )  # fmt: skip
    asked = _from_address("stap")
    key = f"stap_{chosen}"
    following = pending_step(chosen)
    if following is not None:
        st.session_state[key] = following
    elif key not in st.session_state:
        st.session_state[key] = asked if asked in STEPS and asked != 1 else first_open
    # A step's label gains a ✓ when it is done, and Streamlit keeps a radio's choice in the
    # browser as the label's text: a label that changed left the radio without a choice,
    # and the next click anywhere opened step 2. Written back, the choice is sent anew.
    st.session_state[key] = st.session_state[key]
    method = state.context.draw.method
    step = st.radio(
        t("Stap"),
        list(RENDER),
        format_func=lambda n: step_label(n, done[n], method),
        horizontal=True,
        key=key,
    )
    st.query_params["stap"] = str(step)
    st.divider()
    RENDER[step](db, caller, state)


def _projector(db: Store, caller: Caller) -> bool:
    """Only the ceremony of the draw in the address, for the projector; False when there
    is no such draw (then the workspace shows as usual)."""
    draw_id = _from_address("loting")
    if draw_id is None:
        st.query_params.pop("scherm", None)
        return False
    try:
        state = draws.draw_state(db, caller, draw_id)
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return True
    st.query_params["stap"] = "7"
    ceremony_step.render(db, caller, state, projector=True)
    return True


def _header(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    what = {"panel": t("wijkpanel"), "rotation": t("rotatie")}.get(ctx.draw.purpose, t("raad"))
    term = (
        t("termijn {van} tot {tot}", van=f"{state.term.starts_on:%d-%m-%Y}",
          tot=f"{state.term.ends_on:%d-%m-%Y}")
        if state.term else ""
    )  # fmt: skip
    stage = draw_stage_name(ctx.draw.status, ctx.draw.chosen_index is not None)
    st.markdown(
        f"**{plain(ctx.council.name)}** · {plain(', '.join(state.neighbourhood_names))} · "
        + (
            t("1 plaats in de {wat}", wat=what)
            if ctx.k == 1
            else t("{k} plaatsen in de {wat}", k=ctx.k, wat=what)
        )
        + (f" · {term}" if term else "")
        + f" · {t(METHOD_NAMES[ctx.draw.method])} · "
        + t("status: {s}", s=t(stage))
    )
    plan = ctx.parameters.get("rotation") if ctx.draw.purpose == "rotation" else None
    if plan:
        lot = (
            t("bij een gelijke start besliste het lot, uit de openbare trekking van loting {n}",
              n=plan["seed_draw_id"])
            if plan.get("seed_draw_id")
            else t("bij een gelijke start besliste het lot (zaadje {zaadje}…)",
                   zaadje=plan["seed"][:12])
        )  # fmt: skip
        day = date.fromisoformat(plan["day"]).strftime("%d-%m-%Y")
        st.caption(
            t("Rotatie op {dag}: {n} zetels worden opnieuw geloot; {blijven} leden blijven. "
              "Wie het langst zit, rouleert uit ({lot}). Zie de raad bij stap 8.",
              dag=day, n=plan["seats"], blijven=len(plan["staying"]), lot=lot)
            if plan["seats"]
            else t("Op {dag} worden alleen de {open} open zetel(s) gevuld; niemand rouleert "
                   "uit en {blijven} leden blijven.", dag=day, open=plan.get("open_seats", 0),
                   blijven=len(plan["staying"]))
        )  # fmt: skip
        if plan["seats"] and plan.get("open_seats"):
            st.caption(t("De loting vult ook {open} zetel(s) die op die dag open zijn (wie "
                         "eerder stopte).", open=plan["open_seats"]))  # fmt: skip
    if ctx.draw.status == DrawStatus.OPEN:
        with st.expander(t("Loting stoppen")):
            reason = st.text_input(t("Waarom stopt de loting?"), key=f"stop_reden_{ctx.draw.id}")
            if st.button(t("Loting stoppen"), key=f"stop_{ctx.draw.id}"):
                attempt(
                    lambda: draws.cancel_draw(db, caller, ctx.draw.id, reason),
                    t("De loting is gestopt. Alles wat is vastgelegd, blijft bewaard."),
                )

"""Form helpers: run a service call, show its outcome in Dutch, never act twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from dashboard.components.text import plain
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.errors import UserError, UserErrors
from dashboard.i18n import t

T = TypeVar("T")
_SEEN = "_forms_seen"
_LAST = "_forms_last"  # the submission `attempt` is about to run
_FLASH = "_forms_flash"
_GENERATION = "_forms_generation"


def first_submission(form: str) -> bool:
    """False, with a note, when this form as shown was sent before and that submission is
    done or under way (a double click, a resubmit after a slow answer). A success renews
    every form (`form_key`), so the same entry made again afterwards (a second "niet thuis"
    for one address, two paper forms alike) is a new submission and is recorded; `attempt`
    forgets a refused submission, so the user can correct the form and send it again."""
    token = f"{form}@{st.session_state.get(_GENERATION, 0)}"
    seen: set[str] = st.session_state.setdefault(_SEEN, set())
    if token in seen:
        st.info(t("Dit formulier was al verstuurd en is één keer verwerkt."))
        return False
    seen.add(token)
    st.session_state[_LAST] = token
    return True


def attempt(
    action: Callable[[], T],
    success: str | Callable[[T], str],
    warning: Callable[[T], str | None] | None = None,
) -> None:
    """Run a service call. Refused: show why, keep the form as it is. Done: rerun the
    page so every figure shows the change, with the success text (made from the result
    when it is a function; and any warning) on top.
    """
    submitted = st.session_state.pop(_LAST, None)
    try:
        result = action()
    except (UserError, PermissionDenied) as exc:
        st.session_state.get(_SEEN, set()).discard(submitted)  # nothing changed: may retry
        show_error(exc)
        return
    note = warning(result) if warning else None
    flash(success(result) if callable(success) else success, [note] if note else [])


def show_error(problem: object) -> None:
    """A refusal or problem, shown as text: messages often repeat what was typed. Several
    problems of one form (UserErrors) are shown as a list, all at once."""
    problems = problem.problems if isinstance(problem, UserErrors) else []
    if len(problems) > 1:
        st.error(
            t("Er zijn nog {aantal} dingen te verbeteren:", aantal=len(problems))
            + "\n"
            + "\n".join(f"- {plain(p)}" for p in problems)
        )
    else:
        st.error(plain(str(problem)))


def form_key(name: str) -> str:
    """A form's key: new after every success, so that the form then shows empty; after a
    refusal the key stays and the form keeps what the user typed."""
    return f"{name}-{st.session_state.get(_GENERATION, 0)}"


def flash(success: str, warnings: list[str]) -> None:
    """Show a message after the rerun that brings the page up to date, with empty forms."""
    st.session_state[_FLASH] = (success, warnings)
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
    st.rerun()


def show_flash() -> None:
    message = st.session_state.pop(_FLASH, None)
    if message:
        success, warnings = message
        st.success(success)
        for text in warnings:
            st.warning(plain(text))

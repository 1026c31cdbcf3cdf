"""Form helpers: run a service call, show its outcome in Dutch, never act twice."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from dashboard.components.text import plain
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.errors import UserError

T = TypeVar("T")
_SEEN = "_forms_seen"
_LAST = "_forms_last"  # the submission `attempt` is about to run
_FLASH = "_forms_flash"
_GENERATION = "_forms_generation"
REPEAT_WINDOW_SECONDS = 30


def first_submission(form: str, values: dict[str, Any]) -> bool:
    """False when this session sent the same form with the same values moments ago
    (a double click, a resubmit after a slow answer) and it was not refused: `attempt`
    forgets a refused submission, so the user can correct the form and send it again."""
    digest = hashlib.sha256(
        json.dumps([form, values], sort_keys=True, default=str).encode()
    ).hexdigest()
    seen: dict[str, float] = st.session_state.setdefault(_SEEN, {})
    now = time.monotonic()
    if now - seen.get(digest, -1e9) < REPEAT_WINDOW_SECONDS:
        return False
    seen[digest] = now
    st.session_state[_LAST] = digest
    return True


def attempt(
    action: Callable[[], T], success: str, warning: Callable[[T], str | None] | None = None
) -> None:
    """Run a service call. Refused: show why, keep the form as it is. Done: rerun the
    page so every figure shows the change, with the success text (and any warning) on top.
    """
    submitted = st.session_state.pop(_LAST, None)
    try:
        result = action()
    except (UserError, PermissionDenied) as exc:
        st.session_state.get(_SEEN, {}).pop(submitted, None)  # nothing changed: may retry
        show_error(exc)
        return
    note = warning(result) if warning else None
    flash(success, [note] if note else [])


def show_error(problem: object) -> None:
    """A refusal or problem, shown as text: messages often repeat what was typed."""
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

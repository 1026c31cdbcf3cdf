"""The one error boundary around every page: an unexpected error shows a short Dutch
message with an incident number, never a traceback; the log gets the number, the page,
the error's type and where it happened, but not its message (that may hold what someone
typed, or personal data).

`WIJKRAAD_ERRORS=raise` lets the error through after the message (the test suite sets
it, so that a test still sees a page that breaks)."""

from __future__ import annotations

import logging
import os
import secrets
import traceback
from collections.abc import Callable

import streamlit as st

from dashboard.store.errors import DatabaseUnreachableError

LOG = logging.getLogger("wijkraad.incident")
MODE = "WIJKRAAD_ERRORS"


def guarded(run: Callable[[], object], where: str) -> None:
    try:
        run()
    except DatabaseUnreachableError as exc:  # PostgreSQL down or restarting: say so
        LOG.error("database unreachable on %s: %s", where, exc)
        st.error(exc.dutch)
        if os.environ.get(MODE) == "raise":
            raise
    except Exception as exc:  # st.stop and st.rerun are BaseExceptions and pass through
        number = incident(exc, where)
        st.error(
            f"Er ging iets mis op deze pagina (meldnummer {number}). Probeer het opnieuw; "
            "gaat het weer mis, meld dan dit nummer bij de gemeente."
        )
        if os.environ.get(MODE) == "raise":
            raise


def incident(exc: BaseException, where: str) -> str:
    """Log an unexpected error without its message; returns its incident number."""
    number = secrets.token_hex(4).upper()
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
    )  # where, not the source lines or the message: they may hold what people typed
    LOG.error("incident %s on %s: %s\n%s", number, where, type(exc).__name__, frames)
    return number

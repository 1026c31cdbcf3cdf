"""The code from a resident's letter, typed or brought by the letter's link (`?code=`):
one form for signing up and for voting, with the per-client limit on how often a code may
be tried (the service then gives every wrong code the same message)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.security.rate_limit import RateLimiter
from dashboard.web import client_limits

CODE_PARAMETER = "code"  # the letter's link: .../resident_signup?code=K7QM-2XHD


def letter_code_form(key: str, submit: str, limit: RateLimiter) -> tuple[str, str | None] | None:
    """The code sent and the client that sent it; None while the form is not sent or when
    the client has tried too often (the refusal is shown)."""
    with st.form(key):
        code = st.text_input(
            t("Code uit uw brief"),
            value=str(st.query_params.get(CODE_PARAMETER, "")),
            max_chars=30,
            placeholder="K7QM-2XHD",
            help=t(
                "8 letters en cijfers. Hoofdletters, kleine letters, spaties of een streepje "
                "maken niet uit."
            ),
        )
        sent = st.form_submit_button(submit, type="primary")
    if not sent:
        return None
    client = client_limits.current_client()
    too_many = client_limits.refusal(limit, client)
    if too_many:
        st.error(too_many)
        return None
    return code, client

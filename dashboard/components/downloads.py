"""Download buttons on the public pages, within the per-client limit on downloads.

The file is made when the button is pressed (Streamlit asks for it without running the
page again), and each file takes one download from the client's limit
(`dashboard.web.client_limits.DOWNLOADS`). When the limit is spent the page shows the
message instead of the button; a request that still arrives gets the message as its file.
The file is made in the page's language (`dashboard.i18n.in_language`).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.i18n import in_language
from dashboard.web import client_limits


def public_download(
    label: str, make: Callable[[], str | bytes], file_name: str, mime: str, key: str
) -> None:
    client = client_limits.current_client()
    spent = client_limits.waiting(client_limits.DOWNLOADS, client)
    if spent:
        st.warning(spent)
        return
    st.download_button(
        label,
        limited(in_language(make), client),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
    )


def limited(make: Callable[[], str | bytes], client: str | None) -> Callable[[], str | bytes]:
    """`make`, or the refusal message when the client's downloads are spent."""

    def file() -> str | bytes:
        refused = client_limits.refusal(client_limits.DOWNLOADS, client)
        return refused if refused else make()

    return file

"""No browser can clear the server's caches.

Streamlit empties st.cache_data and st.cache_resource for every session when any browser
sends a `clear_cache` message on its websocket (`AppSession._handle_clear_cache_request`).
The app menu's "Clear caches" and the `c` key send it; `client.toolbarMode = "viewer"`
(.streamlit/config.toml) hides both, but a hand-made message still did it: a flood of
them made every page compute its figures afresh and reopen the database. Streamlit has no
setting for this, so its handler is replaced by one that refuses and logs. Restart the
server to start with empty caches.
"""

from __future__ import annotations

import logging

from streamlit.runtime.app_session import AppSession

LOG = logging.getLogger("wijkraad.cache_guard")


def _refuse(self: AppSession) -> None:  # replaces a method of AppSession
    LOG.warning("refused a browser's request to clear the caches")


def install() -> None:
    """Make `clear_cache` messages from browsers do nothing; safe to call on every run."""
    AppSession._handle_clear_cache_request = _refuse  # type: ignore[method-assign]

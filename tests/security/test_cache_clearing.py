"""No browser can clear the server's caches (issue 15, item 7): neither the `c` key nor a
hand-made `clear_cache` message on the websocket empties st.cache_data or st.cache_resource
(which hold every session's figures and the database connection)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Page, WebSocketRoute
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState

from dashboard.web import cache_guard
from tests.e2e.harness import click_and_wait, running_server, wait_until_ready
from tests.e2e.test_login import log_in, sidebar_text

CLEAR_CACHE = BackMsg(clear_cache=True).SerializeToString()


@pytest.fixture
def guarded_session() -> Iterator[AppSession]:
    """An AppSession without a browser, enough to receive a message; Streamlit's own
    handler is put back afterwards."""
    original = AppSession._handle_clear_cache_request
    cache_guard.install()
    session = object.__new__(AppSession)
    session._session_state = {"login": "someone"}  # type: ignore[assignment]
    session._state = AppSessionState.SHUTDOWN_REQUESTED  # nothing to shut down when collected
    try:
        yield session
    finally:
        AppSession._handle_clear_cache_request = original  # type: ignore[method-assign]


def test_a_clear_cache_message_leaves_every_cache(guarded_session: AppSession) -> None:
    calls: list[str] = []

    @st.cache_data
    def figures(key: str) -> str:
        calls.append(f"data {key}")
        return key

    @st.cache_resource
    def connection(key: str) -> object:
        calls.append(f"resource {key}")
        return object()

    figures("a")
    held = connection("a")
    guarded_session.handle_backmsg(BackMsg.FromString(CLEAR_CACHE))
    assert figures("a") == "a"
    assert connection("a") is held
    assert calls == ["data a", "resource a"]
    assert guarded_session._session_state == {"login": "someone"}


@pytest.mark.browser
def test_neither_the_key_nor_a_forged_message_clears_anything(demo_db: Path, page: Page) -> None:
    sockets: list[WebSocketRoute] = []

    def pass_through(route: WebSocketRoute) -> None:
        sockets.append(route.connect_to_server())

    page.route_web_socket("**/_stcore/stream", pass_through)
    with running_server(demo_db) as server:
        page.goto(f"{server.url}/login")
        wait_until_ready(page)
        log_in(page, "organisator", "demo-organisator")
        assert "Ingelogd als organisator" in sidebar_text(page)

        # The `c` key opens no "Clear caches" dialog.
        page.locator("body").press("c")
        page.wait_for_timeout(500)
        assert page.get_by_role("dialog").count() == 0

        # A message sent by hand: Streamlit's handler would also empty this session's
        # state, and the websocket was opened before the login cookie existed, so the
        # login would be gone at the next run.
        [server_socket] = sockets
        server_socket.send(CLEAR_CACHE)
        page.wait_for_timeout(500)
        click_and_wait(page, page.get_by_role("link", name="Mijn account"))
        assert "Ingelogd als organisator" in sidebar_text(page)

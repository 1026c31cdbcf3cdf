"""The app under Streamlit's AppTest, opened as a browser opens an address: one run of the
page the address names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def open_page(
    page: str | None = None,
    *,
    caller: Caller | None = None,
    query: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> AppTest:
    """`page` (a file under dashboard/pages; None: the home page) as `caller` opens its
    address with `query`. A page's address is its file's name (st.Page's default), so the
    page is chosen before the first run as an address chooses it in the browser; a page
    the caller may not open shows its stand-in that asks to log in."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if caller is not None and not caller.is_public:
        at.session_state["caller"] = caller
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()

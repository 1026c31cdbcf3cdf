"""The files for programs are served next to the pages by the real server
(`python -m dashboard.web.serve`): a feed reader, a calendar and a script fetch them at a
fixed address, with the right type; the pages themselves are still Streamlit's. The
routes wrap an internal Streamlit function: a Streamlit that renames or stops calling it
fails the fast test here, not silently in production."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dashboard.web import routes
from tests.e2e.harness import running_server


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers.get("Content-Type", ""), refused.read()


@pytest.mark.slow
def test_feeds_calendars_and_open_data_at_fixed_addresses(demo_db: Path) -> None:
    with running_server(demo_db) as server:
        status, kind, body = fetch(f"{server.url}/feed/WK001.atom")
        assert (status, kind) == (200, "application/atom+xml; charset=utf-8")
        assert ET.fromstring(body).tag == "{http://www.w3.org/2005/Atom}feed"
        status, kind, body = fetch(f"{server.url}/agenda/WK001.ics")
        assert (status, kind) == (200, "text/calendar; charset=utf-8")
        assert body.startswith(b"BEGIN:VCALENDAR\r\n") and b"BEGIN:VEVENT" in body
        status, kind, body = fetch(f"{server.url}/open-data/wijkraad-open-data.zip")
        assert (status, kind) == (200, "application/zip")
        assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(body)).namelist()
        status, kind, body = fetch(f"{server.url}/open-data/wijkraad-open-data.json")
        assert status == 200 and json.loads(body)["licenses"][0]["name"] == "CC0-1.0"
        for wrong in ("/feed/WK999.atom", "/feed/WK001.ics", "/agenda/../x.ics",
                      "/open-data/other.zip"):  # fmt: skip
            assert fetch(server.url + wrong)[0] in (400, 404), wrong  # 400: Streamlit's check
        status, kind, body = fetch(f"{server.url}/resident_decisions?wijk=WK001")
        assert status == 200 and kind.startswith("text/html") and b"<html" in body


def test_the_streamlit_function_the_routes_wrap_is_there_and_called_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`routes.install` wraps `create_streamlit_routes` of Streamlit's Starlette app, an
    internal function (Streamlit 1.67). Renamed, moved or no longer looked up by name when
    Streamlit builds its app, the feeds, calendars and open data would quietly be gone;
    this fails instead, without a server (the slow test above serves them for real)."""
    import inspect

    from streamlit.web.server.starlette import starlette_app, starlette_server

    wrapped = starlette_app.create_streamlit_routes  # AttributeError once renamed
    assert list(inspect.signature(wrapped).parameters) == ["runtime"]
    # Streamlit builds its app by looking the function up in its module at that moment,
    # so the wrapper installed there is the one called.
    assert "create_streamlit_routes" in starlette_app.create_starlette_app.__code__.co_names
    assert starlette_server.create_starlette_app is starlette_app.create_starlette_app
    monkeypatch.setattr(starlette_app, "create_streamlit_routes", lambda runtime: ["streamlit"])
    routes.install()
    routes.install()  # twice is once
    runtime: Any = None
    assert starlette_app.create_streamlit_routes(runtime) == [*routes.ROUTES, "streamlit"]

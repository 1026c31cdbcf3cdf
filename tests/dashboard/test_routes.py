"""The files for programs are served next to the pages by the real server
(`python -m dashboard.web.serve`): a feed reader, a calendar and a script fetch them at a
fixed address, with the right type; the pages themselves are still Streamlit's."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

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

"""Following a neighbourhood without an account: the news as a valid Atom feed (parsed
back, typed text escaped, stable ids, published decisions only) and the meetings as a
valid iCalendar file (CRLF, folded lines, escaped text, times in UTC, stable UIDs)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from pathlib import Path

import duckdb
import pytest

from dashboard.components.follow_files import calendar_file, feed_bytes
from dashboard.domain.errors import UserError
from dashboard.domain.models import Decision
from dashboard.files.atom import Entry, Feed, atom_bytes, stable_id
from dashboard.files.ical import MAX_OCTETS, Event, calendar_bytes, escape_text
from dashboard.i18n import speaking
from dashboard.services import follow
from dashboard.services.budget.decisions import decisions, plan_meeting, publish_decision
from dashboard.services.budget.spending import book_spending
from dashboard.store.db import Store, open_store
from sortition.clock import AMSTERDAM
from tests.funded import ORGANISER, funded_project, neighbourhood_council

NS = {"a": "http://www.w3.org/2005/Atom"}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$")
HOSTILE = 'Feest <script>alert("x")</script> & ]]> $x^2$ :smile: \x00\x1b\ufffe einde'


def parse_feed(content: bytes) -> ET.Element:
    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("id", "title", "updated", "author/a:name"):
        assert root.find(f"a:{required}", NS) is not None, required
    assert RFC3339.match(root.findtext("a:updated", namespaces=NS) or "")
    for entry in root.findall("a:entry", NS):
        for required in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"a:{required}", namespaces=NS) or "").strip(), required
        assert RFC3339.match(entry.findtext("a:updated", namespaces=NS) or "")
        link = entry.find("a:link", NS)
        assert link is not None and link.get("href", "").startswith("http")
    return root


def test_an_atom_feed_holds_typed_text_as_text() -> None:
    moment = datetime(2026, 11, 23, tzinfo=AMSTERDAM)
    content = atom_bytes(
        Feed(stable_id("feed"), HOSTILE, "ondertitel", moment, "http://x/feed/WK001.atom",
             "http://x/?a=1&b=2", "Wijkraad", "CC0", "nl",
             [Entry(stable_id("e", 1), HOSTILE, moment, HOSTILE, "http://x/p?a=1&b=2",
                    "besluit", "Besluit")])
    )  # fmt: skip
    assert b"<script>" not in content and b"&lt;script&gt;" in content
    root = parse_feed(content)
    expected = HOSTILE.replace("\x00", "").replace("\x1b", "").replace("\ufffe", "")
    assert root.findtext("a:title", namespaces=NS) == expected
    entry = root.find("a:entry", NS)
    assert entry is not None
    assert entry.findtext("a:summary", namespaces=NS) == expected
    assert entry.find("a:link", NS).get("href") == "http://x/p?a=1&b=2"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="offset"):
        atom_bytes(Feed("x", "t", "s", datetime(2026, 1, 1), "l", "l", "a", "r", "nl", []))


def test_ids_are_stable_uuids() -> None:
    one = stable_id("wijkraad", "GM9999", "besluit", 12)
    assert one == stable_id("wijkraad", "GM9999", "besluit", 12)
    assert one != stable_id("wijkraad", "GM9999", "betaling", 12)
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", one
    )


def test_the_news_of_a_neighbourhood_is_a_valid_feed_with_stable_ids(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        news = follow.news(store, "WK001")
        assert news is not None and follow.news(store, "WK999") is None
        root = parse_feed(feed_bytes(news))
        entries = root.findall("a:entry", NS)
        assert 0 < len(entries) == len(news.items) <= follow.NEWS_ITEMS
        ids = [e.findtext("a:id", namespaces=NS) for e in entries]
        assert len(set(ids)) == len(ids)
        days = [e.findtext("a:updated", namespaces=NS) or "" for e in entries]
        assert days == sorted(days, reverse=True)  # newest first
        kinds = {c.get("term") for e in entries for c in e.findall("a:category", NS)}
        assert kinds == {"besluit", "betaling", "mijlpaal"}
        # A new payment comes on top; every item already in the feed keeps its id.
        project = funded_project(store, "5.000", "3.000", title=HOSTILE[:40])
        publish_decision(store, ORGANISER, _decisions(store, project.proposal_id)[0].id)
        book_spending(store, ORGANISER, project.proposal_id, "F-FEED-1", date(2026, 11, 23),
                      "1.234,50", "Factuur")  # fmt: skip
        again = parse_feed(feed_bytes(follow.news(store, "WK001")))  # type: ignore[arg-type]
        newest = again.findall("a:entry", NS)
        assert "Betaling: €\xa01.234,50" in (newest[0].findtext("a:title", namespaces=NS) or "")
        assert "<script>" in (newest[0].findtext("a:title", namespaces=NS) or "")  # as text
        later_ids = {e.findtext("a:id", namespaces=NS) for e in newest}
        assert set(ids[: len(ids) - 3]) <= later_ids  # the older ones kept their ids
    finally:
        store.close()


def _decisions(store: Store, proposal_id: int) -> list[Decision]:
    seat = neighbourhood_council(store)
    return [d for d in decisions(store, ORGANISER, seat.council_id) if d.proposal_id == proposal_id]


def test_a_draft_decision_is_no_news(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        funded_project(store, "5.000", "3.000", title="Geheim conceptproject")
        content = feed_bytes(follow.news(store, "WK001"))  # type: ignore[arg-type]
        assert b"Geheim conceptproject" not in content
    finally:
        store.close()


def unfold(content: bytes) -> list[str]:
    """The content lines of an iCalendar file, after checking its physical lines."""
    text = content.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert not any("\n" in line or "\r" in line for line in physical)
    assert all(len(line.encode("utf-8")) <= MAX_OCTETS for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_a_calendar_file_is_rfc_5545() -> None:
    typed = "Agenda; punt, komma \\ backslash\r\nnieuwe regel\x07 " + "één lange zin " * 12
    start = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
    content = calendar_bytes(
        "Wijkraad; test",
        [
            Event("a@wijkraad", start.date(), start, start.replace(hour=21), "Vergadering",
                  "Buurthuis, zaal 2", typed, "http://x/p?wijk=WK001\r\n"),
            Event("b@wijkraad", date(2026, 12, 17), None, None, "Zonder tijd", "", "", "http://x"),
        ],
        datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
    )  # fmt: skip
    lines = unfold(content)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    props = dict(line.split(":", 1) for line in lines if ":" in line)
    props |= dict(line.split(":", 1) for line in lines[: lines.index("END:VEVENT")])
    assert props["DTSTART"] == "20261203T183000Z"  # 19:30 in Amsterdam in winter
    assert props["DTEND"] == "20261203T203000Z"  # 21:30
    assert props["DTSTAMP"] == "20261123T100000Z"
    assert props["DTSTART;VALUE=DATE"] == "20261217"
    assert props["DTEND;VALUE=DATE"] == "20261218"
    assert props["URL"] == "http://x/p?wijk=WK001"
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))[12:]
    assert not re.search(r"(?<!\\)[;,]", description.replace("\\\\", ""))  # all escaped
    assert unescape(description) == typed.replace("\r\n", "\n").replace("\x07", "")
    assert unescape(props["LOCATION"]) == "Buurthuis, zaal 2"
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_the_meetings_of_a_neighbourhood_as_a_calendar(app_db: Path) -> None:
    con = duckdb.connect(str(app_db))
    try:
        untimed = con.execute(
            "SELECT max(meeting_id) FROM meeting_time JOIN meeting m ON m.id = meeting_id "
            "WHERE m.council_id IN (SELECT council_id FROM council_neighbourhood "
            "WHERE neighbourhood_id = 1)"
        ).fetchall()[0][0]
        con.execute("DELETE FROM meeting_time WHERE meeting_id = ?", [untimed])
    finally:
        con.close()
    store = open_store(app_db)
    try:
        agenda = follow.agenda(store, "WK001")
        assert agenda is not None and follow.agenda(store, "XX") is None
        lines = unfold(calendar_file(agenda))
        assert lines.count("BEGIN:VEVENT") == len(agenda.meetings) > 3
        uids = [line for line in lines if line.startswith("UID:")]
        assert len(set(uids)) == len(uids)
        assert uids == [
            line
            for line in unfold(calendar_file(follow.agenda(store, "WK001")))  # type: ignore[arg-type]
            if line.startswith("UID:")
        ]  # the same UIDs every time
        assert sum(line.startswith("DTSTART;VALUE=DATE:") for line in lines) == 1
        timed = [m for m in agenda.meetings if m.starts_at is not None]
        assert all(m.starts_at == time(19, 30) for m in timed)
        first = datetime.combine(timed[0].held_on, time(19, 30), AMSTERDAM).astimezone(UTC)
        assert f"DTSTART:{first:%Y%m%dT%H%M%SZ}" in lines
    finally:
        store.close()


def test_a_meeting_is_planned_with_its_time(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        seat = neighbourhood_council(store)
        day = date(2027, 1, 14)
        meeting_id = plan_meeting(store, ORGANISER, seat.council_id, day, "Wijkcentrum",
                                  "Begroting 2027", time(20, 0), time(22, 15))  # fmt: skip
        found = next(m for m in follow.agenda(store, "WK001").meetings if m.id == meeting_id)  # type: ignore[union-attr]
        assert (found.starts_at, found.ends_at, found.location) == (
            time(20, 0), time(22, 15), "Wijkcentrum",
        )  # fmt: skip
        with pytest.raises(UserError, match="later eindigen"):
            plan_meeting(store, ORGANISER, seat.council_id, day, "X", "Y", time(20), time(19))
        with pytest.raises(UserError, match="begint"):
            plan_meeting(store, ORGANISER, seat.council_id, day, "X", "Y", None, time(19))
        untimed = plan_meeting(store, ORGANISER, seat.council_id, day, "Elders", "Agenda")
        plain = next(m for m in follow.agenda(store, "WK001").meetings if m.id == untimed)  # type: ignore[union-attr]
        assert plain.starts_at is None
    finally:
        store.close()


def test_the_english_feed_and_calendar_translate_the_fixed_words_only(app_db: Path) -> None:
    """With the page's language English (`?lang=en`), the fixed words, amounts, dates and
    links are English; what people typed stays as typed."""
    store = open_store(app_db)
    try:
        project = funded_project(store, "5.000", "3.000", title="Bankjes bij de vijver")
        publish_decision(store, ORGANISER, _decisions(store, project.proposal_id)[0].id)
        book_spending(store, ORGANISER, project.proposal_id, "F-FEED-EN", date(2026, 11, 23),
                      "1.234,50", "Factuur")  # fmt: skip
        news = follow.news(store, "WK001")
        agenda = follow.agenda(store, "WK001")
        assert news is not None and agenda is not None
        with speaking("en"):
            english = parse_feed(feed_bytes(news, "https://wijkraad.example.nl"))
            calendar = unfold(calendar_file(agenda, "https://wijkraad.example.nl"))
        dutch = parse_feed(feed_bytes(news, "https://wijkraad.example.nl"))
    finally:
        store.close()
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert dutch.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    newest = english.findall("a:entry", NS)[0]
    title = newest.findtext("a:title", namespaces=NS) or ""
    assert title.startswith("Payment: €1,234.50 for Bankjes bij de vijver"), title
    assert "23 November 2026" in (newest.findtext("a:summary", namespaces=NS) or "")
    link = newest.find("a:link", NS)
    assert link is not None and link.get("href", "").endswith("&lang=en")
    self_link = next(x for x in english.findall("a:link", NS) if x.get("rel") == "self")
    assert self_link.get("href") == "https://wijkraad.example.nl/feed/WK001.atom?lang=en"
    words = " ".join(e.findtext("a:title", namespaces=NS) or "" for e in english.iter())
    assert "Besluit:" not in words and "Betaling" not in words and "Mijlpaal" not in words
    dutch_title = dutch.findall("a:entry", NS)[0].findtext("a:title", namespaces=NS) or ""
    assert dutch_title.startswith("Betaling: €\xa01.234,50 voor Bankjes bij de vijver")
    props = [line for line in calendar if line.startswith(("SUMMARY:", "DESCRIPTION:", "URL:"))]
    assert all(not p.startswith("SUMMARY:") or "Council meeting" in p for p in props), props
    assert any("The meeting is public" in p for p in props), props
    assert all(p.endswith("lang=en") for p in props if p.startswith("URL:"))
    assert calendar[calendar.index("METHOD:PUBLISH") + 1].startswith("X-WR-CALNAME:")


def test_the_fixed_addresses_serve_english_with_lang_en(app_db: Path) -> None:
    """/feed/WK001.atom?lang=en and /agenda/WK001.ics?lang=en, each with its own cache
    entry next to the Dutch one (the routes as the server mounts them)."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from dashboard.web import routes

    client = TestClient(Starlette(routes=routes.ROUTES))
    dutch = client.get("/feed/WK001.atom")
    english = client.get("/feed/WK001.atom?lang=en")
    assert dutch.status_code == english.status_code == 200
    assert english.headers["content-language"] == "en" and dutch.headers["content-language"] == "nl"
    assert b'xml:lang="en"' in english.content and b'xml:lang="nl"' in dutch.content
    calendar = client.get("/agenda/WK001.ics?lang=en")
    assert calendar.status_code == 200 and b"SUMMARY:Council meeting" in calendar.content
    assert b"SUMMARY:Vergadering wijkraad" in client.get("/agenda/WK001.ics").content
    assert client.get("/feed/WK001.atom?lang=xx").headers["content-language"] == "nl"

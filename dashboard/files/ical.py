"""A calendar file (iCalendar, RFC 5545) of council meetings, as bytes.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text
values escape backslash, semicolon, comma and line ends, and lose the control characters
the standard does not allow. Times are written in UTC (a `Z` time), which needs no time
zone definition; a meeting without a time of day is a whole-day event. Each event's UID
is stable (`atom.stable_id`) and its SEQUENCE counts the changes since it was planned, so
a calendar that subscribed replaces the meeting it has when it moves."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_OCTETS = 75
# TEXT may hold any character but the controls (a tab is allowed); line ends are escaped.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f]")  # an address holds none at all


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    starts: datetime | None  # aware; None: the whole day
    ends: datetime | None
    summary: str
    location: str
    description: str
    url: str
    cancelled: bool = False
    sequence: int = 0  # how often the event changed: a higher one replaces the one held


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, joined by CRLF and a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
            limit = MAX_OCTETS - 1  # a continuation line starts with a space
        current += ch
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def calendar_bytes(name: str, events: Sequence[Event], stamp: datetime) -> bytes:
    """The calendar `name` with `events`; `stamp` (aware) is when the file was made."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Wijkraad//Vergaderingen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Europe/Amsterdam",
    ]
    for event in events:
        lines += _event(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _event(event: Event, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{max(0, int(event.sequence))}",
    ]
    if event.starts is None:
        lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}")
    else:
        lines.append(f"DTSTART:{_utc(event.starts)}")
        if event.ends is not None:
            lines.append(f"DTEND:{_utc(event.ends)}")
    lines += [
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        f"URL:{_ANY_CONTROL.sub('', event.url)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]
    return lines


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a calendar time needs its time zone")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

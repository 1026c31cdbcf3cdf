"""An Atom feed (RFC 4287) as bytes: what a feed reader needs to follow a neighbourhood
without an account.

Written with ElementTree, so every text and attribute is escaped as XML; characters XML
1.0 cannot hold at all (control characters, unpaired surrogates) are dropped from typed
text first. Every id is a `urn:uuid:` made from what the item is (`stable_id`), so an item
keeps its id in every version of the feed and a reader never shows it twice."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Not allowed anywhere in an XML 1.0 document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# One namespace for every id the app publishes (feeds and calendars).
NAMESPACE = uuid.UUID("6f1d2c57-8a5e-4f0e-9d0a-3c2b7e5d9a41")


def stable_id(*parts: object) -> str:
    """The same `urn:uuid:` for the same parts, in every version of a feed."""
    return "urn:uuid:" + str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def xml_text(text: str) -> str:
    """`text` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", str(text))


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime  # aware
    summary: str
    link: str
    category: str  # term, e.g. "besluit"
    category_label: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    updated: datetime  # aware
    self_link: str
    page_link: str
    author: str
    rights: str
    language: str
    entries: Sequence[Entry]


def atom_bytes(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(_q("feed"), {XML_LANG: feed.language})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title, {"type": "text"})
    _text(root, "subtitle", feed.subtitle, {"type": "text"})
    _text(root, "updated", _moment(feed.updated))
    ET.SubElement(
        root,
        _q("link"),
        {"rel": "self", "type": "application/atom+xml", "href": xml_text(feed.self_link)},
    )
    ET.SubElement(
        root,
        _q("link"),
        {"rel": "alternate", "type": "text/html", "href": xml_text(feed.page_link)},
    )
    author = ET.SubElement(root, _q("author"))
    _text(author, "name", feed.author)
    _text(root, "rights", feed.rights, {"type": "text"})
    _text(root, "generator", "Wijkraad")
    for item in feed.entries:
        entry = ET.SubElement(root, _q("entry"))
        _text(entry, "id", item.id)
        _text(entry, "title", item.title, {"type": "text"})
        _text(entry, "updated", _moment(item.updated))
        _text(entry, "published", _moment(item.updated))
        ET.SubElement(
            entry,
            _q("link"),
            {"rel": "alternate", "type": "text/html", "href": xml_text(item.link)},
        )
        ET.SubElement(
            entry,
            _q("category"),
            {"term": xml_text(item.category), "label": xml_text(item.category_label)},
        )
        _text(entry, "summary", item.summary, {"type": "text"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _q(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(
    parent: ET.Element, name: str, text: str, attributes: dict[str, str] | None = None
) -> None:
    ET.SubElement(parent, _q(name), attributes or {}).text = xml_text(text)


def _moment(moment: datetime) -> str:
    """RFC 3339, as Atom wants it: with the offset, to the second."""
    if moment.tzinfo is None:
        raise ValueError("an Atom date needs its offset")
    return moment.isoformat(timespec="seconds")

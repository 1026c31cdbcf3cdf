"""Step 8 after the public draw: letters to the members, the reserves and the volunteers
who were not drawn, and the council's contact list for the organisers.

Who gets which letter:
- members: drawn and still in (selected or confirmed);
- reserves: the ranked reserve list, while it can still be used to replace someone
  (`members_closed_reason(..., replacing=True)`); after that they were simply not drawn;
- not drawn: volunteers (latest answer 'ja', by letter or at the door) on neither list.
  A public ceremony puts every volunteer it does not draw on the reserve list
  (`sortition.reserve_list`), in both methods, so this group is empty while that list
  can be used; a council drawn without a ceremony in the workspace (the demo history's
  home visits) has volunteers on no list.
Who declined, left or was replaced gets no letter from here.

Names and addresses are for the organisers of every neighbourhood of the draw
(`context`); every file of letters made and every showing of the contact list writes an
audit event with counts, never who. Contact data erased on request is never read: those
people get no letter and show without name in the contact list. The contact list also
has the phone number or e-mail address a member left when signing up online
(dashboard/services/signup.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.files import after_draw_letters as letters_doc
from dashboard.files.after_draw_letters import KINDS, MEMBER, NOT_DRAWN, RESERVE
from dashboard.services.draws.context import (
    DrawContext,
    context,
    log,
    members_closed_reason,
    require_organiser_role,
    term_of,
)
from dashboard.services.draws.invitations import (
    LetterDetails,
    check_letter_details,
    letter_settings,
)
from dashboard.store import council, draws, signups
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

SITTING = ("selected", "confirmed")
_WEBSITE = re.compile(r"^[^\s<>\"']{4,200}$")


@dataclass(frozen=True)
class LetterGroup:
    letters: int  # people with a name and address
    without_address: int  # no letter: contact data erased on request or gone


@dataclass(frozen=True)
class LetterGroups:
    groups: dict[str, LetterGroup]  # by kind: member, reserve, not_drawn
    reserves_closed: str | None  # why the reserves now get the letter for the not drawn


@dataclass(frozen=True)
class AfterDrawLetters:
    kind: str
    html: str
    mail_merge: pd.DataFrame
    without_address: int


@dataclass(frozen=True)
class ContactList:
    rows: pd.DataFrame  # nummer, naam, straat, huisnummer, postcode, woonplaats, zetel, ...
    without_contact: int


def _kind(status: object, reserves_closed: str | None) -> str | None:
    if status in SITTING:
        return MEMBER
    if status == "reserve":
        return RESERVE if reserves_closed is None else NOT_DRAWN
    if status is None or pd.isna(status):
        return NOT_DRAWN
    return None  # declined, left, replaced


def _people(cur: Unit, ctx: DrawContext) -> tuple[pd.DataFrame, str | None]:
    """The draw's people with the kind of letter each gets (`kind`), once the draw has
    members and its term has not ended."""
    if ctx.draw.purpose == "replacement":
        raise UserError(
            "Wie een vervangingsloting trekt, krijgt een plaats in de loting van de raad; "
            "maak de brieven daar."
        )
    people = draws.people_after_draw(cur, ctx.draw.id)
    if people["member_id"].isna().all():
        raise UserError("Er is nog niemand geloot. Doe eerst de openbare trekking (stap 7).")
    closed = members_closed_reason(cur, ctx, clock.today(), replacing=False)
    if closed is not None:
        raise UserError(closed)
    reserves_closed = members_closed_reason(cur, ctx, clock.today(), replacing=True)
    kinds = [_kind(s, reserves_closed) for s in people["status"].astype(object)]
    return people.assign(kind=kinds), reserves_closed


def letter_groups(store: Store, caller: Caller, draw_id: int) -> LetterGroups:
    """How many letters of each kind there are (counts only; nothing is audited)."""
    require_organiser_role(caller)
    with store.read() as cur:
        people, reserves_closed = _people(cur, context(cur, caller, draw_id))
    groups = {}
    for kind in KINDS:
        rows = people[people["kind"] == kind]
        with_address = int(rows["has_contact"].sum())
        groups[kind] = LetterGroup(with_address, len(rows) - with_address)
    return LetterGroups(groups, reserves_closed)


def _check_website(website: str) -> str:
    text = website.strip()
    if text and not _WEBSITE.match(text):
        raise UserError(
            "Het adres van de website klopt niet. Schrijf het zonder spaties, zoals "
            "www.gemeente.nl/wijkraad (of laat het leeg)."
        )
    return text


def _settings(
    cur: Unit, ctx: DrawContext, details: LetterDetails, website: str
) -> letters_doc.AfterDrawSettings:
    term = term_of(cur, ctx)
    panel = ctx.draw.purpose == "panel"
    meeting = None
    if term is not None and not panel:
        since = max(clock.today(), term.starts_on)
        planned = [
            m
            for m in council.meetings(cur, ctx.council.id)
            if m.status == "gepland" and since <= m.held_on < term.ends_on
        ]
        first = min(planned, key=lambda m: m.held_on, default=None)
        if first is not None:
            meeting = letters_doc.Meeting(first.held_on, first.location)
    return letters_doc.AfterDrawSettings(
        letter=letter_settings(cur, ctx, details),
        panel=panel,
        seats=ctx.k,
        term_starts=term.starts_on if term else None,
        term_ends=term.ends_on if term else None,
        meeting=meeting,
        website=website,
    )


def after_draw_letters(
    store: Store,
    caller: Caller,
    draw_id: int,
    kind: str,
    details: LetterDetails,
    website: str = "",
) -> AfterDrawLetters:
    """One kind of letter for everyone it goes to: printable HTML and the mail-merge
    table (names and addresses). Each file made is audited."""
    require_organiser_role(caller)
    if kind not in KINDS:
        raise UserError("Kies voor wie de brieven zijn: de leden, de reservelijst of wie niet "
                        "is geloot.")  # fmt: skip
    check_letter_details(details)
    site = _check_website(website)

    def work(cur: Unit) -> AfterDrawLetters:
        ctx = context(cur, caller, draw_id)
        people, _ = _people(cur, ctx)
        group = people[people["kind"] == kind]
        rows = group[group["has_contact"]]
        if rows.empty:
            raise UserError(
                "Voor deze groep zijn er geen brieven: er staat niemand in, of van niemand "
                "zijn naam en adres bekend."
            )
        settings = _settings(cur, ctx, details, site)
        missing = len(group) - len(rows)
        log(cur, caller, "draw.after_letters", draw_id,
            {"kind": kind, "letters": len(rows), "without_address": missing})  # fmt: skip
        return AfterDrawLetters(
            kind,
            letters_doc.letters_html(kind, rows, settings),
            letters_doc.mail_merge_frame(kind, rows, settings),
            missing,
        )

    return store.write(work)


_SEAT = {"council": "geloot", "rotation": "geloot", "panel": "wijkpanel"}
_STATUS = {"selected": "nog niet bevestigd", "confirmed": "bevestigd"}
NO_CONTACT = "Geen naam en adres: gewist op verzoek of niet meer bewaard"
CONTACT_COLUMNS = (
    "nummer", "naam", "straat", "huisnummer", "postcode", "woonplaats", "wijk", "telefoon",
    "e-mail", "zetel", "status", "opmerking",
)  # fmt: skip


def contact_list(store: Store, caller: Caller, draw_id: int) -> ContactList:
    """The council from this draw with names and addresses, and the phone number or e-mail
    address left with an online sign-up, for inviting it (personal data): its members
    still in, then the appointed seats of its term. Each showing or download is audited."""
    require_organiser_role(caller)

    def work(cur: Unit) -> ContactList:
        ctx = context(cur, caller, draw_id)
        people, _ = _people(cur, ctx)
        members = people[people["kind"] == MEMBER]
        members = members.iloc[sorted(range(len(members)), key=lambda i: _sort_name(members, i))]
        reach = signups.contacts_in_draw(cur, draw_id)
        rows = [_member_row(ctx, m, reach) for m in members.to_dict("records")]
        online = sum(1 for row in rows if row["telefoon"] or row["e-mail"])
        rows += _appointed_rows(cur, ctx)
        missing = int((~members["has_contact"]).sum())
        log(cur, caller, "draw.contact_list", draw_id,
            {"members": len(members), "appointed": len(rows) - len(members),
             "without_contact": missing, "online_contacts": online})  # fmt: skip
        return ContactList(pd.DataFrame(rows, columns=list(CONTACT_COLUMNS)), missing)

    return store.write(work)


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _sort_name(members: pd.DataFrame, i: int) -> tuple[str, str]:
    """Dutch order: by last name without its prefix ('van Dam' under D), then first name."""
    last, first = (_text(members[c].iloc[i]) for c in ("achternaam", "voornaam"))
    words = last.split()
    while len(words) > 1 and words[0].islower():
        words.pop(0)
    return " ".join(words).lower(), first.lower()


def _member_row(
    ctx: DrawContext, m: dict[str, object], reach: dict[int, signups.SignupContact]
) -> dict[str, object]:
    known = bool(m["has_contact"])
    online = reach.get(int(str(m["resident_id"])))

    def field(name: str) -> str:
        return _text(m[name]) if known else ""

    return {
        "nummer": ctx.bundle_id(int(str(m["resident_id"]))),
        "naam": f"{field('voornaam')} {field('achternaam')}".strip(),
        "straat": field("straat"),
        "huisnummer": field("huisnummer"),
        "postcode": field("postcode"),
        "woonplaats": field("woonplaats"),
        "wijk": _text(m["wijk"]),
        "telefoon": (online.phone or "") if online else "",
        "e-mail": (online.email or "") if online else "",
        "zetel": _SEAT.get(ctx.draw.purpose, "geloot"),
        "status": _STATUS[str(m["status"])],
        "opmerking": "" if known else NO_CONTACT,
    }


def _appointed_rows(cur: Unit, ctx: DrawContext) -> list[dict[str, object]]:
    """The appointed seats of the draw's term that are taken (by role, no names)."""
    term = term_of(cur, ctx)
    if term is None or ctx.draw.purpose != "council":
        return []
    day = max(clock.today(), term.starts_on)
    return [
        {**dict.fromkeys(CONTACT_COLUMNS, ""), "naam": s.appointed_role, "zetel": "benoemd",
         "status": "benoemd"}
        for s in draws.seats(cur, ctx.council.id)
        if s.term_id == term.id and s.kind == "appointed" and (s.ends_on is None or s.ends_on > day)
    ]  # fmt: skip

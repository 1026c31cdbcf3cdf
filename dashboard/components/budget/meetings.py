"""Tab *Vergaderingen*: planning a meeting, moving a planned one (another day, time or
place), its attendance list (which marks it held), the decisions taken in it, and its
minutes: a draft, published for residents, corrected only as a new version. Members'
names are for the organisers; residents see a count."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pandas as pd
import streamlit as st

from dashboard.components.budget.decisions import MEETING_KEY
from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.components.text import plain, plain_lines
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.domain.money import euro
from dashboard.services.budget.decisions import plan_meeting
from dashboard.services.budget.meetings import (
    MeetingChange,
    MeetingLine,
    MeetingRecord,
    MinutesVersion,
    SeatedMember,
    change_meeting,
    meeting_lines,
    meeting_record,
    publish_minutes,
    record_attendance,
    save_minutes,
)
from sortition import clock
from sortition.clock import AMSTERDAM

KEEPING_KEY = "vergadering_bijhouden"  # the meeting whose attendance and minutes are kept
CHANGING_KEY = "vergadering_wijzigen"  # the planned meeting being moved


def render(page: BookPage) -> None:
    lines = meeting_lines(page.db, page.caller, page.view.meetings)
    _overview(lines)
    _plan(page)
    _change(page, lines)
    held = [line.meeting for line in lines if line.meeting.held_on <= clock.today()][::-1]
    if not held:
        return
    st.markdown("**Vergadering bijhouden**: presentielijst, besluiten en notulen")
    chosen = st.selectbox(
        "Vergadering",
        [m.id for m in held],
        format_func=lambda i: next(
            f"{m.held_on:%d-%m-%Y} · {m.location}" for m in held if m.id == i
        ),
        key=KEEPING_KEY,
    )
    try:
        record = meeting_record(page.db, page.caller, int(chosen))
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    _attendance(page, record)
    _decisions(page, record)
    _minutes(page, record)


def _minutes_state(line: MeetingLine) -> str:
    if line.minutes_version is None:
        return "nog niet geschreven"
    if line.minutes_published:
        return f"gepubliceerd (versie {line.minutes_version})"
    if line.minutes_version > 1:
        return f"correctie in concept (versie {line.minutes_version})"
    return "concept"


def _overview(lines: list[MeetingLine]) -> None:
    shown = lines[::-1]  # the latest first
    st.dataframe(
        pd.DataFrame(
            {
                "Datum": [line.meeting.held_on.strftime("%d-%m-%Y") for line in shown],
                "Tijd": [_time_of(line) for line in shown],
                "Plaats": [line.meeting.location for line in shown],
                "Status": [line.meeting.status for line in shown],
                "Aanwezig": [str(line.attended) if line.attended else "" for line in shown],
                "Notulen": [_minutes_state(line) for line in shown],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _time_of(line: MeetingLine) -> str:
    if line.starts_at is None:
        return ""
    end = f"-{line.ends_at:%H:%M}" if line.ends_at is not None else ""
    return f"{line.starts_at:%H:%M}{end}"


def _plan(page: BookPage) -> None:
    view = page.view
    with st.form(form_key("vergadering")):
        st.markdown("**Vergadering plannen of vastleggen**")
        c1, c2, c3, c4 = st.columns([2, 1, 1, 3])
        held_on = c1.date_input("Datum", clock.today(), format="DD-MM-YYYY")
        starts = c2.time_input("Begint om", time(19, 30), step=900)
        ends = c3.time_input("Eindigt om", time(21, 30), step=900)
        place = c4.text_input("Plaats", placeholder="Buurthuis")
        agenda = st.text_area("Agenda")
        st.caption(
            "Bewoners zien de datum, de tijd, de plaats en de agenda, en kunnen de "
            "vergadering in hun agenda zetten."
        )
        if st.form_submit_button("Vergadering opslaan"):
            if not view.council_ids:
                st.error("Deze wijk heeft nog geen wijkraad.")
            elif first_submission("vergadering"):
                attempt(
                    lambda: _plan_and_choose(page, held_on, place, agenda, (starts, ends)),
                    "De vergadering is opgeslagen.",
                )


def _change(page: BookPage, lines: list[MeetingLine]) -> None:
    """Move a planned meeting that has not taken place: another day, time or place."""
    today = clock.today()
    planned = {
        line.meeting.id: line
        for line in lines
        if line.meeting.status == "gepland" and line.meeting.held_on >= today
    }
    if not planned:
        return
    st.markdown("**Geplande vergadering verplaatsen of wijzigen**")
    chosen = st.selectbox(
        "Welke vergadering?",
        list(planned),
        format_func=lambda i: (
            f"{planned[i].meeting.held_on:%d-%m-%Y} · {planned[i].meeting.location}"
        ),
        key=CHANGING_KEY,
    )
    line = planned[int(chosen)]
    meeting = line.meeting
    with st.form(form_key(f"wijzigen_{meeting.id}")):
        c1, c2, c3, c4 = st.columns([2, 1, 1, 3])
        held_on = c1.date_input("Nieuwe datum", meeting.held_on, format="DD-MM-YYYY")
        starts = c2.time_input("Begint om", line.starts_at, step=900)
        ends = c3.time_input("Eindigt om", line.ends_at, step=900)
        place = c4.text_input("Plaats", meeting.location)
        agenda = st.text_area("Agenda", meeting.agenda)
        st.caption(
            "Bewoners zien meteen de nieuwe datum, tijd en plaats. Wie de vergaderingen in "
            "de agenda op telefoon of computer heeft (abonnement), krijgt de wijziging vanzelf: "
            "dezelfde afspraak schuift mee. Een vergadering die al is gehouden, verandert niet."
        )
        if st.form_submit_button("Wijziging opslaan") and first_submission(
            f"wijzigen_{meeting.id}"
        ):
            change = MeetingChange(held_on, starts, ends, place, agenda)
            attempt(
                lambda: change_meeting(page.db, page.caller, meeting.id, change),
                "De vergadering is gewijzigd. Bewoners en hun agenda's zien de nieuwe datum, "
                "tijd en plaats.",
            )


def _plan_and_choose(
    page: BookPage,
    held_on: date,
    place: str,
    agenda: str,
    hours: tuple[time | None, time | None] = (None, None),
) -> int:
    """Plan the meeting; one already held is then the meeting chosen for the attendance
    list, the minutes and a decision (the pickers kept the meeting chosen before, so the
    attendance of the meeting just recorded went to an earlier one when not changed)."""
    meeting_id = plan_meeting(
        page.db, page.caller, page.view.council_ids[0], held_on, place, agenda, *hours
    )
    if held_on <= clock.today():
        st.session_state[KEEPING_KEY] = meeting_id
        st.session_state[MEETING_KEY] = meeting_id
    return meeting_id


def _member_label(member: SeatedMember) -> str:
    if member.kind == "appointed":
        who = f"{member.appointed_role or 'Benoemd lid'} (benoemd)"
    else:
        who = f"{member.name or f'Geloot lid, zetel {member.seat_id} (naam gewist)'} (geloot)"
    return plain(who + (", voorzitter" if member.is_chair else ""))


def _attendance(page: BookPage, record: MeetingRecord) -> None:
    meeting_id = record.meeting.id
    seated = {m.seat_id for m in record.seated}
    with st.form(form_key(f"presentie_{meeting_id}")):
        st.markdown("**Presentielijst**")
        st.caption(
            "Vink aan wie er was. De namen ziet alleen u; bewoners zien bij de notulen "
            "alleen hoeveel leden er waren. Met de lijst staat de vergadering op gehouden."
        )
        strangers = record.attended - seated
        if strangers:
            st.warning(
                f"Op de lijst staan {len(strangers)} zetels die op deze dag niet in de raad "
                "zaten; die gaan eraf als u de lijst vastlegt."
            )
        columns = st.columns(3)
        ticked = [
            member.seat_id
            for number, member in enumerate(record.seated)
            if columns[number % 3].checkbox(
                _member_label(member),
                value=member.seat_id in record.attended,
                key=form_key(f"aanwezig_{meeting_id}_{member.seat_id}"),
            )
        ]
        if not record.seated:
            st.info("Op deze dag had de raad geen leden met een zetel.")
        if st.form_submit_button("Presentielijst vastleggen") and first_submission(
            f"presentie_{meeting_id}"
        ):
            attempt(
                lambda: record_attendance(page.db, page.caller, meeting_id, ticked),
                lambda n: f"De presentielijst is vastgelegd: {n} leden aanwezig.",
            )


def _decisions(page: BookPage, record: MeetingRecord) -> None:
    st.markdown("**Besluiten in deze vergadering** (komen vanzelf bij de notulen)")
    if not record.decisions:
        st.caption("In deze vergadering is (nog) geen besluit vastgelegd.")
        return
    projects = page.projects
    st.dataframe(
        pd.DataFrame(
            {
                "Soort": [d.kind for d in record.decisions],
                "Voorstel": [
                    page.project_label(d.proposal_id) if d.proposal_id in projects else ""
                    for d in record.decisions
                ],
                "Bedrag": ["" if d.amount is None else euro(d.amount) for d in record.decisions],
                "Voor/tegen/onth.": [
                    f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}" for d in record.decisions
                ],
                "Aanwezig": [d.members_present for d in record.decisions],
                "Status": [d.status for d in record.decisions],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _minutes(page: BookPage, record: MeetingRecord) -> None:
    meeting_id = record.meeting.id
    latest, published = record.latest, record.published
    st.markdown("**Notulen**")
    if published is not None:
        st.caption(
            f"Gepubliceerd: versie {published.version}, "
            f"{_when(published.published_at)} door {plain(published.published_by or '')}, "
            f"met {published.members_present} leden aanwezig."
        )
        if published.members_present != len(record.attended):
            st.warning(
                f"De presentielijst telt nu {len(record.attended)} leden; de gepubliceerde "
                f"notulen noemen er {published.members_present}. Publiceer een nieuwe versie "
                "om dat voor bewoners te verbeteren."
            )
    correcting = latest is not None and latest.published
    with st.form(form_key(f"notulen_{meeting_id}")):
        text = st.text_area(
            "Notulen",
            value=latest.text if latest else "",
            height=220,
            help="De notulen zijn openbaar: schrijf in gewone woorden wat er besproken is, "
            "zonder namen van gelote leden of bewoners. De besluiten komen er vanzelf bij.",
        )
        reason = ""
        if correcting or (latest is not None and latest.version > 1):
            reason = st.text_input(
                "Wat verbetert u en waarom? (verplicht bij een correctie: een nieuwe versie)",
                value="" if correcting or latest is None else latest.correction_reason or "",
            )
        if st.form_submit_button("Notulen opslaan als concept") and first_submission(
            f"notulen_{meeting_id}"
        ):
            attempt(
                lambda: save_minutes(page.db, page.caller, meeting_id, text, reason),
                lambda v: (
                    f"Versie {v} van de notulen is opgeslagen als concept. "
                    "Publiceer de notulen om ze aan bewoners te laten zien."
                ),
            )
    draft = latest is not None and not latest.published
    if draft and st.button("Notulen publiceren", key=form_key(f"publiceren_{meeting_id}")):
        attempt(
            lambda: publish_minutes(page.db, page.caller, meeting_id),
            lambda v: f"Versie {v} van de notulen is gepubliceerd.",
        )
    if len(record.minutes) > 1 or (latest is not None and latest.published):
        _history(record.minutes)


def _when(moment: datetime | None) -> str:
    """ "vandaag om 14:35" or "op 24-11-2026 om 14:35" (stored moments are naive UTC)."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)
    day = "vandaag" if local.date() == clock.today() else f"op {local:%d-%m-%Y}"
    return f"{day} om {local:%H:%M}"


def _history(versions: list[MinutesVersion]) -> None:
    with st.expander(f"Alle versies ({len(versions)})"):
        for version in reversed(versions):
            state = (
                f"gepubliceerd {_when(version.published_at)} door "
                f"{plain(version.published_by or '')}"
                if version.published_at
                else "concept"
            )
            st.markdown(
                f"**Versie {version.version}** · geschreven {_when(version.written_at)} "
                f"door {plain(version.written_by)} · {state}"
            )
            if version.correction_reason:
                st.caption("Correctie: " + plain(version.correction_reason))
            st.markdown(plain_lines(version.text))

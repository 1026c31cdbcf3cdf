"""Step 4 of a draw: the answers to the letters (registrations, typed in or imported from
a CSV) and how each group responds compared with the neighbourhood.

A registration is a `response` on the letter's invitation, found by the letter's code.
Answering twice the same way changes nothing. Until the selection is prepared (the
fingerprint), a different later answer is a correction or a withdrawal: it is stored as a
new response and counts, the earlier one stays as its trace. After that, the volunteers
are fixed and a withdrawal is a decline in step 8.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.models import Invitation, Response
from dashboard.files import csv_check
from dashboard.services.draws import context as draw_context
from dashboard.services.draws.context import (
    ANSWER_LABELS,
    Answers,
    DrawContext,
    check_answers,
    context,
    log,
    read_context,
    require_open,
    require_organiser_role,
)
from dashboard.store import draws, signups
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock, csv_records

REGISTRATION_OUTCOMES = {"ja": "ja", "j": "ja", "yes": "ja", "nee": "nee", "n": "nee", "no": "nee"}
CSV_COLUMNS = {
    "code": ("code", "lettercode", "briefcode"),
    "outcome": ("antwoord", "aanmelding", "outcome"),
    "age_band": ("leeftijd", "leeftijdsgroep", "age_band"),
    "gender": ("geslacht", "gender"),
    "education": ("opleiding", "education"),
    "tenure": ("woonsituatie", "tenure"),
    "part_code": ("buurt", "buurtcode", "part_code"),
    "origin": ("herkomst", "origin"),
}
MAX_CSV_BYTES = 2_000_000


@dataclass(frozen=True)
class Registration:
    code: str
    outcome: str  # ja, nee
    answers: Answers
    line: int = 0  # in a CSV file; 0 for the form


def normal_code(code: str) -> str:
    """A letter code as typed or pasted: case, spaces, the dash (or another separator) do
    not matter ('k7qm 2xhd', 'K7QM2XHD' and 'K7QM-2XHD' all read 'K7QM2XHD')."""
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def confirmation_number(draw_id: int, response_id: int) -> str:
    """The number a resident keeps after signing up online, and finds the organisers
    quote in step 4: the draw and the registration."""
    return f"{draw_id}-{response_id}"


def _same(stored: Response, outcome: str, answers: Answers) -> bool:
    return stored.outcome == outcome and all(
        getattr(stored, key) == value for key, value in answers.__dict__.items()
    )


def _apply(
    cur: Unit,
    ctx: DrawContext,
    by_code: dict[str, Invitation],
    previous: dict[int, Response],
    registration: Registration,
    at: datetime,
) -> _Stored | None:
    """Store one registration; None when it was already stored the same way."""
    where = f"Regel {registration.line}: " if registration.line else ""
    found = by_code.get(normal_code(registration.code))
    if found is None:
        raise UserError(f"{where}code '{registration.code}' hoort bij geen brief van deze loting.")
    if registration.outcome not in ("ja", "nee"):
        raise UserError(f"{where}het antwoord moet ja of nee zijn.")
    try:
        answers = check_answers(cur, ctx, registration.answers)
    except UserError as exc:  # which line of the file
        raise UserError(f"{where}{exc}") from exc
    if registration.outcome == "nee":
        answers = Answers()
    stored = previous.get(found.id)
    if stored is not None and _same(stored, registration.outcome, answers):
        return None
    # Who in the household signed up online stays who the answer is about.
    signer = None if stored is None else stored.resident_id
    response_id = draws.add_response(
        cur,
        ctx.draw.id,
        {
            "invitation_id": found.id,
            "answered_at": at,
            "outcome": registration.outcome,
            **answers.__dict__,
            "resident_id": signer,
        },
    )
    previous[found.id] = Response(response_id, found.id, at, registration.outcome,
                                  **answers.__dict__, resident_id=signer)  # fmt: skip
    if stored is None:
        return _Stored(None)
    return _Stored(_change_note(found.letter_code, stored, registration.outcome))


@dataclass(frozen=True)
class _Stored:
    """A registration stored: a first answer (`change` None), or a correction or a
    withdrawal of an earlier answer, said for the organiser."""

    change: str | None


def _change_note(code: str | None, earlier: Response, now: str) -> str:
    """What a changed answer did, for the organiser."""
    before = f"eerder {earlier.outcome}, {earlier.answered_at:%d-%m-%Y}"
    if earlier.outcome == "ja" and now == "nee":
        return f"Code {code} trekt zich terug ({before}); telt niet meer mee."
    return f"Code {code}: antwoord gewijzigd in {now} ({before})."


def _letters_only(ctx: DrawContext) -> None:
    if ctx.draw.method != "two_stage":
        raise UserError(
            "Bij de directe methode legt u huisbezoeken vast, geen aanmeldingen op brieven."
        )


@dataclass(frozen=True)
class RecordedAnswers:
    added: int
    already_known: int
    changes: tuple[str, ...] = ()  # corrections and withdrawals of earlier answers


def record_registrations(
    store: Store,
    caller: Caller,
    draw_id: int,
    registrations: list[Registration],
    problems_in_file: tuple[str, ...] = (),
) -> RecordedAnswers:
    """Store registrations all together, or none of them when one is refused (every
    refusal is named, each with its line, together with `problems_in_file`: the lines of
    the file that could not be read)."""
    require_organiser_role(caller)
    if not registrations and not problems_in_file:
        raise UserError("Er zijn geen aanmeldingen om vast te leggen.")

    def work(cur: Unit) -> RecordedAnswers:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        if ctx.draw.commitment is not None:
            raise UserError(
                "De selectie is al voorbereid (de controlecode is gemaakt): de aanmeldingen "
                "liggen vast. Trekt iemand zich terug, leg dat na de trekking vast als "
                "afzegging in stap 8; moet er voor de trekking iets veranderen, maak dan bij "
                "stap 6 de voorbereiding ongedaan."
            )
        _letters_only(ctx)
        draws.set_stage(cur, draw_id, "registration")
        by_code = {normal_code(c): i for c, i in draws.invitations_by_code(cur, draw_id).items()}
        previous: dict[int, Response] = {}
        for response in draws.responses(cur, draw_id):
            previous[response.invitation_id] = response
        at = clock.utc_naive_now()
        added, changes, problems = 0, [], list(problems_in_file)
        for registration in registrations:  # every refusal with its line, then none stored
            try:
                stored = _apply(cur, ctx, by_code, previous, registration, at)
            except UserError as exc:
                problems.append(str(exc))
                continue
            if stored is not None and stored.change is None:
                added += 1
            elif stored is not None and stored.change:
                changes.append(stored.change)
        if problems:
            raise _refusal(problems)
        known = len(registrations) - added - len(changes)
        if added or changes:
            log(cur, caller, "draw.registrations", draw_id,
                {"added": added, "changed": len(changes), "already_known": known})  # fmt: skip
        return RecordedAnswers(added, known, tuple(changes))

    return store.write(work)


def record_registration(
    store: Store, caller: Caller, draw_id: int, code: str, outcome: str, answers: Answers
) -> RecordedAnswers:
    """One registration from the form."""
    require_organiser_role(caller)
    if not code.strip():
        raise UserError("Vul de code uit de brief in.")
    registration = Registration(code, REGISTRATION_OUTCOMES.get(outcome.strip().lower(), ""),
                                answers)  # fmt: skip
    return record_registrations(store, caller, draw_id, [registration])


def _parse_registrations(data: bytes) -> tuple[list[Registration], list[str]]:
    """The registrations in a CSV file that could be read, and the problems with its other
    lines; a file that cannot be read as a whole is refused."""
    text = _registrations_text(data)
    first = text.splitlines()[0]
    delimiter = max((";", ",", "\t"), key=first.count)  # ties: ';' (Dutch Excel)
    # Line ends of any kind (a lone CR too, as old spreadsheets write them).
    reader = csv_records.records(text, delimiter)
    positions = _registration_columns(reader)
    registrations, problems = _read_registrations(reader, positions)
    repeated = _repeated_codes(registrations)
    problems += [problem for _, problem in repeated]
    again = {line for line, _ in repeated}
    registrations = [r for r in registrations if r.line not in again]
    if not registrations and not problems:
        raise UserError("Het bestand bevat geen aanmeldingen.")
    return registrations, problems


def _registration_columns(reader: Iterator[csv_records.Record]) -> dict[str, int]:
    """Each known column's position in the first line; code and antwoord are required."""
    try:
        header_record = next(reader)
    except csv_records.UnreadableRecord as exc:
        raise UserError(csv_check.span_message(csv_check.unreadable_span(exc))) from exc
    if not header_record.whole:
        raise UserError(csv_check.span_message(_span(header_record)))
    header = [h.strip().lower() for h in header_record.cells]
    positions: dict[str, int] = {}
    for key, aliases in CSV_COLUMNS.items():
        found = next((i for i, name in enumerate(header) if name in aliases), None)
        if found is not None:
            positions[key] = found
    missing = [CSV_COLUMNS[k][0] for k in ("code", "outcome") if k not in positions]
    if missing:
        raise UserError(
            f"Kolommen ontbreken: {', '.join(missing)}. Verwacht: code, antwoord, en verder "
            "naar keuze leeftijd, geslacht, opleiding, woonsituatie, buurt, herkomst."
        )
    return positions


def _read_registrations(
    reader: Iterator[csv_records.Record], positions: dict[str, int]
) -> tuple[list[Registration], list[str]]:
    """The registrations after the header and the problems with the other lines."""
    registrations: list[Registration] = []
    problems: list[str] = []
    try:
        for record in reader:
            if not record.whole:  # a stray quote: the lines up to the next one, one row
                problems.append(csv_check.span_message(_span(record)))
                continue
            found_problem = _registration(record, positions)
            if isinstance(found_problem, str):
                problems.append(found_problem)
            elif found_problem is not None:
                registrations.append(found_problem)
    except csv_records.UnreadableRecord as exc:  # nothing after it can be read
        problems.append(csv_check.span_message(csv_check.unreadable_span(exc)))
    return registrations, problems


def _repeated_codes(registrations: list[Registration]) -> list[tuple[int, str]]:
    """The line and a problem for each letter code that is on an earlier line too."""
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}  # a dict, not list.count: 2 MB of codes in linear time
    for r in registrations:
        code = normal_code(r.code)
        if code in first_line:
            problems.append(
                (r.line, f"Regel {r.line}: code {code} staat ook op regel {first_line[code]}.")
            )
        else:
            first_line[code] = r.line
    return problems


def _registrations_text(data: bytes) -> str:
    if len(data) > MAX_CSV_BYTES:
        raise UserError("Het bestand is groter dan 2 MB; dat zijn geen aanmeldingen.")
    if not data.strip():
        raise UserError("Het bestand is leeg.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text": UTF-16 with tabs.
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise UserError("Dit is geen CSV-bestand. Sla de aanmeldingen op als CSV.")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():  # a byte-order mark alone
        raise UserError("Het bestand is leeg.")
    return text


def _registration(
    record: csv_records.Record, positions: dict[str, int]
) -> Registration | str | None:
    """One row: a registration, the problem with it (with its line), or None when empty."""
    line, cells = record.first_line, record.cells
    if not any(cell.strip() for cell in cells):
        return None
    cell = {k: (cells[i].strip() if i < len(cells) else "") for k, i in positions.items()}
    for key, value in cell.items():
        label = CSV_COLUMNS[key][0]
        problem = csv_check.cell_problem(value, label, csv_check.REGISTRATIONS[key])
        if problem:
            return f"Regel {line}: {problem}."
    outcome = REGISTRATION_OUTCOMES.get(cell["outcome"].lower())
    if outcome is None:
        return f"Regel {line}: antwoord '{cell['outcome']}' is geen ja of nee."
    if not cell["code"]:
        return f"Regel {line}: de code ontbreekt."
    answers = Answers(**{k: cell.get(k) or None for k in ANSWER_LABELS})
    return Registration(cell["code"], outcome, answers, line)


def _span(record: csv_records.Record) -> csv_records.Span:
    return csv_records.Span(record.first_line, record.last_line, record.closed)


def _line_of(problem: str) -> float:
    found = re.match(r"Regel (\d+)", problem)
    return int(found.group(1)) if found else float("inf")


def _refusal(problems: list[str]) -> UserError:
    """Every problem of the file at once, in the order of its lines; nothing was stored."""
    problems = sorted(problems, key=_line_of)
    if len(problems) == 1:
        return UserError(problems[0])
    return UserError(
        f"Er is niets vastgelegd: het bestand heeft {len(problems)} problemen. "
        + csv_check.listing(problems)
    )


def import_registrations(
    store: Store, caller: Caller, draw_id: int, data: bytes
) -> RecordedAnswers:
    """A CSV of registrations: every row checked first; one bad row stores nothing."""
    require_organiser_role(caller)
    read_context(store, caller, draw_id)
    registrations, problems = _parse_registrations(data)
    return record_registrations(store, caller, draw_id, registrations, tuple(problems))


# The registrations as they came in ---------------------------------------------------------------

ONLINE, FORM = "online", "formulier"


@dataclass(frozen=True)
class RegistrationList:
    """Every letter with an answer, the answer that counts first (latest first): `rows`
    with code, outcome, answered_at (UTC), via (online or formulier), confirmation (of an
    online one) and changed (a correction or withdrawal came after a first answer). No
    names, no phone numbers or e-mail addresses."""

    rows: pd.DataFrame
    answers: dict[str, int]  # per channel: letters whose answer that counts came that way
    yes: dict[str, int]  # per channel: of those, how many say yes


def registration_list(store: Store, caller: Caller, draw_id: int) -> RegistrationList:
    """The registrations on the draw's letters, those sent online next to those an
    organiser recorded."""
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        found = signups.registrations(cur, draw_id)
    via = [ONLINE if c == signups.ONLINE else FORM for c in found["channel"]]
    rows = pd.DataFrame(
        {
            "code": found["code"].astype(str),
            "outcome": found["outcome"].astype(str),
            "answered_at": found["answered_at"],
            "via": via,
            "confirmation": [
                confirmation_number(draw_id, int(r)) if v == ONLINE else ""
                for r, v in zip(found["response_id"], via, strict=True)
            ],
            "changed": found["answers"] > 1,
        }
    )
    yes = rows[rows["outcome"] == "ja"]
    return RegistrationList(
        rows,
        {c: int((rows["via"] == c).sum()) for c in (ONLINE, FORM)},
        {c: int((yes["via"] == c).sum()) for c in (ONLINE, FORM)},
    )


# Response by group -------------------------------------------------------------------------------


def response_by_group(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    """Per feature and group: eligible residents in the extract, invited, answers, and the
    rates and shares that compare the volunteers with the neighbourhood."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        table = draws.group_table(cur, draw_id, ctx.reference_date, ctx.min_age)
    if table.empty:
        return table
    table = table[~((table["feature"] == "education") & (table["value"] == "onbekend"))].copy()
    by_feature = table.groupby("feature")
    table["neighbourhood_share"] = table["eligible"] / by_feature["eligible"].transform("sum")
    yes_total = by_feature["yes"].transform("sum")
    table["volunteer_share"] = (table["yes"] / yes_total).where(yes_total > 0)
    table["response_rate"] = (table["yes"] / table["invited"]).where(table["invited"] > 0)
    decided = table["yes"] + table["no"]
    table["refusal_rate"] = (table["no"] / decided).where(decided > 0)
    return table.reset_index(drop=True)


def answer_choices(store: Store, caller: Caller, draw_id: int) -> dict[str, dict[str, str]]:
    """The values each registration question accepts for this draw, each with how it
    reads: a buurt by its name (its code is stored), the other values as they are."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        values = draw_context.answer_choices(cur, ctx)
        names = draw_context.part_names(cur, ctx)
    return {
        key: {v: names.get(v, v) if key == "part_code" else v for v in accepted}
        for key, accepted in values.items()
    }

"""The budget book's services on the demo municipality, on both backends: a real DuckDB file
and PostgreSQL (tests/backends.py)."""

from __future__ import annotations

import io
import threading
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.consultations import record_consultation
from dashboard.services.budget.decisions import DecisionInput, publish_decision, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.proposals import (
    ProposalInput,
    add_theme,
    parse_location,
    review_proposal,
    submit_proposal,
    theme_names,
)
from dashboard.services.budget.spending import (
    BookingResult,
    allocations_of,
    book_spending,
    reverse_allocation,
    reverse_spending,
)
from dashboard.services.budget.spending_import import import_spending
from dashboard.services.budget.view import book_view
from dashboard.services.budget.year_end import close_year
from dashboard.store import audit, budget, council, monitor, proposals
from dashboard.store.db import Store
from dashboard.store.rows import first_row
from sortition import clock

D = Decimal


@pytest.fixture
def store(demo_store: Store) -> Store:
    return demo_store


@pytest.fixture
def hood(store: Store) -> dict[str, int]:
    """Neighbourhood 1 with its council, a past meeting and a fresh budget of € 50.000."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        meeting = next(m for m in reversed(council.meetings(cur, council_id))
                       if m.held_on <= clock.today())  # fmt: skip
        theme = next(iter(proposals.themes(cur)))
    organiser = Caller("org", Role.ORGANISER, frozenset({1}))
    envelope = add_envelope(store, organiser, 1, 2026, "fonds", "50.000", "Testfonds")
    return {"council": council_id, "meeting": meeting.id, "theme": theme, "envelope": envelope}


ORGANISER = Caller("org", Role.ORGANISER, frozenset({1}))
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({2}))
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)


def count(store: Store, table: str) -> int:
    with store.read() as cur:
        row = first_row(cur, f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


def submit(store: Store, hood: dict[str, int], amount: str = "12.000") -> int:
    return submit_proposal(
        store,
        ORGANISER,
        ProposalInput(1, "Speeltuin opknappen", "Nieuwe toestellen voor de speeltuin.",
                           "bewoner", amount, [hood["theme"]], council_id=hood["council"]),
    )  # fmt: skip


def grant(store: Store, hood: dict[str, int], proposal_id: int, amount: str = "10.000") -> int:
    return record_decision(
        store,
        ORGANISER,
        DecisionInput(hood["council"], hood["meeting"], "toekennen", 9, 2, 1, 12,
                           "Veel kinderen spelen hier; het plan is goed uitgewerkt.",
                           proposal_id=proposal_id, amount=amount, envelope_id=hood["envelope"],
                           consultation_method="wijkpanel"),
    )  # fmt: skip


def test_the_public_and_other_organisers_cannot_book(store: Store, hood: dict[str, int]) -> None:
    before = count(store, "budget_envelope")
    for caller in (PUBLIC, ALDERMAN, OTHER_ORGANISER):
        with pytest.raises(PermissionDenied):
            add_envelope(store, caller, 1, 2026, "fonds", "10", "Poging")
        with pytest.raises(PermissionDenied):
            submit_proposal(
                store, caller, ProposalInput(1, "T", "D", "bewoner", "1", [hood["theme"]])
            )
    assert count(store, "budget_envelope") == before


def test_a_proposal_gets_a_reference_a_status_and_an_audit_event(
    store: Store, hood: dict[str, int]
) -> None:
    proposal_id = submit(store, hood)
    with store.read() as cur:
        found = proposals.proposal(cur, proposal_id)
        events = audit.events(cur)
    assert found is not None and found.status == "ingediend"
    assert found.external_ref.startswith(f"WR-{clock.today().year}-")
    assert found.requested_amount == D("12000.00")
    assert events[-1].action == "proposal.submit" and events[-1].actor == "org"
    assert audit.verify_chain(events) == []


@pytest.mark.parametrize(
    ("title", "amount", "themes", "message"),
    [
        ("", "10", True, "titel"),
        ("Bankjes", "-5", True, "negatief"),
        ("Bankjes", "1.234,5x", True, "geen bedrag"),
        ("Bankjes", "10", False, "thema"),
    ],
)
def test_bad_proposals_are_refused_and_change_nothing(
    store: Store, hood: dict[str, int], title: str, amount: str, themes: bool, message: str
) -> None:
    before = count(store, "proposal")
    with pytest.raises(UserError, match=message):
        submit_proposal(
            store,
            ORGANISER,
            ProposalInput(1, title, "Omschrijving", "bewoner", amount,
                               [hood["theme"]] if themes else []),
        )  # fmt: skip
    assert count(store, "proposal") == before


def test_a_rejected_review_needs_a_written_reason(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    with pytest.raises(UserError, match="reden van afwijzing"):
        review_proposal(store, ORGANISER, proposal_id, False, "Niet haalbaar", None, "")
    review_proposal(
        store, ORGANISER, proposal_id, False, "Niet haalbaar", "900",
        "Dit is een taak van de gemeente zelf.",
    )  # fmt: skip
    with store.read() as cur:
        found = proposals.proposal(cur, proposal_id)
        history = monitor.status_steps(cur, [proposal_id])
    assert found is not None and found.status == "afgewezen"
    assert found.rejection_reason == "Dit is een taak van de gemeente zelf."
    assert [h.to_status for h in history] == ["ingediend", "in behandeling", "afgewezen"]


def test_a_decision_allocates_money_that_counts_in_public_once_published(
    store: Store, hood: dict[str, int]
) -> None:
    proposal_id = submit(store, hood)
    with store.read() as cur:
        before = budget.budget_summary(cur, 1, 2026)
    decision_id = grant(store, hood, proposal_id)
    with store.read() as cur:
        draft = budget.budget_summary(cur, 1, 2026)
        assert proposals.proposal(cur, proposal_id).status == "besloten"  # type: ignore[union-attr]
    assert draft.allocated == before.allocated  # a draft is not public yet
    assert load_books_for(store, 1).available(hood["envelope"]) == D("40000.00")
    publish_decision(store, ORGANISER, decision_id)
    with store.read() as cur:
        published = budget.budget_summary(cur, 1, 2026)
    assert published.allocated == before.allocated + D("10000.00")
    with pytest.raises(UserError, match="al gepubliceerd"):
        publish_decision(store, ORGANISER, decision_id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"members_present": 5, "votes_for": 4, "votes_against": 1, "votes_abstain": 0},
         "quorum is niet gehaald"),
        ({"votes_for": 9, "votes_against": 2, "votes_abstain": 0}, "Tel opnieuw"),
        ({"votes_for": 5, "votes_against": 6, "votes_abstain": 1}, "geen meerderheid"),
        ({"amount": "60.000"}, r"nog €\u00a050\.000 beschikbaar"),
        ({"amount": "0"}, "groter zijn dan"),
        ({"rationale": "ok"}, "motivering"),
        ({"members_present": 40, "votes_for": 38, "votes_against": 1, "votes_abstain": 1},
         "zetels"),
    ],
)  # fmt: skip
def test_bad_decisions_are_refused_and_book_nothing(
    store: Store, hood: dict[str, int], changes: dict[str, object], message: str
) -> None:
    proposal_id = submit(store, hood)
    values: dict[str, object] = {
        "council_id": hood["council"], "meeting_id": hood["meeting"], "kind": "toekennen",
        "votes_for": 9, "votes_against": 2, "votes_abstain": 1, "members_present": 12,
        "rationale": "Een goed plan voor de buurt.", "proposal_id": proposal_id,
        "amount": "1.000", "envelope_id": hood["envelope"],
    }  # fmt: skip
    values.update(changes)
    before = (count(store, "decision"), count(store, "allocation"))
    with pytest.raises(UserError, match=message):
        record_decision(store, ORGANISER, DecisionInput(**values))  # type: ignore[arg-type]
    assert (count(store, "decision"), count(store, "allocation")) == before


def test_spending_is_booked_against_the_allocation_and_overspending_refused(
    store: Store, hood: dict[str, int]
) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    first = book_spending(store, ORGANISER, proposal_id, "INV-1", clock.today(),
                               "3.000,50", "Toestellen")  # fmt: skip
    assert first.warning is None
    with store.read() as cur:
        assert proposals.proposal(cur, proposal_id).status == "in uitvoering"  # type: ignore[union-attr]
    before = count(store, "spending_transaction")
    with pytest.raises(UserError, match=r"op €\u00a05\.000,51.*Verhoog eerst"):
        book_spending(store, ORGANISER, proposal_id, "INV-2", clock.today(), "2.000,01", "X")
    with pytest.raises(UserError, match="al geboekt"):
        book_spending(store, ORGANISER, proposal_id, "INV-1", clock.today(), "1", "X")
    with pytest.raises(UserError, match="toekomst"):
        book_spending(store, ORGANISER, proposal_id, "INV-3",
                           clock.today() + timedelta(days=3), "1", "X")  # fmt: skip
    with pytest.raises(UserError, match="groter zijn dan"):
        book_spending(store, ORGANISER, proposal_id, "INV-4", clock.today(), "-10", "X")
    with pytest.raises(UserError, match="bestaat niet"):
        book_spending(store, ORGANISER, 999_999, "INV-5", clock.today(), "10", "X")
    assert count(store, "spending_transaction") == before


def test_overspending_only_warns_when_configured(
    store: Store, hood: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_OVERSPEND", "warn")
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "1.000")
    result = book_spending(store, ORGANISER, proposal_id, "W-1", clock.today(), "1.200", "X")
    assert result.warning is not None and "meer dan de toegekende €\u00a01.000" in result.warning


def test_a_correction_reverses_a_booking_once(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    booked = book_spending(store, ORGANISER, proposal_id, "DUP-1", clock.today(), "750", "X")
    reversal = reverse_spending(store, ORGANISER, booked.spending_id, "Dubbel geboekt")
    books = load_books_for(store, 1)
    assert books.spent_on(proposal_id) == 0
    assert books.spending_row(reversal).amount == D("-750.00")
    with pytest.raises(UserError, match="al tegengeboekt"):
        reverse_spending(store, ORGANISER, booked.spending_id, "Nog eens")
    with pytest.raises(UserError, match="zelf een tegenboeking"):
        reverse_spending(store, ORGANISER, reversal, "Terug")


def test_year_end_carries_over_once_and_never_for_the_current_year(
    store: Store, hood: dict[str, int]
) -> None:
    with pytest.raises(UserError, match="nog niet voorbij"):
        close_year(store, ORGANISER, 1, clock.today().year)
    # A neighbourhood of the demo data with money left over in 2025.
    nid = next(
        n for n in range(1, 13) if load_books_for(store, n).year_totals(n, 2025).available > 0
    )
    books = load_books_for(store, nid)
    left = books.year_totals(nid, 2025).available
    organiser = Caller("org", Role.ORGANISER, frozenset({nid}))
    created = close_year(store, organiser, nid, 2025)
    assert created
    after = load_books_for(store, nid)
    assert after.year_totals(nid, 2025).available == 0
    carried = sum(
        (e.amount for e in after.envelopes if e.year == 2026 and e.source == "overgeheveld"),
        D(0),
    )
    returned = -sum(
        (e.amount for e in after.envelopes if e.year == 2025 and e.source == "teruggave"), D(0)
    )
    assert carried + returned == left
    assert close_year(store, organiser, nid, 2025) == []


def test_two_sessions_cannot_overspend_together(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "1.000")
    results: list[object] = []
    start = threading.Barrier(2)

    def pay(reference: str) -> None:
        start.wait()
        try:
            results.append(book_spending(store, ORGANISER, proposal_id, reference,
                                              clock.today(), "600", "Tegelijk"))  # fmt: skip
        except UserError as exc:
            results.append(exc)

    threads = [threading.Thread(target=pay, args=(f"C-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    booked = [r for r in results if isinstance(r, BookingResult)]
    refused = [r for r in results if isinstance(r, UserError)]
    assert len(booked) == 1 and len(refused) == 1
    assert load_books_for(store, 1).spent_on(proposal_id) == D("600.00")


def test_two_sessions_booking_at_once_lose_nothing(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "10.000")
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def pay(number: int) -> None:
        start.wait()
        try:
            for n in range(4):
                book_spending(store, ORGANISER, proposal_id, f"P-{number}-{n}",
                                   clock.today(), "100", "Tegelijk")  # fmt: skip
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pay, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert load_books_for(store, 1).spent_on(proposal_id) == D("1200.00")


def progress_in_book(store: Store, proposal_id: int) -> int:
    """A project's progress in percent, as the household book of neighbourhood 1 shows it."""
    view = book_view(store, ORGANISER, 1, clock.today().year)
    return next(line.progress for line in view.projects if line.proposal.id == proposal_id)


def test_progress_follows_milestones(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    with pytest.raises(UserError, match="besloten"):
        add_milestone(store, ORGANISER, proposal_id, "Start", None, "Er wordt gewerkt")
    grant(store, hood, proposal_id)
    assert progress_in_book(store, proposal_id) == 10
    add_milestone(store, ORGANISER, proposal_id, "Ontwerp", None, "Tekening", "klaar")
    add_milestone(store, ORGANISER, proposal_id, "Bouw", None, "Hekken staan", "bezig", 40)
    assert progress_in_book(store, proposal_id) == 70
    with pytest.raises(UserError, match="0 tot en met 100"):
        add_milestone(store, ORGANISER, proposal_id, "X", None, "Y", "bezig", 140)
    # A finished milestone counts 100: a typed 25 % is refused with the reason, not dropped.
    with pytest.raises(UserError, match="klaar is, telt voor 100%, niet voor 25%"):
        add_milestone(store, ORGANISER, proposal_id, "Eerste fase", None, "Y", "klaar", 25)
    assert progress_in_book(store, proposal_id) == 70


def test_a_consultation_is_recorded_with_its_counts(store: Store, hood: dict[str, int]) -> None:
    consultation_id = record_consultation(
        store, ORGANISER, 1, "stemming", "Hoe verdelen we € 25.000?", date(2026, 5, 1),
        date(2026, 5, 28), 1040, [("Speeltuin", 612), ("Bankjes", 428)], "25.000",
    )  # fmt: skip
    with store.read() as cur:
        options = [
            o for o in council.consultation_options(cur, 1) if o.consultation_id == consultation_id
        ]
    assert [(o.label, o.votes) for o in options] == [("Speeltuin", 612), ("Bankjes", 428)]
    with pytest.raises(UserError, match="twee verschillende"):
        record_consultation(store, ORGANISER, 1, "peiling", "Vraag", date(2026, 5, 1),
                                 date(2026, 5, 2), 10, [("A", 1), ("A", 2)])  # fmt: skip
    with pytest.raises(UserError, match="sluiten voordat"):
        record_consultation(store, ORGANISER, 1, "peiling", "Vraag", date(2026, 5, 3),
                                 date(2026, 5, 2), 10, [("A", 1), ("B", 2)])  # fmt: skip


def export(*lines: str, delimiter: str = ";") -> bytes:
    header = delimiter.join(["kenmerk", "datum", "bedrag", "omschrijving", "project"])
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def project_ref(store: Store, proposal_id: int) -> str:
    with store.read() as cur:
        return proposals.proposal(cur, proposal_id).external_ref  # type: ignore[union-attr]


def test_importing_the_finance_export_books_once(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    ref = project_ref(store, proposal_id)
    data = export(f"F-1;2026-03-01;1200,50;Hekwerk;{ref}", f"F-2;02-03-2026;99.5;Verf;{ref}")
    first = import_spending(store, ORGANISER, "export.csv", data)
    assert first.ok and (first.booked, first.already_known) == (2, 0)
    assert load_books_for(store, 1).spent_on(proposal_id) == D("1300.00")
    before = count(store, "spending_transaction"), count(store, "audit_event")
    again = import_spending(store, ORGANISER, "export.csv", data)
    assert again.ok and (again.booked, again.already_known) == (0, 2)
    assert (count(store, "spending_transaction"), count(store, "audit_event")) == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("F-9;2026-03-01;1.234,56;X;{ref}", "duizendtallen"),
        ("F-9;2026-03-01;-20;X;{ref}", "negatieve"),
        ("F-9;2099-03-01;20;X;{ref}", "toekomst"),
        ("F-9;31-02-2026;20;X;{ref}", "geen datum"),
        ("F-9;2026-03-01;20;X;WR-1999-99999", "bestaat niet"),
        ("F-9;2026-03-01;9000;X;{ref}", "Verhoog eerst"),
        (";2026-03-01;20;X;{ref}", "kenmerk ontbreekt"),
    ],
)
def test_a_bad_row_stops_the_whole_import(
    store: Store, hood: dict[str, int], line: str, message: str
) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    ref = project_ref(store, proposal_id)
    data = export(f"F-8;2026-03-01;10;Goed;{ref}", line.format(ref=ref))
    before = count(store, "spending_transaction")
    result = import_spending(store, ORGANISER, "export.csv", data)
    assert not result.ok and result.booked == 0
    assert any(message in p for p in result.problems), result.problems
    assert any(p.startswith("Regel 3") for p in result.problems)
    assert count(store, "spending_transaction") == before


def test_every_problem_of_a_finance_export_is_reported_at_once(
    store: Store, hood: dict[str, int]
) -> None:
    """A date that is none, a project that does not exist and a payment over what the
    project was given: all three in one answer, in the file's order (they came in three
    uploads, one kind at a time), and nothing booked."""
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    ref = project_ref(store, proposal_id)
    data = export(
        f"F-1;2026-03-01;10;Goed;{ref}",
        f"F-2;2026-03-01;9000;Te veel;{ref}",
        "F-3;2026-03-01;20;Onbekend;WR-1999-99999",
        f"F-4;31-02-2026;20;Geen datum;{ref}",
    )
    before = count(store, "spending_transaction"), count(store, "audit_event")
    result = import_spending(store, ORGANISER, "export.csv", data)
    assert not result.ok and result.booked == 0
    assert [p.split(":")[0] for p in result.problems] == ["Regel 3", "Regel 4", "Regel 5"]
    assert "Verhoog eerst" in result.problems[0]
    assert "bestaat niet" in result.problems[1]
    assert "geen datum" in result.problems[2]
    assert (count(store, "spending_transaction"), count(store, "audit_event")) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"kenmerk;datum;bedrag\nA;2026-01-01;5\n", "Kolommen ontbreken: omschrijving, project"),
        (b"\x00\x01\x02binary", "geen tekst"),
        (b"kenmerk;datum;bedrag;omschrijving;project\n", "geen betalingen"),
    ],
)
def test_a_wrong_file_gets_a_clear_message(store: Store, data: bytes, message: str) -> None:
    result = import_spending(store, ORGANISER, "x.csv", data)
    assert not result.ok and message in result.problems[0]


def test_a_reference_booked_with_other_figures_is_refused(
    store: Store, hood: dict[str, int]
) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    ref = project_ref(store, proposal_id)
    import_spending(store, ORGANISER, "a.csv", export(f"G-1;2026-03-01;10;X;{ref}"))
    result = import_spending(store, ORGANISER, "b.csv", export(f"G-1;2026-03-01;11;X;{ref}"))
    assert not result.ok and "al geboekt met een andere" in result.problems[0]


def test_the_import_reads_comma_files_cp1252_and_a_bom(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    ref = project_ref(store, proposal_id)
    text = f"Kenmerk,Datum,Bedrag,Omschrijving,Project\nH-1,2026-03-01,15.25,Café-bon,{ref}\n"
    assert import_spending(store, ORGANISER, "a.csv", text.encode("cp1252")).booked == 1
    bom = "\ufeff" + text.replace("H-1", "H-2")
    assert import_spending(store, ORGANISER, "b.csv", bom.encode("utf-8")).booked == 1


def test_the_public_cannot_import(store: Store, hood: dict[str, int]) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "5.000")
    data = export(f"F-1;2026-03-01;10;X;{project_ref(store, proposal_id)}")
    with pytest.raises(PermissionDenied):
        import_spending(store, PUBLIC, "x.csv", data)


def png_with_a_name_in_it() -> bytes:
    """A real PNG whose text chunk names the photographer."""
    from PIL import Image, PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Fatima el Amrani")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (40, 120, 60)).save(buffer, "PNG", pnginfo=text)
    return buffer.getvalue()


def test_a_wrong_allocation_is_reversed_once_and_frees_the_money(
    store: Store, hood: dict[str, int]
) -> None:
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id, "4.000")
    (allocation,) = [a for a in allocations_of(store, ORGANISER, 1)
                     if a.proposal_id == proposal_id]  # fmt: skip
    reverse_allocation(store, ORGANISER, allocation.id, "Verkeerd budget gekozen")
    books = load_books_for(store, 1)
    assert books.allocated_to(proposal_id) == 0
    assert books.available(hood["envelope"]) == D("50000.00")
    with pytest.raises(UserError, match="al tegengeboekt"):
        reverse_allocation(store, ORGANISER, allocation.id, "Nog eens")
    assert allocation.id not in {a.id for a in allocations_of(store, ORGANISER, 1)}


def test_parts_roll_up_into_their_parent(store: Store, hood: dict[str, int]) -> None:
    parent = submit(store, hood, "1.000")
    grant(store, hood, parent, "1.000")
    parts = []
    for title in ("Deel A", "Deel B"):
        parts.append(submit_proposal(
            store, ORGANISER,
            ProposalInput(1, title, "Een deel.", "bewoner", "100", [hood["theme"]],
                               council_id=hood["council"], parent_id=parent),
        ))  # fmt: skip
    grant(store, hood, parts[0], "3.000")
    grant(store, hood, parts[1], "1.000")
    add_milestone(store, ORGANISER, parts[0], "Klaar", None, "Staat er", "klaar")
    # part A: its one milestone done but not finished, 95% with € 3.000; part B: 10%
    # (besloten) with € 1.000 -> 73.75 -> 74
    assert progress_in_book(store, parent) == 74
    with pytest.raises(UserError, match="hoofdproject"):
        submit_proposal(
            store, ORGANISER,
            ProposalInput(1, "Te diep", "X", "bewoner", "1", [hood["theme"]],
                               parent_id=parts[0]),
        )  # fmt: skip


def test_a_milestone_keeps_a_photo_and_refuses_other_files(
    store: Store, hood: dict[str, int], demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_DB", str(demo_db))
    proposal_id = submit(store, hood)
    grant(store, hood, proposal_id)
    milestone_id = add_milestone(store, ORGANISER, proposal_id, "Foto", None, "Zie foto",
                                      photo=png_with_a_name_in_it())  # fmt: skip
    with store.read() as cur:
        name = proposals.milestone(cur, milestone_id).photo_path  # type: ignore[union-attr]
    assert name and name.endswith(".png")
    kept = (demo_db.parent / "photos" / name).read_bytes()
    assert kept.startswith(b"\x89PNG") and b"Fatima" not in kept  # its metadata is gone
    with pytest.raises(UserError, match="JPEG- of PNG"):
        add_milestone(store, ORGANISER, proposal_id, "X", None, "Y", photo=b"<svg/>")
    with pytest.raises(UserError, match="kan niet worden gelezen"):  # only looks like a PNG
        add_milestone(store, ORGANISER, proposal_id, "X", None, "Y",
                      photo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"part_id": 999}, "buurt van deze wijk"),
        ({"iv3_taakveld": "samenkracht"}, "Iv3-taakveld"),
    ],
)
def test_proposal_place_and_category_are_checked(
    store: Store, hood: dict[str, int], changes: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {
        "neighbourhood_id": 1, "title": "T", "description": "D", "submitter_type": "bewoner",
        "requested_amount": "1", "theme_ids": [hood["theme"]],
    }  # fmt: skip
    values.update(changes)
    with pytest.raises(UserError, match=message):
        submit_proposal(store, ORGANISER, ProposalInput(**values))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", None), ("53.2012, 6.5531", (53.2012, 6.5531)), ("53,2;6,5", None)],
)
def test_locations_are_read_as_latitude_longitude(
    text: str, expected: tuple[float, float] | None
) -> None:
    if text == "53,2;6,5":
        with pytest.raises(UserError, match="breedtegraad"):
            parse_location(text)
    else:
        assert parse_location(text) == expected


def test_themes_are_configurable_but_not_by_the_public(store: Store) -> None:
    theme_id = add_theme(store, ORGANISER, "Digitale inclusie")
    assert theme_names(store)[theme_id] == "Digitale inclusie"
    with pytest.raises(UserError, match="bestaat al"):
        add_theme(store, ORGANISER, "digitale inclusie")
    with pytest.raises(PermissionDenied):
        add_theme(store, PUBLIC, "Iets")

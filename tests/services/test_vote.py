"""A neighbourhood vote in the app (dashboard/services/vote): the set-up with every problem at
once, codes for every resident of the vote's age, the letters, voting online with the code
as people type it (one message for every code that opens nothing, a lock after wrong
codes), the rules of a ballot, paper ballots, closing (turnout counted, the code list
destroyed, audited), the public result and its files, the winners as proposals with the
vote as their consultation, and an erasure that keeps the code working. Every refusal
changes nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

import pytest

from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError, UserErrors
from dashboard.domain.ideas import IdeaStatus
from dashboard.files import vote_letters
from dashboard.files.qr_codes import qr_svg
from dashboard.services import privacy
from dashboard.services.budget.decisions import DecisionInput, record_decision
from dashboard.services.vote import casting, closing, results, setup
from dashboard.store import audit, council, ideas, proposals
from dashboard.store.db import Store
from tests.conftest import DEMO_TODAY
from tests.database_state import changed_tables, count, fingerprint
from voting import equal_shares, greedy_by_votes, read_pabulib


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


HOOD = 1
ORGANISER = Caller("org", Role.ORGANISER, frozenset({HOOD}))
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({2}))
CLIENT = "203.0.113.7"
OPENS, CLOSES = DEMO_TODAY, DEMO_TODAY + timedelta(days=7)
AFTER = CLOSES + timedelta(days=1)


@pytest.fixture(autouse=True)
def default_lockout(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WIJKRAAD_LOCKOUT_FAILURES", "WIJKRAAD_LOCKOUT_MINUTES", "WIJKRAAD_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)


def published(store: Store, hood: int = HOOD) -> list[int]:
    with store.read() as cur:
        return [
            i.id
            for i in ideas.ideas_for_neighbourhood(cur, hood)
            if i.status == IdeaStatus.GEPUBLICEERD
        ]


def vote_input(store: Store, **changes: object) -> setup.VoteInput:
    values: dict[str, object] = {
        "neighbourhood_id": HOOD,
        "title": "Buurtbudget 2027",
        "budget": "2.000",
        "ballot_kind": "knapsack",
        "rule": "equal-shares",
        "opens_on": OPENS,
        "closes_on": CLOSES,
        "min_age": 16,
        "items": [(i, "900" if n == 0 else "1.800") for n, i in enumerate(published(store))],
    }
    values.update(changes)
    return setup.VoteInput(**values)  # type: ignore[arg-type]


def open_vote(store: Store, **changes: object) -> tuple[int, list[str]]:
    """A vote of the first neighbourhood with its codes out; the codes as printed."""
    vote_id = setup.create_vote(store, ORGANISER, vote_input(store, **changes))
    setup.issue_codes(store, ORGANISER, vote_id)
    return vote_id, list(setup.mail_merge(store, ORGANISER, vote_id)["code"])


def refused(store: Store, action: Callable[[], object], *words: str) -> str:
    """`action` is refused with a message holding `words`, and changes nothing."""
    before = fingerprint(store)
    with pytest.raises((UserError, PermissionDenied)) as raised:
        action()
    assert changed_tables(before, fingerprint(store)) == set()
    message = str(raised.value).replace("\u00a0", " ")  # amounts keep their € close
    for word in words:
        assert word in message, message
    return message


# Set-up ---------------------------------------------------------------------------------------


def test_a_vote_is_set_up_as_a_concept_with_the_published_ideas_in_order(store: Store) -> None:
    vote_id = setup.create_vote(store, ORGANISER, vote_input(store))
    [summary] = setup.organiser_votes(store, ORGANISER, HOOD)
    assert summary.vote.id == vote_id and summary.vote.status == "concept"
    assert summary.vote.budget == Decimal("2000.00")
    assert [(i.number, i.cost) for i in summary.items] == [
        (1, Decimal("900.00")),
        (2, Decimal("1800.00")),
    ]
    assert [i.idea_id for i in summary.items] == published(store)
    # Changed while a concept: the ideas in another order, another budget.
    ids = published(store)
    setup.change_vote(
        store, ORGANISER, vote_id,
        vote_input(store, budget="3.000,50", items=[(ids[1], "1.000"), (ids[0], "500")]),
    )  # fmt: skip
    [summary] = setup.organiser_votes(store, ORGANISER, HOOD)
    assert summary.vote.budget == Decimal("3000.50")
    assert [(i.idea_id, i.cost) for i in summary.items] == [
        (ids[1], Decimal("1000.00")),
        (ids[0], Decimal("500.00")),
    ]
    with store.read() as cur:
        actions = [e.action for e in audit.events(cur) if e.entity == "vote"]
    assert actions == ["vote.create", "vote.change"]


def test_every_problem_of_a_set_up_at_once_and_nothing_stored(store: Store) -> None:
    ids = published(store)
    bad = vote_input(
        store,
        title=" ",
        budget="twee",
        ballot_kind="ranking",
        opens_on=DEMO_TODAY - timedelta(days=1),
        closes_on=DEMO_TODAY - timedelta(days=2),
        min_age=5,
        items=[(ids[0], "-5"), (ids[0], "10"), (999_999, "10")],
    )
    before = fingerprint(store)
    with pytest.raises(UserErrors) as raised:
        setup.create_vote(store, ORGANISER, bad)
    assert changed_tables(before, fingerprint(store)) == set()
    text = " ".join(raised.value.problems)
    for words in ("Het budget", "twee", "naam", "soort stembiljet", "verleden",
                  "vóór de eerste dag", "minimumleeftijd", "twee keer", "geen gepubliceerd idee",
                  "meer dan € 0"):  # fmt: skip
        assert words in text, words
    # Over the whole budget, and fewer than two ideas.
    message = refused(
        store, lambda: setup.create_vote(store, ORGANISER, vote_input(store, budget="1.000")),
        "kost € 1.800, meer dan het hele budget",
    )  # fmt: skip
    assert "nooit winnen" in message
    refused(
        store,
        lambda: setup.create_vote(store, ORGANISER, vote_input(store, items=[(ids[0], "900")])),
        "minstens 2 ideeën",
    )


def test_only_the_neighbourhoods_organisers_set_up_a_vote(store: Store) -> None:
    refused(store, lambda: setup.create_vote(store, OTHER_ORGANISER, vote_input(store)), "wijk")
    refused(store, lambda: setup.create_vote(store, PUBLIC, vote_input(store)), "organisator")
    vote_id = setup.create_vote(store, ORGANISER, vote_input(store))
    refused(store, lambda: setup.issue_codes(store, OTHER_ORGANISER, vote_id))
    refused(store, lambda: setup.change_vote(store, OTHER_ORGANISER, vote_id, vote_input(store)))


def test_codes_for_every_resident_of_the_vote_age_then_the_ballot_is_fixed(store: Store) -> None:
    vote_id = setup.create_vote(store, ORGANISER, vote_input(store))
    room = setup.code_room(store, ORGANISER, vote_id)
    eligible = count(
        store,
        "SELECT count(*) FROM resident_now WHERE neighbourhood_id = ? AND "
        "extract(year FROM age(DATE '2026-11-23', birth_date)) >= 16",
        [HOOD],
    )
    assert room.eligible + room.left_out == eligible and room.eligible > 100
    made = setup.issue_codes(store, ORGANISER, vote_id)
    assert made == room.eligible
    codes = list(setup.mail_merge(store, ORGANISER, vote_id)["code"])
    assert len(codes) == made == len(set(codes))
    assert all(len(c) == 9 and c[4] == "-" for c in codes)
    assert count(store, "SELECT count(DISTINCT resident_id) FROM vote_code WHERE vote_id = ?",
                 [vote_id]) == made  # fmt: skip
    # The audit log has the count, never a code.
    with store.read() as cur:
        event = [e for e in audit.events(cur) if e.action == "vote.codes"][-1]
    assert json.loads(event.payload_json)["codes"] == made
    assert not any(c.replace("-", "") in event.payload_json for c in codes)
    # Once: a second time changes nothing; the set-up is fixed now.
    refused(store, lambda: setup.issue_codes(store, ORGANISER, vote_id), "al gemaakt")
    refused(store, lambda: setup.change_vote(store, ORGANISER, vote_id, vote_input(store)), "vast")


def test_the_letters_carry_the_code_the_link_and_a_paper_ballot(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_PUBLIC_URL", "https://wijkraad.wijkdam.nl")
    vote_id, codes = open_vote(store)
    rows = setup.mail_merge(store, ORGANISER, vote_id)
    assert rows["stemadres"][0] == f"https://wijkraad.wijkdam.nl/resident_vote?code={codes[0]}"
    assert rows["aanhef"][0].startswith("Beste ")
    details = setup.LetterDetails(DEMO_TODAY, "14 050", "wijkraad@wijkdam.nl", "Team Wijkraad")
    assert setup.letter_files(store, ORGANISER, vote_id) == 1
    letters = setup.letters_file(store, ORGANISER, vote_id, details)
    assert letters.count('<section class="letter">') == len(codes)
    assert codes[0] in letters and "Stembiljet: Buurtbudget 2027" in letters
    assert "svg" in letters  # the QR code
    refused(store, lambda: setup.letters_file(store, ORGANISER, vote_id, details, part=2), "1")
    refused(
        store,
        lambda: setup.letters_file(
            store, ORGANISER, vote_id, setup.LetterDetails(DEMO_TODAY, "", "x", "")
        ),
        "telefoonnummer",
    )
    refused(store, lambda: setup.mail_merge(store, OTHER_ORGANISER, vote_id))


def test_the_letters_come_in_files_with_every_code_once_and_its_own_qr_code(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(setup, "LETTERS_PER_FILE", 40)
    vote_id, codes = open_vote(store)
    files = setup.letter_files(store, ORGANISER, vote_id)
    assert files == -(-len(codes) // 40) and files > 2
    details = setup.LetterDetails(DEMO_TODAY, "14 050", "wijkraad@wijkdam.nl", "Team Wijkraad")
    printed = []
    for part in range(1, files + 1):
        page = setup.letters_file(store, ORGANISER, vote_id, details, part)
        on_page = re.findall(r'Uw code: <span class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</span>', page)
        assert len(on_page) == page.count('<section class="letter">') <= 40
        for code in on_page[:3]:
            link = f"{setup.vote_page()}?code={code}"
            assert qr_svg(link, vote_letters.QR_TITLE) in page
        assert f"deel {part} van {files}" in page
        printed += on_page
    assert printed == codes  # each once, in the print shop's order
    for part in (0, files + 1):
        refused(store, partial(setup.letters_file, store, ORGANISER, vote_id, details, part),
                f"1 tot en met {files}")  # fmt: skip


# Voting online --------------------------------------------------------------------------------


def test_a_code_as_people_type_it_opens_its_ballot_and_votes_once(store: Store) -> None:
    vote_id, codes = open_vote(store)
    for typed in (
        codes[0],
        codes[0].lower(),
        codes[0].replace("-", ""),
        f" {codes[0][:4]} {codes[0][5:]} ",
    ):
        paper = casting.open_ballot(store, typed, CLIENT)
        assert paper.vote_id == vote_id and paper.code == codes[0]
    assert [i.number for i in paper.ideas] == [1, 2] and paper.kind == "knapsack"
    done = casting.cast(store, vote_id, codes[0].lower(), [2], CLIENT)
    assert [i.number for i in done.chosen] == [2] and done.total == Decimal("1800.00")
    assert count(store, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?", [vote_id]) == 1
    assert count(store, "SELECT count(*) FROM vote_code WHERE used AND vote_id = ?", [vote_id]) == 1
    # Used: the one message, and nothing changes.
    message = refused(store, lambda: casting.cast(store, vote_id, codes[0], [1], CLIENT))
    assert message == casting.BAD_CODE
    refused(store, lambda: casting.open_ballot(store, codes[0], CLIENT), "Heeft u al gestemd?")


def test_the_ballot_keeps_no_link_to_a_code_a_person_or_a_moment(store: Store) -> None:
    vote_id, codes = open_vote(store)
    casting.cast(store, vote_id, codes[0], [1], CLIENT)
    with store.read() as cur:
        columns = {
            t: [str(r[0]) for r in cur.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [t],
            ).fetchall()]
            for t in ("vote_ballot", "vote_choice")
        }  # fmt: skip
        stored = cur.execute("SELECT * FROM vote_ballot WHERE vote_id = ?", [vote_id]).fetchall()
        events = audit.events(cur)
    assert columns == {"vote_ballot": ["id", "vote_id", "channel"],
                       "vote_choice": ["ballot_id", "item_id"]}  # fmt: skip
    assert codes[0].replace("-", "") not in str(stored)
    assert len(stored[0][0]) == 32  # a random id
    assert not any(e.action.startswith("vote.cast") for e in events)  # no moment in the log


def test_every_code_that_opens_nothing_gets_the_same_message(store: Store) -> None:
    vote_id, codes = open_vote(store)
    other_vote = setup.create_vote(store, ORGANISER, vote_input(store, title="Later"))
    casting.cast(store, vote_id, codes[0], [], CLIENT)  # an empty ballot counts
    not_yet, _ = open_vote(
        store, title="Volgend jaar", opens_on=DEMO_TODAY + timedelta(days=30),
        closes_on=DEMO_TODAY + timedelta(days=40),
    )  # fmt: skip
    with store.read() as cur:
        later = cur.execute(
            "SELECT code FROM vote_code WHERE vote_id = ? LIMIT 1", [not_yet]
        ).fetchall()[0][0]
    attempts: list[Callable[[], object]] = [
        lambda: casting.open_ballot(store, "ABCD-EFGH", CLIENT),  # unknown
        lambda: casting.open_ballot(store, "K7QM", CLIENT),  # malformed
        lambda: casting.open_ballot(store, codes[0], CLIENT),  # used
        lambda: casting.open_ballot(store, later, CLIENT),  # its vote has not opened
        lambda: casting.open_ballot(store, codes[1], CLIENT, today=AFTER),  # over
        lambda: casting.cast(store, other_vote, codes[1], [1], None),  # another vote's
    ]
    for attempt in attempts:
        assert refused(store, attempt) == casting.BAD_CODE


def test_wrong_codes_lock_the_client_out_like_a_login(store: Store) -> None:
    vote_id, codes = open_vote(store)
    now = casting.clock.now()
    for _ in range(5):
        refused(store, lambda: casting.open_ballot(store, "ABCD-EFGH", CLIENT, now=now))
    message = refused(store, lambda: casting.open_ballot(store, codes[1], CLIENT, now=now))
    assert "Te veel pogingen" in message
    # Another client, and the same client after the lock, go on; right codes do not count.
    assert casting.open_ballot(store, codes[1], "198.51.100.20", now=now).vote_id == vote_id
    later = now + timedelta(minutes=16)
    assert casting.open_ballot(store, codes[1], CLIENT, now=later).vote_id == vote_id


def test_a_ballot_over_the_budget_is_refused_with_the_reason_and_the_code_stays(
    store: Store,
) -> None:
    vote_id, codes = open_vote(store)
    message = refused(store, lambda: casting.cast(store, vote_id, codes[0], [1, 2], CLIENT))
    assert "€ 2.700" in message and "budget" in message
    refused(store, lambda: casting.cast(store, vote_id, codes[0], [3], CLIENT), "niet op dit")
    casting.cast(store, vote_id, codes[0], [1], CLIENT)  # the code still works
    # Approval: any number of ideas.
    approval, more = open_vote(store, title="Voor of tegen", ballot_kind="approval")
    assert casting.cast(store, approval, more[0], [1, 2], CLIENT).total == Decimal("2700.00")


def test_paper_ballots_follow_the_same_rules_one_per_code(store: Store) -> None:
    vote_id, codes = open_vote(store)
    casting.cast(store, vote_id, codes[0], [1], CLIENT)
    casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[1].lower(), [2])
    on_paper = "SELECT count(*) FROM vote_ballot WHERE channel = 'papier' AND vote_id = ?"
    assert count(store, on_paper, [vote_id]) == 1
    for used in (codes[0], codes[1]):  # used online, used on paper

        def paper(code: str = used) -> None:
            casting.enter_paper_ballot(store, ORGANISER, vote_id, code, [1])

        refused(store, paper, "al gebruikt")
    refused(
        store, lambda: casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[2], [1, 2]),
        "budget",
    )  # fmt: skip
    refused(store, lambda: casting.enter_paper_ballot(store, ORGANISER, vote_id, "12", [1]), "8")
    refused(
        store, lambda: casting.enter_paper_ballot(store, OTHER_ORGANISER, vote_id, codes[2], [1])
    )
    # Until the vote is closed, also after its last day.
    casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[2], [1], today=AFTER)
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    refused(
        store,
        lambda: casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[3], [1], today=AFTER),
        "gesloten",
    )


# Closing, the result ---------------------------------------------------------------------------


def test_closing_counts_destroys_the_code_list_and_says_how_many(store: Store) -> None:
    vote_id, codes = open_vote(store)
    for n, code in enumerate(codes[:12]):
        casting.cast(store, vote_id, code, [1] if n % 3 else [2], None)
    refused(store, lambda: closing.close_vote(store, ORGANISER, vote_id), "tot en met")
    refused(store, lambda: results.result(store, vote_id), "geen uitslag")  # no interim counts
    refused(store, lambda: closing.close_vote(store, OTHER_ORGANISER, vote_id, today=AFTER))
    closed = closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    assert closed.ballots == 12 and closed.codes_destroyed == len(codes)
    assert count(store, "SELECT count(*) FROM vote_code WHERE vote_id = ?", [vote_id]) == 0
    assert count(store, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?", [vote_id]) == 12
    with store.read() as cur:
        event = [e for e in audit.events(cur) if e.action == "vote.close"][-1]
    payload = json.loads(event.payload_json)
    assert payload["codes_destroyed"] == len(codes) and payload["ballots"] == 12
    refused(
        store, lambda: closing.close_vote(store, ORGANISER, vote_id, today=AFTER), "al gesloten"
    )
    # Turnout per buurt and age band, from the list before it went.
    found = results.result(store, vote_id)
    assert found.ballots == 12 and found.codes == len(codes)
    for group in found.turnout:
        assert group.table.total.voters == 12 and group.table.total.eligible == len(codes)
        for row in [*group.table.rows, group.table.others]:
            if row is not None and row.shown:
                assert row.voters is not None and row.eligible is not None
                assert row.voters == 0 or row.voters >= 5
                assert row.eligible - row.voters == 0 or row.eligible - row.voters >= 5


def test_the_result_by_both_rules_and_its_files_count_again_the_same(store: Store) -> None:
    vote_id, codes = open_vote(store)
    for n, code in enumerate(codes[:20]):
        casting.cast(store, vote_id, code, [[1], [2], []][n % 3], None)
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    found = results.result(store, vote_id)
    assert [r.rule for r in found.rules] == ["equal-shares", "greedy"]  # its own rule first
    assert [i.votes for i in found.ideas] == [7, 7]
    for rule in found.rules:
        assert rule.report[0] in ("Gelijke delen (Method of Equal Shares)",
                                  "Meeste stemmen (zoals de meeste gemeenten tellen)")  # fmt: skip
        for idea in found.ideas:
            assert idea.why[rule.rule].startswith("7 stemmen")
    election = read_pabulib(results.pabulib_file(store, vote_id))
    assert len(election.ballots) == 20 and election.budget == Decimal("2000")
    assert election.kind == "knapsack"
    shown = {r.rule: r.winners for r in found.rules}
    assert tuple(int(i.id) for i in equal_shares(election).winners) == shown["equal-shares"]
    assert tuple(int(i.id) for i in greedy_by_votes(election).winners) == shown["greedy"]
    header, rows = results.ballots_rows(store, vote_id)
    assert header == ["stembiljet", "idee 1", "idee 2"] and len(rows) == 20
    assert sorted(tuple(r[1:]) for r in rows).count((0, 0)) == 6
    header, per_idea = results.result_rows(store, vote_id)
    assert "waarom (gelijke delen)" in header and len(per_idea) == 2


def test_the_winners_become_proposals_with_the_vote_as_their_consultation(store: Store) -> None:
    vote_id, codes = open_vote(store, budget="3.000")
    for n, code in enumerate(codes[:10]):
        casting.cast(store, vote_id, code, [1, 2] if n < 6 else [1], None)
    refused(store, lambda: closing.winners_to_proposals(store, ORGANISER, vote_id), "Sluit")
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    ids = published(store)
    references = closing.winners_to_proposals(store, ORGANISER, vote_id)
    assert len(references) == 2
    with store.read() as cur:
        made = [proposals.proposal_by_ref(cur, r) for r in references]
        linked = [ideas.idea(cur, i) for i in ids]
        consultation = max(council.consultations(cur, HOOD), key=lambda c: c.id)
        options = [o for o in council.consultation_options(cur, HOOD)
                   if o.consultation_id == consultation.id]  # fmt: skip
    assert [p.requested_amount for p in made if p] == [Decimal("900.00"), Decimal("1800.00")]
    assert all(i is not None and i.status == IdeaStatus.VOORSTEL for i in linked)
    assert consultation.kind == "stemming" and consultation.participants == 10
    assert consultation.amount == Decimal("3000.00")
    assert sorted((o.votes, o.proposal_id is not None) for o in options) == [(6, True), (10, True)]
    assert results.result(store, vote_id).ideas[0].proposal in references
    # Once.
    refused(store, lambda: closing.winners_to_proposals(store, ORGANISER, vote_id), "al als")
    # A decision after the vote ('stemming') names it as its consultation.
    proposal = made[0]
    assert proposal is not None
    with store.read() as cur:
        assert council.consultation_of_proposal(cur, proposal.id) == consultation.id


def test_the_demo_has_a_closed_and_a_running_vote(store: Store) -> None:
    running = results.running_votes(store)
    assert len(running) == 1 and running[0].phase.value == "loopt"
    closed = [
        c
        for hood in range(1, 13)
        for c in results.neighbourhood_votes(store, hood)
        if c.phase.value == "gesloten"
    ]
    assert len(closed) == 1
    found = results.result(store, closed[0].id)
    assert found.ballots > 20 and found.rules[0].winners
    assert count(store, "SELECT count(*) FROM vote_code WHERE vote_id = ?", [closed[0].id]) == 0


# Personal data --------------------------------------------------------------------------------


def test_an_erasure_keeps_the_code_but_not_the_link_to_the_resident(store: Store) -> None:
    vote_id, _ = open_vote(store)
    with store.read() as cur:
        resident, code = cur.execute(
            "SELECT resident_id, code FROM vote_code WHERE vote_id = ? ORDER BY code LIMIT 1",
            [vote_id],
        ).fetchall()[0]
    privacy.erase_contact(store, SYSTEM, int(resident), "ZAAK-1")
    assert count(store, "SELECT count(*) FROM vote_code WHERE resident_id = ?", [resident]) == 0
    assert casting.cast(store, vote_id, code, [1], CLIENT).total == Decimal("900.00")


def test_a_decision_after_the_vote_names_it_as_its_consultation(store: Store) -> None:
    """Recorded with 'stemming', a decision on a winner's proposal points at the vote."""
    vote_id, codes = open_vote(store)
    casting.cast(store, vote_id, codes[0], [1], None)
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    [reference] = closing.winners_to_proposals(store, ORGANISER, vote_id)
    with store.read() as cur:
        proposal = proposals.proposal_by_ref(cur, reference)
        council_id = council.councils_for_neighbourhood(cur, HOOD)[0].id
        meeting = next(
            m for m in council.meetings(cur, council_id) if m.held_on <= date(2026, 11, 23)
        )
        attended = cur.execute(
            "SELECT count(*) FROM meeting_attendance WHERE meeting_id = ?", [meeting.id]
        ).fetchall()[0][0]
    assert proposal is not None
    present = int(attended) or 9
    decision_id = record_decision(
        store,
        SYSTEM,
        DecisionInput(council_id, meeting.id, "afwijzen", present, 0, 0, present,
                      "Het plan is nog niet uitgewerkt genoeg; later opnieuw.",
                      proposal_id=proposal.id, consultation_method="stemming"),
    )  # fmt: skip
    with store.read() as cur:
        stored = cur.execute(
            "SELECT consultation_id FROM decision WHERE id = ?", [decision_id]
        ).fetchall()[0][0]
        expected = council.consultation_of_proposal(cur, proposal.id)
    assert stored == expected is not None

"""What organisers do around a vote besides setting it up (dashboard/services/vote): give a
resident who lost the letter a new code while the vote can still be voted in (the old
code stops working, the event is audited without a code or who, the one letter is
printable), delete a vote that is still a concept, and see the turnout per buurt and age
band during and after the vote. Every refusal changes nothing."""

from __future__ import annotations

import json
import re
from functools import partial

import pytest

from dashboard.domain.small_groups import MIN_GROUP
from dashboard.domain.votes import VoteStatus
from dashboard.services.vote import casting, closing, results, setup
from dashboard.store import audit, votes
from dashboard.store.db import Store
from tests.conftest import DEMO_TODAY
from tests.database_state import count
from tests.services.test_vote import (
    AFTER,
    OPENS,
    ORGANISER,
    OTHER_ORGANISER,
    open_vote,
    refused,
    vote_input,
)
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


DETAILS = setup.LetterDetails(DEMO_TODAY, "14 050", "wijkraad@wijkdam.nl", "Team Wijkraad")
CODE = re.compile(r'Uw code: <span class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</span>')


def holder_of(store: Store, vote_id: int, code: str) -> tuple[int, str, str]:
    """The resident who got `code`, and their postcode and house number."""
    with store.read() as cur:
        row = cur.execute(
            "SELECT v.resident_id, c.postcode, c.house_number FROM vote_code v "
            "JOIN resident_contact c ON c.resident_id = v.resident_id WHERE v.code = ?",
            [code.replace("-", "")],
        ).fetchone()
    assert row is not None
    return int(row[0]), str(row[1]), str(row[2])


def events(store: Store, action: str) -> list[str]:
    with store.read() as cur:
        return [e.payload_json for e in audit.events(cur) if e.action == action]


# A lost code -------------------------------------------------------------------------------------


def test_a_resident_who_lost_the_letter_gets_a_new_code_and_the_old_one_stops(
    store: Store,
) -> None:
    vote_id, codes = open_vote(store)
    old = codes[5]
    resident, postcode, number = holder_of(store, vote_id, old)
    typed = (postcode.lower().replace(" ", ""), f" {number} ")  # as an organiser types it
    holders = setup.code_holders(store, ORGANISER, vote_id, *typed)
    (found,) = [h for h in holders if h.resident_id == resident]
    assert not found.voted and found.name and found.birth_year > 1900
    letter = setup.reissue_code(store, ORGANISER, vote_id, resident, DETAILS)
    (new,) = CODE.findall(letter)  # the one letter, with its paper ballot
    assert new != old and letter.count('<section class="letter">') == 1
    assert f"resident_vote?code={new}" in letter and "Stembiljet" in letter
    # The old code opens nothing now, the new one opens the ballot; still one code each.
    refused(store, lambda: casting.open_ballot(store, old, None), casting.BAD_CODE)
    assert casting.open_ballot(store, new.lower(), None).vote_id == vote_id
    assert count(store, "SELECT count(*) FROM vote_code WHERE vote_id = ?", [vote_id]) == len(codes)
    current = list(setup.mail_merge(store, ORGANISER, vote_id)["code"])
    assert new in current and old not in current
    # Audited, without a code or who.
    (event,) = events(store, "vote.code_reissued")
    assert json.loads(event) == {"codes": 1}
    for secret in (old, new, old.replace("-", ""), new.replace("-", "")):
        assert secret not in event
    # Lost again: another new code, the second one stops too.
    again = CODE.findall(setup.reissue_code(store, ORGANISER, vote_id, resident, DETAILS))
    refused(store, lambda: casting.open_ballot(store, new, None), casting.BAD_CODE)
    casting.cast(store, vote_id, again[0], [1], None)


def test_no_new_code_for_who_voted_or_outside_the_days_or_for_another_organiser(
    store: Store,
) -> None:
    vote_id, codes = open_vote(store)
    voted, fresh = codes[0], codes[1]
    casting.cast(store, vote_id, voted, [1], None)
    resident, postcode, number = holder_of(store, vote_id, voted)
    assert [h.voted for h in setup.code_holders(store, ORGANISER, vote_id, postcode, number)
            if h.resident_id == resident] == [True]  # fmt: skip
    reissue = partial(setup.reissue_code, store, ORGANISER, vote_id)
    refused(store, lambda: reissue(resident, DETAILS), "al gestemd", "niets veranderd")
    other, *_ = holder_of(store, vote_id, fresh)
    refused(store, lambda: reissue(other, setup.LetterDetails(DEMO_TODAY, "", "x", "")),
            "telefoonnummer")  # fmt: skip
    refused(store, lambda: reissue(-1, DETAILS), "geen stemcode")
    refused(store, lambda: setup.reissue_code(store, OTHER_ORGANISER, vote_id, other, DETAILS))
    refused(store, lambda: setup.code_holders(store, ORGANISER, vote_id, "", ""), "postcode")
    # After the last day to vote, and once closed: nothing to vote with any more.
    refused(store, lambda: reissue(other, DETAILS, today=AFTER), "tot en met", "niets veranderd")
    refused(store, lambda: setup.code_holders(store, ORGANISER, vote_id, "9700 AB", "1",
                                              today=AFTER), "tot en met")  # fmt: skip
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    refused(store, lambda: reissue(other, DETAILS, today=AFTER), "gesloten")
    # A concept has no codes yet.
    concept = setup.create_vote(store, ORGANISER, vote_input(store))
    refused(store, lambda: setup.reissue_code(store, ORGANISER, concept, other, DETAILS),
            "nog geen stemcodes")  # fmt: skip
    assert events(store, "vote.code_reissued") == []


def test_a_new_code_and_a_vote_with_the_old_one_at_the_same_moment_leave_one_vote(
    store: Store,
) -> None:
    vote_id, codes = open_vote(store)
    for old in codes[:4]:
        resident, *_ = holder_of(store, vote_id, old)
        cast, letter = race(
            partial(casting.cast, store, vote_id, old, [1], None),
            partial(setup.reissue_code, store, ORGANISER, vote_id, resident, DETAILS),
        )
        if isinstance(cast, casting.Cast):  # the vote came first: no new code
            assert "al gestemd" in str(letter)
        else:  # the new code came first: the old one votes no more
            assert str(cast) == casting.BAD_CODE and isinstance(letter, str)
    used = "SELECT count(*) FROM vote_code WHERE vote_id = ? AND used"
    ballots = "SELECT count(*) FROM vote_ballot WHERE vote_id = ?"
    assert count(store, used, [vote_id]) == count(store, ballots, [vote_id])


# Deleting a concept ------------------------------------------------------------------------------


def test_a_concept_can_be_deleted_and_a_vote_with_codes_cannot(store: Store) -> None:
    concept = setup.create_vote(store, ORGANISER, vote_input(store))
    refused(store, lambda: setup.delete_vote(store, OTHER_ORGANISER, concept))
    assert setup.delete_vote(store, ORGANISER, concept) == "Buurtbudget 2027"
    with store.read() as cur:
        assert votes.vote(cur, concept) is None and votes.items(cur, concept) == []
    (event,) = events(store, "vote.delete")
    assert json.loads(event)["ideas"] >= 2
    refused(store, lambda: setup.delete_vote(store, ORGANISER, concept), "bestaat niet")
    # The ideas are free for another vote.
    vote_id, _ = open_vote(store)
    refused(store, lambda: setup.delete_vote(store, ORGANISER, vote_id), "al gemaakt",
            "niets veranderd")  # fmt: skip
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    refused(store, lambda: setup.delete_vote(store, ORGANISER, vote_id), "gesloten",
            "niets veranderd")  # fmt: skip
    with store.read() as cur:
        found = votes.vote(cur, vote_id)
    assert found is not None and found.status == VoteStatus.GESLOTEN
    assert len(events(store, "vote.delete")) == 1


# Turnout for the organisers ----------------------------------------------------------------------


def test_organisers_see_the_turnout_per_buurt_and_age_during_and_after_the_vote(
    store: Store,
) -> None:
    concept = setup.create_vote(store, ORGANISER, vote_input(store))
    assert closing.organiser_turnout(store, ORGANISER, concept) == ()
    vote_id, codes = open_vote(store)
    assert OPENS == DEMO_TODAY  # running today
    for code in codes[:30]:
        casting.cast(store, vote_id, code, [1], None)
    casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[30], [1])
    during = closing.organiser_turnout(store, ORGANISER, vote_id)
    assert [g.feature for g in during] == ["part", "age_band"]
    for group in during:
        assert group.table.total.voters == 31 and group.table.total.eligible == len(codes)
        for row in (*group.table.rows, group.table.others):
            if row is not None and row.shown:  # small groups are hidden, as for the public
                assert row.voters is not None and row.eligible is not None
                assert row.voters == 0 or row.voters >= MIN_GROUP
                assert row.eligible - row.voters == 0 or row.eligible - row.voters >= MIN_GROUP
    refused(store, lambda: closing.organiser_turnout(store, OTHER_ORGANISER, vote_id))
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    after = closing.organiser_turnout(store, ORGANISER, vote_id)
    assert after == during == results.result(store, vote_id, today=AFTER).turnout

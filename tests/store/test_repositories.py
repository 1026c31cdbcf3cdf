import threading
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.models import SpendingTransaction
from dashboard.store import audit, budget, council, geography, monitor, proposals, register
from dashboard.store.db import Store
from dashboard.store.rows import Cursor, insert
from tests import records

NOW = datetime(2026, 3, 1, 12, 0)


@pytest.fixture
def store(empty_store: Store) -> Store:
    return empty_store


def seed_place(store: Store) -> int:
    with store.transaction() as cur:
        municipality = insert(cur, "municipality", {"code": "GM0001", "name": "Proefstad"})
        district = insert(
            cur, "district", {"municipality_id": municipality, "code": "SD01", "name": "Noord"}
        )
        return insert(
            cur,
            "neighbourhood",
            {
                "district_id": district,
                "code": "WK001",
                "name": "De Hoven",
                "polygon_geojson": '{"type": "Polygon"}',
                "centroid_lat": 53.2,
                "centroid_lon": 6.5,
            },
        )


def test_geography_round_trip(store: Store) -> None:
    hood_id = seed_place(store)
    with store.read() as cur:
        hood = geography.neighbourhood(cur, hood_id)
        assert hood is not None
        assert (hood.code, hood.name, hood.centroid_lat) == ("WK001", "De Hoven", 53.2)
        assert [h.id for h in geography.neighbourhoods(cur)] == [hood_id]
        assert geography.neighbourhood(cur, hood_id + 100) is None
        assert geography.municipality(cur) is not None


def test_council_terms_meetings_and_decisions_round_trip(store: Store) -> None:
    hood_id = seed_place(store)
    with store.transaction() as cur:
        council_id = council.add_council(cur, "Wijkraad De Hoven", [hood_id], 11, 6, 24, 9, NOW)
        council.add_term(cur, council_id, 1, date(2025, 1, 1), date(2027, 1, 1))
        meeting_id = council.add_meeting(
            cur, council_id, date(2026, 2, 1), "Buurthuis", "Besluiten", "gehouden"
        )
        decision_id = council.add_decision(
            cur,
            council_id,
            "overig",
            (9, 2, 1),
            12,
            True,
            "Omdat het kan.",
            "concept",
            date(2026, 2, 1),
            meeting_id=meeting_id,
        )
    with store.read() as cur:
        found = council.council(cur, council_id)
        assert found is not None and found.seats_appointed == 6 and found.quorum == 9
        assert council.council_neighbourhood_ids(cur, council_id) == [hood_id]
        assert [c.id for c in council.councils_for_neighbourhood(cur, hood_id)] == [council_id]
        assert council.terms(cur, council_id)[0].ends_on == date(2027, 1, 1)
        assert council.meetings(cur, council_id)[0].id == meeting_id
        decision = council.decision(cur, decision_id)
        assert decision is not None
        assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (9, 2, 1)
        assert council.decisions_for_council(cur, council_id) == []  # a draft is not public
        assert council.decisions_for_council(cur, council_id, published_only=False) == [decision]


def test_proposal_with_themes_and_status_history(store: Store) -> None:
    hood_id = seed_place(store)
    with store.transaction() as cur:
        green = proposals.add_theme(cur, "klimaatadaptatie", "Klimaatadaptatie")
        youth = proposals.add_theme(cur, "jeugd", "Jeugd")
        proposal_id = proposals.add_proposal(
            cur,
            "WR-2026-00001",
            hood_id,
            "Geveltuinen",
            "Tegels eruit, groen erin.",
            "bewoner",
            Decimal("2500.50"),
            date(2026, 1, 5),
            NOW,
            theme_ids=[green, youth],
            location=(53.21, 6.51),
        )
        proposals.change_status(cur, proposal_id, "in behandeling", date(2026, 1, 20))
    with store.read() as cur:
        found = proposals.proposal(cur, proposal_id)
        assert found is not None
        assert found.requested_amount == Decimal("2500.50")
        assert isinstance(found.requested_amount, Decimal)
        assert found.status == "in behandeling"
        assert (found.location_lat, found.location_lon) == (53.21, 6.51)
        assert records.proposal_theme_ids(cur, proposal_id) == sorted([green, youth])
        history = monitor.status_steps(cur, [proposal_id])
        assert [(s.from_status, s.to_status, s.changed_on) for s in history] == [
            (None, "ingediend", date(2026, 1, 5)),
            ("ingediend", "in behandeling", date(2026, 1, 20)),
        ]
        assert proposals.themes(cur) == {youth: "Jeugd", green: "Klimaatadaptatie"}
    with store.transaction() as cur, pytest.raises(KeyError):
        proposals.change_status(cur, 999, "besloten", date(2026, 2, 1))


def money_setup(store: Store) -> dict[str, int]:
    hood_id = seed_place(store)
    with store.transaction() as cur:
        council_id = council.add_council(cur, "Wijkraad", [hood_id], 11, 4, 24, 8, NOW)
        envelope = budget.add_envelope(
            cur, hood_id, 2026, "gemeente", Decimal("100000.00"), "Wijkbudget", NOW
        )
        proposal_id = proposals.add_proposal(
            cur, "WR-1", hood_id, "Bankjes", "Nieuwe bankjes", "bewoner", Decimal("3000"),
            date(2026, 1, 1), NOW,
        )  # fmt: skip
        published = council.add_decision(
            cur, council_id, "toekennen", (10, 1, 0), 11, True, "Goed plan", "gepubliceerd",
            date(2026, 2, 1), proposal_id=proposal_id, amount=Decimal("3000"), published_at=NOW,
        )  # fmt: skip
        draft = council.add_decision(
            cur, council_id, "toekennen", (10, 1, 0), 11, True, "Nog concept", "concept",
            date(2026, 2, 1), proposal_id=proposal_id, amount=Decimal("500"),
        )  # fmt: skip
        allocation = budget.add_allocation(
            cur, published, proposal_id, envelope, Decimal("3000.00"), date(2026, 2, 1), NOW
        )
        budget.add_allocation(
            cur, draft, proposal_id, envelope, Decimal("500.00"), date(2026, 2, 1), NOW
        )
        wrong = budget.add_spending(
            cur, allocation, "FIN-1", date(2026, 3, 1), Decimal("1200.10"), "Factuur", NOW
        )
        budget.add_spending(
            cur, allocation, "FIN-2", date(2026, 3, 2), Decimal("-1200.10"), "Correctie", NOW,
            reverses_id=wrong,
        )  # fmt: skip
        budget.add_spending(
            cur, allocation, "FIN-3", date(2026, 3, 3), Decimal("999.99"), "Factuur", NOW
        )
    return {"hood": hood_id, "allocation": allocation, "proposal": proposal_id}


def spending_of(cur: Cursor, ids: dict[str, int]) -> list[SpendingTransaction]:
    """The payments on the allocation of `money_setup`, in the order they were booked."""
    return [t for t in budget.spending_for_neighbourhood(cur, ids["hood"])
            if t.allocation_id == ids["allocation"]]  # fmt: skip


def test_budget_records_round_trip_as_decimals(store: Store) -> None:
    ids = money_setup(store)
    with store.read() as cur:
        envelopes = budget.envelopes(cur, ids["hood"], 2026)
        assert [e.amount for e in envelopes] == [Decimal("100000.00")]
        allocations = [a for a in budget.allocations_for_neighbourhood(cur, ids["hood"])
                       if a.proposal_id == ids["proposal"]]  # fmt: skip
        assert [a.amount for a in allocations] == [Decimal("3000.00"), Decimal("500.00")]
        spending = spending_of(cur, ids)
        assert [t.reference for t in spending] == ["FIN-1", "FIN-2", "FIN-3"]
        assert spending[1].reverses_id == spending[0].id
        assert budget.budget_years(cur) == [2026]


def test_budget_summary_counts_only_published_decisions(store: Store) -> None:
    ids = money_setup(store)
    with store.read() as cur:
        summary = budget.budget_summary(cur, ids["hood"], 2026)
    assert summary.budget == Decimal("100000.00")
    assert summary.allocated == Decimal("3000.00")  # the draft's 500 does not count
    assert summary.spent == Decimal("999.99")  # the reversal nets the wrong booking to zero
    assert summary.remaining == Decimal("97000.00")
    with store.read() as cur:
        empty = budget.budget_summary(cur, ids["hood"], 2019)
    assert (empty.budget, empty.allocated, empty.spent) == (0, 0, 0)


def test_a_duplicate_spending_reference_is_refused_and_changes_nothing(store: Store) -> None:
    ids = money_setup(store)
    with pytest.raises(Exception, match=r"(?i)duplicate|unique"), store.transaction() as cur:
        budget.add_spending(
            cur, ids["allocation"], "FIN-9", date(2026, 4, 1), Decimal("5"), "Nieuw", NOW
        )
        budget.add_spending(
            cur, ids["allocation"], "FIN-1", date(2026, 4, 1), Decimal("5"), "Dubbel", NOW
        )
    with store.read() as cur:
        references = [t.reference for t in spending_of(cur, ids)]
    assert references == ["FIN-1", "FIN-2", "FIN-3"]  # FIN-9 was rolled back too


def test_audit_chain_detects_every_kind_of_tampering(store: Store) -> None:
    with store.transaction() as cur:
        for number in range(5):
            audit.append(cur, "organisator", "quota.set", "draw", number, {"n": number}, NOW)
    with store.read() as cur:
        chain = audit.events(cur)
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert audit.verify_chain(chain) == []

    modified = [*chain[:2], replace(chain[2], payload_json='{"n": 99}'), *chain[3:]]
    assert {p.seq for p in audit.verify_chain(modified)} == {3}
    deleted = chain[:2] + chain[3:]
    assert audit.verify_chain(deleted)
    inserted = [*chain[:2], replace(chain[1], seq=3), *chain[2:]]
    assert audit.verify_chain(inserted)
    reordered = [chain[0], chain[2], chain[1], *chain[3:]]
    assert audit.verify_chain(reordered)


def test_two_audited_writes_at_once_both_commit_and_are_chained_in_commit_order(
    store: Store,
) -> None:
    with store.transaction() as first:
        audit.append(first, "eerste", "test", "none")
        with store.transaction() as second:  # begun after the first, committed before it
            audit.append(second, "tweede", "test", "none")
        with store.read() as cur:
            assert audit.event_count(cur) == 1  # the first's event is not committed yet
    with store.read() as cur:
        chain = audit.events(cur)
        assert audit.event_count(cur) == 2
    assert [(e.seq, e.actor) for e in chain] == [(1, "tweede"), (2, "eerste")]
    assert audit.verify_chain(chain) == []


def test_events_a_killed_writer_left_unchained_are_chained_by_the_next_write(
    store: Store,
) -> None:
    with store._unsealed() as cur:  # committed, then the process died before sealing
        audit.append(cur, "gestopt", "test", "none")
    with store.read() as cur:
        assert audit.events(cur) == [] and audit.event_count(cur) == 1
    store.write(lambda cur: audit.append(cur, "volgende", "test", "none"))
    with store.read() as cur:
        chain = audit.events(cur)
    assert [e.actor for e in chain] == ["gestopt", "volgende"]
    assert audit.verify_chain(chain) == []


def test_threads_each_use_their_own_cursor(store: Store) -> None:
    seed_place(store)
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for _ in range(20):
                with store.read() as cur:
                    assert len(geography.neighbourhoods(cur)) == 1
            store.write(lambda cur: audit.append(cur, f"t{number}", "test", "none"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.read() as cur:
        chain = audit.events(cur)
    assert sorted(e.actor for e in chain) == ["t0", "t1", "t2", "t3"]
    assert audit.verify_chain(chain) == []


def _full_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_the_age_band_by_comparing_dates_is_the_age_in_full_years(store: Store) -> None:
    """register.age_band_between on both backends, leap days included: the band of the
    age in full years that the draws, quotas and monitor use."""
    days = [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28),
            date(2025, 3, 1), date(2026, 11, 23), date(2026, 12, 31), date(2027, 1, 1)]  # fmt: skip
    births = [date(year, month, day) for year in (1958, 1961, 1981, 2000, 2008, 2009, 2010, 2011)
              for month, day in ((1, 1), (2, 28), (2, 29), (3, 1), (11, 23), (12, 31))
              if not (month == 2 and day == 29 and year % 4)]  # fmt: skip
    with store.read() as cur:
        for on in days:
            rows = cur.execute(
                f"SELECT born, {register.age_band_between('born', 'on_day')} FROM "
                "(SELECT unnest(CAST(? AS DATE[])) AS born, CAST(? AS DATE) AS on_day) b",
                [births, on],
            ).fetchall()
            for born, band in rows:
                age = _full_years(born, on)
                expected = next(n for n, lo, hi in AGE_BANDS if lo <= age <= hi)
                assert band == expected, (born, on, age, band)

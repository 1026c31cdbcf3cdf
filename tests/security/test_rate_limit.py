"""Issue 15, finding 2: per-client limits on logins, public downloads and sign-up codes.

The rule (a token bucket per client with the clock injected) and who counts as the client
(the connection, or X-Forwarded-For only from a trusted proxy)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.security.client_address import client_address, parse_trusted
from dashboard.security.rate_limit import RateLimiter, RateRule, refusal_message


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_refused_until_a_token_comes_back() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateRule(burst=3, per_seconds=30), clock)
    assert [limiter.take("a").allowed for _ in range(4)] == [True, True, True, False]
    refused = limiter.take("a")
    assert not refused.allowed and refused.retry_after == pytest.approx(30)
    clock.now += 29
    assert not limiter.take("a").allowed  # a refusal takes nothing, and gives nothing
    assert limiter.wait("a") == pytest.approx(1)
    clock.now += 1
    assert limiter.wait("a") == 0
    assert limiter.take("a").allowed
    assert not limiter.take("a").allowed


def test_clients_have_their_own_buckets_and_their_number_is_bounded() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateRule(burst=1, per_seconds=60), clock, max_clients=2)
    assert limiter.take("a").allowed and not limiter.take("a").allowed
    assert limiter.take("b").allowed
    limiter.take("c")
    assert len(limiter) == 2  # "a", the least recently seen, is forgotten


def test_a_bucket_never_holds_more_than_the_burst() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateRule(burst=2, per_seconds=1), clock)
    limiter.take("a")
    clock.now += 3600
    assert [limiter.take("a").allowed for _ in range(3)] == [True, True, False]


@pytest.mark.parametrize(("burst", "period"), [(0, 1), (1, 0), (2, -1)])
def test_a_rule_without_room_is_refused(burst: int, period: float) -> None:
    with pytest.raises(ValueError):
        RateRule(burst=burst, per_seconds=period)


@given(
    burst=st.integers(1, 8),
    period=st.floats(0.5, 120),
    gaps=st.lists(st.floats(0, 200), min_size=1, max_size=60),
)
def test_no_window_holds_more_than_the_burst_and_what_came_back(
    burst: int, period: float, gaps: list[float]
) -> None:
    """For any arrival times: in every window from one allowed action to another, at most
    `burst + length / period` actions are allowed (so at most `burst` within one period)."""
    clock = FakeClock()
    limiter = RateLimiter(RateRule(burst=burst, per_seconds=period), clock)
    allowed: list[float] = []
    for gap in gaps:
        clock.now += gap
        if limiter.take("client").allowed:
            allowed.append(clock.now)
    for i, start in enumerate(allowed):
        for j in range(i, len(allowed)):
            length = allowed[j] - start
            assert j - i + 1 <= burst + length / period + 1e-6
            if length < period * (1 - 1e-6):
                assert j - i + 1 <= burst


@given(gaps=st.lists(st.floats(0, 10), max_size=40))
def test_a_client_that_waits_a_period_is_always_served(gaps: list[float]) -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateRule(burst=2, per_seconds=10), clock)
    for gap in gaps:
        clock.now += gap
        limiter.take("client")
    clock.now += limiter.wait("client")
    assert limiter.take("client").allowed


@pytest.mark.parametrize(
    ("seconds", "when"),
    [(0.2, "1 minuut"), (60, "1 minuut"), (61, "2 minuten"), (15 * 60, "15 minuten")],
)
def test_the_refusal_says_in_dutch_how_many_minutes(seconds: float, when: str) -> None:
    assert refusal_message(seconds) == (
        f"Te veel pogingen vanaf dit adres; probeer het over {when} opnieuw."
    )


PROXY = parse_trusted("127.0.0.1, 10.0.0.5, geen-adres")


def test_trusted_proxies_are_read_from_the_setting() -> None:
    assert frozenset({"127.0.0.1", "10.0.0.5"}) == PROXY
    assert parse_trusted("") == frozenset()


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        # Without a trusted proxy the connection counts, and the header is ignored.
        ("203.0.113.7", "198.51.100.1", frozenset(), "203.0.113.7"),
        # The same machine without a trusted proxy: no client to tell apart.
        (None, "198.51.100.1", frozenset(), None),
        # A trusted proxy: the right-most address it did not add itself.
        (None, "198.51.100.1", PROXY, "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1", PROXY, "198.51.100.1"),
        ("10.0.0.5", "198.51.100.1, 127.0.0.1", PROXY, "198.51.100.1"),
        # A forged header at the left does not move the client elsewhere.
        ("10.0.0.5", "127.0.0.1, 198.51.100.1", PROXY, "198.51.100.1"),
        # A header from a connection that is no trusted proxy is ignored.
        ("203.0.113.7", "198.51.100.1", PROXY, "203.0.113.7"),
        # A trusted proxy that names no client, or something that is no address.
        ("10.0.0.5", None, PROXY, None),
        ("10.0.0.5", "onzin", PROXY, None),
        ("2001:db8::1", None, frozenset(), "2001:db8::1"),
    ],
)
def test_the_client_is_the_connection_or_what_a_trusted_proxy_says(
    peer: str | None, forwarded: str | None, trusted: frozenset[str], client: str | None
) -> None:
    assert client_address(peer, forwarded, trusted) == client

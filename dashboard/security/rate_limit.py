"""Per-client rate limits: a token bucket per client. Pure: the caller passes the clock.

A bucket holds at most `burst` tokens and gets one back every `per_seconds`; an action
takes one token, and is refused while the bucket is empty. So in any window of `w`
seconds a client gets at most `burst + w / per_seconds` actions.

The buckets live in the memory of one process: a restart forgets them, and several
processes each keep their own. Limits across processes belong in the reverse proxy
(SECURITY.md).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

# A token that is whole but for rounding (waiting exactly `wait()` seconds must be enough).
_WHOLE = 1 - 1e-9


@dataclass(frozen=True)
class RateRule:
    burst: int  # actions allowed at once
    per_seconds: float  # one more action comes back every this many seconds

    def __post_init__(self) -> None:
        if self.burst < 1 or self.per_seconds <= 0:
            raise ValueError("a rate rule needs a burst of at least 1 and a positive period")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float  # seconds until the next action is allowed; 0 when allowed


class RateLimiter:
    """Token buckets keyed by client, at most `max_clients` of them (the least recently
    seen go first: a forgotten client starts with a full bucket). Thread-safe."""

    def __init__(
        self,
        rule: RateRule,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self.rule = rule
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def take(self, client: str) -> Decision:
        """One action for `client`: allowed (a token is taken) or refused (nothing taken)."""
        with self._lock:
            now = self._clock()
            tokens = self._tokens(client, now)
            if tokens >= _WHOLE:
                self._keep(client, max(0.0, tokens - 1), now)
                return Decision(True, 0.0)
            self._keep(client, tokens, now)
            return Decision(False, (1 - tokens) * self.rule.per_seconds)

    def wait(self, client: str) -> float:
        """Seconds until `take` would allow an action (0: now); takes nothing."""
        with self._lock:
            tokens = self._tokens(client, self._clock())
        return 0.0 if tokens >= _WHOLE else (1 - tokens) * self.rule.per_seconds

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()

    def _tokens(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (float(self.rule.burst), now))
        refilled = tokens + max(0.0, now - at) / self.rule.per_seconds
        return min(float(self.rule.burst), refilled)

    def _keep(self, client: str, tokens: float, now: float) -> None:
        self._buckets.pop(client, None)
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)

    def __len__(self) -> int:
        return len(self._buckets)


def refusal_message(retry_after: float) -> str:
    """The Dutch message for a refused action, in whole minutes (at least one)."""
    minutes = max(1, math.ceil(retry_after / 60))
    when = "1 minuut" if minutes == 1 else f"{minutes} minuten"
    return f"Te veel pogingen vanaf dit adres; probeer het over {when} opnieuw."

"""Actions run at the same moment, for the tests of what happens when people act at once."""

from __future__ import annotations

import threading
from collections.abc import Callable


def race(*actions: Callable[[], object], timeout: float = 120) -> list[object]:
    """Run the actions at once, one thread each, released together by a barrier; what each
    returned or the error it raised, in the order given."""
    start = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = action()
        except Exception as exc:  # the outcome is what the test compares
            results[index] = exc

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results

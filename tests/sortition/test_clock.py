"""The one clock: Europe/Amsterdam days, a fixed demonstration day, and no other clock in
the code."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from sortition import clock

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.FIXED_DAY, raising=False)


@pytest.mark.usefixtures("real_day")
def test_new_year_starts_at_midnight_in_amsterdam_not_in_utc() -> None:
    # 00:30 in Amsterdam on 1 January is still 31 December in UTC.
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False):
        assert clock.today() == date(2027, 1, 1)
        assert clock.now() == datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
        assert clock.utc_naive_now() == datetime(2026, 12, 31, 23, 30)


@pytest.mark.usefixtures("real_day")
def test_summer_time_moves_the_day_two_hours_before_utc() -> None:
    with time_machine.travel(datetime(2026, 7, 1, 22, 15, tzinfo=UTC), tick=False):
        assert clock.today() == date(2026, 7, 2)
    with time_machine.travel(datetime(2026, 7, 1, 21, 45, tzinfo=UTC), tick=False):
        assert clock.today() == date(2026, 7, 1)


def test_a_fixed_day_keeps_the_time_of_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.FIXED_DAY, "2026-03-02")
    with time_machine.travel(datetime(2030, 5, 5, 10, 0, tzinfo=UTC), tick=False):
        assert clock.today() == date(2026, 3, 2)
        assert clock.local_now().hour == 12  # 10:00 UTC is 12:00 in May in Amsterdam
        assert clock.utc_naive_now() == datetime(2026, 3, 2, 11, 0)  # 12:00 in March is 11 UTC


@pytest.mark.parametrize("value", ["23-11-2026", "2026-02-30", "morgen"])
def test_a_fixed_day_that_is_no_date_is_refused_with_its_value(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(clock.FIXED_DAY, value)
    with pytest.raises(clock.ClockError, match=re.escape(repr(value))):
        clock.today()


def test_the_suite_runs_on_the_demo_day() -> None:
    from tests.conftest import DEMO_TODAY

    assert clock.today() == DEMO_TODAY


OTHER_CLOCKS = re.compile(
    r"\bdate\.today\(|\bdatetime\.(now|utcnow|today)\(|\btime\.time\(|\bcurrent_date\b"
    r"|\bcurrent_timestamp\b|\bnow\(\)\s*(?:,|\)|$)",
    re.IGNORECASE,
)


# Tokens of the single sign-on test provider carry real Unix times, as a real provider's do.
REAL_TIME_ALLOWED = {"tests/e2e/mock_oidc.py", "tests/dashboard/test_sso.py"}


def test_no_code_reads_another_clock() -> None:
    """Only sortition/clock.py reads the machine's clock (SQL included: no current_date),
    in the app and in the tests."""
    found = []
    for folder in ("dashboard", "sortition", "voting", "data", "tests", "bench"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix not in (".py", ".sql") or path.name in ("clock.py", "test_clock.py"):
                continue
            if str(path.relative_to(REPO)) in REAL_TIME_ALLOWED:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                code = line.split("#", 1)[0] if path.suffix == ".py" else line.split("--")[0]
                if OTHER_CLOCKS.search(code) and "clock." not in code:
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    for name in ("streamlit_app.py",):
        text = (REPO / name).read_text()
        if OTHER_CLOCKS.search(text):
            found.append(name)
    assert found == []

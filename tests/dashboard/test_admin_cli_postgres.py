"""The administration command on PostgreSQL: WIJKRAAD_DATABASE_URL chooses the database; a
wrong address is one plain line and a non-zero exit, not a traceback."""

import pytest

from dashboard import admin

pytestmark = pytest.mark.postgres


def test_the_audit_log_is_checked_on_postgresql(
    postgres_demo_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WIJKRAAD_DATABASE_URL", postgres_demo_url)
    assert admin.main(["verify-audit"]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://nobody@/x?host=/no/such/dir", "Cannot connect to the PostgreSQL database"),
        ("mysql://somewhere/db", "must be a postgresql://"),
    ],
)
def test_a_wrong_address_is_one_plain_line(
    url: str, said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WIJKRAAD_DATABASE_URL", url)
    assert admin.main(["verify-audit"]) == admin.NO_DATABASE
    error = capsys.readouterr().err
    assert said in error and "Traceback" not in error

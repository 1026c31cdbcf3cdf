"""`python -m dashboard.admin`: run as a separate process like an administrator would where
the process matters (the entry point, exit codes, a database held by another process), and
through `main()` (what `python -m` runs) elsewhere, which is ten times faster."""

import contextlib
import io
import subprocess
import sys
from functools import partial
from pathlib import Path

import duckdb
import pytest

from dashboard import admin as cli
from dashboard.store import audit
from dashboard.store.db import open_store
from tests.conftest import DEMO_TODAY

REPO = Path(__file__).resolve().parents[2]


def admin(database: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.admin", "--db", str(database), *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def admin_in_process(
    database: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """What `admin` gives, from `main()` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        code = cli.main(["--db", str(database), *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def users(database: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute("SELECT username, role FROM app_user ORDER BY username").fetchall()
    finally:
        con.close()


def test_create_admin_and_organiser_then_list(demo_db: Path) -> None:
    made = admin(demo_db, "create-admin", "--username", "Hoofd", "--password-stdin",
                 stdin="een lang wachtwoord\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Created administrator hoofd" in made.stdout
    organiser = admin(
        demo_db, "create-user", "--username", "piet", "--role", "organiser",
        "--neighbourhood", "WK001", "--neighbourhood", "wk002", "--password-stdin",
        stdin="een lang wachtwoord\n",
    )  # fmt: skip
    assert organiser.returncode == 0, organiser.stderr
    listed = admin(demo_db, "list-users")
    assert listed.returncode == 0
    assert "hoofd" in listed.stdout and "piet" in listed.stdout
    assert "2 neighbourhood(s)" in listed.stdout
    assert ("hoofd", "administrator") in users(demo_db)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["create-admin", "--username", "organisator", "--password-stdin"], "lang genoeg!!\n",
         "bestaat al"),
        (["create-admin", "--username", "x", "--password-stdin"], "lang genoeg!!\n",
         "3 tot 40 tekens"),
        (["create-admin", "--username", "nieuw", "--password-stdin"], "kort\n", "minstens 10"),
        (["create-admin", "--username", "nieuw", "--password-stdin"], "", "No password"),
        (["create-admin", "--username", "nieuw"], "", "use --password-stdin"),
        (["create-user", "--username", "nieuw", "--role", "organiser", "--neighbourhood",
          "WK999", "--password-stdin"], "lang genoeg!!\n", "Onbekende wijkcode: WK999"),
        (["create-user", "--username", "nieuw", "--role", "organiser", "--password-stdin"],
         "lang genoeg!!\n", "Kies de wijken"),
        (["unlock", "--username", "niemand"], None, "geen gebruiker niemand"),
        (["retention", "--days", "-5"], None, "0 tot 3650"),
        (["erase-contact", "--resident-id", "999999999"], None, "niet in het register"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_and_changes_nothing(
    demo_db: Path, args: list[str], stdin: str | None, message: str
) -> None:
    before = users(demo_db)
    result = admin_in_process(demo_db, *args, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr
    assert users(demo_db) == before


def test_bad_input_from_the_real_command(demo_db: Path) -> None:
    result = admin(demo_db, "create-admin", "--username", "beheer", "--password-stdin",
                   stdin="lang genoeg!!\n")  # fmt: skip
    assert result.returncode == 2
    assert "bestaat al" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_database_exits_3(tmp_path: Path) -> None:
    result = admin_in_process(tmp_path / "none.duckdb", "list-users")
    assert result.returncode == 3
    assert "There is no database" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_a_database_held_by_the_app_says_to_stop_the_app(demo_db: Path) -> None:
    app = duckdb.connect(str(demo_db))  # as the running app would
    try:
        result = admin(demo_db, "list-users")
    finally:
        app.close()
    assert result.returncode == 3
    assert "in use by another process" in result.stderr and "stop the app" in result.stderr


def test_retention_and_unlock(demo_db: Path) -> None:
    dry = admin_in_process(
        demo_db, "retention", "--days", "0", "--today", DEMO_TODAY.isoformat(), "--dry-run"
    )
    assert dry.returncode == 0 and "Nothing was changed" in dry.stdout
    done = admin_in_process(demo_db, "retention", "--days", "0", "--today", DEMO_TODAY.isoformat())
    assert done.returncode == 0 and "Deleted" in done.stdout
    con = duckdb.connect(str(demo_db))
    con.execute(
        "UPDATE app_user SET locked_until = now() + INTERVAL 1 HOUR WHERE username = 'beheer'"
    )
    con.close()
    assert "locked until" in admin_in_process(demo_db, "list-users").stdout
    unlocked = admin_in_process(demo_db, "unlock", "--username", "beheer")
    assert unlocked.returncode == 0
    assert "locked until" not in admin_in_process(demo_db, "list-users").stdout


def add_audit_events(database: Path, count: int) -> None:
    store = open_store(database)
    try:
        for number in range(count):
            store.write(
                partial(audit.append, actor="test", action="step", entity="draw", entity_id=number)
            )
    finally:
        store.close()


def head_of_audit_log(database: Path) -> str:
    result = admin_in_process(database, "verify-audit")
    assert result.returncode == 0, result.stderr
    assert "chain intact" in result.stdout
    return result.stdout.rsplit("Head hash: ", 1)[1].strip()


@pytest.mark.parametrize(
    ("tampering", "message"),
    [
        ("UPDATE audit_event SET payload_json = '{}' WHERE seq = 2", "content changed"),
        ("DELETE FROM audit_event WHERE seq = 2", "expected event number 2"),
        ("UPDATE audit_event SET actor = 'iemand' WHERE seq = 3", "content changed"),
    ],
)
def test_verify_audit_finds_tampering(demo_db: Path, tampering: str, message: str) -> None:
    add_audit_events(demo_db, 4)
    head_of_audit_log(demo_db)
    con = duckdb.connect(str(demo_db))
    con.execute(tampering)
    con.close()
    result = admin_in_process(demo_db, "verify-audit")
    assert result.returncode == 1
    assert message in result.stderr


def test_verify_audit_detects_events_removed_from_the_end(demo_db: Path) -> None:
    add_audit_events(demo_db, 2)
    head = head_of_audit_log(demo_db)
    con = duckdb.connect(str(demo_db))
    con.execute("DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    con.close()
    assert admin_in_process(demo_db, "verify-audit").returncode == 0  # the chain alone cannot tell
    result = admin_in_process(demo_db, "verify-audit", "--expect-head", head)
    assert result.returncode == 1 and "removed from the end" in result.stderr

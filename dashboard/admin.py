"""Administration from the command line: accounts and the retention of personal data.

    python -m dashboard.admin create-admin --username beheer
    python -m dashboard.admin create-user --username piet --role organiser --neighbourhood WK001
    python -m dashboard.admin list-users
    python -m dashboard.admin unlock --username piet
    python -m dashboard.admin retention [--days 90] [--dry-run]
    python -m dashboard.admin erase-contact --resident-id 123 --reference ZAAK-2026-17
    python -m dashboard.admin verify-audit [--expect-head HASH]

DuckDB lets one process open a database file at a time: run this while the app is
stopped. Exit codes: 0 done, 1 audit chain broken, 2 bad input (nothing changed), 3 database not
usable.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from dashboard.config import POSTGRES_SCHEMES, database_location
from dashboard.domain.auth import SYSTEM, Role
from dashboard.domain.errors import UserError
from dashboard.services import accounts, privacy
from dashboard.store import audit
from dashboard.store.db import Store, open_store
from dashboard.store.errors import StoreError

CHAIN_BROKEN = 1
BAD_INPUT = 2
NO_DATABASE = 3


class CliError(Exception):
    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def open_database(path: Path | str) -> Store:
    if isinstance(path, str) and path.startswith(POSTGRES_SCHEMES):
        try:
            return open_store(path)
        except StoreError as exc:
            raise CliError(str(exc), NO_DATABASE) from exc
    path = Path(path)
    if not path.exists():
        raise CliError(
            f"There is no database at {path}. Start the app once (it creates the demo "
            "database), run python -m data.generate, or pass --db.",
            NO_DATABASE,
        )
    try:
        return open_store(path)
    except StoreError as exc:
        if "lock" in str(exc).lower():
            raise CliError(
                f"The database {path} is in use by another process, probably the running "
                "app. DuckDB allows one process per file: stop the app, run this command, "
                "then start the app again.",
                NO_DATABASE,
            ) from exc
        raise CliError(str(exc), NO_DATABASE) from exc


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("No password on standard input.")
        return password
    if not sys.stdin.isatty():
        raise CliError("No terminal to ask for the password: use --password-stdin.")
    first = getpass.getpass("Password (at least 10 characters): ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise CliError("The two passwords differ; nothing was changed.")
    return first


def create_user(store: Store, args: argparse.Namespace, role: Role) -> str:
    # Check everything that needs no password before asking for one.
    name = accounts.check_username(args.username)
    codes = getattr(args, "neighbourhood", None) or []
    everywhere = bool(getattr(args, "all_neighbourhoods", False))
    hoods = accounts.neighbourhood_ids_for_codes(store, SYSTEM, codes)
    password = read_password(args.password_stdin)
    accounts.create_user(store, SYSTEM, name, password, role, hoods, everywhere)
    return f"Created {role.value} {name}."


def cmd_create_admin(store: Store, args: argparse.Namespace) -> str:
    return create_user(store, args, Role.ADMINISTRATOR)


def cmd_create_user(store: Store, args: argparse.Namespace) -> str:
    return create_user(store, args, Role(args.role))


def cmd_list_users(store: Store, args: argparse.Namespace) -> str:
    lines = []
    for user in accounts.list_users(store, SYSTEM):
        if user.role is not Role.ORGANISER:
            where = "-"
        elif user.all_neighbourhoods:
            where = "all neighbourhoods"
        else:
            where = f"{len(user.neighbourhood_ids)} neighbourhood(s)"
        state = "active" if user.active else "disabled"
        if user.locked_until is not None:
            state = f"locked until {user.locked_until:%Y-%m-%d %H:%M} UTC"
        lines.append(f"{user.username:<24} {user.role.value:<14} {where:<22} {state}")
    return "\n".join(lines) if lines else "No users yet: python -m dashboard.admin create-admin"


def cmd_unlock(store: Store, args: argparse.Namespace) -> str:
    accounts.unlock(store, SYSTEM, accounts.user_id_for(store, SYSTEM, args.username))
    return f"Unlocked {args.username.strip().lower()}."


def cmd_retention(store: Store, args: argparse.Namespace) -> str:
    report = privacy.apply_retention(store, SYSTEM, args.days, args.today, args.dry_run)
    if report.dry_run:
        return (
            f"Dry run: {report.scheduled} contact record(s) would be deleted today "
            f"({report.days} days after the draw), {report.proposal_contacts} "
            f"submitter contact(s) of finished proposals, {report.idea_contacts} of "
            f"rejected or merged ideas and {report.signup_contacts} phone number(s) or "
            "e-mail address(es) left with an online sign-up. Nothing was changed."
        )
    return (
        f"Deleted {report.deleted} contact record(s) of residents invited but not selected, "
        f"{report.days} days after their draw; {report.scheduled - report.deleted} more "
        f"have a delete-after date. Deleted {report.proposal_contacts} submitter contact(s) "
        f"of proposals finished or rejected that long ago, {report.idea_contacts} "
        "contact(s) of ideas rejected or merged that long ago, and "
        f"{report.signup_contacts} phone number(s) or e-mail address(es) left with an "
        "online sign-up (by the rule of the resident's name and address)."
    )


def cmd_erase_contact(store: Store, args: argparse.Namespace) -> str:
    privacy.erase_contact(store, SYSTEM, args.resident_id, args.reference)
    return f"Erased the contact data of resident {args.resident_id}."


def cmd_verify_audit(store: Store, args: argparse.Namespace) -> str:
    """Check the hash chain of the audit log; publish the head hash to detect later
    removal of events from the end (which the chain alone cannot show)."""
    with store.read() as cur:
        chain = audit.events(cur)
    problems = [f"event {p.seq}: {p.problem}" for p in audit.verify_chain(chain)]
    if args.expect_head and args.expect_head not in {e.hash for e in chain}:
        problems.append(
            f"the published head {args.expect_head[:16]}... is not in the log: events were "
            "removed from the end, or this is another database"
        )
    if problems:
        raise CliError("the audit log was changed:\n  " + "\n  ".join(problems), CHAIN_BROKEN)
    head = chain[-1].hash if chain else audit.GENESIS
    return f"{len(chain)} audit events, chain intact. Head hash: {head}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.admin",
        description="Wijkraad administration. Run while the app is stopped (DuckDB allows "
        "one process per database file).",
    )
    parser.add_argument("--db", type=Path, default=None, help="the database (WIJKRAAD_DB)")
    commands = parser.add_subparsers(dest="command", required=True)

    def account(name: str, handler: Callable[..., str], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--username", required=True)
        sub.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        sub.set_defaults(handler=handler)
        return sub

    account("create-admin", cmd_create_admin, "create an administrator")
    user = account("create-user", cmd_create_user, "create a user with a role")
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    user.add_argument(
        "--neighbourhood", action="append", metavar="CODE", help="e.g. WK001; repeatable"
    )
    user.add_argument("--all-neighbourhoods", action="store_true")

    commands.add_parser("list-users", help="list the users").set_defaults(handler=cmd_list_users)
    unlock = commands.add_parser("unlock", help="unlock a locked account")
    unlock.add_argument("--username", required=True)
    unlock.set_defaults(handler=cmd_unlock)

    retention = commands.add_parser(
        "retention", help="delete contact data of residents invited but not selected"
    )
    retention.add_argument(
        "--days", type=int, default=None, help="default 90 or WIJKRAAD_RETENTION_DAYS"
    )
    retention.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    retention.add_argument("--dry-run", action="store_true", help="only count")
    retention.set_defaults(handler=cmd_retention)

    erase = commands.add_parser("erase-contact", help="erase one resident's contact data")
    erase.add_argument("--resident-id", type=int, required=True)
    erase.add_argument("--reference", default=None, help="the request's case number")
    erase.set_defaults(handler=cmd_erase_contact)

    verify = commands.add_parser("verify-audit", help="check the audit log's hash chain")
    verify.add_argument("--expect-head", default=None, help="a head hash published earlier")
    verify.set_defaults(handler=cmd_verify_audit)
    return parser


def _configured_database() -> str:
    try:
        return database_location()
    except ValueError as exc:
        raise CliError(str(exc), NO_DATABASE) from exc


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = open_database(args.db or _configured_database())
        try:
            print(args.handler(store, args))
        finally:
            store.close()
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m sortition prepare | reveal | verify | replace | reserve`: the public draw.

prepare  computes the fair distribution and the lottery list, writes the bundle without
         ceremony inputs and prints the commitment to publish;
reveal   adds the public inputs (in the order they were called out) and prints the panel;
verify   recomputes everything: exit 0 identical, 1 with the differences, 2 unreadable;
         a public bundle as far as its groups allow, and with --full the full bundle and
         that the public one belongs to it (the auditor's check);
publish  writes the public bundle of a full bundle (groups and counts, no pseudonyms);
replace  prepares a replacement draw for members who leave (verify it with --parent);
reserve  lists the reserve candidates who could take a leaving member's seat;
rotate   prepares a rotation draw: --k open seats next to the staying members, without
         sitting members and those still in their cool-down (--service, --cool-down-months).
export   writes a full bundle's pool and quotas in the Sortition Foundation's layout
         (features.csv, people.csv, settings.toml), for its tools.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from sortition import clock
from sortition.bundle import CODE_VERSION, FAIR_ALGORITHMS, prepare, reveal, summary
from sortition.bundle_file import MAX_NESTING as MAX_NESTING  # the limit, for callers
from sortition.bundle_file import parse_bundle
from sortition.checks import Check, text_lines
from sortition.errors import SortitionInputError
from sortition.foundation import (
    ADDRESS_HOUSEHOLD,
    foundation_files,
    read_settings,
    with_address_households,
)
from sortition.io import read_quotas, read_table
from sortition.lottery import DEFAULT_M, ROUNDING_SECONDS
from sortition.objectives import TIME_LIMIT
from sortition.publish import is_public, matches_full, public_bundle, public_summary
from sortition.replace import DrawInputs, replacement_draw_inputs, reserve_candidates
from sortition.rotation import not_eligible, rotation_draw_inputs
from sortition.text import clean
from sortition.verify import verify, verify_checks

COMMANDS = ("prepare", "reveal", "verify", "publish", "replace", "reserve", "rotate", "export")


def add_pool_arguments(parser: argparse.ArgumentParser) -> None:
    """The pool, the quota table and the panel size (select and prepare)."""
    parser.add_argument("--people", required=True, help="pool: CSV (',' or ';') or XLSX")
    parser.add_argument("--quotas", required=True, help="quota table: feature,value,min,max")
    parser.add_argument("--k", required=True, type=int, help="panel size")
    parser.add_argument("--household-column", default=None)
    parser.add_argument("--id-column", default=None, help="default: id")
    parser.add_argument(
        "--address-columns",
        default=None,
        help="comma-separated; people with the same address are one household "
        "(the Sortition Foundation's same-address check)",
    )
    parser.add_argument(
        "--foundation-settings",
        default=None,
        help="a Sortition Foundation settings.toml: its id and address columns",
    )


@dataclass(frozen=True)
class PoolInput:
    """How the command line's pool is read: the people, their id and household column."""

    people: pd.DataFrame
    id_column: str
    household_column: str | None
    address_columns: tuple[str, ...]

    def with_households(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Another table of the same people (e.g. the staying members) read the same way."""
        if not self.address_columns:
            return frame
        return with_address_households(frame, self.address_columns)


def pool_input(args: argparse.Namespace) -> PoolInput:
    """The pool of `--people`, with the id and address columns of `--foundation-settings`
    unless `--id-column` or `--address-columns` say otherwise."""
    settings = read_settings(args.foundation_settings) if args.foundation_settings else None
    id_column = args.id_column or (settings.id_column if settings else "id")
    if args.address_columns is not None:
        address = tuple(c for c in (clean(c) for c in args.address_columns.split(",")) if c)
        if not address:
            raise SortitionInputError("--address-columns names no column.")
    else:
        address = settings.address_columns if settings else ()
    if address and args.household_column:
        raise SortitionInputError(
            "Give either --household-column or address columns for the household check, not both."
        )
    frame = read_table(args.people)
    if not address:
        return PoolInput(frame, id_column, args.household_column, ())
    return PoolInput(with_address_households(frame, address), id_column, ADDRESS_HOUSEHOLD, address)


def add_time_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help=f"seconds for goldilocks or nash (default {TIME_LIMIT:g}); when they run out, "
        "nothing is written (exit 2): a result not proven optimal is never given",
    )


def add_commands(sub: Any) -> None:  # argparse's private _SubParsersAction
    p = sub.add_parser("prepare", help="compute the lottery list and the commitment")
    add_pool_arguments(p)
    p.add_argument("--algorithm", default="leximin", choices=FAIR_ALGORITHMS)
    p.add_argument("--m", type=int, default=DEFAULT_M, help="panels on the lottery list")
    p.add_argument("--rounding-seconds", type=float, default=ROUNDING_SECONDS)
    add_time_limit(p)
    p.add_argument("--out", required=True, help="the bundle (JSON)")

    r = sub.add_parser("reveal", help="enter the public ceremony inputs and show the panel")
    r.add_argument("bundle")
    r.add_argument("--input", action="append", required=True, help="one public input")
    r.add_argument("--out", default=None, help="completed bundle (default: overwrite)")

    v = sub.add_parser("verify", help="check a bundle (full or public) from its inputs")
    v.add_argument("bundle")
    v.add_argument("--parent", default=None, help="the parent draw of a replacement")
    v.add_argument("--full", default=None, help="the full bundle a public bundle belongs to")

    u = sub.add_parser("publish", help="the public bundle of a full bundle")
    u.add_argument("bundle", help="the full bundle")
    u.add_argument("--out", default=None, help="the public bundle (default: standard output)")

    x = sub.add_parser("replace", help="prepare a replacement draw for leaving members")
    x.add_argument("bundle", help="the revealed bundle of the draw")
    x.add_argument("--leaving", action="append", required=True, help="id of a leaving member")
    x.add_argument("--unavailable", action="append", default=[], help="id not to draw")
    x.add_argument("--member", action="append", default=None, help="current members")
    x.add_argument("--m", type=int, default=DEFAULT_M)
    x.add_argument("--out", required=True)

    s = sub.add_parser("reserve", help="reserve candidates for a leaving member, in rank order")
    s.add_argument("bundle")
    s.add_argument("--leaving", required=True)
    s.add_argument("--member", action="append", default=None, help="current members")

    o = sub.add_parser("rotate", help="prepare a rotation draw for the seats that renew")
    add_pool_arguments(o)  # --k: the number of seats that renew
    o.add_argument("--staying", required=True, help="CSV/XLSX of the members who stay")
    o.add_argument("--service", default=None, help="CSV: id,ended_on (empty: still sitting)")
    o.add_argument("--today", default=None, help="YYYY-MM-DD for the cool-down (default today)")
    o.add_argument("--cool-down-months", type=int, default=24)
    o.add_argument("--exclude", action="append", default=[], help="id not to draw")
    o.add_argument("--m", type=int, default=DEFAULT_M)
    o.add_argument("--out", required=True)

    e = sub.add_parser("export", help="a bundle's pool and quotas in the Foundation's layout")
    e.add_argument("bundle", help="the full bundle")
    e.add_argument("--out", required=True, help="folder for features.csv, people.csv, ...")


def read_bundle(path: str) -> dict[str, Any]:
    """The bundle's JSON, or SortitionInputError (exit 2) for anything that is no bundle:
    not UTF-8, not JSON, nested too deep, or a number too long for Python to read
    (`sortition.bundle_file`)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SortitionInputError(f"File not found: {path}.") from exc
    return parse_bundle(data, path)


def write_bundle(bundle: dict[str, Any], path: str) -> None:
    """Write under a temporary name first, so a failure never leaves half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=".bundle-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(bundle, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    """Run one draw command; SortitionError and OSError are left to the caller (exit 2)."""
    if args.command == "prepare":
        pool = pool_input(args)
        bundle = prepare(
            pool.people,
            args.quotas,
            args.k,
            id_column=pool.id_column,
            household_column=pool.household_column,
            algorithm=args.algorithm,
            m=args.m,
            rounding_seconds=args.rounding_seconds,
            time_limit=args.time_limit,
        )
        write_bundle(bundle, args.out)
        print(summary(bundle))
        print(f"Publish this commitment before the ceremony: {bundle['commitment']}")
    elif args.command == "reveal":
        bundle = reveal(read_bundle(args.bundle), args.input)
        write_bundle(bundle, args.out or args.bundle)
        print(summary(bundle))
    elif args.command == "verify":
        return _verify(args)
    elif args.command == "publish":
        public = public_bundle(read_bundle(args.bundle))
        if args.out:
            write_bundle(public, args.out)
        else:
            print(json.dumps(public, ensure_ascii=False, indent=1))
    elif args.command == "replace":
        parent = read_bundle(args.bundle)
        inputs, record = replacement_draw_inputs(
            parent, args.leaving, args.unavailable, args.member
        )
        algorithm = parent.get("algorithm", "leximin")
        _prepare_follow_up(args, inputs, record, "replacement", algorithm=algorithm)
    elif args.command == "rotate":
        _rotate(args)
    elif args.command == "export":
        _export(args)
    else:
        ranked = reserve_candidates(read_bundle(args.bundle), args.leaving, args.member)
        if not ranked:
            print("Nobody on the reserve list keeps every quota; prepare a replacement draw.")
        for rank, person in enumerate(ranked, start=1):
            print(f"{rank}. {person}")
    return 0


def _export(args: argparse.Namespace) -> None:
    bundle = read_bundle(args.bundle)
    if is_public(bundle):
        raise SortitionInputError(
            f"{args.bundle} is a public bundle: it has groups, not the pool; export the full one."
        )
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in foundation_files(bundle).items():
        (folder / name).write_bytes(content)
    print(f"features.csv, people.csv and settings.toml -> {folder}")


def _rotate(args: argparse.Namespace) -> None:
    excluded = set(args.exclude)
    if args.service:
        today = _date(args.today) if args.today else clock.today()
        excluded |= not_eligible(_service(args.service), today, args.cool_down_months)
    quotas = read_quotas(args.quotas)
    pool = pool_input(args)
    staying = pool.with_households(read_table(args.staying))
    inputs = rotation_draw_inputs(
        pool.people,
        quotas,
        staying,
        args.k,
        excluded,
        id_column=pool.id_column,
        household_column=pool.household_column,
    )
    staying_ids = [clean(v) for v in staying[pool.id_column]] if len(staying) else []
    record = inputs.parent_record(None, staying_ids, excluded)
    _prepare_follow_up(args, inputs, record, "rotation", id_column=pool.id_column)


def _prepare_follow_up(
    args: argparse.Namespace,
    inputs: DrawInputs,
    record: dict[str, Any],
    purpose: str,
    *,
    algorithm: str = "leximin",
    id_column: str = "id",
) -> None:
    """Prepare a replacement or rotation draw, write its bundle and say what to publish."""
    bundle = prepare(
        inputs.people,
        inputs.quotas,
        inputs.seats,
        id_column=id_column,
        household_column=inputs.household_column,
        algorithm=algorithm,
        m=args.m,
        purpose=purpose,
        parent=record,
    )
    write_bundle(bundle, args.out)
    for note in inputs.notes:
        print(f"note: {note}")
    print(summary(bundle))
    print(f"Publish this commitment before drawing: {bundle['commitment']}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise SortitionInputError(f"'{text}' is not a date (YYYY-MM-DD).") from exc


def _service(path: str) -> list[tuple[str, date | None]]:
    table = read_table(path)
    columns = {c.casefold(): c for c in table.columns}
    if "id" not in columns or "ended_on" not in columns:
        raise SortitionInputError(f"{path}: the service table needs columns id and ended_on.")
    return [
        (
            clean(row[columns["id"]]),
            _date(row[columns["ended_on"]]) if clean(row[columns["ended_on"]]) else None,
        )
        for row in table.to_dict("records")
    ]


def _verify(args: argparse.Namespace) -> int:
    bundle = read_bundle(args.bundle)
    parent = read_bundle(args.parent) if args.parent else None
    checks = verify_checks(bundle, parent)
    differences = [problem for check in checks for problem in check.problems]
    if args.full:
        if not is_public(bundle):
            raise SortitionInputError("--full goes with a public bundle (made by publish).")
        full = read_bundle(args.full)
        differences += [f"full bundle: {d}" for d in verify(full)]
        differences += matches_full(bundle, full)
    version = bundle.get("code_version")
    if version != CODE_VERSION:
        print(f"note: made with {version}, checked with {CODE_VERSION}", file=sys.stderr)
    if differences:
        print(f"NOT IDENTICAL: {len(differences)} difference(s)")
        for line in differences:
            print(f"  - {line}")
        _checks_in_dutch(checks)
        return 1
    state = "revealed" if bundle.get("ceremony") else "not yet revealed"
    if is_public(bundle):
        print(f"identical: the public bundle follows from its contents ({state}).")
        if args.full:
            print("The full bundle follows from its inputs and gives this public bundle.")
        else:
            print(
                "Who the volunteers are, their own chances and every quota can only be "
                "checked with the full bundle (the organisers and the auditor hold it)."
            )
        print(public_summary(bundle))
    else:
        print(f"identical: the bundle follows from its inputs ({state}).")
        print(summary(bundle))
    _checks_in_dutch(checks)
    return 0


def _checks_in_dutch(checks: list[Check]) -> None:
    """Each check of this bundle in plain Dutch, as the residents' page shows them."""
    print("Controles (in gewone taal):")
    for line in text_lines(checks):
        print(line)

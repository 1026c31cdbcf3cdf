"""`python -m sortition`: select a panel (stage 2), draw invitations (stage 1), and prepare,
reveal and verify public draws (draw_cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sortition import draw_cli
from sortition.errors import SortitionError
from sortition.highs import silence_banner
from sortition.invite import DEFAULT_AGE_BANDS, invite_frame
from sortition.io import read_table
from sortition.select import ALGORITHMS, select
from sortition.spreadsheet import spreadsheet_csv
from sortition.text import clean


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sortition", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    s = sub.add_parser("select", help="select a panel from the volunteer pool")
    draw_cli.add_pool_arguments(s)
    s.add_argument("--algorithm", default="leximin", choices=ALGORITHMS)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--legacy-runs", type=int, default=1000, help="Monte-Carlo runs for legacy")
    draw_cli.add_time_limit(s)
    s.add_argument("--out", default=None, help="result.json (default: standard output)")

    draw_cli.add_commands(sub)

    i = sub.add_parser("invite", help="draw invitation letters from the population register")
    i.add_argument("--register", required=True, help="register: CSV or XLSX, one row a person")
    i.add_argument("--n", required=True, type=int, help="number of invitations")
    i.add_argument("--id-column", default="id")
    i.add_argument("--household-column", default="household")
    i.add_argument("--neighbourhood-column", default="neighbourhood")
    i.add_argument("--age-column", default="age")
    i.add_argument("--min-age", type=int, default=16)
    i.add_argument("--by-age", action="store_true", help="also stratify by age band")
    i.add_argument(
        "--response-rates", default=None, help="CSV with columns stratum,rate (overrides)"
    )
    i.add_argument("--seed", type=int, default=1)
    i.add_argument("--out", required=True, help="invitations CSV")
    i.add_argument("--strata-out", default=None, help="per-stratum plan CSV")
    return parser


def _select(args: argparse.Namespace) -> None:
    pool = draw_cli.pool_input(args)
    result = select(
        pool.people,
        args.quotas,
        args.k,
        algorithm=args.algorithm,
        seed=args.seed,
        id_column=pool.id_column,
        household_column=pool.household_column,
        legacy_runs=args.legacy_runs,
        time_limit=args.time_limit,
    )
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(
            f"{result.algorithm}: {len(result.ids)} volunteers, k = {result.k}, "
            f"min probability {result.min_probability:.4f}, max {result.max_probability:.4f}, "
            f"Gini {result.gini:.4f}, {len(result.portfolio)} panels, "
            f"{result.seconds:.2f} s -> {args.out}"
        )
    else:
        print(text)


def _rates(path: str | None) -> dict[str, float] | None:
    if path is None:
        return None
    table = read_table(path)
    cols = {c.casefold(): c for c in table.columns}
    if "stratum" not in cols or "rate" not in cols:
        raise SortitionError(f"{path}: the response-rate table needs columns stratum and rate.")
    rates = {}
    for n, rec in enumerate(table.to_dict("records"), start=2):
        raw = clean(rec[cols["rate"]]).replace(",", ".")
        try:
            rates[clean(rec[cols["stratum"]])] = float(raw.rstrip("%")) / (
                100 if raw.endswith("%") else 1
            )
        except ValueError as exc:
            raise SortitionError(f"{path} row {n}: rate '{raw}' is not a number.") from exc
    return rates


def _invite(args: argparse.Namespace) -> None:
    register = read_table(args.register)
    result = invite_frame(
        register,
        args.n,
        id_column=args.id_column,
        household_column=args.household_column,
        neighbourhood_column=args.neighbourhood_column,
        age_column=args.age_column,
        seed=args.seed,
        min_age=args.min_age,
        age_bands=DEFAULT_AGE_BANDS if args.by_age else None,
        response_rates=_rates(args.response_rates),
    )
    _spreadsheet_csv(result.invitations, args.out)
    if args.strata_out:
        _spreadsheet_csv(result.strata, args.strata_out)
    print(f"{len(result.invitations)} invitations in {len(result.strata)} strata -> {args.out}")


def _spreadsheet_csv(frame: pd.DataFrame, path: str) -> None:
    Path(path).write_bytes(spreadsheet_csv(frame))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    silence_banner()
    try:
        if args.command in draw_cli.COMMANDS:
            return draw_cli.run(args)
        if args.command == "select":
            _select(args)
        else:
            _invite(args)
    except (SortitionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0

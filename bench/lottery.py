"""How much the transparent lottery changes anybody's chance, against the k/m bound.

For each benchmark pool: the fair (leximin) distribution is computed once, then rounded to
a lottery of m panels by the iterative rounding alone and with the integer program. Prints
the largest change of a probability, its ratio to the k/m bound of Flanigan, Kehne and
Procaccia, and the seconds each rounding took. Run:

    .venv/bin/python bench/lottery.py [--m 1000] [--only 150/k=22]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.pools import benchmark_instances
from sortition import build_lottery, fair_distribution, read_pool, read_quotas

SLOW = {"1000/k=60"}  # leximin alone takes minutes there; run it with --only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--m", type=int, default=1000)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    print("| instance | m | bound k/m | iterative | ratio | + integer program | ratio | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for inst in benchmark_instances():
        if (args.only and inst.name != args.only) or (not args.only and inst.name in SLOW):
            continue
        quotas = read_quotas(inst.quotas)
        pool = read_pool(inst.people, quotas, household_column="household")
        types, dist = fair_distribution(pool, quotas, inst.k)
        bound = inst.k / args.m
        plain = build_lottery(types, dist, pool.ids, args.m, seconds=0)
        started = time.perf_counter()
        polished = build_lottery(types, dist, pool.ids, args.m)
        seconds = time.perf_counter() - started
        print(
            f"| {inst.name} | {args.m} | {bound:.4f} | {plain.max_deviation:.4f} | "
            f"{plain.max_deviation / bound:.2f} | {polished.max_deviation:.4f} | "
            f"{polished.max_deviation / bound:.2f} | {seconds:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

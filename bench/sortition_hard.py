"""Benchmark on the hard family with households (issue 19): ours against the peer's maximin.

The pools of data/hard_pools.py (households of 1-4 sharing buurt and tenure, nine features,
min = max quotas, odd k): by default the family's six (200/20, 200/21, 500/40, 500/41,
1000/60, 1000/61, seeds 1-6), or the given sizes and seeds. Both sides
get the household rule (the peer through its own address check on the household column)
and each runs in a child process with a time limit, so the run always ends:

    .venv/bin/python bench/sortition_hard.py                    # limits 600 s ours, 900 s peer
    .venv/bin/python bench/sortition_hard.py --sizes 200/20 500/40 1000/60
    .venv/bin/python bench/sortition_hard.py --sizes 200/20 --seeds 1 2 3
    .venv/bin/python bench/sortition_hard.py --no-peer --limit 120
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sortition import lex_at_least, run_peer
from data.hard_pools import hard_instance, hard_instances
from data.pools import Instance
from sortition import select
from sortition.portfolio import gini


def _ours(instance: Instance, queue: mp.Queue) -> None:
    started = time.perf_counter()
    result = select(
        instance.people,
        instance.quotas,
        instance.k,
        algorithm="leximin",
        seed=1,
        household_column="household",
    )
    queue.put((time.perf_counter() - started, result.probabilities, result.details))


def run_ours(instance: Instance, limit: float) -> tuple[float, np.ndarray, dict] | None:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_ours, args=(instance, queue))
    proc.start()
    try:
        found = queue.get(timeout=limit)
    except Exception:
        proc.kill()
        proc.join()
        return None
    proc.join()
    return found


def _instances(sizes: list[str] | None, seeds: list[int] | None) -> list[Instance]:
    if seeds:
        pairs = [[int(v) for v in size.split("/")] for size in sizes or ["200/20"]]
        return [hard_instance(n, k, seed) for n, k in pairs for seed in seeds]
    return [i for i in hard_instances() if not sizes or f"{len(i.people)}/{i.k}" in sizes]


def _row(inst: Instance, ours: tuple | None, peer: tuple | None, args: argparse.Namespace) -> str:
    row = [inst.name]
    if ours is None:
        row += ["-", "-", "-", "-", f"over {args.limit:.0f}"]
    else:
        our_s, _, details = ours
        row += [str(details["types"]), str(details["levels"])]
        row += [str(details["panel_searches"]), str(details["integer_programs"])]
        row += [f"{our_s:.2f}"]
    if peer is None:
        row += ["not run" if args.no_peer else f"over {args.peer_limit:.0f}", "-"]
    else:
        ratio = "-" if ours is None else f"{peer[0] / ours[0]:.1f}x"
        row += [f"{peer[0]:.2f}", ratio]
    row += ["-" if ours is None else f"{ours[1].min():.4f}"]
    row += ["-" if peer is None else f"{peer[1].min():.4f}"]
    row += ["-" if ours is None else f"{gini(ours[1]):.4f}"]
    row += ["-" if peer is None else f"{gini(peer[1]):.4f}"]
    if ours is not None and peer is not None:
        row += ["yes" if lex_at_least(ours[1], peer[1]) else "NO"]
    else:
        row += ["-"]
    return "| " + " | ".join(row) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", help="only these n/k, e.g. 200/20")
    parser.add_argument("--seeds", nargs="+", type=int, help="these seeds for every size")
    parser.add_argument("--limit", type=float, default=600.0, help="our seconds per pool")
    parser.add_argument("--peer-limit", type=float, default=900.0, help="peer's seconds")
    parser.add_argument("--no-peer", action="store_true", help="run ours only")
    args = parser.parse_args()

    print(
        "| pool | types | levels | searches | IPs | ours s | peer s | ratio | ours min | peer min "
        "| ours Gini | peer Gini | ours lex >= peer |"
    )
    print("|" + "---|" * 13, flush=True)
    for inst in _instances(args.sizes, args.seeds):
        ours = run_ours(inst, args.limit)
        peer = None if args.no_peer else run_peer(inst, args.peer_limit, "household")
        print(_row(inst, ours, peer, args), flush=True)


if __name__ == "__main__":
    main()

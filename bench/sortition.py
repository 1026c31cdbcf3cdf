"""Benchmark: our leximin against the `sortition-algorithms` package's maximin (HiGHS).

Both run in this one script on the same deterministic synthetic pools (data/pools.py). The
peer is GPL and only called, never copied; it runs in a child process with a time limit so
that an instance it cannot finish is reported as such.

    .venv/bin/python bench/sortition.py                 # full run, peer limit 600 s each
    .venv/bin/python bench/sortition.py --quick         # smoke run: small pools, short limit
    .venv/bin/python bench/sortition.py --peer-limit 120 --only 150/k=22
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.pools import Instance, benchmark_instances
from sortition import select
from sortition.portfolio import gini

TOL = 1e-6


def _peer(instance: Instance, queue: mp.Queue, household: str | None = None) -> None:
    """Run the peer's maximin with HiGHS; put (seconds, probabilities by id) on the queue.

    With `household`, the peer's own address check on that column (at most one person per
    household), as our engine's household rule."""
    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import find_distribution_maximin

    quotas = [{k: str(v) for k, v in r.items()} for r in instance.quotas.to_dict("records")]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], quotas, instance.k)
    people_rows = [{k: str(v) for k, v in r.items()} for r in instance.people.to_dict("records")]
    address = [household] if household else []
    settings = Settings(
        id_column="id",
        columns_to_keep=[],
        check_same_address=bool(address),
        check_same_address_columns=address,
    )
    people, _ = read_in_people(list(instance.people.columns), people_rows, features, settings)
    started = time.perf_counter()
    committees, probs, _ = find_distribution_maximin(
        features, people, instance.k, address, "highspy"
    )
    seconds = time.perf_counter() - started
    p: dict[str, float] = {}
    for committee, q in zip(committees, probs, strict=True):
        for person in committee:
            p[person] = p.get(person, 0.0) + q
    queue.put((seconds, p))


def run_peer(
    instance: Instance, limit: float, household: str | None = None
) -> tuple[float, np.ndarray] | None:
    ctx = mp.get_context("spawn")  # HiGHS threads in this process do not survive a fork
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_peer, args=(instance, queue, household))
    proc.start()
    try:
        seconds, p = queue.get(timeout=limit)
    except Exception:
        proc.kill()
        proc.join()
        return None
    proc.join()
    return seconds, np.array([p.get(i, 0.0) for i in instance.people["id"]])


def lex_at_least(ours: np.ndarray, theirs: np.ndarray) -> bool:
    """Is our sorted probability vector lexicographically >= theirs (up to TOL)?"""
    a, b = np.sort(ours), np.sort(theirs)
    differ = np.flatnonzero(np.abs(a - b) > TOL)
    return len(differ) == 0 or bool(a[differ[0]] > b[differ[0]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-limit", type=float, default=600.0, help="seconds per instance")
    parser.add_argument("--quick", action="store_true", help="two small pools, 60 s limit")
    parser.add_argument("--only", action="append", help="instance name(s) to run")
    parser.add_argument("--no-peer", action="store_true", help="run ours only")
    args = parser.parse_args()

    instances = benchmark_instances()
    if args.quick:
        instances = instances[:2]
        args.peer_limit = min(args.peer_limit, 60.0)
    if args.only:
        instances = [i for i in instances if i.name in args.only]

    header = (
        "| instance | ours s | peer s | ratio | ours min | peer min | ours Gini | peer Gini "
        "| ours lex >= peer |"
    )
    print(header)
    print("|" + "---|" * 9, flush=True)
    for inst in instances:
        started = time.perf_counter()
        ours = select(inst.people, inst.quotas, inst.k, algorithm="leximin", seed=1)
        our_s = time.perf_counter() - started
        peer = None if args.no_peer else run_peer(inst, args.peer_limit)
        if peer is None:
            label = "not run" if args.no_peer else f"did not finish in {args.peer_limit:.0f}"
            cells = [label, "-", "-", "-", "-"]
        else:
            peer_s, peer_p = peer
            cells = [
                f"{peer_s:.2f}",
                f"{peer_s / our_s:.1f}x",
                "",
                f"{peer_p.min():.4f}",
                f"{gini(peer_p):.4f}",
                "yes" if lex_at_least(ours.probabilities, peer_p) else "NO",
            ]
        row = [inst.name, f"{our_s:.2f}"]
        if peer is None:
            row += [cells[0], "-", f"{ours.min_probability:.4f}", "-", f"{ours.gini:.4f}", "-", "-"]
        else:
            row += [cells[0], cells[1], f"{ours.min_probability:.4f}", cells[3]]
            row += [f"{ours.gini:.4f}", cells[4], cells[5]]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()

"""The reference library's Nash welfare on the small pools of tests/sortition, stored so
that the suite compares with it where the library is not installed (CI installs only the
dev group; sortition-algorithms and its convex solvers are in the bench group).

    uv run python -m bench.nash_reference      # rewrites tests/sortition/nash_reference.json

sortition-algorithms is GPL and only called, never copied. For each pool it records the
welfare (sum of the logs of the chances above zero), the lowest chance above zero, the
highest chance and who has no chance at all; null for a pool no panel fits.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from sortition.quotas import QuotaTable
from tests.sortition.conftest import random_instance

REFERENCE_FILE = Path(__file__).resolve().parents[1] / "tests" / "sortition" / "nash_reference.json"
SEEDS = range(6)
POOL, K = 30, 6


def peer_nash(frame: pd.DataFrame, quotas: QuotaTable, k: int) -> dict[str, float]:
    """Each volunteer's chance in the reference library's Nash distribution (HiGHS and SCS)."""
    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import find_distribution_nash

    rows = [{key: str(v) for key, v in r.items()} for r in quotas.to_rows()]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], rows, k)
    people_rows = [{key: str(v) for key, v in r.items()} for r in frame.to_dict("records")]
    settings = Settings(id_column="id", columns_to_keep=[])
    people, _ = read_in_people(list(frame.columns), people_rows, features, settings)
    committees, probs, _ = find_distribution_nash(features, people, k, [], "highspy")
    chances: dict[str, float] = dict.fromkeys(frame["id"], 0.0)
    for committee, q in zip(committees, probs, strict=True):
        for person in committee:
            chances[person] += q
    return chances


def summary(chances: dict[str, float]) -> dict[str, object]:
    values = np.array(list(chances.values()))
    reached = values > 1e-6
    return {
        "welfare": float(np.log(values[reached]).sum()),
        "lowest": float(values[reached].min()),
        "highest": float(values.max()),
        "no_chance": sorted(i for i, p in chances.items() if p <= 1e-6),
    }


def main() -> None:
    reference: dict[str, object] = {}
    for seed in SEEDS:
        frame, quotas = random_instance(seed, POOL, K)
        try:
            reference[str(seed)] = summary(peer_nash(frame, quotas, K))
        except Exception as exc:  # the library's way of saying no panel fits
            print(f"seed {seed}: {type(exc).__name__}: {exc}")
            reference[str(seed)] = None
    REFERENCE_FILE.write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE_FILE.name}: {sum(v is not None for v in reference.values())} pools")


if __name__ == "__main__":
    main()

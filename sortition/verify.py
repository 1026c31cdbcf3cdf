"""Check a draw bundle from its inputs alone, without Wijkraad's database.

Everything that follows deterministically from the inputs is recomputed and compared
exactly: the commitment, the seed, the panel number, the panel, the reserve list, each
panel's quotas and households, and each volunteer's share of the lottery tickets. The fair
probabilities come from an optimisation; they are recomputed and compared within 1e-6
(leximin and Nash-welfare probabilities are unique, so any correct solver finds the same
ones; for maximin only the lowest probability is unique and only that is compared, for
Goldilocks the lowest and the highest). A bundle whose algorithm this checker does not
know, or its own code version did not have, is refused (SortitionInputError). A full bundle's
commitment is the hash of its public head (`sortition.public_head`); a public bundle is
checked by `sortition.verify_public`, to the extent its groups allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from sortition.bundle import (
    bundle_commitment,
    bundle_pool,
    bundle_quotas,
    check_algorithm,
    check_structure,
    lottery_size,
    panel_problems,
    pool_frame,
    reserve_list,
)
from sortition.checks import Check, ceremony_checks, differences
from sortition.diagnose import apply_changes
from sortition.errors import QuotaChange, SortitionError
from sortition.lottery import marginals
from sortition.pool import Pool
from sortition.publish import is_public
from sortition.quotas import QuotaTable
from sortition.replace import residual_inputs
from sortition.rotation import rotating_out
from sortition.seed import ceremony_differences, check_recorded_inputs
from sortition.select import fair_distribution
from sortition.verify_public import public_checks

TOLERANCE = 1e-6
SHOWN = 5
# Algorithms whose optimal distributions differ but agree on these (leximin and Nash
# welfare have unique probabilities: every one is compared).
UNIQUE_EXTREMES = {"maximin": ("lowest",), "goldilocks": ("lowest", "highest")}


def verify(bundle: dict[str, Any], parent: dict[str, Any] | None = None) -> list[str]:
    """Differences between the bundle and what its inputs give; [] means identical.

    A public bundle (`sortition.publish.public_bundle`) is checked on its own terms, with
    its parent's public bundle if given (`verify_public`). Raises SortitionInputError when
    the bundle cannot be read at all, and CeremonyInputError when it (or its parent)
    records ceremony inputs that are not in their canonical form
    (`sortition.seed.canonical_input`): such inputs could hide characters nobody saw, so
    the draw is refused even when its hashes agree.
    """
    return differences(verify_checks(bundle, parent))


def verify_checks(bundle: dict[str, Any], parent: dict[str, Any] | None = None) -> list[Check]:
    """`verify` check by check (`sortition.checks`): each check with its differences, in
    the order `verify` lists them. Raises as `verify` does."""
    if is_public(bundle):
        return public_checks(bundle, parent)
    check_structure(bundle)
    check_algorithm(bundle)
    _check_recorded_inputs(bundle)
    if parent is not None:
        check_structure(parent)
        _check_recorded_inputs(parent)
    checks = [Check("commitment", tuple(_commitment(bundle)))]
    try:
        pool = bundle_pool(bundle)
        quotas = bundle_quotas(bundle)
    except SortitionError as exc:
        return [
            *checks,
            Check("pool", (f"pool or quotas: {exc}",)),
            Check("probabilities", checked=False),
            Check("lottery", checked=False),
        ]
    checks += [
        Check("pool"),
        Check("probabilities", tuple(_fair_probabilities(bundle, pool, quotas))),
        Check("lottery", tuple(_lottery(bundle, pool, quotas))),
        *ceremony_checks(_ceremony(bundle), bundle["ceremony"] is not None, FULL_CEREMONY),
    ]
    if _rotation_record(bundle) is not None:
        checks.append(Check("rotation", tuple(_rotation(bundle))))
    if parent is not None:
        checks.append(Check("parent", tuple(_parent(bundle, parent))))
    elif isinstance(bundle["parent"], dict) and bundle["parent"].get("commitment"):
        checks.append(Check("parent", checked=False))  # a replacement: needs its council's
    return checks


FULL_CEREMONY = ("seed", "number", "panel", "reserve")


def _commitment(bundle: dict[str, Any]) -> list[str]:
    try:
        recomputed = bundle_commitment(bundle)
    except (SortitionError, KeyError, TypeError, ValueError, IndexError) as exc:
        return [f"commitment: cannot be recomputed from the bundle ({type(exc).__name__}: {exc})"]
    if recomputed == bundle["commitment"]:
        return []
    return [
        f"commitment: the bundle says {bundle['commitment']}, its contents give {recomputed} "
        "(pool, quotas, parameters or the lottery list changed after the commitment)"
    ]


def _check_recorded_inputs(bundle: dict[str, Any]) -> None:
    if bundle["ceremony"] is not None:
        check_recorded_inputs(bundle["ceremony"]["inputs"])


def _fair_probabilities(bundle: dict[str, Any], pool: Pool, quotas: QuotaTable) -> list[str]:
    recorded = bundle["probabilities"]
    if sorted(recorded) != sorted(pool.ids):
        return ["probabilities: not given for exactly the people in the pool"]
    algorithm = bundle["algorithm"]
    try:
        types, dist = fair_distribution(pool, quotas, int(bundle["k"]), algorithm)
    except SortitionError as exc:
        return [f"fair distribution: cannot be recomputed ({exc})"]
    fair = dist.type_prob[types.person_type]
    given = np.array([float(recorded[i]) for i in pool.ids])
    if algorithm in UNIQUE_EXTREMES:  # only these are unique: compare only these
        return _extremes(given, fair, UNIQUE_EXTREMES[algorithm])
    off = np.flatnonzero(np.abs(given - fair) > TOLERANCE)
    return [
        f"probability of {pool.ids[i]}: bundle {given[i]:.6f}, recomputed {fair[i]:.6f}"
        for i in off[:SHOWN]
    ] + ([f"... and {len(off) - SHOWN} more probabilities differ"] if len(off) > SHOWN else [])


def _extremes(given: np.ndarray, fair: np.ndarray, which: tuple[str, ...]) -> list[str]:
    found = []
    if "lowest" in which and abs(given.min() - fair.min()) > TOLERANCE:
        found.append(f"lowest probability: bundle {given.min():.6f}, recomputed {fair.min():.6f}")
    if "highest" in which and abs(given.max() - fair.max()) > TOLERANCE:
        found.append(f"highest probability: bundle {given.max():.6f}, recomputed {fair.max():.6f}")
    return found


def _lottery(bundle: dict[str, Any], pool: Pool, quotas: QuotaTable) -> list[str]:
    lottery = bundle["lottery"]
    panels = lottery["panels"]
    differences = []
    if lottery.get("m") != len(panels):
        differences.append(f"lottery: says m = {lottery.get('m')}, lists {len(panels)} panels")
    if bundle["parameters"].get("m") != len(panels):
        differences.append("lottery: its size differs from the parameter m")
    bad = []
    for number, panel in enumerate(panels):
        problems = panel_problems(pool, quotas, int(bundle["k"]), [str(p) for p in panel])
        if problems:
            bad.append(f"lottery panel {number}: {'; '.join(problems)}")
    differences += bad[:SHOWN]
    if len(bad) > SHOWN:
        differences.append(f"... and {len(bad) - SHOWN} more invalid lottery panels")
    if bad or not panels or sorted(bundle["probabilities"]) != sorted(pool.ids):
        return differences
    index = {person: i for i, person in enumerate(pool.ids)}
    shares = marginals([np.array([index[str(p)] for p in panel]) for panel in panels], pool.size)
    fair = np.array([float(bundle["probabilities"][i]) for i in pool.ids])
    deviation = float(np.abs(shares - fair).max())
    if abs(deviation - float(lottery.get("max_deviation", -1))) > 1e-9:
        differences.append(
            f"lottery: largest change of a chance is {deviation:.6f}, the bundle says "
            f"{lottery.get('max_deviation')}"
        )
    return differences


def _ceremony(bundle: dict[str, Any]) -> list[str]:
    ceremony = bundle["ceremony"]
    if ceremony is None:
        if bundle["panel"] is not None or bundle["reserve"] is not None:
            return ["ceremony: a panel is recorded without ceremony inputs"]
        return []
    differences, seed, index = ceremony_differences(
        bundle["commitment"], ceremony, lottery_size(bundle)
    )
    if seed is None:
        return differences
    panel = list(bundle["lottery"]["panels"][index]) if index is not None else []
    if bundle["panel"] != panel:
        differences.append(
            f"panel: the bundle says {_ids(bundle['panel'])}, lottery panel {index} is "
            f"{_ids(panel)}"
        )
    if bundle["reserve"] != reserve_list(bundle, panel, seed):
        differences.append("reserve list: differs from the order the seed gives")
    return differences


def _rotation_record(bundle: dict[str, Any]) -> dict[str, Any] | None:
    """The rotation a rotation draw publishes with its sitting members; None otherwise."""
    record = (bundle["parent"] or {}).get("rotation")
    if bundle["purpose"] != "rotation" or not isinstance(record, dict) or "sitting" not in record:
        return None
    return record


def _rotation(bundle: dict[str, Any]) -> list[str]:
    """A rotation that publishes its sitting members (number in the bundle, start): who
    rotates out follows from them, the number of seats and the seed, and the members who
    stay are the others."""
    record = _rotation_record(bundle)
    if record is None:
        return []
    try:
        sitting = sorted((str(n), date.fromisoformat(str(s))) for n, s in record["sitting"])
        seats = int(record["seats"])
        out = rotating_out(sitting, seats, str(record["seed"])) if seats else []
        said_out = [str(x) for x in record["out"]]
        said_staying = sorted(str(x) for x in bundle["parent"]["staying"])
    except (SortitionError, KeyError, TypeError, ValueError) as exc:
        return [f"rotation: not usable ({exc})"]
    differences = []
    if said_out != out:
        differences.append(
            f"rotation: the bundle says {_ids(record.get('out'))} rotate out, the sitting "
            f"members and the seed give {_ids(out)}"
        )
    staying = sorted(n for n, _ in sitting if n not in out)
    if said_staying != staying:
        differences.append(
            "rotation: the members who stay are not the sitting members minus those who rotate out"
        )
    return differences


def _ids(values: Any) -> str:
    if not isinstance(values, list):
        return repr(values)
    return ", ".join(str(v) for v in values)


def _parent(bundle: dict[str, Any], parent: dict[str, Any]) -> list[str]:
    """A replacement or rotation bundle must come from its parent as recorded."""
    record = bundle["parent"]
    if not isinstance(record, dict):
        return ["parent: this bundle does not record a parent draw"]
    differences = []
    if record.get("commitment") != parent["commitment"]:
        differences.append("parent: the recorded commitment is not the given parent's")
    try:
        expected = residual_inputs(
            pool_frame(parent),
            bundle_quotas(parent),
            _list(record.get("staying")),
            int(bundle["k"]),
            _list(record.get("excluded")),
            household_column="household" if "household" in parent["pool"]["columns"] else None,
        )
    except SortitionError as exc:
        return [*differences, f"parent: cannot derive this draw from it ({exc})"]
    wanted_ids = sorted(expected.people["id"].astype(str))
    if sorted(str(r[0]) for r in bundle["pool"]["rows"]) != wanted_ids:
        differences.append(
            "parent: the pool is not the parent's pool minus the staying and excluded people"
        )
    relaxation = record.get("relaxation") or []
    try:
        changes = [QuotaChange(**change) for change in relaxation]
    except TypeError:
        return [*differences, "parent: the recorded relaxation is not readable"]
    if any(c.new_min > c.old_min or c.new_max < c.old_max for c in changes):
        differences.append("parent: the recorded relaxation makes quotas stricter")
    if bundle["quotas"] != apply_changes(expected.residual, changes).to_rows():
        differences.append(
            "parent: the quotas are not the parent's quotas minus the staying members "
            "(with the recorded relaxation)"
        )
    return differences


def _list(value: Any) -> Sequence[str]:
    return [str(v) for v in value] if isinstance(value, list) else []

"""Check a public bundle on its own: what a resident can check without any personal data.

Exactly: the commitment is the SHA-256 of the public head; the seed follows from the
commitment and the ceremony inputs, the panel number from the seed, and the panel (as
counts of the published types) is that number's panel on the list. Every panel on the
list has k seats, never more of a type than it has volunteers, and meets the quotas of
the published groups (the sum of the quotas of the values merged into a group). Per type,
the share of the tickets a volunteer gets on average is the published chance within the
lottery's largest rounding change, and the chances add up to k. No published count is a
group smaller than `min_group` (0 and the totals excepted).

What needs the full bundle (the auditor, `matches_full`): which persons, their features
and households, every quota, each volunteer's own chance, the reserve list and who
rotates out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sortition.checks import Check, ceremony_checks, differences
from sortition.publish import check_public_structure, head_part
from sortition.seed import ceremony_differences, check_recorded_inputs, commitment

TOLERANCE = 1e-9
SHOWN = 5


def verify_public(bundle: dict[str, Any], parent: dict[str, Any] | None = None) -> list[str]:
    """Differences between a public bundle and what its contents give; [] when none."""
    return differences(public_checks(bundle, parent))


def public_checks(bundle: dict[str, Any], parent: dict[str, Any] | None = None) -> list[Check]:
    """Each check of a public bundle with the differences it found (`sortition.checks`)."""
    check_public_structure(bundle)
    if bundle["ceremony"] is not None:
        check_recorded_inputs(bundle["ceremony"]["inputs"])
    if parent is not None:
        check_public_structure(parent)
        if parent["ceremony"] is not None:
            check_recorded_inputs(parent["ceremony"]["inputs"])
    recomputed = commitment(head_part(bundle))
    checks = [
        Check(
            "commitment",
            ()
            if recomputed == bundle["commitment"]
            else (
                f"commitment: the bundle says {bundle['commitment']}, its contents give "
                f"{recomputed}",
            ),
        ),
        Check("lottery", tuple(_lottery(bundle))),
        Check("chances", tuple(_chances(bundle))),
        *ceremony_checks(_ceremony(bundle), bundle["ceremony"] is not None, PUBLIC_CEREMONY),
        Check("small_groups", tuple(small_groups(bundle))),
    ]
    record = bundle["parent"] or {}
    if parent is not None:
        wrong = record.get("commitment") != parent["commitment"]
        problem = "parent: the recorded commitment is not the given parent's"
        checks.append(Check("parent", (problem,) if wrong else ()))
    elif record.get("commitment"):
        checks.append(Check("parent", checked=False))
    return checks


PUBLIC_CEREMONY = ("seed", "number", "panel")


def _volunteers(bundle: dict[str, Any]) -> np.ndarray:
    return np.array([int(t["volunteers"]) for t in bundle["types"]], dtype=np.int64)


def _tickets(bundle: dict[str, Any]) -> np.ndarray | None:
    panels = bundle["lottery"]["panels"]
    width = len(bundle["types"])
    if any(len(p) != width for p in panels):
        return None
    return np.array(panels, dtype=np.int64).reshape(len(panels), width)


def _lottery(bundle: dict[str, Any]) -> list[str]:
    panels = bundle["lottery"]["panels"]
    m = bundle["parameters"]["m"]
    differences = []
    if bundle["lottery"].get("m") != len(panels) or m != len(panels):
        differences.append(f"lottery: m = {m}, but {len(panels)} panels are listed")
    tickets = _tickets(bundle)
    if tickets is None:
        return [*differences, "lottery: a panel does not give one count per type"]
    volunteers = _volunteers(bundle)
    seats = tickets.sum(axis=1)
    wrong_size = seats != bundle["k"]
    too_many = np.any(tickets < 0, axis=1) | np.any(tickets > volunteers, axis=1)
    members = _quota_members(bundle)
    bad = wrong_size | too_many
    for quota, types in zip(bundle["quotas"], members, strict=True):
        held = tickets[:, types].sum(axis=1)
        bad |= (held < quota["min"]) | (held > quota["max"])
    numbers = np.flatnonzero(bad)
    for number in numbers[:SHOWN]:
        problems = []
        if wrong_size[number]:
            problems.append(f"{int(seats[number])} seats instead of {bundle['k']}")
        if too_many[number]:
            problems.append("more of a type than it has volunteers")
        problems += _quota_problems(bundle, tickets[number], members)
        differences.append(f"lottery panel {number}: {'; '.join(problems)}")
    if len(numbers) > SHOWN:
        differences.append(f"... and {len(numbers) - SHOWN} more invalid lottery panels")
    return differences


def _quota_problems(
    bundle: dict[str, Any], counts: np.ndarray, members: list[np.ndarray]
) -> list[str]:
    problems = []
    for quota, types in zip(bundle["quotas"], members, strict=True):
        held = int(counts[types].sum())
        if not quota["min"] <= held <= quota["max"]:
            group = f"{quota['feature']} {quota['group']}"
            problems.append(f"{group}: {held}, quota {quota['min']}-{quota['max']}")
    return problems


def _quota_members(bundle: dict[str, Any]) -> list[np.ndarray]:
    """Per quota, the types in its group: found through one index of (feature, group)
    pairs, so that a file with many types and quotas costs its size, not their product."""
    index: dict[tuple[str, str], list[int]] = {}
    for number, kind in enumerate(bundle["types"]):
        for feature, group in kind["group"].items():
            index.setdefault((feature, group), []).append(number)
    return [
        np.array(index.get((q["feature"], q["group"]), []), dtype=np.int64)
        for q in bundle["quotas"]
    ]


def _chances(bundle: dict[str, Any]) -> list[str]:
    tickets = _tickets(bundle)
    if tickets is None or not len(tickets):
        return []
    volunteers = _volunteers(bundle)
    chance = np.array([float(t["probability"]) for t in bundle["types"]])
    share = tickets.sum(axis=0) / (len(tickets) * volunteers)
    allowed = float(bundle["lottery"]["max_deviation"]) + TOLERANCE
    differences = [
        f"type {number}: its volunteers are on {share[number]:.6f} of the tickets on average, "
        f"the published chance is {chance[number]:.6f} (allowed change {allowed:.6f})"
        for number in np.flatnonzero(np.abs(share - chance) > allowed)
    ]
    if abs(float(chance @ volunteers) - bundle["k"]) > 1e-6:
        differences.append(f"chances: they add up to {float(chance @ volunteers):.6f}, not k")
    return differences


def _ceremony(bundle: dict[str, Any]) -> list[str]:
    ceremony = bundle["ceremony"]
    if ceremony is None:
        return ["ceremony: a panel is recorded without ceremony inputs"] if bundle["panel"] else []
    panels = bundle["lottery"]["panels"]
    differences, seed, index = ceremony_differences(bundle["commitment"], ceremony, len(panels))
    if seed is None:
        return differences
    if index is not None and bundle["panel"] != panels[index]:
        differences.append(
            f"panel: the bundle says {bundle['panel']}, lottery panel {index} is {panels[index]}"
        )
    return differences


def small_groups(bundle: dict[str, Any]) -> list[str]:
    """Published counts below `min_group`: volunteers of a type, members of a type on a
    listed panel, and volunteers of a type not on it (0 and one type's totals allowed)."""
    volunteers = _volunteers(bundle)
    tickets = _tickets(bundle)
    if len(volunteers) <= 1 or tickets is None:
        return []
    least = int(bundle["parameters"]["min_group"])

    def small(counts: np.ndarray) -> bool:
        return bool(np.any((counts > 0) & (counts < least)))

    differences = []
    if small(volunteers):
        differences.append(f"groups: a type has fewer than {least} volunteers")
    if small(tickets):
        differences.append(f"groups: a listed panel has 1 to {least - 1} members of a type")
    if small(volunteers[None, :] - tickets):
        differences.append(
            f"groups: a listed panel leaves 1 to {least - 1} volunteers of a type off it"
        )
    return differences

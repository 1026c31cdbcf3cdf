"""The public bundle: the file residents download, made from the full bundle.

`public_bundle(full)` is the public head (`sortition.public_head`: safe types, the
lottery list as counts of those types, the hash of the full bundle) with the commitment,
the ceremony (inputs, seed, panel number) and the drawn panel as counts of the types. No
pseudonym, household or single volunteer's features is in it. `sortition.verify` checks
it on its own; `matches_full` is the auditor's check that it belongs to a full bundle.
Pure.
"""

from __future__ import annotations

from typing import Any

from sortition.bundle import MAX_COUNT, _number, _whole, check_structure, public_part
from sortition.errors import SortitionInputError
from sortition.public_head import PUBLIC_FORMAT

HEAD = (
    "format",
    "code_version",
    "purpose",
    "k",
    "algorithm",
    "parameters",
    "features",
    "groups",
    "types",
    "quotas",
    "lottery",
    "parent",
    "full",
)
FIELDS = (*HEAD, "commitment", "ceremony", "panel")


def public_bundle(full: dict[str, Any]) -> dict[str, Any]:
    """The public bundle of a full bundle (before or after the ceremony)."""
    check_structure(full)
    part = public_part(full)
    ceremony = full["ceremony"]
    panel = None
    if ceremony is not None:
        index = ceremony.get("chosen_index")
        panels = part["lottery"]["panels"]
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(panels):
            raise SortitionInputError("The bundle's chosen panel number cannot be read.")
        panel = list(panels[index])
        ceremony = {
            "inputs": list(ceremony["inputs"]),
            "seed": ceremony.get("seed"),
            "chosen_index": index,
        }
    return {**part, "commitment": full["commitment"], "ceremony": ceremony, "panel": panel}


def is_public(bundle: Any) -> bool:
    return isinstance(bundle, dict) and bundle.get("format") == PUBLIC_FORMAT


def head_part(bundle: dict[str, Any]) -> dict[str, Any]:
    return {key: bundle[key] for key in HEAD}


def matches_full(public: dict[str, Any], full: dict[str, Any]) -> list[str]:
    """The auditor's check: the public bundle is exactly what the full bundle gives; []
    when it is, else the fields that differ."""
    expected = public_bundle(full)
    return [
        f"public bundle: its {key} is not what the full bundle gives"
        for key in FIELDS
        if public.get(key) != expected.get(key)
    ]


def check_public_structure(bundle: Any) -> None:
    """SortitionInputError when this is not a public bundle we can read at all."""
    if not is_public(bundle):
        raise SortitionInputError("This is not a public draw bundle.")
    missing = [key for key in FIELDS if key not in bundle]
    if missing:
        raise SortitionInputError(f"The public bundle lacks field(s): {', '.join(missing)}.")
    types, lottery, ceremony = bundle["types"], bundle["lottery"], bundle["ceremony"]
    parameters = bundle["parameters"]
    checks = [
        (_whole(bundle["k"]) and bundle["k"] >= 1, "k"),
        (isinstance(bundle["algorithm"], str), "algorithm"),
        (isinstance(bundle["purpose"], str), "purpose"),
        (isinstance(parameters, dict) and _whole(parameters.get("m")), "parameter m"),
        (
            isinstance(parameters, dict)
            and _whole(parameters.get("min_group"))
            and parameters["min_group"] >= 1,
            "parameter min_group",
        ),
        (_list_of(bundle["features"], str), "features"),
        (_list_of(bundle["groups"], dict), "groups"),
        (_list_of(types, dict) and bool(types) and all(_type(t) for t in types), "types"),
        (
            _list_of(bundle["quotas"], dict)
            and all(
                _whole(q.get("min"))
                and _whole(q.get("max"))
                and isinstance(q.get("feature"), str)
                and isinstance(q.get("group"), str)
                for q in bundle["quotas"]
            ),
            "quotas",
        ),
        (
            isinstance(lottery, dict)
            and _list_of(lottery.get("panels"), list)
            and all(_counts(p) for p in lottery["panels"]),
            "lottery panels",
        ),
        (isinstance(lottery, dict) and _number(lottery.get("max_deviation")), "lottery deviation"),
        (bundle["parent"] is None or isinstance(bundle["parent"], dict), "parent"),
        (isinstance(bundle["commitment"], str), "commitment"),
        (isinstance(bundle["full"], str), "full"),
        (ceremony is None or isinstance(ceremony, dict), "ceremony"),
        (bundle["panel"] is None or _list_of(bundle["panel"], int), "panel"),
    ]
    if isinstance(ceremony, dict):
        checks.append((_list_of(ceremony.get("inputs"), str), "ceremony inputs"))
    wrong = [name for ok, name in checks if not ok]
    if wrong:
        raise SortitionInputError(f"The public bundle's {', '.join(wrong)} cannot be read.")


def _list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, kind) and not isinstance(v, bool) for v in value
    )


def _type(kind: dict[str, Any]) -> bool:
    """A published type: its volunteers (1 to MAX_COUNT, so that they fit a 64-bit count),
    its chance and its group as feature -> group names."""
    group = kind.get("group")
    return (
        _whole(kind.get("volunteers"))
        and 1 <= kind["volunteers"] <= MAX_COUNT
        and _number(kind.get("probability"))
        and isinstance(group, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in group.items())
    )


def _counts(panel: list[Any]) -> bool:
    """A listed panel: whole counts that fit a 64-bit count (a wrong sign is a difference
    that verify reports, not an unreadable file)."""
    return _list_of(panel, int) and all(abs(v) <= MAX_COUNT for v in panel)


def public_summary(bundle: dict[str, Any]) -> str:
    """A few lines for people: what was drawn, in which groups, and the ceremony."""
    volunteers = sum(t["volunteers"] for t in bundle["types"])
    lines = [
        f"Draw ({bundle['purpose']}), public bundle: {bundle['k']} of {volunteers} volunteers, "
        f"{bundle['algorithm']}, lottery of {len(bundle['lottery']['panels'])} panels.",
        f"Commitment: {bundle['commitment']}",
    ]
    panel = bundle["panel"]
    for number, kind in enumerate(bundle["types"]):
        group = ", ".join(f"{f} {g}" for f, g in kind["group"].items()) or "everyone"
        seats = f", {panel[number]} on the panel" if panel is not None else ""
        lines.append(
            f"  {group}: {kind['volunteers']} volunteers, chance {kind['probability']:.4f}{seats}"
        )
    ceremony = bundle["ceremony"]
    if ceremony:
        lines.append(f"Ceremony inputs: {', '.join(ceremony['inputs'])}")
        lines.append(f"Seed: {ceremony['seed']}")
        lines.append(f"Panel number {ceremony['chosen_index']}.")
    return "\n".join(lines)

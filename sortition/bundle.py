"""The draw bundle: one JSON document with everything needed to check a draw.

`prepare` computes the fair distribution, rounds it to a lottery of m panels and returns
the bundle without ceremony inputs; its `commitment` (SHA-256 of the published part) is
what the organiser publishes before the meeting. `reveal` adds the public inputs, the seed,
the chosen panel number, the panel and a ranked reserve list. `sortition.verify` checks a
bundle without our database.

The pool in a bundle is pseudonymised: ids (already pseudonymous) and feature values only;
households are renamed h1, h2, ... so that no address or register number is in it. Even so
this *full* bundle singles people out by their features, so it is for the organisers and
an independent auditor; what is published is `sortition.publish.public_bundle(full)`.
Since format 2 the commitment is the SHA-256 of the public head (`sortition.public_head`),
which holds the SHA-256 of this bundle's published part: one fingerprint for both files.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from sortition.coarse import MIN_GROUP
from sortition.errors import SortitionInputError
from sortition.io import Source, read_pool, read_quotas
from sortition.lottery import DEFAULT_M, ROUNDING_SECONDS, build_lottery, check_m
from sortition.pool import Pool
from sortition.public_head import PUBLIC_FORMAT, head
from sortition.quotas import QuotaTable, make_quotas
from sortition.seed import chosen_index, clean_inputs, commitment, generator, seed_digest
from sortition.select import fair_distribution

FORMAT = "wijkraad-draw-bundle/2"  # 2: the commitment is the public head's hash
FORMAT_V1 = "wijkraad-draw-bundle/1"  # 1: the commitment was the whole bundle's hash
FORMATS = (FORMAT, FORMAT_V1)
# 1.1: canonical ceremony inputs; 1.2: public bundle; 1.3: Goldilocks and Nash welfare
CODE_VERSION = "wijkraad-sortition 1.3"
PURPOSES = ("council", "panel", "replacement", "rotation")
FAIR_ALGORITHMS = ("leximin", "maximin", "goldilocks", "nash")
# The algorithms each code version could prepare a draw with: a bundle naming another is
# refused by `verify` (exit 2), since that version cannot have made it.
ALGORITHMS_OF_VERSION = {
    "wijkraad-sortition 1.0": ("leximin", "maximin"),
    "wijkraad-sortition 1.1": ("leximin", "maximin"),
    "wijkraad-sortition 1.2": ("leximin", "maximin"),
    CODE_VERSION: FAIR_ALGORITHMS,
}
HOUSEHOLD = "household"
MAX_COUNT = 1_000_000  # no panel or quota is larger
FLOAT_LIMIT = 1e300  # a recorded number above this is no probability or deviation
PUBLISHED = (
    "format",
    "code_version",
    "purpose",
    "pool",
    "quotas",
    "k",
    "algorithm",
    "parameters",
    "probabilities",
    "lottery",
    "parent",
)
REQUIRED = (*PUBLISHED, "commitment", "ceremony", "panel", "reserve")


def pseudonym(secret: str, person: str) -> str:
    """The number a person has in one draw's published bundle: a keyed hash of their own
    id, so the bundles of two draws (different secrets) cannot be linked by it, and only
    who holds the draw's secret can tell who is who. 12 hex digits: among ten thousand
    people two alike has a chance of about 2 in 10 million (callers check)."""
    return "P" + hashlib.sha256(f"{secret}:{person}".encode()).hexdigest()[:12]


def prepare(
    people: Source | Pool,
    quotas: Source | QuotaTable,
    k: int,
    *,
    id_column: str = "id",
    household_column: str | None = None,
    algorithm: str = "leximin",
    m: int = DEFAULT_M,
    purpose: str = "council",
    parent: dict[str, Any] | None = None,
    rounding_seconds: float = ROUNDING_SECONDS,
    min_group: int = MIN_GROUP,
    time_limit: float | None = None,
) -> dict[str, Any]:
    """The full bundle before the ceremony (its "commitment" is the fingerprint to publish;
    `min_group` is the smallest group the public bundle may show, as on the council page;
    `time_limit` bounds the Goldilocks and Nash computations, see `select`)."""
    if algorithm not in FAIR_ALGORITHMS:
        raise SortitionInputError(
            "A public lottery needs algorithm leximin or maximin (or goldilocks or nash), "
            f"not '{algorithm}'."
        )
    if purpose not in PURPOSES:
        raise SortitionInputError(f"Unknown purpose '{purpose}'; use one of {PURPOSES}.")
    m = check_m(m)
    if isinstance(min_group, bool) or not isinstance(min_group, int) or not min_group >= 1:
        raise SortitionInputError(f"The smallest group shown must be 1 or more, got {min_group!r}.")
    table = quotas if isinstance(quotas, QuotaTable) else read_quotas(quotas)
    pool = (
        people
        if isinstance(people, Pool)
        else read_pool(people, table, id_column, household_column)
    )
    types, dist = fair_distribution(pool, table, k, algorithm, time_limit)
    lottery = build_lottery(types, dist, pool.ids, m, seconds=rounding_seconds)
    ids = pool.ids
    published: dict[str, Any] = {
        "format": FORMAT,
        "code_version": CODE_VERSION,
        "purpose": purpose,
        "pool": pool_section(pool),
        "quotas": table.to_rows(),
        "k": int(k),
        "algorithm": algorithm,
        "parameters": {"m": m, "min_group": min_group},
        "probabilities": {i: round(float(p), 12) for i, p in zip(ids, lottery.fair, strict=True)},
        "lottery": {
            "m": m,
            "panels": [[ids[i] for i in panel] for panel in lottery.panels],
            "max_deviation": round(lottery.max_deviation, 12),
        },
        "parent": _json_value(parent),
    }
    return {
        **published,
        "commitment": commitment(head(published, pool)),
        "ceremony": None,
        "panel": None,
        "reserve": None,
    }


def _json_value(value: Any) -> Any:
    try:
        return json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise SortitionInputError(f"The parent record is not plain JSON ({exc}).") from exc


def check_algorithm(bundle: dict[str, Any]) -> None:
    """SortitionInputError (verify: exit 2) when the bundle names an algorithm this checker
    does not know, or one its own code version did not have."""
    algorithm, version = bundle["algorithm"], bundle["code_version"]
    if algorithm not in FAIR_ALGORITHMS:
        raise SortitionInputError(
            f"The bundle's algorithm '{algorithm}' is unknown to {CODE_VERSION} (it knows "
            f"{', '.join(FAIR_ALGORITHMS)}); its distribution cannot be recomputed."
        )
    known = ALGORITHMS_OF_VERSION.get(version) if isinstance(version, str) else None
    if known is not None and algorithm not in known:
        raise SortitionInputError(
            f"The bundle says it was made with {version}, which did not know the algorithm "
            f"'{algorithm}' (it knew {', '.join(known)}): that version cannot have made it."
        )


def pool_section(pool: Pool) -> dict[str, Any]:
    """Ids, pseudonymous household labels and feature values: nothing else."""
    columns = ["id"]
    if pool.households is not None:
        columns.append(HOUSEHOLD)
    columns += list(pool.features)
    rows = []
    for i, person in enumerate(pool.ids):
        row = [person]
        if pool.households is not None:
            row.append(f"h{int(pool.households[i]) + 1}")
        row += [pool.values[f][int(pool.codes[i, f])] for f in range(len(pool.features))]
        rows.append(row)
    return {"columns": columns, "rows": rows}


def published_part(bundle: dict[str, Any]) -> dict[str, Any]:
    return {key: bundle[key] for key in PUBLISHED}


def public_part(bundle: dict[str, Any]) -> dict[str, Any]:
    """The public head of a full bundle (format 2); SortitionInputError for format 1,
    whose commitment covers the whole pool and so cannot be shown without it."""
    if bundle["format"] != FORMAT:
        raise SortitionInputError(
            f"This bundle ({bundle['format']}) was made before public bundles existed: its "
            "commitment covers every volunteer's features, so it has no public version."
        )
    min_group = bundle["parameters"].get("min_group")
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 1:
        raise SortitionInputError("The bundle's parameter min_group cannot be read.")
    return head(published_part(bundle), bundle_pool(bundle))


def bundle_commitment(bundle: dict[str, Any]) -> str:
    """What the commitment of this full bundle must be: the SHA-256 of its public head
    (format 2) or of its published part (format 1)."""
    if bundle["format"] == FORMAT_V1:
        return commitment(published_part(bundle))
    return commitment(public_part(bundle))


def check_structure(bundle: Any) -> None:
    """Raise SortitionInputError when this is not a bundle we can read at all: a field is
    missing or has the wrong kind of value. (Whether the values agree is verify's job.)"""
    if not isinstance(bundle, dict):
        raise SortitionInputError("This is not a draw bundle (expected a JSON object).")
    if bundle.get("format") == PUBLIC_FORMAT:
        raise SortitionInputError(
            "This is the public bundle (groups and counts only); this needs the organisers' "
            "full bundle."
        )
    missing = [key for key in REQUIRED if key not in bundle]
    if missing:
        raise SortitionInputError(f"The bundle lacks field(s): {', '.join(missing)}.")
    if bundle["format"] not in FORMATS:
        raise SortitionInputError(f"Unknown bundle format {bundle['format']!r}; expected {FORMAT}.")
    pool, lottery, ceremony = bundle["pool"], bundle["lottery"], bundle["ceremony"]
    checks = [
        (isinstance(pool, dict) and _list_of(pool.get("rows"), list), "pool rows"),
        (isinstance(pool, dict) and _list_of(pool.get("columns"), str), "pool columns"),
        (isinstance(pool, dict) and "id" in _strings(pool.get("columns")), "pool id column"),
        (_list_of(bundle["quotas"], dict), "quotas"),
        (_whole(bundle["k"]) and bundle["k"] >= 1, "k"),
        (isinstance(bundle["algorithm"], str), "algorithm"),
        (isinstance(bundle["parameters"], dict), "parameters"),
        (isinstance(bundle["commitment"], str), "commitment"),
        (
            isinstance(bundle["probabilities"], dict)
            and all(_number(v) for v in bundle["probabilities"].values()),
            "probabilities",
        ),
        (isinstance(lottery, dict) and _list_of(lottery.get("panels"), list), "lottery panels"),
        (isinstance(lottery, dict) and _number(lottery.get("max_deviation")), "lottery deviation"),
        (bundle["parent"] is None or isinstance(bundle["parent"], dict), "parent"),
        (ceremony is None or isinstance(ceremony, dict), "ceremony"),
        (bundle["panel"] is None or _list_of(bundle["panel"], str), "panel"),
        (bundle["reserve"] is None or _list_of(bundle["reserve"], str), "reserve"),
    ]
    if isinstance(ceremony, dict):
        checks.append((_list_of(ceremony.get("inputs"), str), "ceremony inputs"))
    wrong = [name for ok, name in checks if not ok]
    if wrong:
        raise SortitionInputError(f"The bundle's {', '.join(wrong)} cannot be read.")


def _strings(value: Any) -> list[str]:
    return value if _list_of(value, str) else []


def _list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(v, kind) for v in value)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    """A number Python can compute with as a float: not NaN, not infinite, no integer of
    more digits than a float holds (a float of it would overflow)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value
        and abs(value) <= FLOAT_LIMIT
    )


def pool_frame(bundle: dict[str, Any]) -> pd.DataFrame:
    columns = bundle["pool"]["columns"]
    rows = bundle["pool"]["rows"]
    if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
        raise SortitionInputError(f"Every pool row must have {len(columns)} values.")
    return pd.DataFrame([[str(v) for v in r] for r in rows], columns=columns, dtype=str)


def bundle_quotas(bundle: dict[str, Any]) -> QuotaTable:
    try:
        table = make_quotas(bundle["quotas"])
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise SortitionInputError(f"The bundle's quota table is not readable ({exc}).") from exc
    if any(q.max > MAX_COUNT for q in table.quotas) or bundle["k"] > MAX_COUNT:
        raise SortitionInputError(f"The bundle's quotas or k are above {MAX_COUNT}.")
    return table


def bundle_pool(bundle: dict[str, Any]) -> Pool:
    household = HOUSEHOLD if HOUSEHOLD in bundle["pool"]["columns"] else None
    return read_pool(pool_frame(bundle), bundle_quotas(bundle), "id", household)


def lottery_size(bundle: dict[str, Any]) -> int:
    return len(bundle["lottery"]["panels"])


def reveal(bundle: dict[str, Any], inputs: Sequence[str]) -> dict[str, Any]:
    """The completed bundle: ceremony inputs, seed, panel number, panel and reserve list."""
    check_structure(bundle)
    if bundle["ceremony"] is not None:
        raise SortitionInputError(
            "This draw has already been revealed; its ceremony inputs cannot be changed."
        )
    if bundle_commitment(bundle) != bundle["commitment"]:
        raise SortitionInputError(
            "The bundle no longer matches its commitment: something was changed after the "
            "commitment was made. Prepare the draw again and publish the new commitment."
        )
    cleaned = clean_inputs(inputs)
    seed = seed_digest(bundle["commitment"], cleaned)
    index = chosen_index(seed, lottery_size(bundle))
    panel = list(bundle["lottery"]["panels"][index])
    out = copy.deepcopy(bundle)
    out["ceremony"] = {"inputs": cleaned, "seed": seed, "chosen_index": index}
    out["panel"] = panel
    out["reserve"] = reserve_list(bundle, panel, seed)
    return out


def reserve_list(bundle: dict[str, Any], panel: Sequence[str], seed: str) -> list[str]:
    """Everybody in the pool not on the panel, in an order drawn from the ceremony seed."""
    on_panel = set(panel)
    rest = [str(row[0]) for row in bundle["pool"]["rows"] if str(row[0]) not in on_panel]
    order = generator(seed).permutation(len(rest))
    return [rest[i] for i in order]


def panel_problems(pool: Pool, quotas: QuotaTable, k: int, panel: Sequence[str]) -> list[str]:
    """Why a list of ids is not a valid panel (size, unknown or repeated ids, households,
    quotas); empty when it is."""
    index = {person: i for i, person in enumerate(pool.ids)}
    problems = []
    unknown = [p for p in panel if p not in index]
    if unknown:
        problems.append(f"ids not in the pool: {', '.join(unknown[:5])}")
    people = [index[p] for p in panel if p in index]
    if len(set(people)) != len(people):
        problems.append("someone is on it twice")
    if len(panel) != k:
        problems.append(f"{len(panel)} people instead of {k}")
    if not people:
        return problems
    chosen = np.array(sorted(set(people)), dtype=np.int64)
    if pool.households is not None:
        households = pool.households[chosen]
        if len(np.unique(households)) != len(households):
            problems.append("two people from one household")
    for f, feature in enumerate(pool.features):
        counts = np.bincount(pool.codes[chosen, f], minlength=len(pool.values[f]))
        for j, q in enumerate(quotas.for_feature(feature)):
            if not q.min <= counts[j] <= q.max:
                problems.append(
                    f"{feature} {q.value}: {counts[j]} on the panel, quota {q.min}-{q.max}"
                )
    return problems


def summary(bundle: dict[str, Any]) -> str:
    """A few lines for people: what was drawn and how to check it."""
    lines = [
        f"Draw ({bundle['purpose']}): {bundle['k']} of {len(bundle['pool']['rows'])} "
        f"volunteers, {bundle['algorithm']}, lottery of {lottery_size(bundle)} panels "
        f"(largest change of a chance by rounding: {bundle['lottery']['max_deviation']:.4f}).",
        f"Commitment: {bundle['commitment']}",
    ]
    ceremony = bundle.get("ceremony")
    if ceremony:
        lines.append(f"Ceremony inputs: {', '.join(ceremony['inputs'])}")
        lines.append(f"Seed: {ceremony['seed']}")
        lines.append(f"Panel number {ceremony['chosen_index']} of 0-{lottery_size(bundle) - 1}:")
        lines.append("  " + ", ".join(bundle["panel"]))
    return "\n".join(lines)

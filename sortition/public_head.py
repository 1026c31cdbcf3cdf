"""The public part of a draw, fixed before the ceremony: what the commitment is the hash of.

A full bundle (`sortition.bundle`) lists every volunteer's pseudonym and features; with a
panel of 11 from a few dozen volunteers nearly everyone is the only one with their
combination, so that file is for the organisers and an independent auditor only. What is
published is this *head*: the draw at the level of safe types (`sortition.coarse`), the
lottery list as counts of those types per panel, and the SHA-256 of the full bundle's
published part, which binds the two. The commitment is the SHA-256 of the head, so
anybody can recompute it from the public bundle, and the auditor can check that the head
follows from the full bundle.

A draw with a parent (replacement or rotation) shows one type: its quotas are the
parent's minus what the staying members fill, so any finer view would give those members'
groups away, also by comparing its pool with the parent's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sortition.coarse import Grouping, safe_grouping
from sortition.pool import Pool
from sortition.seed import commitment

PUBLIC_FORMAT = "wijkraad-public-bundle/1"
JOINER = " + "  # merged values of a feature, as published: "man + anders"


def head(published: dict[str, Any], pool: Pool) -> dict[str, Any]:
    """The public head of a full bundle's published part (its pool already read)."""
    index = {person: i for i, person in enumerate(pool.ids)}
    tickets = np.array(
        [[index[str(p)] for p in panel] for panel in published["lottery"]["panels"]],
        dtype=np.int64,
    ).reshape(len(published["lottery"]["panels"]), -1)
    min_group = int(published["parameters"]["min_group"])
    if published["parent"] is None:
        grouping = safe_grouping([len(v) for v in pool.values], pool.codes, tickets, min_group)
    else:
        grouping = Grouping((), ())
    label = grouping.labels(pool.codes)
    present = np.unique(label)
    type_of = np.searchsorted(present, label)
    volunteers = np.bincount(type_of, minlength=len(present))
    fair = np.array([float(published["probabilities"][p]) for p in pool.ids])
    mean = np.bincount(type_of, weights=fair, minlength=len(present)) / volunteers
    counts = np.zeros((len(tickets), len(present)), dtype=np.int64)
    if len(tickets):
        np.add.at(counts, (np.repeat(np.arange(len(tickets)), tickets.shape[1]),
                           type_of[tickets].reshape(-1)), 1)  # fmt: skip
    first = {int(t): int(np.flatnonzero(type_of == t)[0]) for t in range(len(present))}
    return {
        "format": PUBLIC_FORMAT,
        "code_version": published["code_version"],
        "purpose": published["purpose"],
        "k": published["k"],
        "algorithm": published["algorithm"],
        "parameters": {"m": published["parameters"]["m"], "min_group": min_group},
        "features": list(pool.features),
        "groups": [
            {
                "feature": pool.features[f],
                "groups": [JOINER.join(pool.values[f][v] for v in block) for block in partition],
            }
            for f, partition in zip(grouping.features, grouping.partitions, strict=True)
        ],
        "types": [
            {
                "group": _describe(grouping, pool, first[t]),
                "volunteers": int(volunteers[t]),
                "probability": round(float(mean[t]), 12),
            }
            for t in range(len(present))
        ],
        "quotas": _coarse_quotas(grouping, pool, published["quotas"]),
        "lottery": {
            "m": published["lottery"]["m"],
            "panels": counts.tolist(),
            "max_deviation": published["lottery"]["max_deviation"],
        },
        "parent": None
        if published["parent"] is None
        else {"commitment": published["parent"].get("commitment")},
        "full": commitment(published),
    }


def _describe(grouping: Grouping, pool: Pool, person: int) -> dict[str, str]:
    """A type by the group of each shown feature: {"gender": "man + anders"}."""
    if not grouping.features:
        return {}
    out = {}
    for f, partition in zip(grouping.features, grouping.partitions, strict=True):
        code = int(pool.codes[person, f])
        block = next(b for b in partition if code in b)
        out[pool.features[f]] = JOINER.join(pool.values[f][v] for v in block)
    return out


def _coarse_quotas(
    grouping: Grouping, pool: Pool, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per shown group: the sum of its values' minimums and maximums (a panel meeting the
    quotas meets these)."""
    bounds = {(str(r["feature"]), str(r["value"])): (int(r["min"]), int(r["max"])) for r in rows}
    out = []
    for f, partition in zip(grouping.features, grouping.partitions, strict=True):
        feature = pool.features[f]
        for block in partition:
            values = [pool.values[f][v] for v in block]
            out.append(
                {
                    "feature": feature,
                    "group": JOINER.join(values),
                    "min": sum(bounds[(feature, v)][0] for v in values),
                    "max": sum(bounds[(feature, v)][1] for v in values),
                }
            )
    return out

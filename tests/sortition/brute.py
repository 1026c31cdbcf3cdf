"""Brute-force reference: all feasible person panels, leximin by one LP per agent and level.

Independent of the engine's method: no types, no column generation, no duals. An agent is
fixed at the current level when a direct LP shows its probability cannot be raised.
"""

from __future__ import annotations

import itertools

import highspy
import numpy as np

from sortition.pool import Pool
from sortition.quotas import QuotaTable

INF = highspy.kHighsInf


def feasible_panels(pool: Pool, quotas: QuotaTable, k: int) -> np.ndarray:
    bounds = [
        (f, j, q.min, q.max)
        for f, feature in enumerate(pool.features)
        for j, q in enumerate(quotas.for_feature(feature))
    ]
    out = []
    for panel in itertools.combinations(range(pool.size), k):
        idx = list(panel)
        if pool.households is not None and len(set(pool.households[idx])) < k:
            continue
        if all(lo <= int((pool.codes[idx, f] == j).sum()) <= hi for f, j, lo, hi in bounds):
            row = np.zeros(pool.size)
            row[idx] = 1
            out.append(row)
    return np.array(out).reshape(-1, pool.size)


def _lp(panels: np.ndarray, lower: np.ndarray, objective: np.ndarray) -> float:
    """max objective . (panels^T q) + z-part handled by caller; q >= 0, sum q = 1."""
    h = highspy.Highs()
    h.silent()
    m, n = panels.shape
    # variables: q (m) then z
    h.addVars(m + 1, np.zeros(m + 1), np.concatenate([np.full(m, INF), [1.0]]))
    h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), -objective)
    for i in range(n):
        if np.isnan(lower[i]):  # unfixed: p_i - z >= 0
            idx = np.concatenate([np.flatnonzero(panels[:, i]), [m]]).astype(np.int32)
            val = np.concatenate([np.ones(len(idx) - 1), [-1.0]])
            h.addRow(0.0, INF, len(idx), idx, val)
        else:
            idx = np.flatnonzero(panels[:, i]).astype(np.int32)
            h.addRow(lower[i] - 1e-9, INF, len(idx), idx, np.ones(len(idx)))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return -h.getInfo().objective_function_value


def leximin(panels: np.ndarray) -> np.ndarray:
    m, n = panels.shape
    fixed = np.full(n, np.nan)
    maximin = None
    while np.isnan(fixed).any():
        z_obj = np.zeros(m + 1)
        z_obj[m] = 1.0
        z = _lp(panels, fixed, z_obj)
        if maximin is None:
            maximin = z
        lower = fixed.copy()
        lower[np.isnan(fixed)] = np.nan
        progressed = False
        for i in np.flatnonzero(np.isnan(fixed)):
            # can agent i exceed z while every unfixed agent keeps at least z?
            probe = fixed.copy()
            for j in np.flatnonzero(np.isnan(fixed)):
                probe[j] = z
            obj = np.zeros(m + 1)
            obj[:m] = panels[:, i]
            if _lp(panels, probe, obj) <= z + 1e-7:
                fixed[i] = z
                progressed = True
        assert progressed
    return fixed

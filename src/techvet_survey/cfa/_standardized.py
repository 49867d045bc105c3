"""Confidence limits, the standardized solution and R² of a fitted CFA (as lavaan)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.errors import ArgumentError

STANDARDIZED_TYPES = ("std.all", "std.lv")


def with_confidence_limits(frame: pd.DataFrame, ci: float = 0.95) -> pd.DataFrame:
    """`frame` with ``ci_low`` and ``ci_high`` (est -/+ z se) after ``p_val``."""
    half = stats.norm.ppf(0.5 + ci / 2.0) * frame["se"]
    at = list(frame.columns).index("p_val") + 1
    frame.insert(at, "ci_low", frame["est"] - half)
    frame.insert(at + 1, "ci_high", frame["est"] + half)
    return frame


def row_covariance(free: np.ndarray, covariance: np.ndarray | None) -> np.ndarray | None:
    """cov of the estimates row by row (0 for fixed rows) from cov(theta); rows that share
    a parameter (equality constraints) are perfectly correlated."""
    if covariance is None:
        return None
    pick = np.zeros((len(free), covariance.shape[0]))
    rows = np.flatnonzero(free >= 0)
    pick[rows, free[rows]] = 1.0
    return pick @ covariance @ pick.T


def _group_matrices(rows: pd.DataFrame, values: np.ndarray):
    """(items, factors, Lambda, Psi, Theta) of one group's rows at `values`."""
    loads = (rows["op"] == "=~").to_numpy()
    factors = list(dict.fromkeys(rows["lhs"][loads]))
    items = list(dict.fromkeys(rows["rhs"][loads]))
    lam = np.zeros((len(items), len(factors)))
    psi = np.zeros((len(factors), len(factors)))
    theta = np.zeros((len(items), len(items)))
    for (lhs, op, rhs), value in zip(
        rows[["lhs", "op", "rhs"]].itertuples(index=False), values, strict=True
    ):
        if op == "=~":
            lam[items.index(rhs), factors.index(lhs)] = value
        elif op == "~~" and lhs in factors:
            psi[factors.index(lhs), factors.index(rhs)] = value
            psi[factors.index(rhs), factors.index(lhs)] = value
        elif op == "~~":
            theta[items.index(lhs), items.index(rhs)] = value
            theta[items.index(rhs), items.index(lhs)] = value
    return items, factors, lam, psi, theta


def _standardize(rows: pd.DataFrame, values: np.ndarray, kind: str) -> np.ndarray:
    """The standardized value of every row of one group (lavaan's std.all or std.lv)."""
    items, factors, lam, psi, theta = _group_matrices(rows, values)
    sd_lv = np.sqrt(np.diag(psi))
    sd_ov = np.sqrt(np.diag(lam @ psi @ lam.T + theta))
    if kind == "std.lv":
        sd_ov = np.ones_like(sd_ov)
    scale = {**dict(zip(items, sd_ov, strict=True)), **dict(zip(factors, sd_lv, strict=True))}
    residual_sd = dict(zip(items, np.sqrt(np.diag(theta)), strict=True))
    out = np.array(values, dtype=float)
    for r, (lhs, op, rhs) in enumerate(rows[["lhs", "op", "rhs"]].itertuples(index=False)):
        if op == "=~":
            out[r] = values[r] * scale[lhs] / scale[rhs]
        elif op == "~~" and lhs != rhs and lhs in residual_sd and kind == "std.all":
            out[r] = values[r] / (residual_sd[lhs] * residual_sd[rhs])  # residual correlation
        elif op == "~~":
            out[r] = values[r] / (scale[lhs] * scale[rhs])
        elif op == "~1":
            out[r] = values[r] / scale[lhs]
    return out


def standardized_table(
    estimates: pd.DataFrame, vcov: np.ndarray | None, kind: str, ci: float
) -> pd.DataFrame:
    """lavaan's ``standardizedSolution``: standardized estimates with delta-method SEs."""
    if kind not in STANDARDIZED_TYPES:
        raise ArgumentError(
            f"`type` must be one of {list(STANDARDIZED_TYPES)} (lavaan's names); got {kind!r}."
        )
    if "|" in set(estimates["op"]):
        raise ArgumentError(
            "standardized() supports continuous items (estimator 'ML' or 'MLR'); "
            "refit without `ordered=` to standardize."
        )
    est = np.full(len(estimates), np.nan)
    se = np.full(len(estimates), np.nan)
    for label in dict.fromkeys(estimates["group"]):
        where = np.flatnonzero((estimates["group"] == label).to_numpy())
        rows = estimates.iloc[where]
        values = rows["est"].to_numpy(dtype=float)
        est[where] = _standardize(rows, values, kind)
        if vcov is None or not np.all(np.isfinite(values)):
            continue
        jacobian = np.zeros((len(where), len(where)))
        for k in range(len(where)):
            step = 1e-6 * max(1.0, abs(values[k]))
            up, down = values.copy(), values.copy()
            up[k] += step
            down[k] -= step
            change = _standardize(rows, up, kind) - _standardize(rows, down, kind)
            jacobian[:, k] = change / (2.0 * step)
        block = vcov[np.ix_(where, where)]
        variance = np.einsum("ij,jk,ik->i", jacobian, block, jacobian)
        se[where] = np.sqrt(np.clip(variance, 0.0, None))
    se[se < 1e-8] = 0.0
    z = np.where(se > 0, est / np.where(se > 0, se, 1.0), np.nan)
    frame = estimates[["group", "lhs", "op", "rhs"]].copy()
    frame["est"] = est
    frame["se"] = se
    frame["z"] = z
    frame["p_val"] = 2.0 * stats.norm.sf(np.abs(z))
    return with_confidence_limits(frame, ci).rename(columns={"est": "est_std"})


def r_squared(estimates: pd.DataFrame) -> pd.DataFrame:
    """R² of every item per group: 1 - residual variance / model-implied variance."""
    parts = []
    for label in dict.fromkeys(estimates["group"]):
        rows = estimates[estimates["group"] == label]
        items, _, lam, psi, theta = _group_matrices(rows, rows["est"].to_numpy(dtype=float))
        implied = np.diag(lam @ psi @ lam.T + theta)
        parts.append(
            pd.DataFrame({"group": label, "item": items, "r2": 1.0 - np.diag(theta) / implied})
        )
    return pd.concat(parts, ignore_index=True)

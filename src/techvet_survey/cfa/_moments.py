"""Sufficient statistics of a (multigroup) CFA: per-group n, mean vector, covariance.

Normal-theory ML depends on the data only through these, so one pass over the data
serves every model of an invariance ladder, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._validation import (
    apply_nan_policy,
    check_argument,
    check_columns,
    check_dataframe,
    numeric_items,
)

NAN_POLICIES = ("listwise", "raise")


@dataclass(frozen=True)
class GroupMoments:
    """Per-group sample moments; ``cov`` uses the divisor n (lavaan's ML default)."""

    items: tuple[str, ...]
    labels: tuple
    n: np.ndarray
    mean: np.ndarray
    cov: np.ndarray
    problems: tuple[str, ...]

    @property
    def n_total(self) -> int:
        return int(self.n.sum())

    @property
    def n_groups(self) -> int:
        return len(self.labels)


def sample_moments(
    data: pd.DataFrame,
    items: tuple[str, ...],
    group: str | None,
    nan_policy: str,
    *,
    min_groups: int = 1,
) -> GroupMoments:
    """Group sizes, means and ML covariances of `items`, after `nan_policy`.

    Rows with a missing group are dropped with the listwise rule (never a category).
    Groups keep the order of a categorical column's categories, else the order of
    first appearance (as lavaan orders groups).
    """
    check_dataframe(data)
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    frame = numeric_items(data, list(items), min_items=2)
    if group is not None:
        check_columns(data, [group], "group")
        if group in items:
            raise ValueError(f"`group` column {group!r} is also an item of `model`.")
        frame = frame.assign(**{"\0group": data[group]})
    frame = apply_nan_policy(frame, nan_policy)
    values = frame[list(items)].to_numpy(dtype=float)
    if group is None:
        labels: tuple = ("all",)
        codes = np.zeros(len(frame), dtype=int)
    else:
        labels, codes = _group_codes(frame["\0group"])
        if len(labels) < min_groups:
            found = ", ".join(repr(label) for label in labels) or "none"
            raise ValueError(
                f"`group` column {group!r} has {len(labels)} level(s) ({found}) after "
                f"removing missing values; this needs at least {min_groups} groups. "
                "Check the grouping column or fit a single-group model without `group`."
            )
    n = np.bincount(codes, minlength=len(labels)).astype(float)
    p = len(items)
    mean = np.full((len(labels), p), np.nan)
    cov = np.full((len(labels), p, p), np.nan)
    problems = []
    for g, label in enumerate(labels):
        block = values[codes == g]
        if len(block) == 0:
            problems.append(f"group {label!r} has no complete rows")
            continue
        mean[g] = block.mean(axis=0)
        centred = block - mean[g]
        cov[g] = centred.T @ centred / len(block)
        problems.extend(_moment_problems(label, len(block), cov[g], items))
    return GroupMoments(tuple(items), tuple(labels), n, mean, cov, tuple(problems))


def _group_codes(column: pd.Series) -> tuple[tuple, np.ndarray]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        present = set(column.unique())
        labels = tuple(level for level in column.cat.categories if level in present)
    else:
        labels = tuple(pd.unique(column))
    lookup = {label: code for code, label in enumerate(labels)}
    codes = column.map(lookup).to_numpy(dtype=int)
    return labels, codes


def _moment_problems(label, n: int, cov: np.ndarray, items: tuple[str, ...]) -> list[str]:
    if n < 2:
        return [
            f"group {label!r} has {n} respondent(s); at least 2 (and more than the "
            f"{len(items)} items) are needed"
        ]
    variances = np.diag(cov)
    constant = [item for item, var in zip(items, variances, strict=True) if var <= 0]
    if constant:
        return [f"item(s) {constant} have zero variance in group {label!r}"]
    scaled = cov / np.sqrt(np.outer(variances, variances))
    smallest = np.linalg.eigvalsh(scaled)[0]
    if smallest <= 1e-10:
        return [
            f"the sample covariance matrix of group {label!r} is singular (n = {n} for "
            f"{len(items)} items, or collinear items)"
        ]
    return []

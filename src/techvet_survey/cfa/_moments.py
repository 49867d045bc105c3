"""Sufficient statistics of a (multigroup) CFA: per-group n, mean vector, covariance.

Normal-theory ML depends on the data only through these, so one pass over the data
serves every model of an invariance ladder, whatever the number of rows. Full-
information ML and the robust (sandwich) statistics need a little more, still one pass:
per group and missing-data pattern the count, mean, covariance and (for the robust
statistics) the fourth-order moments of the observed items (see ``_patterns``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from techvet_survey._validation import (
    apply_nan_policy,
    check_argument,
    check_columns,
    check_dataframe,
    numeric_items,
)
from techvet_survey.cfa._patterns import Pattern, em_moments, group_patterns

NAN_POLICIES = ("listwise", "fiml", "raise")


@dataclass(frozen=True)
class GroupedSample:
    """What every kind of sample statistics of a CFA holds: the items, groups and sizes."""

    items: tuple[str, ...]
    labels: tuple
    n: np.ndarray

    @property
    def n_total(self) -> int:
        return int(self.n.sum())

    @property
    def n_groups(self) -> int:
        return len(self.labels)


@dataclass(frozen=True)
class SampleMoments(GroupedSample):
    """Per-group sample moments; ``cov`` uses the divisor n (lavaan's ML default).

    With ``fiml`` the mean and covariance are the saturated (H1) estimates by EM and
    ``loglik_h1`` their log-likelihood per group; ``patterns`` (per group, the
    missing-data patterns with their moments) are kept for FIML and robust statistics.
    """

    mean: np.ndarray
    cov: np.ndarray
    problems: tuple[str, ...]
    patterns: tuple[tuple[Pattern, ...], ...] | None = None
    fiml: bool = False
    loglik_h1: np.ndarray | None = None
    n_rows: int | None = None  # rows of the data before missing values were dropped


def sample_moments(
    data: pd.DataFrame,
    items: tuple[str, ...],
    group: str | None,
    nan_policy: str,
    *,
    min_groups: int = 1,
    robust: bool = False,
) -> SampleMoments:
    """Group sizes, means and ML covariances of `items`, after `nan_policy`.

    With ``nan_policy="fiml"`` rows keep their missing items (rows with every item
    missing are dropped, as lavaan does) and the means and covariances are the EM
    estimates of the saturated model; `robust` adds the fourth-order moments per
    missing-data pattern. Rows with a missing group are dropped (never a category).
    Groups keep the order of a categorical column's categories, else the order of
    first appearance (as lavaan orders groups).
    """
    check_dataframe(data)
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    frame = numeric_items(data, list(items), min_items=2)
    check_group(data, group, items)
    if group is not None:
        frame = frame.assign(**{"\0group": data[group]})
    if nan_policy == "fiml":
        frame = frame[frame[list(items)].notna().any(axis=1)]
    else:
        kept = apply_nan_policy(frame, nan_policy)
        _warn_listwise(frame, kept, items)
        frame = kept
    if group is not None:
        frame = frame[frame["\0group"].notna()]
    values = frame[list(items)].to_numpy(dtype=float)
    column = None if group is None else frame["\0group"].rename(group)
    labels, codes = group_codes(column, len(frame), min_groups)
    n = np.bincount(codes, minlength=len(labels)).astype(float)
    p = len(items)
    mean = np.full((len(labels), p), np.nan)
    cov = np.full((len(labels), p, p), np.nan)
    problems = []
    complete_groups = () if nan_policy == "fiml" else enumerate(labels)  # FIML: EM below
    for g, label in complete_groups:
        block = values[codes == g]
        if len(block) == 0:
            problems.append(f"group {label!r} has no complete rows")
            continue
        mean[g] = block.mean(axis=0)
        centred = block - mean[g]
        cov[g] = centred.T @ centred / len(block)
        problems.extend(_moment_problems(label, len(block), cov[g], items))
    moments = SampleMoments(
        tuple(items), tuple(labels), n, mean, cov, tuple(problems), n_rows=len(data)
    )
    if nan_policy != "fiml" and not robust:
        return moments
    patterns = group_patterns(values, codes, len(labels), fourth=robust)
    moments = replace(moments, patterns=patterns)
    if nan_policy != "fiml":
        return moments
    return _fiml_moments(moments, values, codes)


def _warn_listwise(frame: pd.DataFrame, kept: pd.DataFrame, items: tuple[str, ...]) -> None:
    """Warn when listwise deletion drops rows: how many, and the items with gaps."""
    dropped = len(frame) - len(kept)
    if dropped == 0:
        return
    gaps = [item for item in items if frame[item].isna().any()]
    warnings.warn(
        f"listwise deletion: {len(kept)} of {len(frame)} rows kept ({dropped} dropped for "
        f"missing values in {gaps}); nan_policy='fiml' keeps them all.",
        UserWarning,
        stacklevel=4,
    )


def _fiml_moments(moments: SampleMoments, values: np.ndarray, codes: np.ndarray) -> SampleMoments:
    """Moments of the saturated model by EM, with the problems FIML cannot get past."""
    items, labels = moments.items, moments.labels
    p = len(items)
    mean = np.full((len(labels), p), np.nan)
    cov = np.full((len(labels), p, p), np.nan)
    loglik = np.full(len(labels), np.nan)
    problems = []
    for g, label in enumerate(labels):
        block = values[codes == g]
        n_g = len(block)
        counts = np.sum(~np.isnan(block), axis=0)
        unseen = [item for item, count in zip(items, counts, strict=True) if count < 2]
        if n_g < 2 or unseen:
            problems.append(
                f"group {label!r} has fewer than 2 answers to item(s) {unseen}: FIML cannot "
                "estimate their variance there; drop the item(s) or the group"
                if unseen
                else f"group {label!r} has {n_g} respondent(s); at least 2 are needed"
            )
            continue
        mean[g], cov[g], loglik[g] = em_moments(moments.patterns[g], p)
        problems.extend(_moment_problems(label, n_g, cov[g], items))
    return replace(
        moments, mean=mean, cov=cov, problems=tuple(problems), fiml=True, loglik_h1=loglik
    )


def check_group(data: pd.DataFrame, group: str | None, items: tuple[str, ...]) -> None:
    """`group` (when given) is a column of `data` and not one of the model's `items`."""
    if group is None:
        return
    check_columns(data, [group], "group")
    if group in items:
        raise ValueError(f"`group` column {group!r} is also an item of `model`.")


def group_codes(column: pd.Series | None, n_rows: int, min_groups: int) -> tuple[tuple, np.ndarray]:
    """The group labels and each row's group code; one group ``"all"`` without a column.

    Groups keep the order of a categorical column's categories, else the order of first
    appearance; `column` has no missing values. Fewer than `min_groups` labels raise.
    """
    if column is None:
        return ("all",), np.zeros(n_rows, dtype=int)
    if isinstance(column.dtype, pd.CategoricalDtype):
        present = set(column.unique())
        labels = tuple(level for level in column.cat.categories if level in present)
    else:
        labels = tuple(pd.unique(column))
    if len(labels) < min_groups:
        found = ", ".join(repr(label) for label in labels) or "none"
        raise ValueError(
            f"`group` column {column.name!r} has {len(labels)} level(s) ({found}) after "
            f"removing missing values; this needs at least {min_groups} groups. "
            "Check the grouping column or fit a single-group model without `group`."
        )
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

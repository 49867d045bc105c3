"""Cohen's kappa of two coders, and coder tables from a square agreement table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.arguments import check_ci
from techvet_survey._validation import check_argument
from techvet_survey.agreement._ratings import (
    WEIGHTS,
    agreement_row,
    encode_ratings,
    no_pairable_units,
    warn_no_chance_correction,
    weight_matrix,
)


def cohen_kappa(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Cohen's kappa (weighted or not) for two coders, with its large-sample SE.

    Parameters
    ----------
    data : DataFrame
        Unit-by-coder table with two coder columns (see :func:`table_to_ratings` to start
        from a contingency table).
    coders : sequence of str, optional
        The two coder columns; all columns by default.
    weights : {None, "linear", "quadratic"}
        Agreement weights ``1 - |x_k - x_l|^p / (x_max - x_min)^p`` on the numeric
        category codes (on the positions in `categories` for text codes).
    categories : sequence, optional
        All categories and their order; by default the sorted ratings that occur.
    ci : float
        Confidence level of the normal-theory interval.

    Returns
    -------
    DataFrame
        One row: coefficient, metric, estimate, se, ci_low, ci_high, n_units, n_excluded,
        n_coders, n_categories. Units rated by one coder only are excluded.

    Notes
    -----
    With ``p_kl`` the share of units rated ``k`` by the first and ``l`` by the second
    coder, ``p_o = sum w_kl p_kl``, ``p_e = sum w_kl p_k. p_.l`` and
    ``kappa = (p_o - p_e) / (1 - p_e)``. The variance is that of Fleiss, Cohen & Everitt
    (1969): ``var = [sum_kl p_kl (w_kl - (wbar_k. + wbar_.l)(1 - kappa))^2
    - (kappa - p_e (1 - kappa))^2] / (n (1 - p_e)^2)`` with
    ``wbar_k. = sum_l p_.l w_kl`` and ``wbar_.l = sum_k p_k. w_kl``; the interval is
    ``kappa +/- z se``, clipped to [-1, 1].

    R equivalent: ``psych::cohen.kappa(ratings)`` (same estimates; for weighted kappa use
    ``vcd::Kappa`` for the standard error, as psych's weighted variance differs from
    Fleiss-Cohen-Everitt). psych's weights use category positions, ours the numeric codes:
    the two agree for equally spaced codes.

    References
    ----------
    .. [1] Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
       Psychological Measurement*, 20, 37-46.
    .. [2] Fleiss, J. L., Cohen, J., & Everitt, B. S. (1969). Large sample standard errors
       of kappa and weighted kappa. *Psychological Bulletin*, 72(5), 323-327.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3, 2], "b": [1, 2, 3, 1, 2]})
    >>> result = cohen_kappa(ratings)
    >>> round(result["estimate"].item(), 4), round(result["se"].item(), 4)
    (0.7059, 0.2405)
    """
    ci = check_ci(ci)
    check_argument("weights", WEIGHTS, weights)
    ratings = encode_ratings(data, coders, categories)
    if len(ratings.coders) != 2:
        raise ValueError(
            f"`data` must hold exactly two coder columns for Cohen's kappa; got "
            f"{len(ratings.coders)}. Select two with `coders=`, or use fleiss_kappa()."
        )
    q = ratings.n_categories
    both = (ratings.codes >= 0).all(axis=1)
    n = int(both.sum())
    if n == 0:
        raise no_pairable_units(ratings)
    first, second = ratings.codes[both, 0], ratings.codes[both, 1]
    table = np.bincount(first * q + second, minlength=q * q).reshape(q, q) / n
    w = weight_matrix(ratings, weights)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    po = float((w * table).sum())
    pe = float(rows @ w @ cols)
    metric = "nominal" if weights is None else weights
    if not 1.0 - pe > 1e-12:
        warn_no_chance_correction("cohen_kappa")
        nan = float("nan")
        return agreement_row(
            "cohen_kappa",
            metric,
            nan,
            nan,
            (nan, nan),
            n_units=n,
            n_excluded=len(both) - n,
            ratings=ratings,
        )
    kappa = (po - pe) / (1.0 - pe)
    row_means = w @ cols  # wbar_k.
    col_means = rows @ w  # wbar_.l
    spread = w - (row_means[:, None] + col_means[None, :]) * (1.0 - kappa)
    variance = ((table * spread**2).sum() - (kappa - pe * (1.0 - kappa)) ** 2) / (
        n * (1.0 - pe) ** 2
    )
    se = float(np.sqrt(max(variance, 0.0)))
    half = stats.norm.ppf(0.5 + ci / 2.0) * se
    bounds = (max(-1.0, kappa - half), min(1.0, kappa + half))
    return agreement_row(
        "cohen_kappa",
        metric,
        float(kappa),
        se,
        bounds,
        n_units=n,
        n_excluded=len(both) - n,
        ratings=ratings,
    )


def table_to_ratings(table: pd.DataFrame | np.ndarray, *, coders=("coder_1", "coder_2")):
    """Turn a two-coder contingency table into a unit-by-coder table.

    Parameters
    ----------
    table : DataFrame or 2-D array
        Counts of units rated ``row`` by the first and ``column`` by the second coder.
        The index and columns of a DataFrame are the category codes (1, 2, ... for arrays).
    coders : pair of str
        Names of the two coder columns.

    Returns
    -------
    DataFrame
        One row per unit, one column per coder, ready for :func:`cohen_kappa` and the
        other coefficients.

    Examples
    --------
    >>> table = pd.DataFrame([[2, 1], [0, 1]], index=["yes", "no"], columns=["yes", "no"])
    >>> table_to_ratings(table)
      coder_1 coder_2
    0     yes     yes
    1     yes     yes
    2     yes      no
    3      no      no
    """
    if isinstance(table, pd.DataFrame):
        row_labels, col_labels = list(table.index), list(table.columns)
        counts = table.to_numpy()
    else:
        counts = np.asarray(table)
        if counts.ndim != 2:
            raise ValueError(f"`table` must be two-dimensional; got {counts.ndim} dimensions.")
        row_labels = list(range(1, counts.shape[0] + 1))
        col_labels = list(range(1, counts.shape[1] + 1))
    coders = list(coders)
    if len(coders) != 2:
        raise ValueError(f"`coders` must name two coders; got {coders!r}.")
    if not np.issubdtype(counts.dtype, np.number) or (counts < 0).any():
        raise ValueError("`table` must hold non-negative counts of units.")
    if not np.allclose(counts, np.round(counts)):
        raise ValueError("`table` must hold whole counts of units; found fractions.")
    counts = np.round(counts).astype(np.int64).ravel()
    row_index, col_index = np.divmod(np.arange(counts.size), len(col_labels))
    first = np.repeat(np.asarray(row_labels, dtype=object)[row_index], counts)
    second = np.repeat(np.asarray(col_labels, dtype=object)[col_index], counts)
    frame = pd.DataFrame({coders[0]: first, coders[1]: second})
    return frame.infer_objects()

"""Krippendorff's alpha at every level of measurement, with a bootstrap interval."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from techvet_survey._stats.arguments import check_ci
from techvet_survey._validation import check_argument
from techvet_survey.agreement._ratings import (
    LEVELS,
    agreement_row,
    category_positions,
    encode_ratings,
    no_pairable_units,
    numeric_categories,
)


class ResamplesWithoutVariation(RuntimeWarning):
    """Some bootstrap resamples had no variation: they are left out of the standard error
    and interval, while the point estimate is defined. ``dropped`` and ``total`` count
    the resamples."""

    def __init__(self, dropped: int, total: int):
        self.dropped, self.total = dropped, total
        super().__init__(
            f"krippendorff_alpha: {dropped} of {total} bootstrap resamples had no variation "
            "and were dropped from the standard error and interval; the estimate is defined."
        )


# Units processed at once when counting ratings: bounds memory at about 64 MB.
_CHUNK_CELLS = 8_000_000


def _coincidences(counts: np.ndarray, unit_weights: np.ndarray | None = None) -> np.ndarray:
    """Coincidence matrix ``o_ck = sum_u w_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)``."""
    m = counts.sum(axis=1)
    scale = 1.0 / (m - 1.0)
    if unit_weights is not None:
        scale = scale * unit_weights
    scaled = counts * scale[:, None]
    o = counts.T @ scaled
    o[np.diag_indices_from(o)] -= scaled.sum(axis=0)
    return o


def _distances(values: np.ndarray, level: str, marginals: np.ndarray) -> np.ndarray:
    """Squared difference function delta^2 between categories (last two axes)."""
    if level == "nominal":
        return 1.0 - np.eye(len(values))
    if level == "interval":
        return (values[:, None] - values[None, :]) ** 2
    if level == "ratio":
        total = values[:, None] + values[None, :]
        diff = values[:, None] - values[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(total == 0, 0.0, diff / np.where(total == 0, 1.0, total))
        return ratio**2
    # ordinal: (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2, which for either order of c and k
    # equals (N_k - N_c + (n_c - n_k) / 2)^2 with N the cumulative marginals.
    cumulative = np.cumsum(marginals, axis=-1)
    spread = cumulative[..., None, :] - cumulative[..., :, None]
    return (spread + (marginals[..., :, None] - marginals[..., None, :]) / 2.0) ** 2


def _alpha_from_coincidences(o: np.ndarray, values: np.ndarray, level: str) -> np.ndarray:
    """``alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck``; broadcasts over replicates."""
    marginals = o.sum(axis=-1)
    n = marginals.sum(axis=-1)
    d = _distances(values, level, marginals)
    observed = (o * d).sum(axis=(-2, -1))
    expected = (marginals[..., :, None] * marginals[..., None, :] * d).sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1.0 - (n - 1.0) * observed / expected


def _bootstrap_alpha(
    counts: np.ndarray, values: np.ndarray, level: str, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Alpha in `n_boot` resamples of units with replacement.

    Units with the same ratings contribute alike, so a resample is a multinomial count
    of each distinct rating pattern; replicates are computed in blocks of bounded size.
    """
    patterns, frequency = np.unique(counts, axis=0, return_counts=True)
    n_units = int(frequency.sum())
    n_patterns, q = patterns.shape
    pairs = patterns.sum(axis=1) - 1.0
    if level != "ordinal":
        # Fixed distances: alpha_b needs only the resampled sums of per-unit
        # disagreements and the resampled marginals.
        d = _distances(values, level, None)
        disagreement = ((patterns @ d) * patterns).sum(axis=1) / pairs
    elif n_patterns * q * q <= _CHUNK_CELLS:
        contributions = np.einsum("pc,pk->pck", patterns, patterns)
        contributions[:, np.arange(q), np.arange(q)] -= patterns
        contributions = contributions.reshape(n_patterns, q * q) / pairs[:, None]
    block = max(1, _CHUNK_CELLS // max(n_patterns, q * q))
    replicates = []
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        draws = rng.multinomial(n_units, frequency / n_units, size=size).astype(np.float64)
        if level != "ordinal":
            marginals = draws @ patterns
            expected = ((marginals @ d) * marginals).sum(axis=1)
            n = marginals.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                replicates.append(1.0 - (n - 1.0) * (draws @ disagreement) / expected)
        elif n_patterns * q * q <= _CHUNK_CELLS:
            o = (draws @ contributions).reshape(size, q, q)
            replicates.append(_alpha_from_coincidences(o, values, level))
        else:
            replicates.append(
                [
                    _alpha_from_coincidences(_coincidences(patterns, draw), values, level)
                    for draw in draws
                ]
            )
    return np.concatenate(replicates)


def krippendorff_alpha(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    level: str = "nominal",
    categories: Sequence[Any] | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Krippendorff's alpha for any number of coders, missing ratings and four metrics.

    Parameters
    ----------
    data : DataFrame
        Unit-by-coder table: one row per unit, one column per coder, NaN where a coder did
        not rate the unit.
    coders : sequence of str, optional
        Coder columns; all columns by default.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement, which sets the difference function.
    categories : sequence, optional
        Category order (needed for ordinal text codes); by default the sorted ratings.
    n_boot : int
        Bootstrap resamples for the standard error and percentile interval; 0 skips them.
    ci : float
        Confidence level of the interval.
    seed : int or numpy.random.Generator, optional
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        One row: coefficient, metric (the level), estimate, se, ci_low, ci_high, n_units
        (pairable units), n_excluded, n_coders, n_categories.

    Notes
    -----
    From the coincidence matrix ``o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)``
    over the units with ``m_u >= 2`` ratings, with marginals ``n_c`` and total ``n``:
    ``alpha = 1 - (n - 1) sum_ck o_ck d_ck / sum_ck n_c n_k d_ck``, where ``d_ck`` is
    ``[c != k]`` (nominal), ``(sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2`` (ordinal),
    ``(c - k)^2`` (interval) or ``((c - k)/(c + k))^2`` (ratio) (Krippendorff, 2011).
    The matrix is built by vectorised counting (``bincount``), so large tables are fast.

    The standard error and interval come from a bootstrap that resamples *units* with
    replacement (as in Zapf et al., 2016) and recomputes alpha, including the ordinal
    distances, in each resample; ``se`` is the standard deviation of the resamples and
    the interval their percentiles. This differs from Krippendorff's own bootstrap
    (Hayes & Krippendorff, 2007), which resamples pairs of values from the coincidence
    matrix.

    R equivalent: ``irr::kripp.alpha(t(ratings), method = "nominal")`` (estimate only);
    Python: ``krippendorff.alpha(ratings.T)``.

    References
    ----------
    .. [1] Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
       Departmental Papers (ASC), University of Pennsylvania.
    .. [2] Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard
       reliability measure for coding data. *Communication Methods and Measures*, 1, 77-89.
    .. [3] Zapf, A., Castell, S., Morawietz, L., & Karch, A. (2016). Measuring inter-rater
       reliability for nominal data. *BMC Medical Research Methodology*, 16, 93.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3, None], "b": [1, 2, 3, 1, 2]})
    >>> result = krippendorff_alpha(ratings, level="interval", n_boot=0)
    >>> round(result["estimate"].item(), 4), int(result["n_excluded"].item())
    (0.4167, 1)
    """
    check_argument("level", LEVELS, level)
    ci = check_ci(ci)
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ValueError(f"`n_boot` must be a non-negative integer; got {n_boot!r}.")
    ratings = encode_ratings(data, coders, categories)
    if level in ("interval", "ratio"):
        values = numeric_categories(ratings, "level", level)
    elif level == "ordinal":
        values = category_positions(ratings, "level", level)
    else:
        values = np.arange(ratings.n_categories, dtype=np.float64)
    per_unit = ratings.ratings_per_unit()
    pairable = np.flatnonzero(per_unit >= 2)
    if len(pairable) == 0:
        raise no_pairable_units(ratings)
    q = ratings.n_categories
    block = max(1, _CHUNK_CELLS // max(q, 1))
    o = np.zeros((q, q))
    chunks = []
    for start in range(0, len(pairable), block):
        counts = ratings.counts(pairable[start : start + block])
        o += _coincidences(counts)
        if n_boot:
            chunks.append(counts)
    estimate = float(_alpha_from_coincidences(o, values, level))
    nan = float("nan")
    if not np.isfinite(estimate):
        warnings.warn(
            "krippendorff_alpha: the ratings show no variation (expected disagreement is "
            "0), so alpha is undefined and returned as NaN.",
            RuntimeWarning,
            stacklevel=2,
        )
        n_boot = 0
    se, bounds = nan, (nan, nan)
    if n_boot:
        rng = np.random.default_rng(seed)
        replicates = _bootstrap_alpha(np.concatenate(chunks), values, level, n_boot, rng)
        finite = replicates[np.isfinite(replicates)]
        if len(finite) < len(replicates):
            warnings.warn(
                ResamplesWithoutVariation(len(replicates) - len(finite), len(replicates)),
                stacklevel=2,
            )
        if len(finite) >= 2:
            se = float(finite.std(ddof=1))
            tail = (1.0 - ci) / 2.0
            low, high = np.quantile(finite, [tail, 1.0 - tail])
            bounds = (float(low), float(high))
    return agreement_row(
        "krippendorff_alpha",
        level,
        estimate,
        se,
        bounds,
        n_units=len(pairable),
        n_excluded=len(per_unit) - len(pairable),
        ratings=ratings,
    )

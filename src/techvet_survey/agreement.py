"""Intercoder agreement: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha,
Gwet's AC1 and the Brennan-Prediger coefficient, with standard errors and confidence intervals.

Every function takes a unit-by-coder table (one row per coded unit, one column per coder,
category codes as numbers or text, missing ratings as NaN/None) and returns a one-row tidy
DataFrame with the columns

``coefficient, metric, estimate, se, ci_low, ci_high, n_units, n_excluded, n_coders,
n_categories``

where ``n_units`` is the number of units rated by at least two coders (the units whose
agreement is measured) and ``n_excluded`` the number of units rated by fewer than two.
Missing ratings are never a category, and text ratings that are empty or only whitespace
count as missing.

The chance-corrected coefficients of the Gwet family (Fleiss' kappa, Gwet's AC1,
Brennan-Prediger, percent agreement) follow the generalisation to missing ratings of
Gwet (2014) as implemented in R's ``irrCAC`` (``*.raw`` functions): units with a single
rating add to the category prevalences and to the unit count of the variance, but not to
the observed agreement.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._validation import check_argument, check_columns, check_dataframe

__all__ = [
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "percent_agreement",
    "table_to_ratings",
]

WEIGHTS = (None, "linear", "quadratic")
LEVELS = ("nominal", "ordinal", "interval", "ratio")
RESULT_COLUMNS = [
    "coefficient",
    "metric",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n_units",
    "n_excluded",
    "n_coders",
    "n_categories",
]
# Units processed at once when counting ratings: bounds memory at about 64 MB.
_CHUNK_CELLS = 8_000_000
_MAX_CATEGORIES = 4_000


@dataclass(frozen=True)
class _Ratings:
    """Ratings coded as category positions (``-1`` = missing) and the category values."""

    codes: np.ndarray  # units x coders, int64
    categories: np.ndarray
    coders: list[str]
    ordered: bool  # numeric codes, or an explicit `categories=` order

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    def ratings_per_unit(self) -> np.ndarray:
        return (self.codes >= 0).sum(axis=1)

    def counts(self, rows: slice | np.ndarray = slice(None)) -> np.ndarray:
        """Units x categories matrix of how many coders chose each category (bincount)."""
        codes = self.codes[rows]
        n_units, width = codes.shape[0], self.n_categories + 1
        # Missing ratings go to an extra last column that is dropped: no masking needed.
        keys = np.where(codes < 0, self.n_categories, codes)
        keys += np.arange(0, n_units * width, width)[:, None]
        counted = np.bincount(keys.ravel(), minlength=n_units * width)
        return counted.reshape(n_units, width)[:, :-1].astype(np.float64)


def _blank_to_missing(values: np.ndarray) -> np.ndarray:
    if values.dtype != object:
        return values
    text = pd.Series(values, dtype=object)
    blank = text.map(lambda value: isinstance(value, str) and not value.strip()).to_numpy(bool)
    if blank.any():
        values = values.copy()
        values[blank] = np.nan
    return values


def _encode_ratings(
    data: Any,
    coders: Sequence[str] | None,
    categories: Sequence[Any] | None,
    *,
    min_coders: int = 2,
) -> _Ratings:
    """Check the unit-by-coder table and code its ratings as category positions."""
    check_dataframe(data)
    columns = list(data.columns) if coders is None else check_columns(data, coders, "coders")
    if len(columns) < min_coders:
        raise ValueError(
            f"`coders` must name at least {min_coders} columns (one per coder); got "
            f"{len(columns)}. Pass a unit-by-coder table with one column per coder."
        )
    values = data[columns].to_numpy()
    # Column-major order avoids a copy of the (usually column-major) frame values.
    flat = _blank_to_missing(values.ravel(order="F"))
    if categories is None:
        codes, uniques = pd.factorize(flat, sort=True)
        if len({isinstance(value, str) for value in uniques}) > 1:
            raise TypeError(
                "`data` mixes numbers and text as ratings (e.g. 1 and '1' would count as "
                "different categories). Recode the ratings to one type first."
            )
        category_values = np.asarray(uniques)
    else:
        category_index = pd.Index(list(categories))
        if category_index.has_duplicates or category_index.hasnans:
            raise ValueError("`categories` must list distinct, non-missing category codes.")
        codes = category_index.get_indexer(flat)
        unknown = (codes < 0) & ~pd.isna(flat)
        if unknown.any():
            position = int(np.flatnonzero(unknown)[0])
            column, row = divmod(position, len(data))
            odd = sorted({str(value) for value in flat[unknown]})[:5]
            raise ValueError(
                f"`data` has ratings that `categories` lacks: {odd} (first at row "
                f"{data.index[row]!r}, column {columns[column]!r}). Add them to `categories` "
                "or recode them."
            )
        category_values = np.asarray(category_index)
    if len(category_values) > _MAX_CATEGORIES:
        raise ValueError(
            f"`data` has {len(category_values)} distinct ratings; agreement statistics are "
            f"computed for at most {_MAX_CATEGORIES} categories. Round or bin the ratings."
        )
    codes = np.asarray(codes, dtype=np.int64).reshape(values.shape, order="F")
    return _Ratings(
        codes=codes,
        categories=category_values,
        coders=[str(column) for column in columns],
        ordered=categories is not None or category_values.dtype.kind in "biuf",
    )


def _numeric_categories(ratings: _Ratings, name: str, value: str) -> np.ndarray:
    """Category values as floats; text categories need a numeric meaning first."""
    categories = ratings.categories
    if categories.dtype.kind in "biuf":
        return categories.astype(np.float64)
    raise TypeError(
        f"`{name}={value!r}` needs numeric category codes; the ratings are text. Recode "
        "them to numbers first (e.g. with the codebook's label map)."
    )


def _category_positions(ratings: _Ratings, name: str, value: str) -> np.ndarray:
    """Numeric codes where they exist; otherwise positions in the given category order."""
    if not ratings.ordered:
        raise TypeError(
            f"`{name}={value!r}` with text ratings needs their order: pass `categories=` "
            "from lowest to highest."
        )
    if ratings.categories.dtype.kind in "biuf":
        return ratings.categories.astype(np.float64)
    return np.arange(ratings.n_categories, dtype=np.float64)


def _weight_matrix(ratings: _Ratings, weights: str | None) -> np.ndarray:
    """Agreement weights 1 - |x_k - x_l|^p / (x_max - x_min)^p (p = 1 linear, 2 quadratic)."""
    check_argument("weights", WEIGHTS, weights)
    q = ratings.n_categories
    if weights is None or q < 2:
        return np.eye(q)
    x = _category_positions(ratings, "weights", weights)
    power = 1 if weights == "linear" else 2
    distance = np.abs(x[:, None] - x[None, :]) ** power
    return 1.0 - distance / distance.max()


def _result(
    coefficient: str,
    metric: str,
    estimate: float,
    se: float,
    ci: tuple[float, float],
    *,
    n_units: int,
    n_excluded: int,
    ratings: _Ratings,
) -> pd.DataFrame:
    row = [
        coefficient,
        metric,
        estimate,
        se,
        ci[0],
        ci[1],
        n_units,
        n_excluded,
        len(ratings.coders),
        ratings.n_categories,
    ]
    return pd.DataFrame([row], columns=RESULT_COLUMNS)


def _check_confidence(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"`confidence` must lie between 0 and 1; got {confidence!r}.")
    return float(confidence)


def _no_pairable_units(ratings: _Ratings) -> ValueError:
    return ValueError(
        "`data` has no unit rated by at least two coders, so agreement cannot be computed. "
        f"Check that the coder columns {ratings.coders[:5]} hold the double-coded units."
    )


def _cannot_correct_for_chance(coefficient: str) -> None:
    warnings.warn(
        f"{coefficient}: chance agreement is 1 (a single category is used), so the "
        "coefficient is undefined and returned as NaN.",
        RuntimeWarning,
        stacklevel=3,
    )


# ---------------------------------------------------------------------------------------
# Gwet's family: percent agreement, Fleiss' kappa, Gwet's AC1/AC2, Brennan-Prediger
# ---------------------------------------------------------------------------------------


def _gwet_family(
    data: Any,
    coders: Sequence[str] | None,
    *,
    kind: str,
    weights: str | None,
    categories: Sequence[Any] | None,
    confidence: float,
    population_size: float | None,
) -> pd.DataFrame:
    """Coefficient (p_a - p_e) / (1 - p_e) and its variance by Gwet (2014), as in irrCAC."""
    confidence = _check_confidence(confidence)
    ratings = _encode_ratings(data, coders, categories)
    names = {
        "percent": "percent_agreement",
        "fleiss": "fleiss_kappa",
        "gwet": "gwet_ac1",
        "bp": "brennan_prediger",
    }
    metric = "nominal" if weights is None else weights
    w = _weight_matrix(ratings, weights)
    per_unit = ratings.ratings_per_unit()
    rated = per_unit >= 1
    counts = ratings.counts(rated)
    m = per_unit[rated].astype(np.float64)
    n = len(m)
    multiple = m >= 2
    n2 = int(multiple.sum())
    if n2 == 0:
        raise _no_pairable_units(ratings)
    q = ratings.n_categories
    weighted_counts = counts @ w.T
    agreeing = (counts * (weighted_counts - 1.0)).sum(axis=1)
    pa_unit = np.zeros(n)
    pa_unit[multiple] = agreeing[multiple] / (m[multiple] * (m[multiple] - 1.0))
    pa = pa_unit[multiple].mean()
    prevalence = (counts / m[:, None]).mean(axis=0)
    if kind == "percent":
        pe, pe_unit = 0.0, None
    elif kind == "fleiss":
        pe = float(prevalence @ w @ prevalence)
        pe_unit = counts @ ((w + w.T) / 2.0 @ prevalence) / m
    elif kind == "gwet":
        scale = w.sum() / (q * (q - 1.0)) if q >= 2 else np.nan
        pe = float(scale * (prevalence * (1.0 - prevalence)).sum())
        pe_unit = scale * (counts @ (1.0 - prevalence)) / m
    else:
        pe, pe_unit = (w.sum() / q**2 if q >= 2 else 1.0), None
    coefficient = names[kind]
    if not 1.0 - pe > 1e-12:
        _cannot_correct_for_chance(coefficient)
        nan = float("nan")
        return _result(
            coefficient,
            metric,
            nan,
            nan,
            (nan, nan),
            n_units=n2,
            n_excluded=len(per_unit) - n2,
            ratings=ratings,
        )
    estimate = (pa - pe) / (1.0 - pe)
    unit_terms = (n / n2) * (pa_unit - pe * multiple) / (1.0 - pe)
    if pe_unit is not None:
        unit_terms = unit_terms - 2.0 * (1.0 - estimate) * (pe_unit - pe) / (1.0 - pe)
    fpc = 0.0 if population_size is None else n / float(population_size)
    if n >= 2:
        variance = (1.0 - fpc) / (n * (n - 1.0)) * ((unit_terms - estimate) ** 2).sum()
        se = float(np.sqrt(variance))
        half = stats.t.ppf(0.5 + confidence / 2.0, n - 1) * se
        floor = 0.0 if kind == "percent" else -1.0
        ci = (max(floor, estimate - half), min(1.0, estimate + half))
    else:
        se, ci = float("nan"), (float("nan"), float("nan"))
    return _result(
        coefficient,
        metric,
        float(estimate),
        se,
        ci,
        n_units=n2,
        n_excluded=len(per_unit) - n2,
        ratings=ratings,
    )


_GWET_PARAMETERS = """
    Parameters
    ----------
    data : DataFrame
        Unit-by-coder table: one row per unit, one column per coder, category codes as
        values and NaN where a coder did not rate the unit.
    coders : sequence of str, optional
        Coder columns; all columns by default.
    weights : {None, "linear", "quadratic"}
        Credit for partial agreement between ordered categories,
        ``w_kl = 1 - |x_k - x_l|^p / (x_max - x_min)^p`` on the numeric codes.
    categories : sequence, optional
        All categories and their order; by default the sorted ratings that occur. Pass
        it when some categories were never used (chance agreement depends on them).
    confidence : float
        Confidence level of the interval.
    population_size : float, optional
        Number of units in the population, for the finite-population correction.

    Returns
    -------
    DataFrame
        One row: coefficient, metric, estimate, se, ci_low, ci_high, n_units, n_excluded,
        n_coders, n_categories.

    Notes
    -----
    All coefficients are ``(p_a - p_e) / (1 - p_e)`` with the observed agreement
    ``p_a = 1/n2 * sum_i sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))`` over the ``n2``
    units with ``r_i >= 2`` ratings, where ``r_ik`` counts the coders choosing category
    ``k`` and ``r*_ik = sum_l w_kl r_il``; they differ in the chance agreement ``p_e``.
    Units rated by one coder only do not add to ``p_a`` but, as in irrCAC, they add to
    the category prevalences ``pi_k = 1/n * sum_i r_ik / r_i`` and to the number of
    units ``n`` of the variance; units rated by nobody are dropped. The variance is
    Gwet's (2014) linearisation ``v = (1 - f) / (n (n - 1)) * sum_i (g_i - g)^2`` with
    unit terms ``g_i`` and ``f = n / population_size`` (0 by default); the interval is
    ``g +/- t_{n-1} se`` with its upper end capped at 1 (as in irrCAC) and its lower end
    at -1 (0 for percent agreement).
"""


def _gwet_coefficient(kind: str, name: str, doc: str):
    """Build the public function of one coefficient of Gwet's family."""

    def coefficient(
        data: pd.DataFrame,
        coders: Sequence[str] | None = None,
        *,
        weights: str | None = None,
        categories: Sequence[Any] | None = None,
        confidence: float = 0.95,
        population_size: float | None = None,
    ) -> pd.DataFrame:
        return _gwet_family(
            data,
            coders,
            kind=kind,
            weights=weights,
            categories=categories,
            confidence=confidence,
            population_size=population_size,
        )

    summary, details = doc.split("\n", 1)
    coefficient.__name__ = coefficient.__qualname__ = name
    coefficient.__doc__ = summary + "\n" + _GWET_PARAMETERS + details
    return coefficient


percent_agreement = _gwet_coefficient(
    "percent",
    "percent_agreement",
    """Percent agreement among two or more coders, with its standard error.
    Here ``p_e = 0``.

    R equivalent: ``irrCAC::pa.coeff.raw(ratings)``.

    References
    ----------
    .. [1] Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.).
       Advanced Analytics.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(percent_agreement(ratings)["estimate"].item(), 4)
    0.75
    """,
)

fleiss_kappa = _gwet_coefficient(
    "fleiss",
    "fleiss_kappa",
    """Fleiss' kappa for two or more coders, generalised to missing ratings.
    Here ``p_e = sum_kl w_kl pi_k pi_l`` (Fleiss, 1971; Gwet, 2014). With two coders
    and no missing ratings it is Scott's pi.

    R equivalent: ``irrCAC::fleiss.kappa.raw(ratings)``.

    References
    ----------
    .. [1] Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
       *Psychological Bulletin*, 76(5), 378-382.
    .. [2] Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.).
       Advanced Analytics.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1], "c": [1, 2, 3, None]})
    >>> round(fleiss_kappa(ratings)["estimate"].item(), 4)
    0.619
    """,
)

gwet_ac1 = _gwet_coefficient(
    "gwet",
    "gwet_ac1",
    """Gwet's AC1 (AC2 when weighted) for two or more coders.
    Here ``p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k)``, with ``T_w`` the sum of
    the weights and ``q`` the number of categories (Gwet, 2008).

    R equivalent: ``irrCAC::gwet.ac1.raw(ratings)``.

    References
    ----------
    .. [1] Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the
       presence of high agreement. *British Journal of Mathematical and Statistical
       Psychology*, 61, 29-48.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(gwet_ac1(ratings)["estimate"].item(), 4)
    0.6279
    """,
)

brennan_prediger = _gwet_coefficient(
    "bp",
    "brennan_prediger",
    """Brennan-Prediger coefficient (uniform chance agreement) for two or more coders.
    Here ``p_e = T_w / q^2`` (Brennan & Prediger, 1981).

    R equivalent: ``irrCAC::bp.coeff.raw(ratings)``.

    References
    ----------
    .. [1] Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses,
       and alternatives. *Educational and Psychological Measurement*, 41, 687-699.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(brennan_prediger(ratings)["estimate"].item(), 4)
    0.625
    """,
)


# ---------------------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------------------


def cohen_kappa(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    confidence: float = 0.95,
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
    confidence : float
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
    confidence = _check_confidence(confidence)
    check_argument("weights", WEIGHTS, weights)
    ratings = _encode_ratings(data, coders, categories)
    if len(ratings.coders) != 2:
        raise ValueError(
            f"`data` must hold exactly two coder columns for Cohen's kappa; got "
            f"{len(ratings.coders)}. Select two with `coders=`, or use fleiss_kappa()."
        )
    q = ratings.n_categories
    both = (ratings.codes >= 0).all(axis=1)
    n = int(both.sum())
    if n == 0:
        raise _no_pairable_units(ratings)
    first, second = ratings.codes[both, 0], ratings.codes[both, 1]
    table = np.bincount(first * q + second, minlength=q * q).reshape(q, q) / n
    w = _weight_matrix(ratings, weights)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    po = float((w * table).sum())
    pe = float(rows @ w @ cols)
    metric = "nominal" if weights is None else weights
    if not 1.0 - pe > 1e-12:
        _cannot_correct_for_chance("cohen_kappa")
        nan = float("nan")
        return _result(
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
    half = stats.norm.ppf(0.5 + confidence / 2.0) * se
    ci = (max(-1.0, kappa - half), min(1.0, kappa + half))
    return _result(
        "cohen_kappa",
        metric,
        float(kappa),
        se,
        ci,
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


# ---------------------------------------------------------------------------------------
# Krippendorff's alpha
# ---------------------------------------------------------------------------------------


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
    confidence: float = 0.95,
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
    confidence : float
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
    confidence = _check_confidence(confidence)
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ValueError(f"`n_boot` must be a non-negative integer; got {n_boot!r}.")
    ratings = _encode_ratings(data, coders, categories)
    if level in ("interval", "ratio"):
        values = _numeric_categories(ratings, "level", level)
    elif level == "ordinal":
        values = _category_positions(ratings, "level", level)
    else:
        values = np.arange(ratings.n_categories, dtype=np.float64)
    per_unit = ratings.ratings_per_unit()
    pairable = np.flatnonzero(per_unit >= 2)
    if len(pairable) == 0:
        raise _no_pairable_units(ratings)
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
    se, ci = nan, (nan, nan)
    if n_boot:
        rng = np.random.default_rng(seed)
        replicates = _bootstrap_alpha(np.concatenate(chunks), values, level, n_boot, rng)
        finite = replicates[np.isfinite(replicates)]
        if len(finite) < len(replicates):
            warnings.warn(
                f"krippendorff_alpha: {len(replicates) - len(finite)} of {len(replicates)} "
                "bootstrap resamples had no variation and were dropped.",
                RuntimeWarning,
                stacklevel=2,
            )
        if len(finite) >= 2:
            se = float(finite.std(ddof=1))
            tail = (1.0 - confidence) / 2.0
            low, high = np.quantile(finite, [tail, 1.0 - tail])
            ci = (float(low), float(high))
    return _result(
        "krippendorff_alpha",
        level,
        estimate,
        se,
        ci,
        n_units=len(pairable),
        n_excluded=len(per_unit) - len(pairable),
        ratings=ratings,
    )

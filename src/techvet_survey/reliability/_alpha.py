"""Cronbach's alpha with confidence intervals, and the item-analysis table."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.alpha import alpha_row, closed_form_drop
from techvet_survey._stats.arguments import check_ci
from techvet_survey._stats.intervals import duhachek_se, feldt_interval
from techvet_survey._stats.moments import ItemMoments, constant_items, subset_moments
from techvet_survey._validation import apply_nan_policy, check_argument, numeric_items
from techvet_survey.reliability._keys import checked_keys, warn_negative_item_rest
from techvet_survey.reliability._moments import item_moments, person_mean_r
from techvet_survey.scales import parse_keys, reverse_codes

CI_METHODS = ("feldt", "duhachek", "bootstrap")
_BOOT_CHUNK_CELLS = 4_000_000  # resamples x rows handled per matrix product


def usable_moments(data, items, nan_policy: str) -> tuple[ItemMoments, ItemMoments, list[str]]:
    """All item moments, those without constant items (named in a warning), and these.

    Items written ``"-A1"`` (psych's keys) are reversed, min + max - x over all items.
    """
    keys = _keys_of(items)
    if keys is None:
        full = item_moments(data, items, nan_policy=nan_policy)
    else:  # reversed before the one pass over the rows
        full = item_moments(_keyed_items(data, keys, nan_policy), nan_policy=nan_policy)
    moments = full
    constant = constant_items(moments)
    if constant:
        warnings.warn(
            f"`items` {constant} have no variance and were left out of the reliability "
            "statistics; their rows in item tables are NaN.",
            stacklevel=3,
        )
        keep = [j for j, name in enumerate(moments.names) if name not in constant]
        if len(keep) < 2:
            raise ValueError(
                f"`items` has fewer than 2 items with variance (constant: {constant}). "
                "Reliability needs at least 2 varying items."
            )
        moments = with_person_r(subset_moments(moments, keep))  # the items left
    return full, moments, constant


def _keys_of(items) -> dict[str, bool] | None:
    """psych's keys in `items` (item -> reversed), or None when no item is reversed."""
    if items is None or isinstance(items, str):
        return None
    if not any(isinstance(item, str) and item.startswith("-") for item in items):
        return None
    return parse_keys("items", items)


def _keyed_items(data, keys: dict[str, bool], nan_policy: str) -> pd.DataFrame:
    """The item columns under `nan_policy`, the reversed ones recoded min + max - x over
    all of them and named as keyed (``"-A1"``)."""
    frame = apply_nan_policy(numeric_items(data, list(keys), check_ranges=False), nan_policy)
    flip = np.array(list(keys.values()))
    return pd.DataFrame(
        reverse_codes(frame.to_numpy(), flip),
        index=frame.index,
        columns=[("-" if flipped else "") + name for name, flipped in keys.items()],
    )


def with_person_r(moments: ItemMoments) -> ItemMoments:
    """`moments` with the correlations of the items with their person mean (only
    needed, and computed again from the rows, when answers are missing)."""
    if moments.complete or moments.person_r is not None:
        return moments
    return replace(moments, person_r=person_mean_r(moments.values))


def bootstrap_alphas(moments: ItemMoments, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Raw alpha in `n_boot` resamples of the rows, vectorised over resamples.

    Each resample is a vector of multinomial row counts w. With complete data alpha needs
    only the weighted first and second moments of the items and of the total, i.e. one
    matrix product w @ [X, X^2, T, T^2]. With missing data (pairwise) the pairwise sums
    are built from batched products instead.
    """
    values = moments.values
    n, k = values.shape
    chunk = max(1, _BOOT_CHUNK_CELLS // max(n, 1))
    if not moments.complete:
        chunk = max(1, chunk // k)
    out = np.empty(n_boot)
    probabilities = np.full(n, 1.0 / n)
    if moments.complete:
        total = values.sum(axis=1, keepdims=True)
        columns = np.hstack([values, values**2, total, total**2])
    else:
        present = ~np.isnan(values)
        filled = np.where(present, values, 0.0)
        mask = present.astype(float)
    for start in range(0, n_boot, chunk):
        weights = rng.multinomial(n, probabilities, size=min(chunk, n_boot - start))
        weights = weights.astype(float)
        if moments.complete:
            sums = weights @ columns / n
            means, squares = sums[:, :k], sums[:, k : 2 * k]
            item_var = (squares - means**2).sum(axis=1)
            total_var = sums[:, 2 * k + 1] - sums[:, 2 * k] ** 2
            alphas = k / (k - 1) * (1 - item_var / total_var)
        else:
            weighted_mask = weights[:, :, None] * mask[None]
            weighted_values = weights[:, :, None] * filled[None]
            n_pair = np.matmul(weighted_mask.transpose(0, 2, 1), mask)
            sum_x = np.matmul(weighted_values.transpose(0, 2, 1), mask)
            sum_xy = np.matmul(weighted_values.transpose(0, 2, 1), filled)
            with np.errstate(invalid="ignore", divide="ignore"):
                cov = (sum_xy - sum_x * sum_x.transpose(0, 2, 1) / n_pair) / (n_pair - 1)
            trace = np.trace(cov, axis1=1, axis2=2)
            alphas = k / (k - 1) * (1 - trace / cov.sum(axis=(1, 2)))
        out[start : start + len(alphas)] = alphas
    return out


def cronbach_alpha(
    data: pd.DataFrame,
    items=None,
    *,
    nan_policy: str = "pairwise",
    ci: float = 0.95,
    ci_method: str = "feldt",
    n_boot: int = 2000,
    seed=None,
    check_keys: bool = False,
) -> pd.DataFrame:
    """Cronbach's alpha, standardised alpha, Guttman's lambda-6 and the average r.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes (reverse-keyed items already reversed).
    items : list of str, optional
        Item columns; all columns when omitted. ``"-A1"`` reverses item A1 (psych's
        keys), recoded min + max - x over all the items; its rows keep the ``-``.
    nan_policy : {"pairwise", "listwise", "raise"}
        ``"pairwise"`` (psych's default ``use="pairwise"``): each covariance uses the
        rows where both items are answered. ``"listwise"``: complete cases only; `n`
        and the interval use the complete-case n. ``"raise"``: error on any NaN.
    ci : float
        Coverage of the interval, in (0, 1).
    ci_method : {"feldt", "duhachek", "bootstrap"}
        Feldt's F interval, Duhachek's normal interval from the asymptotic standard
        error, or a percentile bootstrap over rows with `n_boot` resamples and `seed`.
    n_boot : int
        Bootstrap resamples (``ci_method="bootstrap"`` only).
    seed : int or numpy.random.Generator, optional
        Seed of the bootstrap.
    check_keys : bool
        Reverse the items that load negatively on the first principal component of the
        item correlations (recoded min + max - x over all items) before computing, as
        ``psych::alpha(check.keys=TRUE)``; a warning and the ``reversed`` column name
        them. Without it, a warning names every item whose item-rest correlation is
        negative (probably reverse-keyed), as psych warns.

    Returns
    -------
    DataFrame
        One row: ``alpha``, ``std_alpha``, ``g6``, ``average_r``, ``ci_low``,
        ``ci_high``, ``n``, ``k``; with `check_keys` also ``reversed`` (a tuple of the
        reversed items, empty when none).

    Notes
    -----
    With C the item covariance matrix, R its correlation matrix and k items:
    alpha = k/(k-1) (1 - tr C / 1'C1); std_alpha = k/(k-1) (1 - k / 1'R1);
    g6 = 1 - (k - sum smc_i) / 1'R1 with smc_i = 1 - 1/(R^-1)_ii [1];
    average_r = (1'R1 - k) / (k(k-1)).

    Feldt [2]: ``1 - (1 - alpha) F_{1-q}(n-1, (n-1)(k-1))`` and
    ``1 - (1 - alpha) F_q(...)`` with q = (1 - ci)/2. Duhachek [3]:
    ``alpha -/+ z_{1-q} sqrt(Q/n)`` with the asymptotic variance Q of van Zyl et al.

    What `n` means: under ``"listwise"`` the number of complete cases; under
    ``"pairwise"`` the number of respondents who answered at least one item. psych
    reports ``nrow(x)`` in both cases (also for rows left out by ``use="complete.obs"``),
    which overstates the precision of its intervals; here the n of the interval is the
    n reported. Under heavy pairwise missingness each covariance rests on fewer rows than
    `n`, so prefer ``"listwise"`` or imputation when the interval matters.

    Items without variance are left out with a warning (as psych does) and `k` counts
    the items used.

    R equivalent: ``psych::alpha(x, use="pairwise")$total`` and ``$feldt``;
    listwise: ``psych::alpha(na.omit(x))``; ``check_keys=True``:
    ``psych::alpha(x, check.keys=TRUE)`` (its ``$keys``).

    References
    ----------
    1. Guttman, L. (1945). A basis for analyzing test-retest reliability.
       Psychometrika, 10, 255-282.
    2. Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson
       reliability coefficient twenty. Psychometrika, 30, 357-370.
    3. Duhachek, A., & Iacobucci, D. (2004). Alpha's standard error (ASE): an accurate
       and precise confidence interval estimate. Journal of Applied Psychology, 89,
       792-808.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import cronbach_alpha
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 4, 4, 5, 2],
    ...                       "q3": [1, 3, 3, 5, 4, 3]})
    >>> cronbach_alpha(scale)[["alpha", "ci_low", "ci_high", "n", "k"]].round(4)
        alpha  ci_low  ci_high  n  k
    0  0.9182  0.6536   0.9876  6  3
    """
    check_argument("ci_method", CI_METHODS, ci_method)
    ci = check_ci(ci)
    _, moments, _ = usable_moments(data, items, nan_policy)
    reversed_items = []
    if check_keys:
        moments, reversed_items = checked_keys(moments)
    warn_negative_item_rest(
        moments.names, closed_form_drop(moments.cov)[0], check_keys_hint=not check_keys
    )
    table = alpha_table(moments, ci=ci, ci_method=ci_method, n_boot=n_boot, seed=seed)
    if check_keys:
        table["reversed"] = [tuple(reversed_items)]
    return table


def alpha_table(moments: ItemMoments, *, ci: float, ci_method: str, n_boot: int, seed):
    """The one-row alpha table of :func:`cronbach_alpha` from checked item moments."""
    row = alpha_row(moments)
    n, k = moments.n_rows, moments.k
    if ci_method == "feldt":
        low, high = feldt_interval(row["alpha"], n, k, ci)
    elif ci_method == "duhachek":
        half = stats.norm.ppf(1 - (1 - ci) / 2) * duhachek_se(moments.cov, n)
        low, high = row["alpha"] - half, row["alpha"] + half
    else:
        if int(n_boot) < 2:
            raise ValueError(f"`n_boot` must be at least 2; got {n_boot!r}.")
        boot = bootstrap_alphas(moments, int(n_boot), np.random.default_rng(seed))
        tail = (1 - ci) / 2
        low, high = np.nanquantile(boot, [tail, 1 - tail])
    return pd.DataFrame([{**row, "ci_low": low, "ci_high": high, "n": n, "k": k}])

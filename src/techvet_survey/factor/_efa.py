"""`efa`: exploratory factor analysis as psych's ``fa`` (minres or ML, rotated)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from techvet_survey._results import Result, plain, table_text
from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey._stats.extraction import (
    PSI_LOWER,
    extract,
    smooth_correlation,
)
from techvet_survey._stats.rotation import ROTATIONS, rotate
from techvet_survey._validation import apply_nan_policy, check_argument, numeric_items
from techvet_survey.errors import ArgumentError
from techvet_survey.factor._polychoric import polychoric

METHODS = ("minres", "ml")
CORRELATIONS = ("pearson", "polychoric")
_HEYWOOD_MARGIN = 1e-4


@dataclass(frozen=True)
class EfaResult(Result):
    """A rotated exploratory factor solution.

    Attributes
    ----------
    loadings : DataFrame
        One row per item: ``item``, the pattern loadings ``F1``..``Fk`` (factors ordered
        by the variance they explain, each signed to a positive loading sum), ``h2``
        (communality), ``u2`` (uniqueness, 1 - h2) and ``complexity`` (Hoffman's index).
    factor_correlations : DataFrame
        k x k correlations of the factors (the identity for orthogonal rotations).
    variance : DataFrame
        One row per factor: ``ss_loadings``, ``proportion_var``, ``cumulative_var``,
        ``proportion_explained``, ``cumulative_proportion`` (psych's ``Vaccounted``).
    fit : DataFrame
        One row: ``chi2``, ``df``, ``p_val``, ``tli``, ``rmsea``, ``rmsea_ci_low``,
        ``rmsea_ci_high``, ``bic``, ``objective``, ``null_chi2``, ``null_df``,
        ``empirical_chi2``, ``rms``, ``crms``, ``fit_off``, ``n``, ``method``,
        ``rotation``, ``converged``.
    correlation : DataFrame
        The correlation matrix that was factored.
    """

    loadings: pd.DataFrame
    factor_correlations: pd.DataFrame
    variance: pd.DataFrame
    fit: pd.DataFrame
    correlation: pd.DataFrame

    def _summary_sections(self):
        """psych's ``print(fa(...))``: loadings, variance accounted for, factor
        correlations, then the fit statements."""
        fit = self.fit.iloc[0]
        factors = list(self.factor_correlations.columns)
        variance = self.variance.set_index("factor").T.rename(
            index={
                "ss_loadings": "SS loadings",
                "proportion_var": "Proportion Var",
                "cumulative_var": "Cumulative Var",
                "proportion_explained": "Proportion Explained",
                "cumulative_proportion": "Cumulative Proportion",
            }
        )
        statements = [
            f"The root mean square of the residuals (RMSR) is {plain(fit['rms'])}",
            f"The df corrected root mean square of the residuals is {plain(fit['crms'])}",
            f"n.obs = {plain(fit['n'])} with the empirical chi square "
            f"{plain(fit['empirical_chi2'])}",
            f"Likelihood chi square = {plain(fit['chi2'])} on {plain(fit['df'])} df, "
            f"p = {plain(fit['p_val'])}",
            f"Tucker Lewis Index of factoring reliability = {plain(fit['tli'])}",
            f"RMSEA index = {plain(fit['rmsea'])} and the 90 % confidence interval is "
            f"{plain(fit['rmsea_ci_low'])} {plain(fit['rmsea_ci_high'])}",
            f"BIC = {plain(fit['bic'])}; fit based upon off diagonal values = "
            f"{plain(fit['fit_off'])}",
        ]
        title = f"Factor Analysis using method = {fit['method']}, rotation = {fit['rotation']}" + (
            "" if fit["converged"] else " (did NOT converge)"
        )
        sections = [
            ("Standardized loadings (pattern matrix) based upon correlation matrix", self.loadings),
            (None, [line.rstrip() for line in table_text(variance, index=True).splitlines()]),
        ]
        if len(factors) > 1:
            correlations = self.factor_correlations.set_axis(factors, axis=0)
            sections.append(
                ("With factor correlations of", table_text(correlations, index=True).splitlines())
            )
        return title, [*sections, (None, statements)]


def _order_and_sign(pattern: np.ndarray, phi: np.ndarray | None):
    """psych's normalisation: positive column sums, then factors by explained variance."""
    signs = np.sign(pattern.sum(axis=0))
    signs[signs == 0] = 1
    pattern = pattern * signs
    phi = np.eye(pattern.shape[1]) if phi is None else phi * np.outer(signs, signs)
    explained = np.diag(phi @ pattern.T @ pattern)
    order = np.argsort(-explained, kind="stable")
    return pattern[:, order], phi[np.ix_(order, order)]


def _rmsea_bound(chi2: float, df: float, n: int, probability: float) -> float:
    """sqrt(ncp / ((n - 1) df)) with ncp solving P(chi2'(df, ncp) <= chi2) = probability."""
    if stats.chi2.cdf(chi2, df) <= probability:
        return 0.0
    upper = max(n, chi2) + 2 * n
    ncp = optimize.brentq(
        lambda x: stats.ncx2.cdf(chi2, df, x) - probability, 1e-10, upper, xtol=1e-12
    )
    return float(np.sqrt(ncp / (n - 1) / df))


def fit_statistics(correlation, pattern, phi, n: int, n_pair: np.ndarray) -> dict:
    """psych's ``fa.stats``: the ML objective of the fitted model and the indices on it."""
    p, k = pattern.shape
    model = pattern @ phi @ pattern.T
    residual = correlation - model
    np.fill_diagonal(residual, 0.0)
    weighted = (residual**2 * n_pair).sum()
    observed = (correlation**2 * n_pair).sum() - np.trace(correlation**2 * n_pair)
    harmonic = stats.hmean(n_pair.ravel())
    df = p * (p - 1) / 2 - p * k + k * (k - 1) / 2
    implied = model.copy()
    np.fill_diagonal(implied, np.diag(correlation))
    product = np.linalg.solve(implied, correlation)
    objective = np.trace(product) - np.linalg.slogdet(product)[1] - p
    multiplier = (n - 1) - (2 * p + 5) / 6 - 2 * k / 3
    chi2 = max(objective * multiplier, 0.0)
    null = np.trace(correlation) - np.linalg.slogdet(correlation)[1] - p
    null_df = p * (p - 1) / 2
    tli = (null / null_df - objective / df) / (null / null_df - 1 / multiplier)
    positive = df > 0
    return {
        "chi2": chi2,
        "df": df,
        "p_val": stats.chi2.sf(chi2, df) if positive else np.nan,
        "tli": tli,
        "rmsea": np.sqrt(max(chi2 / (df * n) - 1 / (n - 1), 0.0)) if positive else np.nan,
        "rmsea_ci_low": _rmsea_bound(chi2, df, n, 0.95) if positive else np.nan,
        "rmsea_ci_high": _rmsea_bound(chi2, df, n, 0.05) if positive else np.nan,
        "bic": chi2 - df * np.log(n),
        "objective": objective,
        "null_chi2": null * ((n - 1) - (2 * p + 5) / 6),
        "null_df": null_df,
        "empirical_chi2": weighted,
        "rms": np.sqrt(weighted / (harmonic * p * (p - 1))),
        "crms": np.sqrt(weighted / (2 * harmonic * df)) if positive else np.nan,
        "fit_off": 1 - weighted / observed,
    }


def _variance_table(pattern: np.ndarray, phi: np.ndarray, names: list[str]) -> pd.DataFrame:
    explained = np.diag(phi @ pattern.T @ pattern)
    p = pattern.shape[0]
    return pd.DataFrame(
        {
            "factor": names,
            "ss_loadings": explained,
            "proportion_var": explained / p,
            "cumulative_var": np.cumsum(explained) / p,
            "proportion_explained": explained / explained.sum(),
            "cumulative_proportion": np.cumsum(explained) / explained.sum(),
        }
    )


def _correlation_input(data, items, correlation: str, nan_policy: str):
    """The correlation matrix, n used and the pairwise counts."""
    values = apply_nan_policy(numeric_items(data, items), nan_policy)
    values = values.loc[values.notna().any(axis=1)]
    present = values.notna().to_numpy().astype(float)
    n_pair = present.T @ present
    if correlation == "polychoric":
        matrix = polychoric(values, nan_policy="pairwise").matrix()
    else:
        matrix = values.corr().to_numpy()
    if not np.isfinite(matrix).all():
        raise ArgumentError(
            "Some item pairs have no rows answered in common or no variance, so their "
            "correlation is undefined; drop those items or use nan_policy='listwise'."
        )
    smoothed = smooth_correlation(matrix)
    if smoothed is not matrix:
        warnings.warn(
            f"The {correlation} correlation matrix of `items` is not positive definite "
            "(pairwise missing data or sparse tables), so it was smoothed as psych's "
            "cor.smooth does. Prefer nan_policy='listwise' or fewer items if results "
            "look odd.",
            stacklevel=3,
        )
    return list(values.columns), smoothed, len(values), n_pair


def efa(
    data: pd.DataFrame,
    items=None,
    *,
    n_factors: int,
    method: str = "minres",
    rotation: str = "oblimin",
    correlation: str = "pearson",
    nan_policy: str = "pairwise",
) -> EfaResult:
    """Exploratory factor analysis: extraction, rotation, communalities and fit (psych ``fa``).

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns; all columns when omitted.
    n_factors : int
        Factors to extract.
    method : {"minres", "ml"}
        Minimum residuals (ordinary least squares, psych's default) or maximum likelihood.
    rotation : {"oblimin", "geomin", "varimax", "promax", "none"}
        Oblique direct quartimin (``oblimin``, psych's default) and geomin (delta 0.01,
        Mplus' default; GPArotation's ``geominQ``) by gradient projection; orthogonal
        varimax (Kaiser-normalised); promax (power 4, Kaiser-normalised).
    correlation : {"pearson", "polychoric"}
        Factor Pearson correlations, or polychoric ones for ordered items (psych
        ``cor="poly"``; see :func:`polychoric`).
    nan_policy : {"pairwise", "listwise", "raise"}
        Correlations from pairwise-complete rows (psych's default) or complete rows.
        The n of the fit statistics is the number of rows that answered at least one
        item (pairwise) or the complete rows (listwise); psych uses ``nrow(x)``.

    Returns
    -------
    EfaResult
        ``.loadings``, ``.factor_correlations``, ``.variance``, ``.fit`` and
        ``.correlation``.

    Notes
    -----
    Extraction: the uniquenesses psi minimise 1/2 ||R - LL' - diag(psi)||^2 (minres) or
    the ML discrepancy tr(S^-1 R) - log|S^-1 R| - p with S = LL' + diag(psi) (ml) over
    [0.005, max(smc, 1)], from 1 - smc. h2 = diag(LL'), u2 = 1 - h2. Rotation by
    gradient projection [1] from the identity, as GPArotation; the factors are then
    signed to positive loading sums and ordered by diag(Phi L'L), as psych does.

    Fit (psych's ``fa.stats``): with M = L Phi L' whose diagonal is set to 1,
    F = tr(M^-1 R) - log|M^-1 R| - p, chi2 = F (n - 1 - (2p + 5)/6 - 2k/3) with
    df = p(p - 1)/2 - pk + k(k - 1)/2 (Bartlett's correction); TLI from F and the null
    model's F0 = -log|R|; RMSEA = sqrt(max(chi2 / (df n) - 1 / (n - 1), 0)) with a 90%
    interval; BIC = chi2 - df log n. The empirical chi-square weights the squared
    off-diagonal residuals by the pairwise counts.

    A communality at or above 1 - 0.005 (a Heywood case: the uniqueness hit its lower
    bound) gives a warning naming the items: the solution is improper, usually from too
    many factors or too few items per factor.

    A correlation matrix that is not positive definite is smoothed as psych's
    ``cor.smooth`` does (eigenvalues below 1e-12 raised, rescaled to unit diagonal),
    with a warning.

    R equivalent: ``psych::fa(x, nfactors, fm="minres", rotate="oblimin")``; geomin is
    ``rotate="geominQ"``; polychoric: ``cor="poly"``.

    References
    ----------
    1. Bernaards, C. A., & Jennrich, R. I. (2005). Gradient projection algorithms and
       software for arbitrary rotation criteria in factor analysis. Educational and
       Psychological Measurement, 65, 676-696.
    2. Revelle, W. (2022). psych: Procedures for psychological, psychometric, and
       personality research. R package version 2.2.9.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from techvet_survey.factor import efa
    >>> rng = np.random.default_rng(1)
    >>> factors = rng.normal(size=(500, 2))
    >>> pattern = np.kron(np.eye(2), np.full((1, 3), 0.7))
    >>> items = factors @ pattern + rng.normal(scale=0.6, size=(500, 6))
    >>> result = efa(pd.DataFrame(items, columns=list("abcdef")), n_factors=2)
    >>> result.loadings.round(1)[["item", "F1", "F2"]]
      item   F1   F2
    0    a -0.0  0.7
    1    b -0.0  0.7
    2    c  0.0  0.8
    3    d  0.8 -0.0
    4    e  0.8  0.0
    5    f  0.8 -0.0
    """
    check_argument("method", METHODS, method)
    check_argument("rotation", ROTATIONS, rotation)
    check_argument("correlation", CORRELATIONS, correlation)
    if not isinstance(n_factors, int | np.integer) or n_factors < 1:
        raise ArgumentError(f"`n_factors` must be a positive integer; got {n_factors!r}.")
    names, matrix, n, n_pair = _correlation_input(data, items, correlation, nan_policy)
    p = len(names)
    if p * (p - 1) / 2 - p * n_factors + n_factors * (n_factors - 1) / 2 < 0:
        raise ArgumentError(
            f"`n_factors`={n_factors} is too many for {p} items (negative degrees of "
            "freedom); extract fewer factors."
        )
    with single_threaded_blas():
        unrotated, _, extracted = extract(matrix, n_factors, method)
    communality = (unrotated**2).sum(axis=1)
    limit = 1 - PSI_LOWER - _HEYWOOD_MARGIN
    heywood = [name for name, h2 in zip(names, communality, strict=True) if h2 >= limit]
    if heywood:
        warnings.warn(
            f"Heywood case: items {heywood} have communalities at or above 1 (their "
            "uniqueness hit the lower bound 0.005), so the solution is improper. Extract "
            "fewer factors, or check these items for near-duplicates.",
            stacklevel=2,
        )
    unrotated = np.where(unrotated == 0, 1e-15, unrotated)
    with single_threaded_blas():
        pattern, phi, rotated = rotate(unrotated, rotation)
    pattern, phi = _order_and_sign(pattern, phi)
    factor_names = [f"F{j + 1}" for j in range(n_factors)]
    loadings = pd.DataFrame(pattern, columns=factor_names)
    loadings.insert(0, "item", names)
    loadings["h2"] = communality
    loadings["u2"] = 1 - communality
    loadings["complexity"] = (pattern**2).sum(axis=1) ** 2 / (pattern**4).sum(axis=1)
    fit = fit_statistics(matrix, pattern, phi, n, n_pair)
    fit.update(n=n, method=method, rotation=rotation, converged=extracted and rotated)
    if not rotated:
        warnings.warn(f"The {rotation} rotation did not converge.", stacklevel=2)
    return EfaResult(
        loadings=loadings,
        factor_correlations=pd.DataFrame(phi, index=factor_names, columns=factor_names),
        variance=_variance_table(pattern, phi, factor_names),
        fit=pd.DataFrame([fit]),
        correlation=pd.DataFrame(matrix, index=names, columns=names),
    )

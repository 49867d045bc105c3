"""`parallel_analysis`: how many factors and components to keep (psych ``fa.parallel``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._results import Result
from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey._stats.extraction import extract
from techvet_survey._validation import apply_nan_policy, check_argument, numeric_items
from techvet_survey.errors import ArgumentError
from techvet_survey.factor._efa import METHODS

_KINDS = ("component", "factor")


@dataclass(frozen=True)
class ParallelResult(Result):
    """Parallel analysis: observed eigenvalues against those of random data.

    Attributes
    ----------
    eigenvalues : DataFrame
        One row per kind (``component``: eigenvalues of R; ``factor``: of R with the
        one-factor communalities on its diagonal) and position ``number``: ``observed``,
        ``simulated_mean``, ``simulated_sd``, ``simulated_quantile`` (normal data of the
        same size), ``resampled_mean``, ``resampled_sd``, ``resampled_quantile`` (each
        column bootstrapped on its own, which keeps the items' distributions and breaks
        their correlations).
    suggested : DataFrame
        One row: ``n_factors``, ``n_components``, ``n_iter``, ``quantile``, ``n``.
    """

    eigenvalues: pd.DataFrame
    suggested: pd.DataFrame


def _pairwise_correlation(values: np.ndarray) -> np.ndarray:
    """R's ``cor(x, use="pairwise")``."""
    return pd.DataFrame(values).corr().to_numpy()


def _eigenvalues(correlation: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Component eigenvalues, and factor ones: R with the one-factor h2 on its diagonal."""
    components = np.linalg.eigvalsh(correlation)[::-1]
    loadings, _, _ = extract(correlation, 1, method)
    reduced = correlation.copy()
    np.fill_diagonal(reduced, (loadings**2).sum(axis=1))
    return components, np.linalg.eigvalsh(reduced)[::-1]


def _first_below(observed: np.ndarray, reference: np.ndarray) -> int:
    """psych's rule: the number of leading observed eigenvalues above the reference."""
    below = np.flatnonzero(~(observed > reference))
    return int(below[0]) if below.size else len(observed)


def parallel_analysis(
    data: pd.DataFrame,
    items=None,
    *,
    n_iter: int = 20,
    seed=None,
    method: str = "minres",
    quantile: float = 0.95,
    nan_policy: str = "pairwise",
) -> ParallelResult:
    """Horn's parallel analysis of components and factors, as psych's ``fa.parallel``.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns; all columns when omitted.
    n_iter : int
        Random data sets of each kind (simulated and resampled).
    seed : int or numpy.random.Generator, optional
        Seed of the random data.
    method : {"minres", "ml"}
        Extraction of the one-factor solution whose communalities give the factor
        eigenvalues.
    quantile : float
        The observed eigenvalues are compared with this quantile of the random ones.
    nan_policy : {"pairwise", "listwise", "raise"}
        Correlations from pairwise-complete rows (psych's default) or complete rows.

    Returns
    -------
    ParallelResult
        ``.eigenvalues`` (observed, simulated and resampled, per kind and number) and
        ``.suggested`` (numbers of factors and components).

    Notes
    -----
    Component eigenvalues are those of the correlation matrix R; factor eigenvalues
    those of R with the communalities of a one-factor solution on the diagonal (psych's
    ``fa(r, 1)$values``). Each iteration draws a normal data set of the same n and k
    (simulated) and a data set whose columns are bootstrapped independently (resampled;
    missing values travel with their column). The suggested number of factors
    (components) is the number of leading observed eigenvalues that exceed the
    `quantile` of the simulated ones [1, 2], psych's rule.

    R equivalent: ``psych::fa.parallel(x, fa="both", n.iter=20, quant=0.95)``
    (``$fa.values``, ``$pc.values``, ``$fa.sim``, ``$pc.sim``, ``$fa.simr``,
    ``$pc.simr``, ``$nfact``, ``$ncomp``). Random draws differ from R's, so the random
    eigenvalues agree within Monte-Carlo error.

    References
    ----------
    1. Horn, J. L. (1965). A rationale and test for the number of factors in factor
       analysis. Psychometrika, 30, 179-185.
    2. Glorfeld, L. W. (1995). An improvement on Horn's parallel analysis methodology
       for selecting the correct number of factors to retain. Educational and
       Psychological Measurement, 55, 377-393.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from techvet_survey.factor import parallel_analysis
    >>> rng = np.random.default_rng(1)
    >>> factors = rng.normal(size=(400, 2))
    >>> pattern = np.kron(np.eye(2), np.full((1, 4), 0.7))
    >>> items = pd.DataFrame(factors @ pattern + rng.normal(scale=0.7, size=(400, 8)))
    >>> parallel_analysis(items, seed=1).suggested[["n_factors", "n_components"]]
       n_factors  n_components
    0          2             2
    """
    check_argument("method", METHODS, method)
    if not isinstance(n_iter, int | np.integer) or n_iter < 2:
        raise ArgumentError(f"`n_iter` must be an integer of at least 2; got {n_iter!r}.")
    if not 0 < quantile < 1:
        raise ArgumentError(f"`quantile` must lie between 0 and 1 (e.g. 0.95); got {quantile!r}.")
    frame = apply_nan_policy(numeric_items(data, items, min_items=3), nan_policy)
    frame = frame.loc[frame.notna().any(axis=1)]
    values = frame.to_numpy()
    n, k = values.shape
    rng = np.random.default_rng(seed)
    draws = {"simulated": [], "resampled": []}
    with single_threaded_blas():
        observed = _eigenvalues(_pairwise_correlation(values), method)
        for _ in range(n_iter):
            simulated = np.corrcoef(rng.normal(size=(n, k)).T)
            draws["simulated"].append(_eigenvalues(simulated, method))
            while True:  # redraw when a resampled column happens to be constant (as psych)
                rows = rng.integers(0, n, size=(n, k))
                resampled = _pairwise_correlation(np.take_along_axis(values, rows, axis=0))
                if np.isfinite(resampled).all():
                    break
            draws["resampled"].append(_eigenvalues(resampled, method))
    tables = []
    for position, kind in enumerate(_KINDS):
        table = pd.DataFrame(
            {"kind": kind, "number": np.arange(1, k + 1), "observed": observed[position]}
        )
        for source, results in draws.items():
            stack = np.array([result[position] for result in results])
            table[f"{source}_mean"] = stack.mean(axis=0)
            table[f"{source}_sd"] = stack.std(axis=0, ddof=1)
            table[f"{source}_quantile"] = np.quantile(stack, quantile, axis=0)
        tables.append(table)
    eigenvalues = pd.concat(tables, ignore_index=True)
    factor, component = tables[1], tables[0]
    suggested = {
        "n_factors": _first_below(factor["observed"], factor["simulated_quantile"]),
        "n_components": _first_below(component["observed"], component["simulated_quantile"]),
        "n_iter": n_iter,
        "quantile": quantile,
        "n": n,
    }
    return ParallelResult(eigenvalues=eigenvalues, suggested=pd.DataFrame([suggested]))

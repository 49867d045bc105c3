"""Two-step polychoric correlations (thresholds from the margins, then pairwise ML)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from techvet_survey._results import Result
from techvet_survey._stats.bivariate import bivariate_normal_cdf, bivariate_normal_pdf
from techvet_survey._validation import apply_nan_policy, check_columns, numeric_items
from techvet_survey.errors import ArgumentError, InputError

_RHO_BOUND = 0.9999
_MAX_ITER = 100
_TOLERANCE = 1e-10
_CHUNK_ROWS = 100_000  # rows one-hot encoded at a time (float32) when counting pair tables


@dataclass(frozen=True)
class PolychoricResult(Result):
    """Polychoric correlations of ordered items.

    Attributes
    ----------
    correlation : DataFrame
        The item x item polychoric correlation matrix; with `group`, one block per group
        (row index: group, item).
    thresholds : DataFrame
        One row per item and threshold: (``group``,) ``item``, ``threshold`` (1, 2, ...),
        ``below`` and ``above`` (the categories it separates), ``tau`` and ``n`` (the
        answers the item's margin rests on).
    pairs : DataFrame
        One row per item pair: (``group``,) ``item_1``, ``item_2``, ``rho``, ``n`` (rows
        answering both), ``converged``.
    n : DataFrame
        Rows used, one row (per group): (``group``,) ``n``.
    """

    correlation: pd.DataFrame
    thresholds: pd.DataFrame
    pairs: pd.DataFrame
    n: pd.DataFrame

    def matrix(self, group=None) -> np.ndarray:
        """The correlation matrix as an array (of one `group` when grouped)."""
        if group is None:
            if isinstance(self.correlation.index, pd.MultiIndex):
                raise ArgumentError("The result holds several groups; pass `group=` to choose one.")
            return self.correlation.to_numpy()
        return self.correlation.loc[group].to_numpy()


@dataclass(frozen=True)
class _Coded:
    """Items coded as category indices 0..K-1 (-1 missing) with their categories."""

    codes: np.ndarray  # n x k int
    categories: list[np.ndarray]


def _check_categories(values: pd.DataFrame, categories, collapse: bool, where: str):
    """The categories used by each item in `values`; an empty one raises (or is merged)."""
    found, empty = [], []
    for name in values.columns:
        seen = np.unique(values[name].dropna().to_numpy())
        if seen.size < 2:
            raise InputError(
                f"Item {name!r}{where} has {'one answer' if seen.size else 'no answers'} "
                f"({seen.tolist()}), so it has no threshold and no correlation; leave it "
                "out of `items`."
            )
        expected = _default_categories(seen) if categories is None else categories[name]
        unknown = np.setdiff1d(seen, expected)
        if unknown.size:
            raise InputError(
                f"Item {name!r}{where} has values {unknown.tolist()} that are not among "
                f"its `categories` {expected.tolist()}. Recode them or list them."
            )
        missing = np.setdiff1d(expected, seen)
        if missing.size:
            empty.append(f"item {name!r} category {', '.join(f'{v:g}' for v in missing)}")
        found.append(seen)
    if empty and not collapse:
        raise InputError(
            f"Empty response categories{where}: {'; '.join(empty)} (nobody chose them), so "
            "their thresholds cannot be estimated. Collapse each into a neighbouring "
            "category (e.g. data[item].replace({1: 2})), or pass collapse_empty=True to "
            "merge every empty category into the next one used."
        )
    if empty:
        warnings.warn(
            f"Empty response categories{where} merged with their neighbours "
            f"(collapse_empty=True): {'; '.join(empty)}.",
            stacklevel=3,
        )
    return found


def _code(values: np.ndarray, categories: list[np.ndarray]) -> np.ndarray:
    codes = np.full(values.shape, -1, dtype=np.int64)
    for j, cats in enumerate(categories):
        present = ~np.isnan(values[:, j])
        codes[present, j] = np.searchsorted(cats, values[present, j])
    return codes


def _pair_tables(codes: np.ndarray, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """All bivariate count tables at once: the cross-product of the one-hot coding."""
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    total = int(offsets[-1])
    cross = np.zeros((total, total))
    for start in range(0, len(codes), _CHUNK_ROWS):
        block = codes[start : start + _CHUNK_ROWS]
        onehot = np.zeros((len(block), total), dtype=np.float32)
        rows = np.arange(len(block))
        for j in range(codes.shape[1]):
            present = block[:, j] >= 0
            onehot[rows[present], offsets[j] + block[present, j]] = 1.0
        cross += (onehot.T @ onehot).astype(np.float64)  # exact: counts < 2^24 a chunk
    return cross, offsets


def _thresholds(counts: np.ndarray) -> np.ndarray:
    """tau_c = Phi^-1(cumulative proportion below category c + 1)."""
    cumulative = np.cumsum(counts)[:-1] / counts.sum()
    return special.ndtri(cumulative)


def _cell_probabilities(grid: np.ndarray) -> np.ndarray:
    """Rectangle probabilities from a grid of CDF values at the cut points."""
    return grid[:, 1:, 1:] - grid[:, :-1, 1:] - grid[:, 1:, :-1] + grid[:, :-1, :-1]


def _fit_pairs(tables: np.ndarray, cuts_1: np.ndarray, cuts_2: np.ndarray, start: np.ndarray):
    """ML correlation of every pair by Fisher scoring with step halving, vectorised.

    `tables` is pairs x K x K (zero-padded), `cuts_*` pairs x (K + 1) with -inf, the
    thresholds and +inf (padding +inf). log L = sum n_ij log pi_ij(rho), with
    d pi_ij / d rho the bivariate density summed over the cell's corners.
    """
    total = tables.sum(axis=(1, 2))
    used = tables > 0
    a, b = cuts_1[:, :, None], cuts_2[:, None, :]

    def evaluate(rho):
        r = rho[:, None, None]
        pi = _cell_probabilities(bivariate_normal_cdf(a, b, r))
        d_pi = _cell_probabilities(bivariate_normal_pdf(a, b, r))
        positive = pi > 1e-300
        safe = np.where(positive, pi, 1.0)
        loglik = (tables * np.log(np.where(used, np.maximum(pi, 1e-300), 1.0))).sum(axis=(1, 2))
        score = (tables * d_pi / safe).sum(axis=(1, 2))
        # Expected information: every cell of positive probability, answered or not.
        information = total * np.where(positive, d_pi**2 / safe, 0.0).sum(axis=(1, 2))
        return loglik, score, information

    rho = np.clip(start, -0.95, 0.95)
    loglik, score, information = evaluate(rho)
    for _ in range(_MAX_ITER):
        converged = np.abs(score) / total < _TOLERANCE
        if converged.all():
            break
        step = np.where(converged, 0.0, score / np.maximum(information, 1e-12))
        for _ in range(30):
            candidate = np.clip(rho + step, -_RHO_BOUND, _RHO_BOUND)
            new_loglik, new_score, new_information = evaluate(candidate)
            worse = new_loglik < loglik - 1e-12 * np.abs(loglik)
            if not worse.any():
                break
            step = np.where(worse, step / 2, step)
        rho, loglik, score, information = candidate, new_loglik, new_score, new_information
    return rho, np.abs(score) / total < _TOLERANCE


def _start_values(tables: np.ndarray) -> np.ndarray:
    """Pearson correlations of the category indices, from the tables."""
    k = tables.shape[1]
    index = np.arange(k, dtype=float)
    n = tables.sum(axis=(1, 2))
    p1 = tables.sum(axis=2) / n[:, None]
    p2 = tables.sum(axis=1) / n[:, None]
    m1, m2 = p1 @ index, p2 @ index
    v1 = p1 @ index**2 - m1**2
    v2 = p2 @ index**2 - m2**2
    cross = np.einsum("pij,i,j->p", tables, index, index) / n - m1 * m2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(cross / np.sqrt(v1 * v2))


def _polychoric_block(coded: _Coded, names: list[str]):
    """Correlation matrix, thresholds rows and pair rows of one (group's) coded data."""
    sizes = [len(c) for c in coded.categories]
    cross, offsets = _pair_tables(coded.codes, sizes)
    k = len(names)
    width = max(sizes)
    cuts = np.full((k, width + 1), np.inf)
    threshold_rows = []
    for j, cats in enumerate(coded.categories):
        counts = np.diag(cross)[offsets[j] : offsets[j + 1]]
        tau = _thresholds(counts)
        cuts[j, 0] = -np.inf
        cuts[j, 1 : len(tau) + 1] = tau
        for t, value in enumerate(tau):
            threshold_rows.append(
                {
                    "item": names[j],
                    "threshold": t + 1,
                    "below": cats[t],
                    "above": cats[t + 1],
                    "tau": value,
                    "n": int(counts.sum()),
                }
            )
    first, second = np.triu_indices(k, 1)
    tables = np.zeros((len(first), width, width))
    for p, (i, j) in enumerate(zip(first, second, strict=True)):
        block = cross[offsets[i] : offsets[i + 1], offsets[j] : offsets[j + 1]]
        tables[p, : block.shape[0], : block.shape[1]] = block
    n_pair = tables.sum(axis=(1, 2))
    rho = np.full(len(first), np.nan)
    converged = np.zeros(len(first), dtype=bool)
    fit = n_pair > 0
    if fit.any():
        rho[fit], converged[fit] = _fit_pairs(
            tables[fit], cuts[first[fit]], cuts[second[fit]], _start_values(tables[fit])
        )
    failed = [
        f"{names[i]}-{names[j]}"
        for i, j, ok in zip(first, second, converged, strict=True)
        if not ok
    ]
    if failed:
        warnings.warn(
            f"The polychoric correlation of item pairs {failed} did not converge (often a "
            "correlation near +-1 or a sparse table); check their cross-table.",
            stacklevel=4,
        )
    matrix = np.eye(k)
    matrix[first, second] = rho
    matrix[second, first] = rho
    pairs = pd.DataFrame(
        {
            "item_1": [names[i] for i in first],
            "item_2": [names[j] for j in second],
            "rho": rho,
            "n": n_pair.astype(int),
            "converged": converged,
        }
    )
    return matrix, pd.DataFrame(threshold_rows), pairs


def polychoric(
    data: pd.DataFrame,
    items=None,
    *,
    group: str | None = None,
    categories=None,
    nan_policy: str = "pairwise",
    collapse_empty: bool = False,
) -> PolychoricResult:
    """Polychoric correlations of ordered items by the two-step method.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric ordered codes (e.g. 1-5 Likert).
    items : list of str, optional
        Item columns; all columns when omitted.
    group : str, optional
        A column: correlations and thresholds are estimated within each of its groups
        (rows without a group are left out).
    categories : sequence or dict, optional
        The response categories of every item (a sequence) or of each item (a dict item
        -> sequence), e.g. ``range(1, 6)``. When omitted, an item's categories run over
        the integers from its lowest to its highest observed code (the observed values if
        codes are not integers), and with `group` over those seen in the whole data.
    nan_policy : {"pairwise", "listwise", "raise"}
        ``"pairwise"`` (psych's and lavaan's ``missing="pairwise"``): thresholds from
        every answer to the item, each correlation from the rows answering both items.
        ``"listwise"``: complete rows only.
    collapse_empty : bool
        An empty category (nobody chose it, in the data or in a group) raises an
        InputError naming the item, group and category; True merges it into its
        neighbour instead (its threshold is dropped), with a warning.

    Returns
    -------
    PolychoricResult
        ``.correlation`` (the matrix), ``.thresholds``, ``.pairs`` and ``.n``.

    Notes
    -----
    Step 1: the thresholds of item j are tau_jc = Phi^-1(P(x_j <= c)), from the item's
    marginal proportions. Step 2: with the thresholds fixed, the correlation rho of each
    pair maximises log L = sum_ab n_ab log pi_ab(rho), where pi_ab is the bivariate
    standard normal probability of the rectangle (tau_1,a-1, tau_1,a] x (tau_2,b-1,
    tau_2,b] [1, 2]. Pi is computed from Owen's T function, exactly and vectorised, and
    rho by Fisher scoring over all pairs at once (d pi / d rho is the bivariate normal
    density at the cell's corners). All pair tables come from one cross-product of the
    one-hot coded data.

    psych differs in two corner cases: with a different number of categories across
    items it switches to thresholds from each pair's table and adds 0.5 to empty cells
    (``global=FALSE, correct=0.5``), and it smooths a matrix that is not positive
    definite (``smooth=TRUE``). Neither is done here, nor by lavaan; :func:`efa` smooths
    the matrix it factors when needed.

    R equivalent: ``psych::polychoric(x)$rho`` and ``$tau`` (same numbers within psych's
    ``optimize`` tolerance); ``lavaan::lavCor(x, ordered=names(x))``.

    References
    ----------
    1. Olsson, U. (1979). Maximum likelihood estimation of the polychoric correlation
       coefficient. Psychometrika, 44, 443-460.
    2. Owen, D. B. (1956). Tables for computing bivariate normal probabilities. Annals of
       Mathematical Statistics, 27, 1075-1090.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.factor import polychoric
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 3, 2, 1, 3, 2, 1, 2],
    ...                       "q2": [1, 2, 3, 2, 2, 1, 3, 3, 1, 1]})
    >>> polychoric(scale).pairs[["item_1", "item_2", "rho", "n"]].round(3)
      item_1 item_2    rho   n
    0     q1     q2  0.901  10

    In R: ``psych::polychoric(scale)$rho`` gives 0.9008 (lavaan's ``lavCor`` 0.9008).
    """
    columns = list(data.columns) if items is None else list(items)
    if group is not None:
        check_columns(data, [group], "group")
        if group in columns:
            columns.remove(group)
    values = apply_nan_policy(numeric_items(data, columns), nan_policy)
    values = values.loc[values.notna().any(axis=1)]
    categories = _categories_argument(categories, values)
    if group is None:
        blocks = [(None, values, "")]
    else:
        labels = data.loc[values.index, group]
        if categories is None:
            categories = {
                name: _default_categories(values[name].dropna().to_numpy()) for name in columns
            }
        blocks = [
            (label, values.loc[labels == label], f" in group {group}={label!r}")
            for label in pd.unique(labels.dropna())
        ]
    matrices, thresholds, pairs, counts = [], [], [], []
    for label, block, where in blocks:
        found = _check_categories(block, categories, collapse_empty, where)
        coded = _Coded(_code(block.to_numpy(), found), found)
        matrix, tau, pair = _polychoric_block(coded, columns)
        matrices.append(pd.DataFrame(matrix, index=columns, columns=columns))
        if group is not None:
            tau.insert(0, "group", label)
            pair.insert(0, "group", label)
        thresholds.append(tau)
        pairs.append(pair)
        counts.append({"group": label, "n": len(block)} if group is not None else {"n": len(block)})
    if group is None:
        correlation = matrices[0]
    else:
        correlation = pd.concat(matrices, keys=[b[0] for b in blocks], names=[group, "item"])
    return PolychoricResult(
        correlation=correlation,
        thresholds=pd.concat(thresholds, ignore_index=True),
        pairs=pd.concat(pairs, ignore_index=True),
        n=pd.DataFrame(counts),
    )


def _default_categories(seen: np.ndarray) -> np.ndarray:
    seen = np.unique(seen)
    if seen.size and np.allclose(seen, np.round(seen)):
        return np.arange(seen.min(), seen.max() + 1)
    return seen


def _categories_argument(categories, values: pd.DataFrame):
    if categories is None:
        return None
    if isinstance(categories, dict):
        check_columns(values, list(categories), "categories")
        missing = [name for name in values.columns if name not in categories]
        if missing:
            raise InputError(
                f"`categories` lists no categories for items {missing}; give every item "
                "or pass one sequence for all."
            )
        return {name: np.sort(np.asarray(list(categories[name]), float)) for name in values}
    shared = np.sort(np.asarray(list(categories), dtype=float))
    return {name: shared for name in values.columns}

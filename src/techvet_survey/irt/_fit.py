"""Fit the Rasch or 2PL model to 0/1 item scores."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey._stats.binary import binary_items, constant_item_mask
from techvet_survey._validation import check_argument
from techvet_survey.irt._cml import _fit_cml
from techvet_survey.irt._mml import _fit_mml, _mml_table
from techvet_survey.irt._result import EXTREME_SLOPE, METHODS, MODELS, IRTResult


def _warn_items(frame: pd.DataFrame, mask: np.ndarray, problem: str) -> None:
    """Warn, naming the items of `frame` selected by `mask`, that they have `problem`."""
    if mask.any():
        names = ", ".join(repr(str(c)) for c in frame.columns[mask])
        warnings.warn(f"Items {names} have {problem}", RuntimeWarning, stacklevel=4)


def _usable_items(frame: pd.DataFrame) -> np.ndarray:
    empty = frame.isna().all().to_numpy()
    _warn_items(
        frame,
        empty,
        "no responses at all; their parameters are reported as NaN. "
        "Check the item names and the scoring, or drop them from `items`.",
    )
    constant = constant_item_mask(frame.to_numpy()) & ~empty
    _warn_items(
        frame,
        constant,
        "no variance (everyone right or everyone wrong); their "
        "parameters are not estimable and are reported as NaN. Drop them from `items`.",
    )
    if (~constant & ~empty).sum() < 2:
        raise ValueError("`scored` needs at least two items with both 0 and 1 responses.")
    return ~constant & ~empty


def fit(
    scored: pd.DataFrame,
    items=None,
    *,
    model: str = "2pl",
    method: str = "mml",
    n_quad: int = 61,
    max_iter: int = 2000,
    tol: float = 1e-6,
    se: bool = True,
) -> IRTResult:
    """Fit the Rasch or the 2PL model to 0/1 item scores.

    Parameters
    ----------
    scored : DataFrame
        One row per person, 0/1 item scores; NaN for items not answered or not reached.
    items : sequence of str, optional
        Item columns; all columns when omitted.
    model : {"2pl", "rasch"}
        ``P(x_j = 1 | theta) = 1 / (1 + exp(-(a_j theta + d_j)))``; the Rasch model has
        one slope for all items.
    method : {"mml", "cml"}
        Marginal ML (Bock-Aitkin EM, theta ~ N(0, 1)) or, for the Rasch model only,
        conditional ML given the raw scores (eRm's estimator).
    n_quad : int
        Gauss-Hermite quadrature points for MML.
    max_iter, tol : int, float
        EM cycles (Newton steps for CML) and the convergence tolerance on the largest
        absolute parameter change.
    se : bool
        Compute standard errors (MML: Louis' observed information, which costs about
        as much as ten EM cycles); NaN when False.

    Returns
    -------
    IRTResult
        ``.items`` holds ``a``, ``d``, ``b`` and their SEs; items without variance are
        NaN rows (with a warning).

    Notes
    -----
    MML maximises ``sum_p log sum_q w_q prod_j P_j(x_q)^u_pj (1 - P_j(x_q))^(1 - u_pj)``
    over Gauss-Hermite nodes ``x_q`` and weights ``w_q`` of N(0, 1) [1]_. Missing
    responses drop out of the product (they carry no likelihood), so not-reached items
    are allowed. Identical response patterns are collapsed first, the E-step is matrix
    products over the nodes, the M-step a few vectorised Newton steps, and the EM
    cycles are accelerated by SQUAREM [4]_ (``n_iter`` counts EM cycles). The 2PL
    is reported as slope ``a``, intercept ``d`` (mirt's ``a1``, ``d``) and difficulty
    ``b = -d / a``.

    The Rasch model by MML is fitted with a common slope ``a`` and theta ~ N(0, 1),
    which is the same model as slope 1 and theta ~ N(0, sigma^2) with ``sigma = a``; the
    table reports the latter (logit) metric: ``a = 1``, ``b = -d`` and
    ``theta_sd = sigma`` (R: ``mirt(x, 1, "Rasch")``, ``ltm::rasch``).

    Standard errors come from the observed information by Louis' rule [2]_ (exact second
    derivatives of the marginal log-likelihood at the estimate, not the cross-product
    approximation); the SE of ``b`` follows by the delta method.

    CML [3]_ conditions on the raw score, so the ability distribution drops out:
    ``log L_c = -sum_j s_j b_j - sum_p log gamma_{r_p}(exp(-b))`` with the elementary
    symmetric functions ``gamma``; with missing responses each missingness pattern gets
    its own ``gamma`` (as in eRm). Persons with zero or full scores carry no
    information. Difficulties are normalised to sum zero and SEs come from the inverse
    Hessian (R: ``-eRm::RM(x)$betapar``, ``$se.beta``). MML and CML difficulties differ
    by a location shift and slightly in spread, because MML assumes a normal ability
    distribution and CML assumes nothing about it.

    References
    ----------
    .. [1] Bock, R. D., & Aitkin, M. (1981). Marginal maximum likelihood estimation of
       item parameters: application of an EM algorithm. Psychometrika, 46, 443-459.
    .. [2] Louis, T. A. (1982). Finding the observed information matrix when using the
       EM algorithm. JRSS B, 44, 226-233.
    .. [3] Andersen, E. B. (1972). The numerical solution of a set of conditional
       estimation equations. JRSS B, 34, 42-54.
    .. [4] Varadhan, R., & Roland, C. (2008). Simple and globally convergent methods for
       accelerating the convergence of any EM algorithm. Scand. J. Statist., 35, 335-353.

    Examples
    --------
    >>> import itertools
    >>> patterns = list(itertools.product([0, 1], repeat=3))
    >>> data = pd.DataFrame(patterns * 3 + [(1, 1, 1), (1, 1, 0), (1, 0, 0)],
    ...                     columns=["q1", "q2", "q3"])
    >>> result = fit(data, model="rasch", method="cml")
    >>> result.items["b"].round(4).tolist()
    [-0.1506, -0.0, 0.1506]
    """
    frame = binary_items(scored, items)
    check_argument("model", MODELS, model)
    check_argument("method", METHODS, method)
    if method == "cml" and model != "rasch":
        raise ValueError("`method='cml'` exists for the Rasch model only; use model='rasch'.")
    usable = _usable_items(frame)
    values = frame.to_numpy()[:, usable]
    answered = ~np.isnan(values).all(axis=1)
    values = values[answered]
    table = pd.DataFrame(
        np.nan, index=range(frame.shape[1]), columns=["a", "se_a", "d", "se_d", "b", "se_b"]
    )
    if method == "mml":
        slopes, intercepts, cov, loglik, n_iter, converged = _fit_mml(
            values, model, n_quad, max_iter, tol, se
        )
        table.loc[usable, :] = np.column_stack(_mml_table(slopes, intercepts, cov, model))
        sd = float(slopes[0]) if model == "rasch" else 1.0
        se_sd = float(np.sqrt(cov[0, 0])) if model == "rasch" else np.nan
    else:
        beta, se, loglik, n_iter, converged = _fit_cml(values, max_iter, tol)
        table.loc[usable, :] = np.column_stack(
            [np.ones_like(beta), np.nan * se, -beta, se, beta, se]
        )
        sd, se_sd, n_quad = np.nan, np.nan, 0
    extreme = usable.copy()
    extreme[usable] = np.abs(table.loc[usable, "a"].to_numpy() * sd) > EXTREME_SLOPE
    if method == "mml" and extreme.any():
        names = ", ".join(repr(str(c)) for c in frame.columns[extreme])
        warnings.warn(
            f"Items {names} have slopes beyond +-{EXTREME_SLOPE}: the likelihood has no "
            "finite maximum for them (an item that splits the sample almost perfectly, or "
            "too few persons). Their estimates and SEs are not meaningful; use the Rasch "
            "model or more persons.",
            RuntimeWarning,
            stacklevel=2,
        )
    if not converged:
        warnings.warn(
            f"The {method.upper()} fit did not converge in {max_iter} iterations; raise "
            "`max_iter` or check for items that (nearly) everyone gets right or wrong.",
            RuntimeWarning,
            stacklevel=2,
        )
    counts = frame.notna().sum().to_numpy()
    table.insert(0, "item", [str(c) for c in frame.columns])
    table["n"] = counts
    table["p_correct"] = frame.mean().to_numpy()
    return IRTResult(
        items=table,
        model=model,
        method=method,
        loglik=float(loglik),
        n_iter=int(n_iter),
        converged=bool(converged),
        n_persons=int(answered.sum()),
        theta_sd=sd,
        se_theta_sd=se_sd,
        n_quad=int(n_quad),
    )

"""The result of an IRT fit, and the models and estimators it can hold."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from techvet_survey._results import Result

MODELS = ("rasch", "2pl")
METHODS = ("mml", "cml")
EXTREME_SLOPE = 10.0


@dataclass(frozen=True)
class IRTResult(Result):
    """A fitted Rasch or 2PL model.

    Attributes
    ----------
    items : DataFrame
        One row per item: ``item``, ``a`` (slope), ``d`` (intercept), ``b``
        (difficulty, ``-d / a``), their standard errors ``se_a``, ``se_d``, ``se_b``,
        ``n`` (responses used) and ``p_correct``. Rasch slopes are fixed at 1, so their
        ``se_a`` is NaN.
    model, method : str
        ``"rasch"`` or ``"2pl"``; ``"mml"`` or ``"cml"``.
    loglik : float
        Marginal log-likelihood (MML) or conditional log-likelihood (CML).
    n_iter : int
        EM cycles (MML) or Newton steps (CML).
    converged : bool
        Whether the parameter change fell below the tolerance.
    n_persons : int
        Persons with at least one response.
    theta_sd, se_theta_sd : float
        Standard deviation of the latent ability and its SE (Rasch by MML; 1 with a NaN
        SE for the 2PL, where it is fixed; NaN for CML, which does not estimate the
        ability distribution).
    n_quad : int
        Quadrature points used (MML).
    """

    items: pd.DataFrame
    model: str
    method: str
    loglik: float
    n_iter: int
    converged: bool
    n_persons: int
    theta_sd: float
    se_theta_sd: float
    n_quad: int

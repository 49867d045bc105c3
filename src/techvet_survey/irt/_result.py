"""The result of an IRT fit, and the models and estimators it can hold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result, plain

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

    def _summary_sections(self):
        """eRm's ``summary(RM(...))`` layout: the fit, then the item difficulties with CIs."""
        likelihood = "Conditional" if self.method == "cml" else "Marginal"
        k = len(self.items)
        n_par = {"cml": k - 1, "mml": k + 1}[self.method] if self.model == "rasch" else 2 * k
        facts = [
            f"{likelihood} log-likelihood: {self.loglik:.3f}",
            f"Number of iterations: {self.n_iter} "
            + ("(converged)" if self.converged else "(did NOT converge)"),
            f"Number of parameters: {n_par}",
            f"Number of persons: {self.n_persons}",
        ]
        if self.method == "mml":
            se = "fixed" if np.isnan(self.se_theta_sd) else f"SE {plain(self.se_theta_sd)}"
            facts.append(f"Ability SD: {plain(self.theta_sd)} ({se})")
        z = stats.norm.ppf(0.975)
        items = self.items
        table = pd.DataFrame(
            {
                "item": items["item"],
                "Estimate": items["b"],
                "Std. Error": items["se_b"],
                "lower CI": items["b"] - z * items["se_b"],
                "upper CI": items["b"] + z * items["se_b"],
            }
        )
        if self.model == "2pl":
            table["Discrimination"] = items["a"]
            table["SE discr."] = items["se_a"]
        table["p_correct"] = items["p_correct"]
        name = "RM" if self.model == "rasch" else "2PL"
        return f"Results of {name} estimation ({self.method.upper()}):", [
            (None, facts),
            ("Item Difficulty Parameters (b) with 0.95 CI:", table),
        ]

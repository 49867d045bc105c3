"""Full-information ML (lavaan ``missing = "ml"``): the casewise likelihood, one term per
missing-data pattern.

The discrepancy is scaled like the complete-data one, F = -2 (logL - logL_H1) / N with
logL_H1 the saturated log-likelihood (by EM), so that chi2 = N F_min as before; its
gradient comes from the patterns' scores through the model Jacobian Delta, and the
information used for the optimiser's steps is the observed-data expected information
sum_k (n_k / N) Delta_o' W(Sigma_oo) Delta_o.
"""

from __future__ import annotations

import numpy as np

from techvet_survey.cfa._estimation import Problem
from techvet_survey.cfa._moments import SampleMoments
from techvet_survey.cfa._patterns import batch_derivatives, batch_loglik, batches


class FimlProblem(Problem):
    """The FIML discrepancy of one parameter table on the patterns of each group."""

    def __init__(self, table, moments: SampleMoments):
        super().__init__(table, moments)
        self.loglik_h1 = float(np.sum(moments.loglik_h1))
        self.batches = [batches(patterns) for patterns in moments.patterns]

    def loglik(self, theta: np.ndarray) -> float:
        total = 0.0
        for g, group_batches in enumerate(self.batches):
            sigma, mu = self.matrices(theta, g).implied()
            total += batch_loglik(group_batches, mu, sigma)
        return total

    def objective(self, theta: np.ndarray) -> float:
        value = -2.0 * (self.loglik(theta) - self.loglik_h1) / self.moments.n_total
        return float(value) if np.isfinite(value) else np.inf

    def derivatives(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self._derivatives(theta, weight=True)

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        return self._derivatives(theta, weight=False)[0]

    def _derivatives(self, theta: np.ndarray, *, weight: bool):
        n_free = len(theta)
        gradient = np.zeros(n_free)
        information = np.zeros((n_free, n_free))
        n_total = self.moments.n_total
        for g, group_batches in enumerate(self.batches):
            mats = self.matrices(theta, g)
            sigma, mu = mats.implied()
            delta = self._delta(mats, g, n_free)
            h1_gradient, h1_weight = batch_derivatives(group_batches, mu, sigma, weight=weight)
            gradient += -2.0 / n_total * (delta.T @ h1_gradient)
            if weight:
                information += delta.T @ h1_weight @ delta / n_total
        return gradient, information


def make_problem(table, moments: SampleMoments) -> Problem:
    """The discrepancy for these moments: FIML when they come from FIML, else ML."""
    return FimlProblem(table, moments) if moments.fiml else Problem(table, moments)

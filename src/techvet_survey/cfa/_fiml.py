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

from ._estimation import Problem
from ._moments import GroupMoments
from ._patterns import loglik, loglik_gradient


class FimlProblem(Problem):
    """The FIML discrepancy of one parameter table on the patterns of each group."""

    def __init__(self, table, moments: GroupMoments):
        super().__init__(table, moments)
        self.loglik_h1 = float(np.sum(moments.loglik_h1))

    def loglik(self, theta: np.ndarray) -> float:
        total = 0.0
        for g, patterns in enumerate(self.moments.patterns):
            sigma, mu = self.matrices(theta, g).implied()
            total += loglik(patterns, mu, sigma)
        return total

    def objective(self, theta: np.ndarray) -> float:
        value = -2.0 * (self.loglik(theta) - self.loglik_h1) / self.moments.n_total
        return float(value) if np.isfinite(value) else np.inf

    def derivatives(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n_free = len(theta)
        gradient = np.zeros(n_free)
        information = np.zeros((n_free, n_free))
        n_total = self.moments.n_total
        for g, patterns in enumerate(self.moments.patterns):
            mats = self.matrices(theta, g)
            sigma, mu = mats.implied()
            delta = self._delta(mats, g, n_free)
            gradient += -2.0 / n_total * (delta.T @ loglik_gradient(patterns, mu, sigma))
            weight = np.zeros((len(delta), len(delta)))
            for pattern in patterns:
                o = pattern.observed
                inverse = np.linalg.inv(sigma[np.ix_(o, o)])
                local = np.zeros((len(pattern.positions),) * 2)
                local[: len(o), : len(o)] = inverse
                local[len(o) :, len(o) :] = self._local_weight(inverse)
                weight[np.ix_(pattern.positions, pattern.positions)] += pattern.n * local
            information += delta.T @ weight @ delta / n_total
        return gradient, information

    @staticmethod
    def _local_weight(inverse: np.ndarray) -> np.ndarray:
        """0.5 D'(A kron A)D for A = Sigma_oo^-1 (vech of the pattern's items)."""
        k = len(inverse)
        rows, cols = np.tril_indices(k)
        product = (
            inverse[np.ix_(rows, rows)] * inverse[np.ix_(cols, cols)]
            + inverse[np.ix_(rows, cols)] * inverse[np.ix_(cols, rows)]
        )
        off = (rows != cols).astype(float)
        scale = 2.0**off / 2.0
        return product * np.outer(scale, scale)


def make_problem(table, moments: GroupMoments) -> Problem:
    """The discrepancy for these moments: FIML when they come from FIML, else ML."""
    return FimlProblem(table, moments) if moments.fiml else Problem(table, moments)

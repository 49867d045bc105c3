"""Univariate score (Lagrange multiplier) tests of cross-group equality constraints.

As lavaan's ``lavTestScore(fit)$uni``: the constrained model is re-expressed with every
group's parameter free and the constraints as rows of R (theta_group1 - theta_groupk =
0); for constraint r, with score s (gradient of logL / N at the constrained estimate) and
unit expected information I,

    X2_r = N s' P_r s,   P_r = the I-block of ginv([[I, R_-r'], [R_-r, 0]]),

where R_-r drops row r: the test of releasing constraint r alone, the others kept.
(Where the bordered matrix is regular, P_r s is read off the solution of one linear
system; lavaan's generalised inverse is used only where it is singular.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.cfa._estimation import Solution
from techvet_survey.cfa._fiml import make_problem

SCORE_COLUMNS = ("kind", "lhs", "op", "rhs", "group", "chi2", "df", "p_val")


def score_tests(solution: Solution, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per equality constraint (of the given parameter `kinds`), lavaan's order.

    With the expected information whatever the estimator (lavaan's ``lavTestScore``
    default, also for MLR); with FIML the score and the expected information are those
    of the casewise likelihood.
    """
    table = solution.table
    pairs = table.equality_pairs()
    expanded = table.expanded()
    is_free = table.free >= 0
    theta = np.zeros(expanded.n_free)
    theta[expanded.free[is_free]] = solution.theta[table.free[is_free]]
    problem = make_problem(expanded, solution.moments)
    gradient, information = problem.derivatives(theta)
    score = -0.5 * gradient
    restriction = np.zeros((len(pairs), expanded.n_free))
    for k, (first, other) in enumerate(pairs):
        restriction[k, expanded.free[first]] = 1.0
        restriction[k, expanded.free[other]] = -1.0
    n_total = solution.moments.n_total
    labels = solution.moments.labels
    records = []
    for k, (first, other) in enumerate(pairs):
        if kinds is not None and table.kind[first] not in kinds:
            continue
        kept = np.delete(restriction, k, axis=0)
        chi2 = n_total * score @ _bordered_solve(information, kept, score)
        records.append(
            {
                "kind": table.kind[first],
                "lhs": table.lhs[first],
                "op": table.op[first],
                "rhs": table.rhs[first],
                "group": labels[table.group[other]],
                "chi2": float(chi2),
                "df": 1,
                "p_val": float(stats.chi2.sf(chi2, 1)),
            }
        )
    return pd.DataFrame(records, columns=list(SCORE_COLUMNS))


def _bordered_solve(
    information: np.ndarray, restriction: np.ndarray, score: np.ndarray
) -> np.ndarray:
    """P s for P the I-block of the inverse of the bordered matrix (ginv if singular)."""
    n = information.shape[0]
    k = restriction.shape[0]
    bordered = np.block([[information, restriction.T], [restriction, np.zeros((k, k))]])
    rhs = np.concatenate([score, np.zeros(k)])
    try:
        solution = np.linalg.solve(bordered, rhs)
        if np.allclose(bordered @ solution, rhs, rtol=1e-8, atol=1e-12):
            return solution[:n]
    except np.linalg.LinAlgError:
        pass
    return np.linalg.pinv(bordered, hermitian=True)[:n, :n] @ score

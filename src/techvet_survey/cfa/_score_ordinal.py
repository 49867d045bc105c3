"""Univariate score tests of the cross-group constraints of an ordinal (D)WLS model.

As lavaan's ``lavTestScore(fit)$uni`` on a WLSMV fit (the ordinary test: lavaan falls
back to it whatever the standard errors): the constrained model is re-expressed with
every group's parameter free and each constraint a row of R; with the score of the
(D)WLS discrepancy s = sum_g (n_g - 1) / N Delta_g' W_g (s_g - m_g) at the constrained
estimate (lavaan's gradient, with the (n_g - 1) / n_g of its objective), the expected
information E = sum_g f_g Delta_g' W_g Delta_g (f_g = n_g / N) and R_-r the
constraints without r,

    X2_r = N s' P_r s,   P_r = the E-block of ginv([[E, R_-r'], [R_-r, 0]]).

Constraints are the equalities of group k's thresholds and loadings with group 1's,
and, in Wu & Estabrook's scalar model, the intercepts of groups 2..G fixed at group 1's
zero (an intercept fixed at 0 in a group whose scale factor is free): lavaan tests
those as ``nu.j.gk == 0`` of the same model written with free intercepts.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.cfa._score import SCORE_COLUMNS, _bordered_solve
from techvet_survey.cfa._wls import OrdinalProblem, OrdinalSolution, OrdinalTable


def ordinal_score_tests(
    solution: OrdinalSolution, weights: str, kinds: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per constraint (of the given `kinds`) of an ordinal solution.

    `weights` is "DWLS" or "ULS" (the estimator's weight matrix). Columns as
    :func:`techvet_survey.cfa._score.score_tests`; ``group`` is the group whose
    parameter the constraint ties to group 1.
    """
    table = solution.table
    constraints = _constraints(table)
    expanded, theta = _expand(table, solution)
    problem = OrdinalProblem(expanded, solution.moments, weights)
    moments = solution.moments
    fractions = moments.n / moments.n_total
    score_fractions = (moments.n - 1.0) / moments.n_total
    score = np.zeros(expanded.n_free)
    information = np.zeros((expanded.n_free, expanded.n_free))
    implied = problem.implied(theta)
    for g, delta in enumerate(problem.jacobian(theta)):
        weighted = problem.weights[g][:, None] * delta
        score += score_fractions[g] * weighted.T @ (moments.obs[g] - implied[g])
        information += fractions[g] * delta.T @ weighted
    restriction = np.zeros((len(constraints), expanded.n_free))
    for k, (first, other) in enumerate(constraints):
        restriction[k, expanded.free[other]] = -1.0
        if first is not None:
            restriction[k, expanded.free[first]] = 1.0
    records = []
    for k, (_, other) in enumerate(constraints):
        if kinds is not None and table.kind[other] not in kinds:
            continue
        kept = np.delete(restriction, k, axis=0)
        chi2 = moments.n_total * score @ _bordered_solve(information, kept, score)
        records.append(
            {
                "kind": table.kind[other],
                "lhs": table.lhs[other],
                "op": table.op[other],
                "rhs": table.rhs[other],
                "group": moments.labels[table.group[other]],
                "chi2": float(chi2),
                "df": 1,
                "p_val": float(stats.chi2.sf(chi2, 1)),
            }
        )
    return pd.DataFrame(records, columns=list(SCORE_COLUMNS))


def _constraints(table: OrdinalTable) -> list[tuple[int | None, int]]:
    """(row of group 1 or None for a fixed zero, row of group k), group 1's row order."""
    rows = [np.flatnonzero(table.group == g) for g in range(table.n_groups)]
    scale_free = {
        (table.group[r], table.index[r]): table.free[r] >= 0
        for r in range(len(table.kind))
        if table.kind[r] == "scale"
    }
    constraints = []
    for position, first in enumerate(rows[0]):
        for g in range(1, table.n_groups):
            other = rows[g][position]
            if table.free[first] >= 0 and table.free[other] == table.free[first]:
                constraints.append((first, other))
            elif (
                table.kind[other] == "intercept"
                and table.free[other] < 0
                and scale_free[(g, table.index[other])]
            ):
                constraints.append((None, other))
    return constraints


def _expand(table: OrdinalTable, solution: OrdinalSolution) -> tuple[OrdinalTable, np.ndarray]:
    """The table with every free row (and every constrained intercept) its own
    parameter, and the constrained estimate in its terms."""
    values = solution.problem.values(solution.theta)
    constrained = {other for first, other in _constraints(table) if first is None}
    own = (table.free >= 0) | np.isin(np.arange(len(table.free)), list(constrained))
    free = np.full(len(table.free), -1)
    free[own] = np.arange(int(own.sum()))
    return replace(table, free=free), values[own]

"""Ordinal CFA by (diagonally) weighted least squares, as lavaan 0.6 with ordered items.

The model of group g (delta parameterization) implies thresholds and correlations of
the latent responses y* = nu + Lambda eta + e,

    th_jk = delta_j (tau_jk - nu_j - lambda_j' alpha),
    r_ij = delta_i delta_j (Lambda Psi Lambda')_ij,

with residual variances 1 / delta_j^2 - (Lambda Psi Lambda')_jj (not free). The
estimates minimise sum_g (n_g - 1) (s_g - m_g)' W_g (s_g - m_g), W_g = diag(Gamma_g)^-1
(DWLS; identity for ULS), and chi2 is that minimum (lavaan's ``fx`` with its
(n_g - 1) / n_g factor). With Delta_g = d m_g / d theta and f_g = n_g / N:

* E = sum_g f_g Delta_g' W_g Delta_g and the robust covariance
  E^-1 (sum_g f_g Delta_g' W_g Gamma_g W_g Delta_g) E^-1 / N (``lav_model_nvcov_robust_sem``);
* U = V - V Delta E^-1 Delta' V with V = bdiag(f_g W_g), and UG = U bdiag(Gamma_g / f_g);
  the scaled-and-shifted statistic (``lav_test_satorra_bentler``, "scaled.shifted") is
  a chi2 + df - a tr(UG) with a = sqrt(df / tr(UG^2)); the scaling factor is 1 / a.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg, optimize

from techvet_survey.cfa._model import ModelSpec, number_free_parameters
from techvet_survey.cfa._ordinal import OrdinalMoments

COMPLEX_STEP = 1e-20


@dataclass(frozen=True)
class OrdinalTable:
    """One row per parameter and group (lavaan's partable for ordered items).

    ``kind`` is one of loading, threshold, lv_variance, lv_covariance, intercept, scale,
    mean; ``index`` the position in its matrix (item, factor, threshold number);
    ``free[r]`` the free parameter (-1 fixed at ``value[r]``); shared indices are equal.
    """

    spec: ModelSpec
    n_groups: int
    n_thresholds: tuple[int, ...]
    group: np.ndarray
    lhs: tuple[str, ...]
    op: tuple[str, ...]
    rhs: tuple[str, ...]
    kind: tuple[str, ...]
    index: tuple[tuple[int, ...], ...]
    free: np.ndarray
    value: np.ndarray

    @property
    def n_free(self) -> int:
        return int(self.free.max()) + 1 if self.free.size and self.free.max() >= 0 else 0


#: Wu & Estabrook (2016) levels with semTools' ``measEq.syntax`` (ID.fac = "std.lv",
#: delta parameterization): which parameters are equal across groups.
WU_ESTABROOK = {
    "configural": (),
    "thresholds": ("thresholds",),
    "metric": ("thresholds", "loadings"),
    "scalar": ("thresholds", "loadings", "intercepts"),
}


def build_ordinal_table(
    spec: ModelSpec,
    n_thresholds: tuple[int, ...],
    n_groups: int,
    equal: tuple[str, ...] = (),
    *,
    std_lv: bool = False,
    released: frozenset = frozenset(),
) -> OrdinalTable:
    """Parameters of an ordinal CFA, lavaan's defaults for one group (marker variables,
    thresholds free, intercepts 0, scale factors 1, latent means 0), and for several
    groups the Wu & Estabrook (2016) identification of semTools' ``measEq.syntax``
    (`std_lv`: factor variances 1 in group 1, and in every group until loadings are
    equal; scale factors and intercepts free in groups 2..G once thresholds are equal,
    intercepts fixed at 0 again and latent means free once intercepts are equal).

    `released` holds (kind, item, rhs, group) exempt from their constraint in that group
    (partial invariance, group > 0): ("threshold", item, "t2", g) gives the threshold its
    own parameter in group g; ("intercept", item, "", g) frees the intercept in group g.
    """
    items = spec.items
    position = {item: j for j, item in enumerate(items)}
    eq_th = "thresholds" in equal
    eq_load = "loadings" in equal
    eq_int = "intercepts" in equal
    rows: list[tuple] = []  # group, lhs, op, rhs, kind, index, free?, value, key

    def add(g, lhs, op, rhs, kind, index, is_free, value, key=None):
        rows.append((g, lhs, op, rhs, kind, index, is_free, value, key))

    for g in range(n_groups):
        for f, (factor, indicators) in enumerate(zip(spec.factors, spec.indicators, strict=True)):
            for k, item in enumerate(indicators):
                marker = k == 0 and not std_lv
                key = ("loading", factor, item) if eq_load else None
                add(g, factor, "=~", item, "loading", (position[item], f), not marker, 1.0, key)
        for item in items:
            j = position[item]
            for t in range(n_thresholds[j]):
                own = ("threshold", item, f"t{t + 1}", g) in released
                key = ("threshold", item, t) if eq_th and not own else None
                add(g, item, "|", f"t{t + 1}", "threshold", (j, t), True, 0.0, key)
        for f, factor in enumerate(spec.factors):
            fixed = std_lv and (g == 0 or not eq_load)
            add(g, factor, "~~", factor, "lv_variance", (f, f), not fixed, 1.0)
        for f in range(len(spec.factors)):
            for h in range(f + 1, len(spec.factors)):
                lhs, rhs = spec.factors[f], spec.factors[h]
                add(g, lhs, "~~", rhs, "lv_covariance", (f, h), True, 0.0)
        for item in items:
            j = position[item]
            free_scale = g > 0 and eq_th
            add(g, item, "~*~", item, "scale", (j,), free_scale, 1.0)
        for item in items:
            j = position[item]
            own = ("intercept", item, "", g) in released
            free_intercept = g > 0 and eq_th and (own or not eq_int)
            add(g, item, "~1", "", "intercept", (j,), free_intercept, 0.0)
        for f, factor in enumerate(spec.factors):
            add(g, factor, "~1", "", "mean", (f,), g > 0 and eq_int, 0.0)
    free = number_free_parameters(rows)
    columns = list(zip(*rows, strict=True))
    return OrdinalTable(
        spec=spec,
        n_groups=n_groups,
        n_thresholds=tuple(n_thresholds),
        group=np.asarray(columns[0], dtype=int),
        lhs=tuple(columns[1]),
        op=tuple(columns[2]),
        rhs=tuple(columns[3]),
        kind=tuple(columns[4]),
        index=tuple(columns[5]),
        free=free,
        value=np.asarray(columns[7], dtype=float),
    )


@dataclass(frozen=True)
class GroupModel:
    """The model matrices of one group (real or complex, for complex-step derivatives)."""

    loadings: np.ndarray
    psi: np.ndarray
    thresholds: list
    intercepts: np.ndarray
    scales: np.ndarray
    means: np.ndarray

    def common(self) -> np.ndarray:
        return self.loadings @ self.psi @ self.loadings.T

    def implied(self) -> np.ndarray:
        """(thresholds, correlations of pairs i < j), lavaan's ``WLS.est``."""
        shift = self.intercepts + self.loadings @ self.means
        th = [self.scales[j] * (tau - shift[j]) for j, tau in enumerate(self.thresholds)]
        common = self.common()
        first, second = np.triu_indices(len(self.scales), 1)
        corr = self.scales[first] * self.scales[second] * common[first, second]
        return np.concatenate([*th, corr])

    def residuals(self) -> np.ndarray:
        return 1.0 / self.scales**2 - np.diag(self.common())


class OrdinalProblem:
    """Weighted least squares of one table on one set of ordinal moments."""

    def __init__(self, table: OrdinalTable, moments: OrdinalMoments, estimator: str):
        self.table = table
        self.moments = moments
        self.weights = [
            1.0 / np.diag(gamma) if estimator != "ULS" else np.ones(len(gamma))
            for gamma in moments.gamma
        ]
        self.rows = [np.flatnonzero(table.group == g) for g in range(table.n_groups)]
        self.kind_rows = [self._kind_rows(rows) for rows in self.rows]
        first = self.kind_rows[0]
        self.loading_at = tuple(np.array([table.index[r] for r in first["loading"]]).T)
        self.psi_at = tuple(np.array([table.index[r] for r in first["psi"]]).T)
        self.th_item = np.array([table.index[r][0] for r in first["threshold"]], dtype=int)
        self.pairs = np.triu_indices(len(table.spec.items), 1)

    def _kind_rows(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Rows of each kind in table order (the same layout in every group)."""
        kinds = np.array(self.table.kind)[rows]
        out = {kind: rows[kinds == kind] for kind in ("loading", "threshold", "scale", "mean")}
        out["psi"] = rows[(kinds == "lv_variance") | (kinds == "lv_covariance")]
        out["intercept"] = rows[kinds == "intercept"]
        return out

    def values(self, theta: np.ndarray) -> np.ndarray:
        """Every row's value at `theta` (complex `theta` gives complex values)."""
        values = self.table.value.astype(theta.dtype)
        free = self.table.free >= 0
        values[free] = theta[self.table.free[free]]
        return values

    def group_model(self, values: np.ndarray, g: int) -> GroupModel:
        table = self.table
        p, m = len(table.spec.items), len(table.spec.factors)
        dtype = values.dtype
        loadings = np.zeros((p, m), dtype=dtype)
        psi = np.zeros((m, m), dtype=dtype)
        thresholds = [np.zeros(k, dtype=dtype) for k in table.n_thresholds]
        intercepts = np.zeros(p, dtype=dtype)
        scales = np.ones(p, dtype=dtype)
        means = np.zeros(m, dtype=dtype)
        for r in self.rows[g]:
            kind, index, value = table.kind[r], table.index[r], values[r]
            if kind == "loading":
                loadings[index] = value
            elif kind == "threshold":
                thresholds[index[0]][index[1]] = value
            elif kind in ("lv_variance", "lv_covariance"):
                psi[index] = value
                psi[index[::-1]] = value
            elif kind == "intercept":
                intercepts[index] = value
            elif kind == "scale":
                scales[index] = value
            else:
                means[index] = value
        return GroupModel(loadings, psi, thresholds, intercepts, scales, means)

    def implied(self, theta: np.ndarray) -> list[np.ndarray]:
        """m_g(theta) per group."""
        values = self.values(theta)[None, :]
        return [self.implied_batch(values, g)[0] for g in range(self.table.n_groups)]

    def implied_batch(self, values: np.ndarray, g: int) -> np.ndarray:
        """m_g for each row of `values` (batch x table rows), vectorised."""
        rows = self.kind_rows[g]
        batch = values.shape[0]
        p, m = len(self.table.spec.items), len(self.table.spec.factors)
        loadings = np.zeros((batch, p, m), dtype=values.dtype)
        item, factor = self.loading_at
        loadings[:, item, factor] = values[:, rows["loading"]]
        psi = np.zeros((batch, m, m), dtype=values.dtype)
        psi[:, self.psi_at[0], self.psi_at[1]] = values[:, rows["psi"]]
        psi[:, self.psi_at[1], self.psi_at[0]] = values[:, rows["psi"]]
        scales = values[:, rows["scale"]]
        shift = values[:, rows["intercept"]] + np.einsum(
            "bpm,bm->bp", loadings, values[:, rows["mean"]]
        )
        th = scales[:, self.th_item] * (values[:, rows["threshold"]] - shift[:, self.th_item])
        common = loadings @ psi @ np.swapaxes(loadings, 1, 2)
        first, second = self.pairs
        corr = scales[:, first] * scales[:, second] * common[:, first, second]
        return np.concatenate([th, corr], axis=1)

    def jacobian(self, theta: np.ndarray) -> list[np.ndarray]:
        """d m_g / d theta per group, exact by complex steps (m is a polynomial)."""
        n_free = len(theta)
        values = np.tile(self.values(theta).astype(complex), (n_free, 1))
        free = np.flatnonzero(self.table.free >= 0)
        values[self.table.free[free], free] += 1j * COMPLEX_STEP
        return [
            self.implied_batch(values, g).imag.T / COMPLEX_STEP for g in range(self.table.n_groups)
        ]

    def residual_vector(self, theta: np.ndarray) -> np.ndarray:
        """sqrt((n_g - 1) W_g) (s_g - m_g), stacked: its squared norm is chi2."""
        return np.concatenate(
            [
                np.sqrt((self.moments.n[g] - 1.0) * self.weights[g]) * (self.moments.obs[g] - m)
                for g, m in enumerate(self.implied(theta))
            ]
        )

    def residual_jacobian(self, theta: np.ndarray) -> np.ndarray:
        return -np.vstack(
            [
                np.sqrt((self.moments.n[g] - 1.0) * self.weights[g])[:, None] * d
                for g, d in enumerate(self.jacobian(theta))
            ]
        )


@dataclass(frozen=True)
class OrdinalSolution:
    table: OrdinalTable
    moments: OrdinalMoments
    problem: OrdinalProblem
    theta: np.ndarray
    chi2: float
    converged: bool
    n_iter: int
    grad_norm: float
    message: str


def start_values(table: OrdinalTable, moments: OrdinalMoments) -> np.ndarray:
    """Sample thresholds; loadings 1 (marker) or sqrt(mean within-factor correlation)
    (standardised factors), factor variances the mean within-factor correlation."""
    spec = table.spec
    p = len(spec.items)
    n_th = sum(moments.n_thresholds)
    first, second = np.triu_indices(p, 1)
    total = np.zeros(table.n_free)
    count = np.zeros(table.n_free)
    starts = np.concatenate([[0], np.cumsum(moments.n_thresholds)])
    position = {item: j for j, item in enumerate(spec.items)}
    for g in range(table.n_groups):
        obs = moments.obs[g]
        corr = np.eye(p)
        corr[first, second] = obs[n_th:]
        corr[second, first] = obs[n_th:]
        level = {}
        for factor, indicators in zip(spec.factors, spec.indicators, strict=True):
            cols = [position[item] for item in indicators]
            block = corr[np.ix_(cols, cols)]
            level[factor] = float(np.clip(block[np.triu_indices(len(cols), 1)].mean(), 0.1, 0.9))
        for r in np.flatnonzero((table.group == g) & (table.free >= 0)):
            kind, index = table.kind[r], table.index[r]
            if kind == "threshold":
                value = obs[starts[index[0]] + index[1]]
            elif kind == "loading":
                value = np.sqrt(level[table.lhs[r]]) if _std_lv(table) else 1.0
            elif kind == "lv_variance":
                value = 1.0 if _std_lv(table) else level[table.lhs[r]]
            elif kind == "scale":
                value = 1.0
            else:
                value = 0.0
            total[table.free[r]] += value
            count[table.free[r]] += 1
    return total / np.maximum(count, 1)


def _std_lv(table: OrdinalTable) -> bool:
    return not any(kind == "loading" and table.free[r] < 0 for r, kind in enumerate(table.kind))


def fit_wls(table: OrdinalTable, moments: OrdinalMoments, estimator: str) -> OrdinalSolution:
    """Minimise the (D)WLS discrepancy by trust-region least squares."""
    problem = OrdinalProblem(table, moments, estimator)
    start = start_values(table, moments)
    result = optimize.least_squares(
        problem.residual_vector,
        start,
        jac=problem.residual_jacobian,
        method="trf",
        x_scale="jac",
        ftol=1e-15,
        xtol=1e-15,
        gtol=1e-15,
        max_nfev=1000,
    )
    theta = result.x
    residual = problem.residual_vector(theta)
    gradient = problem.residual_jacobian(theta).T @ residual / moments.n_total
    grad_norm = float(np.max(np.abs(gradient))) if gradient.size else 0.0
    converged = bool(result.status > 0 and grad_norm < 1e-6)
    message = "converged" if converged else f"no convergence ({result.message})"
    return OrdinalSolution(
        table,
        moments,
        problem,
        theta,
        float(residual @ residual),
        converged,
        int(result.nfev),
        grad_norm,
        message,
    )


@dataclass(frozen=True)
class Robust:
    """Robust covariance of the estimates and the traces of UGamma."""

    covariance: np.ndarray | None
    information: np.ndarray
    deltas: list
    trace: float
    trace2: float


def robust_statistics(solution: OrdinalSolution) -> Robust:
    """Sandwich covariance and tr(UG), tr(UG^2) of a solution (see module docstring)."""
    problem, moments = solution.problem, solution.moments
    deltas = problem.jacobian(solution.theta)
    return _robust(deltas, problem.weights, moments)


def _robust(deltas: list, weights: list, moments: OrdinalMoments) -> Robust:
    fractions = moments.n / moments.n_total
    n_free = deltas[0].shape[1]
    information = np.zeros((n_free, n_free))
    meat = np.zeros((n_free, n_free))
    for g, delta in enumerate(deltas):
        wd = weights[g][:, None] * delta
        information += fractions[g] * delta.T @ wd
        meat += fractions[g] * wd.T @ moments.gamma[g] @ wd
    e_inv = _inverse(information)
    if e_inv is None:
        return Robust(None, information, deltas, np.nan, np.nan)
    covariance = e_inv @ meat @ e_inv / moments.n_total
    v_all = linalg.block_diag(*[f * np.diag(w) for f, w in zip(fractions, weights, strict=True)])
    gamma_all = linalg.block_diag(
        *[gamma / f for f, gamma in zip(fractions, moments.gamma, strict=True)]
    )
    delta_all = np.vstack(deltas)
    vd = v_all @ delta_all
    u_all = v_all - vd @ e_inv @ vd.T
    ug = u_all @ gamma_all
    return Robust(covariance, information, deltas, float(np.trace(ug)), float(np.sum(ug * ug.T)))


def _inverse(matrix: np.ndarray) -> np.ndarray | None:
    if matrix.size == 0:
        return matrix
    eigen = np.linalg.eigvalsh(matrix)
    if not np.all(np.isfinite(eigen)) or eigen[0] <= 1e-10 * max(eigen[-1], 1e-300):
        return None
    return np.linalg.inv(matrix)


def scaled_shifted(chi2: float, df: float, trace: float, trace2: float) -> dict:
    """lavaan's "scaled.shifted" test: statistic, scaling factor 1/a and shift."""
    if df <= 0:  # lavaan: the standard statistic, no scaling
        return {"chi2_scaled": chi2, "scaling_factor": np.nan, "shift": np.nan}
    if not np.isfinite(trace2) or trace2 <= 0:
        return {"chi2_scaled": np.nan, "scaling_factor": np.nan, "shift": np.nan}
    a = np.sqrt(df / trace2)
    shift = df - a * trace
    return {"chi2_scaled": chi2 * a + shift, "scaling_factor": 1.0 / a, "shift": shift}


def baseline(moments: OrdinalMoments, estimator: str) -> tuple[float, float, float, float]:
    """The independence model (thresholds free, correlations 0): chi2, df and its
    traces tr(UG), tr(UG^2) for the scaled statistic."""
    n_th = sum(moments.n_thresholds)
    n_stats = moments.n_stats
    chi2 = 0.0
    deltas, weights = [], []
    for g in range(moments.n_groups):
        w = 1.0 / np.diag(moments.gamma[g]) if estimator != "ULS" else np.ones(n_stats)
        weights.append(w)
        chi2 += (moments.n[g] - 1.0) * float(np.sum(w[n_th:] * moments.obs[g][n_th:] ** 2))
        delta = np.zeros((n_stats, n_th * moments.n_groups))
        delta[np.arange(n_th), g * n_th + np.arange(n_th)] = 1.0
        deltas.append(delta)
    stats = _robust(deltas, weights, moments)
    df = moments.n_groups * (n_stats - n_th)
    return chi2, float(df), stats.trace, stats.trace2


def satorra_2000(
    restricted: OrdinalSolution, general: OrdinalSolution, general_robust: Robust
) -> dict:
    """lavaan's ``lav_test_diff_Satorra2000`` (scaled.shifted) for nested (D)WLS fits:
    A spans the complement of pinv(Delta_1) Delta_0, and with P = E of the general model
    U = V Delta P^-1 A' (A P^-1 A')^+ A P^-1 Delta' V."""
    moments = general.moments
    df_general = moments.n_groups * moments.n_stats - general.table.n_free
    df_restricted = moments.n_groups * moments.n_stats - restricted.table.n_free
    m = df_restricted - df_general
    diff = restricted.chi2 - general.chi2
    if m <= 0 or general_robust.covariance is None:
        return {"chi2_diff": diff, "df_diff": float(m), "a": np.nan, "b": np.nan}
    delta_1 = np.vstack(general_robust.deltas)
    delta_0 = np.vstack(restricted.problem.jacobian(restricted.theta))
    h = np.linalg.pinv(delta_1) @ delta_0
    a_matrix = linalg.null_space(h.T).T
    p_inv = np.linalg.inv(general_robust.information)
    middle = np.linalg.pinv(a_matrix @ p_inv @ a_matrix.T)
    projection = p_inv @ a_matrix.T @ middle @ a_matrix @ p_inv
    fractions = moments.n / moments.n_total
    weights = general.problem.weights
    v_all = linalg.block_diag(*[np.diag(w) for w in weights])
    gamma_all = linalg.block_diag(*[f * g for f, g in zip(fractions, moments.gamma, strict=True)])
    u_all = v_all @ delta_1 @ projection @ delta_1.T @ v_all
    ug = u_all @ gamma_all
    trace = float(np.trace(ug))
    trace2 = float(np.sum(ug * ug.T))
    a = np.sqrt(m / trace2)
    b = m - a * trace
    return {"chi2_diff": diff * a + b, "df_diff": float(m), "a": a, "b": b}

"""The Wu & Estabrook (2016) ladder for ordered items: configural, thresholds, metric,
scalar, fitted by WLSMV (or DWLS / ULS) with semTools' ``measEq.syntax`` identification,
and difference tests as lavaan's ``lavTestLRT``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.cfa._fit import CfaResult
from techvet_survey.cfa._fit_ordinal import ORDINAL_ESTIMATORS, fit_ordinal
from techvet_survey.cfa._indices import FIT_COLUMNS, ROBUST_COLUMNS
from techvet_survey.cfa._model import ModelSpec
from techvet_survey.cfa._ordinal import OrdinalMoments
from techvet_survey.cfa._rules import InvarianceRule, empty_criteria
from techvet_survey.cfa._wls import WU_ESTABROOK, satorra_2000

ORDINAL_LEVELS = tuple(WU_ESTABROOK)


class OrdinalLadder:
    """Fits the Wu & Estabrook levels on one set of ordinal moments, with their rows."""

    def __init__(
        self,
        spec: ModelSpec,
        moments: OrdinalMoments,
        rule: InvarianceRule,
        estimator: str,
        nan_policy: str,
    ):
        self.spec, self.moments, self.rule = spec, moments, rule
        self.estimator, self.nan_policy = estimator, nan_policy
        self.scaled = ORDINAL_ESTIMATORS[estimator][1]
        self.models: dict[str, CfaResult] = {}
        self.fits: dict = {}
        self.rows: dict[str, dict] = {}

    def run(self) -> OrdinalLadder:
        previous = None
        for level in ORDINAL_LEVELS:
            self.add(level, previous)
            previous = level
        return self

    def add(self, level: str, previous: str | None) -> None:
        equal = WU_ESTABROOK[level]
        solution, (estimates, fit, statistics) = fit_ordinal(
            self.spec, self.moments, equal, self.estimator, self.nan_policy
        )
        self.models[level] = CfaResult(
            estimates, fit, self.spec.to_lavaan(), self.moments.labels, equal, ()
        )
        self.fits[level] = (solution, statistics)
        row = fit.iloc[0]
        self.rows[level] = {
            "level": level,
            "equal": "+".join(equal) or "none",
            "freed": "",
            **{name: row[name] for name in (*FIT_COLUMNS, *ROBUST_COLUMNS)},
            "n": int(row["n"]),
            "converged": bool(row["converged"]),
            "estimator": self.estimator,
            "nan_policy": self.nan_policy,
        }
        self.rows[level].update(self.compare(level, previous))

    def compare(self, level: str, previous: str | None) -> dict:
        row = self.rows[level]
        fitted = "the baseline of the ladder" if row["converged"] else "could not be fitted"
        if previous is None:
            return {
                "compared_with": "",
                "diff_test": "",
                "chi2_diff": np.nan,
                "df_diff": np.nan,
                "scaling_diff": np.nan,
                **empty_criteria(),
                "invariant": pd.NA,
                "reason": fitted,
            }
        base = self.rows[previous]
        chi2_diff, df_diff, scaling = np.nan, row["df"] - base["df"], np.nan
        if row["converged"] and base["converged"]:
            chi2_diff = row["chi2"] - base["chi2"]
            if self.scaled:
                general, general_stats = self.fits[previous]
                restricted, _ = self.fits[level]
                test = satorra_2000(restricted, general, general_stats)
                chi2_diff, scaling = test["chi2_diff"], 1.0 / test["a"]
        cfi, rmsea = ("cfi_scaled", "rmsea_scaled") if self.scaled else ("cfi", "rmsea")
        values = {
            "delta_cfi": row[cfi] - base[cfi],
            "delta_rmsea": row[rmsea] - base[rmsea],
            "delta_srmr": row["srmr"] - base["srmr"],
            "p_diff": float(stats.chi2.sf(chi2_diff, df_diff))
            if df_diff > 0 and np.isfinite(chi2_diff)
            else np.nan,
        }
        judgement = self.rule.judge(level, values)
        return {
            "compared_with": previous,
            "diff_test": "satorra.2000" if self.scaled else "difference",
            "chi2_diff": chi2_diff,
            "df_diff": df_diff,
            "scaling_diff": scaling,
            **judgement.columns,
            "invariant": pd.NA if judgement.invariant is None else judgement.invariant,
            "reason": judgement.reason,
        }

    def holds(self, level: str) -> bool | None:
        value = self.rows[level]["invariant"]
        return None if value is pd.NA else bool(value)


def ordinal_verdict(ladder: OrdinalLadder) -> tuple[bool, str, str]:
    """(comparable latent means, highest level that holds, reason in words)."""
    rows = ladder.rows
    if not rows["configural"]["converged"]:
        message = ladder.models["configural"].fit["message"].iloc[0]
        return False, "none", f"the configural model could not be fitted ({message})"
    reached = "configural"
    consequence = {
        "thresholds": "thresholds differ across groups, so the latent response scales differ",
        "metric": "loadings differ across groups, so neither latent means nor latent "
        "(co)variances are comparable",
        "scalar": "intercepts differ, so latent means are not comparable; loadings are",
    }
    for level in ORDINAL_LEVELS[1:]:
        holds = ladder.holds(level)
        if holds is not True:
            row = rows[level]
            why = (
                "could not be fitted"
                if holds is None
                else f"fails ({row['reason']}, against {row['compared_with']})"
            )
            return False, reached, f"{level} invariance {why}: {consequence[level]}"
        reached = level
    row = rows["scalar"]
    return (
        True,
        "scalar",
        (
            f"scalar invariance holds ({row['reason']}, against {row['compared_with']}): "
            "latent means are comparable"
        ),
    )

"""Decision rules of the invariance ladder: Chen (2007), Cheung & Rensvold (2002), chi-square.

A rule judges one step of the ladder (a more constrained model against the one before it)
from the change in CFI, RMSEA and SRMR and the chi-square difference test, and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._validation import check_argument
from techvet_survey.errors import ArgumentError

RULES = ("chen2007", "cheung_rensvold", "chisq")
# Chen (2007): the stricter cut-offs for total N <= 300 or unequal group sizes. Chen gives
# no ratio for "unequal"; groups are taken as unequal when the largest has at least 1.5
# times the respondents of the smallest (this package's choice: a few respondents more in
# one group do not change the sampling distribution of the fit changes).
SMALL_TOTAL_N = 300
UNEQUAL_RATIO = 1.5
# The constraint each level adds to the level it is compared with.
LEVEL_ADDS = {
    "thresholds": "thresholds",
    "partial_thresholds": "thresholds",
    "metric": "loadings",
    "scalar": "intercepts",
    "partial_scalar": "intercepts",
    "strict": "residuals",
}
CRITERIA = ("delta_cfi", "delta_rmsea", "delta_srmr", "p_diff")
CRITERION_COLUMNS = tuple(
    column
    for criterion in CRITERIA
    for column in (criterion, f"{criterion}_cutoff", f"{criterion}_past_cutoff")
)
_LABELS = {
    "delta_cfi": "delta CFI",
    "delta_rmsea": "delta RMSEA",
    "delta_srmr": "delta SRMR",
    "p_diff": "chi-square difference p",
}


@dataclass(frozen=True)
class Cutoffs:
    """Changes that signal non-invariance: delta CFI <= `delta_cfi`, delta RMSEA >=
    `delta_rmsea`, delta SRMR >= `delta_srmr[constraint]`."""

    delta_cfi: float
    delta_rmsea: float
    delta_srmr: dict

    def srmr(self, constraint: str) -> float:
        return self.delta_srmr[constraint]


# Thresholds of ordered items (Wu & Estabrook's ladder) are judged as intercepts, the
# parameters they replace; Chen (2007) studied continuous items only.
CHEN_CUTOFFS = Cutoffs(
    -0.010,
    0.015,
    {"loadings": 0.030, "intercepts": 0.010, "residuals": 0.010, "thresholds": 0.010},
)
CHEN_SMALL_SAMPLE_CUTOFFS = Cutoffs(
    -0.005,
    0.010,
    {"loadings": 0.025, "intercepts": 0.005, "residuals": 0.005, "thresholds": 0.005},
)
CHEUNG_RENSVOLD_DELTA_CFI = -0.010


@dataclass(frozen=True)
class Judgement:
    """The verdict on one step: `invariant` (None when it cannot be judged), the value,
    cut-off and past-cut-off flag of every criterion, and the reason in words."""

    invariant: bool | None
    columns: dict
    reason: str


@dataclass(frozen=True)
class InvarianceRule:
    """A decision rule with the cut-offs chosen for the sample at hand.

    Attributes
    ----------
    name : {"chen2007", "cheung_rensvold", "chisq"}
    cutoffs : Cutoffs
        The Chen (2007) cut-offs in use (regular or small-sample; "chen2007" only).
    small_sample : bool
        Whether Chen's small-sample cut-offs are in use ("chen2007" only).
    basis : str
        Why these cut-offs: the group sizes they were chosen from.
    significance : float
        Level of the chi-square difference test ("chisq").
    """

    name: str
    cutoffs: Cutoffs
    small_sample: bool
    basis: str
    significance: float
    robust: bool = False
    estimator: str = "ML"

    @classmethod
    def choose(
        cls,
        name: str,
        group_sizes: dict,
        *,
        small_sample: bool | None,
        significance: float,
        robust: bool = False,
        estimator: str | None = None,
    ) -> InvarianceRule:
        """The rule `name` with Chen's cut-offs picked from `group_sizes` (label: n)."""
        check_argument("rule", RULES, name)
        if small_sample not in (None, True, False):
            raise ArgumentError(
                f"`small_sample` must be None (chosen from the group sizes), True or False; "
                f"got {small_sample!r}."
            )
        if not 0.0 < significance < 1.0:
            raise ArgumentError(f"`significance` must lie between 0 and 1; got {significance!r}.")
        sizes = ", ".join(f"{label} {int(n)}" for label, n in group_sizes.items())
        total = int(sum(group_sizes.values()))
        small_total = total <= SMALL_TOTAL_N
        ratio = max(group_sizes.values()) / max(min(group_sizes.values()), 1)
        unequal = ratio >= UNEQUAL_RATIO
        if small_sample is None:
            small_sample = small_total or unequal
            basis = (
                f"total n = {total} {'<=' if small_total else '>'} {SMALL_TOTAL_N}, groups of "
                f"{'unequal' if unequal else 'similar'} size (largest/smallest = {ratio:.3f} "
                f"{'>=' if unequal else '<'} {UNEQUAL_RATIO:g}: {sizes})"
            )
        else:
            basis = f"chosen by the caller (total n = {total}; {sizes})"
        small_sample = bool(small_sample) and name == "chen2007"
        cutoffs = CHEN_SMALL_SAMPLE_CUTOFFS if small_sample else CHEN_CUTOFFS
        if estimator is None:
            estimator = "MLR" if robust else "ML"
        return cls(name, cutoffs, small_sample, basis, float(significance), robust, estimator)

    @property
    def _scaled(self) -> bool:
        return self.estimator in ("WLSMV", "ULSMV")

    @property
    def description(self) -> str:
        """The rule and its cut-offs in words, for the result and the report."""
        if self.name == "cheung_rensvold":
            robust = " (robust CFI, MLR)" if self.robust else ""
            if self._scaled:
                robust = f" (scaled CFI, {self.estimator})"
            return (
                f"cheung_rensvold{robust}: non-invariant when delta CFI <= "
                f"{CHEUNG_RENSVOLD_DELTA_CFI:.3f} (Cheung & Rensvold 2002)"
            )
        if self.name == "chisq":
            test = (
                "Satorra-Bentler (2001) scaled difference test, MLR"
                if self.robust
                else "likelihood ratio test, ML"
            )
            if self._scaled:
                test = f"Satorra (2000) scaled-and-shifted difference test, {self.estimator}"
            elif self.estimator in ("DWLS", "ULS"):
                test = f"chi-square difference, {self.estimator}"
            return (
                f"chisq: non-invariant when the chi-square difference test ({test}) has "
                f"p < {self.significance:g}"
            )
        c = self.cutoffs
        which = "small-sample" if self.small_sample else "regular"
        robust = " (robust CFI and RMSEA, MLR)" if self.robust else ""
        if self._scaled:
            robust = f" (scaled CFI and RMSEA, {self.estimator})"
        return (
            f"chen2007 ({which} cut-offs; {self.basis}){robust}: non-invariant when delta CFI <= "
            f"{c.delta_cfi:.3f} supplemented by delta RMSEA >= {c.delta_rmsea:.3f} or delta "
            f"SRMR >= {c.srmr('loadings'):.3f} (loadings) / {c.srmr('intercepts'):.3f} "
            "(intercepts, thresholds, residuals) (Chen 2007)"
        )

    def cutoffs_for(self, constraint: str) -> dict[str, float]:
        """Cut-off of each criterion the rule consults when `constraint` is added."""
        if self.name == "chen2007":
            return {
                "delta_cfi": self.cutoffs.delta_cfi,
                "delta_rmsea": self.cutoffs.delta_rmsea,
                "delta_srmr": self.cutoffs.srmr(constraint),
            }
        if self.name == "cheung_rensvold":
            return {"delta_cfi": CHEUNG_RENSVOLD_DELTA_CFI}
        return {"p_diff": self.significance}

    def judge(self, level: str, values: dict) -> Judgement:
        """Judge `level` from `values` (delta_cfi, delta_rmsea, delta_srmr, p_diff)."""
        constraint = LEVEL_ADDS[level]
        cutoffs = self.cutoffs_for(constraint)
        past = {name: _past(name, values[name], cut) for name, cut in cutoffs.items()}
        columns = {}
        for criterion in CRITERIA:
            columns[criterion] = values[criterion]
            columns[f"{criterion}_cutoff"] = cutoffs.get(criterion, np.nan)
            flag = past.get(criterion)
            columns[f"{criterion}_past_cutoff"] = pd.NA if flag is None else flag
        if any(flag is None for flag in past.values()):
            return Judgement(None, columns, "could not be judged (a model was not fitted)")
        text = {name: _phrase(name, values[name], cutoffs[name], past[name]) for name in past}
        if self.name == "chen2007":
            supplement = past["delta_rmsea"] or past["delta_srmr"]
            invariant = not (past["delta_cfi"] and supplement)
            if not past["delta_cfi"]:
                reason = text["delta_cfi"]
            elif supplement:
                reason = f"{text['delta_cfi']}, supplemented by " + " and ".join(
                    text[name] for name in ("delta_rmsea", "delta_srmr") if past[name]
                )
            else:
                reason = (
                    f"{text['delta_cfi']}, but not supplemented: {text['delta_rmsea']} and "
                    f"{text['delta_srmr']}"
                )
            reason += f" ({constraint})"
        else:
            (name,) = past
            invariant = not past[name]
            reason = text[name]
        return Judgement(invariant, columns, reason)


def baseline_step(converged: bool) -> dict:
    """The comparison columns of the ladder's first level (compared with nothing)."""
    return {
        "compared_with": "",
        "diff_test": "",
        "chi2_diff": np.nan,
        "df_diff": np.nan,
        "scaling_diff": np.nan,
        **empty_criteria(),
        "invariant": pd.NA,
        "reason": "the baseline of the ladder" if converged else "could not be fitted",
    }


def judged_step(
    rule: InvarianceRule,
    level: str,
    previous: str,
    rows: tuple[dict, dict],
    test: tuple[str, float, float, float],
    indices: tuple[str, str],
) -> dict:
    """The comparison columns of `level` against `previous` and the rule's judgement.

    `rows` are the ladder rows of (`previous`, `level`); `test` is the difference test
    (name, chi2_diff, df_diff, scaling); `indices` name the CFI and RMSEA columns compared
    (the scaled or robust ones when the test is). The p-value is NaN without a finite
    statistic or a positive df.
    """
    base, row = rows
    name, chi2_diff, df_diff, scaling = test
    cfi, rmsea = indices
    values = {
        "delta_cfi": row[cfi] - base[cfi],
        "delta_rmsea": row[rmsea] - base[rmsea],
        "delta_srmr": row["srmr"] - base["srmr"],
        "p_diff": float(stats.chi2.sf(chi2_diff, df_diff))
        if df_diff > 0 and np.isfinite(chi2_diff)
        else np.nan,
    }
    judgement = rule.judge(level, values)
    return {
        "compared_with": previous,
        "diff_test": name,
        "chi2_diff": chi2_diff,
        "df_diff": df_diff,
        "scaling_diff": scaling,
        **judgement.columns,
        "invariant": pd.NA if judgement.invariant is None else judgement.invariant,
        "reason": judgement.reason,
    }


def empty_criteria() -> dict:
    """Criterion columns of a level compared with nothing (configural)."""
    columns = {}
    for criterion in CRITERIA:
        columns.update(
            {criterion: np.nan, f"{criterion}_cutoff": np.nan, f"{criterion}_past_cutoff": pd.NA}
        )
    return columns


def _past(name: str, value: float, cutoff: float) -> bool | None:
    """Whether `value` is past `cutoff` in the direction that signals non-invariance."""
    if not np.isfinite(value):
        return None
    if name == "delta_cfi":
        return bool(value <= cutoff)
    if name == "p_diff":
        return bool(value < cutoff)
    return bool(value >= cutoff)


def _phrase(name: str, value: float, cutoff: float, past: bool) -> str:
    if name == "p_diff":
        return f"{_LABELS[name]} = {value:.3g} {'<' if past else '>='} {cutoff:g}"
    signs = {True: "<=", False: ">"} if name == "delta_cfi" else {True: ">=", False: "<"}
    sign = signs[past]
    return f"{_LABELS[name]} = {value:.4f} {sign} {cutoff:.3f}"

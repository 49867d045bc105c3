"""The Wu & Estabrook (2016) ladder for ordered items: configural, thresholds, metric,
scalar, fitted by WLSMV (or DWLS / ULS) with semTools' ``measEq.syntax`` identification,
difference tests as lavaan's ``lavTestLRT``, and partial invariance by score tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey.cfa._fit import CfaResult
from techvet_survey.cfa._fit_ordinal import ORDINAL_ESTIMATORS, fit_ordinal
from techvet_survey.cfa._indices import FIT_COLUMNS, ROBUST_COLUMNS
from techvet_survey.cfa._model import ModelSpec
from techvet_survey.cfa._ordinal import OrdinalMoments
from techvet_survey.cfa._rules import InvarianceRule, baseline_step, judged_step
from techvet_survey.cfa._score_ordinal import ordinal_score_tests
from techvet_survey.cfa._wls import WU_ESTABROOK, satorra_2000

ORDINAL_LEVELS = tuple(WU_ESTABROOK)
#: Equal thresholds an item keeps in a group when some of its thresholds are freed: its
#: intercept and scale factor are free there, which two equal thresholds identify.
MIN_EQUAL_THRESHOLDS = 2
#: The level whose constraints a partial level relaxes, and the parameters it frees.
PARTIAL_LEVELS = {
    "partial_thresholds": ("thresholds", "threshold"),
    "partial_scalar": ("scalar", "intercept"),
}
FREED_COLUMNS = [
    "step",
    "item",
    "parameter",
    "group",
    "chi2",
    "p_val",
    "cfi",
    "rmsea",
    "srmr",
    "delta_cfi",
    "delta_rmsea",
    "delta_srmr",
    "invariant",
    "reason",
]


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
        self.weights, self.scaled = ORDINAL_ESTIMATORS[estimator]
        self.models: dict[str, CfaResult] = {}
        self.fits: dict = {}
        self.released: dict[str, frozenset] = {}
        self.rows: dict[str, dict] = {}
        self.freed: list[dict] = []

    def run(
        self, partial: bool = False, score_significance: float = 0.05, min_invariant: int = 2
    ) -> OrdinalLadder:
        """Fit the ladder; with `partial`, free thresholds when the thresholds level fails
        (the metric and scalar models keep them free) and intercepts when scalar fails
        (and metric holds), one at a time by their score tests."""
        search = {"score_significance": score_significance, "min_invariant": min_invariant}
        self.add("configural", None)
        self.add("thresholds", "configural")
        thresholds = "thresholds"
        if partial and self.holds("thresholds") is False:
            thresholds = self.free("partial_thresholds", "configural", frozenset(), **search)
        released = self.released[thresholds]
        self.add("metric", thresholds, released)
        self.add("scalar", "metric", released)
        if partial and self.holds("metric") and self.holds("scalar") is False:
            self.free("partial_scalar", "metric", released, **search)
        return self

    def add(self, level: str, previous: str | None, released: frozenset = frozenset()) -> None:
        equal = WU_ESTABROOK[PARTIAL_LEVELS.get(level, (level,))[0]]
        solution, (estimates, fit, statistics) = fit_ordinal(
            self.spec, self.moments, equal, self.estimator, self.nan_policy, released
        )
        self.models[level] = CfaResult(
            estimates, fit, self.spec.to_lavaan(), self.moments.labels, equal, ()
        )
        self.fits[level] = (solution, statistics)
        self.released[level] = released
        row = fit.iloc[0]
        self.rows[level] = {
            "level": level,
            "equal": "+".join(equal) or "none",
            "freed": ", ".join(self.label(entry) for entry in sorted(released, key=self.order)),
            **{name: row[name] for name in (*FIT_COLUMNS, *ROBUST_COLUMNS)},
            "n": int(row["n"]),
            "converged": bool(row["converged"]),
            "estimator": self.estimator,
            "nan_policy": self.nan_policy,
        }
        self.rows[level].update(self.compare(level, previous))

    def order(self, entry: tuple) -> tuple:
        kind, item, rhs, g = entry
        return (kind != "threshold", g, self.spec.items.index(item), rhs)

    def label(self, entry: tuple) -> str:
        """lavaan's notation of a freed parameter and its group: "x5|t4 (Grant-White)"."""
        kind, item, rhs, g = entry
        name = f"{item}|{rhs}" if kind == "threshold" else f"{item}~1"
        return f"{name} ({self.moments.labels[g]})"

    def free(
        self,
        level: str,
        against: str,
        released: frozenset,
        *,
        score_significance: float,
        min_invariant: int,
    ) -> str:
        """Release the constraints of `level`'s kind one at a time, the largest
        significant univariate score test first, until the rule holds against `against`
        or nothing can be freed; returns the final level's name."""
        base, kind = PARTIAL_LEVELS[level]
        labels = self.moments.labels
        current = base
        while True:
            solution, _ = self.fits[current]
            if not solution.converged:
                break
            tests = ordinal_score_tests(solution, self.weights, (kind,))
            entries = [
                (kind, lhs, rhs, labels.index(label))
                for lhs, rhs, label in zip(tests["lhs"], tests["rhs"], tests["group"], strict=True)
            ]
            keep = [self.can_release(entry, released, min_invariant) for entry in entries]
            tests = tests[keep]
            if tests.empty:
                break
            best = tests["chi2"].idxmax()
            if not tests.loc[best, "p_val"] < score_significance:
                break
            entry = entries[best]
            released = released | {entry}
            current = level
            self.add(level, against, released)
            row = self.rows[level]
            self.freed.append(
                {
                    "step": len(self.freed) + 1,
                    "item": entry[1],
                    "parameter": f"{entry[1]} | {entry[2]}"
                    if kind == "threshold"
                    else f"{entry[1]} ~ 1",
                    "group": labels[entry[3]],
                    "chi2": tests.loc[best, "chi2"],
                    "p_val": tests.loc[best, "p_val"],
                    **{name: row[name] for name in FREED_COLUMNS[6:]},
                }
            )
            if self.holds(level):
                break
        return current

    def can_release(self, entry: tuple, released: frozenset, min_invariant: int) -> bool:
        """Whether freeing `entry` keeps its group anchored: MIN_EQUAL_THRESHOLDS equal
        thresholds for the item, `min_invariant` equal intercepts for each factor."""
        kind, item, _, g = entry
        if kind == "threshold":
            count = self.moments.n_thresholds[self.spec.items.index(item)]
            taken = sum(1 for k, i, _, h in released if (k, i, h) == (kind, item, g))
            return count - taken - 1 >= MIN_EQUAL_THRESHOLDS
        for indicators in self.spec.indicators:
            if item in indicators:
                kept = [other for other in indicators if (kind, other, "", g) not in released]
                if len(kept) - 1 < min_invariant:
                    return False
        return True

    def compare(self, level: str, previous: str | None) -> dict:
        row = self.rows[level]
        if previous is None:
            return baseline_step(row["converged"])
        base = self.rows[previous]
        chi2_diff, df_diff, scaling = np.nan, row["df"] - base["df"], np.nan
        if row["converged"] and base["converged"]:
            chi2_diff = row["chi2"] - base["chi2"]
            if self.scaled:
                general, general_stats = self.fits[previous]
                restricted, _ = self.fits[level]
                test = satorra_2000(restricted, general, general_stats)
                chi2_diff, scaling = test["chi2_diff"], 1.0 / test["a"]
        test = ("satorra.2000" if self.scaled else "difference", chi2_diff, df_diff, scaling)
        indices = ("cfi_scaled", "rmsea_scaled") if self.scaled else ("cfi", "rmsea")
        return judged_step(self.rule, level, previous, (base, row), test, indices)

    def holds(self, level: str) -> bool | None:
        value = self.rows[level]["invariant"]
        return None if value is pd.NA else bool(value)

    def freed_frame(self) -> pd.DataFrame:
        freed = pd.DataFrame(self.freed, columns=FREED_COLUMNS)
        freed["invariant"] = freed["invariant"].astype("boolean")
        return freed

    def final(self, level: str) -> str:
        """The partial version of `level` when one was fitted, else `level`."""
        partial = f"partial_{level}"
        return partial if partial in self.rows else level


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
        final = ladder.final(level)
        holds = ladder.holds(final)
        if holds is not True:
            row = rows[final]
            tried = f" even after freeing {_freed_words(ladder, final)}" if final != level else ""
            why = (
                "could not be fitted"
                if holds is None
                else f"fails{tried} ({row['reason']}, against {row['compared_with']})"
            )
            return False, reached, f"{level} invariance {why}: {consequence[level]}"
        reached = final
    if reached == "scalar":
        row = rows["scalar"]
        return (
            True,
            "scalar",
            (
                f"scalar invariance holds ({row['reason']}, against {row['compared_with']}): "
                "latent means are comparable"
            ),
        )
    full, row = rows["scalar"], rows["partial_scalar"]
    return (
        True,
        "partial_scalar",
        (
            f"scalar invariance fails ({full['reason']}, against {full['compared_with']}) but "
            f"partial scalar invariance holds after freeing "
            f"{_freed_words(ladder, 'partial_scalar')} ({row['reason']}, against "
            f"{row['compared_with']}): latent means are comparable under partial invariance"
        ),
    )


def _freed_words(ladder: OrdinalLadder, level: str, kinds: tuple[str, ...] | None = None) -> str:
    """The parameters `level` leaves free (of `kinds`: by default the kind it frees), in
    words: "the threshold t4 of x5 in NL, the intercept of x3 in NL"."""
    kinds = (PARTIAL_LEVELS[level][1],) if kinds is None else kinds
    words = []
    for kind, item, rhs, g in sorted(ladder.released[level], key=ladder.order):
        if kind not in kinds:
            continue
        where = f"{item} in {ladder.moments.labels[g]}"
        words.append(
            f"the threshold {rhs} of {where}"
            if kind == "threshold"
            else f"the intercept of {where}"
        )
    return ", ".join(words)


def freed_words(ladder: OrdinalLadder) -> str:
    """Every parameter the final (partial) scalar model leaves free, in words."""
    return _freed_words(ladder, ladder.final("scalar"), ("threshold", "intercept"))

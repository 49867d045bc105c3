"""Benchmark compare_all and Games-Howell with the vectorised studentized range (by hand).

    python benchmarks/bench_compare_all.py [--large 100000]

1. compare_all (scale scores, 72 omnibus tests with Holm, Games-Howell for the scales,
   reliability by group, channels, invariance of six scales) on the synthetic study's
   respondents at the default size (580) and at --large respondents, simulated cell by
   cell from the planted model (cleaned values).
2. compare_groups (Welch + Games-Howell with p and simultaneous CI, effect sizes with
   CIs) on one and on six scale scores, with the studentized range of
   techvet_survey._stats.tukey ("after") and with scipy.stats.studentized_range
   ("before": the code before the port, patched in), beside pingouin's welch_anova +
   pairwise_gameshowell (no CIs of the effect sizes, p only).
"""

from __future__ import annotations

import argparse
import time
import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pingouin
from scipy import optimize, stats

from techvet_survey._stats import group_tests
from techvet_survey.analysis import compare_all
from techvet_survey.codebook import Codebook
from techvet_survey.compare import compare_groups, compare_many
from techvet_survey.scales import score_scales
from techvet_survey.synth import _design as design
from techvet_survey.synth import survey_design
from techvet_survey.synth._pii import PiiFactory
from techvet_survey.synth._survey import clean_values, simulate_cell

SCALES = ["gw", "cg", "co", "sa", "dg", "af"]


def survey(book: Codebook, n: int, seed: int = 1) -> pd.DataFrame:
    planted = survey_design(book, seed)
    rng = np.random.default_rng(seed)
    factor = n / (len(design.COUNTRIES) * sum(design.GROUP_SIZES.values()))
    frames = [
        simulate_cell(
            planted, country, group, max(1, round(size * factor)), rng, PiiFactory(), "en"
        )
        for country in design.COUNTRIES
        for group, size in design.GROUP_SIZES.items()
    ]
    return clean_values(pd.concat(frames, ignore_index=True), planted)


def studentized_range_quantile(level: float, k: int, df: np.ndarray) -> np.ndarray:
    """qtukey as before the port: secant iterations on scipy's studentized_range.sf."""
    target = 1 - level
    distribution = stats.studentized_range
    limit = optimize.brentq(lambda q: distribution.sf(q, k, 1e6) - target, 0.1, 50, xtol=1e-12)
    previous = np.full(df.shape, limit)
    current = limit * (1 + 2 / df)
    f_previous = distribution.sf(previous, k, df) - target
    for _ in range(30):
        f_current = distribution.sf(current, k, df) - target
        done = np.abs(f_current) < 1e-13
        if np.all(done):
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            step = f_current * (current - previous) / (f_current - f_previous)
        step = np.where(done | ~np.isfinite(step), 0.0, step)
        previous, f_previous = current, f_current
        current = current - step
    return current


@contextmanager
def scipy_studentized_range():
    """Games-Howell as before the port: scipy's sf and the secant quantile on it."""

    def ptukey(q, k, df, *, lower_tail=True):
        upper = stats.studentized_range.sf(q, k, df)
        return upper if not lower_tail else 1 - upper

    def qtukey(p, k, df):
        return studentized_range_quantile(p, k, np.asarray(df, dtype=float))

    saved = group_tests.ptukey, group_tests.qtukey
    group_tests.ptukey, group_tests.qtukey = ptukey, qtukey
    try:
        yield
    finally:
        group_tests.ptukey, group_tests.qtukey = saved


def timed(function, repeat: int = 1) -> float:
    """Best time of `repeat` runs; NaN (and the error printed) when the call fails."""
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            function()
        except ValueError as error:
            print(f"         failed: {str(error)[:90]}")
            return np.nan
        best = min(best, time.perf_counter() - start)
    return best


def pingouin_groups(frame, values):
    for value in values:
        pingouin.welch_anova(frame, dv=value, between="country")
        pingouin.pairwise_gameshowell(frame, dv=value, between="country")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    book = Codebook.load()
    print(f"{'n':>8} {'task':<52} {'seconds':>9}")
    frames = {}
    for n in (580, args.large):
        start = time.perf_counter()
        frames[n] = survey(book, n)
        print(
            f"{len(frames[n]):>8} {'simulate respondents':<52} {time.perf_counter() - start:9.2f}"
        )
        seconds = timed(lambda f=frames[n]: compare_all(f, book, seed=1))
        print(f"{len(frames[n]):>8} {'compare_all (items, invariance)':<52} {seconds:9.2f}")
    print()
    print(
        f"{'n':>8} {'compare_groups task':<34} {'before s':>9} {'after s':>9} "
        f"{'speed-up':>9} {'pingouin s':>11} {'after/pingouin':>15}"
    )
    for frame in frames.values():
        scored = pd.concat([frame, score_scales(frame, book)], axis=1)
        tasks = {
            "1 scale (Welch + Games-Howell)": (
                lambda f=scored: compare_groups(f, "gw", group="country"),
                lambda f=scored: pingouin_groups(f, ["gw"]),
            ),
            "6 scales (compare_many)": (
                lambda f=scored: compare_many(f, SCALES, group="country"),
                lambda f=scored: pingouin_groups(f, SCALES),
            ),
        }
        for task, (ours, peer) in tasks.items():
            with scipy_studentized_range():
                before = timed(ours, 2)
            after = timed(ours, 3)
            theirs = timed(peer, 3)
            print(
                f"{len(frame):>8} {task:<34} {before:9.3f} {after:9.3f} "
                f"{before / after:9.1f} {theirs:11.3f} {after / theirs:15.2f}"
            )


if __name__ == "__main__":
    main()

"""Benchmark compare_groups / compare_many against pingouin (run by hand).

    python benchmarks/bench_compare.py

Four groups with unequal n and variances, six Likert scale scores (means of four
5-point items), at 600 and 100,000 respondents. Ours: Welch ANOVA + omega² with CI +
Games-Howell (p, simultaneous CI) + Hedges' g with CI per scale. Pingouin:
welch_anova + pairwise_gameshowell per scale (no CIs of the effect sizes).
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pingouin

from techvet_survey.compare import compare_groups, compare_many

SCALES = [f"scale_{i}" for i in range(1, 7)]


def simulate(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    country = rng.choice(
        ["Estonia", "Finland", "Latvia", "Netherlands"], n, p=[0.2, 0.35, 0.15, 0.3]
    )
    shift = pd.Series({"Estonia": 0.0, "Finland": 0.3, "Latvia": -0.2, "Netherlands": 0.1})
    spread = pd.Series({"Estonia": 0.8, "Finland": 0.6, "Latvia": 1.1, "Netherlands": 0.9})
    frame = pd.DataFrame({"country": country})
    for scale in SCALES:
        latent = 3 + shift[country].to_numpy() + spread[country].to_numpy() * rng.normal(size=n)
        items = np.clip(np.round(latent[:, None] + rng.normal(0, 0.6, (n, 4))), 1, 5)
        frame[scale] = items.mean(axis=1)
    return frame


def timed(function, repeat: int) -> float:
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def ours_many(frame, method="welch"):
    compare_many(frame, SCALES, group="country", method=method, seed=1)


def pingouin_many(frame):
    for scale in SCALES:
        pingouin.welch_anova(frame, dv=scale, between="country")
        pingouin.pairwise_gameshowell(frame, dv=scale, between="country")


def main() -> None:
    warnings.simplefilter("ignore")
    print(f"{'n':>8} {'task':<44} {'ours s':>8} {'pingouin s':>11} {'ratio':>7}")
    for n in (600, 100_000):
        frame = simulate(n)
        repeat = 3
        one_ours = timed(lambda f=frame: compare_groups(f, "scale_1", group="country"), repeat)
        one_peer = timed(
            lambda f=frame: (
                pingouin.welch_anova(f, dv="scale_1", between="country"),
                pingouin.pairwise_gameshowell(f, dv="scale_1", between="country"),
            ),
            repeat,
        )
        many_ours = timed(lambda f=frame: ours_many(f), repeat)
        many_peer = timed(lambda f=frame: pingouin_many(f), repeat)
        screen = timed(
            lambda f=frame: compare_many(f, SCALES, group="country", pairwise=False), repeat
        )
        kruskal = timed(lambda f=frame: ours_many(f, "kruskal"), 1)
        rows = [
            ("compare_groups, 1 scale (Welch + GH)", one_ours, one_peer),
            ("compare_many, 6 scales (Welch + GH)", many_ours, many_peer),
            ("compare_many, 6 scales, omnibus only", screen, many_peer),
            ("compare_many, 6 scales, Kruskal + Dunn (ours only)", kruskal, np.nan),
        ]
        for task, ours, peer in rows:
            print(f"{n:>8} {task:<44} {ours:>8.3f} {peer:>11.3f} {ours / peer:>7.2f}")


if __name__ == "__main__":
    main()

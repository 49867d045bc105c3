"""Benchmark: Krippendorff's alpha of techvet_survey beside the `krippendorff` package.

Run by hand: ``python benchmarks/bench_agreement.py [n_units] [n_coders]``.
Times the point estimate (``n_boot=0``) on random ratings with 20% missing for the
nominal and interval levels, checks that both give the same value, and prints the ratio
of the times (above 1 means techvet_survey is faster). The bootstrap is timed separately.
"""

from __future__ import annotations

import sys
import time

import krippendorff
import numpy as np
import pandas as pd

from techvet_survey.agreement import krippendorff_alpha


def best_time(function, repeats: int = 5) -> tuple[float, float]:
    """Smallest wall time over `repeats` calls, and the value of the last call."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return min(times), value


def ratings(n_units: int, n_coders: int, seed: int = 2026) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=(n_units, 1))
    values = np.where(
        rng.random((n_units, n_coders)) < 0.7, truth, rng.integers(1, 6, (n_units, n_coders))
    )
    values = values.astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    return values


def main(n_units: int = 100_000, n_coders: int = 5) -> None:
    values = ratings(n_units, n_coders)
    frame = pd.DataFrame(values, columns=[f"coder_{i + 1}" for i in range(n_coders)])
    print(f"Krippendorff's alpha, {n_units:,} units x {n_coders} coders, 20% missing")
    print(f"{'level':<10}{'ours (s)':>10}{'package (s)':>13}{'ratio':>8}{'|diff|':>11}")
    for level in ("nominal", "interval"):
        ours_time, ours = best_time(
            lambda level=level: krippendorff_alpha(frame, level=level, n_boot=0)["estimate"].item()
        )
        theirs_time, theirs = best_time(
            lambda level=level: krippendorff.alpha(values.T, level_of_measurement=level)
        )
        print(
            f"{level:<10}{ours_time:>10.4f}{theirs_time:>13.4f}"
            f"{theirs_time / ours_time:>8.1f}{abs(ours - theirs):>11.1e}"
        )
    boot_time, _ = best_time(lambda: krippendorff_alpha(frame, n_boot=1000, seed=1), repeats=1)
    print(f"nominal alpha with a 1,000-resample bootstrap: {boot_time:.3f} s (package: none)")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:]))

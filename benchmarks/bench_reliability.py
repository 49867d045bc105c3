"""Benchmark: alpha + item analysis and the bootstrap CI against pingouin and psych.

Run by hand: ``python benchmarks/bench_reliability.py``. Needs Rscript with psych for the
psych column (skipped otherwise). psych is timed inside R with system.time on the same
data, written to a temporary CSV.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin

from techvet_survey import aggregates
from techvet_survey.reliability import cronbach_alpha, item_analysis


def _data(n: int, k: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    latent = 0.7 * trait + rng.normal(size=(n, k))
    codes = np.clip(np.round(latent + 3), 1, 5)
    return pd.DataFrame(codes, columns=[f"q{j + 1}" for j in range(k)])


def _best(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _psych_seconds(data: pd.DataFrame, n_iter: int = 1) -> float:
    if shutil.which("Rscript") is None:
        return float("nan")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        data.to_csv(path, index=False)
        script = (
            "suppressPackageStartupMessages(library(psych));"
            f"x <- read.csv('{path.as_posix()}');"
            f"t <- system.time(psych::alpha(x, n.iter = {n_iter}, warnings = FALSE))[['elapsed']];"
            "cat(t)"
        )
        output = subprocess.run(
            ["Rscript", "-e", script], capture_output=True, text=True, check=True
        ).stdout
    return float(output.strip().split()[-1])


def _from_moments(data: pd.DataFrame) -> None:
    moments = aggregates.GroupMoments.from_frame(data, list(data.columns))
    aggregates.cronbach_alpha(moments)
    aggregates.item_analysis(moments)


def main() -> None:
    warnings.simplefilter("ignore")
    for n, k in ((150, 30), (100_000, 40)):
        data = _data(n, k)
        ours = _best(lambda data=data: (cronbach_alpha(data), item_analysis(data)))
        peer = _best(lambda data=data: pingouin.cronbach_alpha(data))
        psych = _psych_seconds(data)
        summed = _best(lambda data=data: _from_moments(data))
        values = data.to_numpy()
        cov = _best(lambda values=values: np.cov(values, rowvar=False))
        print(
            f"{n} x {k}: alpha + item table {ours * 1e3:.1f} ms (from GroupMoments "
            f"{summed * 1e3:.1f} ms; numpy.cov {cov * 1e3:.1f} ms) | pingouin alpha "
            f"{peer * 1e3:.1f} ms (ratio {peer / ours:.1f}x, {peer / summed:.1f}x) | "
            f"psych::alpha {psych * 1e3:.0f} ms (ratio {psych / ours:.1f}x)"
        )
    data = _data(150, 30)
    boot = _best(lambda: cronbach_alpha(data, ci_method="bootstrap", n_boot=2000, seed=1))
    psych_boot = _psych_seconds(data, n_iter=1000)
    print(
        f"150 x 30 bootstrap: ours 2000 resamples {boot * 1e3:.1f} ms | psych::alpha "
        f"n.iter=1000 {psych_boot * 1e3:.0f} ms (ratio {psych_boot / boot:.1f}x)"
    )


if __name__ == "__main__":
    main()

"""Benchmark: measurement_invariance beside lavaan (run by hand: python benchmarks/bench_cfa.py).

A one-factor, five-item scale in four groups at n = 500 and n = 100,000 in total. Ours:
the whole `measurement_invariance` call (one pass for the group moments, configural,
metric and scalar fits, the score tests of the scalar model). lavaan: the configural,
metric and scalar `cfa()` fits, timed inside R with system.time (R start-up and reading
the CSV excluded). Prints the seconds and the ratio ours / lavaan (< 1: we are faster).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from techvet_survey.cfa import measurement_invariance

ITEMS = [f"q{j}" for j in range(1, 6)]
R_SCRIPT = """
suppressPackageStartupMessages(library(lavaan))
d <- read.csv(commandArgs(TRUE)[1])
model <- "care =~ q1 + q2 + q3 + q4 + q5"
best <- Inf
for (rep in 1:as.integer(commandArgs(TRUE)[2])) {
  t <- system.time({
    configural <- cfa(model, data = d, group = "country")
    metric <- cfa(model, data = d, group = "country", group.equal = "loadings")
    scalar <- cfa(model, data = d, group = "country",
                  group.equal = c("loadings", "intercepts"))
  })[["elapsed"]]
  best <- min(best, t)
}
cat(sprintf("%.6f %.6f\\n", best, fitMeasures(scalar, "chisq")))
"""


def synthetic(n_total: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    countries = np.repeat(["FI", "EE", "LV", "NL"], n_total // 4)
    shift = {"FI": 0.0, "EE": 0.2, "LV": -0.1, "NL": 0.3}
    eta = rng.normal(size=len(countries)) * 0.8 + pd.Series(countries).map(shift).to_numpy()
    loadings = np.array([1.0, 0.8, 0.9, 0.7, 0.85])
    values = 3 + eta[:, None] * loadings + rng.normal(scale=0.7, size=(len(countries), 5))
    frame = pd.DataFrame(values, columns=ITEMS)
    frame["country"] = countries
    return frame


def time_ours(data: pd.DataFrame, repeats: int) -> tuple[float, float]:
    best, chi2 = np.inf, np.nan
    for _ in range(repeats):
        start = time.perf_counter()
        result = measurement_invariance(data, ITEMS, group="country", partial=False)
        best = min(best, time.perf_counter() - start)
        chi2 = result.ladder["chi2"].iloc[2]
    return best, chi2


def time_lavaan(data: pd.DataFrame, repeats: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "data.csv"
        script = Path(folder) / "bench.R"
        data.to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            ["Rscript", str(script), str(csv), str(repeats)],
            capture_output=True,
            text=True,
            check=True,
        )
    seconds, chi2 = (float(value) for value in out.stdout.split())
    return seconds, chi2


def main() -> None:
    print(f"{'n':>8} {'ours (s)':>10} {'lavaan (s)':>11} {'ratio':>7}  scalar chi2 ours / lavaan")
    for n_total, repeats in [(500, 5), (100_000, 3)]:
        data = synthetic(n_total)
        ours, chi2_ours = time_ours(data, repeats)
        lavaan, chi2_lavaan = time_lavaan(data, repeats)
        print(
            f"{n_total:>8} {ours:>10.4f} {lavaan:>11.4f} {ours / lavaan:>7.3f}  "
            f"{chi2_ours:.4f} / {chi2_lavaan:.4f}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()

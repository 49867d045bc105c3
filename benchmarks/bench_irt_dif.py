"""Benchmark: IRT fits and Mantel-Haenszel DIF, techvet_survey beside R (run by hand).

    python benchmarks/bench_irt_dif.py [--large 100000] [--repeat 3]

Simulates 2PL data (30 items, two language groups) at 150 persons (the Learning
Ambassador test) and at `--large` persons, then times
- the 2PL fit by MML (R's mirt is not packaged for Debian, so no R peer),
- the Rasch model by CML (ours) and by MML (ours) beside ``eRm::RM`` (CML),
- Mantel-Haenszel DIF for all items without purification beside a loop of
  ``mantelhaen.test`` over the items in R.
R is timed inside R (``system.time`` around the computation only, the data already
loaded), ours with ``time.perf_counter`` after one warm-up call. Prints seconds and the
ratio R / ours (> 1: ours is faster).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd
from scipy.special import expit

from techvet_survey import dif, irt

N_ITEMS = 30

R_SCRIPT = r"""
suppressPackageStartupMessages(library(eRm))
d <- read.csv(commandArgs(TRUE)[1])
x <- as.matrix(d[, setdiff(names(d), "lang")])
rasch <- system.time(RM(x))[["elapsed"]]
mh <- system.time({
  score <- rowSums(x)
  for (item in colnames(x)) {
    tab <- table(factor(d$lang, levels = c("fi", "en")), factor(x[, item], levels = 1:0), score)
    keep <- apply(tab, 3, function(s) all(rowSums(s) > 0))
    mantelhaen.test(tab[, , keep], correct = TRUE)
  }
})[["elapsed"]]
cat(rasch, mh, "\n")
"""


def simulate(n_persons: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.7, 2.0, N_ITEMS)
    b = rng.uniform(-2.0, 2.0, N_ITEMS)
    theta = rng.standard_normal(n_persons)
    values = rng.random((n_persons, N_ITEMS)) < expit(a * (theta[:, None] - b))
    data = pd.DataFrame(values.astype(int), columns=[f"q{j:02d}" for j in range(N_ITEMS)])
    data["lang"] = rng.choice(["fi", "en"], n_persons)
    return data


def best_time(func, repeat: int) -> float:
    func()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def r_times(data: pd.DataFrame) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        script = os.path.join(folder, "bench.R")
        data.to_csv(path, index=False)
        with open(script, "w") as handle:
            handle.write(R_SCRIPT)
        out = subprocess.run(
            ["Rscript", script, path], capture_output=True, text=True, check=True, timeout=3600
        )
    rasch, mh = (float(value) for value in out.stdout.split())
    return rasch, mh


def tasks(data: pd.DataFrame, r_rasch: float, r_mh: float):
    """(label, callable, R seconds) for every timed task on `data`."""
    items = data.drop(columns="lang")

    def mh(purify):
        return dif.mantel_haenszel(data, group="lang", focal="en", reference="fi", purify=purify)

    return [
        ("2PL, MML (no R peer installed)", lambda: irt.fit(items, model="2pl"), np.nan),
        ("Rasch, CML vs eRm::RM", lambda: irt.fit(items, model="rasch", method="cml"),
         r_rasch),
        ("Rasch, MML vs eRm::RM (CML)", lambda: irt.fit(items, model="rasch"), r_rasch),
        ("MH DIF, 30 items vs mantelhaen.test", lambda: mh(False), r_mh),
        ("MH DIF, purified (difR default)", lambda: mh(True), np.nan),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'task':<34}{'n':>8}{'ours s':>10}{'R s':>10}{'R/ours':>8}")
    for n_persons in (150, args.large):
        data = simulate(n_persons)
        repeat = args.repeat if n_persons <= 10_000 else 1
        r_rasch, r_mh = r_times(data)
        rows = tasks(data, r_rasch, r_mh)
        for label, func, r_seconds in rows:
            ours = best_time(func, repeat)
            print(f"{label:<34}{n_persons:>8}{ours:>10.3f}{r_seconds:>10.3f}"
                  f"{r_seconds / ours:>8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()

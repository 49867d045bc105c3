"""All benchmarks of the scale work in one command, each beside its peer.

Run by hand from the repository root::

    python benchmarks/run.py [--sizes 1e5,1e6] [--quick]

Generates a LimeSurvey export of each size with ``python -m techvet_survey synth`` into
``benchmarks/_data/`` (git-ignored; reused when present), runs every benchmark and its
peer in this process run and prints one table of medians and ratios. R peers run when
Rscript is installed. ``--quick`` uses 10⁴ respondents, one repeat and no R.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_agreement
import bench_cfa
import bench_compare
import bench_io
import bench_reliability

from techvet_survey import aggregates
from techvet_survey.codebook import Codebook
from techvet_survey.compare import compare_groups
from techvet_survey.reliability import cronbach_alpha, item_analysis, scale_reliability

DATA = Path(__file__).resolve().parent / "_data"
ROWS: list[dict] = []


SETTLE_SECONDS = 0.5
"""Pause before each timed call of :func:`alternating_medians`."""


def median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def alternating_medians(functions: dict, repeat: int) -> dict:
    """Median seconds of each function, run in turn `repeat` times (ours and the peers
    alternate, so a change in the machine's load hits them alike).

    Each call starts after a pause of :data:`SETTLE_SECONDS`: multi-threaded OpenBLAS
    threads spin for a while after a call, and would otherwise take the cores of the
    function timed next."""
    times = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            time.sleep(SETTLE_SECONDS)
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def record(benchmark, size, ours, peer_name, peer, goal="", met=None):
    ROWS.append(
        {
            "benchmark": benchmark,
            "size": size,
            "ours_s": ours,
            "peer": peer_name,
            "peer_s": peer,
            "peer/ours": peer / ours if ours and peer == peer else np.nan,
            "goal": goal,
            "met": "" if met is None else ("yes" if met else "NO"),
        }
    )
    print(ROWS[-1], flush=True)


def export_of(n: int) -> Path:
    return bench_io.export_of(n, DATA)


def _proc_kb(pid, file, field):
    """The `field` line (e.g. ``"Pss:"``) of ``/proc/<pid>/<file>`` in kB (0 once the
    process has ended)."""
    try:
        with open(f"/proc/{pid}/{file}") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss(pid):
    """The proportional set size of process `pid` in kB (0 once it has ended)."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _children(pid):
    """The ids of the child processes of `pid`."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as children:
            found += children.read().split()
    return [int(child) for child in found]


MEMORY_WATCH = (
    """
import contextlib, os, threading
"""
    + "\n".join(inspect.getsource(helper) for helper in (_proc_kb, _pss, _children))
    + """
PEAK_KB = [0]

def _watch():
    me = os.getpid()
    while True:
        total = _pss(me) + sum(_pss(child) for child in _children(me))
        PEAK_KB[0] = max(PEAK_KB[0], total)
        time.sleep(0.5)

threading.Thread(target=_watch, daemon=True).start()
"""
)


def run_measured(body: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of `body` run in a fresh process.

    The libraries are imported before the clock starts (as for the peers, timed in
    this process). Memory is the largest sum, over this process and its worker
    processes, of the proportional set size (PSS: shared pages split between the
    processes that share them), sampled every 0.5 s from ``/proc``.
    """
    script = (
        textwrap.dedent(
            """
        import time, warnings
        warnings.simplefilter("ignore")
        import pandas, pyarrow.csv, techvet_survey.aggregates, techvet_survey.cleaning
        """
        )
        + MEMORY_WATCH
        + "start = time.perf_counter()\n"
        + textwrap.dedent(body)
        + textwrap.dedent(
            """
        elapsed = time.perf_counter() - start
        time.sleep(0.3)
        print(elapsed, PEAK_KB[0] / 1024)
        """
        )
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), float(peak)


PIPELINE = """
from pathlib import Path
import pandas as pd
from techvet_survey import aggregates
from techvet_survey.cleaning import clean_export_chunked
from techvet_survey.codebook import Codebook
if {clean}:
    clean_export_chunked({path!r}, {out!r}, chunk_rows={chunk}, key=b"bench")
if {analyse}:
    book = Codebook.load()
    scales = book.items.groupby("scale")["item"].apply(list).to_dict()
    items = book.items["item"].tolist()
    moments = {{s: None for s in scales}}
    counts = None
    for part in sorted(Path({out!r}, "survey").glob("part-*.parquet")):
        frame = pd.read_parquet(part, columns=[*items, "country", "group"])
        for scale, names in scales.items():
            new = aggregates.GroupMoments.from_frame(frame, names, group="country")
            moments[scale] = new if moments[scale] is None else moments[scale].merge(new)
        new = aggregates.CategoryCounts.from_frame(frame, [*items, "group"], group="country")
        counts = new if counts is None else counts.merge(new)
    for scale, names in scales.items():
        aggregates.cronbach_alpha(moments[scale])
        aggregates.item_analysis(moments[scale])
        for item in names:
            aggregates.compare_groups(moments[scale], item, pairwise=True)
            aggregates.compare_groups(counts, item, method="kruskal", n_boot=200, seed=1)
    aggregates.crosstab_test(counts, "group")
"""


def bench_cleaning(n: int, quick: bool) -> None:
    path = export_of(n)
    read = median_time(
        lambda: pyarrow.csv.read_csv(path, parse_options=pyarrow.csv.ParseOptions(delimiter=";")),
        1 if quick else 3,
    )
    with tempfile.TemporaryDirectory() as folder:
        settings = {"path": str(path), "out": folder, "chunk": 100_000}
        seconds, peak = run_measured(PIPELINE.format(**settings, clean=True, analyse=False))
        analyses, _ = run_measured(PIPELINE.format(**settings, clean=False, analyse=True))
    record(
        "cleaning (chunked)",
        n,
        seconds,
        "pyarrow.csv.read_csv",
        read,
        "<= 3x read",
        seconds <= 3 * read,
    )
    record("cleaning peak memory (MB)", n, peak, "", np.nan, "< 2048 MB", peak < 2048)
    record(
        "pipeline analyses of the kept parts",
        n,
        analyses,
        "",
        np.nan,
        "< 30 s at 1e6",
        analyses < 30 if n >= 10**6 else None,
    )
    with tempfile.TemporaryDirectory() as folder:
        body = PIPELINE.format(path=str(path), out=folder, chunk=100_000, clean=True, analyse=True)
        seconds, peak = run_measured(body)
    record(
        "pipeline clean + analyses",
        n,
        seconds,
        "",
        np.nan,
        "< 120 s at 1e6",
        seconds < 120 if n >= 10**6 else None,
    )


def bench_alpha(n: int, quick: bool) -> None:
    """Complete answers, then 5% missing completely at random, each beside numpy.cov
    (the memory-bandwidth reference: NaN-unaware, one BLAS call) and pingouin (complete:
    DataFrame.cov, i.e. numpy.cov; missing: pandas' pairwise Cython loop)."""
    complete = bench_reliability._data(n, 40)
    for label, data in (("complete", complete), ("5% missing", _with_missing(complete, 0.05))):
        _bench_alpha_one(n, quick, label, data)


def _with_missing(data: pd.DataFrame, share: float) -> pd.DataFrame:
    values = data.to_numpy(copy=True)
    values[np.random.default_rng(2).random(values.shape) < share] = np.nan
    return pd.DataFrame(values, columns=data.columns)


def _bench_alpha_one(n: int, quick: bool, label: str, data: pd.DataFrame) -> None:
    """The call a user makes for both tables (scale_reliability, psych's alpha: one pass),
    the two single-table calls (cronbach_alpha + item_analysis: two passes), the same
    from GroupMoments, numpy.cov and pingouin.cronbach_alpha, run in turn."""
    import pingouin

    items = list(data.columns)
    values = data.to_numpy()
    name = f"alpha + item table {n}x40, {label}"

    def from_moments():
        moments = aggregates.GroupMoments.from_frame(data, items)
        aggregates.cronbach_alpha(moments)
        aggregates.item_analysis(moments)

    def cov_one_thread():
        with threadpool_limits(1, "blas"):
            np.cov(values, rowvar=False)

    functions = {
        "ours": lambda: scale_reliability(data),
        "two calls": lambda: (cronbach_alpha(data), item_analysis(data)),
        "moments": from_moments,
        "numpy.cov": lambda: np.cov(values, rowvar=False),
        "numpy.cov, 1 BLAS thread": cov_one_thread,
        "pingouin": lambda: pingouin.cronbach_alpha(data),
    }
    repeat = 1 if quick else (5 if label == "complete" else 3)
    seconds = alternating_medians(functions, repeat)
    ours = seconds["ours"]
    if label == "complete":
        record(
            name,
            n,
            ours,
            "numpy.cov",
            seconds["numpy.cov"],
            "<= 0.5x numpy.cov",
            ours <= 0.5 * seconds["numpy.cov"],
        )
    else:  # numpy.cov returns NaN here: shown for the memory-bandwidth scale only
        record(name, n, ours, "numpy.cov (NaN result)", seconds["numpy.cov"])
    # multi-threaded OpenBLAS spins on a busy machine: the one-thread time is the fair floor
    one_thread = "numpy.cov, 1 BLAS thread"
    record(
        name,
        n,
        ours,
        one_thread + (" (NaN result)" if label != "complete" else ""),
        seconds[one_thread],
    )
    goal = 5 if label == "complete" else 10
    record(
        name,
        n,
        ours,
        "pingouin.cronbach_alpha",
        seconds["pingouin"],
        f">= {goal}x faster",
        seconds["pingouin"] >= goal * ours,
    )
    record(f"{name} (two calls)", n, seconds["two calls"], "pingouin", seconds["pingouin"])
    record(f"{name} (from GroupMoments)", n, seconds["moments"], "numpy.cov", seconds["numpy.cov"])
    if not quick and shutil.which("Rscript") and label == "complete":
        record(name, n, ours, "psych::alpha", bench_reliability._psych_seconds(data))


def bench_compare_groups(n: int, quick: bool) -> None:
    """compare_groups (Welch + omega² CI, Games-Howell + Hedges' g CIs) of a scale score
    across 4 countries, beside pingouin's welch_anova + pairwise_gameshowell (which give
    no effect-size intervals), run in turn."""
    import pingouin

    frame = bench_compare.simulate(n)

    def peer():
        pingouin.welch_anova(frame, dv="scale_1", between="country")
        pingouin.pairwise_gameshowell(frame, dv="scale_1", between="country")

    seconds = alternating_medians(
        {"ours": lambda: compare_groups(frame, "scale_1", group="country"), "peer": peer},
        1 if quick else 5,
    )
    record(
        "compare_groups Welch + Games-Howell, 4 groups",
        n,
        seconds["ours"],
        "pingouin welch_anova + gameshowell",
        seconds["peer"],
        ">= 3x faster",
        seconds["peer"] >= 3 * seconds["ours"],
    )


def bench_small(quick: bool) -> None:
    data = bench_reliability._data(150, 30)
    boot = median_time(
        lambda: cronbach_alpha(data, ci_method="bootstrap", n_boot=2000, seed=1), 1 if quick else 3
    )
    psych = (
        np.nan
        if quick or not shutil.which("Rscript")
        else bench_reliability._psych_seconds(data, n_iter=2000)
    )
    record(
        "alpha bootstrap CI, 2000 resamples, 150x30", 150, boot, "psych::alpha(n.iter=2000)", psych
    )
    units = 10_000 if quick else 100_000
    values = bench_agreement.ratings(units, 5)
    frame = pd.DataFrame(values, columns=[f"coder_{i + 1}" for i in range(5)])
    import krippendorff

    from techvet_survey.agreement import krippendorff_alpha

    ours = median_time(lambda: krippendorff_alpha(frame, level="interval", n_boot=0), 3)
    peer = median_time(lambda: krippendorff.alpha(values.T, level_of_measurement="interval"), 3)
    record("Krippendorff alpha interval, 5 coders", units, ours, "krippendorff", peer)
    n = 10_000 if quick else 100_000
    frame = bench_compare.simulate(n)
    ours = median_time(lambda: bench_compare.ours_many(frame), 1 if quick else 3)
    peer = median_time(lambda: bench_compare.pingouin_many(frame), 1 if quick else 3)
    record(
        "compare_many Welch + Games-Howell, 6 scales", n, ours, "pingouin welch+gameshowell", peer
    )
    if not quick and shutil.which("Rscript"):
        data = bench_cfa.synthetic(100_000)
        ours, _ = bench_cfa.time_ours(data, 1)
        peer, _ = bench_cfa.time_lavaan(data, 1)
        record("invariance ladder (4 groups, 5 items)", 100_000, ours, "lavaan", peer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e5,1e6", help="respondents, comma separated")
    parser.add_argument("--quick", action="store_true", help="10^4 respondents, one repeat, no R")
    parser.add_argument(
        "--only",
        default="alpha,compare,cleaning,small",
        help="groups to run, comma separated: alpha, compare, cleaning (with the pipeline), small",
    )
    args = parser.parse_args()
    sizes = [10_000] if args.quick else [int(float(size)) for size in args.sizes.split(",")]
    groups = set(args.only.split(","))
    warnings.simplefilter("ignore")
    Codebook.load()
    for n in sizes:
        if "alpha" in groups:
            bench_alpha(n, args.quick)
        if "compare" in groups:
            bench_compare_groups(n, args.quick)
        if "cleaning" in groups:
            bench_cleaning(n, args.quick)
    if "small" in groups:
        bench_small(args.quick)
    table = pd.DataFrame(ROWS)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{os.cpu_count()} CPUs; load average (1, 5, 15 min) at the end: {load}")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3g}"))


if __name__ == "__main__":
    main()

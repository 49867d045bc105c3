"""Benchmark: read_export on a large LimeSurvey CSV against a bare pyarrow.csv.read_csv.

Run by hand (not part of the test suite):

    python benchmarks/bench_io.py                      # 10^5 respondents
    python benchmarks/bench_io.py --respondents 100000 1000000
    python benchmarks/bench_io.py --csv path/to/limesurvey_export.csv

Missing exports are generated into a temporary folder with
``python -m techvet_survey synth --out DIR --limesurvey-respondents N`` (10^6 takes a few
minutes). Every measurement runs in a fresh subprocess, so that the peak resident memory
(``resource.getrusage().ru_maxrss``) belongs to that reader alone; the time is the best of
`--repeat` runs. The target is read_export at most 1.5 times pyarrow in time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

READERS = {
    "pyarrow.csv.read_csv": (
        "table = pc.read_csv(PATH, parse_options=pc.ParseOptions(delimiter=';'))\n"
        "rows = table.num_rows\n"
    ),
    "pyarrow + to_pandas": (
        "table = pc.read_csv(PATH, parse_options=pc.ParseOptions(delimiter=';'))\n"
        "rows = len(table.to_pandas())\n"
    ),
    "read_export": "rows = len(read_export(PATH).frame)\n",
    "iter_export (chunks of 10^5)": (
        "rows = sum(len(chunk.frame) for chunk in iter_export(PATH, chunk_rows=100_000))\n"
    ),
}
HARNESS = """
import json, resource, sys, time
import pyarrow.csv as pc
from techvet_survey.io import iter_export, read_export
PATH = sys.argv[1]
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "rows": rows}}))
"""


def measure(body: str, path: Path) -> dict:
    """Time and peak memory of one reader in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", HARNESS.format(body=body), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def idle_memory() -> float:
    """Peak memory of an interpreter that only imports the libraries (subtracted)."""
    return measure("rows = 0\n", Path("."))["peak_mb"]


def export_of(respondents: int, folder: Path) -> Path:
    """The LimeSurvey export of `respondents`, generated into `folder` if missing."""
    path = folder / f"n{respondents}" / "survey" / f"limesurvey_{respondents}.csv"
    if not path.exists():
        print(f"generating {respondents} respondents ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "techvet_survey",
                "synth",
                "--out",
                str(path.parent.parent),
                "--limesurvey-respondents",
                str(respondents),
            ],
            check=True,
        )
    return path


def bench(path: Path, repeat: int, baseline_mb: float) -> None:
    size_mb = path.stat().st_size / 2**20
    print(f"\n{path.name}: {size_mb:.0f} MB")
    print(f"{'reader':32s} {'rows':>9s} {'best s':>8s} {'x pyarrow':>9s} {'peak MB':>8s}")
    reference = None
    for label, body in READERS.items():
        runs = [measure(body, path) for _ in range(repeat)]
        best = min(run["seconds"] for run in runs)
        peak = max(run["peak_mb"] for run in runs) - baseline_mb
        reference = best if reference is None else reference
        print(f"{label:32s} {runs[0]['rows']:>9d} {best:8.2f} {best / reference:9.2f} {peak:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, nargs="+", default=[100_000])
    parser.add_argument("--csv", type=Path, nargs="*", default=[], help="existing exports")
    parser.add_argument("--workdir", type=Path, help="where generated exports are kept")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    baseline = idle_memory()
    print(f"interpreter with pandas, pyarrow and techvet_survey.io: {baseline:.0f} MB (subtracted)")
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.workdir or Path(temporary)
        paths = args.csv or [export_of(n, folder) for n in args.respondents]
        for path in paths:
            bench(path, args.repeat, baseline)


if __name__ == "__main__":
    main()

"""The first run of the bundled study: bare ``python -m techvet_survey`` on a fresh copy.

Run by hand from the repository root::

    python benchmarks/first_run.py [--repeat 5]

Copies ``data/raw`` into a temporary folder and runs the bare pipeline there, as a new
user's first command does: its wall time, each stage's time (the pipeline's own
summary), the peak memory of the process and its worker processes (the largest sum of
their PSS and of their RSS, sampled every 0.1 s, and the largest RSS of one process),
then the same command again with nothing changed. Then the import times of
``python -m techvet_survey --help`` and ``python -c "import techvet_survey"`` beside
``python -c pass`` (medians of `--repeat` runs in turn). Prints one markdown table and
the load average.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import _children, _proc_kb, _pss

ROOT = Path(__file__).resolve().parents[1]
STAGE_LINE = re.compile(r"^(\w+)\s+(ran|skipped)\s+([\d.]+)$", re.MULTILINE)
GOALS = {"wall": 12.0, "figures": 5.0, "report": 3.0, "import": 0.3}
"""Goals in seconds: the first run, its figures and report stages, an import."""


def _rss(pid: int) -> int:
    """The resident set size of process `pid` in kB (0 once it has ended)."""
    return _proc_kb(pid, "status", "VmRSS:")


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    try:
        children = _children(pid)
    except OSError:  # ended meanwhile
        return [pid]
    return [pid, *(below for child in children for below in _tree(child))]


def run_watched(command: list[str], folder: Path, env: dict, interval: float = 0.1) -> dict:
    """Run `command` in `folder`: wall seconds, its output and the peak memory (MB) of
    its process tree (largest PSS sum, largest RSS sum, largest RSS of one process and of
    the main process)."""
    peak_pss = peak_rss = peak_main = 0
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=out)
        while True:
            pids = _tree(process.pid)
            peak_pss = max(peak_pss, sum(map(_pss, pids)))
            peak_rss = max(peak_rss, sum(map(_rss, pids)))
            peak_main = max(peak_main, _rss(process.pid))
            ended, status, usage = os.wait4(process.pid, os.WNOHANG)
            if ended:
                break
            time.sleep(interval)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    if process.returncode:
        raise RuntimeError(f"`{' '.join(command)}` failed in {folder}:\n{output}")
    return {
        "seconds": seconds,
        "stages": {stage: float(s) for stage, _, s in STAGE_LINE.findall(output)},
        "statuses": {stage: status for stage, status, _ in STAGE_LINE.findall(output)},
        "pss_mb": peak_pss / 1024,
        "rss_mb": peak_rss / 1024,
        # wait4 gives the largest of the process and its ended workers
        "largest_mb": usage.ru_maxrss / 1024,
        "main_mb": peak_main / 1024,
    }


def import_times(env: dict, repeat: int) -> dict[str, float]:
    """Median wall seconds of each start-up command, run in turn `repeat` times."""
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import techvet_survey"': [sys.executable, "-c", "import techvet_survey"],
        "python -m techvet_survey --help": [sys.executable, "-m", "techvet_survey", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _row(measure: str, value: float, unit: str, goal: float | None = None) -> str:
    met = "" if goal is None else ("yes" if value <= goal else "no")
    target = "" if goal is None else f"≤ {goal:g} {unit}"
    shown = f"{value:.0f}" if value >= 100 else f"{value:.3g}"
    return f"| {measure} | {shown} {unit} | {target} | {met} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each import timing")
    args = parser.parse_args()
    env = os.environ | {"PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
    command = [sys.executable, "-m", "techvet_survey"]
    with tempfile.TemporaryDirectory() as folder:
        study = Path(folder)
        shutil.copytree(ROOT / "data" / "raw", study / "data" / "raw")
        first = run_watched(command, study, env)
        again = run_watched(command, study, env)
    imports = import_times(env, args.repeat)
    bare = imports["python -c pass"]
    rows = [
        "| measure | value | goal | met |",
        "|---|---|---|---|",
        _row("first run, wall (interpreter start to exit)", first["seconds"], "s", GOALS["wall"]),
        *(
            _row(f"stage {stage}", seconds, "s", GOALS.get(stage))
            for stage, seconds in first["stages"].items()
        ),
        _row("peak PSS, summed over the process and its workers", first["pss_mb"], "MB", 500),
        _row("peak RSS, summed over the process and its workers", first["rss_mb"], "MB"),
        _row("largest RSS of one process", first["largest_mb"], "MB"),
        _row("largest RSS of the main process (sampled)", first["main_mb"], "MB"),
        _row(
            "rerun, nothing changed ("
            + ", ".join(f"{stage} {status}" for stage, status in again["statuses"].items())
            + ")",
            again["seconds"],
            "s",
        ),
        _row("rerun, peak PSS summed", again["pss_mb"], "MB"),
        _row("`python -c pass`", bare, "s"),
        *(
            _row(f"`{name}` (minus `python -c pass`)", seconds - bare, "s", GOALS["import"])
            for name, seconds in imports.items()
            if name != "python -c pass"
        ),
    ]
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print("\n".join(rows))
    print(f"\n{os.cpu_count()} CPUs; load average (1, 5, 15 min) at the end: {load}")


if __name__ == "__main__":
    main()

"""Benchmark: read_export on the real-export corpus's largest files against the plain readers.

Run by hand (not part of the test suite):

    python benchmarks/read_real.py              # the largest CSV, .sav and .xlsx exports
    python benchmarks/read_real.py --largest 2  # the two largest of each kind

For each kind of file (CSV/TSV text, SPSS .sav, .xlsx) the largest survey or test exports
of ``tests/data/real/`` (see ``expected.csv``) are read by ``read_export`` and by the
plain reader a user would call, given what read_export detects (delimiter, encoding):
``pandas.read_csv(dtype=str)``, ``pyreadstat.read_sav(user_missing=True)`` (user-missing
codes kept, as read_export keeps them) and
``pandas.read_excel(dtype=str)``. read_export runs with ``dedupe_columns=True``, since
some real exports repeat a heading (pandas renames the repeats too). The time is per
read, the best of `--repeat` rounds, each round as many reads as fill 0.2 s (timeit's
autorange). Ratio: read_export time / peer time; the target is at most 1.5.
"""

from __future__ import annotations

import argparse
import timeit
import warnings
from pathlib import Path

import pandas as pd
import pyreadstat

from techvet_survey.io import read_export

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"
KINDS = {".csv": "text", ".tsv": "text", ".txt": "text", ".sav": "sav", ".xlsx": "xlsx"}


def largest(count: int) -> list[Path]:
    """The `count` largest survey/test exports of each kind in the corpus that are read
    (refused files, such as a Moodle Grades report, are not)."""
    expected = pd.read_csv(REAL / "expected.csv", dtype=str)
    read = expected["kind"].isin(["survey", "test"]) & (expected["outcome"] == "cleaned")
    exports = expected.loc[read, "file"]
    paths = [REAL / file for file in exports if Path(file).suffix in KINDS]
    chosen = []
    for kind in dict.fromkeys(KINDS.values()):
        of_kind = [path for path in paths if KINDS[path.suffix] == kind]
        chosen += sorted(of_kind, key=lambda path: path.stat().st_size, reverse=True)[:count]
    return chosen


def exported(path: Path):
    """read_export of `path`, its warnings (repeated headings...) silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_export(path, dedupe_columns=True)


def peer_of(path: Path):
    """The plain reader of `path` and its label, told what read_export detected."""
    kind = KINDS[path.suffix]
    if kind == "sav":
        # user-missing codes kept as values, as read_export reads them (haven's user_na=TRUE)
        return "pyreadstat.read_sav(user_missing)", lambda: pyreadstat.read_sav(
            path, user_missing=True
        )[0]
    if kind == "xlsx":
        return "pandas.read_excel", lambda: pd.read_excel(path, dtype=str)
    provenance = exported(path).provenance
    return "pandas.read_csv", lambda: pd.read_csv(
        path, dtype=str, sep=provenance["delimiter"], encoding=provenance["encoding"]
    )


def best_seconds(function, repeat: int) -> float:
    """Seconds per call: the best of `repeat` autoranged rounds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", type=int, default=1, help="files of each kind")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'file':48s} {'KB':>5s} {'rows x cols':>11s} {'peer':20s} "
        f"{'peer ms':>8s} {'ours ms':>8s} {'ratio':>6s}"
    )
    for path in largest(args.largest):
        label, peer = peer_of(path)
        frame = exported(path).frame
        peer_ms = best_seconds(peer, args.repeat) * 1000
        ours_ms = best_seconds(lambda path=path: exported(path), args.repeat) * 1000
        shape = f"{frame.shape[0]}x{frame.shape[1]}"
        print(
            f"{path.relative_to(REAL).as_posix():48s} {path.stat().st_size / 1024:5.0f} "
            f"{shape:>11s} {label:20s} {peer_ms:8.2f} {ours_ms:8.2f} {ours_ms / peer_ms:6.2f}"
        )


if __name__ == "__main__":
    main()

"""``python -m techvet_survey [run]``: the whole pipeline on data/raw, skipping what is
up to date; ``analyze`` runs the analysis stage alone. The pipeline's lock is held from
the first stage to the last, so another run cannot slip in between two stages."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

HELP = "run clean -> analyze -> figures -> report on data/raw (the default command)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="folder of raw exports")
    parser.add_argument(
        "--processed", type=Path, default=Path("data/processed"), help="processed tables"
    )
    parser.add_argument(
        "--reports", type=Path, default=Path("reports"), help="tables, figures, report"
    )
    parser.add_argument("--force", action="store_true", help="rerun every stage")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no warnings")
    parser.add_argument("--verbose", action="store_true", help="list every file written")


def run(args: argparse.Namespace, stages=None) -> int:
    from tqdm import tqdm

    from techvet_survey.pipeline import STAGE_WORK, Paths, run_pipeline

    paths = Paths(raw=args.raw, processed=args.processed, reports=args.reports)
    chosen = list(stages or STAGE_WORK)
    with tqdm(
        total=len(chosen), desc="pipeline", unit="stage", disable=args.quiet, file=sys.stderr
    ) as bar:

        def progress(stage):
            # called as each stage starts: the stages before it are done
            bar.update(chosen.index(stage) - bar.n)
            bar.set_postfix_str(stage)

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # one call, so one lock held from the first stage to the last
            runs = run_pipeline(paths, stages=chosen, force=args.force, progress=progress)
        bar.update(bar.total - bar.n)
    if not args.quiet:
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
    print(summary(runs, paths, verbose=getattr(args, "verbose", False)))
    return 0


def summary(runs, paths, *, verbose: bool = False) -> str:
    """The stage table, how many files were written (each one with `verbose`) and where
    the report (or the last stage's outputs) is."""
    from techvet_survey.pipeline import STAGE_WORK

    total = sum(run.seconds for run in runs)
    lines = [f"{'stage':<10}{'status':<10}{'seconds':>9}"]
    lines += [f"{run_.stage:<10}{run_.status:<10}{run_.seconds:>9.2f}" for run_ in runs]
    lines.append(f"{'total':<20}{total:>9.2f}")
    written = [output for run_ in runs for output in run_.outputs]
    if verbose and written:
        lines += ["", "wrote:", *(f"  {output}" for output in written)]
    elif written:
        lines += ["", f"wrote {len(written)} files (--verbose lists them)"]
    if runs and runs[-1].stage == "report" and paths.report.exists():
        lines.append(f"report: {paths.report}")
    elif runs:
        lines.append(f"{runs[-1].stage} outputs: {STAGE_WORK[runs[-1].stage][1](paths)}/")
    return "\n".join(lines)

"""``python -m techvet_survey clean``: raw exports -> validated, pseudonymised tables."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

HELP = "clean the raw exports into data/processed (tables, exclusions, log, manifest)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="folder of raw exports")
    parser.add_argument("--out", type=Path, default=Path("data/processed"), help="output folder")
    parser.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help="pseudonymisation key file (default: pseudonym.key beside --raw)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the tables of --out even when they were cleaned from another raw folder",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no warnings")


def run(args: argparse.Namespace) -> int:
    import pandas as pd
    from tqdm import tqdm

    from techvet_survey.cleaning import clean_study, raw_changes, write_outputs
    from techvet_survey.pipeline import Paths, pipeline_lock, refuse_other_raw

    paths = Paths(raw=args.raw, processed=args.out)
    if not args.force:
        refuse_other_raw(paths)
    # The same lock as the pipeline: two cleanings into one folder cannot interleave.
    with pipeline_lock(paths):
        found = args.raw.rglob("*") if args.raw.is_dir() else []
        files = [path for path in found if path.is_file()]
        with tqdm(
            total=len(files), desc="clean", unit="file", disable=args.quiet, file=sys.stderr
        ) as bar:

            def progress(name):
                bar.set_postfix_str(str(name)[-40:])
                bar.update(1)

            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = clean_study(args.raw, key_file=args.key_file, progress=progress)
            bar.update(bar.total - bar.n)
        if not args.quiet:
            for warning in caught:
                print(f"warning: {warning.message}", file=sys.stderr)
        for change in raw_changes(result.files, args.out).itertuples():
            print(
                f"warning: raw file {change.file} was {change.change} since the previous "
                "run (checksums in manifest.json); the outputs are rebuilt from the "
                "current files.",
                file=sys.stderr,
            )
        write_outputs(result, args.out, raw_dir=args.raw)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(result.by_file().to_string(index=False))
    print(f"\n{outcome_line(result.files)}")
    coded = len(result.open_answer_segments)
    print(
        f"wrote {args.out}/ (survey: {len(result.survey)} respondents, "
        f"test: {len(result.test_scored)} test takers, segments: {len(result.segments)}"
        + (f", coded open-answer segments: {coded})" if coded else ")")
    )
    return 0


def outcome_line(files: pd.DataFrame) -> str:
    """'files: 7 cleaned, 2 skipped, 1 failed (a.csv); reasons in files.csv' for the CLI."""
    counts = files["status"].value_counts()
    parts = [
        f"{int(counts.get(status, 0))} {status}" for status in ("cleaned", "skipped", "failed")
    ]
    failed = files.loc[files["status"] == "failed", "file"].tolist()
    named = f" ({', '.join(failed)})" if failed else ""
    return f"files: {', '.join(parts)}{named}; each file's outcome and reason in files.csv"

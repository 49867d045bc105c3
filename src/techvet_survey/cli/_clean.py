"""``python -m techvet_survey clean``: raw exports -> validated, pseudonymised tables."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

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
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no warnings")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from techvet_survey.cleaning import clean_study, write_outputs

    files = [path for path in args.raw.rglob("*") if path.is_file()] if args.raw.is_dir() else []
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
    write_outputs(result, args.out)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(result.summary().to_string(index=False))
    print(
        f"\nwrote {args.out}/ (survey: {len(result.survey)} respondents, "
        f"test: {len(result.test_scored)} test takers, segments: {len(result.segments)})"
    )
    return 0

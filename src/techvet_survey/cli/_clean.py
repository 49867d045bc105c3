"""``python -m techvet_survey clean``: raw exports -> validated, pseudonymised tables."""

from __future__ import annotations

import argparse
import sys
import warnings
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pandas as pd

HELP = "clean the raw exports into data/processed (tables, exclusions, log, manifest)"

# Failures of the file parsers underneath the readers on a malformed file; the readers
# should turn them into InputError, and the CLI reports any that escape as one line.
PARSER_ERRORS = (ParseError, zipfile.BadZipFile, zlib.error, UnicodeError, EOFError)


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
    from techvet_survey.cleaning._outputs import raw_changes
    from techvet_survey.errors import InputError
    from techvet_survey.pipeline import Paths, pipeline_lock

    # The same lock as the pipeline: two cleanings into one folder cannot interleave.
    with pipeline_lock(Paths(raw=args.raw, processed=args.out)):
        found = args.raw.rglob("*") if args.raw.is_dir() else []
        files = [path for path in found if path.is_file()]
        with tqdm(
            total=len(files), desc="clean", unit="file", disable=args.quiet, file=sys.stderr
        ) as bar:
            started = ["none (while listing the folder)"]

            def progress(name):
                started[0] = str(name)
                bar.set_postfix_str(str(name)[-40:])
                bar.update(1)

            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    result = clean_study(args.raw, key_file=args.key_file, progress=progress)
                except PARSER_ERRORS as error:
                    raise InputError(
                        f"a raw file under {args.raw} could not be parsed "
                        f"({type(error).__name__}: {error}); last file started: "
                        f"{started[0]}. Export that file again or move it out of the raw folder."
                    ) from error
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
        write_outputs(result, args.out)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(result.summary().to_string(index=False))
    print(
        f"\nwrote {args.out}/ (survey: {len(result.survey)} respondents, "
        f"test: {len(result.test_scored)} test takers, segments: {len(result.segments)})"
    )
    return 0

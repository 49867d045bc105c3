"""``python -m techvet_survey export``: the clean survey and test tables for SPSS, Stata
and Excel, with the codebook's labels and missing-value codes; or, with
``--open-answers FILE.qdpx``, the answers to the open questions as a REFI-QDA project for
coders."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

HELP = "write the clean survey and test tables as SPSS .sav, Stata .dta and Excel .xlsx"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        default="sav,dta,xlsx",
        help="comma-separated formats: sav, dta, xlsx (default all three)",
    )
    parser.add_argument(
        "--processed", type=Path, default=Path("data/processed"), help="processed tables"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("data/export"), help="output folder (data/export)"
    )
    parser.add_argument(
        "--open-answers",
        type=Path,
        metavar="FILE.qdpx",
        help="instead: write the open answers as a REFI-QDA project (one document per "
        "question and country, the interview code list) to code in a QDA program",
    )
    parser.add_argument(
        "--lang", default="en", help="language of the labels: en, fi, et, lv or nl (default en)"
    )


def run(args: argparse.Namespace) -> int:
    from techvet_survey.cleaning import export_tables

    if args.open_answers is not None:
        return _open_answers(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = export_tables(args.processed, args.out, args.format, lang=args.lang)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    names = ", ".join(path.name for path in written) or "nothing"
    print(f"wrote to {args.out}/: {names}")
    return 0


def _open_answers(args: argparse.Namespace) -> int:
    import pandas as pd

    from techvet_survey.errors import InputError
    from techvet_survey.open_answers import write_open_answers_qdpx

    if args.open_answers.suffix.lower() != ".qdpx":
        raise InputError(
            f"--open-answers {args.open_answers}: name the project file with the .qdpx "
            "suffix (REFI-QDA project), e.g. --open-answers open_answers.qdpx."
        )
    survey = args.processed / "survey.parquet"
    if not survey.exists():
        raise InputError(
            f"{survey} does not exist: run `python -m techvet_survey clean` first, or pass "
            "--processed DIR with the cleaned tables."
        )
    path = write_open_answers_qdpx(pd.read_parquet(survey), args.open_answers)
    print(
        f"wrote {path}: open answers for coding (REFI-QDA project). Code inside the answers "
        "in a QDA program, export the coded project as .qdpx into the raw folder (e.g. "
        "data/raw/open_answers/coded.qdpx) and run the pipeline again: the cleaning reads "
        "its coding, keeping the same exports and pseudonymisation key."
    )
    return 0

"""``python -m techvet_survey export``: the clean survey and test tables for SPSS, Stata
and Excel, with the codebook's labels and missing-value codes."""

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
        "--lang", default="en", help="language of the labels: en, fi, et, lv or nl (default en)"
    )


def run(args: argparse.Namespace) -> int:
    from techvet_survey.cleaning import export_tables

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = export_tables(args.processed, args.out, args.format, lang=args.lang)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    names = ", ".join(path.name for path in written) or "nothing"
    print(f"wrote to {args.out}/: {names}")
    return 0

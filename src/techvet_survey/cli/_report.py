"""``python -m techvet_survey report``: execute the notebooks and write
reports/comparative_report.html."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from techvet_survey.cli import _run

HELP = "execute the report notebooks and write reports/comparative_report.html"


def register(parser: argparse.ArgumentParser) -> None:
    _run.register(parser)
    parser.add_argument(
        "--lang",
        default="en",
        help="language of the whole report (text, tables, figures, numbers): en, fi, et, lv, nl",
    )
    parser.add_argument("--notebooks", type=Path, help="folder of the report notebooks")
    parser.add_argument(
        "--out",
        type=Path,
        help="report file (default reports/comparative_report[_<lang>].html)",
    )
    parser.add_argument("--jobs", type=int, help="notebooks executed at once (default: CPUs)")
    parser.add_argument(
        "--format",
        default="html",
        help="comma-separated: html, pdf (printed by headless Chromium), docx (Word); "
        "the HTML is always written",
    )


def run(args: argparse.Namespace) -> int:
    from techvet_survey.pipeline import Paths, check_report_formats, write_report_formats

    formats = check_report_formats(args.format)  # before any stage runs
    code = _html(args)
    paths = Paths(raw=args.raw, processed=args.processed, reports=args.reports)
    for path in write_report_formats(paths, formats, args.lang, out=args.out):
        print(f"wrote {path}")
    return code


def _html(args: argparse.Namespace) -> int:
    # The report reads what the earlier stages wrote: they run first (each skipped when
    # current), and the figures are those of the report's language.
    if args.lang == "en" and args.notebooks is None and args.out is None and args.jobs is None:
        return _run.run(args)
    from techvet_survey.pipeline import Paths, write_report

    paths = Paths(raw=args.raw, processed=args.processed, reports=args.reports)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = write_report(
            paths, args.lang, notebooks_dir=args.notebooks, jobs=args.jobs, out=args.out
        )
    if not args.quiet:
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
    print(f"wrote {path}")
    return 0

"""``python -m techvet_survey figures``: draw the report figures (reports/tables ->
reports/figures), in any of the five languages."""

from __future__ import annotations

import argparse
from pathlib import Path

from techvet_survey.cli import _run

HELP = "draw the report figures as PNG/SVG/PDF (English by default; --lang fi|et|lv|nl)"
DEFAULT_FORMATS = "png,svg,pdf"


def register(parser: argparse.ArgumentParser) -> None:
    _run.register(parser)
    parser.add_argument(
        "--lang", default="en", help="language of labels and titles: en, fi, et, lv, nl"
    )
    parser.add_argument(
        "--format", default=DEFAULT_FORMATS, help="comma-separated formats (png,svg,pdf)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="ID",
        help="figure id or pattern (repeatable), e.g. test_dif or 'survey_likert_*_gw'",
    )
    parser.add_argument(
        "--out", type=Path, help="folder (default reports/figures, or reports/figures/<lang>)"
    )
    parser.add_argument("--jobs", type=int, help="worker processes (default: one per CPU)")


def run(args: argparse.Namespace) -> int:
    default = args.lang == "en" and args.format == DEFAULT_FORMATS and not args.only
    if default and args.out is None and args.jobs is None:
        return _run.run(args, stages=["figures"])
    from techvet_survey.pipeline import Paths, draw_figures

    paths = Paths(raw=args.raw, processed=args.processed, reports=args.reports)
    written = draw_figures(
        paths,
        args.lang,
        formats=[fmt.strip() for fmt in args.format.split(",") if fmt.strip()],
        only=args.only,
        jobs=args.jobs,
        out=args.out,
    )
    out = written[-1].parent if written else args.out
    print(f"wrote {len(written)} files to {out}:")
    for path in written:
        print(f"  {path}")
    return 0

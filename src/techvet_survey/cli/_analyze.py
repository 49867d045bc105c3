"""``python -m techvet_survey analyze``: the analysis stage alone (data/processed ->
reports/tables)."""

from __future__ import annotations

import argparse

from techvet_survey.cli import _run

HELP = "run every analysis on data/processed and write reports/tables (CSV + XLSX)"


def register(parser: argparse.ArgumentParser) -> None:
    _run.register(parser)


def run(args: argparse.Namespace) -> int:
    return _run.run(args, stages=["analyze"])

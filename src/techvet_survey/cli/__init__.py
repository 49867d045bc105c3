"""Command-line interface: ``python -m techvet_survey [SUBCOMMAND] ...``.

The CLI only parses arguments and prints; the work lives in library functions that a
notebook can call too. Each subcommand is a module of this package with ``register``
(adds its parser) and ``run`` (does the work given the parsed arguments).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from techvet_survey import __version__
from techvet_survey.cli import (
    _analyze,
    _clean,
    _codebook,
    _export,
    _figures,
    _report,
    _run,
    _synth,
)
from techvet_survey.errors import TechvetError

SUBCOMMANDS = {
    "run": _run,
    "clean": _clean,
    "analyze": _analyze,
    "figures": _figures,
    "report": _report,
    "codebook": _codebook,
    "export": _export,
    "synth": _synth,
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the whole CLI."""
    parser = argparse.ArgumentParser(
        prog="python -m techvet_survey",
        description="Clean, analyse and report the NextSteps@TechVET study.",
    )
    parser.add_argument("--version", action="version", version=f"techvet_survey {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        module.register(commands.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit code.

    With no subcommand, ``run`` (the whole pipeline on ``data/raw``) is assumed.

    User errors (a :class:`~techvet_survey.errors.TechvetError`, a missing file) are
    printed as one line on stderr with exit code 2, never as a traceback. Anything else
    is a fault of the package: one line on stderr asking for a report, exit code 1; set
    ``TECHVET_DEBUG=1`` to see its traceback.
    """
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("--") and argv[0] not in ("--help", "-h", "--version")):
        argv = ["run", *argv]
    args = parser.parse_args(argv)
    try:
        return SUBCOMMANDS[args.command].run(args) or 0
    except (TechvetError, FileNotFoundError, PermissionError) as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; outputs written so far are complete files.", file=sys.stderr)
        return 130
    except Exception as error:
        if os.environ.get("TECHVET_DEBUG"):
            raise
        print(
            f"internal error ({type(error).__name__}: {_one_line(error)}) in "
            f"`{' '.join(['python -m techvet_survey', *argv])}`. This is a fault of "
            "techvet_survey, not of your files: please report it with this line; rerun "
            "with TECHVET_DEBUG=1 for the details.",
            file=sys.stderr,
        )
        return 1


def _one_line(error: BaseException) -> str:
    """The error's message on one line (notebook errors carry cell listings)."""
    return " ".join(str(error).split())

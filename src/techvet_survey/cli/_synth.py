"""``python -m techvet_survey synth``: write the synthetic study with planted truth."""

from __future__ import annotations

import argparse
from pathlib import Path

from techvet_survey.errors import TechvetError

HELP = "write the synthetic study (raw exports + truth) into a folder"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=Path("data/raw"), help="target folder (default: data/raw)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplies every sample size (default 1)"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default: the bundled sample's)"
    )
    parser.add_argument(
        "--limesurvey-respondents",
        type=int,
        default=None,
        metavar="N",
        help="instead, stream one LimeSurvey export of N respondents to --out/survey/",
    )


def run(args: argparse.Namespace) -> int:
    from techvet_survey import synth

    seed = synth.DEFAULT_SEED if args.seed is None else args.seed
    if args.scale <= 0:
        raise TechvetError(f"--scale must be positive; got {args.scale}.")
    if args.limesurvey_respondents is not None:
        if args.limesurvey_respondents < 1:
            raise TechvetError("--limesurvey-respondents must be at least 1.")
        target = args.out / "survey" / f"limesurvey_{args.limesurvey_respondents}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        synth.write_large_limesurvey(target, args.limesurvey_respondents, seed=seed)
        print(f"wrote {target}")
        return 0
    truth = synth.generate_study(args.out, scale=args.scale, seed=seed)
    for path in sorted(args.out.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:>10,d}  {path}")
    print(f"planted truth: {truth}")
    return 0

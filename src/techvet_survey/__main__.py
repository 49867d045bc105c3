"""Entry point of ``python -m techvet_survey``."""

from techvet_survey.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""techvet_survey: the analysis package of the NextSteps@TechVET study.

Cleaning of multinational survey exports, psychometrics of the Learning Ambassador
assessment test, country comparisons with measurement invariance, interview analysis
and the comparative report, all from one codebook.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("techvet_survey")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.1.0"

__all__ = ["__version__"]

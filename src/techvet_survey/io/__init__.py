"""Reading raw survey exports: any partner's file to a raw frame with provenance.

``read_export`` detects the tool that wrote a file (LimeSurvey, Qualtrics, Webropol,
Microsoft Forms, Google Forms, SPSS, a Moodle quiz report, coded interview segments, case
tables: one adapter per tool in :mod:`techvet_survey.io.tools`),
its encoding, delimiter and header layout, and returns the cells as read together with
their provenance (file hash, size, encoding, ...) and the row of each record in the file.
The cleaning step builds on it; this layer never recodes a value.
"""

from techvet_survey.io._export import RawExport, detect_flavour, iter_export, read_export
from techvet_survey.io._flavours import FLAVOURS
from techvet_survey.io._inventory import file_inventory
from techvet_survey.io._numbers import parse_number

__all__ = [
    "FLAVOURS",
    "RawExport",
    "detect_flavour",
    "file_inventory",
    "iter_export",
    "parse_number",
    "read_export",
]

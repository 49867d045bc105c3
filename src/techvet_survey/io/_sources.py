"""Opening an export file: its container from the first bytes, and the files that are
not exports (QDA project databases, documents, pictures, survey structures, syntax
files) refused with what to export instead."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from techvet_survey.errors import InputError, NotAnExport

SUPPORTED = (
    "Supported: CSV/TSV text (UTF-8, UTF-16 with BOM, cp1257, cp1252), .xlsx workbooks and "
    "SPSS .sav files, from LimeSurvey, Qualtrics, Webropol, Microsoft Forms, Google Forms, "
    "Moodle quiz Responses reports, coded-segment tables or any table with a header row."
)
SAV_MAGIC = (b"$FL2", b"$FL3")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SQLITE_MAGIC = b"SQLite format 3\x00"
QDA_PROJECTS = {
    ".mex": "a MAXQDA project",
    ".mx24": "a MAXQDA project",
    ".mx22": "a MAXQDA project",
    ".mx20": "a MAXQDA project",
    ".mx18": "a MAXQDA project",
    ".nvp": "an NVivo project",
    ".nvpx": "an NVivo project",
    ".qda": "a QualCoder project",
    ".atlproj": "an ATLAS.ti project",
}
QDA_EXPORT = "export the coded project as REFI-QDA (.qdpx) or the coded segments as .xlsx"
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}
OTHER_FORMATS = {
    ".por": "an SPSS portable file (.por), which is not supported: open it in SPSS (or PSPP) "
    "and save it as .sav",
    ".lss": "a LimeSurvey survey structure (.lss), which holds the questions, not the "
    "responses: in LimeSurvey export the responses (Responses > Export results) as CSV",
    ".lsg": "a LimeSurvey question-group structure (.lsg), which holds questions, not "
    "responses: in LimeSurvey export the responses (Responses > Export results) as CSV",
    ".lsq": "a LimeSurvey question structure (.lsq), which holds a question, not "
    "responses: in LimeSurvey export the responses (Responses > Export results) as CSV",
    ".lsr": "a LimeSurvey response archive (.lsr, XML for re-import): in LimeSurvey export "
    "the responses (Responses > Export results) as CSV",
    ".lsa": "a LimeSurvey survey archive (.lsa): in LimeSurvey export the responses "
    "(Responses > Export results) as CSV",
    ".r": "an R script (such as the syntax file written beside a data file), not data: "
    "read the data file (.csv) instead",
    ".sps": "an SPSS syntax file, not data: read the data file (.sav or .csv) instead",
}
CONVERTIBLE = {".por"}  # holds responses, in a format that must be converted first
ZIP_DOCUMENTS = {
    "word/document.xml": "a Word document (.docx)",
    "ppt/presentation.xml": "a PowerPoint presentation (.pptx)",
    "content.xml": "an OpenDocument file (.ods/.odt); save a spreadsheet as .xlsx",
}


# Files that travel with an export but hold no responses: syntax files of statistics
# programs, survey definitions, documents and pictures. They are listed as skipped.
COMPANIONS = {
    ".r": "an R script",
    ".rmd": "an R Markdown document",
    ".sps": "an SPSS syntax file",
    ".spv": "an SPSS output file",
    ".sas": "a SAS program",
    ".do": "a Stata do-file",
    ".py": "a Python script",
    ".ipynb": "a notebook",
    ".lss": "a LimeSurvey survey structure",
    ".lsq": "a LimeSurvey question file",
    ".lsg": "a LimeSurvey question group file",
    ".lsr": "a LimeSurvey response archive",
    ".lsa": "a LimeSurvey survey archive",
    ".qsf": "a Qualtrics survey definition",
    ".pdf": "a PDF document",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "a text document",
    ".rtf": "a text document",
    ".md": "a text document",
    ".html": "a web page",
    ".htm": "a web page",
    ".png": "a picture",
    ".jpg": "a picture",
    ".jpeg": "a picture",
    ".gif": "a picture",
    ".svg": "a picture",
    ".json": "a JSON file",
    ".xml": "an XML file",
    ".yaml": "a YAML file",
    ".yml": "a YAML file",
    ".log": "a log file",
}
ARCHIVES = {".zip", ".7z", ".rar", ".gz", ".tar"}
# OTHER_FORMATS gives the fuller message (what to export instead) where it has the suffix.


def companion_reason(path: Path) -> str | None:
    """Why a file is skipped without being read (a companion or an archive), or None.

    Examples
    --------
    >>> companion_reason(Path("survey_syntax.sps"))
    'not an export: an SPSS syntax file'
    >>> companion_reason(Path("results.csv")) is None
    True
    """
    suffix = path.suffix.lower()
    if suffix in COMPANIONS:
        return f"not an export: {COMPANIONS[suffix]}"
    if suffix in ARCHIVES:
        return "an archive: unpack it into the raw folder to have its exports read"
    return None


@dataclass
class Source:
    """A file to read: its path, display name, size and container kind."""

    path: Path
    name: str
    size: int
    kind: str  # 'csv', 'xlsx', 'sav' or 'qdpx'


def open_source(path) -> Source:
    """Check that `path` is a non-empty file and find its container from the first bytes."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        what = "a folder" if path.is_dir() else "missing"
        raise InputError(f"`path` {str(path)!r} is {what}; pass the path of an export file.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(
            f"{name!r} is empty (0 bytes): the export or the copy failed. Export it again."
        )
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    magic = head[:4]
    suffix = path.suffix.lower()
    if magic in SAV_MAGIC:
        return Source(path, name, size, "sav")
    if suffix in CONVERTIBLE:  # holds responses, in a format to convert first
        raise InputError(f"{name!r} is {OTHER_FORMATS[suffix]}.")
    reason = companion_reason(path)
    if reason is not None:  # holds no responses: skipped in a raw folder, with the reason
        if suffix in OTHER_FORMATS:
            raise NotAnExport(f"{name!r} is {OTHER_FORMATS[suffix]}.", reason=reason)
        raise NotAnExport(
            f"{name!r} is {reason.removeprefix('not an export: ')}, not a data export. "
            f"Export the responses from the survey tool as CSV or .xlsx. {SUPPORTED}",
            reason=reason,
        )
    if magic == ZIP_MAGIC:
        return Source(path, name, size, _zip_kind(path, name, suffix))
    _refuse_binary(name, suffix, head)
    if magic == OLE_MAGIC:
        raise InputError(
            f"{name!r} is a legacy Excel 97-2003 (.xls) or other OLE file, which is not "
            "supported. Open it in a spreadsheet program and save it as .xlsx."
        )
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(
            f"{name!r} is not a readable .xlsx workbook (not a zip archive); the file is "
            "truncated or corrupt. Download or export it again."
        )
    if suffix in (".sav", ".zsav"):
        raise InputError(
            f"{name!r} is not an SPSS file (no $FL2/$FL3 signature); it is truncated or "
            "corrupt. Save it again from SPSS."
        )
    return Source(path, name, size, "csv")


def _zip_kind(path: Path, name: str, suffix: str) -> str:
    """``'qdpx'`` for a REFI-QDA project, else ``'xlsx'``; other zip documents refused."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "xlsx"  # the workbook reader says that the archive is broken
    if "project.qde" in {member.casefold() for member in members}:  # ATLAS.ti: Project.qde
        return "qdpx"
    if suffix in QDA_PROJECTS:
        raise InputError(f"{name!r} is {QDA_PROJECTS[suffix]}, not an export: {QDA_EXPORT}.")
    for member, what in ZIP_DOCUMENTS.items():
        if member in members and "xl/workbook.xml" not in members:
            raise NotAnExport(
                f"{name!r} is {what}, not a data export. Export the responses from the survey "
                "tool as CSV or .xlsx."
            )
    return "xlsx"


def _refuse_binary(name: str, suffix: str, head: bytes) -> None:
    """Refuse files that are no table at all, saying what they are and what to export."""
    if head.startswith(SQLITE_MAGIC):
        what = QDA_PROJECTS.get(suffix, "an SQLite database (a program's project file)")
        raise InputError(f"{name!r} is {what}, not an export: {QDA_EXPORT}.")
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            raise NotAnExport(
                f"{name!r} is {what}, not a data export. Export the responses from the survey "
                f"tool as CSV or .xlsx. {SUPPORTED}"
            )

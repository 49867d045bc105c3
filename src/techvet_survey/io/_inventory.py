"""An inventory of a raw-data folder: every file with its flavour, size, hash and problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from techvet_survey.errors import InputError, NotAnExport, TechvetError
from techvet_survey.io._export import plan_export, sha256_of

SKIPPED_FOLDERS = {"truth"}
COLUMNS = ["file", "flavour", "size_bytes", "sha256", "problem", "skipped"]
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


def _listed(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in relative.parts[:-1]):
        return False
    name = path.name
    return not (name.startswith((".", "~$")) or name.upper().startswith("README"))


def file_inventory(raw_dir) -> pd.DataFrame:
    """Every file under `raw_dir` with its detected flavour, size, SHA-256 and problem.

    A file that cannot be read gets the reason in ``problem`` (missing when the file is
    fine) and, when not even its flavour could be found, a missing flavour; so all
    problems of a delivery are reported at once. Companion files that hold no responses
    (syntax files such as ``.sps`` and ``.R``, survey definitions, documents, pictures)
    and archives are not opened: ``skipped`` says why (missing for files to read).
    Folders named ``truth``, hidden files, Office lock files (``~$...``) and README files
    are not listed.

    Parameters
    ----------
    raw_dir : str or Path
        The folder of raw exports.

    Returns
    -------
    DataFrame
        ``file`` (path relative to `raw_dir`, with ``/``), ``flavour``, ``size_bytes``,
        ``sha256``, ``problem``, ``skipped``; one row per file, sorted by ``file``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("document,country\\nFI-01,FI\\n")
    >>> _ = (folder / "b.xlsx").write_bytes(b"")
    >>> file_inventory(folder)[["file", "flavour", "size_bytes"]]
         file         flavour  size_bytes
    0   a.csv  case_table_csv          26
    1  b.xlsx             NaN           0
    """
    root = Path(raw_dir)
    if not root.is_dir():
        raise InputError(f"`raw_dir` {str(root)!r} is not a folder; pass the raw-data folder.")
    rows = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or not _listed(path, root):
            continue
        row = {
            "file": path.relative_to(root).as_posix(),
            "flavour": None,
            "size_bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            "problem": None,
            "skipped": companion_reason(path),
        }
        if row["skipped"] is not None:
            rows.append(row)
            continue
        try:
            row["flavour"] = plan_export(path).flavour
        except NotAnExport as error:
            row["skipped"] = str(error)
        except (TechvetError, OSError) as error:
            row["problem"] = str(error)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS).astype({"size_bytes": "int64"})

"""An inventory of a raw-data folder: every file with its flavour, size, hash and problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from techvet_survey._files import sha256_of
from techvet_survey.errors import InputError, NotAnExport, TechvetError
from techvet_survey.io._export import plan_export

SKIPPED_FOLDERS = {"truth"}
COLUMNS = ["file", "flavour", "size_bytes", "sha256", "problem", "skipped"]


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
            "skipped": None,
        }
        try:
            row["flavour"] = plan_export(path).flavour
        except NotAnExport as error:  # companions, documents, survey structures
            row["skipped"] = error.reason
        except (TechvetError, OSError) as error:
            row["problem"] = str(error)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS).astype({"size_bytes": "int64"})

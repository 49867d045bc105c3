"""Inputs of the ``figures`` and ``report`` stages, which read several folders.

The pipeline keys a stage's up-to-date stamp by the digest of one source folder; these
stages read several, so their source is a small folder holding the digest of each input
(rewritten only when one changes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from techvet_survey._files import atomic_write_bytes
from techvet_survey.figures import MANIFEST_NAME
from techvet_survey.report._build import default_notebooks_dir

INPUTS_FOLDER = ".inputs"


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def stage_inputs(paths, stage: str, notebooks_dir: str | Path | None = None) -> Path:
    """The folder whose digest stands for every input of `stage` (``figures``/``report``).

    ``figures`` reads the report tables and the processed tables; ``report`` also the
    English figures (their manifest holds every file's checksum) and the notebooks.
    """
    from techvet_survey.pipeline import tree_digest

    lines = [
        f"tables {tree_digest(paths.tables)}",
        f"processed {tree_digest(paths.processed)}",
    ]
    if stage == "report":
        notebooks = Path(notebooks_dir) if notebooks_dir else default_notebooks_dir()
        lines.append(f"figures {_file_digest(paths.figures / MANIFEST_NAME)}")
        lines.append(f"notebooks {tree_digest(notebooks, '*.ipynb')}")
    folder = paths.reports / INPUTS_FOLDER / stage
    content = ("\n".join(lines) + "\n").encode("utf-8")
    target = folder / "digests.txt"
    if not target.exists() or target.read_bytes() != content:
        atomic_write_bytes(target, content)
    return folder

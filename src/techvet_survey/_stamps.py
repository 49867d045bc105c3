"""Whether a stage's outputs are current: digests of its inputs and of what it wrote.

The one up-to-date mechanism of the package. A stage (``clean``, ``analyze``,
``figures``, ``report``) writes a stamp ``.stage_<stage>.json`` into its output folder
with the digest of its inputs (:func:`inputs_digest` over the folders it read) and the
sha256 of every file it wrote. It is current only while both still match the disk, so
an output edited or replaced by hand makes it stale. The figures' manifest records the
same inputs digest, so saved figures are known current by the same rule.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from techvet_survey import __version__
from techvet_survey._files import atomic_write_bytes, json_bytes, sha256_of

STAMP_PREFIX = ".stage_"
BUNDLED_CODEBOOK = Path(__file__).parent / "codebook" / "data"
"""The YAML files of the bundled codebook, which every stage reads."""


def tree_digest(folder: str | Path, pattern: str = "*") -> str:
    """sha256 over the relative paths and contents of the files under `folder` (or of
    one file).

    Hidden files and folders (stamps, the lock, checkpoints) do not count; a missing
    folder has the digest of an empty tree. The package version is part of the digest,
    so a new version rebuilds every stage.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> before = tree_digest(folder)
    >>> _ = (folder / "a.csv").write_text("x\\n")
    >>> before != tree_digest(folder), tree_digest(folder) == tree_digest(folder)
    (True, True)
    """
    folder = Path(folder)
    digest = hashlib.sha256(__version__.encode())
    if folder.is_file():
        digest.update(bytes.fromhex(sha256_of(folder)))
    elif folder.exists():
        for path in sorted(folder.rglob(pattern)):
            relative = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                digest.update(str(relative).encode())
                digest.update(bytes.fromhex(sha256_of(path)))
    return digest.hexdigest()


def inputs_digest(sources: Mapping[str, str | Path | None], pattern: str = "*") -> str:
    """One digest over several named input folders or files (None: an input the stage
    lacks).

    Examples
    --------
    >>> inputs_digest({"tables": "/nonexistent/a"}) == inputs_digest({"tables": "/nonexistent/b"})
    True
    """
    digest = hashlib.sha256()
    for name in sorted(sources):
        folder = sources[name]
        value = "absent" if folder is None else tree_digest(folder, pattern)
        digest.update(f"{name} {value}\n".encode())
    return digest.hexdigest()


def stage_inputs_digest(sources: Mapping[str, str | Path | None], code: str = "") -> str:
    """The digest of a stage's inputs: its `sources` (:func:`inputs_digest`), the bundled
    codebook, so that a changed label or scale reruns the stages, and `code`: what of the
    stage's own code decides its outputs (e.g. the tables it writes), when that is more
    than the package version."""
    digest = inputs_digest({**sources, "codebook": BUNDLED_CODEBOOK})
    return hashlib.sha256(f"{digest} {code}".encode()).hexdigest() if code else digest


def file_digest(path: str | Path) -> str | None:
    """The sha256 of a file, or None when it does not exist."""
    path = Path(path)
    return sha256_of(path) if path.is_file() else None


def stamp_path(folder: str | Path, stage: str) -> Path:
    """Where the stamp of `stage` lives in its output folder."""
    return Path(folder) / f"{STAMP_PREFIX}{stage}.json"


def read_stamp(folder: str | Path, stage: str) -> dict | None:
    """The stamp of `stage` in `folder`, or None when absent or unreadable."""
    path = stamp_path(folder, stage)
    if not path.exists():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def is_current(folder: str | Path, stage: str, inputs: str) -> bool:
    """Whether `stage`'s stamp in `folder` records `inputs` and every output it wrote is
    still on disk unchanged."""
    record = read_stamp(folder, stage)
    if record is None or record.get("inputs") != inputs:
        return False
    outputs = record.get("outputs")
    if not isinstance(outputs, dict):
        return False
    return all(file_digest(Path(folder) / name) == digest for name, digest in outputs.items())


def write_stamp(folder: str | Path, stage: str, inputs: str, outputs: Iterable[str]) -> None:
    """Record that `stage` wrote `outputs` (names relative to `folder`) from `inputs`."""
    digests = {name: file_digest(Path(folder) / name) for name in sorted(outputs)}
    record = {"stage": stage, "inputs": inputs, "outputs": digests}
    atomic_write_bytes(stamp_path(folder, stage), json_bytes(record))

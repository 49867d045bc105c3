"""What each figure read, so that a rerun redraws only the figures whose inputs changed.

A figure is drawn with a codebook whose YAML tree records every entry read (a label,
a response-scale code, the list of a section's keys) and with inputs that record every
table read. Its *input digest* covers the settings (language, smallest cell, titles,
formats), the code that draws (the source of this package's drawing modules and the
versions of the libraries that render), the sha256 of each table file it read and the
current value of each codebook entry it read. A saved figure whose digest is unchanged
and whose files are still on disk as written is kept, not drawn again: changing one
label redraws the figures that read it and no others.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from techvet_survey import __version__
from techvet_survey._files import atomic_write_bytes, json_bytes, sha256_of
from techvet_survey.codebook import Codebook
from techvet_survey.figures._plan import Inputs

INPUTS_NAME = ".figure_inputs.json"
"""The per-figure input records, beside the figures (hidden: not a report output)."""

RENDERING_LIBRARIES = ("matplotlib", "numpy", "pandas", "fonttools", "pillow")
"""Libraries whose version can change the bytes of a saved figure."""

_PACKAGE = Path(__file__).resolve().parents[1]
_DRAWING_ROOTS = ("figures", "plots")
_NOT_DRAWING = ("__init__.py", "_render.py", "_inputs.py")  # run the drawing, read tables
_MISSING = "<missing>"
_MAPPING = "<mapping>"


class RecordedMapping(Mapping):
    """A read-only view of a nested mapping that records what is read of it.

    ``reads`` collects ``("value", path)`` for each entry looked up (present or not) and
    ``("keys", path)`` for each listing of a mapping's keys (iteration, ``len``).
    """

    def __init__(self, data: Mapping, reads: set, path: tuple = ()):
        self._data, self._reads, self._path = data, reads, path

    def __getitem__(self, key):
        path = (*self._path, key)
        self._reads.add(("value", path))
        value = self._data[key]
        return RecordedMapping(value, self._reads, path) if isinstance(value, Mapping) else value

    def __iter__(self) -> Iterator:
        self._reads.add(("keys", self._path))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add(("keys", self._path))
        return len(self._data)

    def __contains__(self, key) -> bool:
        self._reads.add(("value", (*self._path, key)))
        return key in self._data


def recording_codebook(book: Codebook) -> tuple[Codebook, set]:
    """A copy of `book` that records the entries read of its YAML tree, and the record."""
    reads: set = set()
    return Codebook(raw=RecordedMapping(book.raw, reads), source=book.source), reads


def lookup(raw: Mapping, kind: str, path) -> str:
    """What a read of `kind` at `path` gives in `raw`, as text for the digest."""
    node = raw
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    if kind == "keys":
        return repr(list(node)) if isinstance(node, Mapping) else _MISSING
    return _MAPPING if isinstance(node, Mapping) else repr(node)


@dataclass(frozen=True)
class RecordingInputs(Inputs):
    """:class:`Inputs` that note the tables read."""

    read: set = field(default_factory=set, compare=False)

    def table(self, source: str):
        self.read.add(source)
        return super().table(source)


def recording(inputs: Inputs) -> tuple[RecordingInputs, set]:
    """`inputs` with a recording codebook and table reads; the codebook reads."""
    book, reads = recording_codebook(inputs.codebook)
    fields = {name: getattr(inputs, name) for name in Inputs.__dataclass_fields__}
    return RecordingInputs(**{**fields, "codebook": book}), reads


def reads_record(inputs: RecordingInputs, codebook_reads: set) -> dict:
    """The JSON record of what one figure read."""
    return {
        "tables": sorted(inputs.read),
        "codebook": sorted(([kind, list(path)] for kind, path in codebook_reads), key=repr),
    }


@cache
def drawing_code_digest() -> str:
    """sha256 over the source of the modules that draw the figures (this package's
    ``figures`` and ``plots`` and every module of the package they import, at any
    depth), the package version and the versions of :data:`RENDERING_LIBRARIES`."""
    digest = hashlib.sha256(__version__.encode())
    for library in RENDERING_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library} {version}\n".encode())
    for path in sorted(drawing_modules()):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def drawing_modules() -> set[Path]:
    """The source files of ``figures``, ``plots`` and the package modules they import."""
    pending = [
        path
        for root in _DRAWING_ROOTS
        for path in (_PACKAGE / root).glob("*.py")
        if not (root == "figures" and path.name in _NOT_DRAWING)
    ]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        pending.extend(_imported_files(path))
    return seen


def _imported_files(path: Path) -> Iterator[Path]:
    """The package's source files that `path` imports (at the top or in a function):
    ``from a.b import c`` reads module ``a.b.c`` if there is one, else ``a.b``."""
    package = ".".join(path.relative_to(_PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                files = list(_module_files(f"{base}.{alias.name}"))
                yield from files or _module_files(base)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield from _module_files(alias.name)


def _module_files(name: str) -> Iterator[Path]:
    """The source file of module `name` if it is one of this package's."""
    if name.split(".")[0] != _PACKAGE.name:
        return
    relative = Path(*name.split(".")[1:])
    for candidate in (_PACKAGE / relative).with_suffix(".py"), _PACKAGE / relative / "__init__.py":
        if candidate.is_file():
            yield candidate
            return


@dataclass(frozen=True)
class InputState:
    """Everything a figure's input digest is computed from, for one run."""

    settings: dict
    table_files: dict  # source -> path of its file
    codebook: Codebook

    def digest(self, record: dict) -> str:
        """The input digest of a figure that read `record` (:func:`reads_record`)."""
        digest = hashlib.sha256(drawing_code_digest().encode())
        digest.update(json.dumps(self.settings, sort_keys=True).encode())
        for source in record["tables"]:
            digest.update(f"{source} {_table_digest(self.table_files.get(source))}\n".encode())
        for kind, path in record["codebook"]:
            value = lookup(self.codebook.raw, kind, path)
            digest.update(f"{kind} {path!r} {value}\n".encode())
        return digest.hexdigest()


def _table_digest(path) -> str:
    return sha256_of(path) if path is not None and Path(path).is_file() else _MISSING


def table_files(tables_dir, processed_dir) -> dict[str, Path]:
    """The file each figure source is read from (``tables/<name>`` -> ``<name>.csv``)."""
    files = {f"tables/{path.stem}": path for path in sorted(Path(tables_dir).glob("*.csv"))}
    if processed_dir is not None:
        for path in sorted(Path(processed_dir).glob("*.parquet")):
            files[f"processed/{path.stem}"] = path
    return files


def read_records(folder: Path) -> dict:
    """The input records of the figures saved in `folder`, by figure id (empty when
    absent or unreadable)."""
    try:
        record = json.loads((folder / INPUTS_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    figures = record.get("figures") if isinstance(record, dict) else None
    return figures if isinstance(figures, dict) else {}


def write_records(folder: Path, records: dict) -> None:
    """Save the input records of the figures of `folder`."""
    atomic_write_bytes(folder / INPUTS_NAME, json_bytes({"figures": records}))


def kept_entry(folder: Path, previous: dict, manifest_entry: dict | None, state: InputState):
    """The manifest entry of a saved figure that needs no redrawing, else None.

    It is kept when its input record's digest is that of the current inputs and each of
    its files is on disk with the sha256 the manifest recorded.
    """
    if not previous or manifest_entry is None:
        return None
    if previous.get("digest") != state.digest(previous):
        return None
    for item in manifest_entry.get("files", {}).values():
        path = folder / item.get("file", "")
        if not path.is_file() or sha256_of(path) != item.get("sha256"):
            return None
    return manifest_entry

"""File writing that is atomic and byte-reproducible (no wall-clock stamps).

Every write goes through :func:`atomic_write_bytes`: a failed or killed write leaves the
previous file as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "2026-01-01T00:00:00Z"


def write_xlsx(path: Path, header: list[str], rows, sheet: str = "Sheet1") -> None:
    """Write a one-sheet workbook (streamed) and strip its timestamps.

    `rows` is an iterable of lists; cells may be str, numbers, datetimes or None.
    """
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(header)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(path, stable_zip(buffer.getvalue()))


def strict_json(value) -> object:
    """`value` with every NaN, infinity or pandas missing value as None and every numpy
    scalar as its Python number, so that it is valid JSON.

    Examples
    --------
    >>> import numpy as np
    >>> strict_json({"a": float("nan"), "b": [np.int64(3), np.float64("inf"), "x"]})
    {'a': None, 'b': [3, None, 'x']}
    """
    if isinstance(value, dict):
        return {key: strict_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # a numpy scalar
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    import pandas as pd

    return None if pd.isna(value) else value


def json_bytes(value, **options) -> bytes:
    """`value` as strict UTF-8 JSON with a final newline (:func:`strict_json`; never
    ``NaN`` or ``Infinity``, which strict parsers reject); `options` go to
    :func:`json.dumps`.

    Examples
    --------
    >>> json_bytes({"n": float("nan")}, indent=None)
    b'{"n": null}\\n'
    """
    options = {"indent": 1, "ensure_ascii": False} | options
    text = json.dumps(strict_json(value), allow_nan=False, **options)
    return (text + "\n").encode("utf-8")


def stable_zip(content: bytes) -> bytes:
    """Rewrite a zip with fixed member times and fixed document-property dates."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda member: member.filename):
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + FIXED_ISO_TIME.encode() + rb"\g<2>",
                    data,
                )
            stable = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, data)
    return target_buffer.getvalue()


def stabilise_sav(path: Path) -> None:
    """Overwrite the creation date and time in an SPSS .sav header with fixed values.

    The header stores ``dd mmm yy`` at byte 92 and ``hh:mm:ss`` at byte 101.
    """
    content = bytearray(path.read_bytes())
    content[92:101] = b"01 Jan 26"
    content[101:109] = b"00:00:00"
    atomic_write_bytes(path, bytes(content))


def stabilise_dta(path: Path) -> None:
    """Overwrite the ``dd Mon yyyy hh:mm`` time stamp of a Stata .dta (format 117 or
    later) with a fixed value."""
    content = path.read_bytes()
    stamp = re.compile(rb"<timestamp>\x11\d\d \w{3} \d{4} \d\d:\d\d</timestamp>")
    fixed = b"<timestamp>\x1101 Jan 2026 00:00</timestamp>"
    atomic_write_bytes(path, stamp.sub(fixed, content, count=1))


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (the file is opened read-only)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def atomic_write_bytes(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file and a rename, so that a run
    killed midway leaves the previous file intact."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(content)


@contextmanager
def atomic_path(path: Path):
    """A temporary path beside `path` for a writer that wants a file name (a parquet or
    figure writer); renamed to `path` when the block ends, removed if it fails.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "table.txt"
    >>> with atomic_path(target) as temporary:
    ...     _ = temporary.write_text("x")
    >>> target.read_text()
    'x'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        # mkstemp creates the file owner-only; outputs get the usual permissions.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

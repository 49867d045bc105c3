"""Reading one raw export: container and tool detection, provenance, whole or in chunks."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techvet_survey._files import sha256_of
from techvet_survey._results import Result
from techvet_survey._validation import check_argument
from techvet_survey.errors import ArgumentError, InputError, NotAnExport
from techvet_survey.io import _delimited, _sav, _xlsx
from techvet_survey.io._flavours import FLAVOURS
from techvet_survey.io._frames import comma_sample, drop_unnamed, frame_from_rows, frame_from_table
from techvet_survey.io._layout import check_unique
from techvet_survey.io._numbers import decimal_comma_columns
from techvet_survey.io._sources import (
    SUPPORTED,
    Source,
    open_source,
)
from techvet_survey.io.tools import fold

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat"}
DECIMAL_SAMPLE_ROWS = 5000
HASH_IN_THREAD_BYTES = 4 * 2**20  # larger files are hashed while they are read


@dataclass(frozen=True, eq=False)
class RawExport(Result):
    """A raw export as read: the cells, the tool flavour, provenance and metadata.

    Attributes
    ----------
    frame : DataFrame
        One row per data row of the file (header, title, question-text and blank rows
        are not data rows), with a RangeIndex. CSV cells are text (pandas ``str``
        dtype); Excel columns holding only text are ``str``, others ``object`` with the
        cells as Excel stores them (numbers, datetimes); SPSS columns are numbers,
        text or datetimes. Empty cells (and empty SPSS strings) are NaN everywhere.
    flavour : str
        The tool and container, e.g. ``'limesurvey_csv'`` (see ``FLAVOURS``).
    provenance : dict
        ``file, path, sha256, size_bytes, flavour, encoding, delimiter, sheet,
        header_row, question_text_row, title_rows, header_rows, rows, columns,
        blank_rows, decimal, decimal_comma_columns, renamed_columns`` (None where not
        applicable), plus ``chunk`` for chunks. ``header_rows`` counts the rows from the
        header to the first data row (3 in a Qualtrics export: codes, question texts,
        import ids); ``renamed_columns`` maps each renamed duplicate to its header.
        ``encoding`` is as detected (``'utf-8-sig'`` when a UTF-8 byte-order mark is
        present) or given; for SPSS files the one the file declares. ``rows`` and
        ``columns`` are the frame's counts, ``blank_rows`` the empty rows dropped.
    meta : dict
        CSV/Excel: ``title`` (text of the rows above the header), ``question_text``
        (column to question text when a second header row holds them), ``sheets``.
        SPSS: ``variable_labels``, ``value_labels``, ``missing_ranges``, ``measure``,
        ``formats``, ``file_label``, ``file_encoding``, ``notes``, ``raw_date_columns``
        (date columns read as raw SPSS numbers because they cannot be converted).
    row_numbers : ndarray of int64
        The 1-based row of each frame row in the file, as a spreadsheet program numbers
        them (the header row of a plain CSV is row 1; a CSV record with line breaks inside
        a quoted cell is one row); SPSS cases are numbered from 1.
    """

    frame: pd.DataFrame
    flavour: str
    provenance: dict
    meta: dict
    row_numbers: np.ndarray = field(repr=False)
    _data_tables: ClassVar[tuple[str, ...]] = ("frame",)

    def locate(self, position: int, column: str | None = None) -> str:
        """Where frame row `position` (0-based) comes from, for messages.

        Examples
        --------
        >>> raw = RawExport(pd.DataFrame({"q1": ["A1"]}), "generic_csv",
        ...                 {"file": "x.csv"}, {}, np.array([3]))
        >>> raw.locate(0, "q1")
        "file 'x.csv', row 3, column 'q1'"
        """
        where = f"file {self.provenance['file']!r}, row {int(self.row_numbers[position])}"
        return where if column is None else f"{where}, column {column!r}"


@dataclass
class Plan:
    """Everything known about an export before its data rows are read."""

    source: Source
    flavour: str
    layout: object = None
    encoding_detected: bool = True
    encoding: str | None = None


def plan_export(path, *, flavour=None, encoding=None, sheet=None, whole=False) -> Plan:
    """Inspect a file: container, encoding, dialect, header layout and flavour.

    With `whole`, an .xlsx sheet is read completely (for :func:`read_export`).
    """
    if flavour is not None:
        check_argument("flavour", FLAVOURS, flavour)
    source = open_source(path)
    _check_options(source, encoding, sheet)
    if source.kind == "qdpx":
        plan = Plan(source, "qdpx")
    elif source.kind == "sav":
        plan = Plan(source, "spss_sav", encoding=encoding)
    elif source.kind == "xlsx":
        layout = _xlsx.inspect_xlsx(source.path, source.name, sheet, whole=whole)
        _refuse_report(source, layout.header)
        plan = Plan(source, f"{layout.header.tool.name}_xlsx", layout)
    else:
        layout = _delimited.inspect_csv(source.path, source.name, encoding)
        _refuse_report(source, layout.header)
        tool = layout.header.tool.name
        _check_table(source, layout, tool)
        plan = Plan(source, f"{tool}_csv", layout, encoding is None)
    if flavour is not None and flavour != plan.flavour:
        wanted = flavour.rsplit("_", 1)[-1]
        if wanted != source.kind:
            raise ArgumentError(
                f"`flavour` {flavour!r} does not fit {source.name!r}, which is a {source.kind} "
                f"file (detected {plan.flavour!r}). Pass a *_{source.kind} flavour or none."
            )
        plan.flavour = flavour
    return plan


def _refuse_report(source: Source, header) -> None:
    """A report of a known tool that cannot be cleaned (the adapter says what to export)."""
    tool = header.tool
    names = [fold(name) for name in header.names]
    message = tool.not_export(names)
    if message is not None:
        raise NotAnExport(f"{source.name!r}: {message}")
    message = tool.refuse(names)
    if message is not None:
        raise InputError(f"{source.name!r}: {message}")


def _check_options(source: Source, encoding, sheet) -> None:
    if sheet is not None and source.kind != "xlsx":
        raise ArgumentError(
            f"`sheet` applies to .xlsx workbooks only; {source.name!r} is a {source.kind} "
            "file. Leave `sheet` out."
        )
    if encoding is not None and source.kind == "xlsx":
        raise ArgumentError(
            f"`encoding` does not apply to {source.name!r}: .xlsx workbooks are always "
            "Unicode. Leave `encoding` out."
        )


def _check_table(source: Source, layout, tool: str) -> None:
    if tool != "generic" or source.path.suffix.lower() in TEXT_SUFFIXES:
        return
    if layout.width < 2 or layout.consistency < 0.8:
        raise InputError(
            f"{source.name!r} is not a recognised export nor a readable table (no delimiter "
            f"splits its lines into steady columns). {SUPPORTED}"
        )


def _readable(plan: Plan) -> Plan:
    if plan.source.kind == "qdpx":
        raise InputError(
            f"{plan.source.name!r} is a REFI-QDA project (.qdpx), not a table: read its coded "
            "segments with techvet_survey.interviews.read_qdpx."
        )
    return plan


def detect_flavour(path) -> str:
    """The flavour of an export, recognised from its content (not only its extension).

    Parameters
    ----------
    path : str or Path
        The export file.

    Returns
    -------
    str
        One of ``FLAVOURS``: ``'<tool>_<container>'`` with tool ``limesurvey``,
        ``qualtrics``, ``webropol``, ``msforms``, ``googleforms``, ``lms_quiz`` (a Moodle
        quiz Responses report), ``qda_segments``, ``case_table`` or ``generic`` (see
        :mod:`techvet_survey.io.tools`) and container ``csv`` or ``xlsx``; or ``'spss_sav'``;
        or ``'qdpx'`` for a REFI-QDA project (which :func:`read_export` refers to
        ``techvet_survey.interviews.read_qdpx``).

    Raises
    ------
    InputError
        When the file is empty, corrupt, or neither a recognised export nor a table; or a
        report or project file that is no export (a Moodle Grades report, a LimeSurvey
        survey structure, a MAXQDA or NVivo project, a PDF...), saying what to export.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "export.csv").write_text("Timestamp,Age\\n2026-03-01 10:00,34\\n")
    >>> detect_flavour(folder / "export.csv")
    'googleforms_csv'
    """
    return plan_export(path).flavour


def _provenance(plan: Plan, digest: str | None = None) -> dict:
    layout = plan.layout
    header = getattr(layout, "header", None)
    return {
        "file": plan.source.name,
        "path": str(plan.source.path),
        "sha256": digest,
        "size_bytes": plan.source.size,
        "flavour": plan.flavour,
        "encoding": getattr(layout, "encoding", None),
        "delimiter": getattr(layout, "delimiter", None),
        "sheet": getattr(layout, "sheet", None),
        "header_row": None if header is None else header.header_index + 1,
        "question_text_row": (
            header.header_index + 2 if header is not None and header.question_text else None
        ),
        "title_rows": 0 if header is None else header.header_index,
        "header_rows": None if header is None else header.data_start - header.header_index,
        "renamed_columns": {},
    }


def _meta(plan: Plan) -> dict:
    header = plan.layout.header
    meta = {"title": list(header.title), "question_text": dict(header.question_text)}
    if plan.source.kind == "xlsx":
        meta["sheets"] = list(plan.layout.sheets)
    return meta


def _finish(
    plan: Plan, provenance: dict, meta: dict, frame, row_numbers, blank: int, sample=None
) -> RawExport:
    if plan.source.kind != "sav":
        frame = drop_unnamed(frame, plan.layout.header, name=plan.source.name)
    if "decimal_comma_columns" in provenance:  # decided on the first chunk of the file
        commas = provenance["decimal_comma_columns"]
    elif sample is not None:  # sampled from the Arrow table of a text file
        commas = decimal_comma_columns(
            {column: cells for column, cells in sample.items() if column in frame.columns}
        )
    else:
        commas = decimal_comma_columns(_text_sample(frame.head(DECIMAL_SAMPLE_ROWS)))
    provenance = provenance | {
        "rows": len(frame),
        "columns": frame.shape[1],
        "blank_rows": blank,
        "decimal": "," if commas else ".",
        "decimal_comma_columns": commas,
    }
    return RawExport(frame, plan.flavour, provenance, meta, row_numbers)


def _text_sample(head: pd.DataFrame, size: int = 1000) -> dict[str, list]:
    """The first `size` text cells of each text column that holds a comma (only a comma
    can make a decimal-comma column). Text columns are tested as Arrow arrays, without a
    pandas operation per column, which would cost as much as a wide file's reading."""
    sample = {}
    for position, dtype in enumerate(head.dtypes):
        if not (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)):
            continue
        column = head.iloc[:, position]
        try:
            cells = pa.array(column, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects (an Excel column)
            values = [cell for cell in column.tolist() if isinstance(cell, str)][:size]
            if any("," in value for value in values):
                sample[head.columns[position]] = values
            continue
        if not pa.types.is_string(cells.type) and not pa.types.is_large_string(cells.type):
            continue
        if pc.any(pc.match_substring(cells, ",")).as_py():
            sample[head.columns[position]] = cells.drop_null().slice(0, size).to_pylist()
    return sample


def _names(plan: Plan, dedupe: bool) -> list[str]:
    return check_unique(plan.layout.header.names, name=plan.source.name, dedupe=dedupe)


def _renamed(plan: Plan, names: list[str]) -> dict:
    """``renamed_columns``: each deduplicated name and the header it repeats."""
    original = plan.layout.header.names
    pairs = zip(names, original, strict=True)
    return {"renamed_columns": {new: old for new, old in pairs if new != old}}


def read_export(
    path, *, flavour=None, encoding=None, sheet=None, dedupe_columns: bool = True
) -> RawExport:
    """Read any partner's raw survey export into a raw frame with provenance.

    The tool that wrote the file (its *flavour*), the text encoding, the delimiter, title
    rows above the header and a question-text row under a code header are detected from
    the content. Cells are kept as read: no type conversion, no recoding, no trimming;
    only the column names lose surrounding whitespace (an Excel re-save leaves
    ``" Response 6 "``).

    Parameters
    ----------
    path : str or Path
        The export file; opened read-only and never modified.
    flavour : str, optional
        Skip detection and treat the file as this flavour (one of ``FLAVOURS``, of the
        file's container).
    encoding : str, optional
        Text encoding of a CSV file (``'utf-8'``, ``'utf-16'``, ``'cp1257'``,
        ``'cp1252'``, ...); detected when omitted. For an SPSS file it overrides the
        encoding the file declares (old files from before SPSS 16).
    sheet : str or int, optional
        Worksheet of an .xlsx file, by name or 0-based position; the first by default.
    dedupe_columns : bool
        Rename repeated column names with ``.1``, ``.2`` suffixes, with a warning naming
        the file and the columns, and record the renaming in
        ``provenance['renamed_columns']`` (new name -> header); with False, raise instead.

    Returns
    -------
    RawExport
        ``frame``, ``flavour``, ``provenance``, ``meta`` and ``row_numbers`` (see
        :class:`RawExport`).

    Raises
    ------
    InputError
        Empty, corrupt or unrecognised files, a wrong `encoding`, ragged rows, duplicate
        column names; the message names the file, row and column and says the fix.

    Notes
    -----
    Detection rules: SPSS by the ``$FL2``/``$FL3`` signature, .xlsx by the zip signature,
    otherwise text. Encoding: byte-order mark, else UTF-8 if valid, else cp1257 or cp1252,
    whichever yields more letters of the study languages. Delimiter: the one of
    ``, ; TAB |`` that gives the steadiest field count. Header: the first row with at
    least half as many filled cells as the fullest row. The CSV data rows are parsed by
    pyarrow with every column as text and only empty cells as missing (``"NA"`` stays
    text). SPSS files are read with ``user_missing=True``: user-missing codes (e.g. 8, 9)
    stay as values and their declarations are in ``meta['missing_ranges']``.

    R equivalent: ``readr::read_delim(file, col_types = cols(.default = "c"),
    na = "")``, ``readxl::read_excel(file, col_types = "list")``,
    ``haven::read_sav(file, user_na = TRUE)``.

    References
    ----------
    .. [1] Shafranovich, Y. (2005). *Common Format and MIME Type for Comma-Separated
       Values (CSV) Files*. RFC 4180.
    .. [2] ECMA-376, *Office Open XML File Formats*, Part 1 (SpreadsheetML).
    .. [3] IBM SPSS Statistics, *System file format* (as read by ReadStat/pyreadstat).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "results.csv").write_bytes(
    ...     b'\\xef\\xbb\\xbf"id";"submitdate";"lastpage";"startlanguage";"G1Q1"\\r\\n'
    ...     b'"1";"2026-03-01 10:00:00";"8";"et";"08"\\r\\n')
    >>> raw = read_export(folder / "results.csv")
    >>> raw.flavour, raw.provenance["delimiter"], raw.frame.loc[0, "G1Q1"]
    ('limesurvey_csv', ';', '08')
    >>> raw.locate(0, "G1Q1")
    "file 'results.csv', row 2, column 'G1Q1'"
    """
    check_argument("dedupe_columns", (True, False), dedupe_columns)
    plan = plan_export(path, flavour=flavour, encoding=encoding, sheet=sheet, whole=True)
    plan = _readable(plan)
    if plan.source.size < HASH_IN_THREAD_BYTES:  # a thread costs more than hashing it
        raw = _read_whole(plan, dedupe_columns, flavour)
        raw = raw.with_(provenance=raw.provenance | {"sha256": sha256_of(plan.source.path)})
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            hashing = pool.submit(sha256_of, plan.source.path)
            raw = _read_whole(plan, dedupe_columns, flavour)
            raw = raw.with_(provenance=raw.provenance | {"sha256": hashing.result()})
    if raw.frame.empty:
        warnings.warn(
            f"{plan.source.name!r} has a header but no data rows; the frame is empty.",
            UserWarning,
            stacklevel=2,
        )
    return raw


def _read_whole(plan: Plan, dedupe: bool, flavour) -> RawExport:
    if plan.source.kind == "sav":
        frame, meta = _sav.read_sav(plan.source.path, plan.source.name, plan.encoding)
        numbers = np.arange(1, len(frame) + 1, dtype=np.int64)
        provenance = _provenance(plan) | {"encoding": meta["file_encoding"]}
        return _finish(plan, provenance, meta, frame, numbers, 0)
    names = _names(plan, dedupe)
    if plan.source.kind == "xlsx":
        pairs = list(_xlsx.iter_xlsx_rows(plan.source.path, plan.source.name, plan.layout))
        return _xlsx_chunk(plan, _provenance(plan) | _renamed(plan, names), pairs, names)
    try:
        table = _delimited.read_csv_table(
            plan.source.path, plan.source.name, plan.layout, detected=plan.encoding_detected
        )
    except _delimited.EncodingMismatch as mismatch:
        plan = plan_export(plan.source.path, flavour=flavour, encoding=mismatch.encoding)
        table = _delimited.read_csv_table(
            plan.source.path, plan.source.name, plan.layout, detected=False
        )
    sample = comma_sample(table, names, DECIMAL_SAMPLE_ROWS)
    frame, numbers, blank = frame_from_table(table, plan.layout.first_data_row, names)
    provenance = _provenance(plan) | _renamed(plan, names)
    return _finish(plan, provenance, _meta(plan), frame, numbers, blank, sample)


def iter_export(
    path,
    *,
    chunk_rows: int = 100_000,
    flavour=None,
    encoding=None,
    sheet=None,
    dedupe_columns: bool = True,
) -> Iterator[RawExport]:
    """Read a large export in chunks of `chunk_rows` data rows, in bounded memory.

    Each chunk is a :class:`RawExport` whose ``row_numbers`` are the rows in the whole
    file and whose provenance adds ``chunk`` (0-based); ``sha256`` and ``size_bytes``
    describe the whole file. `chunk_rows` counts rows of the file, so a chunk holds fewer
    when blank rows in it were dropped. The dtype of an .xlsx column may differ between
    chunks (``str`` in a chunk where it holds only text or nothing). A file without data
    rows gives one empty chunk (with a warning). CSV files are
    streamed with pyarrow's incremental reader, .xlsx with openpyxl's read-only rows and
    SPSS files with ``pyreadstat.read_file_in_chunks``. Arguments as in
    :func:`read_export`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "big.csv").write_text("id,q1\\n1,A\\n2,B\\n3,C\\n")
    >>> [chunk.row_numbers.tolist() for chunk in iter_export(folder / "big.csv", chunk_rows=2)]
    [[2, 3], [4]]
    """
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
        raise ArgumentError(f"`chunk_rows` must be a positive integer; got {chunk_rows!r}.")
    check_argument("dedupe_columns", (True, False), dedupe_columns)
    plan = _readable(plan_export(path, flavour=flavour, encoding=encoding, sheet=sheet))
    provenance = _provenance(plan, sha256_of(plan.source.path))
    chunks = {"sav": _sav_chunks, "xlsx": _xlsx_chunks, "csv": _csv_chunks}[plan.source.kind]
    number = -1
    for number, raw in enumerate(chunks(plan, provenance, chunk_rows, dedupe_columns)):
        yield raw.with_(provenance=raw.provenance | {"chunk": number})
        if number == 0 and raw.provenance["rows"]:  # one decimal mark for the whole file
            provenance["decimal"] = raw.provenance["decimal"]
            provenance["decimal_comma_columns"] = raw.provenance["decimal_comma_columns"]
    if number < 0:
        empty = read_export(
            path, flavour=flavour, encoding=encoding, sheet=sheet, dedupe_columns=dedupe_columns
        )
        yield empty.with_(provenance=empty.provenance | {"chunk": 0})


def _sav_chunks(plan, provenance, chunk_rows, dedupe):
    chunks = _sav.iter_sav(plan.source.path, plan.source.name, chunk_rows, plan.encoding)
    for frame, meta, offset in chunks:
        numbers = np.arange(offset + 1, offset + len(frame) + 1, dtype=np.int64)
        chunk_provenance = provenance | {"encoding": meta["file_encoding"]}
        yield _finish(plan, chunk_provenance, meta, frame, numbers, 0)


def _xlsx_chunks(plan, provenance, chunk_rows, dedupe):
    names = _names(plan, dedupe)
    provenance = provenance | _renamed(plan, names)
    batch: list = []
    for pair in _xlsx.iter_xlsx_rows(plan.source.path, plan.source.name, plan.layout):
        batch.append(pair)
        if len(batch) == chunk_rows:
            yield _xlsx_chunk(plan, provenance, batch, names)
            batch = []
    if batch:
        yield _xlsx_chunk(plan, provenance, batch, names)


def _xlsx_chunk(plan, provenance, batch, names):
    frame, numbers, blank = frame_from_rows(
        [row for _, row in batch], [number for number, _ in batch], names
    )
    return _finish(plan, provenance, _meta(plan), frame, numbers, blank)


def _csv_chunks(plan, provenance, chunk_rows, dedupe):
    names = _names(plan, dedupe)
    provenance = provenance | _renamed(plan, names)
    pending: list[pa.RecordBatch] = []
    pending_rows = 0
    first_row = plan.layout.first_data_row
    batches = _delimited.iter_csv_batches(
        plan.source.path, plan.source.name, plan.layout, detected=plan.encoding_detected
    )
    try:
        for batch in batches:
            pending.append(batch)
            pending_rows += batch.num_rows
            while pending_rows >= chunk_rows:
                table = pa.Table.from_batches(pending)
                chunk, rest = table.slice(0, chunk_rows), table.slice(chunk_rows)
                yield _csv_chunk(plan, provenance, chunk, first_row, names)
                first_row += chunk_rows
                pending, pending_rows = rest.to_batches(), rest.num_rows
    except _delimited.EncodingMismatch as mismatch:
        if first_row > plan.layout.first_data_row:
            raise InputError(
                f"{plan.source.name!r} starts as plain ASCII but is not UTF-8 further on; "
                f"it reads as {mismatch.encoding}. Pass `encoding={mismatch.encoding!r}`."
            ) from None
        replanned = plan_export(plan.source.path, flavour=plan.flavour, encoding=mismatch.encoding)
        updated = provenance | {"encoding": replanned.layout.encoding}
        yield from _csv_chunks(replanned, updated, chunk_rows, dedupe)
        return
    if pending_rows:
        yield _csv_chunk(plan, provenance, pa.Table.from_batches(pending), first_row, names)


def _csv_chunk(plan, provenance, table, first_row, names):
    decided = "decimal_comma_columns" in provenance  # by the file's first chunk
    sample = None if decided else comma_sample(table, names, DECIMAL_SAMPLE_ROWS)
    frame, numbers, blank = frame_from_table(table, first_row, names)
    return _finish(plan, provenance, _meta(plan), frame, numbers, blank, sample)

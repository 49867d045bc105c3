"""Clean a national-scale survey export chunk by chunk, in bounded memory."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.parquet
from pyarrow import feather

from techvet_survey._files import atomic_path
from techvet_survey._results import Result
from techvet_survey.cleaning._config import CleaningConfig
from techvet_survey.cleaning._long import categoricals_as_text, long_table
from techvet_survey.cleaning._outputs import INTERNAL_COLUMNS, write_csv
from techvet_survey.cleaning._quality import row_hashes
from techvet_survey.cleaning._survey import clean_survey_export, compared_cells
from techvet_survey.cleaning._survey_checks import text_items
from techvet_survey.cleaning._workers import ChunkRunner, worker_count
from techvet_survey.codebook import Codebook
from techvet_survey.io import RawExport, iter_export
from techvet_survey.privacy import load_key

FILE_WIDE_RULES = ("speeder", "duplicate")
POOL_BYTES = 8 * 2**20  # smaller files are cleaned without worker processes
_PENDING = "_pending"
_ANSWER, _STATUS, _RAW = "_answer:", "_status:", "_raw:"
_NOT_SUBMITTED = np.iinfo(np.int64).max  # NaT sorts last, as in flag_duplicates
_ARROW_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' ``str`` of a CSV chunk


# Log rules decided row by row in each chunk, summed over the chunks for the file's log.
CHUNK_LOG_RULES = (
    "pii_scrubbed",
    "unknown_country",
    "unknown_group",
    "placeholder_date",
    "unread_duration",
)


@dataclass(frozen=True)
class ChunkedCleaning(Result):
    """What :func:`clean_export_chunked` wrote, with its accounting.

    Attributes
    ----------
    out_dir : Path
        ``survey/`` and ``survey_long/`` (one parquet file per chunk of kept rows),
        ``exclusions/`` (one parquet file per chunk), ``log.csv`` and ``files.csv``.
    files : DataFrame
        The file: flavour, sha256, rows read, kept and excluded, chunks.
    log : DataFrame
        Counts of every change by rule and column, as :func:`clean_study`'s log.
    speeder_medians : DataFrame
        Per respondent group, the median completion time of the complete responses.
    """

    out_dir: Path
    files: pd.DataFrame
    log: pd.DataFrame
    speeder_medians: pd.DataFrame

    def survey(self) -> pd.DataFrame:
        """The kept rows (reads every part; for small files and tests)."""
        return _read_parts(self.out_dir / "survey")

    def survey_long(self) -> pd.DataFrame:
        """The long table of the kept rows, text columns as text (reads every part)."""
        return categoricals_as_text(_read_parts(self.out_dir / "survey_long"))

    def exclusions(self) -> pd.DataFrame:
        return _read_parts(self.out_dir / "exclusions")


def _read_parts(folder: Path) -> pd.DataFrame:
    parts = sorted(folder.glob("part-*.parquet"))
    return pd.concat([pd.read_parquet(part) for part in parts], ignore_index=True)


@dataclass
class _FileState:
    """Per row of the whole file, the little that the file-wide rules need."""

    group: list
    duration: list
    incomplete: list
    eligible_hash: list
    eligible_time: list
    eligible_position: list
    log: list

    def add(self, chunk: _FileState) -> None:
        for name, values in vars(chunk).items():
            getattr(self, name).extend(values)


@dataclass(frozen=True)
class _Context:
    """What every chunk's cleaning needs, sent once to each worker process."""

    book: Codebook
    config: CleaningConfig
    key: bytes
    label: str
    pending: Path
    out: Path
    order: dict
    scale_of: dict


def clean_export_chunked(
    path: str | Path,
    out_dir: str | Path,
    *,
    chunk_rows: int = 100_000,
    codebook: Codebook | None = None,
    config: CleaningConfig | None = None,
    key: bytes | None = None,
    key_file: str | Path | None = None,
    file_label: str | None = None,
    workers: int | None = None,
) -> ChunkedCleaning:
    """Clean one large survey export in chunks: the results of :func:`clean_study`.

    Parameters
    ----------
    path : str or Path
        A survey export (any flavour :func:`techvet_survey.io.iter_export` streams).
    out_dir : str or Path
        Folder for the partitioned output (created; existing parts are replaced).
    chunk_rows : int
        Rows of the file cleaned at a time; memory grows with it.
    codebook, config
        As in :func:`clean_study`.
    key : bytes, optional
        The pseudonymisation key; else read by :func:`techvet_survey.privacy.load_key`
        from `key_file` (default ``pseudonym.key`` beside the export's folder).
    file_label : str, optional
        The file's name in ids, exclusions and logs (default: its name); pass the path
        below the raw folder to reproduce :func:`clean_study`'s pseudonyms.
    workers : int, optional
        Processes that clean chunks side by side (default: the CPUs available to this
        process, at most 4, for files of 8 MB and more; smaller files are cleaned in
        this process). Results do not depend on `workers`.

    Returns
    -------
    ChunkedCleaning
        The output folder and the accounting (rows read = kept + excluded).

    Notes
    -----
    Every rule but two looks at one row, so each chunk is cleaned by the per-file code
    of :func:`clean_study` with those two rules left out of the exclusion order. The
    two file-wide rules are then decided exactly, not approximately:

    - *speeder* compares each completion time with the median of the complete
      responses of the same group in the whole file. The exact median needs every
      such time, so pass 1 keeps one float, one group code and one flag per row
      (about 10 bytes; 10 MB per 10⁶ rows) rather than a quantile sketch, whose
      answer could differ from :func:`clean_study`'s on rows near the threshold;
    - *duplicate* keeps the earliest submission of identical answers: pass 1 keeps a
      64-bit hash of the compared cells, the submission time and the position of
      each row that no other rule excludes (24 bytes a row).

    Pass 1 writes each cleaned chunk to a temporary folder (Arrow IPC); pass 2 reads
    it back, applies both rules and writes the kept rows, one parquet file per chunk.
    With `workers` > 1 the chunks of both passes are cleaned in that many processes
    (forked on Linux), at most ``workers + 1`` chunks at a time; a chunk of a CSV export
    reaches its worker through the same folder, so the reading process holds none of
    the chunks in flight. Peak memory is that of those chunks plus the per-row arrays
    above, in each process.

    The personal names scrubbed from free text are those of the same chunk (exports
    with name columns: a name that appears only in another chunk's rows is not
    recognised in this chunk's text); LimeSurvey exports have no name columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from techvet_survey.synth import write_large_limesurvey
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export = write_large_limesurvey(folder / "big.csv", 300, seed=1)
    >>> result = clean_export_chunked(export, folder / "out", chunk_rows=100, key=b"k")
    >>> int(result.files.loc[0, "rows_read"]) == int(result.files.loc[0, "rows_kept"]
    ...     + result.files.loc[0, "rows_excluded"])
    True
    """
    path, out = Path(path), Path(out_dir)
    book = codebook or Codebook.load()
    config = config or CleaningConfig()
    large = path.is_file() and path.stat().st_size >= POOL_BYTES
    workers = worker_count(workers) if workers is not None or large else 1
    if key is None:
        key = load_key(key_file or path.parent.parent / "pseudonym.key")
    label = file_label or path.name
    for folder in ("survey", "survey_long", "exclusions", _PENDING):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    row_local = replace(
        config,
        exclusion_order=tuple(
            rule for rule in config.exclusion_order if rule not in FILE_WIDE_RULES
        ),
    )
    context = _Context(
        book=book,
        config=row_local,
        key=key,
        label=label,
        pending=out / _PENDING,
        out=out,
        order={rule: position for position, rule in enumerate(config.exclusion_order)},
        scale_of=dict(zip(book.items["item"], book.items["scale"], strict=True)),
    )
    state = _FileState([], [], [], [], [], [], [])
    provenance, bounds = {}, []
    with ChunkRunner(context, workers) as runner:
        for chunk in iter_export(path, chunk_rows=chunk_rows):
            provenance = chunk.provenance
            start = bounds[-1][1] if bounds else 0
            bounds.append((start, start + len(chunk.frame)))
            number = len(bounds) - 1
            if workers > 1:
                chunk = _shipped(chunk, context.pending / f"raw-{number:05d}.arrow")
            for done in runner.submit(_first_pass, chunk, number, start):
                state.add(done)
        for done in runner.drain():
            state.add(done)
        _release_arrow_memory()  # the reading of the export is over
        medians = _speeder_medians(state)
        speeder = _speeders(state, medians, config.speeder_ratio)
        duplicate = np.zeros(len(speeder), dtype=bool)
        duplicate[_duplicates(state, speeder)] = True
        kept_total, log = 0, []
        for number, (start, stop) in enumerate(bounds):
            task = (number, start, speeder[start:stop], duplicate[start:stop])
            for kept, entries in runner.submit(_second_pass, *task):
                kept_total, log = kept_total + kept, log + entries
        for kept, entries in runner.drain():
            kept_total, log = kept_total + kept, log + entries
    shutil.rmtree(context.pending)
    offset, n_chunks = (bounds[-1][1] if bounds else 0), len(bounds)
    files = pd.DataFrame(
        [
            {
                "file": label,
                "flavour": provenance.get("flavour"),
                "sha256": provenance.get("sha256"),
                "rows_read": offset,
                "rows_kept": kept_total,
                "rows_excluded": offset - kept_total,
                "chunks": n_chunks,
            }
        ]
    )
    if offset != kept_total + int(files.loc[0, "rows_excluded"]):  # pragma: no cover
        raise RuntimeError(f"accounting failed for {label}; please report it.")
    log_table = _log_table(state.log + log)
    write_csv(log_table, out / "log.csv")
    write_csv(files, out / "files.csv")
    return ChunkedCleaning(out, files, log_table, medians)


@dataclass(frozen=True)
class _Shipped:
    """A chunk whose frame waits in an Arrow file for the worker process that cleans it."""

    chunk: RawExport  # with an empty frame
    frame_file: Path

    def received(self) -> RawExport:
        """The chunk as read, its file removed."""
        frame = feather.read_feather(self.frame_file)
        self.frame_file.unlink()
        return self.chunk.with_(frame=frame)


def _shipped(chunk: RawExport, frame_file: Path) -> RawExport | _Shipped:
    """`chunk` for a worker process. A frame of text columns (every CSV chunk) goes
    through `frame_file` (its Arrow form reads back exactly), so that this process keeps
    neither the frame nor its pickled copy while the chunks in flight are cleaned;
    other frames travel with the chunk."""
    frame = chunk.frame
    if not all(dtype == _ARROW_TEXT for dtype in frame.dtypes):
        return chunk
    feather.write_feather(frame, frame_file, compression="uncompressed")
    return _Shipped(chunk.with_(frame=frame.iloc[:0]), frame_file)


def _first_pass(context: _Context, chunk, number: int, offset: int) -> _FileState:
    """Clean one chunk with the row-local rules; keep what the file-wide rules need."""
    if isinstance(chunk, _Shipped):
        chunk = chunk.received()
    chunk.provenance["file"] = context.label
    cleaned = clean_survey_export(chunk, context.book, context.config, context.key)
    rows, reasons = cleaned.rows, cleaned.reasons
    candidate = (reasons == "").to_numpy()
    compared = compared_cells(rows, cleaned.answers, text_items(context.book))
    stamps = rows.loc[candidate, "submitted_at"]
    _store_pending(cleaned, context.pending / f"{number:05d}.arrow", offset)
    return _FileState(
        group=[rows["group"].fillna("").to_numpy(dtype=object)],
        duration=[rows["duration_s"].to_numpy(dtype=float)],
        incomplete=[cleaned.flags["incomplete"].to_numpy(dtype=bool)],
        eligible_hash=[row_hashes(compared.loc[candidate])],
        eligible_time=[
            np.where(
                stamps.isna(),
                _NOT_SUBMITTED,
                stamps.to_numpy(dtype="datetime64[ns]").view(np.int64),
            )
        ],
        eligible_position=[offset + np.flatnonzero(candidate)],
        log=[entry for entry in cleaned.log if entry["rule"] in CHUNK_LOG_RULES],
    )


def _store_pending(cleaned, folder: Path, offset: int) -> None:
    """Rows, reasons and the item cells of one cleaned chunk, for pass 2 (Arrow IPC)."""
    parts = [
        cleaned.rows.assign(
            _reason=cleaned.reasons.to_numpy(), _position=offset + np.arange(len(cleaned.rows))
        ),
        cleaned.answers.add_prefix(_ANSWER),
        cleaned.statuses.add_prefix(_STATUS),
        cleaned.raw_items.add_prefix(_RAW),
    ]
    frame = pd.concat(parts, axis=1)
    feather.write_feather(frame, folder, compression="uncompressed")


def _pending_part(table: pyarrow.Table, prefix: str) -> pd.DataFrame:
    """The columns of `table` named ``prefix + item``, as a frame with item names."""
    names = [name for name in table.column_names if name.startswith(prefix)]
    frame = table.select(names).to_pandas()
    frame.columns = [name[len(prefix) :] for name in names]
    return frame


def _speeder_medians(state: _FileState) -> pd.DataFrame:
    group = pd.Series(np.concatenate(state.group))
    duration = pd.Series(np.concatenate(state.duration))
    # as in clean_study: negative times (excluded on their own) are no part of the median
    reference = duration.where(~np.concatenate(state.incomplete) & (duration >= 0).to_numpy())
    return (
        reference.groupby(group)
        .median()
        .rename("median_duration_s")
        .rename_axis("group")
        .reset_index()
    )


def _speeders(state: _FileState, medians: pd.DataFrame, ratio: float) -> np.ndarray:
    codes, groups = pd.factorize(np.concatenate(state.group))
    of_group = dict(zip(medians["group"], medians["median_duration_s"], strict=True))
    median = np.array([of_group.get(group, np.nan) for group in groups] + [np.nan])[codes]
    return np.concatenate(state.duration) < ratio * median


def _duplicates(state: _FileState, speeder: np.ndarray) -> np.ndarray:
    """Positions of later submissions identical to an earlier eligible one."""
    position = np.concatenate(state.eligible_position)
    hashes = np.concatenate(state.eligible_hash)
    times = np.concatenate(state.eligible_time)
    eligible = ~speeder[position]
    position, hashes, times = position[eligible], hashes[eligible], times[eligible]
    order = np.lexsort((position, times))
    _, first = np.unique(hashes[order], return_index=True)
    later = np.ones(len(order), dtype=bool)
    later[first] = False
    return np.sort(position[order][later])


def _second_pass(context: _Context, number: int, start: int, speeder, duplicate):
    """Apply the file-wide rules to one chunk and write its parts; (kept, log entries).

    The stored chunk is filtered as an Arrow table; only the kept rows' item columns
    become pandas objects (for the long table)."""
    table = feather.read_table(context.pending / f"{number:05d}.arrow")
    position = table["_position"].to_numpy() - start
    reason = table["_reason"].to_numpy(zero_copy_only=False).astype(object)
    order = context.order
    codes, reasons = pd.factorize(reason)
    current = np.array([order.get(r, -1) if r else len(order) for r in reasons], dtype=int)[codes]
    for rule, hit in (("speeder", speeder[position]), ("duplicate", duplicate[position])):
        if rule not in order:
            continue
        take = hit & (current > order[rule])
        reason[take] = rule
        current[take] = order[rule]
    kept = reason == ""
    name = f"part-{number:05d}.parquet"
    hidden = ("_reason", "_position", *INTERNAL_COLUMNS)
    rows = [c for c in table.column_names if not c.startswith((_ANSWER, _STATUS, _RAW))]
    excluded = (
        table.select(["source_file", "source_row", "respondent_id"])
        .filter(pyarrow.array(~kept))
        .to_pandas()
        .rename(columns={"source_file": "file"})
    )
    excluded["reason"] = reason[~kept]
    kept_rows = table.filter(pyarrow.array(kept))
    del table  # the whole stored chunk: only the kept rows from here on
    _release_arrow_memory()
    # No column statistics (40% of the write): a part is one row group mixing every
    # country and group, so they could not skip anything.
    with atomic_path(context.out / "survey" / name) as temporary:
        pyarrow.parquet.write_table(
            kept_rows.select([c for c in rows if c not in hidden]),
            temporary,
            write_statistics=False,
        )
    items = list(context.scale_of)
    statuses = _pending_part(kept_rows, _STATUS)
    parts = (
        kept_rows.select(["respondent_id", "source_file", "country", "group", *items]).to_pandas(),
        _pending_part(kept_rows, _RAW),
        _pending_part(kept_rows, _ANSWER),
        statuses,
        np.ones(kept_rows.num_rows, dtype=bool),
    )
    del kept_rows  # its pandas parts are what the long table reads
    _release_arrow_memory()
    long = long_table(*parts, context.scale_of)
    del parts
    with atomic_path(context.out / "survey_long" / name) as temporary:
        long.to_parquet(temporary, index=False, write_statistics=False)
    del long
    with atomic_path(context.out / "exclusions" / name) as temporary:
        excluded.to_parquet(temporary, index=False)
    label = context.label
    log = [
        {"file": label, "rule": status, "column": item, "count": int(count)}
        for item in statuses.columns
        for status, count in statuses[item].value_counts(sort=False).items()
        if status != "valid" and count > 0
    ]
    log += [
        {"file": label, "rule": rule, "column": "", "count": int(count)}
        for rule, count in pd.Series(reason[~kept]).value_counts().items()
    ]
    return int(kept.sum()), log


def _release_arrow_memory() -> None:
    """Hand the memory of freed Arrow tables back to the system.

    Arrow's allocator keeps freed memory for its own next tables, but what follows a
    freed table is mostly NumPy and pandas memory from the system allocator, so without
    this the freed table would add to the peak."""
    pyarrow.default_memory_pool().release_unused()


def _log_table(entries: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(entries, columns=["file", "rule", "column", "count"])
    return table.groupby(["file", "rule", "column"], as_index=False, sort=True)["count"].sum()

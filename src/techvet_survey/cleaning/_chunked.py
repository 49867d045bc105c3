"""Clean a national-scale survey export chunk by chunk, in bounded memory."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from pyarrow import feather

from techvet_survey._results import Result
from techvet_survey.cleaning._config import CleaningConfig
from techvet_survey.cleaning._outputs import INTERNAL_COLUMNS
from techvet_survey.cleaning._quality import row_hashes
from techvet_survey.cleaning._survey import (
    categoricals_as_text,
    clean_survey_export,
    compared_cells,
    long_table,
)
from techvet_survey.codebook import Codebook
from techvet_survey.io import iter_export
from techvet_survey.privacy import load_key

FILE_WIDE_RULES = ("speeder", "duplicate")
_PENDING = "_pending"
_ANSWER, _STATUS, _RAW = "_answer:", "_status:", "_raw:"
_NOT_SUBMITTED = np.iinfo(np.int64).max  # NaT sorts last, as in flag_duplicates


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

    Pass 1 writes each cleaned chunk to a temporary folder; pass 2 reads it back,
    applies both rules and writes the kept rows, one parquet file per chunk. Peak
    memory is that of one chunk plus the per-row arrays above.

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
    if key is None:
        key = load_key(key_file or path.parent.parent / "pseudonym.key")
    label = file_label or path.name
    pending = out / _PENDING
    for folder in ("survey", "survey_long", "exclusions", _PENDING):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    row_local = replace(
        config,
        exclusion_order=tuple(
            rule for rule in config.exclusion_order if rule not in FILE_WIDE_RULES
        ),
    )
    state = _FileState([], [], [], [], [], [], [])
    provenance, n_chunks, offset = {}, 0, 0
    for chunk in iter_export(path, chunk_rows=chunk_rows):
        chunk.provenance["file"] = label
        provenance = chunk.provenance
        _first_pass(chunk, book, row_local, key, state, pending / f"{n_chunks:05d}.arrow", offset)
        offset += len(chunk.frame)
        n_chunks += 1
    medians = _speeder_medians(state)
    speeder = _speeders(state, medians, config.speeder_ratio)
    duplicate = _duplicates(state, speeder)
    kept_total, log = 0, []
    scale_of = dict(zip(book.items["item"], book.items["scale"], strict=True))
    order = {rule: position for position, rule in enumerate(config.exclusion_order)}
    for number in range(n_chunks):
        kept_total += _second_pass(
            pending / f"{number:05d}.arrow", out, number, speeder, duplicate, order, log, scale_of
        )
    shutil.rmtree(pending)
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
    log_table.to_csv(out / "log.csv", index=False, lineterminator="\n")
    files.to_csv(out / "files.csv", index=False, lineterminator="\n")
    return ChunkedCleaning(out, files, log_table, medians)


def _first_pass(chunk, book, config, key, state, folder: Path, offset: int) -> None:
    cleaned = clean_survey_export(chunk, book, config, key)
    rows, reasons = cleaned.rows, cleaned.reasons
    incomplete = cleaned.flags["incomplete"].to_numpy(dtype=bool)
    state.group.append(rows["group"].fillna("").to_numpy(dtype=object))
    state.duration.append(rows["duration_s"].to_numpy(dtype=float))
    state.incomplete.append(incomplete)
    candidate = (reasons == "").to_numpy()
    compared = compared_cells(rows, cleaned.answers)
    state.eligible_hash.append(row_hashes(compared.loc[candidate]))
    stamps = rows.loc[candidate, "submitted_at"]
    state.eligible_time.append(
        np.where(
            stamps.isna(), _NOT_SUBMITTED, stamps.to_numpy(dtype="datetime64[ns]").view(np.int64)
        )
    )
    state.eligible_position.append(offset + np.flatnonzero(candidate))
    state.log += [
        entry
        for entry in cleaned.log
        if entry["rule"] in ("pii_scrubbed", "unknown_country", "unknown_group")
    ]
    _store_pending(cleaned, folder, offset)


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


def _load_pending(path: Path, scale_of: dict):
    """:func:`_store_pending`'s parts: rows, reasons, positions and a SurveyFile view."""
    frame = feather.read_feather(path)
    pieces = {
        prefix: frame[[c for c in frame.columns if c.startswith(prefix)]].rename(
            columns=lambda column, prefix=prefix: column[len(prefix) :]
        )
        for prefix in (_ANSWER, _STATUS, _RAW)
    }
    rows = frame[[c for c in frame.columns if not c.startswith((_ANSWER, _STATUS, _RAW))]]
    return rows, pieces[_ANSWER], pieces[_STATUS], pieces[_RAW]


def _speeder_medians(state: _FileState) -> pd.DataFrame:
    group = pd.Series(np.concatenate(state.group))
    duration = pd.Series(np.concatenate(state.duration))
    reference = duration.where(~np.concatenate(state.incomplete))
    return (
        reference.groupby(group)
        .median()
        .rename("median_duration_s")
        .rename_axis("group")
        .reset_index()
    )


def _speeders(state: _FileState, medians: pd.DataFrame, ratio: float) -> np.ndarray:
    group = pd.Series(np.concatenate(state.group))
    median = group.map(dict(zip(medians["group"], medians["median_duration_s"], strict=True)))
    return np.concatenate(state.duration) < ratio * median.to_numpy(dtype=float)


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


def _second_pass(path: Path, out: Path, number: int, speeder, duplicate, order, log, scale_of):
    rows, answers, statuses, raw_items = _load_pending(path, scale_of)
    position = rows["_position"].to_numpy()
    reason = rows["_reason"].to_numpy(dtype=object).copy()
    rank = np.array([order.get(r, -1) if r else len(order) for r in pd.unique(reason)])
    rank_of = dict(zip(pd.unique(reason), rank, strict=True))
    current = np.array([rank_of[r] for r in reason]) if len(reason) else np.array([], int)
    flagged = {"speeder": speeder[position], "duplicate": np.isin(position, duplicate)}
    for rule, hit in flagged.items():
        if rule not in order:
            continue
        take = hit & (current > order[rule])
        reason[take] = rule
        current[take] = order[rule]
    kept = reason == ""
    name = f"part-{number:05d}.parquet"
    survey = rows.loc[kept].drop(
        columns=["_reason", "_position", *INTERNAL_COLUMNS], errors="ignore"
    )
    survey.to_parquet(out / "survey" / name, index=False)
    long = long_table(rows, raw_items, answers, statuses, kept, scale_of)
    long.to_parquet(out / "survey_long" / name, index=False)
    excluded = rows.loc[~kept, ["source_file", "source_row", "respondent_id"]].rename(
        columns={"source_file": "file"}
    )
    excluded["reason"] = reason[~kept]
    excluded.to_parquet(out / "exclusions" / name, index=False)
    label = rows["source_file"].iloc[0] if len(rows) else ""
    statuses = (
        long.loc[long["status"] != "valid"]
        .groupby(["status", "item"], sort=False, observed=True)
        .size()
    )
    log += [
        {"file": label, "rule": status, "column": item, "count": int(count)}
        for (status, item), count in statuses.items()
    ]
    log += [
        {"file": label, "rule": rule, "column": "", "count": int(count)}
        for rule, count in pd.Series(reason[~kept]).value_counts().items()
    ]
    return int(kept.sum())


def _log_table(entries: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(entries, columns=["file", "rule", "column", "count"])
    return table.groupby(["file", "rule", "column"], as_index=False, sort=True)["count"].sum()

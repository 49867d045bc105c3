"""Reader of coded-segment exports (CSV, XLSX) of QDA tools."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from techvet_survey.errors import InputError
from techvet_survey.io.qda._table import (
    CASE_VARIABLES,
    CodedInterviews,
    case_variable_name,
    code_themes,
    finish,
    resolve_scrubber,
    skipped_row,
)

# Header variants of common QDA exports (MAXQDA, ATLAS.ti, NVivo, QualCoder, Taguette),
# compared after lower-casing and dropping everything but letters and digits.
HEADER_ALIASES = {
    "document": (
        "document",
        "documentname",
        "doc",
        "docname",
        "file",
        "filename",
        "source",
        "sourcename",
        "transcript",
        "interview",
    ),
    "coder": ("coder", "codedby", "createdby", "user", "author", "owner", "coderid"),
    "code": ("code", "codename", "codes"),
    "start": ("start", "begin", "beginning", "startposition", "startpos", "from", "pos0"),
    "end": ("end", "endposition", "endpos", "to", "pos1"),
    "text": (
        "text",
        "segment",
        "codedsegment",
        "codedtext",
        "quotation",
        "quote",
        "content",
        "selectedtext",
    ),
    "theme": ("theme", "parentcode", "codegroup", "category"),
}


def _key(name: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def _standard_columns(frame: pd.DataFrame, file: Path) -> pd.DataFrame:
    lookup = {alias: standard for standard, aliases in HEADER_ALIASES.items() for alias in aliases}
    renamed, seen = {}, {}
    for column in frame.columns:
        standard = lookup.get(_key(column))
        if standard is None:
            continue
        if standard in seen:
            raise InputError(
                f"{file}: columns {seen[standard]!r} and {column!r} both look like "
                f"`{standard}`. Rename or drop one of them."
            )
        seen[standard] = column
        renamed[column] = standard
    frame = frame.rename(columns=renamed)
    missing = [name for name in ("document", "code", "start", "end") if name not in frame]
    if missing:
        expected = "; ".join(f"{name}: {', '.join(HEADER_ALIASES[name][:4])}" for name in missing)
        raise InputError(
            f"{file}: no column for {missing} (found {list(map(str, frame.columns))}). "
            f"Expected headers such as {expected}."
        )
    return frame


# What a QDA user should export instead of a file that is not a coded-segment table.
_EXPORT_INSTEAD = (
    'use the QDA program\'s "Export coded segments" to .xlsx or .csv, or export the project '
    "as REFI-QDA (.qdpx) and read it with read_qdpx()"
)
_PROJECT_SUFFIXES = {
    ".mex": "MAXQDA",
    ".mx24": "MAXQDA",
    ".mx22": "MAXQDA",
    ".mx20": "MAXQDA",
    ".mx18": "MAXQDA",
    ".nvp": "NVivo",
    ".nvpx": "NVivo",
    ".atlproj": "ATLAS.ti",
    ".qda": "QualCoder",
}
_SQLITE = b"SQLite format 3\x00"
_ZIP = b"PK\x03\x04"  # an .xlsx workbook, even when named .xls
_LEGACY_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file (.xls)


def _refuse_non_table(file: Path) -> None:
    """Refuse QDA project databases and legacy Excel files with what to export instead."""
    suffix = file.suffix.lower()
    if suffix == ".qdpx":
        raise InputError(f"`path` {str(file)!r} is a REFI-QDA project: read it with read_qdpx().")
    with open(file, "rb") as handle:
        head = handle.read(len(_SQLITE))
    if suffix in _PROJECT_SUFFIXES or head.startswith(_SQLITE):
        program = _PROJECT_SUFFIXES.get(suffix, "a QDA program")
        raise InputError(
            f"`path` {str(file)!r} is a project database of {program}, not a coded-segment "
            f"export: {_EXPORT_INSTEAD}."
        )
    if head.startswith(_LEGACY_EXCEL) or (suffix == ".xls" and not head.startswith(_ZIP)):
        raise InputError(
            f"`path` {str(file)!r} is a legacy Excel workbook (.xls), which is not read: "
            f"save it as .xlsx, or {_EXPORT_INSTEAD}."
        )


def _read_table(file: Path) -> pd.DataFrame:
    _refuse_non_table(file)
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(file, dtype=object, engine="openpyxl")
    if suffix not in (".csv", ".tsv", ".txt"):
        raise InputError(
            f"`path` {str(file)!r}: unknown file type {suffix!r}; use a CSV/TSV or XLSX "
            "segment export, or read_qdpx() for a REFI-QDA project."
        )
    options = {"sep": None, "engine": "python", "dtype": str, "keep_default_na": False}
    try:
        return pd.read_csv(file, encoding="utf-8-sig", na_values=[""], **options)
    except UnicodeDecodeError:
        warnings.warn(f"{file} is not UTF-8; read as Windows-1252.", UserWarning, stacklevel=4)
        return pd.read_csv(file, encoding="cp1252", na_values=[""], **options)


def _documents_table(documents, file_frames: pd.DataFrame) -> pd.DataFrame:
    """Case variables per document, from `documents=` or from the segment files."""
    if documents is None:
        present = [c for c in file_frames.columns if case_variable_name(c) in CASE_VARIABLES]
        table = file_frames[["document", *present]].drop_duplicates("document")
        return table.rename(columns=case_variable_name)
    if isinstance(documents, (str, Path)):
        documents = _standard_columns_documents(_read_table(Path(documents)), Path(documents))
    elif not isinstance(documents, pd.DataFrame):
        raise TypeError("`documents` must be a DataFrame or the path of a CSV/XLSX file.")
    table = documents.rename(columns=case_variable_name)
    if "document" not in table:
        raise InputError(f"`documents` needs a `document` column; got {list(table.columns)}.")
    duplicated = table["document"][table["document"].duplicated()].unique().tolist()
    if duplicated:
        raise InputError(f"`documents` lists documents more than once: {duplicated[:5]}.")
    unknown = sorted(set(file_frames["document"].dropna()) - set(table["document"]))
    if unknown:
        warnings.warn(
            f"`documents` lacks {len(unknown)} document(s) of the segments (e.g. "
            f"{unknown[:3]}); their case variables are missing.",
            UserWarning,
            stacklevel=4,
        )
        table = pd.concat([table, pd.DataFrame({"document": unknown})], ignore_index=True)
    return table


def _standard_columns_documents(frame: pd.DataFrame, file: Path) -> pd.DataFrame:
    document = [c for c in frame.columns if _key(c) in HEADER_ALIASES["document"]]
    return frame.rename(columns={document[0]: "document"}) if document else frame


def _as_position(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    whole = numbers.notna() & (numbers == numbers.round())
    return numbers.where(whole).astype("Int64")


def read_segments(
    path: str | Path | Sequence[str | Path],
    *,
    documents: pd.DataFrame | str | Path | None = None,
    codes: pd.DataFrame | None = None,
    coder: str | None = None,
    scrub="auto",
) -> CodedInterviews:
    """Read coded segments exported by a QDA tool as CSV or XLSX.

    Parameters
    ----------
    path : str, Path or sequence of them
        One or more segment exports (e.g. one per coder). Columns are recognised under
        common header variants: document (``Document name``, ``Document``), coder
        (``Coder``, ``Created by``), code (``Code``), start (``Begin``, ``Beginning``,
        ``Start``), end (``End``), text (``Segment``, ``Text``, ``Quotation``); an
        optional theme (``Theme``, ``Parent code``) and case variables.
    documents : DataFrame or path, optional
        One row per document with ``document`` and case variables (``country``,
        ``group`` / ``respondent group``, ``sector`` / ``company sector``) and, when
        present, the full ``text`` used to check positions and to fill missing segment
        text. By default the case variables are taken from the segment files.
    codes : DataFrame, optional
        Code book with ``code`` and ``theme`` (e.g. ``Codebook.load().interview_codes``):
        sets each segment's theme; segments whose code it lacks are skipped.
    coder : str, optional
        Coder name for files without a coder column.
    scrub : "auto", callable or None
        Removes personal data from segment text: ``"auto"`` uses
        ``techvet_survey.privacy.scrub_text`` (and warns while it does not exist);
        ``None`` keeps the text as it is.

    Returns
    -------
    CodedInterviews
        ``.segments`` (document, source, coder, code, theme, start, end, text, country,
        group, sector, ...), ``.skipped`` (every row left out, with its reason),
        ``.codes`` and ``.documents``.

    Notes
    -----
    Positions are taken as the tool exports them (characters, or paragraphs in some
    tools); the analyses only compare positions within one document. Rows whose
    positions are not whole numbers, whose end precedes the start, which lack a
    document or code, whose code `codes` lacks, or which fall outside the document's
    text are skipped and listed in ``.skipped``, with a warning.

    Examples
    --------
    >>> import io, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text(
    ...     "Document name,Coder,Code,Begin,End,Segment\\n"
    ...     "FI-company-01,A,mentoring,0,12,We mentor...\\n"
    ... )
    >>> read_segments(folder / "a.csv", scrub=None).segments[["document", "code", "end"]]
            document       code  end
    0  FI-company-01  mentoring   12
    """
    scrubber = resolve_scrubber(scrub)
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    if not paths:
        raise ValueError("`path` must name at least one segment export.")
    themes = code_themes(codes)
    frames = []
    for file in paths:
        if not file.exists():
            raise InputError(f"`path` {str(file)!r} does not exist.")
        frame = _standard_columns(_read_table(file), file)
        if "coder" not in frame:
            if coder is None:
                raise InputError(
                    f"{file}: no coder column (e.g. 'Coder', 'Created by'). Pass `coder=` "
                    "with the name of the coder of this file."
                )
            frame["coder"] = coder
        frames.append(frame.assign(_file=str(file), _row=frame.index + 2))
    raw = pd.concat(frames, ignore_index=True)
    table = _documents_table(documents, raw)
    full_text = table.set_index("document")["text"] if "text" in table else None
    table = table.drop(columns=["text"], errors="ignore")
    raw["start"], raw["end"] = _as_position(raw["start"]), _as_position(raw["end"])
    if "text" not in raw:
        raw["text"] = pd.NA
    segments, skipped = _valid_rows(raw, themes, full_text)
    if themes is not None:
        segments = segments.drop(columns="theme", errors="ignore").merge(themes, on="code")
        code_table = themes.assign(parent=themes["theme"], description=pd.NA)
    else:
        if "theme" not in segments:
            segments["theme"] = pd.NA
        code_table = segments[["code", "theme"]].drop_duplicates("code")
        code_table = code_table.assign(parent=code_table["theme"], description=pd.NA)
    lengths = full_text.str.len() if full_text is not None else None
    if lengths is not None:
        table["n_characters"] = table["document"].map(lengths)
    label = paths[0].name if len(paths) == 1 else f"{len(paths)} segment files"
    return finish(
        segments[["document", "coder", "code", "theme", "start", "end", "text"]],
        table,
        code_table,
        skipped,
        scrub=scrubber,
        file=label,
    )


def _valid_rows(raw: pd.DataFrame, themes, full_text):
    """Split rows into usable segments and skipped rows with a reason each."""
    reasons = pd.Series(pd.NA, index=raw.index, dtype="string")

    def flag(mask, reason):
        reasons[mask & reasons.isna()] = reason

    flag(raw["document"].isna(), "no document")
    flag(raw["code"].isna(), "no code")
    flag(raw["coder"].isna(), "no coder")
    flag(raw["start"].isna() | raw["end"].isna(), "start or end is not a whole number")
    flag(raw["start"] < 0, "start is negative")
    flag(raw["end"] < raw["start"], "end before start")
    if themes is not None:
        unknown = ~raw["code"].isin(themes["code"]) & raw["code"].notna()
        flag(unknown, "code not defined in `codes`")
    if full_text is not None:
        length = raw["document"].map(full_text.str.len())
        flag(raw["end"] > length, "selection outside its source text")
        missing_text = raw["text"].isna() & length.notna()
        fill = raw.loc[missing_text & reasons.isna()]
        raw.loc[fill.index, "text"] = [
            full_text[document][int(start) : int(end)]
            for document, start, end in zip(
                fill["document"], fill["start"], fill["end"], strict=True
            )
        ]
    bad = reasons.notna()
    skipped = [
        skipped_row(
            row["_file"],
            f"row {row['_row']}",
            f"{reason}",
            document=row["document"],
            coder=row["coder"],
            code=row["code"],
            start=None if pd.isna(row["start"]) else int(row["start"]),
            end=None if pd.isna(row["end"]) else int(row["end"]),
        )
        for (_, row), reason in zip(raw[bad].iterrows(), reasons[bad], strict=True)
    ]
    return raw[~bad].drop(columns=["_file", "_row"]), skipped

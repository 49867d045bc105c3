"""Harmonise one survey export to the codebook and flag its rows."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techvet_survey.cleaning._columns import ColumnMapping, map_columns
from techvet_survey.cleaning._config import CleaningConfig
from techvet_survey.cleaning._long import background_long_table, cells_as_text, long_table
from techvet_survey.cleaning._quality import first_reason, flag_duplicates, quality_flags
from techvet_survey.cleaning._survey_checks import (
    BACKGROUND_ITEMS,
    CODED_BACKGROUND,
    PROBLEM_STATUSES,
    _check_spss_labels,
    _report_serial_dates,
    _warn_and_log,
    _warn_background_cells,
    _warn_no_codebook_item,
    _warn_no_likert_item,
    _warn_problem_cells,
    text_items,
)
from techvet_survey.cleaning._values import (
    best_language_of,
    decode_background,
    decode_likert,
    harmonise,
    language_code,
    on_distinct,
    parse_dates_and_serials,
    parse_duration,
    unambiguous_lookup,
    unread_cells,
)
from techvet_survey.codebook import Codebook, normalize_label
from techvet_survey.privacy import pseudonymise, scrub_series

DATE_COLUMNS = ("submitted_at", "started_at")
BOM = "\ufeff"
UNMARKED = ("", "0", "0.0", "N")


@dataclass(frozen=True)
class SurveyFile:
    """The cleaning of one survey export: every row, its decision, and the log.

    ``answers`` (answer codes), ``statuses`` (categorical, :data:`LIKERT_STATUSES`) and
    ``raw_items`` (the cells as read) hold one column per Likert item and one row per
    row of ``rows``; :attr:`long` builds the long table of the kept rows from them.
    ``flags`` holds every rule's decision for every row (``reasons`` the first that
    applies, in the configured order). ``background_codes``, ``background_statuses``
    (:data:`BACKGROUND_STATUSES`) and ``raw_background`` do the same for the background
    items (gender, age band, field, experience, prior training).
    """

    rows: pd.DataFrame
    reasons: pd.Series
    flags: pd.DataFrame
    log: list[dict]
    mapping: ColumnMapping
    answers: pd.DataFrame
    statuses: pd.DataFrame
    raw_items: pd.DataFrame
    scale_of: dict
    background_codes: pd.DataFrame
    background_statuses: pd.DataFrame
    raw_background: pd.DataFrame

    @property
    def long(self) -> pd.DataFrame:
        """One row per kept respondent and Likert item (see :func:`long_table`)."""
        return long_table(
            self.rows,
            self.raw_items,
            self.answers,
            self.statuses,
            self.reasons == "",
            self.scale_of,
        )

    @property
    def background_long(self) -> pd.DataFrame:
        """One row per kept respondent and background item (see
        :func:`background_long_table`): unknown labels and out-of-range codes stay
        visible with their status."""
        return background_long_table(
            self.rows,
            self.raw_background,
            self.background_codes,
            self.background_statuses,
            self.reasons == "",
        )


def spss_labels_to_text(frame: pd.DataFrame, meta: dict, columns) -> pd.DataFrame:
    """Replace SPSS codes of `columns` by their value labels (so they harmonise as text)."""
    labels = meta.get("variable_value_labels") or meta.get("value_labels") or {}
    frame = frame.copy()
    for column in columns:
        if column in frame and column in labels:
            frame[column] = frame[column].map(
                lambda value, table=labels[column]: table.get(value, value)
            )
    return frame


def _answer_codes(book: Codebook, flavour: str) -> dict:
    try:
        return dict(book.export_profile(flavour).get("answer_codes", {}))
    except KeyError:
        return {}


def _languages(data: pd.DataFrame, book: Codebook, country: pd.Series, factorized) -> pd.Series:
    """Per-row language: the export's own column, else the labels' language, else the
    country's language. `factorized` holds ``pd.factorize`` of each item column."""
    distinct = [uniques for _, uniques in factorized.values()]
    detected = best_language_of(distinct, book) if distinct else None
    fallback = country.map(
        dict(zip(book.countries["country"], book.countries["language"], strict=True))
    )
    if "language" in data:
        own = language_code(data["language"], book.languages)
        return own.fillna(detected if detected else fallback)
    return fallback if detected is None else pd.Series(detected, index=data.index)


def _harmonise_people(data, book, codes, out, log, file_name):
    for column, section in (("country", "countries"), ("group", "groups")):
        mapping = book.value_map(section)
        mapping |= {normalize_label(code): value for code, value in codes.get(column, {}).items()}
        values = data[column] if column in data else pd.Series(np.nan, index=data.index)
        out[column], unknown = harmonise(values, mapping)
        out[f"{column}_unknown"] = unknown
        if unknown.notna().any():
            distinct = sorted(unknown.dropna().astype(str).unique())
            rows = out.loc[unknown.notna(), "source_row"].head(5).tolist()
            warnings.warn(
                f"{file_name}, column {column!r}, rows {rows}: values {distinct} are not in the "
                f"codebook; those rows are excluded as unknown_{column}. Add the spelling to "
                f"the aliases of the {section} in the codebook.",
                stacklevel=3,
            )
            log.append(
                {
                    "file": file_name,
                    "rule": f"unknown_{column}",
                    "column": column,
                    "count": int(unknown.notna().sum()),
                }
            )


def _background(data, book: Codebook, codes: dict, languages) -> pd.DataFrame:
    """Decode every background item: ``code`` and ``status`` columns per item
    (a MultiIndex frame), as :func:`decode_background` gives them.

    Labels are read in the file's languages first, then in every study language; a
    spelling two of those languages give different codes is not read (it is reported
    as an unknown label)."""
    kinds = dict(zip(book.background["item"], book.background["kind"], strict=True))
    decoded = {}
    for item in BACKGROUND_ITEMS:
        lookup, valid = {}, None
        if kinds[item] != "numeric":
            every = [book.background_label_map(item, lang) for lang in book.languages]
            own = [book.background_label_map(item, lang) for lang in languages]
            lookup = unambiguous_lookup(every) | unambiguous_lookup(own)
            valid = set(book.background_values(item, book.languages[0]))
        if item == "prior_training":
            lookup |= {
                normalize_label(code): value for code, value in codes.get("yesno", {}).items()
            }
        cells = data[item] if item in data else pd.Series(np.nan, index=data.index)
        decoded[item] = decode_background(
            cells, lookup, codes=valid, valid_range=book.background_range(item)
        )
    return pd.concat(decoded, axis=1)


def _channels(data, book, out, languages, answered_any):
    """Indicator columns ``channels_<option>`` from per-option columns or a joined cell."""
    options = list(book.multiselect_options("channels", "en"))
    if "channels" in data:
        lookup = {
            normalize_label(label): option
            for lang in languages
            for option, label in book.multiselect_options("channels", lang).items()
        }
        chosen = on_distinct(
            data["channels"],
            lambda cells: (
                cells.fillna("")
                .astype(str)
                .map(
                    lambda cell: {
                        lookup.get(normalize_label(part))
                        for part in cell.split(";")
                        if part.strip()
                    }
                )
            ),
        )
        for option in options:
            out[f"channels_{option}"] = chosen.map(
                lambda picked, option=option: option in picked
            ).astype(float)
    else:
        for option in options:
            column = f"channels_{option}"
            cells = (
                data[column].astype("object")
                if column in data
                else pd.Series(np.nan, index=data.index)
            )
            unmarked = on_distinct(
                cells, lambda cells: cells.isna() | cells.astype(str).str.strip().isin(UNMARKED)
            )
            out[column] = (~unmarked.astype(bool)).astype(float)
    channel_columns = [f"channels_{option}" for option in options]
    out.loc[~answered_any, channel_columns] = np.nan


def clean_survey_export(export, book: Codebook, config: CleaningConfig, key: bytes) -> SurveyFile:
    """Harmonise one survey export (a :class:`techvet_survey.io.RawExport`) and flag its rows."""
    file_name = export.provenance["file"]
    raw = export.frame
    mapping = map_columns(
        list(raw.columns),
        export.flavour,
        book,
        file_name,
        question_text=export.meta.get("question_text"),
    )
    data = raw[list(mapping.targets)].rename(columns=mapping.targets)
    log: list[dict] = []
    raw_names = {target: column for column, target in mapping.targets.items()}
    unmatched = _warn_no_codebook_item(mapping, book, file_name, len(raw))
    if not unmatched:
        _warn_no_likert_item(mapping, book, file_name, len(raw))
    if export.flavour.startswith("spss"):
        # Value labels name the codes of coded items; on a number (experience) they
        # mark special values, which stay numbers (and are reported if out of range).
        coded = ["country", "group", *CODED_BACKGROUND, "prior_training"]
        data = spss_labels_to_text(data, export.meta, coded)
        _check_spss_labels(export.meta, mapping, book, file_name, log)
    data = _strip_stray_boms(data, export, file_name, log)
    codes = _answer_codes(book, export.flavour)
    out = pd.DataFrame(index=data.index)
    out["source_file"] = file_name
    out["source_row"] = source_rows(export)
    source_id = data["source_id"] if "source_id" in data else out["source_row"]
    out["respondent_id"] = pseudonymise(
        (f"{file_name}:{value}" for value in id_texts(source_id)), key
    )
    out["flavour"] = export.flavour
    _harmonise_people(data, book, codes, out, log, file_name)
    items = book.items["item"].tolist()
    factorized = {
        item: pd.factorize(data[item], use_na_sentinel=True) for item in items if item in data
    }
    out["language"] = _languages(data, book, out["country"], factorized)
    present = set(pd.unique(out["language"].dropna()))
    languages = [lang for lang in book.languages if lang in present] or list(book.languages)
    _read_times(data, out, config, file_name, raw_names, log)
    out["submitted"] = (
        data["submitted_at"].notna() & data["submitted_at"].astype(str).str.strip().ne("")
        if export.flavour.startswith("limesurvey")
        else True
    )
    background = _background(data, book, codes, languages)
    for item in BACKGROUND_ITEMS:
        out[item] = background[item]["code"].where(background[item]["status"] == "valid")
    decoded = {
        item: decode_likert(
            data[item] if item in data else pd.Series(np.nan, index=data.index),
            book=book,
            lang=None,
            codes=codes.get("agree5"),
            factorized=factorized.get(item),
        )
        for item in items
    }
    answers = pd.DataFrame({item: frame["code"] for item, frame in decoded.items()})
    statuses = pd.DataFrame({item: frame["status"] for item, frame in decoded.items()})
    answered_any = statuses.ne("unanswered").any(axis=1)
    _channels(data, book, out, languages, answered_any)
    names = [
        str(value)
        for column in mapping.personal
        for value in raw[column].dropna().unique()
        if str(value) != "anonymous"
    ]
    open_items = text_items(book)
    for item in open_items:
        text = (
            data[item].astype("object").where(data[item].notna())
            if item in data
            else pd.Series(None, index=data.index, dtype=object)
        )
        scrubbed = scrub_series(text, names=names)
        log.append(
            {
                "file": file_name,
                "rule": "pii_scrubbed",
                "column": item,
                "count": int((scrubbed.fillna("") != text.fillna("")).sum()),
            }
        )
        out[item] = scrubbed
    flags = quality_flags(
        out,
        answers,
        statuses,
        substantive=items,
        text_items=open_items,
        config=config,
        background_answered=background.xs("status", axis=1, level=1).ne("unanswered").any(axis=1),
        no_codebook_item=unmatched,
    )
    reasons = first_reason(flags, config.exclusion_order)
    if "duplicate" in config.exclusion_order:  # (the chunked cleaning decides it file-wide)
        compared = compared_cells(out, answers, open_items)
        flags["duplicate"] = flag_duplicates(
            compared, list(compared.columns), out["submitted_at"], reasons == ""
        )
        reasons = first_reason(flags, config.exclusion_order)
    reverse = set(book.reverse_items())
    for item in items:
        valid = answers[item].where(statuses[item] == "valid")
        out[item] = 6 - valid if item in reverse else valid
    _warn_problem_cells(statuses, data, out, file_name, log)
    background_statuses = background.xs("status", axis=1, level=1)
    _warn_background_cells(background_statuses, data, out, book, file_name, raw_names)
    kept = (reasons == "").to_numpy()
    for item in items:
        counts = statuses[item][kept].value_counts()
        for status, count in counts.items():
            if status != "valid" and count > 0:
                log.append({"file": file_name, "rule": status, "column": item, "count": int(count)})
    for item in BACKGROUND_ITEMS:
        counts = background_statuses[item][kept].value_counts()
        log += [
            {"file": file_name, "rule": status, "column": item, "count": int(counts[status])}
            for status in PROBLEM_STATUSES
            if counts.get(status, 0) > 0
        ]
    absent = (np.full(len(data), -1), [])
    raw_items = pd.DataFrame(
        {item: cells_as_text(*factorized.get(item, absent)) for item in items}, index=data.index
    )
    raw_background = pd.DataFrame(
        {
            item: cells_as_text(*pd.factorize(data[item], use_na_sentinel=True))
            if item in data
            else cells_as_text(*absent)
            for item in BACKGROUND_ITEMS
        },
        index=data.index,
    )
    return SurveyFile(
        rows=out,
        reasons=reasons,
        flags=flags,
        log=log,
        mapping=mapping,
        answers=answers,
        statuses=statuses,
        raw_items=raw_items,
        scale_of=dict(zip(book.items["item"], book.items["scale"], strict=True)),
        background_codes=background.xs("code", axis=1, level=1),
        background_statuses=background_statuses,
        raw_background=raw_background,
    )


def _read_times(data, out, config: CleaningConfig, file_name: str, raw_names, log) -> None:
    """Start and submission times and the duration (``duration_s``): placeholder dates
    set missing, unreadable durations missing, both warned and logged."""
    placeholders = pd.DatetimeIndex(pd.to_datetime(list(config.placeholder_dates)))
    for column in DATE_COLUMNS:
        out[column] = pd.NaT
        if column not in data:
            continue
        out[column], serial = parse_dates_and_serials(data[column])
        _report_serial_dates(column, serial, out, file_name, log)
        placeholder = out[column].isin(placeholders)
        if placeholder.any():
            found = sorted({str(stamp) for stamp in out.loc[placeholder, column]})
            _warn_and_log(
                log,
                file_name,
                column,
                raw_names.get(column, column),
                out.loc[placeholder, "source_row"],
                f"placeholder date(s) {found} set missing (a tool writes them instead of the "
                "real time, e.g. LimeSurvey in anonymised surveys)",
                "if these are real times, remove them from `placeholder_dates` of CleaningConfig",
                rule="placeholder_date",
            )
            out[column] = out[column].where(~placeholder)
    elapsed = (out["submitted_at"] - out["started_at"]).dt.total_seconds()
    if "duration_s" not in data:
        out["duration_s"] = elapsed
        return
    seconds = parse_duration(data["duration_s"])
    unread = unread_cells(data["duration_s"], seconds)
    if unread.any():
        found = sorted(data.loc[unread, "duration_s"].astype(str).unique())[:5]
        _warn_and_log(
            log,
            file_name,
            "duration_s",
            raw_names.get("duration_s", "duration_s"),
            out.loc[unread, "source_row"],
            f"duration(s) {found} not read: missing (the start and submission times are "
            "used where both exist)",
            "write durations as seconds, hh:mm:ss or unit words ('2 hours 7 mins')",
            rule="unread_duration",
        )
    out["duration_s"] = seconds.fillna(elapsed)


def compared_cells(
    rows: pd.DataFrame, answers: pd.DataFrame, open_items: list[str]
) -> pd.DataFrame:
    """The cells two submissions must share to be duplicates: the background codes,
    group, country and the answers to the open questions `open_items`, and every Likert
    answer code."""
    substantive = [*CODED_BACKGROUND, "group", "country", *open_items]
    return pd.concat(
        [rows[[c for c in substantive if c in rows]], answers.add_suffix("_answer")], axis=1
    )


def _strip_stray_boms(data: pd.DataFrame, export, file_name: str, log: list) -> pd.DataFrame:
    """Remove byte-order marks (U+FEFF) inside cells: they are invisible, never data,
    and mark exports pasted together; warn and log where they were."""
    hits = {}
    for column in data.columns:
        cells = data[column]
        arrow_text = cells.dtype != object and pd.api.types.is_string_dtype(cells)
        if arrow_text and not pc.any(pc.match_substring(pa.array(cells.array), BOM)).as_py():
            continue  # one vectorised scan; the common case
        if pd.api.types.is_string_dtype(cells):
            found = cells.str.contains(BOM, regex=False).fillna(False).astype(bool)
        elif cells.dtype == object:
            found = cells.map(lambda value: isinstance(value, str) and BOM in value)
        else:
            continue
        if found.any():
            hits[column] = found
            data = data.assign(**{column: cells.where(~found, cells.str.replace(BOM, ""))})
    if hits:
        rows = sorted({int(row) for found in hits.values() for row in source_rows(export)[found]})
        count = int(sum(found.sum() for found in hits.values()))
        warnings.warn(
            f"{file_name}, columns {list(hits)}, rows {rows[:5]}: removed {count} stray "
            "byte-order mark(s) (U+FEFF) from cells; they usually mean two exports were "
            "pasted together. Check the file for a repeated header or a second export.",
            stacklevel=3,
        )
        log.append({"file": file_name, "rule": "stray_bom_removed", "column": "", "count": count})
    return data


def id_text(value) -> str:
    """A source id as text: ``17.0`` (SPSS numbers) and ``"17"`` give ``"17"``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def id_texts(values: pd.Series) -> list[str]:
    """:func:`id_text` of every cell of a column (text columns in one vectorised step)."""
    if pd.api.types.is_string_dtype(values) and values.dtype != object:
        return values.astype(str).str.strip().tolist()
    return [id_text(value) for value in values]


def source_rows(export) -> pd.Series:
    """The 1-based row of each frame row in its source file."""
    if getattr(export, "row_numbers", None) is not None:
        return pd.Series(np.asarray(export.row_numbers), index=export.frame.index)
    if "_source_row" in export.frame:
        return export.frame["_source_row"]
    return pd.Series(np.arange(2, len(export.frame) + 2), index=export.frame.index)

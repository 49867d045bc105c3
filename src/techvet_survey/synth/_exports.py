"""Writers of the raw exports each partner's survey tool produces, with their quirks.

- Finland: Webropol Excel, one workbook per respondent group, Finnish question text with
  numbering prefixes, answer labels (with variants and stray whitespace), dates in two
  formats, the country typed in several spellings, trailing blank rows.
- Estonia: LimeSurvey CSV (``;``, UTF-8 BOM, CRLF), code headers like ``G2Q1[SQ001]``,
  answer codes, ``startlanguage``, ``submitdate`` (empty when incomplete), ``lastpage``.
- Latvia: SPSS .sav with value labels, user-missing codes 8/9 and a few out-of-range codes.
- The Netherlands: Microsoft Forms Excel in Dutch (``ID``, ``Start time``,
  ``Completion time``, multi-select joined with ``;`` and a trailing ``;``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from techvet_survey._files import stabilise_sav, write_xlsx
from techvet_survey.codebook import Codebook
from techvet_survey.synth._pii import PiiFactory

BACKGROUND_CODED = ("gender", "age_band", "field")
CHANNELS = ("face_to_face", "phone", "video_call", "chat_lms", "email")
COUNTRY_SPELLINGS = {
    "FI": ["Suomi", "Suomi", "Suomi", "Finland", "FI ", " suomi"],
    "NL": ["Nederland", "Nederland", "Nederland", "Netherlands", "NL ", "nederland "],
}


class LabelWriter:
    """Turns answer codes into the labels a tool prints, with real exports' variations."""

    def __init__(self, book: Codebook, lang: str, rng, variant_share=0.1, space_share=0.05):
        self.book, self.lang, self.rng = book, lang, rng
        self.variant_share, self.space_share = variant_share, space_share
        scale = book.response_scale("agree5")
        self.variants: dict[int, list[str]] = {}
        for label, code in scale.get("variants", {}).get(lang, {}).items():
            self.variants.setdefault(int(code), []).append(label)
        self.labels = book.value_labels("agree5", lang) | book.missing_labels("agree5", lang)

    def likert(self, code: float) -> str | None:
        """The label of a Likert answer code; None for no answer."""
        if pd.isna(code):
            return None
        code = int(code)
        draw = self.rng.random()
        if code in self.variants and draw < self.variant_share:
            return str(self.rng.choice(self.variants[code]))
        label = self.labels[code]
        if draw > 1 - self.space_share:
            return (
                f" {label}  "
                if draw > 1 - self.space_share / 2
                else label.replace(" ", "  ", 1) + " "
            )
        return label

    def coded(self, item: str, code: float) -> str | None:
        """The label of a coded background answer."""
        return None if pd.isna(code) else self.book.background_values(item, self.lang)[int(code)]


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _likert_items(book: Codebook) -> list[str]:
    return book.items["item"].tolist()


def write_webropol(frame: pd.DataFrame, book: Codebook, path: Path, group: str, rng) -> None:
    """A Webropol Excel export of one respondent group, in Finnish."""
    lang = "fi"
    labels = LabelWriter(book, lang, rng)
    staff = group != "student"
    columns: list[tuple[str, object]] = [
        ("Nro", lambda row: int(row.source_id)),
        ("Aloitettu", lambda row: _fmt(row.started_at, "%d.%m.%Y %H:%M:%S")),
        (
            "Lähetetty",
            lambda row: _fmt(
                row.submitted_at, "%d.%m.%Y %H:%M" if rng.random() < 0.85 else "%Y-%m-%d %H:%M:%S"
            ),
        ),
        (
            f"1. {book.question_text('country', lang)}",
            lambda row: _country_spelling("FI", rng) if isinstance(row.country, str) else None,
        ),
        (
            f"2. {book.question_text('group', lang)}",
            lambda row: book.group_label(row.group, lang) if isinstance(row.group, str) else None,
        ),
    ]
    number = 3
    for item in BACKGROUND_CODED:
        columns.append(
            (
                f"{number}. {book.question_text(item, lang)}",
                lambda row, item=item: labels.coded(item, getattr(row, item)),
            )
        )
        number += 1
    if staff:
        columns.append(
            (
                f"{number}. {book.question_text('experience_years', lang)}",
                lambda row: None if pd.isna(row.experience_years) else int(row.experience_years),
            )
        )
        columns.append(
            (
                f"{number + 1}. {book.question_text('prior_training', lang)}",
                lambda row: labels.coded("prior_training", row.prior_training),
            )
        )
        number += 2
    for scale in book.scales["scale"]:
        for item in book.scale_items(scale):
            header = (
                f"{number}. {book.scale_label(scale, lang)} - {book.item_text(item, lang, group)}"
            )
            columns.append((header, lambda row, item=item: labels.likert(getattr(row, item))))
        number += 1
    channel_question = book.question_text("channels", lang)
    for option, label in book.multiselect_options("channels", lang).items():
        columns.append(
            (
                f"{number}. {channel_question} - {label}",
                lambda row, option=option, label=label: (
                    label if getattr(row, f"channels_{option}") == 1 else None
                ),
            )
        )
    number += 1
    for item in ("open_guidance", "open_other"):
        columns.append(
            (
                f"{number}. {book.question_text(item, lang, group)}",
                lambda row, item=item: _text(getattr(row, item)),
            )
        )
        number += 1
    administrative = 3
    rows = [
        [
            cell(row) if position < administrative or row.planted_reason != "blank" else None
            for position, (_, cell) in enumerate(columns)
        ]
        for row in frame.itertuples()
    ]
    write_xlsx(path, [header for header, _ in columns], rows, sheet="Vastaukset")


def limesurvey_table(frame: pd.DataFrame, book: Codebook, rng) -> pd.DataFrame:
    """The cells of a LimeSurvey 'answer codes' export, as strings, built column-wise."""
    profile = book.export_profile("limesurvey_csv")
    codes = profile["answer_codes"]
    likert_code = {value: key for key, value in codes["agree5"].items()}
    group_code = {value: key for key, value in codes["group"].items()}
    yes_no = {value: key for key, value in codes["yesno"].items()}
    likert_items = set(book.items["item"])
    incomplete = frame["incomplete"].fillna(False).astype(bool).to_numpy()
    stamp = _stamps(frame["submitted_at"], "%Y-%m-%d %H:%M:%S")
    table = pd.DataFrame(
        {
            "id": frame["source_id"].astype(int).astype(str),
            "submitdate": np.where(incomplete, "", stamp),
            "lastpage": np.where(incomplete, rng.integers(2, 5, len(frame)), 8).astype(str),
            "startlanguage": frame["language"].fillna(""),
            "seed": rng.integers(10**8, 10**9, len(frame)).astype(str),
            "startdate": _stamps(frame["started_at"], "%Y-%m-%d %H:%M:%S"),
            "datestamp": stamp,
            "interviewtime": frame["duration_s"].map("{:.2f}".format),
        },
        index=frame.index,
    )
    for column, item in profile["columns"].items():
        values = frame[item]
        if item.startswith("channels_"):
            cells = np.where(values == 1, "Y", "")
        elif item == "group":
            cells = values.map(group_code).fillna("")
        elif item == "prior_training":
            cells = values.map(yes_no).fillna("")
        elif item in ("country", "open_guidance", "open_other"):
            cells = values.fillna("")
        elif item in likert_items:
            cells = values.map(likert_code).fillna("")
        else:
            cells = values.map(lambda value: "" if pd.isna(value) else str(int(value)))
        table[column] = cells
    return table


def write_limesurvey(frame: pd.DataFrame, book: Codebook, path: Path, rng, *, append=False) -> None:
    """A LimeSurvey 'answer codes' CSV export: ``;``, UTF-8 BOM, CRLF line ends.

    With ``append=True`` the rows are added to an existing file without a header, so
    that a large export can be written chunk by chunk in bounded memory.
    """
    table = limesurvey_table(frame, book, rng)
    text = table.to_csv(
        sep=";", index=False, header=not append, lineterminator="\r\n", quoting=csv.QUOTE_ALL
    )
    with open(path, "ab" if append else "wb") as handle:
        handle.write(text.encode("utf-8") if append else b"\xef\xbb\xbf" + text.encode("utf-8"))


def _stamps(values: pd.Series, pattern: str) -> np.ndarray:
    return pd.to_datetime(values).dt.strftime(pattern).fillna("").to_numpy()


def write_spss(frame: pd.DataFrame, book: Codebook, path: Path, rng) -> list[dict]:
    """An SPSS .sav export in Latvian with value labels and user-missing codes.

    Returns the out-of-range codes planted (data-entry errors) as records.
    """
    lang = "lv"
    items = _likert_items(book)
    countries = {code: position for position, code in enumerate(book.countries["country"], 1)}
    groups = {code: position for position, code in enumerate(book.groups["group"], 1)}
    data = pd.DataFrame(
        {
            "RespID": frame["source_id"].astype(float),
            "sakums": frame["started_at"],
            "beigas": frame["submitted_at"],
            "ilgums": frame["duration_s"],
            "country": frame["country"].map(countries),
            "group": frame["group"].map(groups),
        }
    )
    for item in (*BACKGROUND_CODED, "experience_years", "prior_training", *items):
        data[item] = frame[item].astype(float)
    for option in CHANNELS:
        data[f"channels_{option}"] = frame[f"channels_{option}"].astype(float)
    data["open_guidance"] = frame["open_guidance"].fillna("").astype(str)
    kept = frame.index[(frame["planted_reason"] == "") & frame[items].notna().all(axis=1)]
    planted = []
    for row in rng.choice(kept, size=min(3, len(kept)), replace=False):
        item = str(rng.choice(items))
        value = float(rng.choice([0.0, 6.0, 7.0]))
        data.at[row, item] = value
        planted.append({"source_id": int(frame.at[row, "source_id"]), "item": item, "value": value})
    likert_labels = book.value_labels("agree5", lang) | book.missing_labels("agree5", lang)
    value_labels = {item: likert_labels for item in items}
    value_labels |= {
        item: book.background_values(item, lang) for item in (*BACKGROUND_CODED, "prior_training")
    }
    value_labels["country"] = {
        position: book.country_label(code, lang) for code, position in countries.items()
    }
    value_labels["group"] = {
        position: book.group_label(code, lang) for code, position in groups.items()
    }
    column_labels = {item: book.item_text(item, lang) for item in items}
    column_labels |= {
        item: book.question_text(item, lang)
        for item in (
            "country",
            "group",
            *BACKGROUND_CODED,
            "experience_years",
            "prior_training",
            "open_guidance",
        )
    }
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels=column_labels,
        variable_value_labels=value_labels,
        missing_ranges={item: [8, 9] for item in items},
        variable_format={"sakums": "DATETIME20", "beigas": "DATETIME20"},
    )
    stabilise_sav(path)
    return planted


def write_msforms(frame: pd.DataFrame, book: Codebook, path: Path, rng) -> list[str]:
    """A Microsoft Forms Excel export in Dutch. Returns the personal data in Email/Name."""
    lang = "nl"
    labels = LabelWriter(book, lang, rng)
    options = book.multiselect_options("channels", lang)
    planted: list[str] = []

    def identity(row):
        if rng.random() < 0.75:
            return "anonymous", "anonymous"
        person = _pii_person(rng)
        planted.extend(person)
        return person[1], person[0]

    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Land",
        book.question_text("group", lang),
    ]
    header += [book.question_text(item, lang) for item in BACKGROUND_CODED]
    header += [book.question_text(item, lang) for item in ("experience_years", "prior_training")]
    items = _likert_items(book)
    header += [book.item_text(item, lang) for item in items]
    header += [
        book.question_text("channels", lang),
        book.question_text("open_guidance", lang),
        book.question_text("open_other", lang),
    ]
    rows = []
    for row in frame.itertuples():
        if row.planted_reason == "blank":
            rows.append(
                [
                    int(row.source_id),
                    row.started_at.to_pydatetime(),
                    row.submitted_at.to_pydatetime(),
                    "anonymous",
                    "anonymous",
                ]
                + [None] * (len(header) - 5)
            )
            continue
        email, name = identity(row)
        chosen = [options[option] for option in CHANNELS if getattr(row, f"channels_{option}") == 1]
        completion = (
            row.submitted_at.to_pydatetime()
            if rng.random() < 0.85
            else _fmt(row.submitted_at, "%d-%m-%Y %H:%M")
        )
        record = [
            int(row.source_id),
            row.started_at.to_pydatetime(),
            completion,
            email,
            name,
            _country_spelling("NL", rng),
            book.group_label(row.group, lang),
        ]
        record += [labels.coded(item, getattr(row, item)) for item in BACKGROUND_CODED]
        record += [
            None if pd.isna(row.experience_years) else int(row.experience_years),
            labels.coded("prior_training", row.prior_training),
        ]
        record += [labels.likert(getattr(row, item)) for item in items]
        record += [
            "".join(f"{label};" for label in chosen) or None,
            _text(row.open_guidance),
            _text(row.open_other),
        ]
        rows.append(record)
    write_xlsx(path, header, rows, sheet="Form1")
    return planted


def _pii_person(rng) -> tuple[str, str]:
    name, email, _ = PiiFactory().person("nl", rng)
    return name, email


def _country_spelling(country: str, rng) -> str:
    return str(rng.choice(COUNTRY_SPELLINGS[country]))


def _fmt(stamp, pattern: str):
    return None if pd.isna(stamp) else pd.Timestamp(stamp).strftime(pattern)

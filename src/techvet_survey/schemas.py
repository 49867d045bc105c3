"""Schemas of the processed tables, checked before anything is written.

Every failure of every table is collected (pandera's ``lazy=True``) and reported at once.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from techvet_survey.codebook import Codebook
from techvet_survey.errors import TechvetError

LIKERT_STATUSES = (
    "valid",
    "dont_know",
    "not_applicable",
    "unanswered",
    "unknown_label",
    "out_of_range",
)
# Background answers (gender, age band, field, experience, prior training) have no
# "don't know" options; the problem statuses are those of the Likert items.
BACKGROUND_STATUSES = ("valid", "unanswered", "unknown_label", "out_of_range")
RESPONDENT_ID = r"^R-[0-9a-f]{12}$"
TEST_TAKER_ID = r"^T-[0-9a-f]{12}$"


class SchemaValidationError(TechvetError):
    """A processed table breaks its schema; the message lists every failure."""


def _likert(item: str) -> pa.Column:
    return pa.Column(float, pa.Check.isin([1.0, 2.0, 3.0, 4.0, 5.0]), nullable=True, required=True)


def survey_schema(book: Codebook) -> pa.DataFrameSchema:
    """The wide survey table: one row per kept respondent."""
    columns = {
        "respondent_id": pa.Column(str, pa.Check.str_matches(RESPONDENT_ID), unique=True),
        "country": pa.Column(str, pa.Check.isin(list(book.countries["country"]))),
        "group": pa.Column(str, pa.Check.isin(list(book.groups["group"]))),
        "language": pa.Column(str, pa.Check.isin(list(book.languages)), nullable=True),
        "source_file": pa.Column(str),
    }
    columns |= {item: _likert(item) for item in book.items["item"]}
    columns |= {
        f"channels_{option}": pa.Column(float, pa.Check.isin([0.0, 1.0]), nullable=True)
        for option in book.multiselect_options("channels")
    }
    return pa.DataFrameSchema(columns, strict=False, coerce=False, name="survey")


def survey_long_schema(book: Codebook) -> pa.DataFrameSchema:
    """The long survey table: one row per kept respondent and Likert item."""
    return pa.DataFrameSchema(
        {
            "respondent_id": pa.Column(str, pa.Check.str_matches(RESPONDENT_ID)),
            "item": pa.Column(str, pa.Check.isin(list(book.items["item"]))),
            "scale": pa.Column(str, pa.Check.isin(list(book.scales["scale"]))),
            "value": pa.Column(float, pa.Check.isin([1.0, 2.0, 3.0, 4.0, 5.0]), nullable=True),
            "status": pa.Column(str, pa.Check.isin(list(LIKERT_STATUSES))),
        },
        checks=[
            pa.Check(
                lambda frame: frame["value"].notna() == (frame["status"] == "valid"),
                name="value present exactly when status is valid",
            )
        ],
        unique=["respondent_id", "item"],
        name="survey_long",
    )


def survey_background_schema(book: Codebook) -> pa.DataFrameSchema:
    """The long background table: one row per kept respondent and background item."""
    items = [
        item
        for item, kind in zip(book.background["item"], book.background["kind"], strict=True)
        if kind in ("nominal", "ordinal", "numeric", "yesno")
    ]
    return pa.DataFrameSchema(
        {
            "respondent_id": pa.Column(str, pa.Check.str_matches(RESPONDENT_ID)),
            "item": pa.Column(str, pa.Check.isin(items)),
            "value": pa.Column(float, nullable=True),
            "status": pa.Column(str, pa.Check.isin(list(BACKGROUND_STATUSES))),
        },
        checks=[
            pa.Check(
                lambda frame: frame["value"].notna() == (frame["status"] == "valid"),
                name="value present exactly when status is valid",
            )
        ],
        unique=["respondent_id", "item"],
        name="survey_background",
    )


def assessment_scored_schema(book: Codebook) -> pa.DataFrameSchema:
    """The scored assessment test: one row per kept test taker, items 0/1."""
    columns = {"respondent_id": pa.Column(str, pa.Check.str_matches(TEST_TAKER_ID), unique=True)}
    columns |= {
        item: pa.Column(float, pa.Check.isin([0.0, 1.0]), nullable=True)
        for item in book.test_items["item"]
    }
    return pa.DataFrameSchema(columns, name="test_scored")


def exclusions_schema(reasons) -> pa.DataFrameSchema:
    """One row per excluded row, with one known reason."""
    return pa.DataFrameSchema(
        {
            "file": pa.Column(str),
            "source_row": pa.Column(int, pa.Check.ge(1)),
            "reason": pa.Column(str, pa.Check.isin(list(reasons))),
        },
        name="exclusions",
    )


def segments_schema() -> pa.DataFrameSchema:
    """Interview segments: positions in order, a code on every segment."""
    return pa.DataFrameSchema(
        {
            "document": pa.Column(str),
            "coder": pa.Column(str),
            "code": pa.Column(str),
            "start": pa.Column(int, pa.Check.ge(0)),
            "end": pa.Column(int, pa.Check.ge(0)),
        },
        checks=[pa.Check(lambda frame: frame["end"] >= frame["start"], name="end >= start")],
        name="segments",
    )


def validate_tables(
    tables: dict[str, pd.DataFrame], schemas: dict[str, pa.DataFrameSchema]
) -> None:
    """Validate every table against its schema; raise one error listing all failures."""
    failures = []
    for name, schema in schemas.items():
        table = tables.get(name)
        if table is None or table.empty:
            continue
        try:
            schema.validate(table, lazy=True)
        except SchemaErrors as error:
            cases = error.failure_cases.head(20)
            for case in cases.itertuples():
                failures.append(
                    f"{name}: column {case.column!r} failed {case.check!r} "
                    f"(value {case.failure_case!r}, row {case.index})"
                )
    if failures:
        raise SchemaValidationError(
            f"{len(failures)} schema failure(s); nothing was written:\n  - "
            + "\n  - ".join(failures)
        )

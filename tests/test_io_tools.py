"""Tests of techvet_survey.io.tools: one adapter per survey tool, on each tool's exports."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.errors import InputError
from techvet_survey.io import FLAVOURS, detect_flavour, iter_export, read_export
from techvet_survey.io.tools import ADAPTERS, ADMIN_FIELDS, detect_tool, tool_adapter
from techvet_survey.io.tools.limesurvey import candidates, normalise_code

TOOLS = Path(__file__).resolve().parent / "data" / "tools"


def read_quietly(path: Path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_export(path, **options)


# --- the registry ---------------------------------------------------------------------------


def test_every_adapter_has_its_flavours_and_known_fields():
    for adapter in ADAPTERS:
        assert {f"{adapter.name}_csv", f"{adapter.name}_xlsx"} <= set(FLAVOURS)
        assert set(adapter.admin.values()) <= set(ADMIN_FIELDS)
        assert tool_adapter(f"{adapter.name}_xlsx") is adapter


@pytest.mark.parametrize(
    ("header", "tool"),
    [
        (["Response ID", "Date submitted", "Last page", "Start language", "Country"], "limesurvey"),
        (
            [
                "id. Response ID",
                "submitdate. Date submitted",
                "lastpage. Last page",
                "startlanguage. Start language",
                "G1Q1. Country",
            ],
            "limesurvey",
        ),
        (["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Q1"], "qualtrics"),
        ([f"V{number}" for number in range(1, 11)] + ["Q1"], "qualtrics"),
        (
            ["Last name", "First name", "Status", "Started", "Completed", "Duration", "Response 1"],
            "lms_quiz",
        ),
        (["State", "Started on", "Completed", "Time taken", " Response 6 "], "lms_quiz"),
        (["Surname", "First name", "Grade/10.00", "Q. 1 /1.00"], "lms_quiz"),
        (["Timestamp", "Country"], "googleforms"),
        (["State", "Status", "Comments"], "generic"),
    ],
)
def test_tool_is_detected_from_the_header(header, tool):
    assert detect_tool(header).name == tool


def test_limesurvey_codes_in_every_style():
    assert normalise_code("G01Q01") == "G1Q1"
    assert normalise_code("G10Q02[SQ001]") == "G10Q2[SQ001]"
    assert normalise_code("submitdate") == "submitdate"
    assert candidates("G1Q1. Country") == ("G1Q1. Country", "G1Q1", "Country")
    adapter = tool_adapter("limesurvey_csv")
    assert [adapter.admin_field(name) for name in ("Date submitted", "id. Response ID")] == [
        "submitted_at",
        "source_id",
    ]


# --- LimeSurvey -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["limesurvey_full_text.csv", "limesurvey_code_text.csv", "limesurvey_G01Q01.csv"]
)
def test_limesurvey_heading_styles_are_limesurvey(name):
    raw = read_export(TOOLS / name)
    assert raw.flavour == "limesurvey_csv"
    assert raw.provenance["header_rows"] == 1
    assert raw.frame.columns[0] in ("Response ID", "id. Response ID", "id")


def test_limesurvey_placeholder_dates_are_the_adapters():
    raw = read_export(TOOLS / "limesurvey_G01Q01.csv")
    placeholders = tool_adapter(raw.flavour).placeholders
    assert raw.frame.loc[0, "submitdate"] in placeholders["submitted_at"]
    assert "2026-03-02 10:12:40" not in placeholders["submitted_at"]


# --- Qualtrics ------------------------------------------------------------------------------


def test_qualtrics_question_text_and_import_id_rows_are_not_respondents():
    raw = read_export(TOOLS / "qualtrics_three_rows.csv")
    assert raw.flavour == "qualtrics_csv"
    assert raw.frame["ResponseId"].tolist() == ["R_1a2B3c4D5e6F7g8", "R_9z8Y7x6W5v4U3t2"]
    assert raw.row_numbers.tolist() == [4, 5]
    assert raw.provenance["header_rows"] == 3
    assert raw.meta["question_text"]["Q1"] == "Country"
    assert raw.meta["question_text"]["Q3_1"].startswith("Guidance at the workplace - ")


def test_qualtrics_legacy_label_row_is_not_a_respondent():
    raw = read_export(TOOLS / "qualtrics_legacy.csv")
    assert raw.flavour == "qualtrics_csv"
    assert raw.frame["V1"].tolist() == ["R_0a1b2c3d4e5f6g7"]
    assert raw.row_numbers.tolist() == [3]
    assert raw.meta["question_text"]["V8"] == "StartDate"


def test_qualtrics_without_label_rows_keeps_its_first_respondent(tmp_path):
    path = tmp_path / "api_export.csv"
    path.write_text(
        "StartDate,EndDate,Status,Progress,ResponseId,Q1\n"
        "2026-03-05 08:00:00,2026-03-05 08:09:30,0,100,R_abc,FI\n",
        encoding="utf-8",
    )
    raw = read_export(path)
    assert raw.flavour == "qualtrics_csv"
    assert raw.frame["ResponseId"].tolist() == ["R_abc"]


# --- Moodle ---------------------------------------------------------------------------------


def test_moodle3_responses_with_stray_spaces_in_headers():
    raw = read_export(TOOLS / "moodle3_responses.csv")
    assert raw.flavour == "lms_quiz_csv"
    assert raw.frame.columns[-3:].tolist() == ["Response 1", "Response 2", "Response 3"]
    assert raw.frame.loc[0, "Time taken"] == "2 hours 7 mins"


def test_moodle4_responses_are_a_quiz_report():
    raw = read_export(TOOLS / "moodle4_responses.csv")
    assert raw.flavour == "lms_quiz_csv"
    adapter = tool_adapter(raw.flavour)
    fields = {column: adapter.admin_field(column) for column in raw.frame.columns[3:7]}
    assert fields == {
        "Status": "state",
        "Started": "started_at",
        "Completed": "submitted_at",
        "Duration": "duration_text",
    }


@pytest.mark.parametrize("name", ["moodle3_grades.csv", "moodle4_grades.xlsx"])
def test_moodle_grades_report_is_refused_with_the_download_to_choose(name):
    with pytest.raises(
        InputError,
        match=rf"^'{name}': this is the Moodle Grades report .* download Results > Responses",
    ):
        read_export(TOOLS / name)
    with pytest.raises(InputError, match="Grades report"):
        detect_flavour(TOOLS / name)


# --- header whitespace and duplicates --------------------------------------------------------


def test_header_whitespace_is_stripped_in_xlsx_too(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Timestamp ", " Country", "\u00a0Comments\u00a0"])
    workbook.active.append(["2026-03-07", "FI", "ok"])
    workbook.save(tmp_path / "form.xlsx")
    raw = read_export(tmp_path / "form.xlsx")
    assert raw.flavour == "googleforms_xlsx"
    assert raw.frame.columns.tolist() == ["Timestamp", "Country", "Comments"]


def test_repeated_question_titles_are_renamed_and_recorded():
    with pytest.warns(
        UserWarning,
        match=r"'googleforms_repeated_titles.csv' has duplicate column names \('Comments' at "
        r"columns 3, 4\)",
    ):
        raw = read_export(TOOLS / "googleforms_repeated_titles.csv")
    assert raw.frame.columns.tolist() == ["Timestamp", "Country", "Comments", "Comments.1"]
    assert raw.frame.loc[0, "Comments.1"] == "second section"
    assert raw.provenance["renamed_columns"] == {"Comments.1": "Comments"}


# --- TSV read verbatim ----------------------------------------------------------------------


def test_unquoted_tsv_keeps_quotes_at_the_start_of_cells():
    raw = read_export(TOOLS / "verbatim_quotes.tsv")
    assert raw.provenance["delimiter"] == "\t"
    assert raw.frame["open_guidance"].tolist() == [
        '"Hands-on" work helps most',
        '"Learning by doing", as they say',
    ]
    chunks = list(iter_export(TOOLS / "verbatim_quotes.tsv", chunk_rows=1))
    assert chunks[1].frame.loc[0, "open_guidance"] == '"Learning by doing", as they say'


def test_quoted_tsv_is_still_unquoted(tmp_path):
    path = tmp_path / "quoted.tsv"
    path.write_text('"id"\t"note"\n"1"\t"two\nlines"\n"2"\t"a ""b"""\n', encoding="utf-8")
    assert read_export(path).frame["note"].tolist() == ["two\nlines", 'a "b"']


# --- SPSS dates out of range ----------------------------------------------------------------


def test_spss_dates_out_of_range_are_read_raw_with_a_warning():
    path = TOOLS / "spss_date_out_of_range.sav"
    with pytest.warns(
        UserWarning,
        match=r"'spss_date_out_of_range.sav': columns \['sakums'\] hold dates out of the range",
    ):
        raw = read_export(path)
    assert raw.frame.columns.tolist() == ["RespID", "sakums", "beigas", "dzimums"]
    assert raw.frame["sakums"].dtype == np.float64
    assert raw.frame.loc[0, "sakums"] == pytest.approx(
        (pd.Timestamp("2026-03-01") - pd.Timestamp("1582-10-14")).total_seconds()
    )
    assert raw.frame.loc[0, "beigas"] == pd.Timestamp("2026-03-01 00:10:00")
    assert raw.meta["raw_date_columns"] == ["sakums"]
    assert raw.meta["value_labels"]["dzimums"] == {1.0: "Sieviete", 2.0: "Vīrietis"}


def test_spss_dates_out_of_range_in_chunks():
    path = TOOLS / "spss_date_out_of_range.sav"
    with pytest.warns(UserWarning, match=r"columns \['sakums'\]"):
        chunks = list(iter_export(path, chunk_rows=1))
    whole = read_quietly(path)
    assert [chunk.row_numbers.tolist() for chunk in chunks] == [[1], [2]]
    assert chunks[1].frame.loc[0, "sakums"] == whole.frame.loc[1, "sakums"]
    assert chunks[1].frame.loc[0, "beigas"] == pd.Timestamp("2026-03-01 00:15:00")


# --- files that are no export ---------------------------------------------------------------


def test_maxqda_project_is_refused_at_open():
    with pytest.raises(
        InputError,
        match=r"^'maxqda_project.mex' is a MAXQDA project, not an export: export the coded "
        r"project as REFI-QDA \(.qdpx\) or the coded segments as .xlsx",
    ):
        read_export(TOOLS / "maxqda_project.mex")


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("project.db", None, r"'project.db' is an SQLite database"),
        ("report.csv", b"%PDF-1.7\n%\xe2\xe3\n", r"'report.csv' is a PDF document"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), r"legacy Excel 97-2003"),
        ("data.por", b"ASCII SPSS PORT FILE", r"SPSS portable file .* save it as .sav"),
        ("survey.R", b"data <- read.csv('survey.csv')\n", r"an R script"),
    ],
)
def test_other_files_are_refused_with_what_to_export(tmp_path, name, content, match):
    path = tmp_path / name
    if content is None:
        with sqlite3.connect(path) as database:
            database.execute("CREATE TABLE t (x)")
        database.close()
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        read_export(path)


def test_qualtrics_excel_export_and_chunks_skip_the_same_header_rows(tmp_path):
    import csv

    import openpyxl

    text = (TOOLS / "qualtrics_three_rows.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "qualtrics.xlsx")
    raw = read_export(tmp_path / "qualtrics.xlsx")
    assert raw.flavour == "qualtrics_xlsx"
    assert raw.row_numbers.tolist() == [4, 5]
    chunks = list(iter_export(TOOLS / "qualtrics_three_rows.csv", chunk_rows=1))
    assert [chunk.row_numbers.tolist() for chunk in chunks] == [[4], [5]]
    assert chunks[0].frame.loc[0, "ResponseId"] == "R_1a2B3c4D5e6F7g8"

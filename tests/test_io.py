"""Tests of techvet_survey.io: flavours, encodings, layouts, provenance, chunks, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.io import (
    FLAVOURS,
    RawExport,
    _delimited,
    detect_flavour,
    file_inventory,
    iter_export,
    parse_number,
    read_export,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
BUNDLED = {
    "survey/EE_limesurvey_results.csv": "limesurvey_csv",
    "survey/FI_webropol_student.xlsx": "webropol_xlsx",
    "survey/FI_webropol_teacher.xlsx": "webropol_xlsx",
    "survey/FI_webropol_workplace_trainer.xlsx": "webropol_xlsx",
    "survey/NL_msforms_export.xlsx": "msforms_xlsx",
    "survey/LV_survey.sav": "spss_sav",
    "test/learning_ambassador_quiz_responses.csv": "lms_quiz_csv",
    "interviews/segments_coder_A.csv": "qda_segments_csv",
    "interviews/segments_coder_B.csv": "qda_segments_csv",
    "interviews/documents.csv": "case_table_csv",
}


def write_xlsx(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the bundled synthetic exports --------------------------------------------------------


def fingerprints() -> dict:
    return {
        relative: (sha256(RAW / relative), (RAW / relative).stat().st_mtime_ns)
        for relative in BUNDLED
    }


@pytest.fixture(scope="module")
def bundled():
    """Every bundled export read once, with the files' hashes and times before reading."""
    before = fingerprints()
    return before, {relative: read_export(RAW / relative) for relative in BUNDLED}


@pytest.mark.parametrize(("relative", "flavour"), BUNDLED.items())
def test_bundled_exports_are_detected(relative, flavour):
    assert detect_flavour(RAW / relative) == flavour


def test_limesurvey_cells_are_kept_as_text_with_file_rows(bundled):
    path = RAW / "survey/EE_limesurvey_results.csv"
    raw = bundled[1]["survey/EE_limesurvey_results.csv"]
    with open(path, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle, delimiter=";"))
    assert list(raw.frame.columns) == records[0]
    assert len(raw.frame) == len(records) - 1
    expected = pd.DataFrame(records[1:], columns=records[0]).replace("", np.nan)
    pd.testing.assert_frame_equal(raw.frame, expected, check_dtype=False)
    assert all(pd.api.types.is_string_dtype(dtype) for dtype in raw.frame.dtypes)
    assert raw.row_numbers.tolist() == list(range(2, len(records) + 1))
    assert raw.provenance["delimiter"] == ";"
    assert raw.provenance["encoding"] == "utf-8-sig"
    assert raw.provenance["sha256"] == sha256(path)
    assert raw.provenance["size_bytes"] == path.stat().st_size
    assert raw.provenance["rows"] == len(records) - 1
    assert "read_at" not in raw.provenance
    incomplete = raw.frame["submitdate"].isna()
    assert incomplete.any() and (raw.frame.loc[incomplete, "lastpage"] != "8").all()


def test_webropol_headers_and_native_cells(bundled):
    raw = bundled[1]["survey/FI_webropol_teacher.xlsx"]
    assert raw.frame.columns[:3].tolist() == ["Nro", "Aloitettu", "Lähetetty"]
    assert raw.frame.columns[10].startswith("8. Ohjaus työpaikalla - ")
    assert raw.provenance["sheet"] == "Vastaukset"
    assert raw.frame["Nro"].tolist() == list(range(1, len(raw.frame) + 1))
    assert raw.frame["Aloitettu"].dtype == "str"
    assert raw.row_numbers[0] == 2


def test_spss_keeps_user_missing_codes_and_labels(bundled):
    raw = bundled[1]["survey/LV_survey.sav"]
    items = [column for column in raw.frame.columns if column in raw.meta["missing_ranges"]]
    assert items
    assert raw.meta["missing_ranges"][items[0]] == [
        {"lo": 8.0, "hi": 8.0},
        {"lo": 9.0, "hi": 9.0},
    ]
    values = pd.unique(raw.frame[items].to_numpy().ravel())
    assert {8.0, 9.0} <= set(values[~pd.isna(values)])
    assert raw.meta["value_labels"][items[0]][8.0]
    assert raw.meta["variable_labels"][items[0]]
    assert raw.row_numbers.tolist() == list(range(1, len(raw.frame) + 1))


def test_files_are_never_modified(bundled):
    before, reads = bundled
    assert before == fingerprints()
    assert all(raw.provenance["sha256"] == before[relative][0] for relative, raw in reads.items())


# --- layouts: delimiters, title rows, question texts, blank rows --------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    path = tmp_path / "export.txt"
    rows = [["id", "name", "q1"], ["1", "Anna, K; x", "08"], ["2", "Ben", ""]]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    raw = read_export(path)
    assert raw.provenance["delimiter"] == delimiter
    assert raw.frame["name"].tolist() == ["Anna, K; x", "Ben"]
    assert raw.frame["q1"].tolist()[0] == "08"
    assert pd.isna(raw.frame["q1"].tolist()[1])


def test_only_empty_cells_are_missing(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id,answer\n1,NA\n2,""\n3,\n4,null\n5, \n', encoding="utf-8")
    answers = read_export(path).frame["answer"]
    assert answers.isna().tolist() == [False, True, True, False, False]
    assert answers[0] == "NA" and answers[3] == "null" and answers[4] == " "


def test_title_rows_above_the_header_are_skipped(tmp_path):
    path = write_xlsx(
        tmp_path / "webropol.xlsx",
        [
            ["Työpaikkaohjaus 2026 - raportti"],
            [],
            ["Nro", "Aloitettu", "Lähetetty", "1. Maa", "2. Ikä"],
            [1, "26.02.2026 08:52:20", "26.02.2026 09:03", "Suomi", "30-44"],
            [None, None, None, None, None],
            [2, "27.02.2026 08:52:20", "27.02.2026 09:03", "Finland", None],
        ],
    )
    raw = read_export(path)
    assert raw.flavour == "webropol_xlsx"
    assert raw.provenance["header_row"] == 3
    assert raw.provenance["title_rows"] == 2
    assert raw.meta["title"] == ["Työpaikkaohjaus 2026 - raportti"]
    assert raw.row_numbers.tolist() == [4, 6]
    assert raw.provenance["blank_rows"] == 1
    assert raw.frame["1. Maa"].tolist() == ["Suomi", "Finland"]


def test_title_line_in_csv_is_skipped(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Survey export 2026-03-01;;\nid;q1;q2\n1;A1;A2\n", encoding="utf-8")
    raw = read_export(path)
    assert raw.provenance["header_row"] == 2
    assert raw.frame.columns.tolist() == ["id", "q1", "q2"]
    assert raw.row_numbers.tolist() == [3]


def test_question_text_row_goes_to_meta(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "id,Q1,Q2_1\n"
        'Response ID,"How old are you?","Guidance at work - I get enough help"\n'
        "1,3,4\n2,2,5\n",
        encoding="utf-8",
    )
    raw = read_export(path)
    assert raw.meta["question_text"] == {
        "id": "Response ID",
        "Q1": "How old are you?",
        "Q2_1": "Guidance at work - I get enough help",
    }
    assert raw.provenance["question_text_row"] == 2
    assert raw.frame["id"].tolist() == ["1", "2"]
    assert raw.row_numbers.tolist() == [3, 4]


def test_answer_row_is_not_taken_for_question_text(tmp_path):
    path = tmp_path / "documents.csv"
    path.write_text("document,country,text\nFI-01,FI,We work on it daily.\n", encoding="utf-8")
    raw = read_export(path)
    assert raw.meta["question_text"] == {}
    assert len(raw.frame) == 1


def test_row_numbers_count_blank_lines_and_multiline_cells(tmp_path):
    path = tmp_path / "segments.csv"
    path.write_bytes(
        b'document,code,text\r\nD1,c1,"one\r\ntwo"\r\n\r\nD2,c2,three\r\n,,\r\nD3,c3,four\r\n'
    )
    raw = read_export(path)
    assert raw.frame["text"].tolist() == ["one\r\ntwo", "three", "four"]
    assert raw.row_numbers.tolist() == [2, 4, 6]
    assert raw.provenance["blank_rows"] == 2
    assert raw.locate(2, "code") == "file 'segments.csv', row 6, column 'code'"


def test_unnamed_empty_trailing_column_is_dropped(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id;q1;\n1;A;\n2;B;\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        raw = read_export(path)
    assert raw.frame.columns.tolist() == ["id", "q1"]


def test_unnamed_column_with_data_warns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,,q1\n1,x,A\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"columns \['column_2'\] hold data but have no header"):
        raw = read_export(path)
    assert raw.frame["column_2"].tolist() == ["x"]


# --- flavours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "flavour"),
    [
        (["Timestamp", "Age", "Country"], "googleforms"),
        (["Aikaleima", "Ikä", "Maa"], "googleforms"),
        (["Tijdstempel", "Leeftijd", "Land"], "googleforms"),
        (["ID", "Start time", "Completion time", "Email", "Name", "Land"], "msforms"),
        (["id", "submitdate", "lastpage", "startlanguage", "seed", "G1Q1"], "limesurvey"),
        (["Response ID", "Date submitted", "Last page", "Start language", "Seed"], "limesurvey"),
        (["Nro", "Aloitettu", "Lähetetty", "1. Maa"], "webropol"),
        (
            ["Surname", "First name", "Email address", "State", "Started on", "Response 1"],
            "lms_quiz",
        ),
        (["document", "coder", "code", "start", "end", "text"], "qda_segments"),
        (["document", "country", "group", "sector"], "case_table"),
        (["respondent", "q1", "q2"], "generic"),
    ],
)
@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_flavour_is_detected_from_the_header(tmp_path, header, flavour, container):
    row = [f"v{position}" for position in range(len(header))]
    if container == "csv":
        path = tmp_path / "export.dat"
        path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    else:
        path = write_xlsx(tmp_path / "export.xlsx", [header, row])
    assert detect_flavour(path) == f"{flavour}_{container}"
    assert f"{flavour}_{container}" in FLAVOURS


def test_flavour_comes_from_content_not_extension(tmp_path):
    path = tmp_path / "export.xlsx.csv"
    write_xlsx(path, [["Timestamp", "Age"], ["2026-03-01", 34]])
    assert detect_flavour(path) == "googleforms_xlsx"


def test_flavour_override(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Timestamp,Age\n2026-03-01,34\n", encoding="utf-8")
    assert read_export(path, flavour="generic_csv").flavour == "generic_csv"
    with pytest.raises(ArgumentError, match=r"`flavour` 'generic_xlsx' does not fit"):
        read_export(path, flavour="generic_xlsx")
    with pytest.raises(ArgumentError, match=r"`flavour` must be one of"):
        read_export(path, flavour="qualtrics")


# --- encodings -----------------------------------------------------------------------------

LATVIAN = "id;atbilde\n1;Jā, ļoti labi\n2;Pilnīgi piekrītu\n3;Nezinu, grūti pateikt\n"
DUTCH = "id;antwoord\n1;Café in België\n2;Geheel mee eens\n"
ESTONIAN = "id;vastus\n1;Täiesti nõus\n2;Pigem nõus, šokolaad\n"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (LATVIAN, "cp1257", "cp1257"),
        (ESTONIAN, "cp1257", "cp1257"),
        (DUTCH, "cp1252", "cp1252"),
        (ESTONIAN, "cp1252", "cp1252"),
        (LATVIAN, "utf-8", "utf-8"),
        (LATVIAN, "utf-8-sig", "utf-8-sig"),
        (LATVIAN, "utf-16", "utf-16"),
    ],
)
def test_encoding_is_detected(tmp_path, text, encoding, expected):
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    raw = read_export(path)
    assert raw.provenance["encoding"] == expected
    expected_frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str)
    assert raw.frame.iloc[:, 1].tolist() == expected_frame.iloc[:, 1].tolist()
    assert raw.frame.columns.tolist() == expected_frame.columns.tolist()


def test_encoding_argument_overrides_detection(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(DUTCH.encode("cp1252"))
    raw = read_export(path, encoding="cp1257")
    assert raw.provenance["encoding"] == "cp1257"
    assert raw.frame["antwoord"][0] == "Café in Belgiė"


def test_wrong_encoding_names_the_ones_that_work(tmp_path):
    path = tmp_path / "latvia.csv"
    path.write_bytes(LATVIAN.encode("cp1257"))
    with pytest.raises(
        InputError,
        match=r"'latvia.csv' is not valid utf-8 \(byte 0xE2 at line 2, character 4\)\. "
        r"It decodes as 'cp1257' or 'cp1252': pass `encoding='cp1257'`",
    ):
        read_export(path, encoding="utf-8")


def test_unknown_encoding_name(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"`encoding` 'latin-7' is not a known encoding"):
        read_export(path, encoding="latin-7")


@pytest.fixture
def small_sample(monkeypatch):
    """Encoding and layout detection look at the first 4 kB only (1 MB by default)."""
    monkeypatch.setattr(_delimited, "SAMPLE_BYTES", 4096)


def test_non_utf8_after_an_ascii_start_is_redetected(tmp_path, small_sample):
    path = tmp_path / "export.csv"
    ascii_rows = "".join(f"{number};plain answer\n" for number in range(1000))
    path.write_bytes(("id;atbilde\n" + ascii_rows + "1000;Jā, ļoti\n").encode("cp1257"))
    assert path.stat().st_size > 4 * 4096
    raw = read_export(path)
    assert raw.provenance["encoding"] == "cp1257"
    assert raw.frame["atbilde"].iloc[-1] == "Jā, ļoti"
    assert raw.row_numbers[-1] == 1002
    chunks = list(iter_export(path, chunk_rows=600))
    assert [chunk.provenance["encoding"] for chunk in chunks] == ["cp1257", "cp1257"]
    assert chunks[-1].frame["atbilde"].iloc[-1] == "Jā, ļoti"


@pytest.mark.parametrize("filler_rows", [10, 3000])
def test_mixed_encodings_are_reported(tmp_path, small_sample, filler_rows):
    path = tmp_path / "export.csv"
    start = "id;vastaus\n1;Täysin samaa mieltä\n" + "".join(f"{n};ok\n" for n in range(filler_rows))
    path.write_bytes(start.encode("utf-8") + "2;Jokseenkin eri mieltä\n".encode("cp1252"))
    line = filler_rows + 3
    with pytest.raises(
        InputError,
        match=rf"'export.csv' mixes encodings: .* \(byte 0xE4 at line {line}, character 23\)",
    ):
        read_export(path)


# --- numbers -------------------------------------------------------------------------------


def test_decimal_comma_is_reported_and_parsed(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        'id;interviewtime;code;count\n1;"512,25";08;1,234\n2;"98,5";09;2,345\n3;7;10;\n',
        encoding="utf-8",
    )
    raw = read_export(path)
    assert raw.provenance["decimal"] == ","
    assert raw.provenance["decimal_comma_columns"] == ["interviewtime"]
    assert raw.frame["interviewtime"].tolist() == ["512,25", "98,5", "7"]
    assert parse_number(raw.frame["interviewtime"]).tolist() == [512.25, 98.5, 7.0]


def test_parse_number_formats():
    series = pd.Series(["1 234,5", "1.234.567,25", "-0,5", "\u00a012 ", None, ""], name="x")
    assert parse_number(series).tolist()[:4] == [1234.5, 1234567.25, -0.5, 12.0]
    assert parse_number(series).isna().tolist()[4:] == [True, True]
    point = pd.Series(["1,234.5", "3.25"])
    assert parse_number(point, decimal=".").tolist() == [1234.5, 3.25]


def test_parse_number_rejects_text():
    series = pd.Series(["12,5", "ei tiedä", "1.5"], name="time")
    with pytest.raises(
        InputError, match=r"`series` 'time' has 2 value\(s\) that are not numbers with decimal ','"
    ):
        parse_number(series)
    with pytest.warns(UserWarning, match="became NaN"):
        coerced = parse_number(series, errors="coerce")
    assert coerced.isna().tolist() == [False, True, True]
    with pytest.raises(ArgumentError, match="`decimal` must be one of"):
        parse_number(series, decimal=";")


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".sav"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=rf"'export{suffix}' is empty \(0 bytes\).*Export it"):
        read_export(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"`path` '.*nothing.csv' is missing"):
        read_export(tmp_path / "nothing.csv")


@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_header_only_gives_an_empty_frame_and_a_warning(tmp_path, container):
    if container == "csv":
        path = tmp_path / "export.csv"
        path.write_text("id;submitdate;lastpage;startlanguage;seed\r\n", encoding="utf-8")
    else:
        path = write_xlsx(tmp_path / "export.xlsx", [["id", "q1", "q2"]])
    with pytest.warns(UserWarning, match=r"'export\.\w+' has a header but no data rows"):
        raw = read_export(path)
    assert raw.frame.empty
    assert raw.frame.shape[1] >= 3
    assert raw.provenance["rows"] == 0
    assert raw.row_numbers.size == 0
    with pytest.warns(UserWarning, match="has a header but no data rows"):
        chunks = list(iter_export(path))
    assert len(chunks) == 1 and chunks[0].frame.columns.equals(raw.frame.columns)


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        (
            "export.xlsx",
            b"this is not a workbook",
            r"'export.xlsx' is not a readable .xlsx workbook \(not a zip",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            r"legacy Excel 97-2003 \(.xls\).*save it as .xlsx",
        ),
        ("fake.sav", b"id,q1\n1,2\n", r"'fake.sav' is not an SPSS file \(no \$FL2/\$FL3"),
        (
            "export.csv",
            b"id;q1;q2\n1;a;b\n2;a;b;c\n3;a;b\n",
            r"'export.csv', row 3: 4 fields where the header has 3 \(delimiter ';'\)",
        ),
    ],
)
def test_broken_files_are_named_with_the_fix(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        read_export(path)


def test_truncated_xlsx(tmp_path):
    whole = (RAW / "survey/FI_webropol_teacher.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(
        InputError, match=r"'cut.xlsx' is not a readable .xlsx .*truncated or corrupt"
    ):
        read_export(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match=r"'export.xlsx' is not a readable .xlsx workbook"):
        read_export(path)


def test_corrupt_sav(tmp_path):
    path = tmp_path / "cut.sav"
    path.write_bytes((RAW / "survey/LV_survey.sav").read_bytes()[:300])
    with pytest.raises(InputError, match=r"'cut.sav' starts like an SPSS file but cannot be read"):
        read_export(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        ("notes.md", b"# Notes\n\nThe survey closed in March; see the report.\n"),
        ("noise.bin", bytes(range(1, 256)) * 4),
        ("undefined.dat", b"id;q1\n1;\x81\x8d\x90\n" * 3 + b"\x01\x02\x03"),
    ],
)
def test_unknown_flavour(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=rf"'{name}' is .*Supported: CSV"):
        detect_flavour(path)
    assert file_inventory(tmp_path)["problem"].str.contains("Supported: CSV").all()


def test_duplicate_column_names(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,q1,q2,q1,q2,q1\n1,a,b,c,d,e\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"'export.csv' has duplicate column names: 'q1' at columns 2, 4, 6; 'q2' at "
        r"columns 3, 5\. Rename them in the export, or pass `dedupe_columns=True`",
    ):
        read_export(path, dedupe_columns=False)
    with pytest.warns(
        UserWarning, match=r"'export.csv' has duplicate column names \('q1' at columns 2, 4, 6"
    ):
        raw = read_export(path)
    assert raw.frame.columns.tolist() == ["id", "q1", "q2", "q1.1", "q2.1", "q1.2"]
    assert raw.frame.iloc[0].tolist() == ["1", "a", "b", "c", "d", "e"]
    assert raw.provenance["renamed_columns"] == {"q1.1": "q1", "q2.1": "q2", "q1.2": "q1"}
    with pytest.warns(UserWarning, match="renamed"):
        chunks = list(iter_export(path, chunk_rows=1))
    assert chunks[0].provenance["renamed_columns"] == raw.provenance["renamed_columns"]


def test_duplicate_column_names_in_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", [["ID", "Land", "Land "], [1, "NL", "Nederland"]])
    with pytest.raises(InputError, match=r"'Land' at columns 2, 3"):
        read_export(path, dedupe_columns=False)
    with pytest.warns(UserWarning, match="renamed"):
        raw = read_export(path)
    assert raw.frame.columns[-1] == "Land.1"
    assert raw.provenance["renamed_columns"] == {"Land.1": "Land"}


def test_missing_sheet(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", [["id", "q1"], [1, 2]], sheet="Form1")
    with pytest.raises(
        InputError, match=r"`sheet` 'Results' is not in 'export.xlsx'; its sheets are 'Form1'"
    ):
        read_export(path, sheet="Results")


def test_chosen_sheet(tmp_path):
    path = tmp_path / "export.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["about this file"])
    second = workbook.create_sheet("Data")
    second.append(["id", "q1"])
    second.append([1, "08"])
    workbook.save(path)
    for sheet in ("Data", 1):
        raw = read_export(path, sheet=sheet)
        assert raw.provenance["sheet"] == "Data"
        assert raw.frame["q1"].tolist() == ["08"]
        assert raw.meta["sheets"] == ["Sheet", "Data"]


def test_bad_arguments(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,q1\n1,2\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match="`chunk_rows` must be a positive integer; got 0"):
        next(iter_export(path, chunk_rows=0))
    with pytest.raises(ArgumentError, match="`dedupe_columns` must be one of"):
        read_export(path, dedupe_columns="yes")


# --- SPSS ------------------------------------------------------------------------------------


@pytest.fixture
def sav_file(tmp_path):
    path = tmp_path / "survey.sav"
    frame = pd.DataFrame(
        {
            "RespID": [1.0, 2.0, 3.0, 4.0, 5.0],
            "q1": [1.0, 8.0, 5.0, 9.0, np.nan],
            "q2": [2.0, 3.0, 9.0, 4.0, 1.0],
            "note": ["", "labi", "", "Jā", ""],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"q1": "Darba vietā", "q2": "Karjeras atbalsts"},
        variable_value_labels={"q1": {1.0: "Pilnīgi nepiekrītu", 8.0: "Nezinu", 9.0: "Nav"}},
        missing_ranges={"q1": [8, 9], "q2": [{"lo": 9, "hi": 9}]},
    )
    return path


def test_sav_user_missing_codes_are_kept(sav_file):
    raw = read_export(sav_file)
    assert raw.flavour == "spss_sav"
    assert raw.frame["q1"].tolist()[:4] == [1.0, 8.0, 5.0, 9.0]
    assert np.isnan(raw.frame["q1"].iloc[4])
    assert raw.frame["q2"].tolist() == [2.0, 3.0, 9.0, 4.0, 1.0]
    assert raw.meta["missing_ranges"] == {
        "q1": [{"lo": 8.0, "hi": 8.0}, {"lo": 9.0, "hi": 9.0}],
        "q2": [{"lo": 9.0, "hi": 9.0}],
    }
    assert raw.meta["value_labels"]["q1"] == {1.0: "Pilnīgi nepiekrītu", 8.0: "Nezinu", 9.0: "Nav"}
    assert raw.meta["variable_labels"]["q1"] == "Darba vietā"
    assert raw.frame["note"].tolist()[3] == "Jā"
    assert raw.frame["note"].isna().tolist() == [True, False, True, False, True]
    assert raw.row_numbers.tolist() == [1, 2, 3, 4, 5]
    assert raw.provenance["header_row"] is None


def test_sav_in_chunks(sav_file):
    chunks = list(iter_export(sav_file, chunk_rows=2))
    assert [chunk.row_numbers.tolist() for chunk in chunks] == [[1, 2], [3, 4], [5]]
    whole = pd.concat([chunk.frame for chunk in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(whole, read_export(sav_file).frame)
    assert chunks[0].meta["missing_ranges"]["q1"][0] == {"lo": 8.0, "hi": 8.0}


# --- chunks --------------------------------------------------------------------------------


def test_csv_chunks_match_the_whole_read(tmp_path):
    path = tmp_path / "export.csv"
    lines = ["Results 2026", "id;q1;text"]
    for number in range(1, 2501):
        lines.append("" if number % 500 == 0 else f'{number};{number % 5};"line\nbreak {number}"')
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    whole = read_export(path)
    chunks = list(iter_export(path, chunk_rows=700))
    assert [chunk.provenance["chunk"] for chunk in chunks] == [0, 1, 2, 3]
    assert all(chunk.provenance["sha256"] == whole.provenance["sha256"] for chunk in chunks)
    joined = pd.concat([chunk.frame for chunk in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole.frame)
    numbers = np.concatenate([chunk.row_numbers for chunk in chunks])
    np.testing.assert_array_equal(numbers, whole.row_numbers)
    assert whole.row_numbers[0] == 3 and whole.row_numbers[-1] == 2501
    assert whole.frame["id"].astype(int).tolist() == [n for n in range(1, 2501) if n % 500]
    assert sum(chunk.provenance["blank_rows"] for chunk in chunks) == 5


def test_xlsx_chunks_match_the_whole_read(tmp_path):
    rows = [["Report title"], ["ID", "Start time", "Land", "Leeftijd"]]
    start = dt.datetime(2026, 3, 1, 9, 30)
    for number in range(1, 131):
        rows.append([number, start, "NL " if number % 3 else "Nederland", str(number % 7)])
        if number % 50 == 0:
            rows.append([None, None, None, None])
    path = write_xlsx(tmp_path / "forms.xlsx", rows)
    whole = read_export(path)
    chunks = list(iter_export(path, chunk_rows=40))
    assert [len(chunk.frame) for chunk in chunks] == [40, 39, 39, 12]
    assert whole.row_numbers[:2].tolist() == [3, 4] and whole.row_numbers[-1] == 134
    joined = pd.concat([chunk.frame for chunk in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole.frame, check_dtype=False)
    np.testing.assert_array_equal(
        np.concatenate([chunk.row_numbers for chunk in chunks]), whole.row_numbers
    )


def test_msforms_cells_keep_their_excel_types(bundled):
    raw = bundled[1]["survey/NL_msforms_export.xlsx"]
    assert isinstance(raw.frame["Start time"].iloc[0], dt.datetime)
    assert raw.frame["ID"].iloc[0] == 1
    completion = raw.frame["Completion time"]
    assert completion.map(type).isin([dt.datetime, str]).all()


# --- inventory -----------------------------------------------------------------------------


def test_file_inventory_of_the_bundled_study():
    inventory = file_inventory(RAW)
    assert inventory.columns.tolist() == [
        "file",
        "flavour",
        "size_bytes",
        "sha256",
        "problem",
        "skipped",
    ]
    flavours = dict(zip(inventory["file"], inventory["flavour"], strict=True))
    assert {file: flavours[file] for file in BUNDLED} == BUNDLED
    assert not any(file.startswith("truth/") or "README" in file for file in flavours)
    assert inventory["problem"].isna().all()
    first = inventory.iloc[0]
    assert first["sha256"] == sha256(RAW / first["file"])
    assert first["size_bytes"] == (RAW / first["file"]).stat().st_size


def test_file_inventory_reports_every_problem(tmp_path):
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "truth.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# raw\n", encoding="utf-8")
    (tmp_path / "survey").mkdir()
    (tmp_path / "survey" / "empty.csv").write_bytes(b"")
    (tmp_path / "survey" / "broken.xlsx").write_bytes(b"PK\x03\x04 cut")
    (tmp_path / "survey" / "ok.csv").write_text("Timestamp,Age\n2026,34\n", encoding="utf-8")
    inventory = file_inventory(tmp_path).set_index("file")
    assert inventory.index.tolist() == ["survey/broken.xlsx", "survey/empty.csv", "survey/ok.csv"]
    assert inventory.loc["survey/ok.csv", "flavour"] == "googleforms_csv"
    assert "empty (0 bytes)" in inventory.loc["survey/empty.csv", "problem"]
    assert "truncated or corrupt" in inventory.loc["survey/broken.xlsx", "problem"]
    assert pd.isna(inventory.loc["survey/broken.xlsx", "flavour"])
    with pytest.raises(InputError, match=r"`raw_dir` .* is not a folder"):
        file_inventory(tmp_path / "nowhere")


def test_qdpx_project_is_recognised_but_not_read_as_a_table(tmp_path):
    path = tmp_path / "interviews.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project/>")
    assert detect_flavour(path) == "qdpx"
    assert file_inventory(tmp_path)["problem"].isna().all()
    with pytest.raises(InputError, match=r"'interviews.qdpx' is a REFI-QDA project .*read_qdpx"):
        read_export(path)


def test_raw_export_is_a_frozen_result(bundled):
    raw = bundled[1]["interviews/documents.csv"]
    assert isinstance(raw, RawExport)
    assert "frame" in raw.tables()
    with pytest.raises(AttributeError):
        raw.flavour = "generic_csv"
    changed = raw.with_(flavour="generic_csv")
    assert raw.flavour == "case_table_csv" and changed.flavour == "generic_csv"


def test_only_blank_lines(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\r\n\r\n  \r\n")
    with pytest.raises(InputError, match=r"'blank.csv' has no header row: its first 3 rows"):
        read_export(path)


def test_utf16_tab_separated_excel_text(tmp_path):
    path = tmp_path / "forms.txt"
    text = "ID\tStart time\tCompletion time\tEmail\n1\t3/1/26 9:00\t3/1/26 9:05\tanonymous\n"
    path.write_bytes(text.encode("utf-16"))
    raw = read_export(path)
    assert (raw.flavour, raw.provenance["encoding"], raw.provenance["delimiter"]) == (
        "msforms_csv",
        "utf-16",
        "\t",
    )
    assert raw.frame.iloc[0].tolist() == ["1", "3/1/26 9:00", "3/1/26 9:05", "anonymous"]


def test_file_inventory_skips_companions_unread_and_lock_files_unlisted(tmp_path):
    (tmp_path / "export.csv").write_text("id,q1\n1,2\n", encoding="utf-8")
    (tmp_path / "export.sps").write_text("GET DATA /TYPE=TXT /FILE='export.csv'.\n")
    (tmp_path / "read_export.R").write_bytes(b"\x00 not text at all")
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04 cut")
    (tmp_path / "~$export.xlsx").write_bytes(b"\x00lock")
    inventory = file_inventory(tmp_path).set_index("file")
    assert inventory.index.tolist() == ["archive.zip", "export.csv", "export.sps", "read_export.R"]
    assert inventory.loc["export.sps", "skipped"] == "not an export: an SPSS syntax file"
    assert inventory.loc["read_export.R", "skipped"] == "not an export: an R script"
    assert inventory.loc["archive.zip", "skipped"].startswith("an archive: unpack it")
    assert inventory.loc["export.csv", "flavour"] == "generic_csv"
    assert pd.isna(inventory.loc["export.csv", "skipped"])
    assert inventory["problem"].isna().all()


def test_question_text_row_in_xlsx(tmp_path):
    path = write_xlsx(
        tmp_path / "export.xlsx",
        [
            ["ResponseId", "Q1", "Q2_1"],
            ["Response ID", "What is your role?", "Guidance - I get enough help"],
            ["R_1", "Teacher", 4],
        ],
    )
    raw = read_export(path)
    assert raw.meta["question_text"]["Q2_1"] == "Guidance - I get enough help"
    assert raw.row_numbers.tolist() == [3]
    assert raw.frame["Q2_1"].tolist() == [4]


def test_options_that_do_not_fit_the_file(tmp_path, sav_file):
    path = tmp_path / "export.csv"
    path.write_text("id,q1\n1,2\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"`sheet` applies to .xlsx workbooks only"):
        read_export(path, sheet="Data")
    workbook = write_xlsx(tmp_path / "export.xlsx", [["id", "q1"], [1, 2]])
    with pytest.raises(ArgumentError, match=r"`encoding` does not apply to 'export.xlsx'"):
        read_export(workbook, encoding="cp1257")
    assert read_export(sav_file, encoding="utf-8").frame["note"].tolist()[3] == "Jā"


# --- round trip ----------------------------------------------------------------------------

CELL_TEXT = st.text(alphabet="abxyzAB019 ,;|\t\"'\n-āēīūšžõäöüé", max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.integers(2, 5).flatmap(
        lambda width: st.lists(st.lists(CELL_TEXT, min_size=width, max_size=width), max_size=8)
    ),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1257"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_any_written_csv_reads_back_cell_for_cell(rows, delimiter, encoding, quoting, newline):
    width = len(rows[0]) if rows else 3
    header = [f"Question {position} text" for position in range(width)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = read_export(path)
    kept = [row for row in rows if any(row)]
    assert raw.provenance["delimiter"] == delimiter
    assert raw.frame.columns.tolist() == header
    assert raw.row_numbers.tolist() == [number for number, row in enumerate(rows, 2) if any(row)]
    cells = raw.frame.astype(object).where(raw.frame.notna(), "").to_numpy().tolist()
    assert cells == kept


def test_bytes_no_supported_encoding_decodes(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"id;q1\n1;a\x81b\n2;J\xe2\n")
    with pytest.raises(
        InputError,
        match=r"'export.csv' is not valid cp1257 \(byte 0x81 at line 2, character 4\)\. None of "
        r"the supported encodings .* decodes it: re-export it as UTF-8",
    ):
        read_export(path)

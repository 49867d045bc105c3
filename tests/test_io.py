"""Tests of techvet_survey.io: flavours, encodings, layouts, provenance, chunks, bad input."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from techvet_survey.io import (
    detect_flavour,
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


@pytest.mark.parametrize(("relative", "flavour"), BUNDLED.items())
def test_bundled_exports_are_detected(relative, flavour):
    assert detect_flavour(RAW / relative) == flavour


def test_limesurvey_cells_are_kept_as_text_with_file_rows():
    path = RAW / "survey/EE_limesurvey_results.csv"
    raw = read_export(path)
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


def test_webropol_headers_and_native_cells():
    raw = read_export(RAW / "survey/FI_webropol_teacher.xlsx")
    assert raw.frame.columns[:3].tolist() == ["Nro", "Aloitettu", "Lähetetty"]
    assert raw.frame.columns[10].startswith("8. Ohjaus työpaikalla - ")
    assert raw.provenance["sheet"] == "Vastaukset"
    assert raw.frame["Nro"].tolist() == list(range(1, len(raw.frame) + 1))
    assert raw.frame["Aloitettu"].dtype == "str"
    assert raw.row_numbers[0] == 2


def test_spss_keeps_user_missing_codes_and_labels():
    raw = read_export(RAW / "survey/LV_survey.sav")
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


def test_files_are_never_modified():
    before = {
        relative: (sha256(RAW / relative), (RAW / relative).stat().st_mtime_ns)
        for relative in BUNDLED
    }
    for relative in BUNDLED:
        read_export(RAW / relative)
    after = {
        relative: (sha256(RAW / relative), (RAW / relative).stat().st_mtime_ns)
        for relative in BUNDLED
    }
    assert before == after

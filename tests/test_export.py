"""SPSS, Stata and Excel copies of the processed tables, read back with pyreadstat."""

import io
import warnings
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from techvet_survey.cleaning import clean_study, export_tables, write_outputs
from techvet_survey.cli import main
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE
from techvet_survey.synth import generate_study

BOOK = Codebook.load()
LIKERT = BOOK.items["item"].tolist()


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    generate_study(root / "raw", scale=0.3, seed=5)
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "export-tests")
        warnings.simplefilter("ignore")
        write_outputs(clean_study(root / "raw"), root / "processed")
    return root / "processed"


@pytest.fixture(scope="module")
def exported(processed, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    export_tables(processed, out)
    return out


def answers(processed):
    """The survey's Likert answers with the codebook's missing codes put back, by hand."""
    survey = pd.read_parquet(processed / "survey.parquet").set_index("respondent_id")
    long = pd.read_parquet(processed / "survey_long.parquet")
    codes = {"dont_know": 8.0, "not_applicable": 9.0}
    expected = survey[LIKERT].copy()
    for row in long[long["status"].isin(codes)].itertuples():
        expected.loc[row.respondent_id, row.item] = codes[row.status]
    return expected


def test_sav_round_trip_keeps_values_labels_and_user_missing(processed, exported):
    data, meta = pyreadstat.read_sav(exported / "survey.sav", user_missing=True)
    expected = answers(processed)
    assert (expected == 8).any().any() and (expected == 9).any().any()
    read = data.set_index("respondent_id")[LIKERT]
    pd.testing.assert_frame_equal(read, expected, check_names=False)
    assert meta.missing_ranges["gw1"] == [{"lo": 8.0, "hi": 8.0}, {"lo": 9.0, "hi": 9.0}]
    assert meta.column_names_to_labels["gw1"] == BOOK.item_text("gw1", "en")
    assert meta.column_names_to_labels["gender"] == BOOK.question_text("gender", "en")
    assert meta.variable_value_labels["gw1"] == {
        **{float(code): label for code, label in BOOK.value_labels("agree5").items()},
        8.0: "Don't know",
        9.0: "Not applicable",
    }
    # Without user_missing, SPSS readers see the codes as missing.
    plain, _ = pyreadstat.read_sav(exported / "survey.sav")
    assert not plain[LIKERT].isin([8, 9]).any().any()
    assert plain[LIKERT].isna().sum().sum() == expected.isna().sum().sum() + (
        expected.isin([8, 9]).sum().sum()
    )


def test_reverse_items_are_labelled_with_the_answer_given(processed, exported):
    long = pd.read_parquet(processed / "survey_long.parquet")
    strongly_disagreed = long[(long["item"] == "gw4") & (long["answer_code"] == 1)]
    data, meta = pyreadstat.read_sav(exported / "survey.sav")
    values = data.set_index("respondent_id").loc[strongly_disagreed["respondent_id"], "gw4"]
    assert set(values) == {5.0}
    assert meta.variable_value_labels["gw4"][5.0] == "Strongly disagree"


def test_dta_round_trip_has_extended_missing_values(processed, exported):
    data, meta = pyreadstat.read_dta(exported / "survey.dta", user_missing=True)
    expected = answers(processed).replace({8.0: "a", 9.0: "b"})
    read = data.set_index("respondent_id")[LIKERT]
    for item in LIKERT:
        left, right = read[item].astype(object), expected[item].astype(object)
        same = (left == right) | (left.isna() & right.isna())
        assert same.all(), item
    assert meta.variable_value_labels["gw1"]["a"] == "Don't know"
    assert meta.variable_value_labels["gw1"]["b"] == "Not applicable"
    assert meta.variable_value_labels["gw1"][5] == "Strongly agree"
    labels = meta.column_names_to_labels
    assert labels["gw1"] == BOOK.item_text("gw1", "en")
    assert all(len(label.encode()) <= 80 for label in labels.values() if label)
    assert labels["gw2"].endswith("…") and BOOK.item_text("gw2").startswith(labels["gw2"][:-1])


def test_test_table_round_trip(processed, exported):
    scored = pd.read_parquet(processed / "test_scored.parquet")
    data, meta = pyreadstat.read_sav(exported / "test_scored.sav")
    items = [column for column in scored if column.startswith("t") and column[1:].isdigit()]
    np.testing.assert_array_equal(data[items].to_numpy(), scored[items].to_numpy())
    first = BOOK.test_items.iloc[0]
    assert meta.column_names_to_labels[first["item"]] == first["stem_en"]


def test_xlsx_has_the_codes_and_a_sheet_of_variables(processed, exported):
    sheets = pd.read_excel(exported / "survey.xlsx", sheet_name=None)
    data = sheets["data"].set_index("respondent_id")[LIKERT]
    pd.testing.assert_frame_equal(data, answers(processed), check_names=False, check_dtype=False)
    variables = sheets["variables"].set_index("variable")
    assert variables.loc["gw1", "label"] == BOOK.item_text("gw1", "en")
    assert variables.loc["gw1", "missing"] == "8 = Don't know; 9 = Not applicable"
    assert variables.loc["gw1", "values"].startswith("1 = Strongly disagree; 2 = Disagree")


def test_labels_in_another_language(processed, tmp_path):
    export_tables(processed, tmp_path, "sav", lang="fi")
    _, meta = pyreadstat.read_sav(tmp_path / "survey.sav")
    assert meta.column_names_to_labels["gw1"] == BOOK.item_text("gw1", "fi")
    assert meta.variable_value_labels["gw1"][1.0] == BOOK.value_labels("agree5", "fi")[1]
    assert not (tmp_path / "survey.dta").exists()


def cli(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(list(args))
    return code, stdout.getvalue(), stderr.getvalue()


def test_cli_writes_the_formats_asked_for(processed, tmp_path):
    code, stdout, stderr = cli(
        "export", "--format", "dta,xlsx", "--processed", str(processed), "--out", str(tmp_path)
    )
    assert code == 0, stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "survey.dta",
        "survey.xlsx",
        "test_scored.dta",
        "test_scored.xlsx",
    ]
    assert stdout.startswith(f"wrote to {tmp_path}/: survey.dta, survey.xlsx, test_scored.dta")


def test_cli_names_an_unknown_format_and_the_choices(processed, tmp_path):
    code, _, stderr = cli("export", "--format", "spss", "--processed", str(processed))
    assert code == 2
    assert "unknown export format(s) ['spss']; choose from sav, dta, xlsx" in stderr


def test_missing_processed_tables_name_the_command(tmp_path):
    with pytest.raises(InputError, match=r"survey.parquet does not exist; clean the raw"):
        export_tables(tmp_path / "none", tmp_path / "out")
    with pytest.raises(ArgumentError, match=r"choose from sav, dta, xlsx"):
        export_tables(tmp_path / "none", tmp_path / "out", formats="")


def test_copies_carry_no_time_stamp(processed, exported):
    dta = (exported / "survey.dta").read_bytes()
    assert b"<timestamp>\x1101 Jan 2026 00:00</timestamp>" in dta
    assert (exported / "survey.sav").read_bytes()[92:109] == b"01 Jan 2600:00:00"


def test_a_table_without_rows_is_left_out_with_a_warning(processed, tmp_path):
    folder = tmp_path / "processed"
    folder.mkdir()
    for name in ("survey_long", "test_scored"):
        (folder / f"{name}.parquet").write_bytes((processed / f"{name}.parquet").read_bytes())
    pd.DataFrame().to_parquet(folder / "survey.parquet")
    with pytest.warns(UserWarning, match=r"survey.parquet has no rows .*no copy of survey"):
        written = export_tables(folder, tmp_path / "out", "sav")
    assert [path.name for path in written] == ["test_scored.sav"]

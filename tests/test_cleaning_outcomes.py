"""Every file of a raw folder gets an outcome; one file never blocks the others."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from techvet_survey.cleaning import FILE_COLUMNS, clean_study, write_outputs
from techvet_survey.cli import main
from techvet_survey.errors import InputError
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
STUDY_FILE = "survey/EE_limesurvey_results.csv"
TEST_FILE = "test/learning_ambassador_quiz_responses.csv"


@pytest.fixture
def key_env(monkeypatch):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "outcome-test-key")


@pytest.fixture
def mixed_folder(tmp_path):
    """The study's LimeSurvey and quiz exports beside a companion, a broken and a foreign
    file."""
    raw = tmp_path / "raw"
    for name in (STUDY_FILE, TEST_FILE):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / name, raw / name)
    (raw / "survey" / "EE_limesurvey_syntax.sps").write_text(
        "GET DATA /TYPE=TXT /FILE='EE_limesurvey_results.csv'.\n", encoding="utf-8"
    )
    (raw / "survey" / "broken.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (raw / "survey" / "empty.csv").write_bytes(b"")
    return raw


def test_every_file_has_an_outcome_and_good_files_are_cleaned(mixed_folder, key_env):
    with pytest.warns(UserWarning) as caught:
        result = clean_study(mixed_folder)
    files = result.files.set_index("file")
    assert result.files.columns.tolist() == FILE_COLUMNS
    assert sorted(files.index) == sorted(
        path.relative_to(mixed_folder).as_posix()
        for path in mixed_folder.rglob("*")
        if path.is_file()
    )
    assert files.loc[STUDY_FILE, "status"] == "cleaned"
    assert files.loc[TEST_FILE, "status"] == "cleaned"
    assert files.loc["survey/EE_limesurvey_syntax.sps", "status"] == "skipped"
    assert files.loc["survey/EE_limesurvey_syntax.sps", "note"] == (
        "not an export: an SPSS syntax file"
    )
    assert files.loc["survey/broken.xlsx", "status"] == "failed"
    assert "broken.xlsx" in files.loc["survey/broken.xlsx", "note"]
    assert "Export it again" in files.loc["survey/empty.csv", "note"]
    # the good files are cleaned as they are when alone
    assert (result.survey["source_file"] == STUDY_FILE).sum() == files.loc[STUDY_FILE, "rows_kept"]
    assert len(result.test_scored) == files.loc[TEST_FILE, "rows_kept"] > 0
    messages = [str(warning.message) for warning in caught]
    assert any(m.startswith("failed: ") and "broken.xlsx" in m for m in messages)
    assert any("EE_limesurvey_syntax.sps: skipped" in m for m in messages)


def test_outcomes_are_written_to_files_csv(mixed_folder, key_env, tmp_path):
    with pytest.warns(UserWarning):
        result = clean_study(mixed_folder)
    write_outputs(result, tmp_path / "out", raw_dir=mixed_folder)
    written = pd.read_csv(tmp_path / "out" / "files.csv").set_index("file")
    assert written["status"].to_dict() == result.files.set_index("file")["status"].to_dict()
    # Integers stay integers, empty where a file was not read as a table.
    text = pd.read_csv(tmp_path / "out" / "files.csv", dtype=str, keep_default_na=False)
    for column in ("rows_read", "rows_kept", "rows_excluded", "header_row"):
        assert text[column].str.fullmatch(r"\d*").all(), text[column].tolist()
    assert text.set_index("file").loc[STUDY_FILE, "header_row"] == "1"
    assert (text["header_row"] == "").any()


def test_manifest_is_strict_json(mixed_folder, key_env, tmp_path):
    with pytest.warns(UserWarning):
        result = clean_study(mixed_folder)
    write_outputs(result, tmp_path / "out", raw_dir=mixed_folder)
    text = (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text, parse_constant=refuse_constant)
    broken = next(entry for entry in manifest["inputs"] if entry["file"] == "survey/broken.xlsx")
    assert broken["header_row"] is None and broken["rows_read"] == 0


def refuse_constant(name):
    raise ValueError(f"not strict JSON: {name}")


def test_empty_folder_is_one_error_and_creates_no_key(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    raw = tmp_path / "study" / "raw"
    raw.mkdir(parents=True)
    (raw / "README.md").write_text("# exports go here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds no export: put the partners' survey"):
        clean_study(raw)
    assert sorted(path.name for path in (tmp_path / "study").rglob("*")) == ["README.md", "raw"]


def test_folder_without_a_usable_file_lists_every_file(tmp_path, key_env):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "analysis.R").write_text("library(haven)\n", encoding="utf-8")
    (raw / "export.csv").write_bytes(b"")
    with pytest.raises(InputError, match=r"analysis.R: skipped .*export.csv: failed"):
        clean_study(raw)


def cli(*args):
    import contextlib
    import io

    stderr, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        code = main(list(args))
    return code, stdout.getvalue(), stderr.getvalue()


def test_cli_partial_success_says_what_failed(mixed_folder, key_env, tmp_path):
    code, stdout, stderr = cli(
        "clean", "--quiet", "--raw", str(mixed_folder), "--out", str(tmp_path / "o")
    )
    assert code == 0, stderr
    assert "files: 2 cleaned, 1 skipped, 2 failed (survey/broken.xlsx, survey/empty.csv)" in stdout
    assert "Traceback" not in stderr


def test_cli_empty_folder_is_one_line(tmp_path, key_env):
    (tmp_path / "raw").mkdir()
    code, _, stderr = cli(
        "clean", "--quiet", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o")
    )
    assert code == 2
    assert stderr.count("\n") == 1 and stderr.startswith("error: the raw folder")


def test_cli_refuses_to_replace_tables_of_another_raw_folder(mixed_folder, key_env, tmp_path):
    out = tmp_path / "processed"
    assert cli("clean", "--quiet", "--raw", str(mixed_folder), "--out", str(out))[0] == 0
    other = tmp_path / "other"
    shutil.copytree(mixed_folder, other)
    before = (out / "manifest.json").read_bytes()
    code, _, stderr = cli("clean", "--quiet", "--raw", str(other), "--out", str(out))
    assert code == 2
    assert "Pass --out DIR to clean into a separate folder, or --force" in stderr
    assert (out / "manifest.json").read_bytes() == before
    code, _, stderr = cli("clean", "--quiet", "--force", "--raw", str(other), "--out", str(out))
    assert code == 0, stderr


def test_cli_internal_fault_is_one_line(monkeypatch, tmp_path, key_env):
    import techvet_survey.cleaning as cleaning

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cleaning, "clean_study", broken)
    (tmp_path / "raw").mkdir()
    code, _, stderr = cli(
        "clean", "--quiet", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o")
    )
    assert code == 1
    assert stderr.startswith("internal error (ZeroDivisionError: boom)")
    assert "Traceback" not in stderr and stderr.count("\n") == 1


def test_real_qda_projects_each_get_an_outcome(tmp_path, key_env):
    """NVivo and ATLAS.ti projects are read (ATLAS.ti writes ``Project.qde``); a MAXQDA
    project database and a legacy .xls fail with what to export instead."""
    real = Path(__file__).resolve().parent / "data" / "real" / "refi_qda"
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in real.iterdir():
        if path.suffix in (".qdpx", ".mex", ".xls"):
            shutil.copy(path, raw / path.name)
    with pytest.warns(UserWarning):
        files = clean_study(raw).files.set_index("file")
    assert files.loc["nvivo12_youtube_comments.qdpx", "status"] == "cleaned"
    assert files.loc["nvivo12_youtube_comments.qdpx", "rows_read"] == 303
    assert "UTF-16" in files.loc["nvivo12_youtube_comments.qdpx", "note"]
    assert files.loc["atlasti8_standard_project.qdpx", "status"] == "cleaned"
    assert files.loc["maxqda12_project.mex", "status"] == "failed"
    assert "export the coded project as REFI-QDA" in files.loc["maxqda12_project.mex", "note"]
    assert files.loc["maxqda12_coded_segments.xls", "status"] == "failed"


def test_summary_lists_each_file_with_its_outcome_not_the_data(mixed_folder, key_env):
    with pytest.warns(UserWarning):
        result = clean_study(mixed_folder)
    text = result.summary()
    assert text.startswith("Cleaning\n") and str(result) == text
    assert f"survey: {len(result.survey)} respondents kept" in text
    assert f"excluded rows: {len(result.exclusions)}" in text
    for row in result.by_file().itertuples():
        assert row.file in text and row.status in text
    assert "respondent_id" not in text  # the tables of data stay out of the summary

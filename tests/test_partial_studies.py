"""Partial and odd studies run end to end: every stage runs what the data allow.

Each study is a subset of the bundled raw folder, run as a user would with the bare
command (``python -m techvet_survey``) in a subprocess; the report says plainly what
is absent.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE
from techvet_survey.report import ABSENT

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
STUDIES = {
    "survey_only": ["survey/*"],
    "test_only": ["test/*"],
    "interviews_only": ["interviews/*"],
    "one_country": ["survey/FI_*", "test/*"],
    "one_group": ["survey/FI_webropol_teacher.xlsx", "interviews/*"],
}
FOLDERS = ["--raw", "raw", "--processed", "processed", "--reports", "reports"]
PARTS = {
    "survey_only": {"survey"},
    "test_only": {"test"},
    "interviews_only": {"interviews"},
    "one_country": {"survey", "test"},
    "one_group": {"survey", "interviews"},
}


def run_study(folder: Path) -> subprocess.CompletedProcess:
    environment = os.environ | {KEY_ENVIRONMENT_VARIABLE: "partial-study-key", "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-m", "techvet_survey", "--quiet", *FOLDERS],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )


def make_study(tmp_path: Path, patterns) -> Path:
    for pattern in patterns:
        for path in RAW.glob(pattern):
            target = tmp_path / "raw" / path.relative_to(RAW)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return tmp_path


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_partial_study_runs_end_to_end(tmp_path, study):
    folder = make_study(tmp_path, STUDIES[study])
    done = run_study(folder)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = (folder / "reports" / "comparative_report.html").read_text(encoding="utf-8")
    for part, statement in ABSENT.items():
        assert (statement in report) == (part not in PARTS[study]), part
    if study == "one_country":
        assert "one country (FI)" in report
        assert "no measurement-invariance check" in report
        assert not (folder / "reports" / "tables" / "survey_channels.csv").exists()
    if study == "one_group":
        assert "one respondent group (teacher)" in report
    # a second bare run finds every stage current
    again = run_study(folder)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.count("skipped") == 4


def test_empty_raw_folder_is_one_line_and_creates_nothing_outside_the_outputs(tmp_path):
    (tmp_path / "raw").mkdir()
    done = run_study(tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: the raw folder raw holds no export")
    assert done.stderr.count("\n") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["processed", "raw"]
    assert not any((tmp_path / "raw").iterdir())

"""Real exports that no one on this project wrote: every file gets an outcome a partner can use.

``tests/data/real/`` holds public SPSS, LimeSurvey, Qualtrics, Google Forms, Microsoft
Forms, Webropol and Moodle exports (``PROVENANCE.md``) and ``expected.csv``, the outcome
each one should get: ``cleaned``; ``refused`` (one line naming the file and the fix);
``skipped`` (a companion or non-export file, listed). The cleaning command runs once per
tool folder in a subprocess, as a partner's delivery arrives, and each file is then
looked up in the run's ``files.csv``.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from techvet_survey.io import file_inventory
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
EXPECTED = pd.read_csv(REAL / "expected.csv", dtype=str, keep_default_na=False)
CORPUS_FILES = {"PROVENANCE.md", "expected.csv"}
OTHER_CORPORA = {"refi_qda"}  # interview projects, gathered and tested on their own
KINDS = {"survey", "test", "companion", "not_export"}
TOOLS = {"spss", "limesurvey", "googleforms", "qualtrics", "msforms", "moodle", "webropol", "other"}
# The outcome a partner should see -> the status ``files.csv`` gives the file.
STATUS = {"cleaned": "cleaned", "refused": "failed", "skipped": "skipped"}
FILES = EXPECTED["file"].tolist()
PROGRESS_BAR = re.compile(r"^\s*\w+:\s+\d+%\|")  # tqdm's lines, which name files too


@dataclass(frozen=True)
class Run:
    """One ``clean`` command over a raw folder, and what it left."""

    returncode: int
    stderr: str
    raw: Path
    files: pd.DataFrame | None
    exclusions: pd.DataFrame | None

    @property
    def messages(self) -> list[str]:
        """The lines of stderr meant for the user: errors, warnings, notes; no progress bar."""
        lines = re.split(r"[\r\n]+", self.stderr)
        return [line for line in lines if line.strip() and not PROGRESS_BAR.match(line)]

    def names(self, name: str) -> bool:
        return any(name in line for line in self.messages)

    def describe(self) -> str:
        tail = "\n".join(line[:400] for line in self.messages[-6:])
        return f"exit {self.returncode}; end of stderr:\n{tail}"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_row(file: str) -> pd.Series:
    return EXPECTED.set_index("file").loc[file]


def clean_folder(files: list[Path], folder: Path) -> Run:
    """Copy `files` into a raw folder and clean it with the CLI in a subprocess."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for path in files:
        shutil.copy2(path, raw / path.name)
    out = folder / "out"
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "techvet_survey",
            "clean",
            "--raw",
            str(raw),
            "--out",
            str(out),
            "--key-file",
            str(folder / "pseudonym.key"),
        ],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, KEY_ENVIRONMENT_VARIABLE: "real-exports-test-key"},
        timeout=600,
    )

    def table(name):
        path = out / name
        return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None

    return Run(process.returncode, process.stderr, raw, table("files.csv"), table("exclusions.csv"))


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    """The run of each tool folder, made once on first use."""
    runs = {}

    def run(tool: str) -> Run:
        if tool not in runs:
            files = [REAL / file for file in EXPECTED.loc[EXPECTED["tool"] == tool, "file"]]
            runs[tool] = clean_folder(files, tmp_path_factory.mktemp(tool))
        return runs[tool]

    return run


def status_of(run: Run, name: str) -> tuple[str | None, pd.Series | None]:
    """The file's status in ``files.csv`` (None when not listed) and its row.

    Where ``files.csv`` has no ``status`` column, a listed file counts as cleaned.
    """
    if run.files is None:
        return None, None
    rows = run.files[run.files["file"] == name]
    if rows.empty:
        return None, None
    row = rows.iloc[0]
    if "status" not in run.files.columns:
        return "cleaned", row
    words = row["status"].split(":")[0].split()  # "failed: reason + fix" -> "failed"
    return (words[0].lower() if words else ""), row


def test_every_corpus_file_is_listed_in_expected():
    on_disk = {
        path.relative_to(REAL).as_posix()
        for path in REAL.rglob("*")
        if path.is_file()
        and path.name not in CORPUS_FILES
        and path.relative_to(REAL).parts[0] not in OTHER_CORPORA
    }
    listed = set(FILES)
    assert not on_disk - listed, f"files not in expected.csv: {sorted(on_disk - listed)}"
    assert not listed - on_disk, f"expected.csv rows with no file: {sorted(listed - on_disk)}"
    assert len(FILES) == len(listed), "expected.csv lists a file twice"


def test_expected_rows_are_well_formed():
    tools = EXPECTED["file"].str.split("/").str[0]
    assert (tools == EXPECTED["tool"]).all(), "a file is not in its tool's folder"
    assert set(EXPECTED["tool"]) <= TOOLS
    assert set(EXPECTED["kind"]) <= KINDS
    assert set(EXPECTED["outcome"]) <= set(STATUS)
    assert (EXPECTED["reason"].str.len() > 10).all()
    # The corpus is varied enough to stand for what partners send.
    assert len(EXPECTED) >= 36
    assert EXPECTED.loc[EXPECTED["kind"].isin(["survey", "test"]), "tool"].nunique() >= 6


@pytest.mark.parametrize("file", FILES)
def test_inventory_lists_the_file(file, tmp_path):
    shutil.copy2(REAL / file, tmp_path / Path(file).name)
    inventory = file_inventory(tmp_path)
    rows = inventory[inventory["file"] == Path(file).name]
    assert len(rows) == 1, f"file_inventory does not list {file}"
    row = rows.iloc[0]
    assert pd.notna(row["flavour"]) or pd.notna(row["problem"]) or pd.notna(row["skipped"]), (
        f"{file} listed with neither a flavour, a problem nor a reason to skip it"
    )


@pytest.mark.parametrize("file", FILES)
def test_cli_gives_the_expected_outcome(file, cleaned):
    expected = expected_row(file)
    run = cleaned(expected["tool"])
    name = Path(file).name
    assert "Traceback" not in run.stderr, f"{file}: traceback from the CLI; {run.describe()}"
    assert run.returncode in (0, 2), f"{file}: {run.describe()}"
    if run.returncode == 2:
        folder = [Path(other).name for other in FILES if other.startswith(f"{expected['tool']}/")]
        assert any(run.names(other) for other in folder), (
            f"exit 2 names no file of the folder; {run.describe()}"
        )
    status, _ = status_of(run, name)
    want = STATUS[expected["outcome"]]
    if want == "failed" and status is None and run.returncode == 2:
        assert run.names(name), f"{file} refused but not named; {run.describe()}"
        return
    assert status == want, (
        f"{file}: status {status!r} in files.csv, expected {want!r} "
        f"({expected['reason']}); {run.describe()}"
    )


@pytest.mark.parametrize("file", EXPECTED.loc[EXPECTED["outcome"] == "cleaned", "file"].tolist())
def test_no_silent_zero(file, cleaned):
    """A cleaned file that keeps no row says why: a warning naming it, never all "blank"."""
    run = cleaned(expected_row(file)["tool"])
    name = Path(file).name
    status, row = status_of(run, name)
    assert status == "cleaned", f"{file} not cleaned; {run.describe()}"
    if int(row["rows_kept"]) > 0:
        return
    warnings = [line for line in run.messages if "warning" in line.lower() and name in line]
    assert warnings, f"{file}: 0 rows kept and no warning naming it; {run.describe()}"
    assert run.exclusions is not None, f"{file}: no exclusions.csv for its excluded rows"
    reasons = run.exclusions.loc[run.exclusions["file"] == name, "reason"]
    assert not (reasons == "blank").all(), f"{file}: every row excluded as 'blank'"


@pytest.mark.parametrize("file", FILES)
def test_raw_file_unchanged(file, cleaned):
    run = cleaned(expected_row(file)["tool"])
    assert sha256(run.raw / Path(file).name) == sha256(REAL / file)


def test_own_exports_cleaned_beside_foreign_files(tmp_path):
    """The study's own exports keep the same rows with foreign and odd files beside them."""
    own = [
        ROOT / "data" / "raw" / "survey" / "EE_limesurvey_results.csv",
        ROOT / "data" / "raw" / "survey" / "LV_survey.sav",
        ROOT / "data" / "raw" / "test" / "learning_ambassador_quiz_responses.csv",
    ]
    foreign = [
        REAL / "limesurvey" / "survey_998192_R_data_file.csv",  # full-text headings
        REAL / "limesurvey" / "survey_100001_R_syntax_file.R",  # companion
        REAL / "limesurvey" / "limesurvey_group_1370.lsg",  # not an export
        REAL / "moodle" / "moodle3_quiz1-grades.csv",  # the Grades report
        REAL / "googleforms" / "googleforms_quiz_repeated_titles.csv",  # repeated titles
        REAL / "qualtrics" / "qualtRics_sample.csv",  # no codebook item
        REAL / "spss" / "haven_datetime.sav",  # date out of range
    ]
    alone = clean_folder(own, tmp_path / "alone")
    assert alone.returncode == 0 and alone.files is not None, alone.describe()
    mixed = clean_folder(own + foreign, tmp_path / "mixed")
    assert "Traceback" not in mixed.stderr, mixed.describe()
    assert mixed.returncode in (0, 2), mixed.describe()
    assert mixed.files is not None, f"nothing written beside foreign files; {mixed.describe()}"
    for path in own:
        kept_alone = alone.files.set_index("file").loc[path.name, "rows_kept"]
        status, row = status_of(mixed, path.name)
        assert status == "cleaned", f"{path.name}: status {status!r}; {mixed.describe()}"
        assert row["rows_kept"] == kept_alone, f"{path.name}: rows kept changed"

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

from techvet_survey import pipeline
from techvet_survey.cli import main
from techvet_survey.cli._run import summary
from techvet_survey.errors import InputError
from techvet_survey.pipeline import (
    STAGE_WORK,
    Paths,
    PipelineLocked,
    StageRun,
    pipeline_lock,
    run_pipeline,
)
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE
from techvet_survey.synth import generate_study

SRC = Path(pipeline.__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    generate_study(root / "data" / "raw", scale=0.3, seed=5)
    return root


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "pipeline-tests")


def paths_of(root):
    return Paths(
        raw=root / "data" / "raw", processed=root / "data" / "processed", reports=root / "reports"
    )


def digest(folder):
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def run_quietly(paths, stages=("clean",), **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_pipeline(paths, stages=list(stages), **options)


def test_second_run_skips_and_force_reruns_byte_identically(project):
    paths = paths_of(project)
    raw_before = digest(paths.raw)
    first = run_quietly(paths, stages=("clean", "analyze"))
    assert [run.status for run in first] == ["ran", "ran"]
    assert (paths.tables / "tables.xlsx").exists() and (paths.processed / "manifest.json").exists()
    processed = digest(paths.processed)
    second = run_quietly(paths, stages=("clean", "analyze"))
    assert [run.status for run in second] == ["skipped", "skipped"]
    forced = run_quietly(paths, force=True)
    assert [run.status for run in forced] == ["ran"]
    assert digest(paths.processed) == processed, "a rerun changed the processed outputs"
    assert digest(paths.raw) == raw_before, "the pipeline wrote under data/raw"


def test_cli_runs_the_pipeline_with_no_subcommand(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    for later in ("figures", "report"):  # covered by the report tests; slow here
        monkeypatch.delitem(STAGE_WORK, later, raising=False)
    assert main(["--quiet"]) == 0
    out = capsys.readouterr().out
    assert "clean" in out and "skipped" in out and "total" in out
    assert "wrote:" not in out and out.rstrip().endswith("analyze outputs: reports/tables/")


def test_run_summary_counts_the_files_and_names_the_report(tmp_path):
    paths = paths_of(tmp_path)
    runs = [
        StageRun("clean", "ran", 1.0, (str(paths.processed / "survey.parquet"),)),
        StageRun("report", "ran", 2.0, (str(paths.report),)),
    ]
    paths.report.parent.mkdir(parents=True)
    paths.report.write_text("<html></html>", encoding="utf-8")
    short = summary(runs, paths)
    assert "wrote 2 files (--verbose lists them)" in short and "survey.parquet" not in short
    assert short.splitlines()[-1] == f"report: {paths.report}"
    assert short.splitlines()[:2] == [
        "stage     status      seconds",
        "clean     ran            1.00",
    ]
    listed = summary(runs, paths, verbose=True)
    assert f"  {paths.processed / 'survey.parquet'}" in listed.splitlines()
    analyzed = summary([StageRun("analyze", "skipped", 0.1, ())], paths)
    assert "wrote" not in analyzed
    assert analyzed.splitlines()[-1] == f"analyze outputs: {paths.tables}/"


def test_every_json_of_a_run_is_strict(project):
    paths = paths_of(project)
    run_quietly(paths, stages=("clean", "analyze"), force=True)

    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    found = sorted(project.rglob("*.json"))
    names = {path.name for path in found}
    assert {"manifest.json", ".stage_clean.json", ".stage_analyze.json"} <= names
    for path in found:
        json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


def test_changed_raw_file_is_reported(project, tmp_path):
    paths = paths_of(project)
    run_quietly(paths)
    target = paths.raw / "survey" / "EE_limesurvey_results.csv"
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n")
        with pytest.warns(
            UserWarning, match="raw file survey/EE_limesurvey_results.csv was changed"
        ):
            run_pipeline(paths, stages=["clean"])
    finally:
        target.write_bytes(original)


def test_two_runs_at_once_are_refused(project):
    paths = paths_of(project)
    with pipeline_lock(paths), pytest.raises(PipelineLocked, match="another run of techvet_survey"):
        run_pipeline(paths, stages=["clean"])


def test_lock_held_by_another_process_refuses_a_run_and_dies_with_it(tmp_path):
    holder = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from techvet_survey.pipeline import Paths, pipeline_lock
        with pipeline_lock(Paths(processed=Path(sys.argv[1]))):
            print("locked", flush=True)
            time.sleep(60)
        """
    )
    paths = Paths(raw=tmp_path / "raw", processed=tmp_path / "processed", reports=tmp_path / "r")
    process = subprocess.Popen(
        [sys.executable, "-c", holder, str(paths.processed)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(SRC)},
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        with pytest.raises(PipelineLocked, match=r"is writing .*processed \(lock .*\.lock\); wait"):
            run_pipeline(paths, stages=["clean"], force=True)
    finally:
        process.kill()  # killed, never released by the holder itself
        process.wait()
    with pipeline_lock(paths):
        assert (paths.processed / ".lock").exists()


def test_cli_holds_one_lock_from_the_first_stage_to_the_last(tmp_path, monkeypatch):
    events = []
    taken = pipeline.pipeline_lock

    @contextmanager
    def recorded(paths):
        with taken(paths):
            events.append("lock")
            yield
            events.append("unlock")

    def stage(name):
        def work(paths):
            events.append(name)
            with pytest.raises(PipelineLocked), taken(paths):  # a second run, mid-way
                pass
            return []

        return work, (lambda paths: paths.reports / name)

    monkeypatch.setattr(pipeline, "pipeline_lock", recorded)
    for name in list(STAGE_WORK):
        monkeypatch.setitem(STAGE_WORK, name, stage(name))
    folders = [f"--{name}={tmp_path / name}" for name in ("raw", "processed", "reports")]
    assert main(["run", "--quiet", "--force", *folders]) == 0
    assert events == ["lock", *STAGE_WORK, "unlock"]


def test_output_changed_by_hand_makes_the_stage_stale(project, tmp_path):
    paths = paths_of(project)
    run_quietly(paths, stages=("clean", "analyze"))
    assert [run.status for run in run_quietly(paths, stages=("clean",))] == ["skipped"]
    (paths.processed / "files.csv").write_text("file\nedited by hand\n", encoding="utf-8")
    assert [run.status for run in run_quietly(paths, stages=("clean", "analyze"))] == [
        "ran",
        "skipped",  # the rebuilt tables are the same, so the analysis is still current
    ]
    (paths.tables / "survey_omnibus.csv").unlink()
    assert [run.status for run in run_quietly(paths, stages=("analyze",))] == ["ran"]
    # `clean --raw OTHER --force` by hand replaces the processed tables: the next bare
    # run names the other folder instead of trusting the stamp, and --force rebuilds
    other = tmp_path / "other"
    (other / "survey").mkdir(parents=True)
    source = paths.raw / "survey" / "EE_limesurvey_results.csv"
    (other / "survey" / source.name).write_bytes(source.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = main(
            ["clean", "--quiet", "--force", "--raw", str(other), "--out", str(paths.processed)]
        )
    assert code == 0
    with pytest.raises(InputError, match=r"holds the tables cleaned from .*other"):
        run_quietly(paths, stages=("clean", "analyze"))
    rebuilt = run_quietly(paths, stages=("clean", "analyze"), force=True)
    assert [run.status for run in rebuilt] == ["ran", "ran"]


def test_cleaning_another_raw_folder_into_the_outputs_is_refused(project, tmp_path):
    paths = paths_of(project)
    run_quietly(paths)
    other = Paths(raw=tmp_path / "elsewhere", processed=paths.processed, reports=paths.reports)
    with pytest.raises(InputError, match=r"Pass --out DIR to clean into a separate folder"):
        run_pipeline(other, stages=["clean"])

"""Chunked cleaning of a large export gives clean_study's tables, in bounded memory."""

import io
import subprocess
import sys
import textwrap
import warnings

import pandas as pd
import pytest

from techvet_survey.cleaning import _chunked, clean_export_chunked, clean_study
from techvet_survey.io import iter_export
from techvet_survey.synth import write_large_limesurvey

KEY = b"chunked-test-key"
LABEL = "survey/limesurvey.csv"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "survey").mkdir()
    return write_large_limesurvey(raw / LABEL, 3000, seed=7, chunk_size=1000)


@pytest.fixture(scope="module")
def both(export, tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("TECHVET_PSEUDONYM_KEY", KEY.decode())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = clean_study(export.parent.parent)
        chunked = clean_export_chunked(
            export,
            tmp_path_factory.mktemp("out"),
            chunk_rows=700,
            key=KEY,
            file_label=LABEL,
            workers=2,
        )
    return whole, chunked


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _same(ours: pd.DataFrame, theirs: pd.DataFrame):
    """Equal as written: clean_study's table through the same parquet round trip."""
    theirs = pd.read_parquet(io.BytesIO(theirs[list(ours.columns)].to_parquet(index=False)))
    pd.testing.assert_frame_equal(
        ours.reset_index(drop=True),
        theirs,
        check_dtype=False,
    )


def test_kept_rows_equal_clean_study(both):
    whole, chunked = both
    survey = whole.survey.drop(columns=["country_unknown", "group_unknown", "submitted"])
    assert chunked.files.loc[0, "chunks"] == 5
    _same(chunked.survey(), survey)
    _same(chunked.survey_long(), whole.survey_long)


def test_exclusions_and_accounting_equal_clean_study(both):
    whole, chunked = both
    _same(chunked.exclusions(), whole.exclusions)
    assert set(chunked.exclusions()["reason"]) >= {"speeder", "duplicate", "incomplete"}
    files = chunked.files.iloc[0]
    expected = whole.files.iloc[0]
    for column in ("rows_read", "rows_kept", "rows_excluded", "sha256", "flavour"):
        assert files[column] == expected[column]
    key = ["file", "rule", "column"]
    ours = chunked.log.sort_values(key).reset_index(drop=True)
    theirs = whole.log.groupby(key, as_index=False)["count"].sum().sort_values(key)
    _same(ours, theirs.reset_index(drop=True))


def test_duplicates_across_chunks_keep_the_earliest(export, tmp_path):
    """A copy of an early row placed in the last chunk, submitted earlier, wins."""
    lines = export.read_bytes().split(b"\r\n")
    header, rows = lines[0], [line for line in lines[1:] if line][:1200]
    original = rows[5]
    cells = original.split(b";")
    cells[0] = b'"999999"'
    cells[1] = cells[6] = b'"2025-01-01 00:00:00"'
    copy = b";".join(cells)
    path = tmp_path / "raw" / "survey" / "copy.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\r\n".join([header, *rows, copy, b""]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = clean_study(tmp_path / "raw", key_file=tmp_path / "k.key")
        chunked = clean_export_chunked(
            path,
            tmp_path / "out",
            chunk_rows=500,
            key_file=tmp_path / "k.key",
            file_label="survey/copy.csv",
        )
    _same(chunked.exclusions(), whole.exclusions)
    assert len(chunked.survey()) == len(whole.survey)


def _peak_growth(export, out, chunk_rows) -> int:
    """Peak resident memory (VmHWM) gained while cleaning, in a fresh process."""
    script = textwrap.dedent(
        f"""
        import warnings
        warnings.simplefilter("ignore")
        from techvet_survey.cleaning import clean_export_chunked

        def status(field):
            for line in open("/proc/self/status"):
                if line.startswith(field):
                    return int(line.split()[1])

        before = status("VmRSS:")
        clean_export_chunked(
            {str(export)!r}, {str(out)!r}, chunk_rows={chunk_rows}, key=b"k", workers=1
        )
        print(status("VmHWM:") - before)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return int(run.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_peak_memory_is_bounded_by_the_chunk(tmp_path):
    # 10,000 rows: at 3,000 the whole file in one chunk costs little beyond the fixed
    # costs (codebook, pyarrow), which are most of `small`
    (tmp_path / "raw" / "survey").mkdir(parents=True)
    export = write_large_limesurvey(tmp_path / "raw" / LABEL, 10_000, seed=7, chunk_size=1000)
    small = _peak_growth(export, tmp_path / "small", 250)
    whole = _peak_growth(export, tmp_path / "whole", 10_000)
    assert small < 0.75 * whole


def test_worker_processes_do_not_change_the_result(export, both, tmp_path):
    _, pooled = both  # two worker processes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inline = clean_export_chunked(
            export, tmp_path, chunk_rows=700, key=KEY, file_label=LABEL, workers=1
        )
    for table in ("survey", "survey_long", "exclusions"):
        pd.testing.assert_frame_equal(getattr(inline, table)(), getattr(pooled, table)())
    pd.testing.assert_frame_equal(inline.log, pooled.log)
    pd.testing.assert_frame_equal(inline.speeder_medians, pooled.speeder_medians)


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_bad_workers_is_named(export, tmp_path, workers):
    with pytest.raises(ValueError, match="`workers` must be a positive integer or None"):
        clean_export_chunked(export, tmp_path, key=KEY, workers=workers)


def test_bad_chunk_rows_is_named(export, tmp_path):
    with pytest.raises(ValueError, match="`chunk_rows` must be a positive integer"):
        clean_export_chunked(export, tmp_path, chunk_rows=0, key=KEY)


def test_log_and_files_csv_neutralise_formulas(tmp_path):
    export = write_large_limesurvey(tmp_path / "big.csv", 300, seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clean_export_chunked(export, tmp_path / "out", key=KEY, file_label="=cmd|'/c calc'!A1")
    for name in ("log.csv", "files.csv"):
        cells = pd.read_csv(tmp_path / "out" / name, dtype=str)["file"]
        assert cells.str.startswith("'=").all(), name


def test_spawned_workers_give_the_same_result(export, both, tmp_path, monkeypatch):
    """The start method of macOS and Windows: workers import everything afresh."""
    import multiprocessing

    from techvet_survey.cleaning import _workers

    monkeypatch.setattr(_workers, "_process_context", lambda: multiprocessing.get_context("spawn"))
    _, forked = both
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spawned = clean_export_chunked(
            export, tmp_path, chunk_rows=700, key=KEY, file_label=LABEL, workers=2
        )
    for table in ("survey", "survey_long", "exclusions"):
        pd.testing.assert_frame_equal(getattr(spawned, table)(), getattr(forked, table)())


def test_a_text_chunk_reaches_its_worker_through_a_file_that_reads_back_exactly(export, tmp_path):
    chunk = next(iter_export(export, chunk_rows=500))
    frame_file = tmp_path / "raw-00000.arrow"
    shipped = _chunked._shipped(chunk, frame_file)
    assert shipped.chunk.frame.empty and frame_file.exists()  # the frame is in the file alone
    received = shipped.received()
    pd.testing.assert_frame_equal(received.frame, chunk.frame, check_exact=True)
    assert received.provenance == chunk.provenance and not frame_file.exists()
    numbers = chunk.with_(frame=chunk.frame.assign(score=1.5))  # e.g. an SPSS chunk
    assert _chunked._shipped(numbers, tmp_path / "raw-00001.arrow") is numbers

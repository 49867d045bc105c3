"""Stage stamps: what makes a stage's outputs out of date."""

import shutil

import pytest

from techvet_survey import _stamps
from techvet_survey.pipeline import STAGES, Paths, stage_inputs


@pytest.mark.parametrize("stage", STAGES)
def test_a_changed_codebook_label_makes_every_stage_stale(stage, tmp_path, monkeypatch):
    paths = Paths(raw=tmp_path / "raw", processed=tmp_path / "processed", reports=tmp_path / "r")
    codebook = tmp_path / "codebook"
    shutil.copytree(_stamps.BUNDLED_CODEBOOK, codebook)
    monkeypatch.setattr(_stamps, "BUNDLED_CODEBOOK", codebook)
    before = stage_inputs(paths, stage)
    assert stage_inputs(paths, stage) == before  # the digest is stable
    scales = codebook / "scales.yaml"
    text = scales.read_text(encoding="utf-8")
    scales.write_text(text.replace("en: Career guidance,", "en: Guidance for careers,"), "utf-8")
    assert scales.read_text(encoding="utf-8") != text
    assert stage_inputs(paths, stage) != before


def test_changed_drawing_code_makes_the_figures_stage_stale(tmp_path, monkeypatch):
    import techvet_survey.figures as figures

    paths = Paths(raw=tmp_path / "raw", processed=tmp_path / "processed", reports=tmp_path / "r")
    before = {stage: stage_inputs(paths, stage) for stage in STAGES}
    monkeypatch.setattr(figures, "drawing_code_digest", lambda: "another plot")
    after = {stage: stage_inputs(paths, stage) for stage in STAGES}
    assert [stage for stage in STAGES if after[stage] != before[stage]] == ["figures"]


def test_a_version_that_writes_other_tables_cleans_again(tmp_path, monkeypatch):
    import techvet_survey.cleaning as cleaning

    paths = Paths(raw=tmp_path / "raw", processed=tmp_path / "processed", reports=tmp_path / "r")
    before = stage_inputs(paths, "clean")
    monkeypatch.setattr(cleaning, "PARQUET_TABLES", (*cleaning.PARQUET_TABLES, "new_table"))
    assert stage_inputs(paths, "clean") != before

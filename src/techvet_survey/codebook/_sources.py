"""Where the codebook is read from: the bundled YAML files and their sections."""

from __future__ import annotations

from pathlib import Path

from techvet_survey._yaml import load_yaml
from techvet_survey.errors import CodebookError

__all__ = ["DATA_DIR", "SECTIONS", "merge_files"]

DATA_DIR = Path(__file__).parent / "data"
"""The bundled codebook: one YAML file per group of sections."""

SECTIONS = (
    "study",
    "languages",
    "countries",
    "groups",
    "response_scales",
    "background",
    "scales",
    "multiselect",
    "free_text",
    "test",
    "interview_codes",
    "exports",
)


def merge_files(paths: list[Path]) -> dict:
    """The sections of several YAML files, each section defined in one file only."""
    merged: dict = {}
    origin: dict[str, str] = {}
    for path in paths:
        for key, value in load_yaml(path).items():
            if key in merged:
                raise CodebookError(
                    f"section {key!r} is defined in both {origin[key]} and {path.name}: "
                    "keep each section in one file."
                )
            merged[key] = value
            origin[key] = path.name
    unknown = sorted(set(merged) - set(SECTIONS))
    if unknown:
        raise CodebookError(
            f"unknown codebook sections {unknown}; the known sections are {list(SECTIONS)}."
        )
    return merged

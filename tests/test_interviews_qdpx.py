"""Tests of REFI-QDA selection positions (techvet_survey.io.qda._positions via
read_qdpx) on real projects and on minimal projects, and of the files read_segments
refuses.

Real projects: tests/data/real/refi_qda (see PROVENANCE.md there). The quotes pinned
below were checked by hand against the source text: each is a whole comment line of
the source, which the tests check independently of the reader.
"""

import re
import sqlite3
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from techvet_survey.errors import InputError
from techvet_survey.interviews import read_qdpx, read_segments

REAL = Path(__file__).parent / "data" / "real" / "refi_qda"
NVIVO = REAL / "nvivo12_youtube_comments.qdpx"
ATLAS = REAL / "atlasti8_standard_project.qdpx"
MAXQDA_PROJECT = REAL / "maxqda12_project.mex"
MAXQDA_XLS = REAL / "maxqda12_coded_segments.xls"
NVIVO_SOURCE = "Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt"
NS = "urn:QDA-XML:project:1.0"


def read_quietly(path, **options):
    """read_qdpx, failing on any warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_qdpx(path, scrub=None, **options)


@pytest.fixture(scope="module")
def nvivo_text():
    with zipfile.ZipFile(NVIVO) as archive:
        return archive.read(NVIVO_SOURCE).decode("utf-8-sig")


# --- real projects ------------------------------------------------------------------------


# Selections after the first emoji of the source (at offset 2610; the text holds 79
# characters outside the BMP), with their code.
NVIVO_QUOTES = [
    ("Resisting coercion", "Nem tehetik kötelezővé! 😡😡"),
    ("Going against the herd", "Na birkák lassan minden nap oltathatjátok magatokat 🤣"),
    (
        "Government cover-up",
        "Süket duma!!!!! Olyan szintű népbutítás megy hogy az valami eszméletlen 🤦🏼\u200d♀️",
    ),
    (
        "+Belief in vaccine ineffectiveness",
        "CDC announces 79% of all U.S. omicron cases have occurred in vaccinated individuals",
    ),
]


def test_nvivo_project_is_read_in_utf16_code_units(nvivo_text):
    read = read_quietly(NVIVO)
    assert len(read.segments) == 303
    assert read.skipped.empty
    assert read.documents["position_unit"].tolist() == ["UTF-16 code units"]
    lines = set(nvivo_text.split("\r\n"))
    segments = read.segments
    for code, quote in NVIVO_QUOTES:
        assert quote in lines  # a whole comment of the source, independent of the reader
        found = segments[(segments["code"] == code) & (segments["text"] == quote)]
        assert len(found) == 1, quote
        row = found.iloc[0]
        assert nvivo_text[row["start"] : row["end"]] == quote


def test_nvivo_project_read_as_code_points_shifts_quotes_and_warns(nvivo_text):
    utf16 = read_quietly(NVIVO)
    with pytest.warns(UserWarning, match=r"nvivo12_youtube_comments\.qdpx: 254 of 303 selec"):
        points = read_qdpx(NVIVO, scrub=None, position_unit="code points")
    # Only the 13 selections before the first emoji keep their text.
    assert (points.segments["text"] == utf16.segments["text"]).sum() == 13
    assert "Nem tehetik kötelezővé! 😡😡" not in set(points.segments["text"])


def test_nvivo_unit_found_from_the_selections_without_the_program_name(tmp_path, nvivo_text):
    renamed = tmp_path / "unknown_origin.qdpx"
    with zipfile.ZipFile(NVIVO) as source, zipfile.ZipFile(renamed, "w") as target:
        project = source.read("project.qde").decode("utf-8")
        assert 'origin="NVivo for Windows 12.6"' in project
        target.writestr("project.qde", project.replace("NVivo for Windows 12.6", "Unknown"))
        target.writestr(NVIVO_SOURCE, source.read(NVIVO_SOURCE))
    read = read_quietly(renamed)
    assert read.documents["position_unit"].tolist() == ["UTF-16 code units"]
    assert set(quote for _, quote in NVIVO_QUOTES) <= set(read.segments["text"])


def test_atlasti_project_without_source_texts(tmp_path):
    with pytest.warns(UserWarning, match=r"8 segment\(s\) or selection\(s\) skipped"):
        read = read_qdpx(ATLAS, scrub=None)
    assert read.segments.empty
    assert len(read.codes) == 14
    reasons = read.skipped["reason"]
    assert reasons.str.contains("is missing from the archive").sum() == 7
    assert (reasons == "selection has no coding").sum() == 1
    assert set(read.documents["position_unit"]) == {"code points"}  # ATLAS.ti: no shift known


# --- minimal projects -----------------------------------------------------------------------

TEXT = "Hi 😀 we mentor every new apprentice 👍 and visit schools."
#      code points: "we" 5-7, "mentor" 8-14, "visit" 42-47 (56 in all); UTF-16: one more
#      after 😀, two more after 👍 (58 in all).


def minimal_project(tmp_path, selections, *, origin, text=TEXT, name="p.qdpx"):
    """A project with one source and one code; `selections` are (start, end) pairs."""
    body = "".join(
        f'<PlainTextSelection guid="s{i}" startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="c{i}" creatingUser="u"><CodeRef targetGUID="k"/></Coding>'
        "</PlainTextSelection>"
        for i, (start, end) in enumerate(selections)
    )
    project = (
        f'<Project xmlns="{NS}" name="p" origin="{origin}"><Users><User guid="u" name="A"/>'
        '</Users><CodeBook><Codes><Code guid="k" name="quote" isCodable="true"/></Codes>'
        '</CodeBook><Sources><TextSource guid="t" name="interview" '
        f'plainTextPath="internal://t.txt">{body}</TextSource></Sources></Project>'
    )
    target = tmp_path / name
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("Sources/t.txt", text.encode("utf-8"))
    return target


def quotes_of(read) -> list[str]:
    return read.segments.sort_values("start")["text"].tolist()


def test_same_quotes_from_utf16_and_code_point_projects(tmp_path):
    utf16 = minimal_project(
        tmp_path, [(6, 8), (9, 15), (44, 49)], origin="NVivo 14", name="nvivo.qdpx"
    )
    points = minimal_project(
        tmp_path, [(5, 7), (8, 14), (42, 47)], origin="QualCoder 3.5", name="qualcoder.qdpx"
    )
    expected = ["we", "mentor", "visit"]
    for path, unit in [(utf16, "UTF-16 code units"), (points, "code points")]:
        read = read_quietly(path)
        assert quotes_of(read) == expected
        assert read.documents["position_unit"].tolist() == [unit]
        assert read.segments.sort_values("start")["start"].tolist() == [5, 8, 42]


def test_unit_detected_from_word_boundaries_whatever_the_program(tmp_path):
    # An unknown program writing UTF-16 offsets: UTF-16 puts every selection on words.
    path = minimal_project(tmp_path, [(6, 8), (9, 15), (44, 49)], origin="SomeTool 1.0")
    read = read_quietly(path)
    assert read.documents["position_unit"].tolist() == ["UTF-16 code units"]
    assert quotes_of(read) == ["we", "mentor", "visit"]


def test_program_decides_when_no_selection_tells_the_units_apart(tmp_path):
    # "Hi" lies before the emoji: both units give the same text; NVivo means UTF-16.
    for origin, unit in [
        ("NVivo for Mac 15.0.0", "UTF-16 code units"),
        ("MAXQDA 24", "code points"),
    ]:
        read = read_quietly(minimal_project(tmp_path, [(0, 2)], origin=origin))
        assert read.documents["position_unit"].tolist() == [unit]
        assert quotes_of(read) == ["Hi"]


def test_explicit_position_unit_and_its_check(tmp_path):
    path = minimal_project(tmp_path, [(6, 8)], origin="SomeTool")
    read = read_quietly(path, position_unit="UTF-16 code units")
    assert quotes_of(read) == ["we"]
    with pytest.raises(ValueError, match=r"`position_unit` must be None or one of"):
        read_qdpx(path, scrub=None, position_unit="bytes")


def test_selection_past_the_text_in_its_unit_is_an_error(tmp_path):
    # 58 UTF-16 code units long: a selection ending at 59 is outside the text.
    path = minimal_project(tmp_path, [(44, 59)], origin="NVivo 14", name="long.qdpx")
    with pytest.raises(
        InputError,
        match=r"long\.qdpx: selection s0 of source 'interview' spans 44-59, outside its "
        r"text \(58 UTF-16 code units\)\. .*export it again from NVivo 14 .*read it with "
        r"position_unit='code points'",
    ):
        read_qdpx(path, scrub=None)


def test_most_selections_mid_word_warn_naming_project_and_source(tmp_path):
    text = "alpha beta gamma delta epsilon zeta"
    shifted = [(1, 5), (7, 10), (12, 16), (18, 22), (24, 30)]  # each starts inside a word
    path = minimal_project(tmp_path, shifted, origin="MAXQDA 24", text=text, name="mx.qdpx")
    with pytest.warns(
        UserWarning, match=r"mx\.qdpx: 5 of 5 selections of source 'interview' start or end mid"
    ):
        read_qdpx(path, scrub=None)
    # Four selections of five on words: no warning.
    aligned = [(0, 5), (6, 10), (11, 16), (17, 22), (24, 30)]
    read_quietly(minimal_project(tmp_path, aligned, origin="MAXQDA 24", text=text))


# --- files read_segments refuses ---------------------------------------------------------


def test_read_segments_refuses_legacy_excel_with_what_to_export():
    with pytest.raises(
        InputError,
        match=r"maxqda12_coded_segments\.xls' is a legacy Excel workbook \(\.xls\), which is "
        r"not read: save it as \.xlsx, or use the QDA program's \"Export coded segments\" to "
        r"\.xlsx or \.csv",
    ):
        read_segments(MAXQDA_XLS, scrub=None)


def test_read_segments_reads_an_xlsx_workbook_named_xls(tmp_path):
    workbook = tmp_path / "segments.xls"
    frame = pd.DataFrame(
        {"Document": ["d"], "Code": ["c"], "Begin": [0], "End": [4], "Segment": ["text"]}
    )
    frame.to_excel(workbook, index=False, engine="openpyxl")
    read = read_segments(workbook, coder="A", scrub=None)
    assert read.segments["text"].tolist() == ["text"]


def test_read_segments_refuses_a_real_maxqda_project():
    with pytest.raises(
        InputError,
        match=r"maxqda12_project\.mex' is a project database of MAXQDA, not a coded-segment "
        r"export: use the QDA program's \"Export coded segments\"",
    ):
        read_segments(MAXQDA_PROJECT, coder="A", scrub=None)


@pytest.mark.parametrize("name", ["study.mx24", "segments.csv"])
def test_read_segments_refuses_qda_project_databases(tmp_path, name):
    database = tmp_path / name
    with sqlite3.connect(database) as connection:  # MAXQDA projects are SQLite databases
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(
        InputError,
        match=re.escape(name) + r"' is a project database of .*, not a coded-segment "
        r"export: use the QDA program's \"Export coded segments\" to \.xlsx or \.csv, or "
        r"export the project as REFI-QDA \(\.qdpx\)",
    ):
        read_segments(database, coder="A", scrub=None)


def test_read_segments_points_qdpx_to_read_qdpx(tmp_path):
    with pytest.raises(InputError, match=r"p\.qdpx' is a REFI-QDA project: read it with read_"):
        read_segments(minimal_project(tmp_path, [(0, 2)], origin="x"), coder="A", scrub=None)

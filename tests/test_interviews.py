"""Tests of techvet_survey.interviews: readers, writer, analyses and coding agreement.

Fixtures: tests/data/interviews (a hand-written REFI-QDA project and a MAXQDA-style
export of the same coding); bad archives are built in each test under tmp_path.
"""

import re
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey import agreement, privacy
from techvet_survey.errors import InputError
from techvet_survey.interviews import (
    CodedInterviews,
    agreement_table,
    code_cooccurrence,
    code_frequencies,
    coding_agreement,
    quotes,
    read_qdpx,
    read_segments,
    write_qdpx,
)
from techvet_survey.io.qda import _safety, resolve_scrubber, scrub_texts

DATA = Path(__file__).parent / "data" / "interviews"
PROJECT = DATA / "handmade_project"
NS = "urn:QDA-XML:project:1.0"
CODES = pd.DataFrame(
    {
        "theme": ["guidance", "guidance", "cooperation", "cooperation"],
        "code": ["mentoring", "feedback", "school_visits", "cooperation"],
    }
)


def zip_project(target: Path, *, project: str | bytes | None = None, drop=(), extra=None):
    """Zip the hand-made project, optionally with another project.qde or files left out."""
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(PROJECT.rglob("*")):
            name = file.relative_to(PROJECT).as_posix()
            if file.is_dir() or name in drop:
                continue
            if name == "project.qde" and project is not None:
                archive.writestr(name, project)
            else:
                archive.write(file, name)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def edited_project(old: str, new: str) -> str:
    text = (PROJECT / "project.qde").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.fixture
def handmade(tmp_path):
    return read_qdpx(zip_project(tmp_path / "handmade.qdpx"), scrub=None)


@pytest.fixture
def synthetic():
    """Three documents of two countries, double-coded, with known overlaps.

    The texts are words of four letters and a hyphen, so every selection (at multiples
    of 5) starts and ends at a word boundary, as a coder's selections do."""
    texts = {
        "FI-company-01": "aaaa-" * 20,
        "FI-company-02": "bbbb-" * 20,
        "EE-teacher-01": "cccc-" * 20,
    }
    rows = [
        # document, coder, code, start, end
        ("FI-company-01", "A", "mentoring", 0, 20),
        ("FI-company-01", "A", "feedback", 10, 30),
        ("FI-company-01", "A", "school_visits", 40, 60),
        ("FI-company-01", "B", "mentoring", 0, 20),
        ("FI-company-01", "B", "school_visits", 40, 60),
        ("FI-company-02", "A", "feedback", 0, 50),
        ("FI-company-02", "A", "feedback", 60, 70),
        ("FI-company-02", "B", "feedback", 0, 50),
        ("FI-company-02", "B", "mentoring", 60, 70),
        ("EE-teacher-01", "A", "school_visits", 0, 30),
        ("EE-teacher-01", "A", "cooperation", 35, 45),
    ]
    segments = pd.DataFrame(rows, columns=["document", "coder", "code", "start", "end"])
    sources = pd.DataFrame(
        {
            "document": list(texts),
            "text": list(texts.values()),
            "country": ["FI", "FI", "EE"],
            "group": ["company", "company", "teacher"],
            "sector": ["ict", "machinery", ""],
        }
    )
    return segments, sources


# --- readers ------------------------------------------------------------------------------


def test_read_qdpx_reads_hand_written_project(handmade):
    segments = handmade.segments
    assert isinstance(handmade, CodedInterviews)
    assert len(segments) == 7
    assert handmade.skipped.empty
    first = segments[(segments["coder"] == "Jaan") & (segments["start"] == 0)].iloc[0]
    assert first["text"] == "We mentor every new apprentice."
    assert (first["code"], first["theme"], first["end"]) == ("mentoring", "guidance", 31)
    # A coding without creatingUser takes the selection's user.
    third = segments[segments["start"] == 67].iloc[0]
    assert third["coder"] == "Maria" and third["text"].startswith("Feedback comes")
    # Case variables, with header aliases and an integer variable.
    company = segments[segments["document"] == "FI-company-01"].iloc[0]
    assert (company["country"], company["group"], company["sector"]) == ("FI", "company", "ict")
    assert company["years_of_wbl"] == 12
    assert set(segments["source"]) == {"FI-company-01", "FI-teacher-01"}
    codes = handmade.codes.set_index("code")
    assert codes.loc["school_visits", "parent"] == "cooperation"
    assert codes.loc["school_visits", "theme"] == "cooperation"
    assert codes.loc["feedback", "description"] == "Feedback on work"
    assert handmade.documents.set_index("document").loc["FI-company-01", "n_characters"] == 106


def test_read_segments_reads_maxqda_style_export(handmade):
    read = read_segments(
        DATA / "maxqda_segments.csv", documents=DATA / "documents.csv", codes=CODES, scrub=None
    )
    maria = handmade.segments[handmade.segments["coder"] == "Maria"].reset_index(drop=True)
    columns = ["document", "source", "coder", "code", "theme", "start", "end", "text",
               "country", "group", "sector"]  # fmt: skip
    pd.testing.assert_frame_equal(
        read.segments[columns].astype(str), maria[columns].astype(str), check_dtype=False
    )


def test_write_then_read_qdpx_round_trip_is_exact_and_reproducible(synthetic, tmp_path):
    segments, sources = synthetic
    codes = CODES.assign(label_en=["Mentoring", "Feedback", "School visits", "Cooperation"])
    first = write_qdpx(segments, sources, codes, tmp_path / "one.qdpx")
    second = write_qdpx(segments, sources, codes, tmp_path / "two.qdpx")
    assert first.read_bytes() == second.read_bytes()
    read = read_qdpx(first, scrub=None)
    assert read.skipped.empty
    back = read.segments[["document", "coder", "code", "start", "end"]]
    expected = segments.sort_values(["document", "coder", "start", "end", "code"])
    pd.testing.assert_frame_equal(back, expected.reset_index(drop=True), check_dtype=False)
    texts = sources.set_index("document")["text"]
    assert all(
        row.text == texts[row.document][row.start : row.end] for row in read.segments.itertuples()
    )
    assert read.segments.set_index("document").loc["EE-teacher-01", "group"].iloc[0] == "teacher"
    assert read.codes.set_index("code").loc["feedback", "description"] == "Feedback"
    csv = tmp_path / "segments.csv"
    segments.assign(text=[texts[d][s:e] for d, s, e in segments[["document", "start", "end"]]
                          .itertuples(index=False)]).to_csv(csv, index=False)  # fmt: skip
    from_csv = read_segments(csv, documents=sources, codes=codes, scrub=None)
    pd.testing.assert_frame_equal(from_csv.segments, read.segments, check_dtype=False)


def test_write_qdpx_refuses_inconsistent_input(synthetic, tmp_path):
    segments, sources = synthetic
    outside = segments.assign(end=segments["end"].where(segments.index != 0, 500))
    with pytest.raises(InputError, match=r"outside their source text .*FI-company-01"):
        write_qdpx(outside, sources, CODES, tmp_path / "x.qdpx")
    with pytest.raises(InputError, match=r"use codes that `codes` lacks: \['unknown'\]"):
        write_qdpx(segments.assign(code="unknown"), sources, CODES, tmp_path / "x.qdpx")
    with pytest.raises(InputError, match=r"documents that `sources` lacks"):
        write_qdpx(segments, sources.iloc[1:], CODES, tmp_path / "x.qdpx")


# --- bad input ----------------------------------------------------------------------------


def test_corrupt_zip_is_refused(tmp_path):
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(InputError, match=r"broken\.qdpx.* is not a readable zip archive"):
        read_qdpx(broken, scrub=None)


def test_archive_without_project_file_is_refused(tmp_path):
    target = zip_project(tmp_path / "empty.qdpx", drop=("project.qde",))
    with pytest.raises(InputError, match=r"has no project\.qde"):
        read_qdpx(target, scrub=None)


def test_invalid_xml_names_the_file(tmp_path):
    target = zip_project(tmp_path / "bad.qdpx", project="<Project><Sources></Project>")
    with pytest.raises(InputError, match=r"bad\.qdpx/project\.qde is not well-formed XML"):
        read_qdpx(target, scrub=None)


def test_wrong_root_element_is_refused(tmp_path):
    target = zip_project(tmp_path / "codebook.qdpx", project=f'<CodeBook xmlns="{NS}"/>')
    with pytest.raises(InputError, match=r"root element is <CodeBook>"):
        read_qdpx(target, scrub=None)


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        '<!DOCTYPE Project SYSTEM "file:///etc/passwd">',
    ],
)
def test_doctype_and_entities_are_refused(tmp_path, declaration, monkeypatch):
    # Force the fallback path (no defusedxml) so that it is tested whatever is installed.
    monkeypatch.setitem(__import__("sys").modules, "defusedxml", None)
    project = edited_project("<Project xmlns", declaration + "\n<Project xmlns")
    target = zip_project(tmp_path / "entities.qdpx", project=project)
    with pytest.raises(InputError, match=r"declares a DOCTYPE or ENTITY, which is refused"):
        read_qdpx(target, scrub=None)


def test_doctype_refused_with_defusedxml(tmp_path):
    pytest.importorskip("defusedxml")
    project = edited_project(
        "<Project xmlns", '<!DOCTYPE Project [<!ENTITY a "b">]>\n<Project xmlns'
    )
    target = zip_project(tmp_path / "entities.qdpx", project=project)
    with pytest.raises(InputError, match=r"DOCTYPE or ENTITY"):
        read_qdpx(target, scrub=None)


def test_zip_bomb_guard(tmp_path):
    target = zip_project(tmp_path / "big.qdpx", extra={"Sources/padding.txt": "0" * 200_000})
    with pytest.raises(InputError, match=r"would expand to [\d,]+ bytes.*zip-bomb guard"):
        read_qdpx(target, max_bytes=100_000, scrub=None)
    with zipfile.ZipFile(target) as archive, pytest.raises(InputError, match="zip-bomb guard"):
        _safety.read_member(archive, "Sources/padding.txt", 1_000)


def test_selection_outside_its_source_is_an_error_naming_project_source_and_selection(tmp_path):
    project = edited_project('endPosition="61"', 'endPosition="999"')
    target = zip_project(tmp_path / "outside.qdpx", project=project)
    with pytest.raises(
        InputError,
        match=r"outside\.qdpx: selection bbbbbbbb-0000-4000-8000-000000000005 of source "
        r"'FI-teacher-01' spans 31-999, outside its text \(61 code points.*export it again",
    ):
        read_qdpx(target, scrub=None)


def test_missing_source_file_skips_its_selections(tmp_path):
    target = zip_project(
        tmp_path / "missing.qdpx", drop=("Sources/aaaaaaaa-0000-4000-8000-000000000002.txt",)
    )
    with pytest.warns(UserWarning, match="skipped"):
        read = read_qdpx(target, scrub=None)
    assert set(read.segments["document"]) == {"FI-company-01"}
    assert len(read.skipped) == 2
    assert (
        read.skipped["reason"]
        .str.contains(
            "source text file Sources/aaaaaaaa-0000-4000-8000-000000000002.txt is missing"
        )
        .all()
    )


def test_undefined_code_and_reversed_selection_are_skipped(tmp_path):
    project = edited_project(
        '<CodeRef targetGUID="dddddddd-0000-4000-8000-000000000002"/>',
        '<CodeRef targetGUID="dddddddd-0000-4000-8000-00000000ffff"/>',
    )
    project = project.replace('startPosition="67"', 'startPosition="107"')
    target = zip_project(tmp_path / "codes.qdpx", project=project)
    with pytest.warns(UserWarning, match="2 segment"):
        read = read_qdpx(target, scrub=None)
    reasons = read.skipped.set_index("document")["reason"]
    assert "referenced but not defined in the CodeBook" in reasons["FI-teacher-01"]
    assert reasons["FI-company-01"] == "end before start"
    assert len(read.segments) + len(read.skipped) == 7


def test_codes_table_sets_themes_and_flags_unknown_codes(tmp_path):
    target = zip_project(tmp_path / "p.qdpx")
    with pytest.warns(UserWarning, match="skipped"):
        read = read_qdpx(target, codes=CODES.iloc[:3], scrub=None)
    assert (read.skipped["reason"] == "code 'cooperation' not defined in `codes`").all()


def test_read_segments_bad_rows_are_skipped_with_reasons(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "Document,Coder,Code,Start,End,Text\n"
        "d1,A,x,0,10,ok\n"
        "d1,A,x,20,10,reversed\n"
        "d1,A,x,zero,10,not a number\n"
        "d1,A,,0,10,no code\n"
        "d1,A,y,0,10,unknown code\n",
        encoding="utf-8",
    )
    codes = pd.DataFrame({"code": ["x"], "theme": ["t"]})
    with pytest.warns(UserWarning, match=r"export\.csv: 4 segment"):
        read = read_segments(export, codes=codes, scrub=None)
    assert len(read.segments) == 1
    assert read.skipped["reason"].tolist() == [
        "end before start",
        "start or end is not a whole number",
        "no code",
        "code not defined in `codes`",
    ]
    assert read.skipped["element"].tolist() == ["row 3", "row 4", "row 5", "row 6"]


def test_read_segments_checks_positions_against_document_text(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Document,Coder,Code,Start,End\nd1,A,x,0,5\nd1,A,x,3,50\n")
    documents = pd.DataFrame({"document": ["d1"], "text": ["Hello world"], "country": ["FI"]})
    with pytest.warns(UserWarning, match="skipped"):
        read = read_segments(export, documents=documents, scrub=None)
    assert read.segments["text"].tolist() == ["Hello"]
    assert read.skipped["reason"].tolist() == ["selection outside its source text"]


def test_read_segments_header_errors(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Document,Coder,Label,Start,End\nd1,A,x,0,5\n")
    with pytest.raises(InputError, match=r"export\.csv: no column for \['code'\]"):
        read_segments(export, scrub=None)
    export.write_text("Document,Code,Start,End\nd1,x,0,5\n")
    with pytest.raises(InputError, match=r"no coder column.*Pass `coder=`"):
        read_segments(export, scrub=None)
    assert read_segments(export, coder="A", scrub=None).segments["coder"].tolist() == ["A"]
    (tmp_path / "x.docx").write_bytes(b"")
    with pytest.raises(InputError, match=r"unknown file type '\.docx'"):
        read_segments(tmp_path / "x.docx", scrub=None)


def test_read_segments_xlsx(tmp_path):
    table = pd.read_csv(DATA / "maxqda_segments.csv", sep=";")
    table.to_excel(tmp_path / "export.xlsx", index=False)
    read = read_segments(tmp_path / "export.xlsx", scrub=None)
    assert len(read.segments) == 5
    assert read.segments["end"].dtype == "int64"


def test_scrub_auto_uses_the_package_scrubber(tmp_path):
    target = zip_project(tmp_path / "p.qdpx")
    plain = read_qdpx(target, scrub=None).segments["text"]
    scrubbed = read_qdpx(target).segments["text"]
    assert scrubbed.tolist() == [privacy.scrub_text(text) for text in plain]
    assert resolve_scrubber("auto") is privacy.scrub_text
    texts = pd.Series(["mail me: anna.berg@example.org", None])
    assert "anna.berg" not in scrub_texts(texts, resolve_scrubber("auto")).iloc[0]
    custom = read_qdpx(target, scrub=str.upper)
    assert custom.segments["text"].iloc[0].isupper()
    with pytest.raises(ValueError, match=r"`scrub` must be 'auto', a function"):
        read_qdpx(target, scrub="yes")


# --- analyses -----------------------------------------------------------------------------


@pytest.fixture
def coded(synthetic):
    segments, sources = synthetic
    texts = sources.set_index("document")
    table = segments.merge(sources.drop(columns="text"), on="document")
    table["theme"] = table["code"].map(CODES.set_index("code")["theme"])
    table["source"] = table["document"]
    table["text"] = [texts.at[d, "text"][s:e] for d, s, e in zip(
        table["document"], table["start"], table["end"], strict=True)]  # fmt: skip
    return table


def test_code_frequencies_by_country_primary_coder(coded):
    result = code_frequencies(coded, by="country").set_index(["country", "code"])
    # Coder A coded every document, so A is the primary coder everywhere.
    assert result.loc[("FI", "feedback"), "n_segments"] == 2 + 1
    assert result.loc[("FI", "feedback"), "n_documents"] == 2
    assert result.loc[("FI", "mentoring"), "share_documents"] == 0.5
    assert result.loc[("EE", "cooperation"), "n_documents_total"] == 1
    assert ("FI", "cooperation") not in result.index


def test_code_frequencies_themes_and_all_coders(coded):
    themes = code_frequencies(coded, by=None, granularity="theme", coder=None).set_index("theme")
    # guidance: A's 3 spans + B's 2 + A's (60,70) feedback, B's (60,70) mentoring
    assert themes.loc["guidance", "n_segments"] == 7
    assert themes.loc["guidance", "n_documents"] == 2
    assert themes.loc["cooperation", "n_documents"] == 2
    only_b = code_frequencies(coded, by=None, coder="B").set_index("code")
    assert only_b["n_segments"].to_dict() == {"feedback": 1, "mentoring": 2, "school_visits": 1}
    with pytest.raises(ValueError, match=r"`coder` must be 'primary', None or one of"):
        code_frequencies(coded, coder="Z")
    with pytest.raises(ValueError, match=r"`granularity='theme'` needs the themes"):
        code_frequencies(coded.assign(theme=np.nan), granularity="theme")
    with pytest.raises(ValueError, match=r"`granularity` must be one of 'code', 'theme'"):
        quotes(coded, "guidance", granularity="category")
    with pytest.raises(KeyError, match=r"`by` names columns that `data` lacks: 'region'"):
        code_frequencies(coded, by="region")


def test_code_cooccurrence_segments_window_and_documents(coded):
    overlap = code_cooccurrence(coded, coder="A")
    counts = overlap.counts
    assert counts.loc["mentoring", "feedback"] == 1  # 0-20 overlaps 10-30
    assert counts.loc["feedback", "school_visits"] == 0  # 10-30 vs 40-60
    assert counts.loc["feedback", "feedback"] == 3
    assert (counts.to_numpy() == counts.to_numpy().T).all()
    pair = overlap.pairs.set_index(["code_a", "code_b"]).loc[("feedback", "mentoring")]
    assert pair["jaccard"] == pytest.approx(1 / (3 + 1 - 1))
    near = code_cooccurrence(coded, coder="A", window=10).counts
    assert near.loc["feedback", "school_visits"] == 1  # gap of 10 characters
    assert near.loc["cooperation", "school_visits"] == 1  # 0-30 and 35-45
    documents = code_cooccurrence(coded, unit="document", coder=None)
    assert documents.counts.loc["feedback", "mentoring"] == 2
    assert documents.counts.loc["feedback", "school_visits"] == 1
    assert documents.jaccard.loc["mentoring", "school_visits"] == pytest.approx(1 / 3)
    assert np.allclose(np.diag(documents.jaccard), 1.0)
    with pytest.raises(ValueError, match=r"`window` must be a non-negative whole number"):
        code_cooccurrence(coded, unit="document", window=5)


def test_quotes_shortest_adequate_first_one_per_document(coded):
    with pytest.warns(UserWarning, match=r"No adequate quote .* 1 group.*'EE'"):
        chosen = quotes(coded, "feedback", by="country", n=3, min_chars=15, scrub=None)
    assert chosen["source"].tolist() == ["FI-company-01", "FI-company-02"]
    assert chosen["n_chars"].tolist() == [20, 50]  # the 10-character span is too short
    assert chosen["rank"].tolist() == [1, 2]
    more = quotes(coded, "feedback", by=None, n=5, min_chars=5, scrub=None)
    # Each document's shortest quote first (10 from FI-company-02, 20), then the rest.
    assert more["n_chars"].tolist() == [10, 20, 50]
    same = [quotes(coded, "mentoring", by=None, n=1, min_chars=1, seed=4, scrub=None)
            for _ in range(2)]  # fmt: skip
    pd.testing.assert_frame_equal(*same)
    scrubbed = quotes(coded, "mentoring", by=None, min_chars=1, scrub=lambda t: "x" * len(t))
    assert set("".join(scrubbed["quote"])) == {"x"}
    with pytest.raises(ValueError, match=r"`code` 'nothing' has no segments"):
        quotes(coded, "nothing", scrub=None)


# --- coding agreement ---------------------------------------------------------------------


def test_agreement_table_by_document(coded):
    table = agreement_table(coded, "mentoring")
    assert table.to_dict("index") == {"FI-company-01": {"A": 1, "B": 1},
                                      "FI-company-02": {"A": 0, "B": 1}}  # fmt: skip
    assert "EE-teacher-01" not in table.index  # single-coded


def test_agreement_table_by_segment(coded):
    presence = agreement_table(coded, "feedback", unit="segment")
    assert presence.loc["FI-company-01:10-30"].tolist() == [1, 0]
    assert presence.loc["FI-company-02:0-50"].tolist() == [1, 1]
    assigned = agreement_table(coded, unit="segment")
    assert assigned.loc["FI-company-02:60-70"].tolist() == ["feedback", "mentoring"]
    # B's mentoring 0-20 covers half of the span 10-30: enough at min_overlap=0.5.
    assert assigned.loc["FI-company-01:10-30", "B"] == "mentoring"
    stricter = agreement_table(coded, unit="segment", min_overlap=0.6)
    assert stricter.loc["FI-company-01:10-30", "B"] == "(uncoded)"


def test_coding_agreement_matches_agreement_functions(coded):
    result = coding_agreement(coded, unit="segment", n_boot=0)
    assigned = agreement_table(coded, unit="segment")
    row = result[(result["code"] == "(code assigned)") & (result["coefficient"] == "cohen_kappa")]
    expected = agreement.cohen_kappa(assigned)
    assert row["estimate"].item() == pytest.approx(expected["estimate"].item(), abs=1e-12)
    # Spans 0-20, 10-30, 40-60 of FI-company-01 and 0-50, 60-70 of FI-company-02:
    # A: mentoring, feedback, school_visits, feedback, feedback;
    # B: mentoring, mentoring, school_visits, feedback, mentoring -> 3 of 5 agree.
    percent = result[(result["code"] == "(code assigned)")
                     & (result["coefficient"] == "percent_agreement")]  # fmt: skip
    assert percent["estimate"].item() == pytest.approx(3 / 5)
    assert set(result["coefficient"]) == {"percent_agreement", "cohen_kappa",
                                          "krippendorff_alpha"}  # fmt: skip


def test_coding_agreement_warns_for_codes_without_variation(coded):
    # "everywhere" is applied by both coders in both double-coded documents.
    everywhere = coded[coded["code"] == "school_visits"].assign(code="everywhere", start=90, end=95)
    everywhere = pd.concat([everywhere, everywhere.assign(document="FI-company-02")])
    with pytest.warns(RuntimeWarning, match=r"undefined \(NaN\) for 1 code.*'everywhere'"):
        result = coding_agreement(pd.concat([coded, everywhere]), n_boot=0)
    nan_rows = result[result["estimate"].isna()]
    assert set(nan_rows["code"]) == {"everywhere"}
    document_level = result[result["code"] == "school_visits"].set_index("coefficient")
    assert document_level.loc["cohen_kappa", "estimate"] == 1.0


def test_coding_agreement_warning_tells_dropped_resamples_from_undefined_codes():
    # "x": both coders in d1, coder A alone in d2 -> defined kappa, but resamples
    # without d1 and d2 lack variation; "y": both coders everywhere -> undefined.
    documents = [f"d{number}" for number in range(1, 7)]
    rows = [(document, coder, "y") for document in documents for coder in "AB"]
    rows += [("d1", "A", "x"), ("d1", "B", "x"), ("d2", "A", "x")]
    segments = pd.DataFrame(rows, columns=["document", "coder", "code"]).assign(start=0, end=9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = coding_agreement(segments, n_boot=200, seed=1)
    messages = [str(w.message) for w in caught]
    undefined = [m for m in messages if m.startswith("Agreement is undefined")]
    assert len(undefined) == 1 and "for 1 code(s)" in undefined[0] and "['y']" in undefined[0]
    resampled = [m for m in messages if "bootstrap resamples" in m]
    assert len(resampled) == 1
    dropped = re.search(r"'x': (\d+) of 200", resampled[0])
    assert dropped and 0 < int(dropped.group(1)) < 200
    assert "point estimates of these" in resampled[0] and "'y'" not in resampled[0]
    x_rows = result[result["code"] == "x"].set_index("coefficient")
    assert np.isfinite(x_rows.loc["cohen_kappa", "estimate"])
    assert np.isfinite(x_rows.loc["krippendorff_alpha", "ci_low"])


def test_coding_agreement_uses_fleiss_for_three_coders(coded):
    third = coded[coded["coder"] == "B"].assign(coder="C")
    result = coding_agreement(pd.concat([coded, third]), unit="segment", n_boot=0)
    assert "fleiss_kappa" in set(result["coefficient"])
    assert result["n_coders"].max() == 3


def test_coding_agreement_needs_two_coders(coded):
    with pytest.raises(ValueError, match=r"has one coder only \(\['A'\]\)"):
        coding_agreement(coded[coded["coder"] == "A"])
    disjoint = coded[(coded["coder"] == "A") | (coded["document"] == "FI-company-02")]
    disjoint = disjoint[~((disjoint["coder"] == "A") & (disjoint["document"] == "FI-company-02"))]
    with pytest.raises(ValueError, match=r"no document coded by two coders"):
        coding_agreement(disjoint)


def test_read_segments_windows_1252_export(tmp_path):
    export = tmp_path / "export.csv"
    export.write_bytes("Document;Coder;Code;Start;End;Text\nd1;A;x;0;5;Päivä\n".encode("cp1252"))
    with pytest.warns(UserWarning, match=r"not UTF-8; read as Windows-1252"):
        read = read_segments(export, scrub=None)
    assert read.segments["text"].tolist() == ["Päivä"]

import hashlib
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cleaning import EXCLUSION_ORDER, CleaningConfig, clean_study, write_outputs
from techvet_survey.cleaning._long import categoricals_as_text
from techvet_survey.cleaning._survey import clean_survey_export
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE, pseudonymise
from techvet_survey.schemas import (
    SchemaValidationError,
    survey_background_schema,
    survey_schema,
    validate_tables,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KEY = "test-key-0123456789"


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@pytest.fixture(scope="module")
def truth():
    return json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cleaned():
    before = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in RAW.rglob("*")
        if path.is_file()
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, KEY)
        with pytest.warns(UserWarning, match="out of range"):
            result = clean_study(RAW)
    after = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in RAW.rglob("*")
        if path.is_file()
    }
    assert before == after, "the cleaning modified a raw file"
    return result


def planted_id(file, source_id):
    return pseudonymise([f"{file}:{source_id}"], KEY.encode())[0]


def test_kept_values_equal_planted_values(cleaned, book):
    planted = pd.read_csv(RAW / "truth" / "truth_survey.csv")
    planted["respondent_id"] = [
        planted_id(f, s) for f, s in zip(planted["file"], planted["source_id"], strict=True)
    ]
    planted = planted.set_index("respondent_id").sort_index()
    clean = cleaned.survey.set_index("respondent_id").sort_index()
    assert list(clean.index) == list(planted.index)
    columns = [c for c in planted.columns if c not in ("file", "source_id")]
    for column in columns:
        ours, theirs = clean[column], planted[column]
        same = (ours.astype(str) == theirs.astype(str)) | (ours.isna() & theirs.isna())
        assert same.all(), f"{column}: {int((~same).sum())} values differ from the planted ones"


def test_exclusions_equal_planted_problems_exactly(cleaned, truth):
    for file, record in truth["files"].items():
        if not file.startswith("survey/"):
            continue
        planted = {
            (planted_id(file, source_id), reason)
            for reason, ids in record["excluded"].items()
            for source_id in ids
        }
        ours = cleaned.exclusions.loc[cleaned.exclusions["file"] == file]
        found = set(zip(ours["respondent_id"], ours["reason"], strict=True))
        assert found == planted, (
            f"{file}: false positives {found - planted}, misses {planted - found}"
        )


def test_every_row_is_accounted_for(cleaned, truth):
    files = cleaned.files.set_index("file")
    assert (files["rows_read"] == files["rows_kept"] + files["rows_excluded"]).all()
    for file, record in truth["files"].items():
        if file.startswith("survey/") or file.startswith("test/"):
            assert files.loc[file, "rows_read"] == record["rows"]
    excluded = cleaned.exclusions.groupby("file").size()
    for file, count in excluded.items():
        assert files.loc[file, "rows_excluded"] == count


def test_long_table_keeps_missing_reasons_and_problem_cells(cleaned, truth):
    long = cleaned.survey_long
    assert set(long["status"]) >= {"valid", "dont_know", "not_applicable", "out_of_range"}
    planted = truth["files"]["survey/LV_survey.sav"]["out_of_range"]
    flagged = long.loc[long["status"] == "out_of_range"]
    expected = {(planted_id("survey/LV_survey.sav", r["source_id"]), r["item"]) for r in planted}
    assert set(zip(flagged["respondent_id"], flagged["item"], strict=True)) == expected
    assert flagged["value"].isna().all() and flagged["raw"].notna().all()
    share_dont_know = (long["status"] == "dont_know").mean()
    assert share_dont_know == pytest.approx(truth["survey"]["dont_know_rate"], abs=0.01)


def test_test_choices_equal_planted(cleaned, book):
    planted = pd.read_csv(RAW / "truth" / "truth_test.csv")
    ours = cleaned.test_responses
    assert len(ours) == len(planted)
    items = list(book.test_items["item"])
    assert (ours["language"].to_numpy() == planted["language"].to_numpy()).all()
    mine = ours[items].astype(object).where(ours[items].notna(), "")
    theirs = planted[items].astype(object).where(planted[items].notna(), "")
    assert (mine.to_numpy() == theirs.to_numpy()).all()
    scored = cleaned.test_scored
    assert set(np.unique(scored[items].to_numpy()[~np.isnan(scored[items].to_numpy())])) <= {
        0.0,
        1.0,
    }
    assert (scored["n_not_reached"] > 0).any() and (scored["n_omitted"] > 0).any()


def test_no_planted_personal_data_in_any_output(cleaned, truth, tmp_path, book):
    write_outputs(cleaned, tmp_path, codebook=book)
    planted = set()
    for record in truth["files"].values():
        planted |= set(record.get("pii", []))
    planted |= set(truth["test"]["pii"]) | set(truth["interviews"]["pii"])
    assert len(planted) > 50
    texts = []
    for path in tmp_path.iterdir():
        if path.suffix == ".parquet":
            texts.append(pd.read_parquet(path).astype(str).to_csv())
        else:
            texts.append(path.read_text(encoding="utf-8"))
    everything = "\n".join(texts)
    leaked = sorted(value for value in planted if value in everything)
    assert not leaked, f"personal data survived: {leaked[:5]}"
    assert KEY not in everything


def test_outputs_are_reproducible(cleaned, tmp_path, book):
    first = write_outputs(cleaned, tmp_path / "a", codebook=book)
    second = write_outputs(cleaned, tmp_path / "b", codebook=book)
    assert first["outputs"] == second["outputs"]
    assert {entry["file"] for entry in first["inputs"]} >= {"survey/LV_survey.sav"}
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    sav = next(entry for entry in manifest["inputs"] if entry["file"] == "survey/LV_survey.sav")
    assert (
        sav["sha256"] == hashlib.sha256((RAW / "survey" / "LV_survey.sav").read_bytes()).hexdigest()
    )
    assert sav["rows_read"] == sav["rows_kept"] + sav["rows_excluded"]


def test_schema_failures_are_listed_together(cleaned, book):
    broken = cleaned.survey.copy()
    broken.loc[broken.index[0], "gw1"] = 7.0
    broken.loc[broken.index[1], "country"] = "SE"
    with pytest.raises(SchemaValidationError, match="2 schema failure") as error:
        validate_tables({"survey": broken}, {"survey": survey_schema(book)})
    assert "gw1" in str(error.value) and "country" in str(error.value)


# ---------------------------------------------------------------- bad input


def write_generic(folder, rows, columns=None):
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=columns)
    path = folder / "partner_export.csv"
    frame.to_csv(path, index=False)
    return path


def generic_rows(book, n=12):
    """Distinct plausible answers in English labels, as a generic export would hold them."""
    rng = np.random.default_rng(8)
    labels = ["Agree", "Disagree", "Strongly agree", "Neutral"]
    items = list(book.items["item"])
    rows = []
    for respondent in range(n):
        row = {"id": respondent + 1, "country": "Finland", "group": "teacher"}
        row |= {item: labels[int(rng.integers(0, 4))] for item in items}
        rows.append(row)
    return rows


@pytest.fixture
def key_env(monkeypatch):
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, KEY)


def test_unknown_answer_label_is_listed_and_kept_visible(tmp_path, book, key_env):
    rows = generic_rows(book)
    rows[3]["gw2"] = "Sort of agree"
    rows[5]["gw2"] = "Kinda"
    write_generic(tmp_path / "raw", rows)
    with pytest.warns(
        UserWarning,
        match=r"column 'gw2', rows \[.*\]: unknown label values \['Kinda', 'Sort of agree'\]",
    ):
        result = clean_study(tmp_path / "raw")
    flagged = result.survey_long.query("status == 'unknown_label'")
    assert sorted(flagged["raw"]) == ["Kinda", "Sort of agree"]
    assert flagged["value"].isna().all()


def test_likert_value_out_of_range_is_named(tmp_path, book, key_env):
    rows = generic_rows(book)
    rows[2]["cg1"] = 6
    write_generic(tmp_path / "raw", rows)
    with pytest.warns(
        UserWarning,
        match=r"partner_export.csv, column 'cg1', rows \[4\]: out of range values \['6'\]",
    ):
        clean_study(tmp_path / "raw")


def test_unknown_country_is_excluded_with_its_reason(tmp_path, book, key_env):
    rows = generic_rows(book)
    rows[0]["country"] = "Sweden"
    write_generic(tmp_path / "raw", rows)
    with pytest.warns(UserWarning, match=r"values \['Sweden'\] are not in the codebook"):
        result = clean_study(tmp_path / "raw")
    assert result.exclusions["reason"].tolist() == ["unknown_country"]
    assert len(result.survey) == len(rows) - 1


def test_column_mapped_twice_is_an_error(tmp_path, book, key_env):
    rows = generic_rows(book)
    for row in rows:
        row[book.item_text("gw1", "en")] = row["gw1"]
    write_generic(tmp_path / "raw", rows)
    with pytest.raises(
        InputError, match=r"a column is mapped twice: 'gw1' and '.*' both map to 'gw1'"
    ):
        clean_study(tmp_path / "raw")


def test_empty_and_unknown_files_are_named(tmp_path, key_env):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "empty.csv").write_bytes(b"")
    (folder / "notes.bin").write_bytes(os.urandom(64))
    with pytest.raises(
        InputError, match=r"could be cleaned: empty.csv: failed .*notes.bin: failed"
    ):
        clean_study(folder)


def test_missing_raw_folder_is_named(tmp_path):
    with pytest.raises(InputError, match="is not a folder"):
        clean_study(tmp_path / "nowhere")


# --- mapping each tool's headings to the codebook ---------------------------------------------

TOOLS = Path(__file__).resolve().parent / "data" / "tools"


def read_tool_export(name):
    from techvet_survey.io import read_export

    return read_export(TOOLS / name)


@pytest.mark.parametrize(
    "name", ["limesurvey_full_text.csv", "limesurvey_code_text.csv", "limesurvey_G01Q01.csv"]
)
def test_limesurvey_heading_styles_map_to_the_same_items(book, name):
    from techvet_survey.cleaning._columns import map_columns

    raw = read_tool_export(name)
    mapping = map_columns(list(raw.frame.columns), raw.flavour, book, name)
    targets = set(mapping.targets.values())
    assert {"source_id", "submitted_at", "started_at", "language", "lastpage"} <= targets
    assert {"country", "group", "gw1", "gw2"} <= targets


def test_scale_label_and_item_text_map_whichever_way_the_tool_joins_them(book):
    from techvet_survey.cleaning._columns import map_columns

    label, text = book.scale_label("gw", "fi"), book.item_text("gw1", "fi", None)
    headings = [f"{label} [{text}]", f"{label} - {text}".upper(), "Vastaustunnus"]
    for flavour in ("limesurvey_csv", "googleforms_csv", "generic_csv"):
        mapping = map_columns(headings[:1], flavour, book, "x.csv")
        assert mapping.targets == {headings[0]: "gw1"}
    mapping = map_columns(headings[1:], "qualtrics_csv", book, "x.csv")
    assert mapping.targets == {headings[1]: "gw1"}
    assert mapping.unmapped == ("Vastaustunnus",)


@pytest.mark.parametrize("name", ["qualtrics_three_rows.csv", "qualtrics_legacy.csv"])
def test_qualtrics_items_map_through_the_question_text_row(book, name):
    from techvet_survey.cleaning._columns import map_columns

    raw = read_tool_export(name)
    columns = list(raw.frame.columns)
    without = map_columns(columns, raw.flavour, book, name)
    assert "gw1" not in without.targets.values()
    mapping = map_columns(columns, raw.flavour, book, name, question_text=raw.meta["question_text"])
    assert {mapping.targets[code] for code in ("Q1", "Q2", "Q3_1", "Q3_2")} == {
        "country",
        "group",
        "gw1",
        "gw2",
    }
    assert {"source_id", "started_at", "submitted_at"} <= set(mapping.targets.values())
    assert "IPAddress" in mapping.personal or "V6" in mapping.personal


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        ("moodle3_responses.csv", ["", "", "summary_row"]),
        ("moodle4_responses.csv", ["", "unfinished"]),
    ],
)
def test_moodle_responses_of_both_versions_are_cleaned(book, name, reasons):
    from techvet_survey.cleaning._assessment import clean_test_export

    raw = read_tool_export(name)
    with pytest.warns(UserWarning, match=rf"{name}: test items \['t04', .* count as not answered"):
        test = clean_test_export(raw, book, KEY.encode())
    assert test.reasons.tolist() == reasons
    assert test.choices.loc[0, ["t01", "t02", "t03"]].tolist() == ["B", "D", "A"]
    assert test.choices.columns.tolist() == list(book.test_items["item"])


def test_quiz_without_any_test_item_is_excluded_with_its_reason(tmp_path, book):
    from techvet_survey.cleaning._assessment import clean_test_export
    from techvet_survey.io import read_export

    path = tmp_path / "other_quiz.csv"
    path.write_text(
        "Surname,First name,State,Started on,Completed,Question 1\n"
        "Tamm,Mari,Finished,3 March 2026 10:00 AM,3 March 2026 10:20 AM,What is 2+2?\n",
        encoding="utf-8",
    )
    raw = read_export(path)
    assert raw.flavour == "lms_quiz_csv"
    with pytest.warns(UserWarning, match=r"other_quiz.csv: no column matches a test item"):
        test = clean_test_export(raw, book, KEY.encode())
    assert test.reasons.tolist() == ["no_codebook_item"]


def test_a_second_time_stamp_of_the_tool_is_set_aside_not_an_error(book):
    from techvet_survey.cleaning._columns import map_columns

    columns = ["Vastaaja", "Lähetetty", "Vastausaika", "1. Maa"]
    mapping = map_columns(columns, "webropol_xlsx", book, "x.xlsx")
    assert mapping.targets == {
        "Vastaaja": "source_id",
        "Lähetetty": "submitted_at",
        "1. Maa": "country",
    }
    assert mapping.unmapped == ("Vastausaika",)


# ---------------------------------------------------------------- one export, in memory


def limesurvey_export(book, n=12, **cells):
    """A LimeSurvey export as the reader returns it (text cells, codes as headings).

    Every respondent answers every Likert item differently enough to be kept; `cells`
    replaces whole columns, by codebook target (``submitted_at``, ``gender``...).
    """
    profile = book.export_profile("limesurvey_csv")
    heading = {target: code for code, target in profile["columns"].items()}
    # LimeSurvey's own administrative columns, under their code headings
    heading |= {
        "source_id": "id",
        "started_at": "startdate",
        "submitted_at": "submitdate",
        "duration_s": "interviewtime",
    }
    rng = np.random.default_rng(5)
    columns = {
        "source_id": [str(row + 1) for row in range(n)],
        "started_at": [f"2026-03-02 10:{row:02d}:00" for row in range(n)],
        "submitted_at": [f"2026-03-02 11:{row:02d}:00" for row in range(n)],
        "duration_s": ["3600"] * n,
        "country": ["EE"] * n,
        "group": ["STU"] * n,
        "gender": ["1", "2"] * (n // 2),
        "age_band": ["2"] * n,
    }
    for item in book.items["item"]:
        columns[item] = [f"A{code}" for code in rng.integers(1, 6, n)]
    columns |= cells
    frame = pd.DataFrame({heading[target]: values for target, values in columns.items()})
    return SimpleNamespace(
        frame=frame.astype("str"),
        flavour="limesurvey_csv",
        provenance={"file": "survey/ls.csv"},
        meta={},
        row_numbers=np.arange(2, n + 2),
    )


def clean_one(export, book, config=None):
    return clean_survey_export(export, book, config or CleaningConfig(), KEY.encode())


def test_negative_durations_have_their_own_reason(book):
    started = [f"2026-03-02 10:{row:02d}:00" for row in range(12)]
    started[3] = "2026-04-02 10:03:00"  # day and month swapped: after the submission
    duration = ["3600"] * 12
    duration[5] = "-30"
    export = limesurvey_export(book, started_at=started, duration_s=duration)
    cleaned = clean_one(export, book)
    assert (
        cleaned.reasons.tolist()
        == [""] * 3 + ["negative_duration", "", "negative_duration"] + [""] * 6
    )
    assert EXCLUSION_ORDER.index("negative_duration") < EXCLUSION_ORDER.index("speeder")


def test_negative_durations_are_no_part_of_the_speeder_median(book):
    duration = ["-3600"] * 6 + ["500"] + ["3600"] * 5
    cleaned = clean_one(limesurvey_export(book, duration_s=duration), book)
    assert cleaned.reasons.tolist() == ["negative_duration"] * 6 + ["speeder"] + [""] * 5


def test_placeholder_dates_are_set_missing_with_a_note(book):
    placeholder = ["1980-01-01 00:00:00"] * 12
    export = limesurvey_export(book, started_at=placeholder, submitted_at=placeholder)
    config = CleaningConfig(field_start=pd.Timestamp("2026-01-01"))
    with pytest.warns(UserWarning) as caught:
        cleaned = clean_one(export, book, config)
    messages = [str(warning.message) for warning in caught]
    for heading, column in (("submitdate", "submitted_at"), ("startdate", "started_at")):
        assert any(
            message.startswith(
                f"survey/ls.csv, column '{heading}' ({column}), rows [2, 3, 4, 5, 6]: "
                "placeholder date(s) ['1980-01-01 00:00:00'] set missing"
            )
            for message in messages
        )
    assert cleaned.rows["submitted_at"].isna().all() and cleaned.rows["started_at"].isna().all()
    assert (cleaned.reasons == "").all()  # submitted (not incomplete), not a test submission
    log = pd.DataFrame(cleaned.log).set_index(["rule", "column"])
    assert log.loc[("placeholder_date", "submitted_at"), "count"] == 12
    assert log.loc[("placeholder_date", "started_at"), "count"] == 12
    kept_as_dates = clean_one(
        export, book, CleaningConfig(field_start=config.field_start, placeholder_dates=())
    )
    assert (kept_as_dates.reasons == "test_submission").all()


def test_placeholder_dates_must_be_timestamps():
    with pytest.raises(ArgumentError, match=r"`placeholder_dates` holds 'someday', which is not"):
        CleaningConfig(placeholder_dates=("someday",))


def test_unread_durations_are_missing_and_named(book):
    duration = ["3600"] * 12
    duration[2] = "a while"
    export = limesurvey_export(book, duration_s=duration)
    with pytest.warns(
        UserWarning,
        match=r"ls.csv, column 'interviewtime' \(duration_s\), rows \[4\]: duration\(s\) "
        r"\['a while'\] not read",
    ):
        cleaned = clean_one(export, book)
    assert cleaned.rows["duration_s"][2] == 3600.0  # from the start and submission times
    assert {"rule": "unread_duration", "column": "duration_s", "count": 1} in [
        {key: entry[key] for key in ("rule", "column", "count")} for entry in cleaned.log
    ]


def test_background_problems_are_warned_and_kept_with_a_status(book):
    gender = ["m", "f", "F", "Male", "1", "2", "X", "2", "1", "2", "1", "2"]
    ages = ["27", "34", "50"] + ["2"] * 9
    export = limesurvey_export(book, gender=gender, age_band=ages)
    with pytest.warns(UserWarning) as caught:
        cleaned = clean_one(export, book)
    messages = [str(warning.message) for warning in caught]
    assert any(
        re.search(
            r"ls.csv, column 'G1Q4' \(age_band\), rows \[2, 3, 4\]: out of range values "
            r"\['27', '34', '50'\]; kept in the background table .* Fix: recode the cells to "
            r"the codes of age_band \(1 = 'Under 20'",
            message,
        )
        for message in messages
    )
    assert any(
        "column 'G1Q3' (gender), rows [8]: unknown label values ['X']" in m for m in messages
    )
    assert cleaned.rows["gender"].tolist()[:6] == [2, 1, 1, 2, 1, 2]
    assert cleaned.rows["gender"].isna().tolist()[6] and cleaned.rows["age_band"][:3].isna().all()
    long = cleaned.background_long.set_index(["item", "raw"])
    assert len(cleaned.background_long) == 12 * 5
    out_of_range = long.loc["age_band"].query("status == 'out_of_range'")
    assert sorted(out_of_range.index) == ["27", "34", "50"]
    assert out_of_range["code"].tolist() == [27, 34, 50] and out_of_range["value"].isna().all()
    assert long.loc[("gender", "X"), "status"] == "unknown_label"
    log = pd.DataFrame(cleaned.log).set_index(["rule", "column"])
    assert log.loc[("out_of_range", "age_band"), "count"] == 3
    validate_tables(
        {"survey_background": categoricals_as_text(cleaned.background_long)},
        {"survey_background": survey_background_schema(book)},
    )


def test_spss_value_labels_of_background_items_are_applied(book):
    frame = pd.DataFrame(
        {
            "RespID": [1.0, 2.0, 3.0],
            "country": ["LV"] * 3,
            "group": ["student"] * 3,
            "gender": [1.0, 2.0, 2.0],  # labelled Male/Female: the codebook's 2/1
            "field": ["m", "x", "i"],  # a string variable with labels
            **{item: [1.0, 3.0, 5.0] for item in book.items["item"]},
        }
    )
    labels = {"gender": {1.0: "Male", 2.0: "Female"}, "field": {"m": "Būvniecība", "i": "IKT"}}
    export = SimpleNamespace(
        frame=frame,
        flavour="spss_sav",
        provenance={"file": "survey/lv.sav"},
        meta={"variable_value_labels": labels},
        row_numbers=np.arange(2, 5),
    )
    with pytest.warns(UserWarning, match=r"column 'field' \(field\), rows \[3\]: unknown label"):
        cleaned = clean_one(export, book)
    assert cleaned.rows["gender"].tolist() == [2.0, 1.0, 1.0]
    np.testing.assert_equal(cleaned.rows["field"].tolist(), [4.0, np.nan, 3.0])


def test_file_with_no_codebook_item_is_named_and_excluded_as_such(tmp_path, book, key_env):
    near = book.item_text("gw1", "en").replace("enough ", "")
    rows = [{"id": row, "Q7. " + near: "4", "Favourite colour": "blue"} for row in range(1, 6)]
    write_generic(tmp_path / "raw", rows)
    with pytest.warns(
        UserWarning,
        match=r"partner_export.csv: no column matches a codebook item .* so its 5 row\(s\) are "
        r"excluded as 'no codebook item in this file'. Nearest codebook matches: 'Q7. Students "
        r"get guidance at the workplace when they need it.' ~ gw1",
    ):
        result = clean_study(tmp_path / "raw")
    assert result.exclusions["reason"].tolist() == ["no codebook item in this file"] * 5
    files = result.files.iloc[0]
    assert (files["rows_read"], files["rows_kept"], files["rows_excluded"]) == (5, 0, 5)
    write_outputs(result, tmp_path / "processed", codebook=book)
    written = pd.read_csv(tmp_path / "processed" / "exclusions.csv")
    assert set(written["reason"]) == {"no codebook item in this file"}


def codebook_with_open_question(tmp_path, item, question):
    """The bundled codebook plus one more open question (item type ``text``)."""
    import copy

    import yaml

    raw = copy.deepcopy(dict(Codebook.load().raw))
    raw["free_text"][item] = {
        "type": "text",
        "groups": ["teacher"],
        "text": {lang: f"{question} ({lang})" for lang in raw["languages"]} | {"en": question},
    }
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return Codebook.load(path)


def test_an_open_question_of_the_codebook_is_kept_and_scrubbed(tmp_path, book, key_env):
    question = "What did you learn most at the workplace?"
    rows = generic_rows(book)
    for number, row in enumerate(rows):
        row[question] = f"Measuring tools, answer {number}."
    rows[4][question] = "Ask mentor.name@example.com about the lathe."
    write_generic(tmp_path / "raw", rows)
    bundled = clean_study(tmp_path / "raw")
    assert question in set(bundled.unmapped["column"])
    assert "open_learned" not in bundled.survey

    extended = codebook_with_open_question(tmp_path, "open_learned", question)
    result = clean_study(tmp_path / "raw", codebook=extended)
    assert question not in set(result.unmapped["column"])
    answers = result.survey.set_index("source_row")["open_learned"]
    assert answers[2] == "Measuring tools, answer 0."
    assert "mentor.name@example.com" not in answers[6]
    assert "lathe" in answers[6]
    assert set(result.survey["open_guidance"].isna()) == {True}
    assert len(result.survey) + len(result.exclusions) == len(rows)
    scrubbed = result.log.query("rule == 'pii_scrubbed' and column == 'open_learned'")
    assert scrubbed["count"].sum() == 1

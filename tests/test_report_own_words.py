"""The report's section "In their own words", without a kernel: what it says when the
survey has no answers to open questions, and when coded answers are few or tied. The
section of the bundled study is checked in the executed report (tests/test_notebooks.py),
its coded route on the bundled study with a coded project in tests/test_open_answers.py."""

from types import SimpleNamespace

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.report import _own_words
from techvet_survey.report._messages import text as message


def shown(monkeypatch, study) -> list[tuple[str, object]]:
    """What the section's functions display for `study`, as (kind, content)."""
    displays = []
    monkeypatch.setattr(_own_words, "show_note", lambda note: displays.append(("note", note)))
    monkeypatch.setattr(
        _own_words, "show_text", lambda paragraphs, lang: displays.append(("text", paragraphs))
    )
    monkeypatch.setattr(
        _own_words, "show_table", lambda table, caption, **_: displays.append(("table", caption))
    )
    _own_words.show_own_words(study)
    for kind in ("describe", "languages", "terms", "codes"):
        _own_words.show_open_answer_tables(study, kind)
    _own_words.show_quotes(study)
    return displays


def test_a_survey_without_open_answers_says_so_plainly(monkeypatch):
    study = SimpleNamespace(
        tables={}, processed={"survey": pd.DataFrame()}, codebook=Codebook.load(), lang="nl"
    )
    study.min_n = 5
    assert shown(monkeypatch, study) == [("note", message("note.absent.open_answers", "nl"))]


def test_a_country_without_terms_is_named_and_nothing_is_quoted(monkeypatch):
    columns = _own_words.TABLES["describe"][1]
    describe = pd.DataFrame([["open_guidance", "FI", "student", 3] + [1] * (len(columns) - 3)])
    describe.columns = ["item", *columns]
    terms = pd.DataFrame(
        {
            "item": ["open_guidance"],
            "country": ["FI"],
            "term": [None],
            "language": [None],
            "n_answers": [pd.NA],
            "n_answered": [3],
            "share_answers": [float("nan")],
            "rank": [pd.NA],
            "suppressed": [True],
        }
    )
    study = SimpleNamespace(
        tables={"open_answers_describe": describe, "open_answers_terms_country": terms},
        processed={"survey": pd.DataFrame()},
        codebook=Codebook.load(),
        lang="en",
        min_n=5,
    )
    displays = shown(monkeypatch, study)
    assert displays[0] == (
        "text",
        ["No terms are shown for Finland: fewer than 5 answers, or no term used in 5 answers."],
    )
    assert [kind for kind, _ in displays[1:]] == ["table", "note"]
    assert displays[-1][1].startswith("No answer to \u201cWhat would improve guidance")


def test_tied_leading_codes_are_both_named_and_small_countries_said_so(monkeypatch):
    columns = _own_words.TABLES["describe"][1]
    describe = pd.DataFrame([["open_guidance", "FI", "student", 9] + [1] * (len(columns) - 3)])
    describe.columns = ["item", *columns]
    codes = pd.DataFrame(
        {
            "item": "open_guidance",
            "country": ["FI", "FI", "FI", "EE"],
            "theme": "wbl",
            "code": ["guidance_time", "school_contact", "feedback_practice", "guidance_time"],
            "n_documents": [4, 4, 1, 2],
            "n_documents_total": [8, 8, 8, 3],
            "share_documents": [0.5, 0.5, 0.125, 2 / 3],
        }
    )
    segments = pd.DataFrame(columns=["document", "coder", "code", "item", "country"])
    study = SimpleNamespace(
        tables={"open_answers_describe": describe, "open_answers_codes_country": codes},
        processed={"survey": pd.DataFrame(), "open_answer_segments": segments},
        codebook=Codebook.load(),
        lang="en",
        min_n=5,
    )
    displays = shown(monkeypatch, study)
    labels = Codebook.load().interview_codes.set_index("code")["label_en"]
    (found, small) = displays[0][1]
    assert found.startswith("In the coded answers to \u201cWhat would improve guidance")
    tied = f"{labels['guidance_time']} (50%) and {labels['school_contact']} (50%)"
    assert f"Finland (8 coded answers): {tied}" in found
    assert labels["feedback_practice"] not in found and "Estonia" not in found
    assert small == "No code is named for Estonia: fewer than 5 coded answers."
    kinds = [kind for kind, _ in displays[1:]]
    assert kinds == ["table", "table", "note"]  # describe; codes (Finland only); no quotes
    assert displays[-1][1].startswith("No coded answer to \u201cWhat would improve")


def test_the_analysis_quotes_are_used_only_as_chosen_and_read_back(monkeypatch):
    table = pd.DataFrame(
        {"item": ["q"], "country": ["FI"], "term": ["aika"], "rank": [1], "language": ["fi"],
         "quote": ["Aikaa on liian vähän."], "min_n": [5]}
    )  # fmt: skip
    chosen_here = []

    def leading_quotes(*args, **kwargs):
        chosen_here.append(kwargs["min_n"])
        return table.iloc[:0]

    monkeypatch.setattr("techvet_survey.open_answers.leading_quotes", leading_quotes)
    study = SimpleNamespace(tables={"open_answers_quotes": table}, processed={"survey": None},
                            codebook=Codebook.load(), lang="fi", min_n=5)  # fmt: skip
    assert _own_words.own_words_quotes(study) is table
    assert chosen_here == []
    for changed in ({"min_n": 10}, {"quote": "'- Aikaa on liian vähän."}, {"quote": None}):
        study.min_n = changed.get("min_n", 5)
        study.tables = {"open_answers_quotes": table.assign(**{k: v for k, v in changed.items()
                                                               if k != "min_n"})}  # fmt: skip
        assert _own_words.own_words_quotes(study).empty
    assert chosen_here == [10, 5, 5]

"""The report's section "In their own words", without a kernel: what it says when the
survey has no answers to open questions. The section of the bundled study is checked in
the executed report (tests/test_notebooks.py)."""

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
    for kind in ("describe", "languages", "terms"):
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

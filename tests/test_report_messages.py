"""The report's message catalogue: every message in all five languages, the same
placeholders in each, and the notebooks' markdown cells as their English entries."""

import nbformat
import pytest

from techvet_survey._numbers import localise_number, percent
from techvet_survey.errors import ArgumentError
from techvet_survey.report import NOTEBOOKS, notebook_paths
from techvet_survey.report._format import format_ci, format_p
from techvet_survey.report._messages import LANGUAGES, catalogue, placeholders, text

MESSAGES = sorted(catalogue())


@pytest.mark.parametrize("key", MESSAGES)
def test_every_message_is_in_all_five_languages_with_the_same_placeholders(key):
    entry = catalogue()[key]
    assert sorted(entry) == sorted(LANGUAGES)
    assert all(isinstance(value, str) and value.strip() for value in entry.values())
    english = placeholders(entry["en"])
    for lang in LANGUAGES:
        assert placeholders(entry[lang]) == english, (key, lang)


def test_notebook_markdown_cells_are_their_catalogue_entries():
    for path in notebook_paths():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert catalogue()[f"nb.{cell.id}"]["en"] == cell.source, (path.name, cell.id)
    assert len(NOTEBOOKS) == 7


def test_an_unknown_message_or_language_is_refused():
    with pytest.raises(ArgumentError, match="no message 'nope' in the report's catalogue"):
        text("nope")
    with pytest.raises(ArgumentError, match="`lang` must be one of"):
        text("html.table", "de", number=1)


@pytest.mark.parametrize(
    ("lang", "p", "ci"),
    [
        ("en", "< .001", "[0.12, 0.35]"),
        ("fi", "< 0,001", "[0,12; 0,35]"),
        ("et", "< 0,001", "[0,12; 0,35]"),
        ("lv", "< 0,001", "[0,12; 0,35]"),
        ("nl", "< 0,001", "[0,12; 0,35]"),
    ],
)
def test_numbers_follow_the_language(lang, p, ci):
    assert format_p(0.0004, lang) == p
    assert format_ci(0.1234, 0.3456, lang=lang) == ci
    assert localise_number("cg2 = 3.5", lang) == ("cg2 = 3.5" if lang == "en" else "cg2 = 3,5")
    assert percent("56", lang) == ("56\u00a0%" if lang == "fi" else "56%")

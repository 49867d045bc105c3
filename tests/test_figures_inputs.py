"""Per-figure input records: a rerun redraws only the figures whose inputs changed."""

import json
import shutil

import pytest
import test_figures

from techvet_survey.codebook import DATA_DIR, Codebook
from techvet_survey.figures import MANIFEST_NAME, render_figures
from techvet_survey.figures._inputs import (
    INPUTS_NAME,
    RecordedMapping,
    drawing_modules,
    lookup,
)

study = test_figures.study  # the session's cleaned and analysed study, shared
# cheap figures that read different labels: gw items, all scale titles, the cg title,
# interview codes
FIGURES = [
    "survey_likert_country_gw",
    "survey_means_country",
    "survey_invariance_cg",
    "interviews_agreement",
]


def test_a_recorded_mapping_notes_values_missing_entries_and_listings():
    reads = set()
    tree = RecordedMapping({"a": {"b": 1, "c": [2]}, "d": "x"}, reads)
    assert tree["a"]["b"] == 1 and tree["a"].get("z") is None and "d" in tree
    assert list(tree["a"]) == ["b", "c"]
    assert reads == {
        ("value", ("a",)),
        ("value", ("a", "b")),
        ("value", ("a", "z")),
        ("value", ("d",)),
        ("keys", ("a",)),
    }
    changed = {"a": {"b": 2, "c": [2], "z": 0}}
    assert lookup(changed, "value", ["a", "b"]) == "2"
    assert lookup(changed, "value", ["d"]) == "<missing>"
    assert lookup(changed, "keys", ["a"]) == "['b', 'c', 'z']"


def test_the_drawing_code_is_the_figures_plots_and_what_they_import():
    names = {path.relative_to(DATA_DIR.parents[1]).as_posix() for path in drawing_modules()}
    assert {"figures/_survey.py", "plots/_likert.py", "plots/_theme.py"} <= names
    assert "codebook/_codebook.py" in names  # labels are looked up there
    assert not any(name.startswith(("analysis/", "cfa/", "figures/_render")) for name in names)


def codebook_with(tmp_path, old: str, new: str) -> Codebook:
    folder = tmp_path / "codebook"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "scales.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return Codebook.load(folder)


def stamps(folder):
    """The inode and modification time of each figure file: a redrawn file is replaced."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in folder.glob("*.svg")
    }


def redrawn(before, after) -> set[str]:
    return {name.removesuffix(".svg") for name in after if before.get(name) != after[name]}


@pytest.fixture(scope="module")
def drawn(study, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kept")

    def render(codebook=None, target=folder):
        return render_figures(
            target,
            study.tables,
            study.processed,
            formats=["svg"],
            only=FIGURES,
            jobs=1,
            codebook=codebook,
        )

    render()
    return folder, render


def test_a_rerun_on_the_same_inputs_draws_nothing(drawn):
    folder, render = drawn
    before = stamps(folder)
    written = render()
    assert redrawn(before, stamps(folder)) == set()
    assert sorted(path.name for path in written[:-1]) == sorted(before)
    assert (folder / INPUTS_NAME).exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # the English wording of item gw1: the one figure that shows gw items
        (
            'en: "Students get enough guidance at the workplace when they need it."',
            'en: "Students get all the guidance they need at the workplace."',
            {"survey_likert_country_gw"},
        ),
        # its Finnish wording: no English figure reads it
        (
            'fi: "Opiskelijat saavat työpaikalla riittävästi ohjausta silloin, kun he sitä '
            'tarvitsevat."',
            'fi: "Opiskelijat saavat työpaikalla ohjausta."',
            set(),
        ),
    ],
    ids=["english-item-label", "finnish-item-label"],
)
def test_a_changed_label_redraws_only_the_figures_that_read_it(drawn, tmp_path, old, new, expected):
    folder, render = drawn
    render()  # back to the bundled codebook
    before = stamps(folder)
    changed = codebook_with(tmp_path, old, new)
    render(changed)
    assert redrawn(before, stamps(folder)) == expected
    # what was kept is what a full drawing with the changed codebook gives
    fresh = tmp_path / "fresh"
    render(changed, fresh)
    for name in stamps(fresh):
        assert (folder / name).read_bytes() == (fresh / name).read_bytes(), name


def test_a_changed_scale_title_redraws_the_figures_that_show_it(drawn, tmp_path):
    folder, render = drawn
    render()
    before = stamps(folder)
    text = (DATA_DIR / "scales.yaml").read_text(encoding="utf-8")
    title = Codebook.load().scale_label("cg", "en")
    assert f'en: "{title}"' in text or f"en: {title}" in text
    old = f'en: "{title}"' if f'en: "{title}"' in text else f"en: {title}"
    render(codebook_with(tmp_path, old, 'en: "Career guidance, renamed"'))
    assert redrawn(before, stamps(folder)) == {"survey_means_country", "survey_invariance_cg"}


def test_a_changed_table_redraws_the_figures_that_read_it(study, tmp_path):
    tables = tmp_path / "tables"
    shutil.copytree(study.tables, tables)
    folder = tmp_path / "figures"

    def render():
        render_figures(folder, tables, study.processed, formats=["svg"], only=FIGURES, jobs=1)

    render()
    before = stamps(folder)
    agreement = tables / "coding_agreement.csv"
    lines = agreement.read_text(encoding="utf-8").splitlines()
    agreement.write_text("\n".join([*lines[:-1]]) + "\n", encoding="utf-8")  # one row less
    render()
    assert redrawn(before, stamps(folder)) == {"interviews_agreement"}


def test_drawing_only_some_figures_keeps_the_other_current_ones(study, tmp_path):
    def render(only):
        return render_figures(
            tmp_path, study.tables, study.processed, formats=["svg"], only=only, jobs=1
        )

    render(FIGURES)
    before = stamps(tmp_path)
    written = render(FIGURES[:1])
    assert stamps(tmp_path) == before  # nothing removed, nothing redrawn
    assert sorted(path.name for path in written[:-1]) == sorted(before)
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(figure["figure_id"] for figure in manifest["figures"]) == sorted(FIGURES)

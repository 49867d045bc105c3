"""Figures checked through their artists: values drawn, bands, labels, suppression, saving."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle

from techvet_survey import plots
from techvet_survey.errors import ArgumentError
from techvet_survey.plots import TEXT
from techvet_survey.plots._labels import default_codebook


@pytest.fixture(scope="module")
def book():
    return default_codebook()  # the bundled codebook, read once per test session


def by_gid(ax, prefix, kind="lines"):
    return {
        artist.get_gid()[len(prefix) :]: artist
        for artist in getattr(ax, kind)
        if (artist.get_gid() or "").startswith(prefix)
    }


def tick_texts(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [label.get_text() for label in labels]


# ----------------------------------------------------------------------------- theme, texts


def test_every_figure_text_exists_in_the_five_languages(book):
    for key, translations in TEXT.items():
        assert set(translations) == set(book.languages), key
        assert all(value.strip() for value in translations.values()), key


def test_agreement_palette_is_diverging_with_a_grey_middle():
    colours = plots.agreement_colours(5)
    assert colours[2].upper() == "#C8C8C8"
    assert colours[0] != colours[-1]
    assert plots.agreement_colours(11)[5].upper() == "#C8C8C8"  # a 0-10 scale
    assert len(set(plots.agreement_colours(10))) == 10
    with pytest.raises(ArgumentError, match="2 to 11 categories have colours; got 12"):
        plots.agreement_colours(12)


def test_save_figure_is_byte_identical_twice(tmp_path, book):
    # a figure with one font face: each face embedded in a PDF costs about a second
    table = pd.DataFrame({"item": ["t01", "t02"], "mh_delta": [0.4, -1.2], "ets_class": ["A", "B"]})
    ax = plots.dif_plot(table, codebook=book, lang="lv")
    first = plots.save_figure(ax.figure, tmp_path / "a" / "dif", formats=("svg", "pdf"))
    second = plots.save_figure(ax.figure, tmp_path / "b" / "dif.png", formats=("svg", "pdf"))
    assert [p.name for p in first] == ["dif.svg", "dif.pdf"]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()
    svg = first[0].read_text(encoding="utf-8")
    assert "ETS klase (" in svg  # text stays text (svg.fonttype none), in Latvian
    assert "<dc:date>" not in svg
    with pytest.raises(ValueError, match=r"`formats` must be one of 'png', 'svg', 'pdf'"):
        plots.save_figure(ax.figure, tmp_path / "c", formats=("jpg",))


def _saved_figure(layout):
    import matplotlib.pyplot as plt

    with plots.theme():
        fig, ax = plt.subplots(figsize=(3, 2), layout=layout)
        ax.plot([0, 1, 2], [2.5, 1.0, 3.0], label="a long legend entry")
        ax.set_xticks([0, 1, 2], ["first", "second", "third"], rotation=30)
        ax.set_xlabel("answers")
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
        fig.text(0, 1.05, "a note above everything", ha="left")
    return fig


@pytest.mark.parametrize("layout", [None, "constrained"])
def test_save_figure_writes_the_bytes_of_matplotlibs_two_pass_tight_save(tmp_path, layout):
    # save_figure skips the layout pass of bbox_inches="tight" (one draw per file)
    import io

    from techvet_survey.plots._theme import _METADATA

    fig, same = _saved_figure(layout), _saved_figure(layout)
    written = plots.save_figure(fig, tmp_path / "figure")
    with plots.theme():
        for path in written:
            fmt = path.suffix[1:]
            expected = io.BytesIO()
            same.savefig(expected, format=fmt, dpi=200, metadata=_METADATA[fmt])
            assert path.read_bytes() == expected.getvalue(), fmt
    assert "draw" not in vars(fig)  # the figure is left as it was


# ----------------------------------------------------------------------------- forest


@pytest.fixture
def summary():
    return pd.DataFrame(
        {
            "variable": ["gw", "gw", "gw", "cg"],
            "country": ["FI", "LV", "NL", "FI"],
            "group": ["student", "student", "teacher", "student"],
            "n": [40, 3, 12, 40],
            "mean": [3.8, np.nan, 4.1, 3.2],
            "ci_low": [3.6, np.nan, 3.7, 3.0],
            "ci_high": [4.0, np.nan, 4.5, 3.4],
            "suppressed": [False, True, False, False],
        }
    )


def test_forest_draws_means_and_intervals(summary, book):
    ax = plots.forest_plot(summary, codebook=book, lang="fi")
    points, intervals = by_gid(ax, "point:"), by_gid(ax, "ci:")
    assert set(points) == {"gw|FI|student", "gw|NL|teacher", "cg|FI|student"}
    assert points["gw|NL|teacher"].get_xdata()[0] == 4.1
    assert list(intervals["gw|FI|student"].get_xdata()) == [3.6, 4.0]
    ticks = tick_texts(ax)
    assert book.scale_label("gw", "fi") in ticks
    assert "Suomi · Ammatillinen opiskelija (n = 40)" in ticks
    assert ax.get_xlabel() == "Keskiarvo (95% LV)"


def test_forest_marks_suppressed_rows_without_values(summary, book):
    ax = plots.forest_plot(summary, codebook=book)
    assert not any("LV" in key for key in by_gid(ax, "point:"))
    assert not any("LV" in key for key in by_gid(ax, "ci:"))
    notes = by_gid(ax, "suppressed:", "texts")
    assert list(notes) == ["gw|LV|student"]
    assert notes["gw|LV|student"].get_text() == "n < 5"
    assert "Latvia · VET student" in tick_texts(ax)  # the row is there, without its n


def test_forest_needs_its_columns(summary, book):
    with pytest.raises(KeyError, match=r"`summary` names columns that `data` lacks: 'ci_low'"):
        plots.forest_plot(summary.drop(columns="ci_low"), codebook=book)


@pytest.fixture
def by_gender():
    """describe(..., by="gender") of any data: no country, no group column."""
    return pd.DataFrame(
        {
            "variable": ["agree", "agree", "open", "open"],
            "gender": ["female", "male", "female", "male"],
            "n": [919, 1881, 919, 1881],
            "mean": [4.8, 4.5, 4.6, 4.55],
            "ci_low": [4.75, 4.45, 4.55, 4.5],
            "ci_high": [4.85, 4.55, 4.65, 4.6],
        }
    )


def test_forest_takes_its_group_column_from_by(by_gender, book):
    ax = plots.forest_plot(by_gender, by="gender", codebook=book)
    points = by_gid(ax, "point:")
    assert set(points) == {"agree|female", "agree|male", "open|female", "open|male"}
    assert points["agree|male"].get_xdata()[0] == 4.5
    # one row per group: the two genders of a scale sit on different rows
    assert points["agree|female"].get_ydata()[0] != points["agree|male"].get_ydata()[0]
    assert points["agree|female"].get_color() != points["agree|male"].get_color()
    assert "female (n = 919)" in tick_texts(ax)
    assert ax.get_legend() is None  # the row labels name the groups: no legend repeats them


def test_forest_shows_the_range_given_in_limits(by_gender, book):
    ax = plots.forest_plot(by_gender, by="gender", codebook=book, limits=(1, 5))
    low, high = ax.get_xlim()
    assert low < 1 < 5 < high and high - low < 4.5
    with pytest.raises(ArgumentError, match=r"`limits` must be two numbers \(low, high\)"):
        plots.forest_plot(by_gender, by="gender", limits=5)
    with pytest.raises(ArgumentError, match="low < high"):
        plots.forest_plot(by_gender, by="gender", limits=(5, 1))


def test_forest_second_by_column_is_told_apart_by_marker(by_gender, book):
    table = pd.concat([by_gender.assign(wave=1), by_gender.assign(wave=2)], ignore_index=True)
    ax = plots.forest_plot(table, by=["gender", "wave"], codebook=book)
    points = by_gid(ax, "point:")
    assert points["agree|male|1"].get_marker() != points["agree|male|2"].get_marker()
    assert points["agree|male|1"].get_color() == points["agree|male|2"].get_color()
    assert len({p.get_ydata()[0] for p in points.values()}) == 8


def test_forest_refuses_rows_it_would_stack(by_gender, book):
    with pytest.raises(ArgumentError, match=r"would be drawn on one row.*by='gender'"):
        plots.forest_plot(by_gender, codebook=book)
    waves = pd.concat([by_gender.assign(wave=1), by_gender.assign(wave=2)], ignore_index=True)
    with pytest.raises(ArgumentError, match=r"share \{'variable': 'agree', 'gender': 'female'\}"):
        plots.forest_plot(waves, by="gender", codebook=book)
    with pytest.raises(
        ArgumentError, match=r"share \{'variable': 'agree', 'wave': 1\}.*by='gender'"
    ):
        plots.forest_plot(waves, by="wave", codebook=book)
    with pytest.raises(KeyError, match=r"`summary` names columns that `data` lacks: 'sex'"):
        plots.forest_plot(by_gender, by="sex", codebook=book)
    with pytest.raises(ArgumentError, match=r"`by` names 3 columns"):
        plots.forest_plot(by_gender, by=["gender", "n", "mean"], codebook=book)
    with pytest.raises(ArgumentError, match=r"`by` column 'gender' of `summary` is missing in 1"):
        plots.forest_plot(by_gender.assign(gender=["f", None, "f", "m"]), by="gender")
    many = pd.concat([by_gender.assign(gender=f"g{i}") for i in range(9)], ignore_index=True)
    with pytest.raises(ArgumentError, match=r"'gender' has 9 levels; colours tell at most 8"):
        plots.forest_plot(many, by="gender", codebook=book)
    with pytest.raises(ArgumentError, match=r"column 'mean' must be numeric"):
        plots.forest_plot(by_gender.assign(mean="high"), by="gender", codebook=book)


def test_reliability_plot_takes_its_group_column_from_by(book):
    table = pd.DataFrame(
        {
            "scale": ["agree", "agree"],
            "gender": ["female", "male"],
            "alpha": [0.72, 0.69],
            "ci_low": [0.69, 0.67],
            "ci_high": [0.75, 0.71],
        }
    )
    ax = plots.reliability_plot(table, by="gender", codebook=book)
    points = by_gid(ax, "point:")
    assert points["agree|female"].get_xdata()[0] == 0.72
    assert points["agree|female"].get_ydata()[0] != points["agree|male"].get_ydata()[0]
    with pytest.raises(ArgumentError, match=r"`table` has 2 rows that share \{'scale': 'agree'\}"):
        plots.reliability_plot(table, codebook=book)


def test_reliability_plot_draws_alpha_and_benchmarks(book):
    table = pd.DataFrame(
        {
            "scale": "sa",
            "country": ["EE", "NL"],
            "alpha": [0.81, 0.74],
            "ci_low": [0.75, 0.66],
            "ci_high": [0.86, 0.8],
            "n": [120, 90],
        }
    )
    ax = plots.reliability_plot(table, codebook=book, lang="nl")
    points = by_gid(ax, "point:")
    assert points["sa|EE"].get_xdata()[0] == 0.81
    assert sorted(by_gid(ax, "threshold:")) == ["0.7", "0.8"]
    assert by_gid(ax, "threshold:")["0.7"].get_xdata()[0] == 0.7
    assert book.scale_label("sa", "nl") in [t.replace("\n", " ") for t in tick_texts(ax)]
    assert ax.get_xlabel() == "Cronbachs alfa (95% BI)"


# ----------------------------------------------------------------------------- heatmaps


def test_agreement_heatmap_values_and_suppression(book):
    table = pd.DataFrame(
        {
            "variable": ["gw1", "gw1", "gw2", "gw2"],
            "country": ["FI", "EE", "FI", "EE"],
            "agree_share": [0.75, np.nan, 0.5, 0.25],
            "suppressed": [False, True, False, False],
        }
    )
    ax = plots.agreement_heatmap(table, codebook=book, lang="et", wrap_width=0)
    image = next(a for a in ax.images if isinstance(a, AxesImage))
    data = image.get_array()
    assert data[0, 0] == 0.75 and data[1, 1] == 0.25
    assert data.mask[0, 1]  # the suppressed cell has no colour
    cells = by_gid(ax, "cell:", "texts")
    assert cells["gw1|FI"].get_text() == "75%" and "gw1|EE" not in cells
    hatched = by_gid(ax, "suppressed:", "patches")
    assert list(hatched) == ["gw1|EE"] and hatched["gw1|EE"].get_hatch() == "///"
    assert book.item_text("gw1", "et") in tick_texts(ax)
    assert tick_texts(ax, "x") == ["Soome", "Eesti"]


def test_heatmap_rejects_two_rows_per_cell(book):
    table = pd.DataFrame(
        {"item": ["gw1", "gw1"], "country": ["FI", "FI"], "agree_share": [0.1, 0.2]}
    )
    with pytest.raises(
        ValueError, match=r"more than one row for \{'item': 'gw1', 'country': 'FI'\}"
    ):
        plots.agreement_heatmap(table, codebook=book)


def test_code_frequency_heatmap(book):
    table = pd.DataFrame(
        {
            "country": ["FI", "FI", "NL"],
            "group": ["teacher", "teacher", "teacher"],
            "theme": ["company_needs", "digital", "digital"],
            "code": ["skill_needs", "digital_tools", "digital_tools"],
            "n_segments": [4, 2, 7],
            "share_documents": [0.5, 0.25, np.nan],
            "suppressed": [False, False, True],
        }
    )
    ax = plots.code_frequency_heatmap(table, codebook=book, lang="fi")
    cells = by_gid(ax, "cell:", "texts")
    assert cells["skill_needs|FI|teacher"].get_text() == "50%"
    assert "digital_tools|NL|teacher" not in cells
    assert "digital_tools|NL|teacher" in by_gid(ax, "suppressed:", "patches")
    labels = book.interview_codes.set_index("code")["label_fi"]
    assert tick_texts(ax) == [labels["skill_needs"], labels["digital_tools"]]
    ax = plots.code_frequency_heatmap(table, codebook=book, value="n_segments")
    assert by_gid(ax, "cell:", "texts")["digital_tools|FI|teacher"].get_text() == "2"
    marks = by_gid(ax, "suppressed-mark:", "texts")
    assert marks["digital_tools|NL|teacher"].get_text() == "n < 5"
    note = by_gid(ax, "suppressed-note", "texts")[""].get_text()
    assert note == TEXT["suppressed_cells_note"]["en"].format(min_n=5)


def test_code_frequency_heatmap_writes_counts_of_few_documents_and_zeros(book):
    table = pd.DataFrame(
        {
            "country": ["FI", "FI", "NL"],
            "group": "teacher",
            "code": ["skill_needs", "digital_tools", "digital_tools"],
            "n_documents": [2, 1, 20],
            "n_documents_total": [2, 2, 25],
            "share_documents": [1.0, 0.5, 0.8],
        }
    )
    ax = plots.code_frequency_heatmap(table, codebook=book, lang="fi")
    cells = {key: text.get_text() for key, text in by_gid(ax, "cell:", "texts").items()}
    assert cells == {
        "skill_needs|FI|teacher": "2/2",
        "digital_tools|FI|teacher": "1/2",
        "skill_needs|NL|teacher": "0%",  # absent from 25 documents: a zero, not a gap
        "digital_tools|NL|teacher": "80%",
    }
    note = by_gid(ax, "documents-note", "texts")[""].get_text()
    assert note == TEXT["documents_note"]["fi"].format(small=20)


def test_cooccurrence_heatmap_fills_the_lower_triangle(book):
    pairs = pd.DataFrame(
        {
            "code_a": ["digital_tools", "digital_tools"],
            "code_b": ["recruitment", "skill_needs"],
            "n_both": [3, 1],
            "jaccard": [0.3, 0.125],
        }
    )
    ax = plots.cooccurrence_heatmap(pairs, codebook=book)
    data = ax.images[0].get_array()
    # code-book order: skill_needs, recruitment, digital_tools; rows from the second code,
    # columns up to the one before last: no empty first row or last column
    assert tick_texts(ax) == [
        book.interview_codes.set_index("code")["label_en"][c]
        for c in ("recruitment", "digital_tools")
    ]
    assert data.shape == (2, 2)
    assert data[1, 0] == 0.125 and data[1, 1] == 0.3
    assert data.mask[0, 1]
    assert all(label.get_rotation() == 45 for label in ax.get_xticklabels())
    assert by_gid(ax, "cell:", "texts")["digital_tools|recruitment"].get_text() == "0.30"


def test_coding_agreement_plot(book):
    table = pd.DataFrame(
        {
            "code": ["(all codes)", "(all codes)", "recruitment", "recruitment"],
            "coefficient": ["cohen_kappa", "krippendorff_alpha"] * 2,
            "estimate": [0.7, 0.69, 0.5, 0.48],
            "ci_low": [0.6, 0.58, 0.2, 0.1],
            "ci_high": [0.8, 0.79, 0.8, 0.75],
        }
    )
    ax = plots.coding_agreement_plot(table, codebook=book, lang="nl")
    points = by_gid(ax, "point:")
    assert points["recruitment|cohen_kappa"].get_xdata()[0] == 0.5
    assert (
        points["recruitment|cohen_kappa"].get_ydata()[0]
        != points["recruitment|krippendorff_alpha"].get_ydata()[0]
    )  # dodged within the row
    assert "(alle codes)" in tick_texts(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Cohens kappa",
        "Krippendorffs alfa",
    ]
    labels = {k: t.get_text().strip() for k, t in by_gid(ax, "threshold-label:", "texts").items()}
    assert labels == {"0.667": "0.667 voorlopig", "0.8": "0.8 betrouwbaar"}


# ----------------------------------------------------------------------------- test items


def test_item_analysis_plot(book):
    items = pd.DataFrame(
        {
            "item": ["t01", "t02", "t03"],
            "difficulty": [0.8, 0.35, np.nan],
            "item_rest_r": [0.41, 0.12, 0.3],
        }
    )
    ax = plots.item_analysis_plot(items, codebook=book, lang="et")
    points = by_gid(ax, "point:")
    assert set(points) == {"t01", "t02"}
    assert (points["t02"].get_xdata()[0], points["t02"].get_ydata()[0]) == (0.35, 0.12)
    assert ax.get_xlabel() == TEXT["difficulty"]["et"]
    area = book.test_areas["t01"]
    assert book.raw["test"]["areas"][area]["labels"]["et"] in [
        t.get_text() for t in ax.get_legend().get_texts()
    ]


def test_item_analysis_labels_of_close_items_do_not_overlap(book):
    from matplotlib.transforms import Bbox

    # three items within 0.01 of each other, as t05/t11/t30 lie in the study
    items = pd.DataFrame(
        {
            "item": ["t05", "t11", "t30", "t01"],
            "difficulty": [0.75, 0.755, 0.76, 0.3],
            "item_rest_r": [0.465, 0.47, 0.46, 0.2],
        }
    )
    ax = plots.item_analysis_plot(items, codebook=book)
    renderer = ax.figure.canvas.get_renderer()
    labels = by_gid(ax, "item-label:", "texts")
    assert set(labels) == {"t05", "t11", "t30", "t01"}
    boxes = [text.get_window_extent(renderer) for text in labels.values()]
    for index, box in enumerate(boxes):
        assert not any(Bbox.intersection(box, other) for other in boxes[index + 1 :])


def test_distractor_plot_traces_each_option(book):
    table = pd.DataFrame(
        {
            "item": "t01",
            "option": ["A", "B"],
            "is_key": [True, False],
            "share_group_1": [0.3, 0.7],
            "share_group_2": [0.5, 0.5],
            "share_group_3": [0.9, 0.1],
        }
    )
    fig = plots.distractor_plot(table, codebook=book, lang="fi")
    lines = by_gid(fig.axes[0], "option:")
    assert list(lines["t01|A"].get_ydata()) == [0.3, 0.5, 0.9]
    assert lines["t01|A"].get_linestyle() == "-" and lines["t01|B"].get_linestyle() == "--"
    assert tick_texts(fig.axes[0], "x") == ["Matala", "Keski", "Korkea"]
    # one legend for the figure, none per panel; the key named in the panel title
    assert all(ax.get_legend() is None for ax in fig.axes)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "A",
        "B",
        TEXT["key_line"]["fi"],
        TEXT["distractor_line"]["fi"],
    ]
    assert fig.axes[0].get_title(loc="left") == "t01 (oikea A)"
    with pytest.raises(KeyError, match=r"no `share_group_<k>` columns"):
        plots.distractor_plot(
            table.drop(columns=["share_group_1", "share_group_2", "share_group_3"]), codebook=book
        )


# ----------------------------------------------------------------------------- IRT


def test_characteristic_curves_evaluate_the_fitted_model():
    items = pd.DataFrame({"item": ["t01", "t02"], "a": [1.5, np.nan], "d": [-0.3, 0.2]})
    curves = plots.characteristic_curves(items, theta=[-1.0, 0.0, 2.0])
    expected = 1 / (1 + np.exp(-(1.5 * np.array([-1.0, 0.0, 2.0]) - 0.3)))
    assert curves["item"].unique().tolist() == ["t01"]
    np.testing.assert_allclose(curves["probability"], expected, rtol=0, atol=1e-12)


def test_item_curves_and_information(book):
    items = pd.DataFrame({"item": ["t01", "t02"], "a": [1.0, 2.0], "d": [0.0, 1.0]})
    curves = plots.characteristic_curves(items)
    ax = plots.item_curves(curves, codebook=book, lang="lv")
    lines = by_gid(ax, "icc:")
    np.testing.assert_allclose(
        lines["t02"].get_ydata(), curves.loc[curves["item"] == "t02", "probability"]
    )
    info = pd.DataFrame(
        {"theta": [-1.0, 0.0, 1.0], "information": [1.0, 2.0, 1.5], "se": [1.0, 2**-0.5, 1.5**-0.5]}
    )
    ax = plots.information_plot(info, codebook=book, lang="fi", cut_theta=0.4)
    assert list(by_gid(ax, "test-information")[""].get_ydata()) == [1.0, 2.0, 1.5]
    twin = next(other for other in ax.figure.axes if other is not ax)
    assert by_gid(twin, "standard-error")[""].get_ydata()[1] == 2**-0.5
    assert by_gid(ax, "cut-score")[""].get_xdata()[0] == 0.4
    assert ax.get_ylabel() == "Testin informaatio"


def test_item_curves_name_the_area_of_each_colour(book):
    items = pd.DataFrame({"item": ["t01", "t02", "t07"], "a": 1.0, "d": [0.0, 1.0, -1.0]})
    ax = plots.item_curves(plots.characteristic_curves(items), codebook=book, lang="fi")
    legend = ax.get_legend()
    areas = [book.test_areas[item] for item in ("t01", "t07")]
    names = [book.raw["test"]["areas"][area]["labels"]["fi"] for area in areas]
    assert [text.get_text() for text in legend.get_texts()] == names
    curves = by_gid(ax, "icc:")
    colours = [handle.get_color() for handle in legend.legend_handles]
    assert colours == [curves["t01"].get_color(), curves["t07"].get_color()]
    assert legend.get_title().get_text() == TEXT["test_area"]["fi"]
    midline = next(text for text in ax.texts if text.get_gid() == "item-location-label")
    assert midline.get_text() == TEXT["item_location_line"]["fi"]


def test_wright_map_puts_persons_and_items_on_one_scale(book):
    data = pd.DataFrame(
        {
            "kind": ["person"] * 4 + ["item"] * 2,
            "label": ["0", "1", "2", "3", "t01", "t07"],
            "location": [-1.0, 0.0, 0.2, 1.0, -0.5, 0.8],
        }
    )
    fig = plots.wright_map_plot(data, codebook=book, bins=4)
    persons, items = fig.axes
    assert sum(p.get_width() for p in persons.patches if isinstance(p, Rectangle)) == 4
    assert by_gid(items, "item:")["t07"].get_ydata()[0] == 0.8
    assert persons.get_shared_y_axes().joined(persons, items)
    assert persons.get_xlabel() == TEXT["n_persons"]["en"]


def test_wright_map_keeps_labels_of_close_items_apart(book):
    # t01-t03 share a competence area and lie 0.01 logits apart
    data = pd.DataFrame(
        {
            "kind": ["person"] * 3 + ["item"] * 3,
            "label": ["0", "1", "2", "t01", "t02", "t03"],
            "location": [-2.0, 0.0, 2.0, 0.50, 0.51, 0.52],
        }
    )
    assert len({book.test_areas[item] for item in ("t01", "t02", "t03")}) == 1
    _, items = plots.wright_map_plot(data, codebook=book, bins=3).axes
    labels = {key: text for key, text in by_gid(items, "item-label:", "texts").items()}
    heights = sorted(text.xyann[1] for text in labels.values())
    low, high = items.get_ylim()
    assert min(np.diff(heights)) >= 0.035 * (high - low) - 1e-9
    assert np.mean(heights) == pytest.approx(0.51)  # spread around the items, in order
    assert [labels[item].xyann[1] for item in ("t01", "t02", "t03")] == heights


def test_spread_keeps_far_labels_in_place():
    from techvet_survey.plots._irt import spread

    np.testing.assert_allclose(spread([1.0, 0.0, 0.05], 0.1), [1.0, -0.025, 0.075])


# ----------------------------------------------------------------------------- DIF


def test_dif_plot_bands_and_classes(book):
    table = pd.DataFrame(
        {
            "item": ["t01", "t02", "t03"],
            "mh_delta": [0.4, -1.2, 1.8],
            "se_delta": [0.3, 0.4, 0.5],
            "ets_class": ["A", "B", "C"],
        }
    )
    ax = plots.dif_plot(table, codebook=book, lang="fi")
    bands = by_gid(ax, "band:")
    assert sorted(float(key) for key in bands) == [-1.5, -1.0, 1.0, 1.5]
    for key, line in bands.items():
        assert list(line.get_xdata()) == [float(key)] * 2
    points = by_gid(ax, "point:")
    assert points["t03"].get_xdata()[0] == 1.8
    # one encoding per variable: the class is the fill, the colour is left to the language
    fills = {key: point.get_fillstyle() for key, point in points.items()}
    assert fills == {"t01": "none", "t02": "left", "t03": "full"}
    assert len({point.get_color() for point in points.values()}) == 1
    low, high = by_gid(ax, "ci:")["t02"].get_xdata()
    assert low == pytest.approx(-1.2 - 1.959963984540054 * 0.4, abs=1e-12)
    assert high == pytest.approx(-1.2 + 1.959963984540054 * 0.4, abs=1e-12)
    legend = ax.get_legend()
    assert legend.get_title().get_text().startswith("ETS-luokka")
    assert [t.get_text() for t in legend.get_texts()][-1] == "C: |D| ≥ 1.5"
    labels = {k: t.get_text().strip() for k, t in by_gid(ax, "band-label:", "texts").items()}
    assert labels == {
        "-1.5": "\N{MINUS SIGN}1.5",
        "-1": "\N{MINUS SIGN}1",
        "1": "+1",
        "1.5": "+1.5",
    }


def test_dif_plot_cuts_a_wide_interval_and_an_infinite_estimate_at_the_axis(book):
    table = pd.DataFrame(
        {
            "item": ["t01", "t02", "t03"],
            "mh_delta": [0.4, -2.0, np.inf],
            "se_delta": [0.3, 5.0, np.nan],
            "ets_class": ["A", "B", "C"],
        }
    )
    ax = plots.dif_plot(table, codebook=book)
    assert ax.get_xlim() == (-3.0, 3.0)  # the finite estimates and the C limits fit in ±3
    assert list(by_gid(ax, "ci:")["t02"].get_xdata()) == [-3.0, 3.0]
    assert set(by_gid(ax, "clipped:")) == {"t02", "t03"}
    assert by_gid(ax, "point:")["t03"].get_xdata()[0] == 3.0
    assert "Interval cut at the axis" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_dif_plot_dodges_several_focal_groups(book):
    table = pd.DataFrame(
        {
            "item": ["t01", "t01"],
            "mh_delta": [0.4, -0.2],
            "ets_class": ["A", "A"],
            "focal": ["et", "lv"],
        }
    )
    ax = plots.dif_plot(table, codebook=book, lang="fi")
    points = by_gid(ax, "point:")
    assert set(points) == {"t01|et", "t01|lv"}
    assert points["t01|et"].get_color() != points["t01|lv"].get_color()
    assert not by_gid(ax, "ci:")  # no se_delta, no interval
    languages = ax.artists[0]  # the first legend: the language versions, named in Finnish
    assert languages.get_title().get_text() == "Kieliversio"
    assert [t.get_text() for t in languages.get_texts()] == ["Viro", "Latvia"]


# ----------------------------------------------------------------------------- invariance


def test_invariance_plot_draws_chen_thresholds(book):
    ladder = pd.DataFrame(
        {
            "level": ["configural", "metric", "scalar"],
            "cfi": [0.98, 0.975, 0.95],
            "rmsea": [0.04, 0.042, 0.06],
            "delta_cfi": [np.nan, -0.005, -0.025],
            "delta_rmsea": [np.nan, 0.002, 0.018],
        }
    )
    fig = plots.invariance_plot(ladder, codebook=book, lang="et")
    _, _, d_cfi, d_rmsea = fig.axes
    assert by_gid(d_cfi, "threshold:")["delta_cfi"].get_ydata()[0] == -0.01
    assert by_gid(d_rmsea, "threshold:")["delta_rmsea"].get_ydata()[0] == 0.015
    assert by_gid(d_cfi, "point:")["delta_cfi|scalar"].get_ydata()[0] == -0.025
    assert "delta_cfi|configural" not in by_gid(d_cfi, "point:")
    assert tick_texts(d_cfi, "x") == ["Konfiguraalne", "Meetriline", "Skalaarne"]
    fig = plots.invariance_plot(ladder.assign(invariant=[pd.NA, True, False]), codebook=book)
    points = by_gid(fig.axes[2], "point:")
    assert points["delta_cfi|scalar"].get_color() != points["delta_cfi|metric"].get_color()


def test_invariance_plot_caps_fit_draws_the_ladders_cutoffs_and_fixed_ranges(book):
    ladder = pd.DataFrame(
        {
            "level": ["configural", "metric", "scalar"],
            "cfi": [1.04, 1.0, 0.9995],
            "rmsea": [-0.01, 0.0, 0.004],
            "srmr": [0.02, 0.04, 0.05],
            "delta_cfi": [np.nan, -0.0005, -0.001],
            "delta_rmsea": [np.nan, 0.001, 0.004],
            "delta_srmr": [np.nan, 0.02, 0.012],
            "delta_cfi_cutoff": [np.nan, -0.005, -0.005],
            "delta_rmsea_cutoff": [np.nan, 0.01, 0.01],
            "delta_srmr_cutoff": [np.nan, 0.025, 0.005],
            "invariant": [pd.NA, True, False],
        }
    )
    fig = plots.invariance_plot(ladder, codebook=book, lang="fi")
    cfi, rmsea, _, d_cfi, d_rmsea, d_srmr = fig.axes
    assert [ax.get_title(loc="left") for ax in fig.axes][-1] == "ΔSRMR"
    assert by_gid(cfi, "point:")["cfi|configural"].get_ydata()[0] == 1.0
    assert by_gid(rmsea, "point:")["rmsea|configural"].get_ydata()[0] == 0.0
    assert cfi.get_ylim()[0] == pytest.approx(0.90, abs=0.01) and cfi.get_ylim()[1] < 1.01
    assert d_cfi.get_ylim()[0] <= -0.02 and d_cfi.get_ylim()[1] >= 0.02  # 0.001 looks small
    assert by_gid(d_cfi, "threshold:")["delta_cfi"].get_ydata()[0] == -0.005
    assert by_gid(d_rmsea, "threshold:")["delta_rmsea"].get_ydata()[0] == 0.01
    steps = by_gid(d_srmr, "threshold:")
    assert steps["delta_srmr|metric"].get_ydata()[0] == 0.025
    assert steps["delta_srmr|scalar"].get_ydata()[0] == 0.005
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    assert legend == [plots.TEXT[key]["fi"] for key in ("cutoff", "invariant", "not_invariant")]


def test_invariance_plot_widens_a_range_for_a_value_outside_it(book):
    ladder = pd.DataFrame(
        {
            "level": ["configural", "scalar"],
            "cfi": [0.99, 0.85],
            "rmsea": [0.03, 0.13],
            "delta_cfi": [np.nan, -0.14],
            "delta_rmsea": [np.nan, 0.10],
        }
    )
    cfi, rmsea, d_cfi, d_rmsea = plots.invariance_plot(ladder, codebook=book).axes
    assert cfi.get_ylim()[0] < 0.85 and rmsea.get_ylim()[1] > 0.13
    assert d_cfi.get_ylim()[0] < -0.14 and d_rmsea.get_ylim()[1] > 0.10


def test_theme_is_scoped_and_figures_restore_the_defaults(book):
    import matplotlib as mpl

    before = mpl.rcParams["font.family"]
    with plots.theme():
        assert mpl.rcParams["svg.hashsalt"] == "techvet_survey"
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
    assert mpl.rcParams["font.family"] == before
    table = pd.DataFrame({"item": ["gw1"], "country": ["FI"], "agree_share": [0.5]})
    plots.agreement_heatmap(table, codebook=book)
    assert mpl.rcParams["font.family"] == before


def test_interview_figures_reject_unknown_values(book):
    table = pd.DataFrame({"code": ["x"], "country": ["FI"], "group": ["teacher"], "share": [1]})
    with pytest.raises(ValueError, match=r"`value` must be one of 'share_documents'"):
        plots.code_frequency_heatmap(table, codebook=book, value="share")
    with pytest.raises(ValueError, match=r"`value` must be one of 'jaccard', 'n_both'"):
        plots.cooccurrence_heatmap(table, codebook=book, value="count")


def test_forest_plot_takes_describe_output_as_it_is(book):
    from techvet_survey.compare import describe

    frame = pd.DataFrame(
        {"country": ["FI"] * 6 + ["EE"] * 3, "gw": [3.0, 4.0, 3.5, 4.5, 2.5, 4.0, 3, 4, 5]}
    )
    summary = describe(frame, "gw", by="country")
    ax = plots.forest_plot(summary, codebook=book)
    fi = summary.set_index("country").loc["FI"]
    points, intervals = by_gid(ax, "point:"), by_gid(ax, "ci:")
    assert set(points) == {"gw|FI"}  # EE (n = 3) is suppressed by describe
    assert points["gw|FI"].get_xdata()[0] == fi["mean"]
    assert list(intervals["gw|FI"].get_xdata()) == [fi["ci_low"], fi["ci_high"]]
    assert "gw|EE" in by_gid(ax, "suppressed:", "texts")


def test_characteristic_curves_take_an_irt_result():
    from techvet_survey import irt

    data = pd.DataFrame(
        {"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0], "q3": [1, 0, 0, 0, 1, 1]}
    )
    result = irt.fit(data, model="rasch", method="cml")
    curves = plots.characteristic_curves(result, theta=[0.0])
    expected = 1 / (1 + np.exp(result.items["b"].to_numpy()))  # P(0) = 1/(1+exp(b))
    np.testing.assert_allclose(curves["probability"], expected, atol=1e-12)


def test_term_frequency_bars_draw_one_panel_per_country_without_suppressed_rows(book):
    table = pd.DataFrame(
        {
            "country": ["FI", "FI", "LV", "LV"],
            "term": ["aika", "palaute", "laiks", None],
            "share_answers": [0.5, 0.25, 0.4, np.nan],
            "rank": [1, 2, 1, np.nan],
            "suppressed": [False, False, False, True],
        }
    )
    figure = plots.term_frequency_bars(table, codebook=book, lang="lv")
    assert [ax.get_title() for ax in figure.axes] == ["Somija", "Latvija"]
    widths = {patch.get_gid(): patch.get_width() for patch in figure.axes[0].patches}
    assert widths == {"bar:FI:aika": 0.5, "bar:FI:palaute": 0.25}
    assert [patch.get_gid() for patch in figure.axes[1].patches] == ["bar:LV:laiks"]


def test_term_frequency_bars_show_the_countries_in_codebook_order(book):
    table = pd.DataFrame(
        {
            "country": ["NL", "EE", "FI"],
            "term": ["contact", "aeg", "aika"],
            "share_answers": [0.5, 0.4, 0.3],
            "rank": [1, 1, 1],
        }
    )
    figure = plots.term_frequency_bars(table, codebook=book)
    assert [ax.get_title() for ax in figure.axes] == ["Finland", "Estonia", "Netherlands"]


def test_term_frequency_bars_name_a_country_without_terms(book):
    table = pd.DataFrame(
        {
            "country": ["EE"],
            "term": [None],
            "share_answers": [np.nan],
            "rank": [np.nan],
            "suppressed": [True],
        }
    )
    figure = plots.term_frequency_bars(table, codebook=book, min_n=5)
    assert figure.axes[0].texts[0].get_text() == "no term in 5 or more answers"

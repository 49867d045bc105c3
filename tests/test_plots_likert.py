"""Likert shares (against hand counts) and the diverging bar chart (through its artists)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.plots import ResponseScale, likert_bars, likert_shares
from techvet_survey.plots._labels import default_codebook

TRUTH = Path(__file__).parents[1] / "data" / "raw" / "truth" / "truth_survey.csv"
ITEMS = ["gw1", "gw2", "gw3"]


@pytest.fixture(scope="module")
def book():
    return default_codebook()  # the bundled codebook, read once per test session


@pytest.fixture(scope="module")
def survey():
    return pd.read_csv(TRUTH)


@pytest.fixture
def small():
    """Seven respondents in two countries; two answers have reasons, LV is small."""
    return pd.DataFrame(
        {
            "country": ["FI", "FI", "FI", "FI", "FI", "LV", "LV", None],
            "gw1": [1, 3, 5, 5, np.nan, 2, np.nan, 4],
            "gw1__missing": [None, None, None, None, "dont_know", None, "not_applicable", None],
            "gw2": [4, 4, np.nan, 2, 3, 5, 5, 1],
        }
    )


def segments(fig):
    """Segment id (without 'likert:') -> Rectangle, over every axes of the figure."""
    return {
        patch.get_gid()[len("likert:") :]: patch
        for ax in fig.axes
        for patch in ax.patches
        if isinstance(patch, Rectangle) and (patch.get_gid() or "").startswith("likert:")
    }


def texts(fig, prefix):
    return {
        text.get_gid()[len(prefix) :]: text
        for ax in fig.axes
        for text in ax.texts
        if (text.get_gid() or "").startswith(prefix)
    }


# ----------------------------------------------------------------------------- shares


def test_shares_match_hand_counts(small):
    table = likert_shares(small, ["gw1"], by="country", min_n=0).set_index(["country", "category"])
    # FI: answers 1, 3, 5, 5 (n = 4) plus one don't know (n_total = 5)
    assert table.loc[("FI", "5"), "count"] == 2
    assert table.loc[("FI", "5"), "share"] == pytest.approx(2 / 4, abs=1e-12)
    assert table.loc[("FI", "2"), "share"] == 0
    assert table.loc[("FI", "dont_know"), "share"] == pytest.approx(1 / 5, abs=1e-12)
    assert table.loc[("FI", "dont_know"), "code"] == 8
    assert table.loc[("FI", "1"), ["n", "n_total"]].tolist() == [4, 5]
    # LV: one answer (2) and one not applicable; the row without a country is left out
    assert table.loc[("LV", "not_applicable"), "share"] == pytest.approx(1 / 2, abs=1e-12)
    assert table.loc[("LV", "2"), "share"] == 1.0
    assert set(table.index.get_level_values("country")) == {"FI", "LV"}


def test_shares_skipped_answers_count_nowhere(small):
    table = likert_shares(small, ["gw2"], min_n=0).set_index("category")
    # gw2 has one NaN without a reason: 7 answers, none with a reason
    assert table["n"].iloc[0] == 7
    assert table["n_total"].iloc[0] == 7
    assert table.loc[["4", "5"], "count"].tolist() == [2, 2]
    assert table.loc[[str(c) for c in range(1, 6)], "share"].sum() == pytest.approx(1.0)


def test_shares_suppress_small_groups(small):
    table = likert_shares(small, ["gw1"], by="country", min_n=4)  # FI n = 4, LV n = 1
    lv = table[table["country"] == "LV"]
    assert lv["suppressed"].all()
    assert lv["share"].isna().all() and lv["count"].isna().all()
    fi = table[table["country"] == "FI"]
    assert not fi["suppressed"].any()
    assert fi["share"].notna().all()


def test_long_missing_reasons_equal_reason_columns(small):
    long = pd.DataFrame(
        {"row": [4, 6], "item": ["gw1", "gw1"], "reason": ["dont_know", "not_applicable"]}
    )
    from_long = likert_shares(small.drop(columns="gw1__missing"), ["gw1"], missing_reasons=long)
    from_columns = likert_shares(small, ["gw1"])
    pd.testing.assert_frame_equal(from_long, from_columns)


def test_shares_reject_bad_input(small):
    with pytest.raises(InputError, match=r"codes \[7.0\] \(first in row 0\) outside the answer"):
        likert_shares(small.assign(gw2=[7, 4, 4, 2, 3, 5, 5, 1]), ["gw2"])
    with pytest.raises(ValueError, match=r"reasons \['refused'\] for item 'gw1'"):
        likert_shares(small.assign(gw1__missing=["refused"] + [None] * 7), ["gw1"])
    with pytest.raises(ValueError, match=r"in row 0, which has a valid answer"):
        likert_shares(small.assign(gw1__missing=["dont_know"] + [None] * 7), ["gw1"])
    long = pd.DataFrame({"row": [99], "item": ["gw1"], "reason": ["dont_know"]})
    with pytest.raises(KeyError, match=r"`missing_reasons` names rows that `data` lacks"):
        likert_shares(small, ["gw1"], missing_reasons=long)
    with pytest.raises(KeyError, match=r"`items` names columns that `data` lacks: 'zz'"):
        likert_shares(small, ["zz"])
    with pytest.raises(TypeError, match=r"must hold numeric answer codes"):
        likert_shares(small.assign(gw2="agree"), ["gw2"])


# ----------------------------------------------------------------------------- chart


def test_bar_widths_equal_shares(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, by="country", facet="group", sort=None)
    drawn = segments(fig)
    shares = likert_shares(survey, ITEMS, by=["group", "country"], codebook=book)
    answers = shares[shares["kind"] == "answer"]
    assert len(drawn) == len(answers)  # every answer segment once, nothing else
    for row in answers.itertuples():
        patch = drawn[f"{row.group}|{row.item}|{row.country}|{row.category}"]
        assert patch.get_width() == pytest.approx(row.share, abs=1e-9)


def test_neutral_centring_puts_half_the_middle_on_each_side(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, by="country")
    drawn = segments(fig)
    for key, patch in drawn.items():
        if key.endswith("|3"):
            middle = patch.get_x() + patch.get_width() / 2
            assert middle == pytest.approx(0.0, abs=1e-12)
        if key.endswith("|1"):
            bar = key[: -len("|1")]
            low = sum(drawn[f"{bar}|{c}"].get_width() for c in "12")
            half = drawn[f"{bar}|3"].get_width() / 2
            assert patch.get_x() == pytest.approx(-(low + half), abs=1e-12)


def test_between_centring_draws_the_middle_apart(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, center="between")
    main = fig.axes[0]
    side = next(ax for ax in fig.axes if (ax.get_gid() or "") == "likert-side:3")
    on_main = {p.get_gid().rsplit("|", 1)[1] for p in main.patches}
    assert on_main == {"1", "2", "4", "5"}
    assert {p.get_gid().rsplit("|", 1)[1] for p in side.patches} == {"3"}
    drawn = segments(fig)
    for item in ITEMS:
        assert drawn[f"|{item}||4"].get_x() == 0.0
        right_of_2 = drawn[f"|{item}||2"].get_x() + drawn[f"|{item}||2"].get_width()
        assert right_of_2 == pytest.approx(0.0, abs=1e-12)
        assert drawn[f"|{item}||3"].get_x() == 0.0  # in its own panel, from zero


def test_missing_reasons_drawn_in_their_own_panel(small, book):
    fig = likert_bars(small, ["gw1"], codebook=book, min_n=0)
    side = next(ax for ax in fig.axes if (ax.get_gid() or "").startswith("likert-side:"))
    widths = {p.get_gid().rsplit("|", 1)[1]: p.get_width() for p in side.patches}
    # 8 respondents answered gw1: 6 valid, 1 don't know, 1 not applicable
    assert widths == pytest.approx({"dont_know": 1 / 8, "not_applicable": 1 / 8}, abs=1e-12)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[-2:] == ["Don't know", "Not applicable"]
    header = texts(fig, "side-header:")["dont_know|not_applicable"]
    assert header.get_text() == "Don't know\nNot applicable"


def test_side_columns_have_headers_in_the_language(small, book):
    fig = likert_bars(small, ["gw1"], codebook=book, lang="fi", min_n=0, facet="country")
    headers = {key: text.get_text() for key, text in texts(fig, "total-header:").items()}
    assert headers == {"disagree": "Eri mieltä yht.", "agree": "Samaa mieltä yht."}
    assert (
        texts(fig, "side-header:")["dont_know|not_applicable"]
        .get_text()
        .startswith("En osaa sanoa")
    )
    fig = likert_bars(small, ["gw1"], codebook=book, min_n=0, show_totals=False)
    assert not texts(fig, "total-header:")


def test_labels_come_from_the_codebook_in_the_requested_language(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, lang="fi", by="country", wrap_width=0)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    for item in ITEMS:
        assert book.item_text(item, "fi") in ticks
    assert any(t.startswith("Suomi (n = ") for t in ticks)
    assert "Viro" in " ".join(ticks)  # Estonia in Finnish
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == list(book.value_labels("agree5", "fi").values())
    assert fig.axes[0].get_xlabel() == "Osuus vastauksista"


def test_suppressed_bars_are_not_drawn(small, book):
    fig = likert_bars(small, ["gw1"], codebook=book, by="country", min_n=4)
    drawn = segments(fig)
    assert drawn and all("|LV|" not in key for key in drawn)
    assert all("|FI|" in key for key in drawn)
    notes = texts(fig, "suppressed:")
    assert list(notes) == ["|gw1|LV"]
    assert notes["|gw1|LV"].get_text() == "n < 4"
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Latvia" in ticks  # its row is there, without its n
    assert not any("LV" in key for key in texts(fig, "pct:"))


def test_percentage_labels_hide_below_threshold(survey, book):
    threshold = 0.1
    fig = likert_bars(survey, ITEMS, codebook=book, by="country", label_threshold=threshold)
    labels = texts(fig, "pct:")
    shares = likert_shares(survey, ITEMS, by="country", codebook=book)
    shares = shares[shares["kind"] == "answer"]
    for row in shares.itertuples():
        key = f"|{row.item}|{row.country}|{row.category}"
        if row.share >= threshold:
            assert labels[key].get_text() == f"{row.share * 100:.0f}%"
        else:
            assert key not in labels
    assert (shares["share"] < threshold).any() and (shares["share"] >= threshold).any()


def test_items_sorted_by_agreement(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, wrap_width=0, show_n=False)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    shares = likert_shares(survey, ITEMS, codebook=book)
    agree = shares[shares["category"].isin(["4", "5"])].groupby("item")["share"].sum()
    expected = [book.item_text(item) for item in agree.sort_values(ascending=False).index]
    assert ticks == expected


def test_facets_share_one_x_axis(survey, book):
    fig = likert_bars(survey, ITEMS[:1], codebook=book, facet="group", by="country")
    mains = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in mains] == [
        book.group_label(g) for g in ("student", "teacher", "workplace_trainer")
    ]
    assert len({ax.get_xlim() for ax in mains}) == 1
    assert mains[0].get_shared_x_axes().joined(mains[0], mains[-1])


def test_chart_rejects_bad_arguments(survey, book):
    with pytest.raises(ValueError, match=r"`center` must be one of 'neutral', 'between'"):
        likert_bars(survey, ITEMS, codebook=book, center="middle")
    with pytest.raises(ValueError, match=r"`ax` draws one panel"):
        import matplotlib.pyplot as plt

        likert_bars(survey, ITEMS, codebook=book, facet="group", ax=plt.gca())
    with pytest.raises(ValueError, match=r"`lang` must be one of"):
        likert_bars(survey, ITEMS, codebook=book, lang="sv")


def test_chart_draws_into_a_given_axes(small, book):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    returned = likert_bars(small, ["gw1", "gw2"], codebook=book, ax=ax, min_n=0)
    assert returned is fig
    assert any((p.get_gid() or "").startswith("likert:") for p in ax.patches)


def test_totals_are_the_disagreeing_and_agreeing_shares(survey, book):
    fig = likert_bars(survey, ITEMS, codebook=book, by="country")
    totals = texts(fig, "total:")
    shares = likert_shares(survey, ITEMS, by="country", codebook=book).set_index(
        ["item", "country", "category"]
    )["share"]
    for item in ITEMS:
        for country in ("FI", "EE", "LV", "NL"):
            disagree = shares[(item, country, "1")] + shares[(item, country, "2")]
            agree = shares[(item, country, "4")] + shares[(item, country, "5")]
            assert totals[f"|{item}|{country}|disagree"].get_text() == f"{disagree * 100:.0f}%"
            assert totals[f"|{item}|{country}|agree"].get_text() == f"{agree * 100:.0f}%"
    fig = likert_bars(survey, ITEMS, codebook=book, show_totals=False)
    assert not texts(fig, "total:")


def test_response_scale_comes_from_the_codebook(survey, book):
    data = survey.assign(age_band=1)
    with pytest.raises(
        ArgumentError,
        match=r"\['age_band'\] are not items of the codebook.*"
        r"Pass labels=\[\.\.\.\]",
    ):
        likert_bars(data, ["gw1", "age_band"], codebook=book)


# ----------------------------------------------------------------------------- any data

SIX = [
    "Very inaccurate",
    "Moderately inaccurate",
    "Slightly inaccurate",
    "Slightly accurate",
    "Moderately accurate",
    "Very accurate",
]


@pytest.fixture
def six_point(rng):
    """bfi-like items on a 6-point scale, 9 = don't know, by gender; no codebook items."""
    n = 60
    frame = pd.DataFrame({item: rng.integers(1, 7, n).astype(float) for item in ("A2", "A3", "A4")})
    frame.loc[[3, 17], "A3"] = 9
    frame.loc[5, "A4"] = np.nan
    frame["gender"] = np.where(np.arange(n) % 3 == 0, "male", "female")
    return frame


def test_six_point_scale_by_gender_with_labels(six_point, book):
    items = ["A2", "A3", "A4"]
    fig = likert_bars(
        six_point, items, by="gender", labels=SIX, missing_codes=[9], codebook=book, sort=None
    )
    drawn = segments(fig)
    shares = likert_shares(
        six_point, items, by="gender", labels=SIX, missing_codes=[9], codebook=book
    )
    answers = shares[shares["kind"] == "answer"]
    assert sorted(answers["category"].unique()) == ["1", "2", "3", "4", "5", "6"]
    on_main = {key: patch for key, patch in drawn.items() if not key.endswith("dont_know")}
    assert len(on_main) == len(answers) == 3 * 2 * 6
    for row in answers.itertuples():
        bar = f"|{row.item}|{row.gender}|"
        assert drawn[bar + row.category].get_width() == pytest.approx(row.share, abs=1e-12)
        # even k: zero lies between the third and the fourth category
        right_of_3 = drawn[bar + "3"].get_x() + drawn[bar + "3"].get_width()
        assert right_of_3 == pytest.approx(0.0, abs=1e-12)
        assert drawn[bar + "4"].get_x() == pytest.approx(0.0, abs=1e-12)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "A3" in ticks and any(t.startswith("female (n = ") for t in ticks)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [*SIX, "Don't know"]


def test_dont_know_codes_are_counted_and_drawn_apart(six_point, book):
    table = likert_shares(six_point, ["A3"], labels=SIX, missing_codes=[9], codebook=book)
    table = table.set_index("category")
    assert table.loc["dont_know", ["code", "count", "n_total"]].tolist() == [9, 2, 60]
    assert table.loc["1", "n"] == 58
    assert table.loc[[str(c) for c in range(1, 7)], "share"].sum() == pytest.approx(1.0)
    fig = likert_bars(six_point, ["A3"], labels=SIX, missing_codes=[9], lang="fi")
    side = next(ax for ax in fig.axes if (ax.get_gid() or "") == "likert-side:dont_know")
    assert [p.get_width() for p in side.patches] == pytest.approx([2 / 60], abs=1e-12)
    assert [t.get_text() for t in fig.legends[0].get_texts()][-1] == "En osaa sanoa"


def test_labelled_missing_codes_stay_apart(six_point):
    data = six_point.assign(A2=six_point["A2"].where(six_point.index != 0, 8))
    codes = {8: "Refused", 9: "No opinion"}
    fig = likert_bars(data, ["A2", "A3"], labels=SIX, missing_codes=codes)
    side = next(ax for ax in fig.axes if (ax.get_gid() or "").startswith("likert-side:"))
    assert side.get_gid() == "likert-side:Refused|No opinion"
    assert [t.get_text() for t in fig.legends[0].get_texts()][-2:] == ["Refused", "No opinion"]


def test_a_response_scale_object_equals_labels(six_point):
    scale = ResponseScale(SIX, missing=[9])
    from_object = likert_shares(six_point, ["A3"], response_scale=scale)
    from_labels = likert_shares(six_point, ["A3"], labels=SIX, missing_codes=[9])
    pd.testing.assert_frame_equal(from_object, from_labels)


def test_codes_from_zero_and_an_eleven_point_scale(rng):
    frame = pd.DataFrame({"nps": rng.integers(0, 11, 40).astype(float)})
    labels = {code: str(code) for code in range(11)}
    fig = likert_bars(frame, ["nps"], labels=labels, center="between", min_n=0)
    drawn = segments(fig)
    assert drawn["|nps||4"].get_x() + drawn["|nps||4"].get_width() == pytest.approx(0.0)
    side = next(ax for ax in fig.axes if (ax.get_gid() or "") == "likert-side:5")
    assert len(side.patches) == 1  # the middle category (5) drawn apart
    shares = likert_shares(frame, ["nps"], labels=labels, min_n=0).set_index("category")
    assert shares.loc["0", "count"] == (frame["nps"] == 0).sum()


def test_codebook_missing_codes_in_the_data_count_as_their_reason(small, book):
    coded = small.drop(columns="gw1__missing").assign(gw1=[1, 3, 5, 5, 8, 2, 9, 4])
    from_codes = likert_shares(coded, ["gw1"], by="country", codebook=book, min_n=0)
    from_reasons = likert_shares(small, ["gw1"], by="country", codebook=book, min_n=0)
    pd.testing.assert_frame_equal(from_codes, from_reasons)


def test_what_cannot_be_drawn_is_refused_with_the_fix(six_point):
    with pytest.raises(
        InputError,
        match=r"codes \[6.0\] \(first in row 1\) outside the answer codes \[1, 2, 3, 4, 5\]"
        r".*Give every code a label",
    ):
        likert_bars(six_point, ["A2"], labels=SIX[:5], missing_codes=[9])
    with pytest.raises(ValueError, match=r"codes \[2.5\] \(first in row 0\) outside"):
        likert_shares(six_point.assign(A2=2.5), ["A2"], labels=SIX)
    with pytest.raises(ArgumentError, match=r"`labels` gives 12 answer categories; .* 2 to 11"):
        likert_bars(six_point, ["A2"], labels=[str(i) for i in range(12)])
    with pytest.raises(ArgumentError, match=r"`labels` gives 1 answer categories"):
        likert_bars(six_point, ["A2"], labels=["agree"])
    with pytest.raises(ArgumentError, match=r"`labels` repeats a label"):
        likert_bars(six_point, ["A2"], labels=["a", "b", "a"])
    with pytest.raises(ArgumentError, match=r"`labels` codes must be whole numbers; got 1.5"):
        likert_bars(six_point, ["A2"], labels={1.5: "a", 2: "b"})
    with pytest.raises(ArgumentError, match=r"`missing` codes \[6\] are also answer codes"):
        likert_bars(six_point, ["A2"], labels=SIX, missing_codes=[6, 9])
    with pytest.raises(ArgumentError, match=r"`labels` / `missing_codes` and `response_scale`"):
        likert_bars(six_point, ["A2"], labels=SIX, response_scale="agree5")
    with pytest.raises(ArgumentError, match=r"`missing_codes` goes with `labels`"):
        likert_bars(six_point, ["A2"], missing_codes=[9])
    with pytest.raises(ArgumentError, match=r"`labels` must be a list of answer labels"):
        likert_bars(six_point, ["A2"], labels="agree")
    with pytest.raises(ArgumentError, match=r"`response_scale` must be the name of a codebook"):
        likert_bars(six_point, ["A2"], response_scale=SIX)


def test_item_labels_replace_column_names(six_point):
    texts = {"A2": "Inquire about others' well-being", "A3": "Know how to comfort others"}
    fig = likert_bars(
        six_point, ["A2", "A3"], labels=SIX, missing_codes=[9], item_labels=texts, sort=None
    )
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert [tick.split(" (n = ")[0] for tick in ticks] == list(texts.values())
    with pytest.raises(ArgumentError, match=r"`item_labels` must be a dict \{column: text\}"):
        likert_bars(six_point, ["A2"], labels=SIX, missing_codes=[9], item_labels=["x"])

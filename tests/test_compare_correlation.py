"""corr_test against psych::corr.test (tests/reference/compare_corr_test.R)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.compare import corr_test
from techvet_survey.errors import ArgumentError

BFI = Path(__file__).parent / "reference" / "data" / "reliability_bfi.csv"
# psych 2.2.9: r, n, t, raw p, Holm-adjusted p, Fisher CI (lower, upper)
PSYCH = [
    ("A1", "A2", -0.340193247923751, 2757, -18.9886635977212, 1.17119248332925e-75,
     7.02715489997548e-75, -0.372789510319004, -0.306758417234972),
    ("A1", "A3", -0.265247052442104, 2759, -14.4447694299843, 1.20366985915398e-45,
     3.61100957746194e-45, -0.299598562369098, -0.230208706082837),
    ("A1", "A4", -0.146424511345907, 2767, -7.78336956792435, 9.89982808442545e-15,
     9.89982808442545e-15, -0.182690721519901, -0.109760377306449),
    ("A1", "A5", -0.181438268467912, 2769, -9.70514965162533, 6.38270918670862e-22,
     1.27654183734172e-21, -0.217219739070824, -0.145169849142113),
    ("A2", "A3", 0.485098038519036, 2751, 29.0855347655667, 2.18162247459803e-162,
     1.96346022713823e-161, 0.455993378227649, 0.513166228685947),
    ("A2", "A4", 0.335087207832391, 2758, 18.670686800882, 2.38442833573488e-73,
     1.19221416786744e-72, 0.301534646866021, 0.367810870771363),
    ("A2", "A5", 0.390083584300781, 2757, 22.2363170422997, 6.89505942358093e-101,
     5.51604753886474e-100, 0.357965753448523, 0.421279439329276),
    ("A3", "A4", 0.360428298573295, 2759, 20.2887278373889, 2.06075216975455e-85,
     1.44252651882819e-84, 0.327516424629401, 0.392466586074032),
    ("A3", "A5", 0.504141144146242, 2758, 30.6456203291251, 9.67949013909162e-178,
     9.67949013909162e-177, 0.475769669682052, 0.531464637153537),
    ("A4", "A5", 0.307537264525875, 2765, 16.9888095788587, 1.20437759349533e-61,
     4.8175103739813e-61, 0.273394952360712, 0.340905640318866),
]  # fmt: skip


def test_corr_test_matches_psych_with_pairwise_missing():
    result = corr_test(pd.read_csv(BFI), ["A1", "A2", "A3", "A4", "A5"])
    expected = pd.DataFrame(
        PSYCH,
        columns=["item_1", "item_2", "r", "n", "t", "p_val", "p_adj", "ci_low", "ci_high"],
    )
    assert result[["item_1", "item_2"]].equals(expected[["item_1", "item_2"]])
    assert result["n"].tolist() == expected["n"].tolist()
    assert (result["df"] == result["n"] - 2).all()
    for column in ("r", "t", "ci_low", "ci_high"):
        np.testing.assert_allclose(result[column], expected[column], rtol=1e-9)
    for column in ("p_val", "p_adj"):
        np.testing.assert_allclose(result[column], expected[column], rtol=1e-6)


def test_spearman_is_pearson_of_ranks_and_constant_items_give_nan():
    frame = pd.DataFrame({"a": [1, 2, 3, 4, 10], "b": [1, 3, 2, 5, 4], "c": [3, 3, 3, 3, 3]})
    result = corr_test(frame, ["a", "b", "c"], method="spearman", p_adjust="none")
    assert result.loc[0, "r"] == pytest.approx(0.8)  # rho of the ranks
    assert result.loc[1:, "r"].isna().all() and result.loc[1:, "p_val"].isna().all()


def test_corr_test_names_bad_arguments():
    frame = pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]})
    with pytest.raises(ValueError, match="`method` must be one of"):
        corr_test(frame, ["a", "b"], method="kendall")
    with pytest.raises(ArgumentError, match="`ci` must be a confidence level"):
        corr_test(frame, ["a", "b"], ci=95)

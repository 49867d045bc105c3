"""How often compare_all recovers the planted truth of the synthetic study (run by hand).

    python benchmarks/recovery_rate.py [--seeds 50] [--scale 1.0] [--files]

For each seed: the planted survey model of that seed (`survey_design`), respondents
simulated cell by cell as the generator does (genuine respondents, cleaned values; with
``--files`` the whole study is written and cleaned instead, much slower), then
compare_all. Reports per scale how often the country difference is significant
(adjusted p < .05) in three families: the six scales by country and group (Holm, the
confirmatory family of compare_all and tests/test_recovery.py), scales and items by
country and group in one Holm family (compare_all's default before the item tests became
a family of their own) and the same with Benjamini-Hochberg; how often dg (no
planted difference) is flagged; how often the partial-invariance search frees exactly
cg2 in LV; and how often the latent means put the countries in the planted order.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

from techvet_survey.analysis import compare_all
from techvet_survey.cleaning import clean_study
from techvet_survey.codebook import Codebook
from techvet_survey.synth import _design as design
from techvet_survey.synth import generate_study, survey_design
from techvet_survey.synth._pii import PiiFactory
from techvet_survey.synth._survey import clean_values, simulate_cell

FAMILIES = ("scales, Holm", "scales+items, one Holm", "scales+items, BH")
SCALES = ("gw", "cg", "co", "sa", "dg", "af")


def simulated_survey(book: Codebook, seed: int, scale: float) -> tuple[pd.DataFrame, dict]:
    planted = survey_design(book, seed)
    rng = np.random.default_rng(seed)
    frames = [
        simulate_cell(planted, country, group, max(1, round(size * scale)), rng, PiiFactory(), "en")
        for country in design.COUNTRIES
        for group, size in design.GROUP_SIZES.items()
    ]
    truth = {
        "factor_mean": {s: dict(c) for s, c in design.COUNTRY_EFFECTS.items()},
        "non_invariant": design.NON_INVARIANT,
    }
    return clean_values(pd.concat(frames, ignore_index=True), planted), truth


def study_survey(book: Codebook, seed: int, scale: float) -> tuple[pd.DataFrame, dict]:
    with tempfile.TemporaryDirectory() as folder:
        truth = json.loads(generate_study(folder, scale=scale, seed=seed).read_text())
        survey = clean_study(Path(folder), book).survey
    factor = {
        s: {c: entry["factor_mean"] for c, entry in spec["countries"].items()}
        for s, spec in truth["survey"]["scales"].items()
    }
    return survey, {"factor_mean": factor, "non_invariant": truth["survey"]["non_invariant"]}


def latent_order_right(result, factor_mean) -> bool:
    for scale, means in factor_mean.items():
        estimate = result.latent_means[result.latent_means["scale"] == scale].set_index("group")
        for a, b in itertools.combinations(means, 2):
            wrong = (estimate.loc[a, "est"] > estimate.loc[b, "est"]) != (means[a] > means[b])
            if abs(means[a] - means[b]) >= 0.25 and wrong:
                return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--files", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    book = Codebook.load()
    found = {family: Counter() for family in FAMILIES}
    freed_right = order_right = 0
    start = time.perf_counter()
    for seed in range(1, args.seeds + 1):
        make = study_survey if args.files else simulated_survey
        survey, truth = make(book, seed, args.scale)
        confirmatory = compare_all(survey, book, items=False)
        full = compare_all(survey, book, items=True, invariance_group=None)
        families = {
            "scales, Holm": confirmatory.omnibus,
            "scales+items, one Holm": full.omnibus.assign(
                p_adj=multipletests(full.omnibus["p_val"], method="holm")[1]
            ),
            "scales+items, BH": full.omnibus.assign(
                p_adj=multipletests(full.omnibus["p_val"], method="fdr_bh")[1]
            ),
        }
        for family, omnibus in families.items():
            by_country = omnibus[omnibus["by"] == "country"].set_index("value")
            for scale in SCALES:
                found[family][scale] += bool(by_country.loc[scale, "p_adj"] < 0.05)
        cg = confirmatory.freed_intercepts
        cg = cg[cg["scale"] == "cg"][["item", "group"]].values.tolist()
        planted = truth["non_invariant"]
        freed_right += cg == [[planted["item"], planted["country"]]]
        order_right += latent_order_right(confirmatory, truth["factor_mean"])
        print(f"seed {seed}: {time.perf_counter() - start:.0f} s", flush=True)
    n = args.seeds
    print(f"\n{n} seeds, scale {args.scale}, {'files' if args.files else 'simulated cells'}")
    print(f"{'family':<22}" + "".join(f"{s:>7}" for s in ("gw", "cg", "co", "sa", "af", "dg*")))
    for family, counts in found.items():
        rates = [counts[s] / n for s in ("gw", "cg", "co", "sa", "af", "dg")]
        print(f"{family:<22}" + "".join(f"{rate:7.2f}" for rate in rates))
    print("* dg: no planted difference, the rate is the false-positive rate")
    print(f"cg2 in LV (and only it) freed for cg: {freed_right / n:.2f}")
    print(f"latent means in the planted order (gaps >= 0.25): {order_right / n:.2f}")


if __name__ == "__main__":
    main()

"""The synthetic NextSteps@TechVET study, with planted truth.

:func:`generate_study` writes the raw exports each partner's tool would produce (with the
mess of real exports) and ``truth/``: ``truth.json`` (every planted parameter, every
planted problem row, the population reliabilities and expected means computed from the
model, the themes planted in the open answers by country and group),
``truth_survey.csv`` (the clean values of every respondent a correct cleaning keeps) and
``truth_test.csv`` (abilities and chosen options of the test takers).

Same seed, same bytes: every file is reproducible.

Examples
--------
>>> import tempfile, json, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> truth_path = generate_study(out, scale=0.2, seed=7)
>>> truth = json.loads(truth_path.read_text())
>>> sorted(truth["files"])[:3]
['interviews/interviews.qdpx', 'interviews/segments_coder_A.csv', 'interviews/segments_coder_B.csv']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from techvet_survey._files import json_bytes
from techvet_survey.codebook import Codebook
from techvet_survey.interviews import write_qdpx
from techvet_survey.synth import _design as design
from techvet_survey.synth._assessment import simulate_test, write_lms_export
from techvet_survey.synth._exports import (
    write_limesurvey,
    write_msforms,
    write_spss,
    write_webropol,
)
from techvet_survey.synth._interviews import (
    code_prevalences,
    expected_kappa,
    simulate_interviews,
)
from techvet_survey.synth._mess import add_mess
from techvet_survey.synth._open_answers import (
    COUNTRY_THEME,
    plant_open_answers,
    planted_theme_counts,
    theme_lemmas,
)
from techvet_survey.synth._pii import PiiFactory
from techvet_survey.synth._survey import clean_values, simulate_cell

__all__ = ["DEFAULT_SEED", "generate_study", "survey_design", "write_large_limesurvey"]

DEFAULT_SEED = 20261128
FIELD_START = pd.Timestamp("2026-03-02 08:00:00")
SURVEY_LANGUAGE = {"FI": "fi", "EE": "et", "LV": "lv", "NL": "nl"}
FILES = {
    "FI": {group: f"survey/FI_webropol_{group}.xlsx" for group in design.GROUPS},
    "EE": "survey/EE_limesurvey_results.csv",
    "LV": "survey/LV_survey.sav",
    "NL": "survey/NL_msforms_export.xlsx",
}
TEST_FILE = "test/learning_ambassador_quiz_responses.csv"
TRUTH_COLUMNS = [
    "country",
    "group",
    "language",
    "gender",
    "age_band",
    "field",
    "experience_years",
    "prior_training",
]


def survey_design(book: Codebook, seed: int = DEFAULT_SEED) -> design.SurveyDesign:
    """The planted item parameters of the survey scales for `seed`."""
    scales = {scale: book.scale_items(scale) for scale in book.scales["scale"]}
    reverse = dict(zip(book.items["item"], book.items["reverse"], strict=True))
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    return design.SurveyDesign.draw(scales, reverse, rng)


def _streams(seed: int, count: int) -> list[np.random.Generator]:
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(count)]


def _cells(survey, country, scale, rng, pii, open_rng):
    """Genuine respondents of one country, all groups, with their planted open answers."""
    frames = []
    for group, size in design.GROUP_SIZES.items():
        n = max(1, round(size * scale))
        language = SURVEY_LANGUAGE[country]
        frame = simulate_cell(survey, country, group, n, rng, pii, language)
        if country == "EE":
            frame["language"] = np.where(rng.random(n) < 0.15, "en", "et")
        frames.append(plant_open_answers(frame, open_rng))
    return frames


def _write_surveys(book, survey, out, scale, rng_by_country, open_rngs):
    """Write the four countries' exports; return per-file truth, the kept clean rows and
    the planted open-answer counts of the kept respondents."""
    pii = PiiFactory()
    likert = book.items["item"].tolist()
    records, kept, open_truth = {}, [], {}

    def finish(name, frame, extra=None):
        reasons = {
            reason: frame.loc[frame["planted_reason"] == reason, "source_id"].astype(int).tolist()
            for reason in (
                "blank",
                "test_submission",
                "duplicate",
                "incomplete",
                "speeder",
                "straight_lining",
            )
        }
        planted_pii = sorted({text for found in frame["planted_pii"].dropna() for text in found})
        records[name] = {
            "rows": len(frame),
            "excluded": reasons,
            "pii": planted_pii,
            **(extra or {}),
        }
        genuine = clean_values(frame.loc[frame["planted_reason"] == ""], survey)
        for country, groups in planted_theme_counts(genuine).items():
            open_truth.setdefault(country, {}).update(groups)
        genuine = genuine.assign(file=name)
        kept.append(genuine)

    rng = rng_by_country["FI"]
    for frame in _cells(survey, "FI", scale, rng, pii, open_rngs["FI"]):
        group = frame["group"].iloc[0]
        messy = add_mess(frame, likert, field_start=FIELD_START, n_blank=2, rng=rng)
        write_webropol(messy, book, out / FILES["FI"][group], group, rng)
        finish(FILES["FI"][group], messy)

    def country_export(country, n_blank):
        rng = rng_by_country[country]
        frame = pd.concat(_cells(survey, country, scale, rng, pii, open_rngs[country]))
        return add_mess(frame, likert, field_start=FIELD_START, n_blank=n_blank, rng=rng), rng

    messy, rng = country_export("EE", n_blank=0)
    write_limesurvey(messy, book, out / FILES["EE"], rng)
    finish(FILES["EE"], messy)
    messy, rng = country_export("LV", n_blank=0)
    out_of_range = write_spss(messy, book, out / FILES["LV"], rng)
    for record in out_of_range:
        row = messy.index[messy["source_id"] == record["source_id"]]
        messy.loc[row, record["item"]] = np.nan
    finish(FILES["LV"], messy, {"out_of_range": out_of_range})
    messy, rng = country_export("NL", n_blank=1)
    identity_pii = write_msforms(messy, book, out / FILES["NL"], rng)
    finish(FILES["NL"], messy)
    records[FILES["NL"]]["pii"] = sorted(set(records[FILES["NL"]]["pii"]) | set(identity_pii))
    clean = pd.concat(kept, ignore_index=True)
    channels = [column for column in clean.columns if column.startswith("channels_")]
    columns = ["file", "source_id", *TRUTH_COLUMNS, *likert, *channels]
    return records, clean[columns], open_truth


def _population(book, survey, scale) -> dict:
    """Population reliability and expected means of each scale, from the model."""
    sizes = {group: max(1, round(size * scale)) for group, size in design.GROUP_SIZES.items()}
    result = {}
    for scale_id in survey.scales:

        def cells(countries, scale_id=scale_id):
            return [
                (
                    sizes[group],
                    country,
                    design.COUNTRY_EFFECTS[scale_id][country] + design.GROUP_EFFECTS[group],
                )
                for country in countries
                for group in design.GROUPS
            ]

        pooled = cells(design.COUNTRIES)
        total = sum(weight for weight, _, _ in pooled)
        _, covariance = design.population_item_moments(
            survey, scale_id, [(w / total, c, m) for w, c, m in pooled]
        )
        by_country = {}
        for country in design.COUNTRIES:
            own = cells([country])
            weight = sum(w for w, _, _ in own)
            means, _ = design.population_item_moments(
                survey, scale_id, [(w / weight, c, m) for w, c, m in own]
            )
            by_country[country] = {
                "factor_mean": design.COUNTRY_EFFECTS[scale_id][country],
                "expected_scale_mean": float(means.mean()),
                "expected_item_means": dict(
                    zip(survey.scales[scale_id], means.tolist(), strict=True)
                ),
            }
        result[scale_id] = {
            "population_alpha": design.alpha_from_covariance(covariance),
            "countries": by_country,
            "country_difference_planted": len(set(design.COUNTRY_EFFECTS[scale_id].values())) > 1,
        }
    return result


def _write_test(book, out, scale, rng):
    test = design.TestDesign.draw(book.test_items["item"].tolist(), rng)
    takers = {language: max(2, round(n * scale)) for language, n in design.TEST_TAKERS.items()}
    responses = simulate_test(book, test, takers, rng)
    pii = write_lms_export(responses, book, out / TEST_FILE, FIELD_START, rng)
    truth = {
        "rows": len(responses),
        "pii": sorted(set(pii)),
        "items": {
            item: {"slope": float(a), "difficulty": float(b)}
            for item, a, b in zip(test.items, test.slopes, test.difficulties, strict=True)
        },
        "guessing": test.guessing,
        "dif": design.DIF,
        "takers": takers,
        "population_reliability": test.population_reliability(takers),
        "cut_score": book.cut_score,
    }
    return truth, responses


def _write_interviews(book, out, rng):
    prevalences = code_prevalences(book, rng)
    documents, segments, pii = simulate_interviews(book, prevalences, design.N_INTERVIEWS, rng)
    folder = out / "interviews"
    folder.mkdir(parents=True, exist_ok=True)
    for coder, own in segments.groupby("coder"):
        own.drop(columns="coder").assign(coder=coder)[
            ["document", "coder", "code", "start", "end", "text"]
        ].to_csv(folder / f"segments_coder_{coder}.csv", index=False, lineterminator="\n")
    documents.to_csv(folder / "documents.csv", index=False, lineterminator="\n")
    write_qdpx(segments, documents, book.interview_codes, folder / "interviews.qdpx")
    pooled = prevalences.groupby("code")["prevalence"].mean().to_numpy()
    truth = {
        "documents": len(documents),
        "segments": int((segments["coder"] == "A").sum()),
        "double_coded_documents": int(segments.loc[segments["coder"] == "B", "document"].nunique()),
        "coder_agreement": design.CODER_AGREEMENT,
        "expected_kappa_pooled": expected_kappa(pooled, design.CODER_AGREEMENT),
        "prevalences": {
            country: dict(zip(group["code"], group["prevalence"].tolist(), strict=True))
            for country, group in prevalences.groupby("country")
        },
        "pii": sorted(set(pii)),
    }
    files = {
        f"interviews/segments_coder_{coder}.csv": {"rows": int((segments["coder"] == coder).sum())}
        for coder in sorted(segments["coder"].unique())
    }
    files["interviews/interviews.qdpx"] = {"rows": len(segments)}
    return truth, files


def generate_study(
    out_dir: str | Path,
    *,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    codebook: Codebook | None = None,
) -> Path:
    """Write the synthetic study into `out_dir`; return the path of ``truth/truth.json``.

    Parameters
    ----------
    out_dir : str or Path
        Target folder (created); existing files of the same names are replaced.
    scale : float
        Multiplies every sample size (respondents, test takers); 1 mirrors the real study
        (about 580 survey respondents, 150 test takers, 40 interviews).
    seed : int
        Makes every file reproducible byte for byte.
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.
    """
    if not scale > 0:
        raise ValueError(f"`scale` must be positive; got {scale!r}.")
    book = codebook or Codebook.load()
    out = Path(out_dir)
    for folder in ("survey", "test", "interviews", "truth"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    survey = survey_design(book, seed)
    streams = _streams(seed, 6)
    by_country = dict(zip(design.COUNTRIES, streams[:4], strict=True))
    open_rngs = {
        country: np.random.default_rng(np.random.SeedSequence([seed, 3, number]))
        for number, country in enumerate(design.COUNTRIES)
    }
    survey_files, clean, open_truth = _write_surveys(
        book, survey, out, scale, by_country, open_rngs
    )
    test_truth, responses = _write_test(book, out, scale, streams[4])
    interview_truth, interview_files = _write_interviews(book, out, streams[5])
    truth = {
        "seed": seed,
        "scale": scale,
        "field_start": str(FIELD_START),
        "files": {**survey_files, TEST_FILE: {"rows": test_truth["rows"]}, **interview_files},
        "survey": {
            "scales": _population(book, survey, scale),
            "loadings": survey.loadings,
            "intercepts": survey.intercepts,
            "group_effects": design.GROUP_EFFECTS,
            "non_invariant": design.NON_INVARIANT,
            "dont_know_rate": 0.03,
            "not_applicable_rate": 0.01,
        },
        "test": test_truth,
        "interviews": interview_truth,
        "open_answers": {
            "question": "open_guidance",
            "counts": open_truth,
            "lemmas": theme_lemmas(),
            "country_theme": COUNTRY_THEME,
        },
    }
    (out / "truth" / "truth.json").write_bytes(json_bytes(truth, sort_keys=True))
    clean.to_csv(out / "truth" / "truth_survey.csv", index=False, lineterminator="\n")
    responses.to_csv(out / "truth" / "truth_test.csv", index=False, lineterminator="\n")
    return out / "truth" / "truth.json"


def write_large_limesurvey(
    path: str | Path,
    n_respondents: int,
    *,
    seed: int = DEFAULT_SEED,
    chunk_size: int = 100_000,
    codebook: Codebook | None = None,
) -> Path:
    """Stream a LimeSurvey export of `n_respondents` (national scale) in bounded memory.

    Respondents are spread over the four countries and three groups in the study's
    proportions; the file carries the same planted mess as the study's export.
    """
    book = codebook or Codebook.load()
    survey = survey_design(book, seed)
    likert = book.items["item"].tolist()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 2]))
    pii = PiiFactory()
    shares = np.array(list(design.GROUP_SIZES.values()), dtype=float)
    shares /= shares.sum() * len(design.COUNTRIES)
    path = Path(path)
    written, next_id, first = 0, 0, True
    while written < n_respondents:
        size = min(chunk_size, n_respondents - written)
        frames = [
            simulate_cell(
                survey,
                country,
                group,
                max(1, round(size * share)),
                rng,
                pii,
                SURVEY_LANGUAGE[country],
            )
            for country in design.COUNTRIES
            for group, share in zip(design.GROUP_SIZES, shares, strict=True)
        ]
        messy = add_mess(pd.concat(frames), likert, field_start=FIELD_START, n_blank=0, rng=rng)
        messy["source_id"] += next_id
        write_limesurvey(messy, book, path, rng, append=not first)
        written += size
        next_id += len(messy)
        first = False
    return path

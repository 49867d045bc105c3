"""Open answers with planted themes: what respondents raise, by country and group.

Each answered open question carries one or two themes, written as short real sentences
in the language the respondent answered in. Every theme is an interview code of the
codebook, so coders can code the answers with the interviews' code list, and each has a
key lemma per language that the frequent-terms analysis must find. Which theme a
respondent raises depends on the country (one theme dominates in each) and the group.
Some answers are refusals ("No comment."); personal data planted by
:class:`~techvet_survey.synth._pii.PiiFactory` follows the themed sentences.
"""

from __future__ import annotations

import pandas as pd

from techvet_survey.synth._pii import render_tail

THEMES = {
    "guidance_time": {
        "lemma": {"en": "time", "fi": "aika", "et": "aeg", "lv": "laiks", "nl": "tijd"},
        "en": [
            "Trainers need more time for guidance.",
            "There is too little time for guidance during the working day.",
        ],
        "fi": [
            "Työpaikkaohjaajilla pitäisi olla enemmän aikaa ohjaukseen.",
            "Ohjaukseen ei ole tarpeeksi aikaa työpäivän aikana.",
        ],
        "et": [
            "Juhendajal peaks olema rohkem aega juhendamiseks.",
            "Tööpäeva jooksul ei jätku juhendamiseks aega.",
        ],
        "lv": [
            "Prakses vadītājam vajag vairāk laika vadīšanai.",
            "Darba dienā trūkst laika vadīšanai.",
        ],
        "nl": [
            "De praktijkopleider moet meer tijd hebben voor begeleiding.",
            "Er is te weinig tijd voor begeleiding op de werkdag.",
        ],
    },
    "feedback_practice": {
        "lemma": {
            "en": "feedback",
            "fi": "palaute",
            "et": "tagasiside",
            "lv": "saite",
            "nl": "feedback",
        },
        "en": [
            "I would like more feedback on my work.",
            "Feedback should be given regularly, not only about mistakes.",
        ],
        "fi": [
            "Haluaisin enemmän palautetta työstäni.",
            "Palautetta pitäisi antaa säännöllisesti eikä vain virheistä.",
        ],
        "et": [
            "Sooviksin oma töö kohta rohkem tagasisidet.",
            "Tagasisidet peaks andma regulaarselt, mitte ainult vigade kohta.",
        ],
        "lv": [
            "Es vēlētos vairāk atgriezeniskās saites par savu darbu.",
            "Atgriezeniskā saite jāsniedz regulāri, ne tikai par kļūdām.",
        ],
        "nl": [
            "Ik wil graag meer feedback op mijn werk.",
            "Feedback moet regelmatig gegeven worden, niet alleen over fouten.",
        ],
    },
    "school_contact": {
        "lemma": {
            "en": "contact",
            "fi": "yhteys",
            "et": "ühendus",
            "lv": "saziņa",
            "nl": "contact",
        },
        "en": [
            "The school should keep in contact with the workplace more often.",
            "Regular contact between the teacher and the company is needed.",
        ],
        "fi": [
            "Opettajan pitäisi pitää yhteyttä työpaikkaan useammin.",
            "Oppilaitoksen ja yrityksen välillä tarvitaan säännöllinen yhteys.",
        ],
        "et": [
            "Õpetaja peaks töökohaga sagedamini ühendust võtma.",
            "Kooli ja ettevõtte vahel on vaja regulaarset ühendust.",
        ],
        "lv": [
            "Skolai un uzņēmumam vajadzīga biežāka saziņa.",
            "Saziņa starp skolotāju un darba vietu ir pārāk reta.",
        ],
        "nl": [
            "De school moet vaker contact opnemen met het bedrijf.",
            "Er is meer contact nodig tussen de docent en het leerbedrijf.",
        ],
    },
    "trainer_training": {
        "lemma": {
            "en": "train",
            "fi": "koulutus",
            "et": "koolitus",
            "lv": "apmācība",
            "nl": "training",
        },
        "en": [
            "Workplace trainers need training in guiding students.",
            "Training for trainers should be offered every year.",
        ],
        "fi": [
            "Työpaikkaohjaajat tarvitsevat koulutusta opiskelijoiden ohjaamiseen.",
            "Työpaikkaohjaajille pitäisi järjestää koulutusta joka vuosi.",
        ],
        "et": [
            "Praktikajuhendajad vajavad koolitust õppijate juhendamiseks.",
            "Juhendajatele peaks igal aastal koolitust pakkuma.",
        ],
        "lv": [
            "Prakses vadītājiem vajag apmācību audzēkņu vadīšanā.",
            "Prakses vadītājiem katru gadu jāpiedāvā apmācība.",
        ],
        "nl": [
            "Praktijkopleiders hebben training nodig in het begeleiden van studenten.",
            "Er moet elk jaar een training voor praktijkopleiders zijn.",
        ],
    },
}
# The theme each country raises most, and the one each group adds weight to.
COUNTRY_THEME = {
    "FI": "guidance_time",
    "EE": "feedback_practice",
    "LV": "trainer_training",
    "NL": "school_contact",
}
GROUP_THEME = {
    "student": "feedback_practice",
    "teacher": "school_contact",
    "workplace_trainer": "guidance_time",
}
COUNTRY_WEIGHT, GROUP_WEIGHT = 4.0, 1.5
SECOND_THEME_RATE = 0.25
REFUSAL_RATE = 0.08
REFUSALS = {
    "en": ["No comment.", "Nothing to add."],
    "fi": ["Ei kommentteja.", "-"],
    "et": ["Pole midagi lisada.", "-"],
    "lv": ["Nav ko piebilst.", "-"],
    "nl": ["Geen opmerkingen.", "-"],
}


def theme_probabilities(country: str, group: str) -> dict[str, float]:
    """The chance that the first theme of an answer of `country` and `group` is each theme."""
    weights = {theme: 1.0 for theme in THEMES}
    weights[COUNTRY_THEME[country]] += COUNTRY_WEIGHT - 1.0
    weights[GROUP_THEME[group]] += GROUP_WEIGHT
    total = sum(weights.values())
    return {theme: weight / total for theme, weight in weights.items()}


def plant_open_answers(frame: pd.DataFrame, rng) -> pd.DataFrame:
    """Rewrite the answered ``open_guidance`` cells of one country with planted themes.

    `frame` holds the columns of :func:`~techvet_survey.synth._survey.simulate_cell`
    (``language`` as finally answered, ``planted_tail`` with the personal data to
    append). Blank answers stay blank. Adds ``planted_themes`` (the themes of each
    answer, in order; empty for blanks and refusals) and ``planted_refusal``.
    """
    frame = frame.copy()
    texts, themes, refusals = [], [], []
    for row in frame.itertuples(index=False):
        if not row.open_guidance:
            texts.append("")
            themes.append([])
            refusals.append(False)
            continue
        tail = render_tail(row.planted_tail, row.language)
        if not tail and rng.random() < REFUSAL_RATE:
            texts.append(str(rng.choice(REFUSALS[row.language])))
            themes.append([])
            refusals.append(True)
            continue
        chances = theme_probabilities(row.country, row.group)
        first = str(rng.choice(list(chances), p=list(chances.values())))
        chosen = [first]
        if rng.random() < SECOND_THEME_RATE:
            chosen.append(str(rng.choice([theme for theme in THEMES if theme != first])))
        sentences = [str(rng.choice(THEMES[theme][row.language])) for theme in chosen]
        texts.append(" ".join([*sentences, tail] if tail else sentences))
        themes.append(chosen)
        refusals.append(False)
    frame["open_guidance"] = texts
    frame["planted_themes"] = themes
    frame["planted_refusal"] = refusals
    return frame


def planted_theme_counts(frame: pd.DataFrame) -> dict:
    """Per country, group and theme: how many kept respondents raise it; and per
    country and group the answered, refused and blank counts (truth for the analyses)."""
    counts: dict = {}
    for (country, group), cell in frame.groupby(["country", "group"], sort=True):
        themes = pd.Series([theme for found in cell["planted_themes"] for theme in found])
        answered = cell["open_guidance"].fillna("").str.strip().ne("").to_numpy()
        refused = cell["planted_refusal"].to_numpy(dtype=bool)
        counts.setdefault(country, {})[group] = {
            "themes": {theme: int((themes == theme).sum()) for theme in THEMES},
            "answered": int((answered & ~refused).sum()),
            "refused": int(refused.sum()),
            "blank": int((~answered).sum()),
        }
    return counts


def theme_lemmas() -> dict[str, dict[str, str]]:
    """Theme -> language -> the key lemma its sentences share."""
    return {theme: dict(entry["lemma"]) for theme, entry in THEMES.items()}

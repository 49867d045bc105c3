"""Titles of the report figures in the five study languages.

A title is the caption of the figure in the report and its ``title`` in
``figures_manifest.json``; ``{scale}`` is filled with the scale's codebook title.
"""

from __future__ import annotations

from techvet_survey.codebook import Codebook

TITLES: dict[str, dict[str, str]] = {
    "likert_country": {
        "en": "{scale}: answers by country",
        "fi": "{scale}: vastaukset maittain",
        "et": "{scale}: vastused riigiti",
        "lv": "{scale}: atbildes pa valstīm",
        "nl": "{scale}: antwoorden per land",
    },
    "likert_group": {
        "en": "{scale}: answers by respondent group",
        "fi": "{scale}: vastaukset vastaajaryhmittäin",
        "et": "{scale}: vastused vastajarühmade kaupa",
        "lv": "{scale}: atbildes pa respondentu grupām",
        "nl": "{scale}: antwoorden per respondentgroep",
    },
    "forest_country": {
        "en": "Scale means by country",
        "fi": "Asteikkojen keskiarvot maittain",
        "et": "Skaalade keskmised riigiti",
        "lv": "Skalu vidējās vērtības pa valstīm",
        "nl": "Schaalgemiddelden per land",
    },
    "forest_group": {
        "en": "Scale means by respondent group",
        "fi": "Asteikkojen keskiarvot vastaajaryhmittäin",
        "et": "Skaalade keskmised vastajarühmade kaupa",
        "lv": "Skalu vidējās vērtības pa respondentu grupām",
        "nl": "Schaalgemiddelden per respondentgroep",
    },
    "agreement_heatmap": {
        "en": "Share agreeing (top-2 box) by item and country",
        "fi": "Samaa mieltä olevien osuus (kaksi ylintä vaihtoehtoa) väittämittäin ja maittain",
        "et": "Nõustujate osakaal (kaks kõrgeimat vastust) väidete ja riikide kaupa",
        "lv": "Piekrītošo īpatsvars (divas augstākās atbildes) pa apgalvojumiem un valstīm",
        "nl": "Aandeel eens (top-2) per item en land",
    },
    "reliability_country": {
        "en": "Scale reliability (Cronbach's alpha) by country",
        "fi": "Asteikkojen reliabiliteetti (Cronbachin alfa) maittain",
        "et": "Skaalade reliaablus (Cronbachi alfa) riigiti",
        "lv": "Skalu ticamība (Kronbaha alfa) pa valstīm",
        "nl": "Betrouwbaarheid van de schalen (Cronbachs alfa) per land",
    },
    "invariance": {
        "en": "{scale}: measurement invariance across countries, fit by level",
        "fi": "{scale}: mittausinvarianssi maiden välillä, yhteensopivuus tasoittain",
        "et": "{scale}: mõõtmisinvariantsus riikide vahel, sobivus tasemete kaupa",
        "lv": "{scale}: mērījumu invariance starp valstīm, atbilstība pa līmeņiem",
        "nl": "{scale}: meetinvariantie tussen landen, fit per niveau",
    },
    "test_item_analysis": {
        "en": "Assessment test: item difficulty and discrimination",
        "fi": "Osaamistesti: tehtävien vaikeus ja erottelukyky",
        "et": "Hindamistest: küsimuste raskus ja eristusvõime",
        "lv": "Novērtējuma tests: uzdevumu grūtība un diskriminācija",
        "nl": "Toets: moeilijkheid en discriminatie van de items",
    },
    "test_distractors": {
        "en": "Assessment test: answer options chosen by score group",
        "fi": "Osaamistesti: vastausvaihtoehtojen valinnat pisteryhmittäin",
        "et": "Hindamistest: vastusevariantide valikud punktirühmade kaupa",
        "lv": "Novērtējuma tests: atbilžu variantu izvēle pa punktu grupām",
        "nl": "Toets: gekozen antwoordopties per scoregroep",
    },
    "test_curves_information": {
        "en": "Assessment test: item characteristic curves and test information (Rasch model)",
        "fi": "Osaamistesti: tehtävien ominaiskäyrät ja testin informaatio (Rasch-malli)",
        "et": "Hindamistest: küsimuste karakteristikukõverad ja testi informatsioon (Raschi mudel)",
        "lv": "Novērtējuma tests: uzdevumu raksturlīknes un testa informācija (Raša modelis)",
        "nl": "Toets: itemkarakteristieke curven en testinformatie (raschmodel)",
    },
    "test_wright_map": {
        "en": "Assessment test: Wright map of test takers and items",
        "fi": "Osaamistesti: vastaajien ja tehtävien Wright-kartta",
        "et": "Hindamistest: vastajate ja küsimuste Wrighti kaart",
        "lv": "Novērtējuma tests: dalībnieku un uzdevumu Raita karte",
        "nl": "Toets: Wright-kaart van deelnemers en items",
    },
    "test_dif": {
        "en": "Assessment test: differential item functioning across language versions",
        "fi": "Osaamistesti: tehtävien eri tavoin toimiminen kieliversioiden välillä (DIF)",
        "et": "Hindamistest: küsimuste erinev toimimine keeleversioonide vahel (DIF)",
        "lv": "Novērtējuma tests: uzdevumu diferenciālā darbība starp valodu versijām (DIF)",
        "nl": "Toets: differentieel itemfunctioneren tussen taalversies (DIF)",
    },
    "open_answer_terms": {
        "en": "Open answers: most frequent terms by country (lemmas, share of answers)",
        "fi": "Avoimet vastaukset: yleisimmät termit maittain (perusmuodot, osuus vastauksista)",
        "et": "Avatud vastused: sagedasemad terminid riikide kaupa (algvormid, osakaal vastustest)",
        "lv": "Atvērtās atbildes: biežākie termini pa valstīm (pamatformas, atbilžu īpatsvars)",
        "nl": "Open antwoorden: meest gebruikte termen per land (lemma's, aandeel antwoorden)",
    },
    "interview_code_frequencies": {
        "en": "Interviews: share of documents with each code, by country and group",
        "fi": "Haastattelut: koodin sisältävien dokumenttien osuus maittain ja ryhmittäin",
        "et": "Intervjuud: koodi sisaldavate dokumentide osakaal riikide ja rühmade kaupa",
        "lv": "Intervijas: dokumentu ar katru kodu īpatsvars pa valstīm un grupām",
        "nl": "Interviews: aandeel documenten met elke code, per land en groep",
    },
    "interview_cooccurrence": {
        "en": "Interviews: co-occurrence of codes in documents (Jaccard)",
        "fi": "Haastattelut: koodien yhteisesiintyminen dokumenteissa (Jaccard)",
        "et": "Intervjuud: koodide koosesinemine dokumentides (Jaccard)",
        "lv": "Intervijas: kodu līdzāstopamība dokumentos (Jaccard)",
        "nl": "Interviews: gelijktijdig voorkomen van codes in documenten (Jaccard)",
    },
    "interview_agreement": {
        "en": "Interviews: intercoder agreement per code",
        "fi": "Haastattelut: koodaajien välinen yhtäpitävyys koodeittain",
        "et": "Intervjuud: kodeerijatevaheline kokkulangevus koodide kaupa",
        "lv": "Intervijas: kodētāju savstarpējā saskaņa pa kodiem",
        "nl": "Interviews: overeenstemming tussen codeurs per code",
    },
}
"""Figure kind -> language -> title."""


def figure_title(kind: str, lang: str, codebook: Codebook, scale: str | None = None) -> str:
    """The title of a figure of `kind` in `lang` (``{scale}`` from the codebook).

    Examples
    --------
    >>> book = Codebook.load()
    >>> figure_title("likert_country", "fi", book, scale="gw")
    'Ohjaus työpaikalla: vastaukset maittain'
    """
    template = TITLES[kind][lang]
    return template.format(scale=codebook.scale_label(scale, lang) if scale else "")

"""Every word a figure shows, in the five study languages.

Names of things (items, scales, countries, groups, answer categories, interview codes,
test areas) come from the codebook. The few axis titles and notes that are not part of
the instrument are in :data:`TEXT`, here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from functools import lru_cache

from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError

TEXT: dict[str, dict[str, str]] = {
    "share_of_respondents": {
        "en": "Share of respondents",
        "fi": "Osuus vastaajista",
        "et": "Osakaal vastajatest",
        "lv": "Respondentu īpatsvars",
        "nl": "Aandeel respondenten",
    },
    "share_of_answers": {
        "en": "Share of answers",
        "fi": "Osuus vastauksista",
        "et": "Osakaal vastustest",
        "lv": "Atbilžu īpatsvars",
        "nl": "Aandeel antwoorden",
    },
    "mean_ci": {
        "en": "Mean ({level:.0%} CI)",
        "fi": "Keskiarvo ({level:.0%} LV)",
        "et": "Keskmine ({level:.0%} UV)",
        "lv": "Vidējais ({level:.0%} TI)",
        "nl": "Gemiddelde ({level:.0%} BI)",
    },
    "alpha_ci": {
        "en": "Cronbach's alpha ({level:.0%} CI)",
        "fi": "Cronbachin alfa ({level:.0%} LV)",
        "et": "Cronbachi alfa ({level:.0%} UV)",
        "lv": "Kronbaha alfa ({level:.0%} TI)",
        "nl": "Cronbachs alfa ({level:.0%} BI)",
    },
    "estimate_ci": {
        "en": "Estimate ({level:.0%} CI)",
        "fi": "Estimaatti ({level:.0%} LV)",
        "et": "Hinnang ({level:.0%} UV)",
        "lv": "Novērtējums ({level:.0%} TI)",
        "nl": "Schatting ({level:.0%} BI)",
    },
    "total_disagree": {
        "en": "Disagree (total)",
        "fi": "Eri mieltä yht.",
        "et": "Ei nõustu kokku",
        "lv": "Nepiekrīt kopā",
        "nl": "Oneens (totaal)",
    },
    "total_agree": {
        "en": "Agree (total)",
        "fi": "Samaa mieltä yht.",
        "et": "Nõustub kokku",
        "lv": "Piekrīt kopā",
        "nl": "Eens (totaal)",
    },
    "agree_share": {
        "en": "Share agreeing",
        "fi": "Samaa mieltä olevien osuus",
        "et": "Nõustujate osakaal",
        "lv": "Piekrītošo īpatsvars",
        "nl": "Aandeel eens",
    },
    "difficulty": {
        "en": "Difficulty (share correct)",
        "fi": "Vaikeus (oikein vastanneiden osuus)",
        "et": "Raskus (õigete vastuste osakaal)",
        "lv": "Grūtība (pareizo atbilžu īpatsvars)",
        "nl": "Moeilijkheid (aandeel goed)",
    },
    "discrimination": {
        "en": "Discrimination (item-rest correlation)",
        "fi": "Erottelukyky (osio-loppusumma-korrelaatio)",
        "et": "Eristusvõime (küsimuse ja ülejäänud skoori korrelatsioon)",
        "lv": "Diskriminācija (uzdevuma un atlikuma korelācija)",
        "nl": "Discriminatie (item-restcorrelatie)",
    },
    "difficulty_band": {
        "en": "Acceptable difficulty ({low:g}-{high:g})",
        "fi": "Hyväksyttävä vaikeus ({low:g}–{high:g})",
        "et": "Sobiv raskus ({low:g}–{high:g})",
        "lv": "Pieņemama grūtība ({low:g}–{high:g})",
        "nl": "Aanvaardbare moeilijkheid ({low:g}-{high:g})",
    },
    "discrimination_floor": {
        "en": "Weak discrimination below {value:g}",
        "fi": "Heikko erottelukyky alle {value:g}",
        "et": "Nõrk eristusvõime alla {value:g}",
        "lv": "Vāja diskriminācija zem {value:g}",
        "nl": "Zwakke discriminatie onder {value:g}",
    },
    "alpha_acceptable": {
        "en": "acceptable",
        "fi": "hyväksyttävä",
        "et": "vastuvõetav",
        "lv": "pieņemama",
        "nl": "aanvaardbaar",
    },
    "alpha_good": {
        "en": "good",
        "fi": "hyvä",
        "et": "hea",
        "lv": "laba",
        "nl": "goed",
    },
    "score_group": {
        "en": "Score group",
        "fi": "Pisteryhmä",
        "et": "Punktirühm",
        "lv": "Punktu grupa",
        "nl": "Scoregroep",
    },
    "share_choosing": {
        "en": "Share choosing the option",
        "fi": "Vaihtoehdon valinneiden osuus",
        "et": "Vastusevariandi valinute osakaal",
        "lv": "Atbildes varianta izvēlējušos īpatsvars",
        "nl": "Aandeel dat de optie kiest",
    },
    "low": {"en": "Low", "fi": "Matala", "et": "Madal", "lv": "Zems", "nl": "Laag"},
    "middle": {"en": "Middle", "fi": "Keski", "et": "Keskmine", "lv": "Vidējs", "nl": "Midden"},
    "high": {"en": "High", "fi": "Korkea", "et": "Kõrge", "lv": "Augsts", "nl": "Hoog"},
    "key": {"en": "key", "fi": "oikea", "et": "õige", "lv": "pareizā", "nl": "sleutel"},
    "key_line": {
        "en": "Key (correct option)",
        "fi": "Oikea vaihtoehto",
        "et": "Õige vastusevariant",
        "lv": "Pareizais variants",
        "nl": "Sleutel (goede optie)",
    },
    "distractor_line": {
        "en": "Distractor",
        "fi": "Väärä vaihtoehto",
        "et": "Eksitav vastusevariant",
        "lv": "Maldinošais variants",
        "nl": "Afleider",
    },
    "answer_option": {
        "en": "Answer option",
        "fi": "Vastausvaihtoehto",
        "et": "Vastusevariant",
        "lv": "Atbildes variants",
        "nl": "Antwoordoptie",
    },
    "ability": {
        "en": "Ability (logits)",
        "fi": "Kyky (logitit)",
        "et": "Võimekus (logitid)",
        "lv": "Spējas (logiti)",
        "nl": "Vaardigheid (logits)",
    },
    "item_location_line": {
        "en": "50%: ability = the item's location",
        "fi": "50 %: kyky = tehtävän sijainti",
        "et": "50%: võimekus = ülesande asukoht",
        "lv": "50%: spējas = uzdevuma novietojums",
        "nl": "50%: vaardigheid = locatie van het item",
    },
    "probability_correct": {
        "en": "Probability of a correct answer",
        "fi": "Oikean vastauksen todennäköisyys",
        "et": "Õige vastuse tõenäosus",
        "lv": "Pareizas atbildes varbūtība",
        "nl": "Kans op een goed antwoord",
    },
    "information": {
        "en": "Test information",
        "fi": "Testin informaatio",
        "et": "Testi informatsioon",
        "lv": "Testa informācija",
        "nl": "Testinformatie",
    },
    "standard_error": {
        "en": "Standard error",
        "fi": "Keskivirhe",
        "et": "Standardviga",
        "lv": "Standartkļūda",
        "nl": "Standaardfout",
    },
    "persons": {
        "en": "Persons",
        "fi": "Vastaajat",
        "et": "Vastajad",
        "lv": "Personas",
        "nl": "Personen",
    },
    "test_area": {
        "en": "Competence area",
        "fi": "Osaamisalue",
        "et": "Pädevusvaldkond",
        "lv": "Kompetences joma",
        "nl": "Competentiegebied",
    },
    "n_persons": {
        "en": "Test takers (n)",
        "fi": "Vastaajia (n)",
        "et": "Vastajaid (n)",
        "lv": "Dalībnieki (n)",
        "nl": "Deelnemers (n)",
    },
    "items": {"en": "Items", "fi": "Tehtävät", "et": "Küsimused", "lv": "Uzdevumi", "nl": "Items"},
    "location": {
        "en": "Location (logits)",
        "fi": "Sijainti (logitit)",
        "et": "Asukoht (logitid)",
        "lv": "Novietojums (logiti)",
        "nl": "Positie (logits)",
    },
    "mh_delta": {
        "en": "MH D-DIF (ETS delta); < 0 favours the reference group",
        "fi": "MH D-DIF (ETS-delta); < 0 suosii vertailuryhmää",
        "et": "MH D-DIF (ETS delta); < 0 soosib võrdlusrühma",
        "lv": "MH D-DIF (ETS delta); < 0 par labu references grupai",
        "nl": "MH D-DIF (ETS-delta); < 0 bevoordeelt de referentiegroep",
    },
    "ets_class": {
        "en": "ETS class {cls}",
        "fi": "ETS-luokka {cls}",
        "et": "ETS klass {cls}",
        "lv": "ETS klase {cls}",
        "nl": "ETS-klasse {cls}",
    },
    "language_en": {
        "en": "English",
        "fi": "Englanti",
        "et": "Inglise",
        "lv": "Angļu",
        "nl": "Engels",
    },
    "language_fi": {
        "en": "Finnish",
        "fi": "Suomi",
        "et": "Soome",
        "lv": "Somu",
        "nl": "Fins",
    },
    "language_et": {
        "en": "Estonian",
        "fi": "Viro",
        "et": "Eesti",
        "lv": "Igauņu",
        "nl": "Ests",
    },
    "language_lv": {
        "en": "Latvian",
        "fi": "Latvia",
        "et": "Läti",
        "lv": "Latviešu",
        "nl": "Lets",
    },
    "language_nl": {
        "en": "Dutch",
        "fi": "Hollanti",
        "et": "Hollandi",
        "lv": "Nīderlandiešu",
        "nl": "Nederlands",
    },
    "language_version": {
        "en": "Language version",
        "fi": "Kieliversio",
        "et": "Keeleversioon",
        "lv": "Valodas versija",
        "nl": "Taalversie",
    },
    "ets_classes": {
        "en": "ETS class (|D| = |MH D-DIF|)",
        "fi": "ETS-luokka (|D| = |MH D-DIF|)",
        "et": "ETS klass (|D| = |MH D-DIF|)",
        "lv": "ETS klase (|D| = |MH D-DIF|)",
        "nl": "ETS-klasse (|D| = |MH D-DIF|)",
    },
    "interval_cut": {
        "en": "Interval cut at the axis",
        "fi": "Väli katkaistu akselin reunaan",
        "et": "Vahemik lõigatud telje servas",
        "lv": "Intervāls nogriezts pie ass",
        "nl": "Interval afgekapt aan de as",
    },
    "not_estimated": {
        "en": "not estimated",
        "fi": "ei estimoitu",
        "et": "hindamata",
        "lv": "nav novērtēts",
        "nl": "niet geschat",
    },
    "share_answers": {
        "en": "Share of answers using the term",
        "fi": "Termiä käyttävien vastausten osuus",
        "et": "Terminit kasutavate vastuste osakaal",
        "lv": "Atbilžu ar šo terminu īpatsvars",
        "nl": "Aandeel antwoorden met de term",
    },
    "no_terms": {
        "en": "no term in {min_n} or more answers",
        "fi": "ei termiä vähintään {min_n} vastauksessa",
        "et": "ühtki terminit vähemalt {min_n} vastuses",
        "lv": "neviena termina vismaz {min_n} atbildēs",
        "nl": "geen term in {min_n} of meer antwoorden",
    },
    "share_documents": {
        "en": "Share of documents",
        "fi": "Osuus dokumenteista",
        "et": "Osakaal dokumentidest",
        "lv": "Dokumentu īpatsvars",
        "nl": "Aandeel documenten",
    },
    "n_segments": {
        "en": "Coded segments",
        "fi": "Koodatut segmentit",
        "et": "Kodeeritud lõigud",
        "lv": "Kodētie fragmenti",
        "nl": "Gecodeerde fragmenten",
    },
    "n_documents": {
        "en": "Documents",
        "fi": "Dokumentit",
        "et": "Dokumendid",
        "lv": "Dokumenti",
        "nl": "Documenten",
    },
    "jaccard": {
        "en": "Co-occurrence (Jaccard)",
        "fi": "Yhteisesiintyminen (Jaccard)",
        "et": "Koosesinemine (Jaccard)",
        "lv": "Līdzāspastāvēšana (Jaccard)",
        "nl": "Samen voorkomen (Jaccard)",
    },
    "n_both": {
        "en": "Co-occurrences",
        "fi": "Yhteisesiintymät",
        "et": "Koosesinemised",
        "lv": "Līdzāspastāvēšanas gadījumi",
        "nl": "Keren samen",
    },
    "all_codes": {
        "en": "(all codes)",
        "fi": "(kaikki koodit)",
        "et": "(kõik koodid)",
        "lv": "(visi kodi)",
        "nl": "(alle codes)",
    },
    "code_assigned": {
        "en": "(code assigned)",
        "fi": "(annettu koodi)",
        "et": "(määratud kood)",
        "lv": "(piešķirtais kods)",
        "nl": "(toegekende code)",
    },
    "percent_agreement": {
        "en": "Percent agreement",
        "fi": "Prosenttiyhtäpitävyys",
        "et": "Kokkulangevuse protsent",
        "lv": "Saskaņas procents",
        "nl": "Percentage overeenstemming",
    },
    "cohen_kappa": {
        "en": "Cohen's kappa",
        "fi": "Cohenin kappa",
        "et": "Coheni kapa",
        "lv": "Koena kappa",
        "nl": "Cohens kappa",
    },
    "fleiss_kappa": {
        "en": "Fleiss' kappa",
        "fi": "Fleissin kappa",
        "et": "Fleissi kapa",
        "lv": "Flaisa kappa",
        "nl": "Fleiss' kappa",
    },
    "krippendorff_alpha": {
        "en": "Krippendorff's alpha",
        "fi": "Krippendorffin alfa",
        "et": "Krippendorffi alfa",
        "lv": "Krippendorfa alfa",
        "nl": "Krippendorffs alfa",
    },
    "gwet_ac1": {
        "en": "Gwet's AC1",
        "fi": "Gwetin AC1",
        "et": "Gweti AC1",
        "lv": "Gveta AC1",
        "nl": "Gwets AC1",
    },
    "brennan_prediger": {
        "en": "Brennan-Prediger",
        "fi": "Brennan-Prediger",
        "et": "Brennan-Prediger",
        "lv": "Brennana-Predigera",
        "nl": "Brennan-Prediger",
    },
    "tentative": {
        "en": "tentative",
        "fi": "alustava",
        "et": "esialgne",
        "lv": "provizorisks",
        "nl": "voorlopig",
    },
    "reliable": {
        "en": "reliable",
        "fi": "luotettava",
        "et": "usaldusväärne",
        "lv": "uzticams",
        "nl": "betrouwbaar",
    },
    "configural": {
        "en": "Configural",
        "fi": "Konfiguraalinen",
        "et": "Konfiguraalne",
        "lv": "Konfigurālā",
        "nl": "Configuraal",
    },
    "metric": {
        "en": "Metric",
        "fi": "Metrinen",
        "et": "Meetriline",
        "lv": "Metriskā",
        "nl": "Metrisch",
    },
    "scalar": {
        "en": "Scalar",
        "fi": "Skalaarinen",
        "et": "Skalaarne",
        "lv": "Skalārā",
        "nl": "Scalair",
    },
    "partial_scalar": {
        "en": "Partial scalar",
        "fi": "Osittain skalaarinen",
        "et": "Osaliselt skalaarne",
        "lv": "Daļēji skalārā",
        "nl": "Gedeeltelijk scalair",
    },
    "strict": {"en": "Strict", "fi": "Tiukka", "et": "Range", "lv": "Stingrā", "nl": "Strikt"},
    "invariance_level": {
        "en": "Invariance level",
        "fi": "Invarianssitaso",
        "et": "Invariantsuse tase",
        "lv": "Invariances līmenis",
        "nl": "Invariantieniveau",
    },
    "cutoff": {
        "en": "Cut-off of the rule",
        "fi": "Päätössäännön raja",
        "et": "Otsustusreegli lävi",
        "lv": "Lēmuma noteikuma slieksnis",
        "nl": "Grenswaarde van de regel",
    },
    "invariant": {
        "en": "Level holds",
        "fi": "Taso pätee",
        "et": "Tase kehtib",
        "lv": "Līmenis ir spēkā",
        "nl": "Niveau houdt stand",
    },
    "not_invariant": {
        "en": "Level does not hold",
        "fi": "Taso ei päde",
        "et": "Tase ei kehti",
        "lv": "Līmenis nav spēkā",
        "nl": "Niveau houdt geen stand",
    },
    "n_equals": {
        "en": "n = {n}",
        "fi": "n = {n}",
        "et": "n = {n}",
        "lv": "n = {n}",
        "nl": "n = {n}",
    },
    "suppressed": {
        "en": "n < {min_n}",
        "fi": "n < {min_n}",
        "et": "n < {min_n}",
        "lv": "n < {min_n}",
        "nl": "n < {min_n}",
    },
    "suppressed_note": {
        "en": "Cells with n < {min_n} are not shown.",
        "fi": "Soluja, joissa n < {min_n}, ei näytetä.",
        "et": "Lahtreid, kus n < {min_n}, ei näidata.",
        "lv": "Šūnas ar n < {min_n} netiek rādītas.",
        "nl": "Cellen met n < {min_n} worden niet getoond.",
    },
    "suppressed_cells_note": {
        "en": "Hatched cells (n < {min_n}): too few respondents to show.",
        "fi": "Viivoitetut solut (n < {min_n}): liian vähän vastaajia näytettäväksi.",
        "et": "Viirutatud lahtrid (n < {min_n}): näitamiseks liiga vähe vastajaid.",
        "lv": "Iesvītrotās šūnas (n < {min_n}): par maz respondentu, lai rādītu.",
        "nl": "Gearceerde cellen (n < {min_n}): te weinig respondenten om te tonen.",
    },
    "documents_note": {
        "en": (
            "Cells with fewer than {small} documents show coded/all "
            "documents, not a share; 0/n: the code never occurs."
        ),
        "fi": (
            "Soluissa, joissa on alle {small} dokumenttia, näkyy koodatut/kaikki "
            "dokumentit eikä osuutta; 0/n: koodia ei esiinny."
        ),
        "et": (
            "Lahtrites, kus on alla {small} dokumendi, on kodeeritud/kõik "
            "dokumendid, mitte osakaal; 0/n: koodi ei esine."
        ),
        "lv": (
            "Šūnās ar mazāk nekā {small} dokumentiem redzami kodētie/visi "
            "dokumenti, nevis īpatsvars; 0/n: kods nav sastopams."
        ),
        "nl": (
            "Cellen met minder dan {small} documenten tonen gecodeerde/alle "
            "documenten, geen aandeel; 0/n: de code komt niet voor."
        ),
    },
    "dont_know": {
        "en": "Don't know",
        "fi": "En osaa sanoa",
        "et": "Ei oska öelda",
        "lv": "Nezinu",
        "nl": "Weet ik niet",
    },
    "neutral": {
        "en": "Neutral",
        "fi": "Neutraali",
        "et": "Neutraalne",
        "lv": "Neitrāli",
        "nl": "Neutraal",
    },
}
"""Words of the figures that are not in the codebook: key -> language -> text."""


def text(key: str, lang: str, **values) -> str:
    """The figure text `key` in `lang`, with ``{placeholders}`` filled from `values`.

    Examples
    --------
    >>> text("mean_ci", "fi", level=0.95)
    'Keskiarvo (95% LV)'
    """
    if key not in TEXT:
        raise KeyError(f"no figure text {key!r}; known keys: {sorted(TEXT)}.")
    if lang not in TEXT[key]:
        raise KeyError(f"figure text {key!r} has no {lang!r} translation.")
    return TEXT[key][lang].format(**values)


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The bundled codebook, read once."""
    return Codebook.load()


def wrap(label: str, width: int) -> str:
    """`label` broken into lines of at most `width` characters (0: unchanged)."""
    return "\n".join(textwrap.wrap(str(label), width)) if width else str(label)


class Labeller:
    """Codebook names in one language, with a fallback to the raw value.

    A value the codebook does not know (a pooled row such as ``"all"``) is shown as it
    is, so that a figure never fails on a label.
    """

    def __init__(self, codebook: Codebook | None, lang: str, item_labels=None):
        self.book = default_codebook() if codebook is None else codebook
        if not isinstance(self.book, Codebook):
            raise TypeError(
                f"`codebook` must be a techvet_survey.codebook.Codebook; got "
                f"{type(self.book).__name__}. Use Codebook.load()."
            )
        self.lang = self.book.check_language(lang)
        if item_labels is not None and not isinstance(item_labels, Mapping):
            raise ArgumentError(
                "`item_labels` must be a dict {column: text}, e.g. {'A1': 'Am indifferent "
                f"to the feelings of others'}}; got {type(item_labels).__name__}."
            )
        self.item_labels = dict(item_labels or {})

    def text(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    def country(self, value) -> str:
        return self._section("countries", value)

    def group(self, value) -> str:
        return self._section("groups", value)

    def _section(self, section: str, value) -> str:
        entry = self.book.raw[section].get(value)
        return entry["labels"][self.lang] if entry else str(value)

    def language(self, code) -> str:
        """A study language (``"fi"``) by its name in the figure's language."""
        key = f"language_{code}"
        return self.text(key) if key in TEXT else str(code)

    def scale(self, value) -> str:
        return self._section("scales", value)

    def item(self, value, group: str | None = None) -> str:
        if value in self.item_labels:
            return str(self.item_labels[value])
        try:
            return self.book.item_text(value, self.lang, group)
        except KeyError:
            return str(value)

    def variable(self, value) -> str:
        """A scale title, an item text, or the name itself."""
        if value in self.book.raw["scales"]:
            return self.scale(value)
        return self.item(value)

    def test_area(self, value) -> str:
        entry = self.book.raw["test"]["areas"].get(value)
        return entry["labels"][self.lang] if entry else str(value)

    def code(self, value) -> str:
        """An interview code or theme; the pooled rows of coding_agreement translated."""
        pooled = {"(all codes)": "all_codes", "(code assigned)": "code_assigned"}
        if value in pooled:
            return self.text(pooled[value])
        codes = self.book.interview_codes
        for column in ("code", "theme"):
            match = codes[codes[column] == value]
            if len(match):
                prefix = "label" if column == "code" else "theme_label"
                return str(match[f"{prefix}_{self.lang}"].iloc[0])
        return str(value)

    def key(self, column: str, value) -> str:
        """The label of `value` of a key column (country, group, scale, item, ...)."""
        method = {
            "country": self.country,
            "group": self.group,
            "scale": self.scale,
            "item": self.item,
            "variable": self.variable,
            "code": self.code,
            "theme": self.code,
            "area": self.test_area,
        }.get(column)
        return method(value) if method else str(value)

    def order(self, column: str, values) -> list:
        """`values` in codebook order for countries and groups, else in order of appearance."""
        values = list(dict.fromkeys(values))
        section = {"country": "countries", "group": "groups"}.get(column)
        if section is None:
            return values
        known = list(self.book.raw[section])
        return [v for v in known if v in values] + [v for v in values if v not in known]

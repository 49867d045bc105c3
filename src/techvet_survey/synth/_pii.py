"""Free-text answers with planted personal data (names, e-mail addresses, phone numbers).

Every planted piece of personal data is returned beside the text, so that the truth file
lists exactly what the privacy scrubbing must remove.
"""

from __future__ import annotations

FIRST_NAMES = {
    "fi": ["Aino", "Eero", "Liisa", "Juhani", "Sanna", "Mikko", "Kaisa", "Ville"],
    "et": ["Kadri", "Tõnu", "Liis", "Margus", "Kertu", "Rein", "Triin", "Andres"],
    "lv": ["Ilze", "Jānis", "Līga", "Andris", "Zane", "Māris", "Inese", "Edgars"],
    "nl": ["Sanne", "Joost", "Femke", "Bram", "Lotte", "Daan", "Esther", "Pieter"],
    "en": ["Anna", "Mark", "Laura", "Peter", "Kate", "Tom", "Julia", "Paul"],
}
LAST_NAMES = {
    "fi": ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lehtonen", "Heikkinen"],
    "et": ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk"],
    "lv": ["Bērziņš", "Kalniņa", "Ozols", "Liepiņa", "Krūmiņš", "Jansone"],
    "nl": ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder"],
    "en": ["Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker"],
}
DOMAINS = {
    "fi": "yritys.fi",
    "et": "firma.ee",
    "lv": "uznemums.lv",
    "nl": "bedrijf.nl",
    "en": "company.eu",
}
PHONE_FORMATS = {
    "fi": "+358 40 {a:03d} {b:04d}",
    "et": "+372 5{a:03d} {b:04d}",
    "lv": "+371 2{a:03d} {b:04d}",
    "nl": "06-{a:03d}{b:05d}",
    "en": "+44 7{a:03d} {b:06d}",
}
COMMENTS = {
    "fi": [
        "Ohjaukseen pitäisi varata enemmän aikaa työpäivän aikana.",
        "Työpaikkaohjaajat tarvitsevat lisää koulutusta palautteen antamiseen.",
        "Yhteistyö oppilaitoksen kanssa toimii hyvin.",
    ],
    "et": [
        "Juhendamiseks peaks tööpäeva jooksul rohkem aega olema.",
        "Praktikajuhendajad vajavad tagasiside andmise koolitust.",
        "Koostöö kooliga toimib hästi.",
    ],
    "lv": [
        "Darba dienā vajadzētu vairāk laika atvēlēt konsultēšanai.",
        "Prakses vadītājiem vajag apmācību par atgriezenisko saiti.",
        "Sadarbība ar skolu notiek labi.",
    ],
    "nl": [
        "Er zou meer tijd moeten zijn voor begeleiding tijdens de werkdag.",
        "Praktijkopleiders hebben training nodig in het geven van feedback.",
        "De samenwerking met school verloopt goed.",
    ],
    "en": [
        "There should be more time for guidance during the working day.",
        "Workplace trainers need training in giving feedback.",
        "Cooperation with the school works well.",
    ],
}
CONTACT = {
    "fi": "Ottakaa yhteyttä: {name}, {email} tai {phone}.",
    "et": "Võtke ühendust: {name}, {email} või {phone}.",
    "lv": "Sazinieties: {name}, {email} vai {phone}.",
    "nl": "Neem contact op met {name}, {email} of {phone}.",
    "en": "Please contact {name}, {email} or {phone}.",
}
PRAISE = {
    "fi": "Ohjaajani {name} on ollut erinomainen.",
    "et": "Minu juhendaja {name} on olnud suurepärane.",
    "lv": "Mans prakses vadītājs {name} ir bijis lielisks.",
    "nl": "Mijn praktijkopleider {name} is geweldig.",
    "en": "My trainer {name} has been excellent.",
}


class PiiFactory:
    """Writes free-text comments, some carrying planted personal data."""

    def person(self, language: str, rng, serial: int | None = None) -> tuple[str, str, str]:
        """A (name, e-mail, phone) triple of a fictitious person.

        `serial` makes the e-mail address unique (``first.last.17@...``), as an LMS
        account is.
        """
        first = str(rng.choice(FIRST_NAMES[language]))
        last = str(rng.choice(LAST_NAMES[language]))
        local = f"{first}.{last}".casefold().replace(" ", "")
        if serial is not None:
            local = f"{local}.{serial}"
        email = f"{_ascii(local)}@{DOMAINS[language]}"
        phone = PHONE_FORMATS[language].format(
            a=int(rng.integers(0, 1000)), b=int(rng.integers(0, 10_000))
        )
        return f"{first} {last}", email, phone

    def comment_parts(self, language: str, rng) -> tuple[str, tuple | None, list[str]]:
        """A comment in parts: the base sentence (empty when the
        respondent left the question blank), the personal-data tail to render with
        :func:`render_tail` (None when none) and the personal data planted."""
        draw = rng.random()
        if draw < 0.45:
            return "", None, []
        base = str(rng.choice(COMMENTS[language]))
        if draw < 0.8:
            return base, None, []
        name, email, phone = self.person(language, rng)
        if draw < 0.9:
            return base, ("praise", name, email, phone), [name]
        return base, ("contact", name, email, phone), [name, email, phone]


def render_tail(tail: tuple | None, language: str) -> str:
    """The sentence carrying planted personal data, in `language` ("" when none)."""
    if tail is None:
        return ""
    kind, name, email, phone = tail
    if kind == "praise":
        return PRAISE[language].format(name=name)
    return CONTACT[language].format(name=name, email=email, phone=phone)


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if ord(char) < 128)

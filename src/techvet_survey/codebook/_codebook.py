"""The :class:`Codebook`: the study instrument as data, with its lookups and search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from techvet_survey.codebook._checks import defined_items, find_problems
from techvet_survey.codebook._labels import fold_accents, normalize_label
from techvet_survey.codebook._sources import DATA_DIR, merge_files
from techvet_survey.errors import ArgumentError, CodebookError


@dataclass(frozen=True, eq=False)
class Codebook:
    """The instrument: items, scales, labels, test and interview codes.

    Build it with :meth:`Codebook.load`. The object is immutable; its tables are
    DataFrames computed once on first use.
    """

    raw: Mapping = field(repr=False)
    source: str = "bundled"

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None, *, validate: bool = True) -> Codebook:
        """Read a codebook from a YAML file or a directory of YAML files.

        Parameters
        ----------
        path : str or Path, optional
            A ``.yaml`` file or a directory whose ``*.yaml`` files are merged; the bundled
            study codebook when omitted.
        validate : bool
            Run :meth:`validate` (default). Turn off only to inspect a broken codebook.

        Raises
        ------
        CodebookError
            Listing every problem found, each with the entry and the fix.
        """
        directory = DATA_DIR if path is None else Path(path)
        if directory.is_dir():
            paths = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
        else:
            paths = [directory]
        if not paths or not all(candidate.exists() for candidate in paths):
            raise FileNotFoundError(
                f"no codebook YAML at {directory}: pass a .yaml file or a directory holding them."
            )
        book = cls(raw=merge_files(paths), source=str(path or "bundled"))
        if validate:
            book.validate()
        return book

    def validate(self) -> Codebook:
        """Check the codebook; raise :class:`CodebookError` listing every problem.

        Checked: every text and label is given in every study language; no id is used
        twice (item, test item, scale, code); scales name only known items and response
        scales; response-scale codes and labels are unique per language; each test key is
        one of the test's options and each test item names a known competence area; the
        cut score lies within the test length.
        """
        problems = find_problems(self.raw)
        if problems:
            listed = "\n  - ".join(problems)
            raise CodebookError(
                f"the codebook ({self.source}) has {len(problems)} problem(s):\n  - {listed}"
            )
        return self

    # ------------------------------------------------------------------ basics
    @property
    def languages(self) -> tuple[str, ...]:
        """The study languages; the first is the reference language (English)."""
        return tuple(self.raw["languages"])

    def check_language(self, lang: str) -> str:
        """Return `lang` if it is a study language, else raise a ValueError with the choices."""
        if lang not in self.languages:
            raise ArgumentError(f"`lang` must be one of {list(self.languages)}; got {lang!r}.")
        return lang

    def _labelled_table(self, section: Mapping, key: str, extra=()) -> pd.DataFrame:
        rows = []
        for entry_id, entry in section.items():
            row = {key: entry_id}
            labels = entry.get("labels", entry.get("text", {}))
            row.update({f"label_{lang}": labels.get(lang) for lang in self.languages})
            row.update({name: entry.get(name) for name in extra})
            rows.append(row)
        return pd.DataFrame(rows)

    @cached_property
    def countries(self) -> pd.DataFrame:
        """One row per country: ``country``, ``label_<lang>``, ``language``, ``aliases``."""
        return self._labelled_table(self.raw["countries"], "country", ("language", "aliases"))

    @cached_property
    def groups(self) -> pd.DataFrame:
        """One row per respondent group: ``group``, ``label_<lang>``, ``aliases``."""
        return self._labelled_table(self.raw["groups"], "group", ("aliases",))

    def value_map(self, section: str) -> dict[str, str]:
        """Map every spelling of a country or group (code, label, alias) to its code.

        Keys are normalised with :func:`normalize_label`.

        Examples
        --------
        >>> book = Codebook.load()
        >>> book.value_map("countries")[normalize_label("Suomi")]
        'FI'
        """
        if section not in ("countries", "groups", "languages"):
            raise ValueError("`section` must be one of 'countries', 'groups', 'languages'.")
        if section == "languages":
            return {lang: lang for lang in self.languages}
        mapping = {}
        for code, entry in self.raw[section].items():
            spellings = [code, *entry.get("labels", {}).values(), *entry.get("aliases", [])]
            mapping.update({normalize_label(spelling): code for spelling in spellings})
        return mapping

    # ------------------------------------------------------------------ survey items
    @cached_property
    def scales(self) -> pd.DataFrame:
        """One row per scale: ``scale``, ``name``, ``label_<lang>``, ``n_items``, items."""
        table = self._labelled_table(self.raw["scales"], "scale", ("name", "response_scale"))
        table["items"] = [self.scale_items(scale) for scale in table["scale"]]
        table["n_items"] = table["items"].map(len)
        return table

    def scale_items(self, scale: str) -> list[str]:
        """The item ids of `scale`, in questionnaire order."""
        if scale not in self.raw["scales"]:
            raise KeyError(
                f"`scale` {scale!r} is not in the codebook; scales: {list(self.raw['scales'])}."
            )
        return list(self.raw["scales"][scale]["items"])

    @cached_property
    def items(self) -> pd.DataFrame:
        """One row per Likert item: ``item``, ``scale``, ``response_scale``, ``reverse``,
        ``text_<lang>`` (the neutral wording)."""
        rows = []
        for scale_id, item_id, item in defined_items(self.raw):
            scale = self.raw["scales"][scale_id]
            row = {
                "item": item_id,
                "scale": scale_id,
                "response_scale": item.get("response_scale", scale["response_scale"]),
                "reverse": bool(item.get("reverse", False)),
            }
            row.update({f"text_{lang}": item["text"][lang] for lang in self.languages})
            rows.append(row)
        return pd.DataFrame(rows)

    def reverse_items(self) -> list[str]:
        """Item ids whose agreement means lower capability (recoded by the cleaning step)."""
        return self.items.loc[self.items["reverse"], "item"].tolist()

    def item_text(self, item: str, lang: str = "en", group: str | None = None) -> str:
        """The wording of `item` in `lang`, as respondents of `group` saw it."""
        self.check_language(lang)
        entry = self._item_entry(item)
        by_group = entry.get("text_by_group", {})
        if group is not None and group in by_group:
            return by_group[group][lang]
        return entry["text"][lang]

    def _item_entry(self, item: str) -> Mapping:
        for _, item_id, entry in defined_items(self.raw):
            if item_id == item:
                return entry
        raise KeyError(f"`item` {item!r} is not a Likert item of the codebook.")

    def item_texts(self, item: str) -> list[str]:
        """Every wording of `item`: neutral and per group, in every language."""
        entry = self._item_entry(item)
        texts = list(entry["text"].values())
        for by_lang in entry.get("text_by_group", {}).values():
            texts.extend(by_lang.values())
        return texts

    # ------------------------------------------------------------------ response scales
    def response_scale(self, name: str) -> Mapping:
        """The raw definition of response scale `name` (values, variants, missing)."""
        if name not in self.raw["response_scales"]:
            raise KeyError(
                f"`name` {name!r} is not a response scale; "
                f"known: {list(self.raw['response_scales'])}."
            )
        return self.raw["response_scales"][name]

    def value_labels(self, name: str, lang: str = "en") -> dict[int, str]:
        """Code -> label of response scale `name` in `lang` (valid answers only)."""
        self.check_language(lang)
        return {
            int(code): labels[lang] for code, labels in self.response_scale(name)["values"].items()
        }

    def missing_codes(self, name: str) -> dict[int, str]:
        """Code -> missing reason (``dont_know``, ``not_applicable``) of response scale `name`."""
        missing = self.response_scale(name).get("missing", {})
        return {int(entry["code"]): reason for reason, entry in missing.items()}

    def missing_labels(self, name: str, lang: str = "en") -> dict[int, str]:
        """Missing code -> label ("don't know", "not applicable") of response scale `name`."""
        self.check_language(lang)
        missing = self.response_scale(name).get("missing", {})
        return {int(entry["code"]): entry["labels"][lang] for entry in missing.values()}

    def label_map(self, name: str, lang: str) -> dict[str, int]:
        """Normalised answer label -> code for response scale `name` in `lang`.

        Includes the official labels, the label variants of real exports and the missing
        options (mapped to their missing codes, see :meth:`missing_codes`). Keys are
        normalised with :func:`normalize_label`.
        """
        self.check_language(lang)
        scale = self.response_scale(name)
        mapping = {
            normalize_label(labels[lang]): int(code) for code, labels in scale["values"].items()
        }
        for label, code in scale.get("variants", {}).get(lang, {}).items():
            mapping[normalize_label(label)] = int(code)
        for entry in scale.get("missing", {}).values():
            mapping[normalize_label(entry["labels"][lang])] = int(entry["code"])
            for label in entry.get("variants", {}).get(lang, []):
                mapping[normalize_label(label)] = int(entry["code"])
        return mapping

    # ------------------------------------------------------------------ other items
    @cached_property
    def background(self) -> pd.DataFrame:
        """One row per background item: ``item``, ``kind``, ``text_<lang>``."""
        rows = []
        for item_id, item in self.raw["background"].items():
            row = {"item": item_id, "kind": item["kind"]}
            row.update({f"text_{lang}": item["text"][lang] for lang in self.languages})
            rows.append(row)
        return pd.DataFrame(rows)

    def background_values(self, item: str, lang: str = "en") -> dict[int, str]:
        """Code -> label of a coded background item (gender, age band, field) in `lang`."""
        self.check_language(lang)
        entry = self.raw["background"][item]
        if "values" in entry:
            return {int(code): labels[lang] for code, labels in entry["values"].items()}
        if "response_scale" in entry:
            return self.value_labels(entry["response_scale"], lang)
        raise KeyError(f"background item {item!r} has no coded values.")

    def background_label_map(self, item: str, lang: str) -> dict[str, int]:
        """Normalised label -> code of a coded background item in `lang`.

        The labels and the spellings real exports use (``variants``: ``"Female"``,
        ``"F"``); an item on a response scale (``prior_training``) takes the scale's
        :meth:`label_map`. Keys are normalised with :func:`normalize_label`.

        Examples
        --------
        >>> book = Codebook.load()
        >>> [book.background_label_map("gender", lang)["v"] for lang in ("nl", "lv")]
        [1, 2]
        """
        self.check_language(lang)
        entry = self.raw["background"][item]
        if "response_scale" in entry:
            return self.label_map(entry["response_scale"], lang)
        mapping = {
            normalize_label(label): code
            for code, label in self.background_values(item, lang).items()
        }
        for label, code in entry.get("variants", {}).get(lang, {}).items():
            mapping[normalize_label(label)] = int(code)
        return mapping

    def background_range(self, item: str) -> tuple[float, float] | None:
        """The lowest and highest valid value of a numeric background item (None if unset)."""
        bounds = self.raw["background"][item].get("range")
        return None if bounds is None else (float(bounds[0]), float(bounds[1]))

    def multiselect_options(self, item: str = "channels", lang: str = "en") -> dict[str, str]:
        """Option id -> label of multi-select `item` in `lang`."""
        self.check_language(lang)
        return {
            option: labels[lang]
            for option, labels in self.raw["multiselect"][item]["options"].items()
        }

    def question_text(self, item: str, lang: str = "en", group: str | None = None) -> str:
        """The question text of a background, multi-select or open (text) item in `lang`,
        as respondents of `group` saw it (an open question may be worded per group)."""
        self.check_language(lang)
        for section in ("background", "multiselect", "free_text"):
            if item in self.raw.get(section, {}):
                entry = self.raw[section][item]
                by_group = entry.get("text_by_group", {})
                if group is not None and group in by_group:
                    return by_group[group][lang]
                return entry["text"][lang]
        raise KeyError(f"`item` {item!r} is not a background, multi-select or free-text item.")

    @cached_property
    def text_items(self) -> pd.DataFrame:
        """One row per open question (item type ``text``): ``item``, ``type``, ``groups``
        (the respondent groups asked) and ``text_<lang>`` (the neutral wording).

        Examples
        --------
        >>> Codebook.load().text_items["item"].tolist()
        ['open_guidance', 'open_other']
        """
        rows = []
        for item_id, item in self.raw.get("free_text", {}).items():
            row = {"item": item_id, "type": item["type"], "groups": tuple(item["groups"])}
            row.update({f"text_{lang}": item["text"][lang] for lang in self.languages})
            rows.append(row)
        columns = ["item", "type", "groups", *(f"text_{lang}" for lang in self.languages)]
        return pd.DataFrame(rows, columns=columns)

    def text_item_texts(self, item: str) -> list[str]:
        """Every wording of open question `item`: neutral and per group, in every language."""
        entry = self.raw["free_text"][item]
        texts = list(entry["text"].values())
        for by_lang in entry.get("text_by_group", {}).values():
            texts.extend(by_lang.values())
        return texts

    def scale_label(self, scale: str, lang: str = "en") -> str:
        """The title of `scale` in `lang`."""
        self.check_language(lang)
        return self.raw["scales"][scale]["labels"][lang]

    def group_label(self, group: str, lang: str = "en") -> str:
        """The name of respondent group `group` in `lang`."""
        self.check_language(lang)
        return self.raw["groups"][group]["labels"][lang]

    def country_label(self, country: str, lang: str = "en") -> str:
        """The name of `country` in `lang`."""
        self.check_language(lang)
        return self.raw["countries"][country]["labels"][lang]

    # ------------------------------------------------------------------ assessment test
    @property
    def cut_score(self) -> int:
        """Number-correct score needed for the Learning Ambassador Open Badge."""
        return int(self.raw["test"]["cut_score"])

    @cached_property
    def test_items(self) -> pd.DataFrame:
        """One row per test item: ``item``, ``area``, ``key``, ``stem_<lang>``."""
        rows = []
        for item_id, item in self.raw["test"]["items"].items():
            row = {"item": item_id, "area": item["area"], "key": item["key"]}
            row.update({f"stem_{lang}": item["stem"][lang] for lang in self.languages})
            rows.append(row)
        return pd.DataFrame(rows)

    @property
    def test_key(self) -> pd.Series:
        """The correct option of each test item, indexed by item id."""
        return self.test_items.set_index("item")["key"].rename("key")

    @property
    def test_options(self) -> tuple[str, ...]:
        """The answer options of the test (``A``-``D``)."""
        return tuple(self.raw["test"]["options"])

    @property
    def test_areas(self) -> pd.Series:
        """The competence area of each test item, indexed by item id."""
        return self.test_items.set_index("item")["area"].rename("area")

    def option_text(self, item: str, option: str, lang: str = "en") -> str:
        """The text of `option` of test item `item` in `lang`."""
        self.check_language(lang)
        return self.raw["test"]["items"][item]["options"][option][lang]

    # ------------------------------------------------------------------ interviews
    @cached_property
    def interview_codes(self) -> pd.DataFrame:
        """One row per interview code: ``theme``, ``code``, ``label_<lang>``,
        ``theme_label_<lang>``, ``definition``."""
        rows = []
        for theme_id, theme in self.raw["interview_codes"]["themes"].items():
            for code_id, code in theme["codes"].items():
                row = {"theme": theme_id, "code": code_id}
                row.update({f"label_{lang}": code["labels"][lang] for lang in self.languages})
                row.update(
                    {f"theme_label_{lang}": theme["labels"][lang] for lang in self.languages}
                )
                row["definition"] = code.get("definition", "")
                rows.append(row)
        return pd.DataFrame(rows)

    def export_profile(self, tool: str) -> Mapping:
        """Column codes and answer codes of survey tool `tool` (e.g. ``"limesurvey_csv"``).

        A tool's CSV and Excel exports share their codes: a flavour without a profile of
        its own takes the profile of the same tool in the other container.

        Examples
        --------
        >>> book = Codebook.load()
        >>> book.export_profile("limesurvey_xlsx")["columns"]["G1Q1"]
        'country'
        """
        profiles = self.raw.get("exports", {})
        stem, _, container = tool.rpartition("_")
        other = {"csv": "xlsx", "xlsx": "csv"}.get(container)
        if tool not in profiles and other is not None and f"{stem}_{other}" in profiles:
            tool = f"{stem}_{other}"
        if tool not in profiles:
            raise KeyError(f"`tool` {tool!r} has no export profile; profiles: {list(profiles)}.")
        return profiles[tool]

    # ------------------------------------------------------------------ search
    def look_for(self, text: str) -> pd.DataFrame:
        """Search ids, item texts and labels in every language, like R's ``labelled::look_for``.

        Parameters
        ----------
        text : str
            Case- and accent-insensitive search text.

        Returns
        -------
        DataFrame
            One row per match: ``kind``, ``id``, ``lang``, ``text``.

        Examples
        --------
        >>> hits = Codebook.load().look_for("työpaikkaohjaaja")
        >>> "workplace_trainer" in set(hits["id"])
        True
        """
        needle = fold_accents(normalize_label(text))
        rows = [
            {"kind": kind, "id": entry_id, "lang": lang, "text": value}
            for kind, entry_id, lang, value in self._searchable()
            if needle in fold_accents(normalize_label(value)) or needle == entry_id.casefold()
        ]
        return pd.DataFrame(rows, columns=["kind", "id", "lang", "text"]).drop_duplicates()

    def _searchable(self):
        yield from _texts_of(self.raw["countries"], "country", "labels")
        yield from _texts_of(self.raw["groups"], "group", "labels")
        yield from _texts_of(self.raw["background"], "background", "text")
        yield from _texts_of(self.raw["scales"], "scale", "labels")
        for _, item_id, item in defined_items(self.raw):
            yield from (("item", item_id, lang, value) for lang, value in item["text"].items())
            for by_lang in item.get("text_by_group", {}).values():
                yield from (("item", item_id, lang, value) for lang, value in by_lang.items())
        for name, scale in self.raw["response_scales"].items():
            for code, labels in scale["values"].items():
                yield from (
                    ("response_label", f"{name}:{code}", lang, v) for lang, v in labels.items()
                )
            for reason, entry in scale.get("missing", {}).items():
                yield from (
                    ("missing_label", f"{name}:{reason}", lang, v)
                    for lang, v in entry["labels"].items()
                )
        yield from _texts_of(self.raw["multiselect"], "multiselect", "text")
        yield from _texts_of(self.raw["free_text"], "free_text", "text")
        for item_id in self.raw["free_text"]:
            yield from (("free_text", item_id, "any", v) for v in self.text_item_texts(item_id))
        yield from _texts_of(self.raw["test"]["areas"], "test_area", "labels")
        yield from _texts_of(self.raw["test"]["items"], "test_item", "stem")
        for theme_id, theme in self.raw["interview_codes"]["themes"].items():
            yield from (("theme", theme_id, lang, v) for lang, v in theme["labels"].items())
            yield from _texts_of(theme["codes"], "code", "labels")


def _texts_of(section: Mapping, kind: str, key: str):
    for entry_id, entry in section.items():
        yield kind, entry_id, "id", entry_id
        for lang, value in entry.get(key, {}).items():
            yield kind, entry_id, lang, value

"""Consistency checks of a codebook: every problem is collected, none stops the search."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

TEXT_TYPE = "text"
REQUIRED = ("languages", "countries", "groups", "response_scales", "background", "scales")


def defined_items(raw: Mapping) -> Iterator[tuple[str, str, Mapping]]:
    """Yield ``(scale, item, definition)`` of every Likert item defined in a scale.

    A scale whose ``items`` is a list is a composite of items defined elsewhere and
    defines none itself.
    """
    for scale_id, scale in raw.get("scales", {}).items():
        if isinstance(scale.get("items"), Mapping):
            for item_id, item in scale["items"].items():
                yield scale_id, item_id, item


def find_problems(raw: Mapping) -> list[str]:
    """Return a list of human-readable problems of the codebook `raw` (empty when sound)."""
    missing = [section for section in REQUIRED if section not in raw]
    if missing:
        return [f"required section(s) {missing} missing: add them to a codebook YAML file."]
    languages = list(raw["languages"])
    problems: list[str] = []
    problems += _translation_problems(raw, languages)
    problems += _duplicate_id_problems(raw)
    problems += _response_scale_problems(raw, languages)
    problems += _scale_problems(raw)
    problems += _background_problems(raw, languages)
    problems += _text_item_problems(raw)
    if "test" in raw:
        problems += _test_problems(raw["test"])
    return problems


def _texts(raw: Mapping) -> Iterator[tuple[str, Mapping]]:
    """Yield ``(where, {lang: text})`` for every translated text of the codebook."""
    for section in ("countries", "groups"):
        for entry_id, entry in raw.get(section, {}).items():
            yield f"{section}.{entry_id}.labels", entry.get("labels", {})
    for name, scale in raw.get("response_scales", {}).items():
        for code, labels in scale.get("values", {}).items():
            yield f"response_scales.{name}.values.{code}", labels
        for reason, entry in scale.get("missing", {}).items():
            yield f"response_scales.{name}.missing.{reason}.labels", entry.get("labels", {})
    for item_id, item in raw.get("background", {}).items():
        yield f"background.{item_id}.text", item.get("text", {})
        for code, labels in item.get("values", {}).items():
            yield f"background.{item_id}.values.{code}", labels
    for scale_id, scale in raw.get("scales", {}).items():
        yield f"scales.{scale_id}.labels", scale.get("labels", {})
    for scale_id, item_id, item in defined_items(raw):
        yield f"scales.{scale_id}.items.{item_id}.text", item.get("text", {})
        for group, texts in item.get("text_by_group", {}).items():
            yield f"scales.{scale_id}.items.{item_id}.text_by_group.{group}", texts
    for item_id, item in raw.get("multiselect", {}).items():
        yield f"multiselect.{item_id}.text", item.get("text", {})
        for option, labels in item.get("options", {}).items():
            yield f"multiselect.{item_id}.options.{option}", labels
    for item_id, item in raw.get("free_text", {}).items():
        yield f"free_text.{item_id}.text", item.get("text", {})
        for group, texts in item.get("text_by_group", {}).items():
            yield f"free_text.{item_id}.text_by_group.{group}", texts
    test = raw.get("test", {})
    for area_id, area in test.get("areas", {}).items():
        yield f"test.areas.{area_id}.labels", area.get("labels", {})
    for item_id, item in test.get("items", {}).items():
        yield f"test.items.{item_id}.stem", item.get("stem", {})
        for option, labels in item.get("options", {}).items():
            yield f"test.items.{item_id}.options.{option}", labels
    for theme_id, theme in raw.get("interview_codes", {}).get("themes", {}).items():
        yield f"interview_codes.{theme_id}.labels", theme.get("labels", {})
        for code_id, code in theme.get("codes", {}).items():
            yield f"interview_codes.{theme_id}.codes.{code_id}.labels", code.get("labels", {})


def _translation_problems(raw: Mapping, languages: list[str]) -> list[str]:
    problems = []
    for where, texts in _texts(raw):
        if not isinstance(texts, Mapping):
            problems.append(f"{where} must map each language to a text; got {texts!r}.")
            continue
        absent = [lang for lang in languages if not str(texts.get(lang) or "").strip()]
        if absent:
            problems.append(f"{where} lacks a translation in {absent}: add the text.")
        extra = sorted(set(texts) - set(languages))
        if extra:
            problems.append(f"{where} has unknown language(s) {extra}: use one of {languages}.")
    return problems


def _duplicate_id_problems(raw: Mapping) -> list[str]:
    """Item ids must be unique across scales, background items, test items and codes."""
    namespaces = {
        "item": [item_id for _, item_id, _ in defined_items(raw)]
        + list(raw.get("background", {}))
        + list(raw.get("multiselect", {}))
        + list(raw.get("free_text", {}))
        + list(raw.get("test", {}).get("items", {})),
        "interview code": [
            code
            for theme in raw.get("interview_codes", {}).get("themes", {}).values()
            for code in theme.get("codes", {})
        ],
    }
    problems = []
    for namespace, ids in namespaces.items():
        for entry_id, count in Counter(ids).items():
            if count > 1:
                problems.append(
                    f"duplicate {namespace} id {entry_id!r} ({count} times): give each a unique id."
                )
    return problems


def _response_scale_problems(raw: Mapping, languages: list[str]) -> list[str]:
    problems = []
    for name, scale in raw["response_scales"].items():
        codes = {int(code) for code in scale.get("values", {})}
        missing_codes = [int(entry.get("code", -1)) for entry in scale.get("missing", {}).values()]
        clash = codes.intersection(missing_codes)
        if clash:
            problems.append(
                f"response_scales.{name}: missing code(s) {sorted(clash)} are also answer codes."
            )
        for lang in languages:
            labels = [labels.get(lang, "") for labels in scale.get("values", {}).values()]
            repeated = [label for label, count in Counter(labels).items() if count > 1 and label]
            if repeated:
                problems.append(
                    f"response_scales.{name}: label(s) {repeated} repeated in {lang!r}."
                )
        for lang, variants in scale.get("variants", {}).items():
            unknown = {
                label: code for label, code in variants.items() if not _is_code_in(code, codes)
            }
            if unknown:
                problems.append(
                    f"response_scales.{name}.variants.{lang}: "
                    f"codes of {unknown} are not answer codes."
                )
    return problems


def _background_problems(raw: Mapping, languages: list[str]) -> list[str]:
    """Variants of background answers name known codes; a numeric range is [low, high]."""
    problems = []
    for item_id, item in raw["background"].items():
        codes = {int(code) for code in item.get("values", {})}
        for lang, variants in item.get("variants", {}).items():
            if lang not in languages:
                problems.append(
                    f"background.{item_id}.variants has unknown language {lang!r}: "
                    f"use one of {languages}."
                )
            unknown = {
                label: code for label, code in variants.items() if not _is_code_in(code, codes)
            }
            if unknown:
                problems.append(
                    f"background.{item_id}.variants.{lang}: codes of {unknown} are not among "
                    f"the item's values {sorted(codes)}."
                )
        bounds = item.get("range")
        if bounds is not None and not (
            isinstance(bounds, list)
            and len(bounds) == 2
            and all(isinstance(bound, int | float) for bound in bounds)
            and bounds[0] <= bounds[1]
        ):
            problems.append(
                f"background.{item_id}.range must be [lowest, highest]; got {bounds!r}."
            )
    return problems


def _text_item_problems(raw: Mapping) -> list[str]:
    """Open questions are of type ``text`` and name known respondent groups."""
    problems = []
    known = list(raw["groups"])
    for item_id, item in raw.get("free_text", {}).items():
        kind = item.get("type")
        if kind != TEXT_TYPE:
            problems.append(
                f"free_text.{item_id}.type must be {TEXT_TYPE!r} (an open question); got {kind!r}."
            )
        groups = item.get("groups")
        if not isinstance(groups, list) or not groups:
            problems.append(
                f"free_text.{item_id}.groups must list the respondent groups asked "
                f"(some of {known}); got {groups!r}."
            )
            groups = []
        named = [*groups, *item.get("text_by_group", {})]
        unknown = sorted({str(group) for group in named} - set(known))
        if unknown:
            problems.append(
                f"free_text.{item_id} names unknown respondent group(s) {unknown}: "
                f"use some of {known}."
            )
    return problems


def _scale_problems(raw: Mapping) -> list[str]:
    problems = []
    known_items = {item_id for _, item_id, _ in defined_items(raw)}
    response_scales = set(raw["response_scales"])
    groups = set(raw["groups"])
    for scale_id, scale in raw["scales"].items():
        items = scale.get("items")
        if not items:
            problems.append(f"scales.{scale_id} has no items.")
            continue
        if not isinstance(items, Mapping):
            unknown = [item for item in items if item not in known_items]
            if unknown:
                problems.append(
                    f"scales.{scale_id} names unknown item(s) {unknown}: "
                    "define them in a scale first."
                )
            continue
        if scale.get("response_scale") not in response_scales:
            problems.append(
                f"scales.{scale_id}.response_scale {scale.get('response_scale')!r} is not one of "
                f"{sorted(response_scales)}."
            )
        for item_id, item in items.items():
            if not isinstance(item.get("reverse", False), bool):
                problems.append(f"scales.{scale_id}.items.{item_id}.reverse must be true or false.")
            unknown_groups = sorted(set(item.get("text_by_group", {})) - groups)
            if unknown_groups:
                problems.append(
                    f"scales.{scale_id}.items.{item_id}.text_by_group names unknown group(s) "
                    f"{unknown_groups}; groups: {sorted(groups)}."
                )
    return problems


def _test_problems(test: Mapping) -> list[str]:
    problems = []
    options = list(test.get("options", []))
    areas = set(test.get("areas", {}))
    items = test.get("items", {})
    for item_id, item in items.items():
        if item.get("key") not in options:
            problems.append(
                f"test.items.{item_id}.key {item.get('key')!r} is not one of the options {options}."
            )
        if sorted(item.get("options", {})) != sorted(options):
            problems.append(
                f"test.items.{item_id} has options {sorted(item.get('options', {}))}; "
                f"every item needs exactly {options}."
            )
        if item.get("area") not in areas:
            problems.append(
                f"test.items.{item_id}.area {item.get('area')!r} is not one of {sorted(areas)}."
            )
    cut = test.get("cut_score")
    if not isinstance(cut, int) or not 0 < cut <= len(items):
        problems.append(
            f"test.cut_score must be a whole number from 1 to {len(items)}; got {cut!r}."
        )
    return problems


def _is_code_in(code, codes: set[int]) -> bool:
    try:
        return int(code) in codes
    except (TypeError, ValueError):
        return False

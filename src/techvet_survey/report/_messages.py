"""Every word of the report in the five study languages: one message catalogue.

``report/data/messages.yaml`` maps a message id to its text in each language
(``en``, ``fi``, ``et``, ``lv``, ``nl``). Sentences built from the numbers are
templates whose placeholders (``{n}``, ``{scale}``) the report fills, so each language
writes its own word order and cases; the report never glues English fragments. Ids
say where a message is used:

- ``nb.<cell id>``: a markdown cell of a report notebook (the English entry is the
  cell's text, which the HTML report replaces in the other languages);
- ``caption.*``: the caption of a table a notebook shows;
- ``find.*``, ``sum.*``, ``lim.*``, ``profile.*``, ``test.*``, ``int.*``: sentences of
  the findings; ``col.*`` and ``value.*``: table headers and cell words; ``html.*``,
  ``front.*``, ``note.*``: the page itself.

Names of things (countries, groups, scales, items, interview codes) come from the
codebook, which has them in the same five languages.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from techvet_survey.errors import ArgumentError

CATALOGUE = Path(__file__).resolve().parent / "data" / "messages.yaml"
LANGUAGES = ("en", "fi", "et", "lv", "nl")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """The message catalogue: ``{id: {lang: text}}``."""
    from techvet_survey._yaml import load_yaml

    return load_yaml(CATALOGUE)


def placeholders(template: str) -> set[str]:
    """The names of the placeholders of `template`.

    Examples
    --------
    >>> sorted(placeholders("{n} of {total} ({ref})"))
    ['n', 'ref', 'total']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def has_text(key: str) -> bool:
    """Whether the catalogue has message `key`."""
    return key in catalogue()


def text(key: str, lang: str = "en", /, **values) -> str:
    """Message `key` in `lang` with its placeholders filled from `values`.

    Examples
    --------
    >>> text("html.table", "fi", number=5)
    'Taulukko 5'
    """
    entry = catalogue().get(key)
    if entry is None:
        raise ArgumentError(
            f"no message {key!r} in the report's catalogue ({CATALOGUE.name}); add it "
            "there in every language."
        )
    if lang not in entry:
        raise ArgumentError(f"`lang` must be one of {list(LANGUAGES)}; got {lang!r}.")
    return entry[lang].format(**values)


def cell_text(cell, lang: str = "en") -> str:
    """The text of a notebook markdown `cell` in `lang`: its catalogue entry
    ``nb.<cell id>`` when there is one, else the cell's own text."""
    key = f"nb.{cell.get('id', '')}"
    source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
    return text(key, lang) if lang != "en" and has_text(key) else source

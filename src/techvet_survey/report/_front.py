"""The report's front matter: title, study, dates, consortium, funder, version, and a
banner when the data are the bundled synthetic study."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

from techvet_survey import __version__
from techvet_survey.codebook import Codebook
from techvet_survey.report._messages import text as message

TRUTH_FILE = Path("truth") / "truth.json"
"""Where :func:`techvet_survey.synth.write_study` records the planted truth of a
synthetic study, inside its raw folder."""


def is_synthetic(raw_dir: str | Path) -> bool:
    """Whether `raw_dir` holds a study written by the synthetic generator: its
    ``truth/truth.json`` with the generator's seed and planted survey parameters.

    Examples
    --------
    >>> is_synthetic("data/raw"), is_synthetic("no/such/folder")
    (True, False)
    """
    path = Path(raw_dir) / TRUTH_FILE
    if not path.is_file():
        return False
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(truth, dict) and {"seed", "survey"} <= set(truth)


def data_date(survey) -> dt.date | None:
    """The date of the data: the latest submission in the processed survey (None when
    the survey has no submission times)."""
    if survey is None or "submitted_at" not in survey or survey["submitted_at"].isna().all():
        return None
    return survey["submitted_at"].max().date()


def run_date() -> dt.date:
    """Today (UTC), or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


@dataclass(frozen=True)
class FrontMatter:
    """What the report says about itself before its contents."""

    title: str
    study: str
    consortium: str
    funder: str
    data_date: dt.date | None
    run_date: dt.date
    version: str
    synthetic: bool
    lang: str = "en"

    def html(self) -> str:
        """The front matter as the report's header lines (all text escaped).

        Examples
        --------
        >>> front = FrontMatter("R & D", "S", "C", "F", None, dt.date(2026, 1, 2), "1.0", True)
        >>> print(front.html())  # doctest: +ELLIPSIS
        <p class="banner"><strong>Synthetic data.</strong> These results come from ...</p>
        <p class="meta">Study: S. C.</p>
        <p class="meta">F.</p>
        <p class="meta">Data: no submission dates. Report run: 2026-01-02. techvet_survey 1.0.</p>
        """
        lines, lang = [], self.lang
        if self.synthetic:
            lines.append(
                f'<p class="banner"><strong>{html.escape(message("front.synthetic", lang))}'
                f"</strong> {html.escape(message('front.banner', lang))}</p>"
            )
        study = message("front.study", lang, study=_sentence(self.study))
        lines.append(f'<p class="meta">{study} {_sentence(self.consortium)}'.rstrip() + "</p>")
        if self.funder:
            lines.append(f'<p class="meta">{_sentence(self.funder)}</p>')
        data = (
            message("front.data_date", lang, date=self.data_date.isoformat())
            if self.data_date
            else message("front.no_data_date", lang)
        )
        run = message("front.run_date", lang, date=self.run_date.isoformat())
        lines.append(
            f'<p class="meta">{html.escape(data)} {html.escape(run)} '
            f"techvet_survey {html.escape(self.version)}.</p>"
        )
        return "\n".join(lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return html.escape(text if text.endswith((".", "!", "?")) else f"{text}.") if text else ""


def _in_language(value, lang: str) -> str:
    """A study line of the codebook: one text, or one per language (English when `lang`
    has none)."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    return str(value or "")


def front_matter(
    raw_dir: str | Path, survey=None, codebook: Codebook | None = None, *, lang: str = "en"
) -> FrontMatter:
    """The front matter of a report on the study in `raw_dir`.

    Parameters
    ----------
    raw_dir : str or Path
        The raw exports (only checked for the synthetic study's truth file).
    survey : DataFrame, optional
        The processed survey, for the date of the data.
    codebook : Codebook, optional
        Its ``study`` section gives the title, study name, consortium and funder lines
        (edit them there: one text, or one per language); the bundled codebook by default.
    lang : str
        Language of the front matter.
    """
    book = codebook or Codebook.load()
    study = book.raw.get("study", "")
    if not isinstance(study, dict):
        study = {"name": str(study)}
    name = str(study.get("name", ""))
    title = _in_language(study.get("title"), lang)
    return FrontMatter(
        title=title or message("front.title", lang, study=name),
        study=name,
        consortium=_in_language(study.get("consortium"), lang),
        funder=_in_language(study.get("funder"), lang),
        data_date=data_date(survey),
        run_date=run_date(),
        version=__version__,
        synthetic=is_synthetic(raw_dir),
        lang=lang,
    )

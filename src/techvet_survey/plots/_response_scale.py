"""The answer scale a Likert figure draws: codes with labels, and its missing codes.

The study's scales come from the codebook; any other data bring their own labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError

MAX_CATEGORIES = 11
"""The most answer categories a diverging bar tells apart (a 0-10 scale)."""

DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class ResponseScale:
    """An ordered answer scale: answer codes with labels, low to high, and missing codes.

    Parameters
    ----------
    labels : sequence of str or mapping of int to str
        The answer labels, lowest first: a list labels the codes 1..k, a dict
        ``{code: label}`` any whole-number codes (``{0: "Never", ..., 4: "Always"}``).
        Between 2 and 11 categories.
    missing : sequence of int or mapping of int to str, optional
        Codes in the item columns that are no answer on the scale: a list of codes
        (``[8, 9]``) counts them all as "don't know"; a dict ``{8: "Don't know",
        9: "Not applicable"}`` keeps each apart, under its label.
    name : str, optional
        A name for messages.

    Examples
    --------
    >>> scale = ResponseScale(["Disagree", "Rather disagree", "Rather agree", "Agree"],
    ...                       missing=[9])
    >>> scale.codes, scale.missing_codes
    ((1, 2, 3, 4), {9: 'dont_know'})
    """

    labels: Sequence[str] | Mapping[int, str]
    missing: Sequence[int] | Mapping[int, str] = ()
    name: str | None = None
    answers: dict[int, str] = field(init=False, repr=False)
    missing_codes: dict[int, str] = field(init=False, repr=False)
    missing_labels: dict[str, str | None] = field(init=False, repr=False)

    def __post_init__(self):
        answers = _answer_labels(self.labels)
        missing_codes, missing_labels = _missing(self.missing, answers)
        object.__setattr__(self, "answers", answers)
        object.__setattr__(self, "missing_codes", missing_codes)
        object.__setattr__(self, "missing_labels", missing_labels)

    @property
    def codes(self) -> tuple[int, ...]:
        """The answer codes, low to high."""
        return tuple(self.answers)

    @property
    def reasons(self) -> dict[str, int]:
        """Missing reason -> its (first) code, in code order."""
        out: dict[str, int] = {}
        for code, reason in sorted(self.missing_codes.items()):
            out.setdefault(reason, code)
        return out

    @classmethod
    def from_codebook(cls, codebook: Codebook, name: str, lang: str = "en") -> ResponseScale:
        """Response scale `name` of `codebook`, labelled in `lang`.

        Examples
        --------
        >>> from techvet_survey.codebook import Codebook
        >>> scale = ResponseScale.from_codebook(Codebook.load(), "agree5", "nl")
        >>> scale.answers[5], scale.missing_codes
        ('Helemaal mee eens', {8: 'dont_know', 9: 'not_applicable'})
        """
        labels = codebook.value_labels(name, lang)
        reasons = codebook.missing_codes(name)
        texts = codebook.missing_labels(name, lang)
        scale = cls(labels=labels, missing=texts, name=name)
        object.__setattr__(scale, "missing_codes", dict(sorted(reasons.items())))
        object.__setattr__(
            scale, "missing_labels", {reasons[code]: texts[code] for code in sorted(reasons)}
        )
        return scale


def _whole(code, argument: str) -> int:
    try:
        whole = int(code)
    except (TypeError, ValueError):
        whole = None
    if whole is None or isinstance(code, bool) or whole != code:
        raise ArgumentError(
            f"`{argument}` codes must be whole numbers; got {code!r}. Give answer codes "
            "as integers."
        )
    return whole


def _answer_labels(labels) -> dict[int, str]:
    if isinstance(labels, Mapping):
        pairs = [(_whole(code, "labels"), str(label)) for code, label in labels.items()]
    elif isinstance(labels, Sequence) and not isinstance(labels, str):
        pairs = [(code, str(label)) for code, label in enumerate(labels, start=1)]
    else:
        raise ArgumentError(
            f"`labels` must be a list of answer labels (codes 1..k, lowest first) or a "
            f"{{code: label}} dict; got {labels!r}."
        )
    if not 2 <= len(pairs) <= MAX_CATEGORIES:
        raise ArgumentError(
            f"`labels` gives {len(pairs)} answer categories; a diverging bar draws 2 to "
            f"{MAX_CATEGORIES}. Collapse categories or give one label per answer code."
        )
    texts = [label for _, label in pairs]
    if len(set(texts)) < len(texts):
        raise ArgumentError(
            f"`labels` repeats a label ({texts}); give each answer category its own label."
        )
    return dict(sorted(pairs))


def _missing(missing, answers) -> tuple[dict[int, str], dict[str, str | None]]:
    if isinstance(missing, Mapping):
        codes = {_whole(code, "missing"): str(label) for code, label in missing.items()}
        labels: dict[str, str | None] = {label: label for label in codes.values()}
    elif isinstance(missing, Sequence) and not isinstance(missing, str):
        codes = {_whole(code, "missing"): DONT_KNOW for code in missing}
        labels = {DONT_KNOW: None} if codes else {}
    else:
        raise ArgumentError(
            f"`missing` must be a list of codes or a {{code: label}} dict; got {missing!r}."
        )
    clash = sorted(set(codes) & set(answers))
    if clash:
        raise ArgumentError(
            f"`missing` codes {clash} are also answer codes of `labels`; a code is either an "
            "answer or a reason for no answer."
        )
    return dict(sorted(codes.items())), labels

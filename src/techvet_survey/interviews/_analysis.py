"""Code frequencies, code co-occurrence and example quotes from coded segments."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._results import Result
from techvet_survey._validation import check_argument, check_columns
from techvet_survey.io.qda import as_segments, resolve_scrubber, scrub_texts

GRANULARITIES = ("code", "theme")


def select_coder(segments: pd.DataFrame, coder: str | None) -> pd.DataFrame:
    """The segments of one coder per document, so double coding is not counted twice.

    ``coder="primary"`` keeps, in each document, the segments of the coder who coded the
    most documents overall (ties: alphabetical); a coder name keeps that coder's
    segments; ``None`` keeps every segment.
    """
    if coder is None:
        return segments
    if coder == "primary":
        workload = segments.groupby("coder")["document"].nunique()
        rank = {
            name: position
            for position, name in enumerate(
                sorted(workload.index, key=lambda name: (-workload[name], str(name)))
            )
        }
        ranks = segments["coder"].map(rank)
        best = ranks.groupby(segments["document"]).transform("min")
        return segments[ranks == best]
    known = sorted(segments["coder"].dropna().unique())
    if coder not in known:
        raise ValueError(f"`coder` must be 'primary', None or one of {known}; got {coder!r}.")
    return segments[segments["coder"] == coder]


def _category_column(segments: pd.DataFrame, granularity: str) -> str:
    """The column holding the categories counted: ``code`` or ``theme``."""
    check_argument("granularity", GRANULARITIES, granularity)
    if granularity == "theme" and segments["theme"].isna().all():
        raise ValueError(
            "`granularity='theme'` needs the themes of the codes: read the segments with "
            "`codes=` (a code book with code and theme), or use granularity='code'."
        )
    return granularity


def _by_columns(segments: pd.DataFrame, by) -> list[str]:
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    return check_columns(segments, by, "by") if by else []


def code_frequencies(
    segments,
    *,
    by: str | Sequence[str] | None = ("country", "group"),
    granularity: str = "code",
    coder: str | None = "primary",
) -> pd.DataFrame:
    """How often each code (or theme) occurs, by group: segments and documents.

    Parameters
    ----------
    segments : DataFrame or CodedInterviews
        Coded segments (from :func:`read_qdpx` or :func:`read_segments`).
    by : str or sequence of str, optional
        Grouping columns (case variables); None for the whole study.
    granularity : {"code", "theme"}
        Count codes, or themes (a theme is mentioned where any of its codes is).
    coder : "primary", str or None
        Whose coding is counted in double-coded documents: the primary coder (the one
        who coded the most documents; default), a named coder, or everyone (None).

    Returns
    -------
    DataFrame
        One row per group and code/theme: the `by` columns, ``theme`` (and ``code``),
        ``n_segments`` (distinct coded spans), ``n_documents`` (documents mentioning it),
        ``n_documents_total`` (documents of the group) and ``share_documents``.

    Examples
    --------
    >>> segments = pd.DataFrame({
    ...     "document": ["d1", "d1", "d2"], "coder": "A", "code": ["x", "x", "y"],
    ...     "theme": "t", "start": [0, 10, 0], "end": [5, 15, 5], "country": "FI"})
    >>> code_frequencies(segments, by="country")[["code", "n_segments", "share_documents"]]
      code  n_segments  share_documents
    0    x           2              0.5
    1    y           1              0.5
    """
    data = select_coder(as_segments(segments), coder)
    column = _category_column(data, granularity)
    by = _by_columns(data, by)
    keys = [*by, "theme"] if column == "theme" else [*by, "theme", "code"]
    keys = [key for key in keys if key in data]
    spans = data.drop_duplicates([*keys, "document", "coder", "start", "end"])
    counts = spans.groupby(keys, dropna=False).agg(
        n_segments=("start", "size"), n_documents=("document", "nunique")
    )
    counts = counts.reset_index()
    if by:
        totals = data.groupby(by, dropna=False)["document"].nunique().rename("n_documents_total")
        counts = counts.merge(totals.reset_index(), on=by, how="left")
    else:
        counts["n_documents_total"] = data["document"].nunique()
    counts["share_documents"] = counts["n_documents"] / counts["n_documents_total"]
    return counts.sort_values(keys).reset_index(drop=True)


@dataclass(frozen=True)
class Cooccurrence(Result):
    """Code co-occurrence.

    Attributes
    ----------
    pairs : DataFrame
        One row per pair of codes: ``code_a``, ``code_b``, ``n_a``, ``n_b``,
        ``n_both``, ``jaccard``.
    counts : DataFrame
        Code-by-code matrix of ``n_both``, with ``n_a`` on the diagonal.
    jaccard : DataFrame
        Code-by-code matrix of the Jaccard (c-) coefficient, 1 on the diagonal.
    """

    pairs: pd.DataFrame
    counts: pd.DataFrame
    jaccard: pd.DataFrame


def _overlapping_pairs(data: pd.DataFrame, window: int | None) -> pd.DataFrame:
    """Pairs of segments of different codes by the same coder in the same document whose
    spans overlap (or lie at most `window` characters apart)."""
    left = data[["document", "coder", "code", "start", "end"]].reset_index(names="id")
    pairs = left.merge(left, on=["document", "coder"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["code_a"] != pairs["code_b"]]
    if window is None:
        close = (pairs["start_b"] < pairs["end_a"]) & (pairs["start_a"] < pairs["end_b"])
    else:
        close = (pairs["start_b"] - pairs["end_a"] <= window) & (
            pairs["start_a"] - pairs["end_b"] <= window
        )
    return pairs[close]


def code_cooccurrence(
    segments,
    *,
    unit: str = "segment",
    window: int | None = None,
    granularity: str = "code",
    coder: str | None = "primary",
) -> Cooccurrence:
    """Which codes occur together: in overlapping segments or in the same documents.

    Parameters
    ----------
    segments : DataFrame or CodedInterviews
        Coded segments.
    unit : {"segment", "document"}
        ``"segment"``: two codes co-occur where segments of the same coder in the same
        document overlap (or lie within `window` characters); ``"document"``: where
        both codes occur in the same document.
    window : int, optional
        For ``unit="segment"``: also count spans up to this many characters apart.
    granularity : {"code", "theme"}
        Co-occurrence of codes or of themes.
    coder : "primary", str or None
        Whose coding is used in double-coded documents (see :func:`code_frequencies`).

    Returns
    -------
    Cooccurrence
        ``.pairs`` (tidy), ``.counts`` and ``.jaccard`` (matrices).

    Notes
    -----
    Document unit: ``n_both`` is the number of documents with both codes, and
    ``jaccard = n_both / (n_a + n_b - n_both)`` with ``n_a`` the documents with code a.
    Segment unit: ``n_a`` is the number of segments coded a, ``n_both`` the number of
    segments coded a that overlap a segment coded b plus those coded b that overlap one
    coded a, halved (each co-occurring pair of segments counts once); the coefficient is
    ATLAS.ti's c-coefficient ``n_both / (n_a + n_b - n_both)`` [1]_.

    References
    ----------
    .. [1] Friese, S. (2019). *Qualitative Data Analysis with ATLAS.ti* (3rd ed.). Sage.

    Examples
    --------
    >>> segments = pd.DataFrame({
    ...     "document": "d1", "coder": "A", "code": ["x", "y", "z"], "theme": "t",
    ...     "start": [0, 5, 40], "end": [10, 20, 50]})
    >>> result = code_cooccurrence(segments)
    >>> result.counts
    code  x  y  z
    code
    x     1  1  0
    y     1  1  0
    z     0  0  1
    """
    check_argument("unit", ("segment", "document"), unit)
    if window is not None and (
        unit != "segment" or not isinstance(window, (int, np.integer)) or window < 0
    ):
        raise ValueError(
            "`window` must be a non-negative whole number of characters and needs "
            f"unit='segment'; got window={window!r}, unit={unit!r}."
        )
    data = select_coder(as_segments(segments), coder)
    column = _category_column(data, granularity)
    data = data.assign(code=data[column]).drop_duplicates(
        ["document", "coder", "code", "start", "end"]
    )
    names = sorted(data["code"].dropna().unique())
    if unit == "document":
        presence = pd.crosstab(data["document"], data["code"]).clip(upper=1)
        presence = presence.reindex(columns=names, fill_value=0)
        both = presence.T @ presence
    else:
        pairs = _overlapping_pairs(data, window)
        # a segment of code a co-occurs with code b if it meets any segment of code b
        meets = pairs.drop_duplicates(["id_a", "code_b"])
        directed = pd.crosstab(meets["code_a"], meets["code_b"])
        directed = directed.reindex(index=names, columns=names, fill_value=0)
        matrix = (directed.to_numpy() + directed.to_numpy().T) / 2.0
        matrix[np.diag_indices(len(names))] = data["code"].value_counts().reindex(names)
        if np.allclose(matrix, np.round(matrix)):
            matrix = np.round(matrix).astype("int64")
        both = pd.DataFrame(matrix, index=names, columns=names)
    both.index.name = both.columns.name = "code"
    sizes = pd.Series(np.diag(both), index=names)
    union = sizes.to_numpy()[:, None] + sizes.to_numpy()[None, :] - both.to_numpy()
    jaccard = pd.DataFrame(both.to_numpy() / union, index=both.index, columns=both.columns)
    upper = np.triu_indices(len(names), k=1)
    tidy = pd.DataFrame(
        {
            "code_a": np.asarray(names)[upper[0]],
            "code_b": np.asarray(names)[upper[1]],
            "n_a": sizes.to_numpy()[upper[0]],
            "n_b": sizes.to_numpy()[upper[1]],
            "n_both": both.to_numpy()[upper],
            "jaccard": jaccard.to_numpy()[upper],
        }
    )
    return Cooccurrence(pairs=tidy, counts=both, jaccard=jaccard)


def quotes(
    segments,
    code: str,
    *,
    by: str | Sequence[str] | None = "country",
    n: int = 3,
    min_chars: int = 40,
    granularity: str = "code",
    seed: int | np.random.Generator | None = None,
    scrub="auto",
) -> pd.DataFrame:
    """Example quotes of a code, shortest adequate quote first, with anonymous sources.

    Parameters
    ----------
    segments : DataFrame or CodedInterviews
        Coded segments with ``text`` and ``source`` (anonymous label).
    code : str
        The code (or theme, with ``granularity="theme"``) to quote.
    by : str or sequence of str, optional
        Quotes are chosen within each group (e.g. per country).
    n : int
        Quotes per group.
    min_chars : int
        An *adequate* quote has at least this many characters (after trimming); shorter
        segments are too fragmentary to stand alone.
    granularity : {"code", "theme"}
        Whether `code` names a code or a theme.
    seed : int or numpy.random.Generator, optional
        Breaks ties between quotes of equal length at random (reproducibly).
    scrub : "auto", callable or None
        Personal data removal applied to each quote (see :func:`read_segments`).

    Returns
    -------
    DataFrame
        One row per quote: the `by` columns, ``code``, ``rank``, ``quote``,
        ``n_chars``, ``source`` (e.g. ``FI-company-03``), ``start``, ``end``. At most one
        quote per document is taken while other documents still have one to offer.

    Examples
    --------
    >>> segments = pd.DataFrame({
    ...     "document": ["d1", "d2"], "source": ["FI-company-01", "FI-company-02"],
    ...     "coder": "A", "code": "x", "theme": "t", "start": 0, "end": [60, 45],
    ...     "text": ["A long answer about mentoring apprentices at the workplace.",
    ...              "Mentoring works when the school visits us."],
    ...     "country": "FI"})
    >>> quotes(segments, "x", n=1, scrub=None)[["source", "n_chars"]]
              source  n_chars
    0  FI-company-02       42
    """
    scrubber = resolve_scrubber(scrub)
    data = as_segments(segments)
    check_columns(data, ["text", "source"], "segments")
    column = _category_column(data, granularity)
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"`n` must be a positive whole number; got {n!r}.")
    by = _by_columns(data, by)
    chosen = data[data[column] == code]
    if chosen.empty:
        known = sorted(data[column].dropna().unique())[:10]
        raise ValueError(f"`code` {code!r} has no segments; known {column}s include {known}.")
    chosen = chosen.drop_duplicates(["document", "start", "end"]).copy()
    chosen["quote"] = scrub_texts(chosen["text"].astype("string").str.strip(), scrubber)
    chosen["n_chars"] = chosen["quote"].str.len()
    chosen = chosen[chosen["n_chars"] >= min_chars]
    rng = np.random.default_rng(seed)
    chosen = chosen.assign(_tie=rng.permutation(len(chosen)))
    # Shortest first; within a document only its shortest quote comes first.
    chosen = chosen.sort_values(["n_chars", "_tie"])
    chosen["_repeat"] = chosen.groupby("document").cumcount()
    chosen = chosen.sort_values(["_repeat", "n_chars", "_tie"])
    groups = chosen.groupby(by, sort=True, dropna=False) if by else [((), chosen)]
    picked = [group.head(n) for _, group in groups]
    result = pd.concat(picked) if picked else chosen.head(0)
    if by:
        all_groups = data[by].drop_duplicates()
        empty = all_groups.merge(result[by].drop_duplicates(), how="left", indicator=True)
        empty = empty[empty["_merge"] == "left_only"]
        if len(empty):
            warnings.warn(
                f"No adequate quote (>= {min_chars} characters) of {code!r} for "
                f"{len(empty)} group(s): {empty[by].to_dict('records')[:5]}.",
                UserWarning,
                stacklevel=2,
            )
    result = result.assign(code=code)
    result["rank"] = (
        result.groupby(by, dropna=False).cumcount() + 1 if by else np.arange(1, len(result) + 1)
    )
    columns = [*by, "code", "rank", "quote", "n_chars", "source", "start", "end"]
    return result[columns].reset_index(drop=True)

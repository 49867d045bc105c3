"""REFI-QDA projects (.qdpx): reading and writing.

A .qdpx file is a zip archive holding ``project.qde`` (XML in the namespace
``urn:QDA-XML:project:1.0``) and the plain text of each text source under
``Sources/`` (referred to as ``internal://<file>``). Selections are character
offsets into that text, start inclusive and end exclusive (REFI-QDA 1.5).
"""

from __future__ import annotations

import uuid
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.errors import InputError
from techvet_survey.io.qda._positions import (
    MIN_SELECTIONS_CHECKED,
    UNITS,
    SourceText,
    detect_unit,
    misaligned,
)
from techvet_survey.io.qda._safety import DEFAULT_MAX_BYTES, open_archive, parse_xml, read_member
from techvet_survey.io.qda._table import (
    CodedInterviews,
    case_variable_name,
    code_themes,
    finish,
    resolve_scrubber,
    skipped_row,
)

NAMESPACE = "urn:QDA-XML:project:1.0"
_INTERNAL = "internal://"


def _local(element: ElementTree.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element | None, name: str) -> list[ElementTree.Element]:
    if element is None:
        return []
    return [child for child in element if _local(child) == name]


def _child(element: ElementTree.Element | None, name: str) -> ElementTree.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _codes(root: ElementTree.Element) -> pd.DataFrame:
    """The code hierarchy: guid, code, parent, theme (top-level ancestor), description."""
    rows = []

    def walk(element, parent, theme):
        for code in _children(element, "Code"):
            name = code.get("name", "")
            description = _child(code, "Description")
            rows.append(
                {
                    "guid": code.get("guid"),
                    "code": name,
                    "parent": parent,
                    "theme": theme or name,
                    "description": None if description is None else (description.text or ""),
                }
            )
            walk(code, name, theme or name)

    walk(_child(_child(root, "CodeBook"), "Codes"), None, None)
    return pd.DataFrame(rows, columns=["guid", "code", "parent", "theme", "description"])


def _variable_value(element: ElementTree.Element) -> object:
    for child in element:
        kind = _local(child)
        if kind.endswith("Value"):
            text = child.text
            if kind == "IntegerValue" and text is not None:
                return int(text)
            if kind == "FloatValue" and text is not None:
                return float(text)
            if kind == "BooleanValue" and text is not None:
                return text.strip().lower() in ("true", "1")
            return text
    return None


def _case_variables(root: ElementTree.Element) -> dict[str, dict[str, object]]:
    """Case variables of each source guid, from Cases (and variables set on sources)."""
    names = {
        variable.get("guid"): case_variable_name(variable.get("name", ""))
        for variable in _children(_child(root, "Variables"), "Variable")
    }

    def values_of(element):
        values = {}
        for value in _children(element, "VariableValue"):
            reference = _child(value, "VariableRef")
            target = None if reference is None else reference.get("targetGUID")
            if target in names:
                values[names[target]] = _variable_value(value)
        return values

    by_source: dict[str, dict[str, object]] = {}
    for case in _children(_child(root, "Cases"), "Case"):
        values = values_of(case)
        for reference in _children(case, "SourceRef"):
            by_source.setdefault(reference.get("targetGUID"), {}).update(values)
    for source in _children(_child(root, "Sources"), "TextSource"):
        by_source.setdefault(source.get("guid"), {}).update(values_of(source))
    return by_source


def read_qdpx(
    path: str | Path,
    *,
    codes: pd.DataFrame | None = None,
    scrub="auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    position_unit: str | None = None,
) -> CodedInterviews:
    """Read the coded text segments of a REFI-QDA project (.qdpx).

    Parameters
    ----------
    path : str or Path
        The .qdpx file (a zip with ``project.qde`` and ``Sources/``).
    codes : DataFrame, optional
        Code book with ``code`` and ``theme``; when given it sets the theme of each code
        (otherwise the theme is the top-level code of the project's code hierarchy).
    scrub : "auto", callable or None
        Removes personal data from segment text (see :func:`read_segments`).
    max_bytes : int
        Largest total size the archive may expand to (zip-bomb guard).
    position_unit : {None, "code points", "UTF-16 code units"}
        What the selections' positions count. None (default) decides from the project:
        the unit under which more selections start and end at word boundaries, and the
        exporting program on a tie (NVivo counts UTF-16 code units, others code points).

    Returns
    -------
    CodedInterviews
        ``.segments`` (document, source, coder, code, theme, start, end, text and the
        case variables; start and end are code-point offsets into the source text,
        whatever unit the project counted in), ``.skipped`` (each selection or coding
        left out, with its reason; positions as in the file), ``.codes`` (the
        hierarchy) and ``.documents`` (with ``position_unit``).

    Notes
    -----
    Read: users (coders), the code book with its hierarchy, text sources (plain text in
    ``Sources/`` or inline ``PlainTextContent``), each ``PlainTextSelection`` with its
    ``Coding`` elements (the coder is the coding's ``creatingUser``, else the
    selection's), cases with their variable values (``country``, ``group``, ``sector``
    and any other variable). The XML is parsed without DTDs or entities. Selections
    with ``endPosition < startPosition``, of a source whose text is missing from the
    archive, or coded with an undefined code are skipped and listed in ``.skipped``,
    with a warning. A selection outside its source text is an error (the project is
    damaged). When most selections of a source (of at least five) start or end
    mid-word, a warning names the source: its quotes are probably shifted.

    REFI-QDA 1.5 (section 10.2) counts positions in Unicode code points; NVivo counts
    UTF-16 code units, in which a character outside the Basic Multilingual Plane (an
    emoji) counts twice. The unit used is recorded in ``.documents["position_unit"]``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> sources = pd.DataFrame({"document": ["FI-company-01"], "country": ["FI"],
    ...                         "group": ["company"], "sector": ["ict"],
    ...                         "text": ["We mentor every new apprentice."]})
    >>> segments = pd.DataFrame({"document": ["FI-company-01"], "coder": ["A"],
    ...                          "code": ["mentoring"], "start": [0], "end": [9]})
    >>> codes = pd.DataFrame({"theme": ["guidance"], "code": ["mentoring"]})
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "project.qdpx"
    >>> _ = write_qdpx(segments, sources, codes, target)
    >>> read_qdpx(target, scrub=None).segments[["source", "code", "theme", "text"]]
              source       code     theme       text
    0  FI-company-01  mentoring  guidance  We mentor
    """
    path = Path(path)
    if position_unit not in (None, *UNITS):
        raise ValueError(f"`position_unit` must be None or one of {UNITS}; got {position_unit!r}.")
    scrubber = resolve_scrubber(scrub)
    themes = code_themes(codes)
    with open_archive(path, max_bytes) as archive:
        project_name = next(
            (name for name in archive.namelist() if name.lower() == "project.qde"), None
        )
        if project_name is None:
            raise InputError(
                f"`path` {str(path)!r} has no project.qde; it is not a REFI-QDA project."
            )
        budget = [max_bytes]

        def member(name):
            data = read_member(archive, name, budget[0])
            budget[0] -= len(data)
            return data

        try:
            root = parse_xml(member(project_name), f"{path.name}/{project_name}")
            if _local(root) != "Project":
                raise InputError(
                    f"{path.name}/{project_name}: the root element is <{_local(root)}>, not "
                    "<Project>; this is not a REFI-QDA project file."
                )
            return _project_segments(
                root, path, member, set(archive.namelist()), themes, scrubber, position_unit
            )
        except zipfile.BadZipFile as error:
            raise InputError(f"`path` {str(path)!r} is a damaged zip archive ({error}).") from error


def _source_text(source, path: Path, member, members: set[str]) -> tuple[str | None, str]:
    """The plain text of a TextSource, or None and the reason it is unavailable."""
    inline = _child(source, "PlainTextContent")
    if inline is not None:
        return inline.text or "", ""
    location = source.get("plainTextPath")
    if not location:
        return None, "source has no plain text (no plainTextPath or PlainTextContent)"
    if not location.startswith(_INTERNAL):
        return None, f"source text is outside the archive ({location})"
    name = "Sources/" + location[len(_INTERNAL) :]
    match = next((m for m in members if m.lower() == name.lower()), None)
    if match is None:
        return None, f"source text file {name} is missing from the archive"
    try:
        return member(match).decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return None, f"source text file {name} is not UTF-8"


def _positions(selection) -> tuple[int, int] | None:
    """The selection's (startPosition, endPosition), or None if they are not whole numbers."""
    try:
        return int(selection.get("startPosition")), int(selection.get("endPosition"))
    except (TypeError, ValueError):
        return None


def _outside_error(path: Path, document, selection, span, source: SourceText, unit, origin):
    start, end = span
    other = next(candidate for candidate in UNITS if candidate != unit)
    return InputError(
        f"{path.name}: selection {selection.get('guid')} of source {document!r} spans "
        f"{start}-{end}, outside its text ({source.length(unit)} {unit}). The project is "
        f"damaged or its source text differs from the one coded: export it again from "
        f"{origin or 'the QDA program'} (REFI-QDA project, .qdpx); if its quotes are right "
        f"in that program, read it with position_unit={other!r}."
    )


def _warn_mid_word(path: Path, document, source: SourceText, spans, unit) -> None:
    """Warn when most selections of a source start or end mid-word under `unit`."""
    if len(spans) < MIN_SELECTIONS_CHECKED:
        return
    split = sum(misaligned(source, start, end, unit) for start, end in spans)
    if split > len(spans) / 2:
        warnings.warn(
            f"{path.name}: {split} of {len(spans)} selections of source {document!r} start "
            f"or end mid-word with positions read as {unit}. Compare a few quotes with the "
            "source in the QDA program: its positions may count another unit.",
            UserWarning,
            stacklevel=4,
        )


def _project_segments(
    root, path: Path, member, members, themes, scrubber, position_unit
) -> CodedInterviews:
    users = {
        u.get("guid"): u.get("name") or u.get("guid")
        for u in _children(_child(root, "Users"), "User")
    }
    code_table = _codes(root)
    code_names = dict(zip(code_table["guid"], code_table["code"], strict=True))
    code_themes_ = dict(zip(code_table["code"], code_table["theme"], strict=True))
    if themes is not None:
        code_themes_.update(dict(zip(themes["code"], themes["theme"], strict=True)))
        code_table["theme"] = code_table["code"].map(code_themes_)
    variables = _case_variables(root)
    origin = root.get("origin")
    sources = []
    for element in _children(_child(root, "Sources"), "TextSource"):
        text, problem = _source_text(element, path, member, members)
        selections = _children(element, "PlainTextSelection")
        spans = [_positions(selection) for selection in selections]
        source = None if text is None else SourceText.of(text)
        sources.append((element, source, problem, selections, spans))
    unit = position_unit or detect_unit(
        origin,
        [
            (source, [span for span in spans if span is not None])
            for _, source, _, _, spans in sources
            if source is not None
        ],
    )
    segments, skipped, documents = [], [], []
    for element, source, problem, selections, spans in sources:
        guid = element.get("guid")
        document = element.get("name") or guid
        text = None if source is None else source.text
        documents.append(
            {
                "document": document,
                **variables.get(guid, {}),
                "n_characters": None if text is None else len(text),
                "position_unit": unit,
            }
        )
        checked = []
        for selection, span in zip(selections, spans, strict=True):
            element_name = f"PlainTextSelection guid={selection.get('guid')}"
            base = {"document": document}
            if span is None:
                problem_here = "startPosition/endPosition is not a whole number"
            else:
                base.update(start=span[0], end=span[1])
                problem_here = problem
                if not problem_here and span[1] < span[0]:
                    problem_here = "end before start"
                elif not problem_here and (span[0] < 0 or span[1] > source.length(unit)):
                    raise _outside_error(path, document, selection, span, source, unit, origin)
            if not problem_here:
                checked.append(span)
                start, end = (source.code_point(position, unit) for position in span)
            codings = _children(selection, "Coding")
            if not codings:
                skipped.append(
                    skipped_row(path.name, element_name, "selection has no coding", **base)
                )
                continue
            for coding in codings:
                reference = _child(coding, "CodeRef")
                target = None if reference is None else reference.get("targetGUID")
                coder = users.get(
                    coding.get("creatingUser") or selection.get("creatingUser"),
                    coding.get("creatingUser") or selection.get("creatingUser"),
                )
                code = code_names.get(target)
                reason = problem_here
                if not reason and code is None:
                    reason = f"code {target} referenced but not defined in the CodeBook"
                if not reason and coder is None:
                    reason = "coding has no creatingUser (coder unknown)"
                if not reason and themes is not None and code not in set(themes["code"]):
                    reason = f"code {code!r} not defined in `codes`"
                if reason:
                    skipped.append(
                        skipped_row(
                            path.name,
                            f"{element_name} / Coding guid={coding.get('guid')}",
                            reason,
                            coder=coder,
                            code=code if code is not None else target,
                            **base,
                        )
                    )
                    continue
                segments.append(
                    {
                        "document": document,
                        "coder": coder,
                        "code": code,
                        "theme": code_themes_.get(code),
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                    }
                )
        if source is not None:
            _warn_mid_word(path, document, source, checked, unit)
    segments = pd.DataFrame(
        segments, columns=["document", "coder", "code", "theme", "start", "end", "text"]
    )
    documents = pd.DataFrame(documents)
    return finish(
        segments,
        documents,
        code_table.drop(columns="guid"),
        skipped,
        scrub=scrubber,
        file=path.name,
    )


def _guid(kind: str, key: object) -> str:
    """A GUID derived from the kind and name of an element: the same input, the same file."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"techvet_survey:{kind}:{key}"))


def _sub(parent, tag: str, /, **attributes) -> ElementTree.Element:
    clean = {key: str(value) for key, value in attributes.items() if value is not None}
    return ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", clean)


def write_qdpx(
    segments: pd.DataFrame,
    sources: pd.DataFrame,
    codes: pd.DataFrame,
    path: str | Path,
    *,
    variables: Sequence[str] = ("country", "group", "sector"),
    project_name: str = "NextSteps@TechVET interviews",
) -> Path:
    """Write coded segments, their source texts and the code book as a REFI-QDA project.

    Parameters
    ----------
    segments : DataFrame
        One row per coded segment: ``document``, ``coder``, ``code``, ``start``, ``end``
        (character offsets into the source text, end exclusive).
    sources : DataFrame
        One row per document: ``document``, ``text`` and the case variables.
    codes : DataFrame
        The code book: ``code`` and ``theme`` (themes become parent codes), optionally
        ``definition`` and ``label_en`` (written as the code's description).
    path : str or Path
        The .qdpx file to write (replaced if it exists).
    variables : sequence of str
        Columns of `sources` written as case variables (one case per document).
    project_name : str
        Name of the project.

    Returns
    -------
    Path
        `path`. The same input gives the same file byte for byte (GUIDs derive from
        names; no timestamps), so the synthetic study is reproducible.

    Examples
    --------
    See :func:`read_qdpx`.
    """
    check_dataframe(segments, "segments")
    check_dataframe(sources, "sources")
    check_dataframe(codes, "codes")
    check_columns(segments, ["document", "coder", "code", "start", "end"], "segments")
    check_columns(sources, ["document", "text", *variables], "sources")
    themes = code_themes(codes)
    texts = sources.set_index("document")["text"]
    _check_segments_fit(segments, texts, set(themes["code"]))
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(
        f"{{{NAMESPACE}}}Project", {"name": project_name, "origin": "techvet_survey"}
    )
    users = _sub(root, "Users")
    for coder in sorted(segments["coder"].astype(str).unique()):
        _sub(users, "User", guid=_guid("user", coder), name=coder)
    code_parent = _sub(_sub(root, "CodeBook"), "Codes")
    described = codes.set_index("code")
    for theme, members in themes.groupby("theme", sort=False):
        theme_element = _sub(
            code_parent, "Code", guid=_guid("theme", theme), name=theme, isCodable="false"
        )
        for code in members["code"]:
            element = _sub(
                theme_element, "Code", guid=_guid("code", code), name=code, isCodable="true"
            )
            description = " ".join(
                str(described.at[code, column])
                for column in ("label_en", "definition")
                if column in described and pd.notna(described.at[code, column])
            )
            if description:
                _sub(element, "Description").text = description
    variable_parent = _sub(root, "Variables")
    for variable in variables:
        _sub(
            variable_parent,
            "Variable",
            guid=_guid("variable", variable),
            name=variable,
            typeOfVariable="Text",
        )
    cases = _sub(root, "Cases")
    for row in sources.itertuples(index=False):
        case = _sub(cases, "Case", guid=_guid("case", row.document), name=row.document)
        for variable in variables:
            value = _sub(case, "VariableValue")
            _sub(value, "VariableRef", targetGUID=_guid("variable", variable))
            cell = getattr(row, variable)
            _sub(value, "TextValue").text = "" if pd.isna(cell) else str(cell)
        _sub(case, "SourceRef", targetGUID=_guid("source", row.document))
    source_parent = _sub(root, "Sources")
    files = {}
    ordered = segments.sort_values(["document", "start", "end", "coder", "code"])
    by_document = {document: group for document, group in ordered.groupby("document")}
    for document in sources["document"]:
        guid = _guid("source", document)
        files[f"Sources/{guid}.txt"] = texts[document]
        source = _sub(
            source_parent,
            "TextSource",
            guid=guid,
            name=document,
            plainTextPath=f"{_INTERNAL}{guid}.txt",
        )
        for number, segment in enumerate(
            by_document.get(document, pd.DataFrame()).itertuples(index=False)
        ):
            key = f"{document}:{number}"
            user = _guid("user", segment.coder)
            selection = _sub(
                source,
                "PlainTextSelection",
                guid=_guid("selection", key),
                name=f"{segment.code} {segment.start}-{segment.end}",
                startPosition=int(segment.start),
                endPosition=int(segment.end),
                creatingUser=user,
            )
            coding = _sub(selection, "Coding", guid=_guid("coding", key), creatingUser=user)
            _sub(coding, "CodeRef", targetGUID=_guid("code", segment.code))
    ElementTree.indent(root)
    project = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("project.qde", project), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _check_segments_fit(segments: pd.DataFrame, texts: pd.Series, codes: set[str]) -> None:
    unknown_documents = sorted(set(segments["document"]) - set(texts.index))
    if unknown_documents:
        raise InputError(
            f"`segments` refer to documents that `sources` lacks: {unknown_documents[:5]}."
        )
    unknown_codes = sorted(set(segments["code"]) - codes)
    if unknown_codes:
        raise InputError(f"`segments` use codes that `codes` lacks: {unknown_codes[:5]}.")
    length = segments["document"].map(texts.str.len())
    outside = (
        (segments["start"] < 0) | (segments["end"] < segments["start"]) | (segments["end"] > length)
    )
    if outside.any():
        row = segments[outside].iloc[0]
        raise InputError(
            f"`segments` has {int(outside.sum())} segment(s) outside their source text "
            f"(first: document {row['document']!r}, {row['start']}-{row['end']}, text length "
            f"{int(length[outside].iloc[0])})."
        )

"""Safe reading of untrusted project archives: a zip-bomb guard and XML without DTDs.

XML is parsed with ``defusedxml`` when it is installed; otherwise a first pass with
expat refuses any DOCTYPE or ENTITY declaration (so no entity is ever expanded and no
external entity resolved) before ``xml.etree`` builds the tree.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from techvet_survey.errors import InputError

DEFAULT_MAX_BYTES = 512 * 1024 * 1024


class _Refused(Exception):
    """A DOCTYPE or ENTITY declaration met during the safety pass."""


def _refuse(*_args) -> None:
    raise _Refused


def parse_xml(data: bytes, where: str) -> ElementTree.Element:
    """Parse `data` (the XML file named by `where`) with DTDs and entities refused."""
    try:  # optional dependency
        import defusedxml
        from defusedxml import ElementTree as defused
    except ImportError:
        defused = None
    refused = InputError(
        f"{where} declares a DOCTYPE or ENTITY, which is refused for safety (entity "
        "expansion and external entities). Export the project again from the QDA tool."
    )
    if defused is not None:
        try:
            return defused.fromstring(data, forbid_dtd=True)
        except defusedxml.DefusedXmlException as error:
            raise refused from error
        except ElementTree.ParseError as error:
            raise InputError(f"{where} is not well-formed XML ({error}).") from error
    checker = expat.ParserCreate()
    checker.StartDoctypeDeclHandler = _refuse
    checker.EntityDeclHandler = _refuse
    checker.ExternalEntityRefHandler = _refuse
    try:
        checker.Parse(data, True)
    except _Refused as error:
        raise refused from error
    except expat.ExpatError as error:
        raise InputError(f"{where} is not well-formed XML ({error}).") from error
    return ElementTree.fromstring(data)


def open_archive(path: Path, max_bytes: int) -> zipfile.ZipFile:
    """Open a zip archive, refusing archives that would expand past `max_bytes`."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(
            f"`path` {str(path)!r} is not a readable zip archive ({error}); a REFI-QDA "
            "project (.qdpx) is a zip file. Export it again from the QDA tool."
        ) from error
    expanded = sum(member.file_size for member in archive.infolist())
    if expanded > max_bytes:
        archive.close()
        raise InputError(
            f"`path` {str(path)!r} would expand to {expanded:,} bytes, more than "
            f"`max_bytes`={max_bytes:,} (zip-bomb guard). Raise `max_bytes` if the "
            "project is really that large."
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, max_bytes: int) -> bytes:
    """Read one member, stopping past `max_bytes` whatever its header claims."""
    with archive.open(name) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{name!r} in {archive.filename!r} expands past `max_bytes`={max_bytes:,} "
            "(zip-bomb guard). Raise `max_bytes` if the project is really that large."
        )
    return data

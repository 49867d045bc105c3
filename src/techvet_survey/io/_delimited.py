"""Delimited-text exports: layout from the first megabyte, data through pyarrow's reader.

The first bytes give the encoding, the delimiter and the header layout (Python's csv
module, which counts lines); the data after the header are parsed by pyarrow (threaded,
every column as text, only empty cells as missing), as one table or in batches.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from techvet_survey.errors import InputError
from techvet_survey.io import _encoding as enc
from techvet_survey.io._layout import HeaderLayout, header_layout, sniff_delimiter

SAMPLE_BYTES = 1 << 20
SAMPLE_RECORDS = 40
BLOCK_BYTES = 1 << 22
COLUMN_COUNT = re.compile(r"Expected (\d+) columns, got (\d+)")
NOT_A_TABLE = (
    "Supported: CSV (UTF-8, UTF-16 with BOM, cp1257, cp1252), .xlsx and SPSS .sav exports."
)


@dataclass
class CsvLayout:
    """Encoding, delimiter and header of a CSV export.

    `data_offset` is the byte where the data rows start, `first_data_row` their 1-based
    record number in the file and `reading` the codec pyarrow decodes the data with.
    `quoted` says whether ``"`` quotes fields (always, except in a tab-delimited file
    that is not consistently quoted: see :func:`quotes_fields`).
    """

    encoding: str
    reading: str
    delimiter: str
    consistency: float
    header: HeaderLayout
    data_offset: int
    first_data_row: int
    quoted: bool = True

    @property
    def width(self) -> int:
        return len(self.header.names)


def read_head(path: Path, size: int | None = None) -> tuple[bytes, bool]:
    """The first `size` bytes of `path` (``SAMPLE_BYTES``) and whether that is all of it."""
    size = SAMPLE_BYTES if size is None else size
    with open(path, "rb") as handle:
        head = handle.read(size + 1)
    return head[:size], len(head) <= size


def _lines(text: str) -> list[str]:
    return list(io.StringIO(text, newline=""))


QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*"(?=\t|\r|\n|$)')
NEEDS_QUOTES = re.compile(r'[\t\r\n]|""')
FIELD_END = re.compile(r"[\t\n]")


def quotes_fields(text: str) -> bool:
    """Whether a tab-delimited `text` quotes its fields with ``"``.

    Tab-delimited exports are often written without quoting, so a cell may begin with a
    quote that is part of the text (``"Hands-on" work``). Quoting is assumed only when
    every field that starts with ``"`` is a complete quoted field and the quotes are
    needed somewhere (a quoted tab, line break or doubled quote) or every header field
    is quoted; otherwise every cell is read verbatim.

    Examples
    --------
    >>> quotes_fields('id\\tnote\\n1\\t"Hands-on" work\\n')
    False
    >>> quotes_fields('id\\tnote\\n1\\t"two\\nlines"\\n'), quotes_fields('"id"\\t"note"\\n')
    (True, True)
    >>> quotes_fields('id\\tnote\\n1\\t"quoted"\\n')
    False
    """
    if '"' not in text:
        return False
    position, needed = 0, False
    in_header, header_quoted = True, True
    while position < len(text):
        if text.startswith('"', position):
            match = QUOTED_FIELD.match(text, position)
            if match is None:
                return False
            needed = needed or bool(NEEDS_QUOTES.search(text, match.start() + 1, match.end() - 1))
            end = match.end()
        else:
            found = FIELD_END.search(text, position)
            end = found.start() if found else len(text)
            if in_header and text[position:end].strip("\r"):
                header_quoted = False
        in_header = in_header and not text.startswith("\n", end)
        position = end + 1
    return needed or header_quoted


def _records(
    lines: list[str], delimiter: str, quoted: bool = True
) -> tuple[list[list[str]], list[int]]:
    """The first records of `lines` and the number of lines read when each is complete."""
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    reader = csv.reader(iter(lines), delimiter=delimiter, quoting=quoting)
    records, consumed = [], []
    try:
        for record in reader:
            records.append(record)
            consumed.append(reader.line_num)
            if len(records) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        pass
    return records, consumed


def _codec(encoding: str, head: bytes) -> tuple[str, int]:
    """The codec that decodes the bytes after the byte-order mark, and the mark's length."""
    bom = enc.bom_encoding(head)
    if bom == "utf-8-sig" and encoding.replace("_", "-").lower().startswith("utf"):
        return "utf-8", len(codecs.BOM_UTF8)
    if bom == "utf-16" and encoding.lower().startswith("utf"):
        little = head.startswith(codecs.BOM_UTF16_LE)
        return ("utf-16-le" if little else "utf-16-be"), 2
    return encoding, 0


def inspect_csv(path: Path, name: str, encoding: str | None) -> CsvLayout:
    """Find encoding, delimiter and header of a CSV export from its first megabyte."""
    head, complete = read_head(path)
    if encoding is None:
        encoding = enc.detect_encoding(head, complete=complete)
        if encoding in enc.SINGLE_BYTE and enc.has_utf8_letters(head):
            raise enc.mixed_encoding_error(name, head)
    else:
        enc.check_decodes(name, head, encoding, final=complete)
    reading, skip = _codec(encoding, head)
    text = codecs.getincrementaldecoder(reading)("replace").decode(head[skip:], final=complete)
    if _looks_binary(text):
        raise InputError(
            f"{name!r} is binary, not a text table (it has NUL or control bytes). {NOT_A_TABLE}"
        )
    dialect = sniff_delimiter(text)
    lines = _lines(text)
    if not complete and lines:
        lines.pop()
    quoted = dialect.delimiter != "\t" or quotes_fields("".join(lines))
    records, consumed = _records(lines, dialect.delimiter, quoted)
    layout = header_layout(records, name=name)
    lines_before = consumed[layout.data_start - 1] if layout.data_start <= len(consumed) else 0
    # An undefined byte of a code page was decoded to U+FFFD; "replace" maps it back to one.
    offset = skip + len("".join(lines[:lines_before]).encode(reading, errors="replace"))
    return CsvLayout(
        encoding=encoding,
        reading=reading,
        delimiter=dialect.delimiter,
        consistency=dialect.consistency,
        header=layout,
        data_offset=offset,
        first_data_row=layout.data_start + 1,
        quoted=quoted,
    )


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # not \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than 1 % control characters other than line breaks and tabs.

    Examples
    --------
    >>> _looks_binary("id;name\\r\\n1;Anna\\r\\n"), _looks_binary("\\x89PNG\\x1a\\x00")
    (False, True)
    """
    controls = len(CONTROL_CHARACTERS.findall(text))
    return "\x00" in text or controls > 0.01 * max(len(text), 1)


def _internal_names(width: int) -> list[str]:
    return [f"c{position}" for position in range(width)]


def _options(layout: CsvLayout, block_size: int | None):
    names = _internal_names(layout.width)
    pyarrow_codec = "utf8" if layout.reading == "utf-8" else layout.reading
    read = pacsv.ReadOptions(
        column_names=names, encoding=pyarrow_codec, block_size=block_size, use_threads=True
    )
    parse = pacsv.ParseOptions(
        delimiter=layout.delimiter,
        quote_char='"' if layout.quoted else False,
        double_quote=layout.quoted,
        newlines_in_values=True,
        ignore_empty_lines=False,
    )
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.large_string()),
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    return {"read_options": read, "parse_options": parse, "convert_options": convert}


def read_csv_table(path: Path, name: str, layout: CsvLayout, *, detected: bool) -> pa.Table:
    """All data rows after the header as a table of strings (names ``c0, c1, ...``).

    Large strings are what pandas' ``str`` dtype holds, so the conversion copies nothing.
    """
    if _no_data(path, layout):
        return _empty_table(layout)
    with open(path, "rb") as handle:
        handle.seek(layout.data_offset)
        try:
            return pacsv.read_csv(handle, **_options(layout, None))
        except (pa.ArrowInvalid, UnicodeDecodeError) as error:
            raise _parse_error(path, name, layout, error, detected=detected) from None


def iter_csv_batches(
    path: Path, name: str, layout: CsvLayout, *, detected: bool
) -> Iterator[pa.RecordBatch]:
    """The data rows after the header as a stream of record batches (bounded memory)."""
    if _no_data(path, layout):
        yield from _empty_table(layout).to_batches()
        return
    with open(path, "rb") as handle:
        handle.seek(layout.data_offset)
        try:
            reader = pacsv.open_csv(handle, **_options(layout, BLOCK_BYTES))
            yield from reader
        except (pa.ArrowInvalid, UnicodeDecodeError) as error:
            raise _parse_error(path, name, layout, error, detected=detected) from None


def _no_data(path: Path, layout: CsvLayout) -> bool:
    return layout.data_offset >= path.stat().st_size


def _empty_table(layout: CsvLayout) -> pa.Table:
    names = _internal_names(layout.width)
    return pa.table({name: pa.array([], pa.large_string()) for name in names})


class EncodingMismatch(Exception):
    """The detected encoding failed after the sampled start: retry with `encoding`."""

    def __init__(self, encoding: str):
        super().__init__(encoding)
        self.encoding = encoding


def _parse_error(
    path: Path, name: str, layout: CsvLayout, error: Exception, *, detected: bool
) -> Exception:
    message = str(error)
    if "UTF8" in message or isinstance(error, UnicodeDecodeError):
        data = path.read_bytes()
        if detected and not enc.has_utf8_letters(data) and not enc.decodes(data, "utf-8"):
            return EncodingMismatch(enc.guess_single_byte(data))
        if detected:
            return enc.mixed_encoding_error(name, data)
        try:
            data.decode(layout.encoding)
        except UnicodeDecodeError as decode_error:
            return enc.wrong_encoding_error(name, data, layout.encoding, decode_error)
    counts = COLUMN_COUNT.search(message)
    if counts:
        row, got = _first_ragged_row(path, layout)
        return InputError(
            f"{name!r}, row {row}: {got} fields where the header has {layout.width} "
            f"(delimiter {layout.delimiter!r}). Fix that row (an unquoted delimiter or quote "
            "inside a text?) or re-export the file with every field quoted."
        )
    return InputError(f"{name!r} cannot be parsed as CSV: {message}. {NOT_A_TABLE}")


def _first_ragged_row(path: Path, layout: CsvLayout) -> tuple[int, int]:
    with open(path, "rb") as raw:
        raw.seek(layout.data_offset)
        text = io.TextIOWrapper(raw, encoding=layout.reading, errors="replace", newline="")
        quoting = csv.QUOTE_MINIMAL if layout.quoted else csv.QUOTE_NONE
        records = csv.reader(text, delimiter=layout.delimiter, quoting=quoting)
        for position, record in enumerate(records):
            if record and len(record) != layout.width:
                return layout.first_data_row + position, len(record)
    return layout.first_data_row, layout.width

"""Write the corpus of bad raw exports used by ``tests/test_hardening.py``.

Run ``python tests/data/bad/make_bad_inputs.py`` from the repository root to rebuild the
files beside this script. Every file is small and byte-reproducible (fixed zip times, no
random numbers); ``README.md`` documents what each one tests and the expected outcome.
The tests import :data:`BUILDERS` to rebuild single files (for instance an external
entity pointing at a secret file of their own).
"""

from __future__ import annotations

import csv
import io
import os
import sys
import zipfile
from pathlib import Path

# openpyxl writes other (equally valid) XML bytes when lxml is installed; the corpus is
# written with its own serialiser so that it is byte-reproducible on every machine.
os.environ.setdefault("OPENPYXL_LXML", "False")

import openpyxl
import pyreadstat

HERE = Path(__file__).resolve().parent
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
SCALES = {"gw": 5, "cg": 5, "co": 5, "sa": 6, "dg": 4, "af": 5}
ITEMS = tuple(
    f"{scale}{number}" for scale, count in SCALES.items() for number in range(1, count + 1)
)
LABELS = ("Agree", "Disagree", "Strongly agree", "Neutral", "Strongly disagree", "Agree")
LATVIAN = ("Drīzāk piekrītu", "Pilnībā piekrītu", "Drīzāk nepiekrītu", "Neitrāli", "Nezinu")
HEADER = ("id", "country", "group", *ITEMS, "open_guidance")
TEXT = len(HEADER)  # the 1-based column of the free text
XXE_TARGET = "/etc/passwd"
BOMB_BYTES = 600 * 1024 * 1024  # past the default 512 MiB limit of the qdpx reader


def generic_rows(n: int = 6, labels=LABELS, country: str = "Finland") -> list[list[str]]:
    """`n` respondents of a generic export: id, country, group, five Likert items, text."""
    return [
        [
            str(row + 1),
            country,
            "teacher",
            *(labels[(row + item) % len(labels)] for item in range(len(ITEMS))),
            f"Answer {row + 1}",
        ]
        for row in range(n)
    ]


def csv_bytes(rows, header=HEADER, *, terminator: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=terminator)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def stable_zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    core = members.get("docProps/core.xml", b"")
    for tag in (b"created", b"modified"):
        start = core.find(b"<dcterms:" + tag)
        if start >= 0:
            open_end = core.index(b">", start) + 1
            close = core.index(b"</dcterms:" + tag, open_end)
            core = core[:open_end] + b"2026-01-01T00:00:00Z" + core[close:]
    members["docProps/core.xml"] = core
    return stable_zip(members)


def sheet_of(header, rows) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    return workbook


# ------------------------------------------------------------------ text files


def cp1257_latvian(path: Path) -> None:
    rows = generic_rows(labels=LATVIAN, country="Latvija")
    for row in rows:
        row[-1] = "Prakses vadītājs ļoti palīdzēja, paldies"
    path.write_bytes(csv_bytes(rows).encode("cp1257"))


def bom_in_middle(path: Path) -> None:
    """Two UTF-8 exports pasted together: the second one's byte-order mark before row 5."""
    header = (HEADER[1], HEADER[0], *HEADER[2:])
    rows = [[row[1], row[0], *row[2:]] for row in generic_rows(6)]
    lines = csv_bytes(rows, header=header).encode("utf-8").splitlines(keepends=True)
    bom = b"\xef\xbb\xbf"
    path.write_bytes(bom + b"".join(lines[:4]) + bom + b"".join(lines[4:]))


def mixed_line_endings(path: Path) -> None:
    lines = csv_bytes(generic_rows(6)).splitlines()
    endings = ("\r\n", "\n", "\r")
    path.write_bytes(
        "".join(line + endings[index % 3] for index, line in enumerate(lines)).encode("utf-8")
    )


def ten_thousand_columns(path: Path) -> None:
    extra = [f"c{index}" for index in range(10_000 - len(HEADER))]
    rows = [row + [""] * len(extra) for row in generic_rows(3)]
    path.write_bytes(csv_bytes(rows, header=(*HEADER, *extra)).encode("utf-8"))


def empty(path: Path) -> None:
    path.write_bytes(b"")


# ------------------------------------------------------------------ workbooks


def truncated_xlsx(path: Path) -> None:
    whole = workbook_bytes(sheet_of(HEADER, generic_rows(6)))
    path.write_bytes(whole[: len(whole) // 2])


def headers_only_xlsx(path: Path) -> None:
    path.write_bytes(workbook_bytes(sheet_of(HEADER, [])))


def formulas_xlsx(path: Path) -> None:
    """Free text typed as formulas (text cells) and one real formula cell."""
    rows = generic_rows(6)
    workbook = sheet_of(HEADER, rows)
    sheet = workbook.active
    planted = {
        (2, TEXT): '=HYPERLINK("http://example.invalid/x","click")',
        (3, TEXT): "=cmd|' /C calc'!A0",
        (4, TEXT): "+SUM(1,2)",
        (5, TEXT): "@SUM(1,2)",
        (6, TEXT): "-2+3",
        (7, 2): "=FIN",
    }
    for (row, column), text in planted.items():
        cell = sheet.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"  # a text cell, as a survey tool writes a typed answer
    sheet.cell(row=7, column=TEXT).value = '=HYPERLINK("http://example.invalid/y")'  # a formula
    path.write_bytes(workbook_bytes(workbook))


def merged_header_xlsx(path: Path) -> None:
    """A scale title merged over its items above the item header row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["", "", "", "Guidance at the workplace", *[""] * (len(HEADER) - 4)])
    sheet.merge_cells(start_row=1, start_column=4, end_row=1, end_column=8)
    sheet.append(list(HEADER))
    for row in generic_rows(6):
        sheet.append(row)
    path.write_bytes(workbook_bytes(workbook))


def excel_serial_dates_xlsx(path: Path) -> None:
    """A Microsoft Forms export whose times lost their date format: Excel serial day
    numbers (days since 1899-12-30) instead of dates."""
    header = ("ID", "Start time", "Completion time", *HEADER[1:])
    rows = [
        [index + 1, 46080.5 + index, 46080.51 + index, *row[1:]]
        for index, row in enumerate(generic_rows(6))
    ]
    path.write_bytes(workbook_bytes(sheet_of(header, rows)))


def external_entity_xlsx(path: Path, target: str = XXE_TARGET) -> None:
    """A workbook whose shared strings declare an external entity."""
    whole = workbook_bytes(sheet_of(HEADER, generic_rows(6)))
    with zipfile.ZipFile(io.BytesIO(whole)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{target}">]>'.encode()
    head, _, body = sheet.partition(b"?>")
    sheet = head + b"?>" + doctype + body
    sheet = sheet.replace(b"<t>Answer 1</t>", b"<t>&xxe;</t>", 1)
    members["xl/worksheets/sheet1.xml"] = sheet
    path.write_bytes(stable_zip(members))


# ------------------------------------------------------------------ REFI-QDA projects

PROJECT = """<?xml version="1.0" encoding="utf-8"?>
{doctype}<Project xmlns="urn:QDA-XML:project:1.0" name="bad" origin="hand">
  <Users><User guid="cccccccc-0000-4000-8000-000000000001" name="A"/></Users>
  <CodeBook><Codes>
    <Code guid="dddddddd-0000-4000-8000-000000000001" name="mentoring" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="aaaaaaaa-0000-4000-8000-000000000001" name="FI-company-01"
                plainTextPath="internal://source.txt">
      <PlainTextSelection guid="bbbbbbbb-0000-4000-8000-000000000001" name="s"
                          startPosition="0" endPosition="9"
                          creatingUser="cccccccc-0000-4000-8000-000000000001">
        <Description>{text}</Description>
        <Coding guid="ffffffff-0000-4000-8000-000000000001"
                creatingUser="cccccccc-0000-4000-8000-000000000001">
          <CodeRef targetGUID="dddddddd-0000-4000-8000-000000000001"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""


def external_entity_qdpx(path: Path, target: str = XXE_TARGET) -> None:
    doctype = f'<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file://{target}">]>\n'
    project = PROJECT.format(doctype=doctype, text="&xxe;").encode("utf-8")
    path.write_bytes(
        stable_zip({"project.qde": project, "Sources/source.txt": b"We mentor apprentices."})
    )


def zip_bomb_qdpx(path: Path) -> None:
    """A project whose source text would expand to 600 MiB (bzip2: under 1 KB on disk)."""
    project = PROJECT.format(doctype="", text="bomb").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("project.qde", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, project)
        info = zipfile.ZipInfo("Sources/source.txt", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_BZIP2
        block = bytes(16 * 1024 * 1024)
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(BOMB_BYTES // len(block)):
                member.write(block)
    path.write_bytes(buffer.getvalue())


# ------------------------------------------------------------------ SPSS


def mislabelled_missing_sav(path: Path) -> None:
    """User-missing codes 8 and 9 declared, but their labels swapped against the codebook
    (8 = "not applicable", 9 = "don't know"), and a code 7 labelled "don't know" too."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "RespID": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "country": [3.0] * 6,
            "group": [2.0] * 6,
            **{item: [4.0, 8.0, 9.0, 2.0, 7.0, 5.0] for item in ITEMS},
        }
    )
    labels = {
        1.0: "Pilnībā nepiekrītu",
        5.0: "Pilnībā piekrītu",
        7.0: "Nezinu",
        8.0: "Neattiecas",
        9.0: "Nezinu",
    }
    pyreadstat.write_sav(
        frame,
        str(path),
        variable_value_labels={
            "country": {3.0: "Latvija"},
            "group": {2.0: "Profesionālās izglītības skolotājs"},
            **{item: labels for item in ITEMS},
        },
        missing_ranges={item: [8.0, 9.0] for item in ITEMS},
    )
    content = bytearray(path.read_bytes())
    content[92:101] = b"01 Jan 26"
    content[101:109] = b"00:00:00"
    path.write_bytes(bytes(content))


BUILDERS = {
    "cp1257_latvian.csv": cp1257_latvian,
    "bom_in_middle.csv": bom_in_middle,
    "mixed_line_endings.csv": mixed_line_endings,
    "ten_thousand_columns.csv": ten_thousand_columns,
    "empty.csv": empty,
    "truncated.xlsx": truncated_xlsx,
    "headers_only.xlsx": headers_only_xlsx,
    "formulas.xlsx": formulas_xlsx,
    "merged_header.xlsx": merged_header_xlsx,
    "excel_serial_dates.xlsx": excel_serial_dates_xlsx,
    "external_entity.xlsx": external_entity_xlsx,
    "external_entity.qdpx": external_entity_qdpx,
    "zip_bomb.qdpx": zip_bomb_qdpx,
    "mislabelled_missing.sav": mislabelled_missing_sav,
}


def main(folder: Path = HERE, names: list[str] | None = None) -> None:
    """Write the files `names` (default: all) into `folder`."""
    for name in names or BUILDERS:
        BUILDERS[name](folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE, sys.argv[2:])

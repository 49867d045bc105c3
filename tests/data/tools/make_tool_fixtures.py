"""Write the small exports of each survey tool used by ``tests/test_io_tools.py``.

Run ``python tests/data/tools/make_tool_fixtures.py`` from the repository root to rebuild
the files beside this script (the same cells every time: fixed texts, no random
numbers; the .sav and .xlsx containers record the time they were written). Each file
follows the layout its tool writes, as documented by the tool and as seen in public
exports (see ``README.md``); the people are fake. The question texts are the study's
English texts, as a partner's survey would show them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat

HERE = Path(__file__).resolve().parent
WORKBOOK_TIME = dt.datetime(2026, 1, 1)
COUNTRY, GROUP = "Country", "I answer as"
GW = "Guidance at the workplace"
GW1 = "Students get enough guidance at the workplace when they need it."
GW2 = (
    "At the start of the work-based learning period, students get a proper introduction "
    "to the workplace and its tasks."
)
T01 = "Work out with the company which skills are missing and link them to study units."
T02 = "Talking with the company's production manager and trainers."
T03 = "Agree on tasks that also meet the qualification's learning goals."
T03_WRONG = "Let the student decide which tasks to do."


def _csv(rows: list[list[str]], delimiter: str = ",", quoting=csv.QUOTE_MINIMAL) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def limesurvey_full_text() -> bytes:
    """'Full question text' headings, what LimeSurvey's R export always writes."""
    header = [
        "Response ID",
        "Date submitted",
        "Last page",
        "Start language",
        "Seed",
        "Date started",
        "Date last action",
        "Total time",
        COUNTRY,
        GROUP,
        f"{GW} [{GW1}]",
        f"{GW} [{GW2}]",
    ]
    rows = [
        [
            "1",
            "2026-03-02 10:12:40",
            "8",
            "en",
            "123456789",
            "2026-03-02 10:01:02",
            "2026-03-02 10:12:40",
            "698.00",
            "EE",
            "STU",
            "A4",
            "A5",
        ],
        [
            "2",
            "",
            "3",
            "en",
            "223456789",
            "2026-03-02 11:00:00",
            "2026-03-02 11:02:00",
            "120.00",
            "EE",
            "TEA",
            "A2",
            "",
        ],
    ]
    return ("\ufeff" + _csv([header, *rows], ";", csv.QUOTE_ALL)).encode("utf-8")


def limesurvey_code_and_text() -> bytes:
    """'Question code & question text' headings: ``code. text``."""
    header = [
        "id. Response ID",
        "submitdate. Date submitted",
        "lastpage. Last page",
        "startlanguage. Start language",
        "seed. Seed",
        "startdate. Date started",
        "G1Q1. Country",
        "G1Q2. I answer as",
        f"G2Q1[SQ001]. {GW} [{GW1}]",
        f"G2Q1[SQ002]. {GW} [{GW2}]",
    ]
    rows = [
        [
            "7",
            "2026-03-04 09:30:00",
            "8",
            "en",
            "99",
            "2026-03-04 09:20:00",
            "EE",
            "WPT",
            "A3",
            "A4",
        ]
    ]
    return ("\ufeff" + _csv([header, *rows], ";", csv.QUOTE_ALL)).encode("utf-8")


def limesurvey_padded_codes() -> bytes:
    """LimeSurvey 5/6 default codes ``G01Q01``; an anonymised survey's 1980 placeholder."""
    header = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "G01Q01",
        "G01Q02",
        "G02Q01[SQ001]",
        "G02Q01[SQ002]",
    ]
    rows = [
        [
            "1",
            "1980-01-01 00:00:00",
            "8",
            "en",
            "5",
            "1980-01-01 00:00:00",
            "1980-01-01 00:00:00",
            "EE",
            "STU",
            "A1",
            "A2",
        ],
    ]
    return _csv([header, *rows], ",", csv.QUOTE_ALL).encode("utf-8")


QUALTRICS_CODES = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
    "Q1",
    "Q2",
    "Q3_1",
    "Q3_2",
]
QUALTRICS_LABELS = [
    "Start Date",
    "End Date",
    "Response Type",
    "IP Address",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "Recorded Date",
    "Response ID",
    "Recipient Last Name",
    "Recipient First Name",
    "Recipient Email",
    "External Data Reference",
    "Location Latitude",
    "Location Longitude",
    "Distribution Channel",
    "User Language",
    COUNTRY,
    GROUP,
    f"{GW} - {GW1}",
    f"{GW} - {GW2}",
]
QUALTRICS_IMPORT = [
    '{"ImportId":"startDate","timeZone":"Europe/Helsinki"}',
    '{"ImportId":"endDate","timeZone":"Europe/Helsinki"}',
    '{"ImportId":"status"}',
    '{"ImportId":"ipAddress"}',
    '{"ImportId":"progress"}',
    '{"ImportId":"duration"}',
    '{"ImportId":"finished"}',
    '{"ImportId":"recordedDate","timeZone":"Europe/Helsinki"}',
    '{"ImportId":"_recordId"}',
    '{"ImportId":"recipientLastName"}',
    '{"ImportId":"recipientFirstName"}',
    '{"ImportId":"recipientEmail"}',
    '{"ImportId":"externalDataReference"}',
    '{"ImportId":"locationLatitude"}',
    '{"ImportId":"locationLongitude"}',
    '{"ImportId":"distributionChannel"}',
    '{"ImportId":"userLanguage"}',
    '{"ImportId":"QID1"}',
    '{"ImportId":"QID2"}',
    '{"ImportId":"QID3_1"}',
    '{"ImportId":"QID3_2"}',
]
QUALTRICS_ROWS = [
    [
        "2026-03-05 08:00:00",
        "2026-03-05 08:09:30",
        "IP Address",
        "192.0.2.1",
        "100",
        "570",
        "True",
        "2026-03-05 08:09:31",
        "R_1a2B3c4D5e6F7g8",
        "",
        "",
        "",
        "",
        "60.17",
        "24.94",
        "anonymous",
        "EN",
        "FI",
        "Student",
        "Agree",
        "Strongly agree",
    ],
    [
        "2026-03-05 09:00:00",
        "2026-03-05 09:03:00",
        "IP Address",
        "192.0.2.2",
        "40",
        "180",
        "False",
        "2026-03-06 09:03:00",
        "R_9z8Y7x6W5v4U3t2",
        "",
        "",
        "",
        "",
        "60.17",
        "24.94",
        "anonymous",
        "FI",
        "FI",
        "Teacher",
        "Disagree",
        "",
    ],
]


def qualtrics_three_rows() -> bytes:
    """Qualtrics since 2017: codes, question texts, import ids, then the responses."""
    rows = [QUALTRICS_CODES, QUALTRICS_LABELS, QUALTRICS_IMPORT, *QUALTRICS_ROWS]
    return ("\ufeff" + _csv(rows)).encode("utf-8")


def qualtrics_legacy() -> bytes:
    """The legacy Qualtrics export: ``V1``...``V10`` codes and one row of labels."""
    codes = [f"V{number}" for number in range(1, 11)] + ["Q1", "Q2", "Q3_1", "Q3_2"]
    labels = [
        "ResponseID",
        "ResponseSet",
        "Name",
        "ExternalDataReference",
        "EmailAddress",
        "IPAddress",
        "Status",
        "StartDate",
        "EndDate",
        "Finished",
        COUNTRY,
        GROUP,
        f"{GW}-{GW1}",
        f"{GW}-{GW2}",
    ]
    row = [
        "R_0a1b2c3d4e5f6g7",
        "Default Response Set",
        "Anonymous",
        "",
        "",
        "192.0.2.3",
        "0",
        "2016-04-01 10:00:00",
        "2016-04-01 10:05:00",
        "1",
        "NL",
        "Student",
        "4",
        "5",
    ]
    return ("\ufeff" + _csv([codes, labels, row])).encode("utf-8")


MOODLE3 = [
    "Surname",
    "First name",
    "Email address",
    "State",
    "Started on",
    "Completed",
    "Time taken",
    "Grade/3.00",
    "Response 1",
    "Response 2",
    "Response 3",
]


def moodle3_responses() -> bytes:
    """Moodle 3.x Responses report, re-saved so that headers carry stray spaces."""
    header = [f" {name} " if name.startswith("Response") else name for name in MOODLE3]
    rows = [
        [
            "Tamm",
            "Mari",
            "mari.tamm@example.org",
            "Finished",
            "3 March 2026  10:00 AM",
            "3 March 2026  12:07 PM",
            "2 hours 7 mins",
            "3.00",
            T01,
            T02,
            T03,
        ],
        [
            "Kask",
            "Jaan",
            "jaan.kask@example.org",
            "Finished",
            "4 March 2026  9:00 AM",
            "5 March 2026  7:00 PM",
            "1 day 10 hours",
            "2.00",
            T01,
            T02,
            T03_WRONG,
        ],
        ["Overall average", "", "", "", "", "", "", "2.50", "", "", ""],
    ]
    return ("\ufeff" + _csv([header, *rows])).encode("utf-8")


def moodle4_responses() -> bytes:
    """Moodle 4.x Responses report: Status, Started, Completed, Duration."""
    header = [
        "Last name",
        "First name",
        "Email address",
        "Status",
        "Started",
        "Completed",
        "Duration",
        "Grade/3.00",
        "Response 1",
        "Response 2",
        "Response 3",
    ]
    rows = [
        [
            "Ozola",
            "Anna",
            "anna.ozola@example.org",
            "Finished",
            "6 March 2026, 10:00 AM",
            "6 March 2026, 10:12 AM",
            "12 mins 5 secs",
            "3.00",
            T01,
            T02,
            T03,
        ],
        [
            "Bērziņš",
            "Jānis",
            "janis.berzins@example.org",
            "In progress",
            "6 March 2026, 11:00 AM",
            "-",
            "-",
            "-",
            T01,
            "-",
            "-",
        ],
    ]
    return ("\ufeff" + _csv([header, *rows])).encode("utf-8")


def moodle_grades_workbook(path: Path) -> None:
    """Moodle 4.x Grades report (the first results view) as .xlsx."""
    header = [
        "Last name",
        "First name",
        "Email address",
        "Status",
        "Started",
        "Completed",
        "Duration",
        "Grade/3.00",
        "Q. 1 /1.00",
        "Q. 2 /1.00",
        "Q. 3 /1.00",
    ]
    rows = [
        [
            "Ozola",
            "Anna",
            "anna.ozola@example.org",
            "Finished",
            "6 March 2026, 10:00 AM",
            "6 March 2026, 10:12 AM",
            "12 mins 5 secs",
            3.0,
            1.0,
            1.0,
            1.0,
        ],
        ["Overall average", None, None, None, None, None, None, 3.0, 1.0, 1.0, 1.0],
    ]
    _workbook(path, [header, *rows])


def moodle3_grades() -> bytes:
    """Moodle 3.x Grades report as CSV."""
    header = [
        "Surname",
        "First name",
        "Email address",
        "State",
        "Started on",
        "Completed",
        "Time taken",
        "Grade/3.00",
        "Q. 1 /1.00",
        "Q. 2 /1.00",
        "Q. 3 /1.00",
    ]
    rows = [
        [
            "Tamm",
            "Mari",
            "mari.tamm@example.org",
            "Finished",
            "3 March 2026  10:00 AM",
            "3 March 2026  10:20 AM",
            "20 mins",
            "3.00",
            "1.00",
            "1.00",
            "1.00",
        ]
    ]
    return ("\ufeff" + _csv([header, *rows])).encode("utf-8")


def google_forms_repeated_titles() -> bytes:
    """Google Forms: two questions with the same title (in two sections)."""
    header = ["Timestamp", COUNTRY, "Comments", "Comments"]
    rows = [["2026/03/07 10:00:00 AM EET", "FI", "first section", "second section"]]
    return _csv([header, *rows]).encode("utf-8")


def tsv_verbatim() -> bytes:
    """A tab-delimited export without quoting whose cells begin with a quote."""
    rows = [
        ["id", COUNTRY, "open_guidance"],
        ["1", "FI", '"Hands-on" work helps most'],
        ["2", "FI", '"Learning by doing", as they say'],
    ]
    return "".join("\t".join(row) + "\n" for row in rows).encode("utf-8")


def spss_out_of_range_date(path: Path) -> None:
    """An SPSS file whose DATETIME column holds a mistyped year (20260 for 2026)."""
    start = (dt.datetime(2026, 3, 1) - dt.datetime(1582, 10, 14)).total_seconds()
    mistyped = (dt.datetime(9999, 1, 1) - dt.datetime(1582, 10, 14)).total_seconds() * 2.1
    frame = pd.DataFrame(
        {
            "RespID": [1.0, 2.0],
            "sakums": [start, mistyped],
            "beigas": [start + 600, start + 900],
            "dzimums": [1.0, 2.0],
        }
    )
    pyreadstat.write_sav(
        frame,
        path,
        variable_format={"sakums": "DATETIME20", "beigas": "DATETIME20"},
        variable_value_labels={"dzimums": {1.0: "Sieviete", 2.0: "Vīrietis"}},
    )


def maxqda_project(path: Path) -> None:
    """A stand-in MAXQDA 2020+ project: an SQLite database with a .mex name."""
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE codes (id INTEGER, name TEXT)")
        database.execute("INSERT INTO codes VALUES (1, 'workplace guidance')")
    database.close()


def _workbook(path: Path, rows: list[list]) -> None:
    workbook = openpyxl.Workbook()
    workbook.properties.created = workbook.properties.modified = WORKBOOK_TIME
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)


TEXT_FILES = {
    "limesurvey_full_text.csv": limesurvey_full_text,
    "limesurvey_code_text.csv": limesurvey_code_and_text,
    "limesurvey_G01Q01.csv": limesurvey_padded_codes,
    "qualtrics_three_rows.csv": qualtrics_three_rows,
    "qualtrics_legacy.csv": qualtrics_legacy,
    "moodle3_responses.csv": moodle3_responses,
    "moodle4_responses.csv": moodle4_responses,
    "moodle3_grades.csv": moodle3_grades,
    "googleforms_repeated_titles.csv": google_forms_repeated_titles,
    "verbatim_quotes.tsv": tsv_verbatim,
}
OTHER_FILES = {
    "moodle4_grades.xlsx": moodle_grades_workbook,
    "spss_date_out_of_range.sav": spss_out_of_range_date,
    "maxqda_project.mex": maxqda_project,
}


def build(folder: Path = HERE) -> None:
    """Write every fixture into `folder`."""
    for name, content in TEXT_FILES.items():
        (folder / name).write_bytes(content())
    for name, writer in OTHER_FILES.items():
        writer(folder / name)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)

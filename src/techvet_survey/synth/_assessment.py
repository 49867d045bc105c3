"""The Learning Ambassador assessment test: 3PL responses with planted DIF, as an LMS export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.synth import _design as design
from techvet_survey.synth._pii import PiiFactory

OMIT_RATE = 0.02
NOT_REACHED_SHARE = 0.06
LANGUAGE_NAMES = {
    "fi": "Suomi (fi)",
    "et": "Eesti (et)",
    "lv": "Latviešu (lv)",
    "nl": "Nederlands (nl)",
    "en": "English (en)",
}
NO_RESPONSE = "-"


def simulate_test(
    book: Codebook, test: design.TestDesign, takers: dict[str, int], rng
) -> pd.DataFrame:
    """Chosen options ('A'-'D', NaN when not answered) and abilities of every test taker.

    Wrong answers fall on the distractors with unequal attractiveness, so that some
    distractors are rarely chosen, as in real tests. Some takers omit items, and some
    run out of time before the end (not reached).
    """
    items = test.items
    options = list(book.test_options)
    key = book.test_key
    frames = []
    for language, count in takers.items():
        theta = rng.standard_normal(count)
        correct = rng.random((count, len(items))) < test.p_correct(theta, language)
        chosen = np.empty((count, len(items)), dtype=object)
        for column, item in enumerate(items):
            distractors = [option for option in options if option != key[item]]
            attraction = np.array([0.55, 0.35, 0.10]) if column % 3 else np.array([0.4, 0.35, 0.25])
            wrong = rng.choice(distractors, size=count, p=attraction)
            chosen[:, column] = np.where(correct[:, column], key[item], wrong)
        omitted = rng.random((count, len(items))) < OMIT_RATE
        chosen[omitted] = None
        stops = rng.random(count) < NOT_REACHED_SHARE
        for person in np.flatnonzero(stops):
            chosen[person, int(rng.integers(len(items) - 6, len(items) - 1)) :] = None
        frame = pd.DataFrame(chosen, columns=items)
        frame.insert(0, "language", language)
        frame.insert(1, "theta", theta)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def write_lms_export(
    responses: pd.DataFrame, book: Codebook, path: Path, field_start, rng
) -> list[str]:
    """A Moodle-style quiz 'Responses' report as CSV: one column per question holding the
    chosen option's text in the taker's language (``-`` when not answered).

    Returns the personal data (names, e-mail addresses) the export carries.
    """
    items = [column for column in responses.columns if column in set(book.test_items["item"])]
    header = [
        "Surname",
        "First name",
        "Email address",
        "Language",
        "State",
        "Started on",
        "Completed",
        "Time taken",
        f"Grade/{len(items)}.00",
    ]
    header += [f"Response {number}" for number in range(1, len(items) + 1)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    planted: list[str] = []
    factory = PiiFactory()
    key = book.test_key
    for serial, row in enumerate(responses.itertuples(index=False), 1):
        language = row.language
        name, email, _ = factory.person(language, rng, serial=serial)
        planted += [name, email]
        first, last = name.split(" ", 1)
        started = field_start + pd.Timedelta(seconds=int(rng.integers(0, 30 * 86_400)))
        seconds = int(rng.integers(900, 2700))
        chosen = [getattr(row, item) for item in items]
        grade = sum(option == key[item] for option, item in zip(chosen, items, strict=True))
        writer.writerow(
            [
                last,
                first,
                email,
                LANGUAGE_NAMES[language],
                "Finished",
                started.strftime("%d %B %Y %I:%M %p"),
                (started + pd.Timedelta(seconds=seconds)).strftime("%d %B %Y %I:%M %p"),
                f"{seconds // 60} mins {seconds % 60} secs",
                f"{grade:.2f}",
            ]
            + [
                NO_RESPONSE if pd.isna(option) else book.option_text(item, option, language)
                for option, item in zip(chosen, items, strict=True)
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return planted

"""The mess of real exports, planted row by row and recorded.

Each planted problem row carries its reason in ``planted_reason``; genuine rows that a
correct cleaning keeps carry ``""``. Reasons are disjoint, so each excluded row has one
expected reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TEST_WORDS = {"fi": "testi", "et": "test", "lv": "tests", "nl": "toets", "en": "test"}
SHARES = {"speeder": 0.02, "straight_lining": 0.015, "incomplete": 0.03, "duplicate": 0.02}
N_TEST_SUBMISSIONS = 2
FIELD_DAYS = 42


def _pick(candidates: np.ndarray, share: float, rng) -> np.ndarray:
    count = max(1, round(share * len(candidates))) if len(candidates) >= 20 else 0
    return rng.choice(candidates, size=min(count, len(candidates)), replace=False)


def add_mess(
    frame: pd.DataFrame,
    likert_items: list[str],
    *,
    field_start: pd.Timestamp,
    n_blank: int,
    rng,
) -> pd.DataFrame:
    """Return `frame` with planted problem rows, timestamps and ``planted_reason``.

    Genuine rows are turned into speeders, straight-liners and incomplete responses;
    duplicate submissions, test submissions and blank responses (submitted with no
    answer) are added. Rows come back in submission order, blank responses last.
    """
    frame = frame.reset_index(drop=True).copy()
    frame["planted_reason"] = ""
    offsets = rng.uniform(0, FIELD_DAYS * 86_400, len(frame))
    frame["submitted_at"] = field_start + pd.to_timedelta(np.round(offsets), unit="s")
    available = np.arange(len(frame))
    for reason in ("speeder", "straight_lining", "incomplete"):
        chosen = _pick(available, SHARES[reason], rng)
        available = np.setdiff1d(available, chosen)
        frame.loc[chosen, "planted_reason"] = reason
    speeders = frame.index[frame["planted_reason"] == "speeder"]
    frame.loc[speeders, "duration_s"] = np.round(
        frame.loc[speeders, "duration_s"] * rng.uniform(0.08, 0.18, len(speeders))
    )
    straight = (frame["planted_reason"] == "straight_lining").to_numpy()
    values = frame[likert_items].to_numpy(dtype=float, copy=True)
    values[straight] = rng.integers(1, 6, straight.sum())[:, None]
    incomplete = (frame["planted_reason"] == "incomplete").to_numpy()
    answered = rng.integers(2, max(3, len(likert_items) // 4), incomplete.sum())
    blank_after = np.arange(len(likert_items))[None, :] >= answered[:, None]
    rows = values[incomplete]
    rows[blank_after] = np.nan
    values[incomplete] = rows
    frame[likert_items] = values
    channels = [column for column in frame.columns if column.startswith("channels_")]
    frame.loc[incomplete, channels] = np.nan
    frame.loc[incomplete, ["open_guidance", "open_other"]] = ""
    frame["planted_pii"] = [
        [] if gone else found for gone, found in zip(incomplete, frame["planted_pii"], strict=True)
    ]
    frame["incomplete"] = frame["planted_reason"] == "incomplete"
    duplicates = frame.loc[_pick(available, SHARES["duplicate"], rng)].copy()
    duplicates["submitted_at"] += pd.to_timedelta(rng.integers(60, 1200, len(duplicates)), unit="s")
    duplicates["planted_reason"] = "duplicate"
    tests = _test_submissions(frame, likert_items, field_start, rng)
    frame = pd.concat([frame, duplicates, tests], ignore_index=True)
    frame = frame.sort_values("submitted_at", kind="stable").reset_index(drop=True)
    blanks = pd.DataFrame(
        {
            "planted_reason": ["blank"] * n_blank,
            "submitted_at": field_start
            + pd.to_timedelta(rng.integers(0, FIELD_DAYS * 86_400, n_blank), unit="s"),
            "duration_s": rng.integers(20, 90, n_blank).astype(float),
        }
    )
    frame = pd.concat([frame, blanks], ignore_index=True)
    frame["started_at"] = frame["submitted_at"] - pd.to_timedelta(frame["duration_s"], unit="s")
    frame["source_id"] = np.arange(1, len(frame) + 1)
    return frame


def _test_submissions(frame, likert_items, field_start, rng) -> pd.DataFrame:
    """Rows the survey team sent to try the form before fieldwork began."""
    tests = frame.sample(N_TEST_SUBMISSIONS, random_state=rng).copy()
    tests[likert_items] = rng.integers(1, 6, (len(tests), len(likert_items))).astype(float)
    tests["open_guidance"] = [TEST_WORDS[lang] for lang in tests["language"]]
    tests["planted_pii"] = [[] for _ in range(len(tests))]
    before = rng.integers(3_600, 5 * 86_400, len(tests))
    tests["submitted_at"] = field_start - pd.to_timedelta(before, unit="s")
    tests["planted_reason"] = "test_submission"
    return tests

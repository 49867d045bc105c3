import os
import stat
import sys

import numpy as np
import pandas as pd
import pytest

from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE, load_key, suppress_small_cells

POSIX_MODES = pytest.mark.skipif(sys.platform == "win32", reason="no POSIX file modes")


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "country": ["Finland", "Latvia", "Estonia"],
            "n": [12, 4, 5],
            "mean": [3.5, 4.0, 2.5],
            "label": ["a", "b", "c"],
        }
    )


def test_rows_below_min_n_are_blanked_and_flagged(table):
    result = suppress_small_cells(table)
    assert result["suppressed"].tolist() == [False, True, False]
    assert np.isnan(result.loc[1, "mean"])
    assert result.loc[[0, 2], "mean"].tolist() == [3.5, 2.5]
    assert result["n"].tolist() == [12, 4, 5]  # the count itself stays visible
    assert result["label"].tolist() == ["a", "b", "c"]  # text columns are not statistics


def test_input_is_not_changed(table):
    before = table.copy()
    suppress_small_cells(table, min_n=10)
    pd.testing.assert_frame_equal(table, before)


def test_min_n_zero_keeps_everything_and_hide_n(table):
    assert not suppress_small_cells(table, min_n=0)["suppressed"].any()
    hidden = suppress_small_cells(table, hide_n=True)
    assert np.isnan(hidden.loc[1, "n"]) and hidden.loc[0, "n"] == 12


def test_several_count_columns_and_missing_count():
    pairs = pd.DataFrame({"n1": [10, 10, 10], "n2": [12, 3, np.nan], "p_val": [0.1, 0.2, 0.3]})
    result = suppress_small_cells(pairs, n_col=["n1", "n2"])
    assert result["suppressed"].tolist() == [False, True, True]
    assert result["p_val"].isna().tolist() == [False, True, True]


def test_explicit_value_cols_and_existing_flag(table):
    table["suppressed"] = [True, False, False]
    result = suppress_small_cells(table, value_cols=["mean", "label"])
    assert result["suppressed"].tolist() == [True, True, False]
    assert result["label"].isna().tolist() == [True, True, False]


def test_bad_arguments_are_named(table):
    with pytest.raises(KeyError, match="`n_col` names columns"):
        suppress_small_cells(table, n_col="count")
    with pytest.raises(ValueError, match="`min_n` must be a non-negative integer"):
        suppress_small_cells(table, min_n=-1)
    with pytest.raises(TypeError, match="`table` must be a pandas DataFrame"):
        suppress_small_cells(table.to_numpy())


@pytest.mark.parametrize("key", [b"", b"k", b"x" * 64, b"long key " * 20])
def test_pseudonyms_are_hmac_sha256_of_the_value(key):
    import hmac

    from techvet_survey.privacy import pseudonymise

    values = ["FI_webropol.xlsx:17", "ä-ö:3", 17]
    expected = [
        "R-" + hmac.new(key, str(value).encode("utf-8"), "sha256").hexdigest()[:12]
        for value in values
    ]
    assert pseudonymise(values, key) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aino\xa0Virtanen said", "[name] said"),  # any Unicode space, as Python's \s
        ("äAino Virtanen", "äAino Virtanen"),  # no word boundary before a non-ASCII letter
        ("Jānis Bērziņš, Līga Ozola", "[name], [name]"),
        ("Mark van der Berg", "[name]"),
        ("call ٣٤٥٦٧٨٩٠١", "call [phone]"),  # digits of any script
        ("abc1234567", "abc1234567"),  # not inside a word
        ("Order 123456", "Order 123456"),  # fewer than seven digits
        ("x_aino@y.fi or WWW.Firma.fi/x", "[email] or [url]"),
    ],
)
def test_scrubbing_follows_python_unicode_rules(text, expected):
    from techvet_survey.privacy import scrub_series, scrub_text

    assert scrub_text(text) == expected
    scrubbed = scrub_series(pd.Series([text, None, text]))
    assert scrubbed[[0, 2]].tolist() == [expected, expected] and pd.isna(scrubbed[1])


@pytest.fixture
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)


@pytest.fixture
def open_umask():
    """Umask 0, so that only the mode the code asks for restricts the file."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@POSIX_MODES
def test_new_key_file_is_owner_only_before_the_key_is_written(
    tmp_path, monkeypatch, no_key_in_environment, open_umask
):
    path = tmp_path / "keys" / "pseudonym.key"
    seen, write = [], os.write

    def spy(descriptor, data):
        seen.append((stat.S_IMODE(os.fstat(descriptor).st_mode), os.fstat(descriptor).st_size))
        return write(descriptor, data)

    monkeypatch.setattr(os, "write", spy)
    with pytest.warns(UserWarning, match=r"created a new pseudonymisation key in .*pseudonym"):
        key = load_key(path)
    assert seen and seen[0] == (0o600, 0)  # owner-only while still empty
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 64 and path.read_bytes() == key


def test_existing_key_file_is_read_not_replaced(tmp_path, no_key_in_environment):
    path = tmp_path / "pseudonym.key"
    path.write_text("kept-key\n", encoding="utf-8")
    assert load_key(path) == b"kept-key"
    assert path.read_text(encoding="utf-8") == "kept-key\n"


def test_failed_key_write_leaves_no_key_file(tmp_path, monkeypatch, no_key_in_environment):
    def full_disk(descriptor, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    path = tmp_path / "pseudonym.key"
    with pytest.raises(OSError, match="No space left"):
        load_key(path)
    assert not path.exists()

"""Hardening: bad and hostile input, formula injection, interrupted runs, the raw tree,
and personal data, tested the way an attacker or a careless user would meet them."""

import csv
import dataclasses
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from techvet_survey.cleaning import clean_study, write_outputs
from techvet_survey.cleaning._outputs import FORMULA_START
from techvet_survey.cli import main
from techvet_survey.codebook import Codebook
from techvet_survey.pipeline import Paths, run_pipeline
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BAD = Path(__file__).resolve().parent / "data" / "bad"
KEY = "hardening-key-3f9a1c-never-in-outputs"
sys.path.insert(0, str(BAD))
import make_bad_inputs  # noqa: E402

FORMULA_TEXT = '=HYPERLINK("http://x.invalid/steal","click")'
SCRIPT_TEXT = "<script>alert(1)</script>"


@pytest.fixture(scope="module", autouse=True)
def environment():
    """The pseudonym key from the environment; the bundled codebook parsed once."""
    book = Codebook.load()
    original = Codebook.__dict__["load"].__func__

    def load(cls, path=None, **options):
        return book if path is None and not options else original(cls, path, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, KEY)
        patch.setattr(Codebook, "load", classmethod(load))
        yield


def digest(folder: Path) -> dict:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run_cli(*arguments) -> tuple[int, str]:
    """Run the CLI in-process; return the exit code and what it printed on stderr."""
    import contextlib
    import io

    stderr, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        code = main(list(arguments))
    return code, stderr.getvalue()


def clean_one(tmp_path: Path, name: str) -> tuple[int, str, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(BAD / name, raw / name)
    out = tmp_path / "out"
    code, stderr = run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(out))
    return code, stderr, out


# ---------------------------------------------------------------- the bad-input corpus

REFUSED = {
    "empty.csv": r"'empty.csv' is empty \(0 bytes\)",
    "truncated.xlsx": r"not a readable \.xlsx workbook .*truncated or corrupt",
    "zip_bomb.qdpx": r"would expand to 620,[0-9,]+ bytes.*\(zip-bomb guard\)",
    "external_entity.qdpx": r"declares a DOCTYPE or ENTITY, which is refused for safety",
    "external_entity.xlsx": r"XML cannot be parsed \(undefined entity.*declarations are refused",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_file_gives_one_line_error_and_exit_2(tmp_path, name):
    code, stderr, _ = clean_one(tmp_path, name)
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert re.search(REFUSED[name], lines[0]), lines[0]
    assert "Traceback" not in stderr


def read_csv_out(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False)


def logged(out: Path, rule: str) -> pd.DataFrame:
    log = read_csv_out(out, "log")
    return log.loc[log["rule"] == rule]


def check_cp1257(out):
    files = read_csv_out(out, "files")
    assert files.loc[0, "encoding"] == "cp1257"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"][0]["encoding"] == "cp1257"
    text = pd.read_parquet(out / "survey.parquet")["open_guidance"]
    assert (text == "Prakses vadītājs ļoti palīdzēja, paldies").all()


def check_bom(out):
    assert logged(out, "stray_bom_removed")["count"].tolist() == [1]
    survey = pd.read_parquet(out / "survey.parquet")
    assert len(survey) == 6 and (survey["country"] == "FI").all()


def check_line_endings(out):
    files = read_csv_out(out, "files")
    assert files.loc[0, "rows_read"] == 6 and files.loc[0, "rows_kept"] == 6


def check_wide(out):
    unmapped = read_csv_out(out, "unmapped")
    assert len(unmapped) == 10_000 - 33  # id and the 9,966 extra columns
    assert set(unmapped["kept"]) == {"aside"}


def check_headers_only(out):
    files = read_csv_out(out, "files")
    assert files.loc[0, "rows_read"] == 0
    assert len(pd.read_parquet(out / "survey.parquet")) == 0


def check_formulas(out):
    text = pd.read_parquet(out / "survey.parquet")["open_guidance"].tolist()
    assert "=cmd|' /C calc'!A0" in text and "@SUM(1,2)" in text  # kept, as text
    assert read_csv_out(out, "exclusions")["reason"].tolist() == ["unknown_country"]


def check_merged(out):
    files = read_csv_out(out, "files")
    assert files.loc[0, "header_row"] == 2 and files.loc[0, "rows_kept"] == 6


def check_serial_dates(out):
    assert logged(out, "excel_serial_date")["count"].tolist() == [6, 6]
    survey = pd.read_parquet(out / "survey.parquet").sort_values("source_row")
    assert survey["submitted_at"].iloc[0] == pd.Timestamp("2026-02-27 12:14:24")
    assert (survey["duration_s"] == 864).all()


def check_mislabelled(out):
    assert len(logged(out, "spss_label_mismatch")) == 30
    long = pd.read_parquet(out / "survey_long.parquet")
    assert set(long.loc[long["raw"] == "7.0", "status"]) == {"out_of_range"}


DECIDED = {
    "cp1257_latvian.csv": check_cp1257,
    "bom_in_middle.csv": check_bom,
    "mixed_line_endings.csv": check_line_endings,
    "ten_thousand_columns.csv": check_wide,
    "headers_only.xlsx": check_headers_only,
    "formulas.xlsx": check_formulas,
    "merged_header.xlsx": check_merged,
    "excel_serial_dates.xlsx": check_serial_dates,
    "mislabelled_missing.sav": check_mislabelled,
}


@pytest.mark.parametrize("name", sorted(DECIDED))
def test_tolerated_file_is_cleaned_with_its_decision_logged(tmp_path, name):
    code, stderr, out = clean_one(tmp_path, name)
    assert code == 0, stderr
    DECIDED[name](out)
    assert_cells_neutralised(out)


def test_corpus_is_complete_and_reproducible(tmp_path):
    assert set(REFUSED) | set(DECIDED) == set(make_bad_inputs.BUILDERS)
    names = [name for name in make_bad_inputs.BUILDERS if name != "zip_bomb.qdpx"]
    # zip_bomb.qdpx takes 600 MiB to compress: rebuilt by hand only. A fresh process, so
    # that the script chooses openpyxl's serialiser before openpyxl is imported.
    script = Path(make_bad_inputs.__file__)
    subprocess.run([sys.executable, str(script), str(tmp_path), *names], check=True)
    for name in names:
        assert (tmp_path / name).read_bytes() == (BAD / name).read_bytes(), name


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-81724", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, build in (
        ("project.qdpx", make_bad_inputs.external_entity_qdpx),
        ("sheet.xlsx", make_bad_inputs.external_entity_xlsx),
    ):
        for old in raw.iterdir():
            old.unlink()
        build(raw / name, target=str(secret))
        code, stderr = run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(tmp_path / "o"))
        assert code == 2
        assert "TOP-SECRET-CONTENT" not in stderr
        written = [path.read_bytes() for path in tmp_path.joinpath("o").rglob("*.*")]
        assert not any(b"TOP-SECRET-CONTENT" in content for content in written)


# ---------------------------------------------------------------- the committed sample


def plant(raw: Path) -> None:
    """A partner export with a formula-like file name, a country alias, and formulas and
    markup as free-text answers, beside the committed sample."""
    rows = make_bad_inputs.generic_rows(8)
    for row in rows:
        row[1] = "FIN"  # a country alias
    rows[0][-1], rows[1][-1], rows[2][-1] = FORMULA_TEXT, SCRIPT_TEXT, "@SUM(A1:A9)"
    (raw / "=partner.csv").write_text(make_bad_inputs.csv_bytes(rows), encoding="utf-8")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The committed sample (with planted hostile text) through clean + analyze."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(RAW, root / "raw")
    plant(root / "raw")
    paths = Paths(raw=root / "raw", processed=root / "processed", reports=root / "reports")
    before = digest(paths.raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_pipeline(paths, stages=["clean", "analyze"])
    return paths, before


def test_pipeline_never_writes_under_raw(sample):
    paths, before = sample
    assert digest(paths.raw) == before


def csv_cells(path: Path):
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            yield from row


def xlsx_cells(path: Path):
    workbook = openpyxl.load_workbook(path)  # not read-only: formulas are seen as such
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield "=" + str(cell.value).lstrip("=")
                elif isinstance(cell.value, str):
                    yield cell.value


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_cells_neutralised(*folders: Path) -> int:
    checked = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            cells = {".csv": csv_cells, ".xlsx": xlsx_cells}.get(path.suffix)
            if cells is None:
                continue
            for cell in cells(path):
                checked += 1
                if cell.startswith(FORMULA_START) and not is_number(cell):
                    raise AssertionError(f"{path.name}: formula-like cell {cell!r}")
    return checked


def test_every_written_csv_and_xlsx_cell_is_neutralised(sample):
    paths, _ = sample
    assert assert_cells_neutralised(paths.processed, paths.reports) > 1000
    files = read_csv_out(paths.processed, "files")
    assert "'=partner.csv" in set(files["file"])
    text = set(pd.read_parquet(paths.processed / "survey.parquet")["open_guidance"].dropna())
    planted = {FORMULA_TEXT.replace("http://x.invalid/steal", "[url]"), SCRIPT_TEXT, "@SUM(A1:A9)"}
    assert planted <= text  # kept as text in the analysis table, neutralised in CSV/XLSX
    assert (paths.tables / "tables.xlsx").exists()


def test_neutralise_formulas_keeps_numbers_and_catches_categories():
    from techvet_survey.cleaning._outputs import neutralise_formulas

    table = pd.DataFrame(
        {
            "=evil": ["a", "b"],
            "mixed": [-1.5, "-x"],
            "kind": pd.Categorical(["@x", "y"]),
            "text": pd.array(["\tcmd", None], dtype="str"),
        }
    )
    safe = neutralise_formulas(table)
    assert list(safe.columns) == ["'=evil", "mixed", "kind", "text"]
    assert safe["mixed"].tolist() == [-1.5, "'-x"]
    assert safe["kind"].tolist() == ["'@x", "y"]
    assert safe["text"].iloc[0] == "'\tcmd" and pd.isna(safe["text"].iloc[1])


def planted_personal_data() -> set[str]:
    truth = json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))
    planted = set(truth["test"]["pii"]) | set(truth["interviews"]["pii"])
    for record in truth["files"].values():
        planted |= set(record.get("pii", []))
    return planted


def output_text(path: Path) -> str:
    if path.suffix == ".parquet":
        return pd.read_parquet(path).astype(str).to_csv()
    if path.suffix == ".xlsx":
        return "\n".join(str(cell) for cell in xlsx_cells(path))
    return path.read_text(encoding="utf-8", errors="replace")


def test_no_personal_data_and_no_key_in_any_output(sample):
    paths, _ = sample
    planted = planted_personal_data()
    assert len(planted) > 100
    scanned = [
        path
        for folder in (paths.processed, paths.reports)
        for path in folder.rglob("*")
        if path.is_file() and path.name != ".lock"
    ]
    assert len(scanned) > 20
    for path in scanned:
        text = output_text(path)
        leaked = sorted(value for value in planted if value in text)
        assert not leaked, f"{path.name} holds personal data: {leaked[:3]}"
        assert KEY not in text, f"{path.name} holds the pseudonym key"


# Tables known to break the rule, to be fixed in the analysis stage (see the report of
# the hardening work); the test fails as soon as one is fixed, so the list stays exact.
KNOWN_UNSUPPRESSED = {"test_distractors.csv"}


def test_small_cells_are_suppressed_in_every_table_with_n(sample):
    paths, _ = sample
    checked, failing = 0, {}
    for path in sorted(paths.tables.glob("*.csv")):
        table = pd.read_csv(path)
        if "n" not in table.columns:
            continue
        small = table["n"].between(1, 4)
        statistics = [
            column
            for column in table.select_dtypes("number").columns
            if column != "n" and not column.startswith("n_")
        ]
        shown = table.loc[small, statistics].notna().any(axis=1)
        if shown.any():
            failing[path.name] = list(table.index[small][shown])[:5]
        checked += 1
    assert checked >= 3
    assert set(failing) == KNOWN_UNSUPPRESSED, f"rows with 0 < n < 5 showing statistics: {failing}"


def test_html_escapes_text_from_the_data():
    report = pytest.importorskip("techvet_survey.report", reason="report module not there yet")
    table = pd.DataFrame({"quote": [SCRIPT_TEXT], "n": [12]})
    page = report.html_table(table, caption=f"Quotes {SCRIPT_TEXT}")
    assert SCRIPT_TEXT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ---------------------------------------------------------------- interrupted runs

KILLED_WRITER = textwrap.dedent(
    """
    import os, pickle, sys, time
    real_replace = os.replace

    def slow_replace(source, target):
        real_replace(source, target)
        print("replaced", target, flush=True)
        time.sleep(30)

    os.replace = slow_replace
    from techvet_survey.cleaning import write_outputs
    with open(sys.argv[1], "rb") as handle:
        result = pickle.load(handle)
    write_outputs(result, sys.argv[2])
    """
)


@pytest.fixture(scope="module")
def small_result(tmp_path_factory):
    raw = tmp_path_factory.mktemp("small_raw")
    for name in ("formulas.xlsx", "cp1257_latvian.csv"):
        shutil.copy(BAD / name, raw / name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return clean_study(raw)


def test_run_killed_midway_leaves_old_or_new_complete_files(small_result, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    write_outputs(small_result, old)
    changed = dataclasses.replace(
        small_result,
        survey=small_result.survey.iloc[:-2],
        exclusions=small_result.exclusions.iloc[:0],
        log=small_result.log.iloc[:-1],
    )
    write_outputs(changed, new)
    target = tmp_path / "target"
    shutil.copytree(old, target)
    pickled = tmp_path / "result.pickle"
    pickled.write_bytes(pickle.dumps(changed))
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(pickled), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
    )
    first = process.stdout.readline()  # the first output has just been replaced
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert first.startswith("replaced"), first
    kinds = []
    for name in sorted(path.name for path in old.iterdir()):
        content = (target / name).read_bytes()
        assert content in ((old / name).read_bytes(), (new / name).read_bytes()), name
        kinds.append("new" if content == (new / name).read_bytes() else "old")
        if name.endswith(".parquet"):
            pd.read_parquet(target / name)
        if name.endswith(".json"):
            json.loads(content)
    assert "old" in kinds and "new" in kinds


def test_second_clean_into_a_locked_folder_is_refused(small_result, tmp_path):
    holder = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from techvet_survey.pipeline import Paths, pipeline_lock
        with pipeline_lock(Paths(processed=Path(sys.argv[1]))):
            print("locked", flush=True)
            time.sleep(60)
        """
    )
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", holder, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        raw = tmp_path / "raw"
        raw.mkdir()
        shutil.copy(BAD / "mixed_line_endings.csv", raw)
        code, stderr = run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(out))
    finally:
        process.kill()
        process.wait()
    assert code == 2
    assert stderr.startswith("error: another run of techvet_survey is writing")
    assert not (out / "manifest.json").exists()


def test_rerun_is_byte_identical_and_raw_change_is_reported(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("formulas.xlsx", "cp1257_latvian.csv"):
        shutil.copy(BAD / name, raw / name)
    before = digest(raw)
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(first))[0] == 0
    assert run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(second))[0] == 0
    assert digest(first) == digest(second)
    assert digest(raw) == before and not (raw.parent / "pseudonym.key").exists()
    (raw / "cp1257_latvian.csv").write_bytes((raw / "cp1257_latvian.csv").read_bytes() + b"\n")
    code, stderr = run_cli("clean", "--quiet", "--raw", str(raw), "--out", str(first))
    assert code == 0
    assert "raw file cp1257_latvian.csv was changed since the previous run" in stderr

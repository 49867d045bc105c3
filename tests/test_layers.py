"""The package's layers import only downward (docs/architecture.md).

Every import of a ``techvet_survey`` module, at the top of a file or inside a function,
is read from the source; a package may import its own layer and the layers below it,
never one above. Families of the statistics layer may use each other (``dif`` builds on
``irt``), but never the analysis, plotting or pipeline stages.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "techvet_survey"
LAYERS = [
    # core: no knowledge of the study
    {
        "__init__",
        "errors",
        "_validation",
        "_files",
        "_results",
        "_stamps",
        "_stats",
        "_numbers",
        "_yaml",
        "_aside",
        "_memory",
        "privacy",
    },
    {"io"},  # every partner's export to a raw frame
    {"codebook", "schemas", "scoring"},  # the instrument as data, its answer key; schemas
    {"open_answers"},  # the respondents' own words; the cleaning reads their coding with it
    {"cleaning"},  # raw frames to the processed tables
    # statistical families: DataFrame in, tidy DataFrame out
    {
        "scales",
        "reliability",
        "irt",
        "dif",
        "cfa",
        "factor",
        "compare",
        "agreement",
        "interviews",
        "aggregates",
    },
    {"analysis"},  # whole-study runs: every report table
    {"plots"},  # figures from results; no statistics
    {"figures"},  # the report's figures, drawn from the tables on disk
    {"report"},  # notebooks and the HTML report, reading the earlier stages' outputs
    {"pipeline"},  # the stages in order, skipping what is current
    {"cli", "synth", "__main__"},  # commands; the synthetic-study generator
]
LAYER_OF = {name: position for position, layer in enumerate(LAYERS) for name in layer}


def top_level(name: str) -> str:
    """``techvet_survey.io.qda._qdpx`` -> ``io``; ``techvet_survey`` -> ``__init__``."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of every techvet_survey import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "techvet_survey":
                found += [(node.lineno, alias.name) for alias in node.names]
            elif node.module.startswith("techvet_survey."):
                found.append((node.lineno, top_level(node.module)))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, top_level(alias.name))
                for alias in node.names
                if alias.name.startswith("techvet_survey.")
            ]
    return found


def module_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    missing = {module_of(path) for path in SOURCES} - set(LAYER_OF)
    assert not missing, f"modules without a layer in LAYERS: {sorted(missing)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_go_downward(path):
    here = module_of(path)
    upward = [
        f"line {line}: imports {target} (layer {LAYER_OF[target]}) from layer {LAYER_OF[here]}"
        for line, target in imports_of(path)
        if target in LAYER_OF and target != here and LAYER_OF[target] > LAYER_OF[here]
    ]
    assert not upward, f"{path.relative_to(PACKAGE)} imports upward: {upward}"


def test_no_relative_imports():
    relative = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert not relative, f"relative imports (write them absolute): {relative}"


def test_only_the_pipeline_runs_the_figures_and_report_stages():
    """Commands reach the figures and report stages through the pipeline; the report
    reads what the figures stage saved through the figures' reading functions."""
    allowed = {"pipeline", "figures", "report"}
    reaching = [
        f"{path.relative_to(PACKAGE)}:{line} imports {target}"
        for path in SOURCES
        if module_of(path) not in allowed
        for line, target in imports_of(path)
        if target in ("figures", "report")
    ]
    assert not reaching, reaching


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "fake.py"
    module.write_text("def f():\n    from techvet_survey.report import build_report\n")
    assert imports_of(module) == [(2, "report")]

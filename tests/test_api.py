"""The public API of the statistical families against docs/api.md and its vocabulary."""

import importlib
import inspect
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs" / "api.md"
FAMILIES = (
    "scales",
    "scoring",
    "reliability",
    "irt",
    "dif",
    "compare",
    "agreement",
    "interviews",
    "open_answers",
    "aggregates",
    "factor",
    "cfa",
)
# cfa joins once its arguments follow the vocabulary: measurement_invariance still
# takes alpha= and score_alpha= for significance levels.
VOCABULARY_FAMILIES = FAMILIES
RENAMED = {
    "confidence": "ci",
    "ci_level": "ci",
    "confidence_level": "ci",
    "alpha": "significance",
    "groups": "n_groups",
}
# `level` is the level of measurement, and only that.
LEVEL_OWNERS = {"agreement.krippendorff_alpha"}


def public_functions(families):
    """``(family.name, function)`` of every function a family defines and exports."""
    found = []
    for family in families:
        module = importlib.import_module(f"techvet_survey.{family}")
        for name in module.__all__:
            value = getattr(module, name)
            defined_here = getattr(value, "__module__", "").startswith(module.__name__)
            if inspect.isfunction(value) and defined_here:
                found.append((f"{family}.{name}", value))
    return found


def test_the_families_export_functions():
    names = [name for name, _ in public_functions(FAMILIES)]
    assert "reliability.omega_loadings" in names and "dif.logistic_dif" in names
    assert "interviews.read_qdpx" not in names  # defined by io.qda, listed there


@pytest.mark.parametrize(("name", "function"), public_functions(FAMILIES))
def test_every_public_function_is_in_the_api_table(name, function):
    assert f"`{name}`" in DOCS.read_text(encoding="utf-8"), (
        f"{name} is public but docs/api.md does not list it: add its row (statistic, "
        "function, module, R equivalent, reference)."
    )


def test_compare_all_is_in_the_api_table():
    assert "`analysis.compare_all`" in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "function"), public_functions(VOCABULARY_FAMILIES))
def test_signatures_keep_the_vocabulary(name, function):
    parameters = inspect.signature(function).parameters
    for parameter in parameters:
        assert parameter not in RENAMED, (
            f"{name}({parameter}=): docs/api.md calls this `{RENAMED[parameter]}`."
        )
        assert not parameter.startswith("return_"), (
            f"{name}({parameter}=): one return type per function; give the other table "
            "its own function or return a result object."
        )
    if "level" in parameters:
        assert name in LEVEL_OWNERS, f"{name}(level=): `level` is the level of measurement."
    if "group" in parameters:
        assert parameters["group"].annotation in ("str", "str | None"), (
            f"{name}(group=) is one grouping column; several are `by=`."
        )

"""Result objects: facts and every table in full, in print and in Jupyter."""

import numpy as np
import pandas as pd
import pytest

from techvet_survey._results import plain


def test_results_print_their_facts_and_every_table_in_full():
    from dataclasses import dataclass

    import numpy as np
    import pandas as pd

    from techvet_survey._results import Result

    @dataclass(frozen=True)
    class Fitted(Result):
        estimator: str
        n: int
        converged: bool
        estimates: pd.DataFrame

    table = pd.DataFrame({"param": [f"p{i}" for i in range(40)], "est": np.arange(40) / 3})
    result = Fitted("MLR", np.int64(301), np.bool_(True), table)
    text = result.text()
    assert text.splitlines()[:4] == [
        "Fitted",
        "  estimator  MLR",
        "  n          301",
        "  converged  True",
    ]
    assert "np.int64" not in text and "p39" in text  # every row, plain numbers
    markup = result._repr_html_()
    assert "<th>estimator</th><td>MLR</td>" in markup and "p39" in markup


def test_summary_is_what_print_shows_facts_aligned_then_tables():
    from dataclasses import dataclass

    import pandas as pd

    from techvet_survey._results import Result

    @dataclass(frozen=True)
    class Fitted(Result):
        estimator: str
        loglik: float
        estimates: pd.DataFrame

    result = Fitted("MLR", -3737.744926, pd.DataFrame({"param": ["a", "b"], "est": [0.5, 2.0]}))
    text = result.summary()
    assert str(result) == text
    lines = text.splitlines()
    assert lines[:4] == [
        "Fitted",
        "",
        "  estimator".ljust(51) + "MLR",
        "  loglik".ljust(49) + "-3738",
    ]
    assert lines[5:] == [".estimates (2 rows):", "param  est", "    a  0.5", "    b    2"]


def _all_result_classes():
    import importlib
    import pkgutil

    import techvet_survey
    from techvet_survey._results import Result

    for module in pkgutil.walk_packages(techvet_survey.__path__, "techvet_survey."):
        if ".cli" not in module.name:
            importlib.import_module(module.name)
    found, stack = [], [Result]
    while stack:
        for subclass in stack.pop().__subclasses__():
            found.append(subclass)
            stack.append(subclass)
    return [cls for cls in found if cls.__module__.startswith("techvet_survey.")]


def test_every_result_class_takes_summary_and_print_from_the_base():
    from techvet_survey._results import Result

    classes = _all_result_classes()
    names = {cls.__name__ for cls in classes}
    assert {"CfaResult", "InvarianceResult", "IRTResult", "AndersenLRResult"} <= names
    assert {"GroupComparison", "EfaResult", "CleaningResult"} <= names
    for cls in classes:  # a layout overrides _summary_sections alone, never the text itself
        assert cls.summary is Result.summary and cls.__str__ is Result.__str__, cls.__name__


def _builders():
    import numpy as np
    import pandas as pd

    from techvet_survey import compare, factor

    rng = np.random.default_rng(7)
    latent = rng.normal(size=240)
    items = pd.DataFrame(
        {f"q{j}": np.clip(np.round(3 + latent + rng.normal(size=240)), 1, 5) for j in range(6)}
    )
    items["g"] = np.repeat(["a", "b", "c"], 80)
    items["opt1"] = rng.integers(0, 2, 240)
    items["opt2"] = rng.integers(0, 2, 240)
    names = [f"q{j}" for j in range(6)]
    return {
        "GroupComparison": lambda: compare.compare_groups(
            items, "q0", group="g", n_boot=50, seed=1
        ),
        "MultiselectComparison": lambda: compare.crosstab_multiselect(
            items, ["opt1", "opt2"], group="g"
        ),
        "OrdinalRegression": lambda: compare.ordinal_regression(items, "q0", predictors=["g"]),
        "ParallelResult": lambda: factor.parallel_analysis(items, names, n_iter=5, seed=1),
        "PolychoricResult": lambda: factor.polychoric(items, names[:3]),
    }


@pytest.mark.parametrize("name", sorted(_builders()))
def test_summary_of_each_result_shows_its_facts_and_tables(name):
    result = _builders()[name]()
    assert type(result).__name__ == name
    text = result.summary()
    assert text.splitlines()[0] == name and str(result) == text
    for value in result.facts().values():
        assert value in text
    for table_name, table in result.tables().items():
        assert f".{table_name} ({len(table)} rows):" in text
        numbers = table.select_dtypes("number")
        if not numbers.empty and np.isfinite(numbers.iloc[0, 0]):
            assert plain(numbers.iloc[0, 0]) in text


def test_summary_gives_the_size_of_data_tables_not_their_rows():
    from techvet_survey.io._export import RawExport

    frame = pd.DataFrame({"q1": ["Fake Person", "B"], "q2": ["x", "y"]})
    text = RawExport(frame, "generic_csv", {}, {}, np.array([2, 3])).summary()
    assert ".frame (2 rows):" in text and "columns: q1, q2" in text
    assert "Fake Person" not in text
    assert "Fake Person" in RawExport(frame, "generic_csv", {}, {}, np.array([2, 3])).text()

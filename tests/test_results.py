"""Result objects: facts and every table in full, in print and in Jupyter."""


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
    text = str(result)
    assert text.splitlines()[:4] == [
        "Fitted",
        "  estimator  MLR",
        "  n          301",
        "  converged  True",
    ]
    assert "np.int64" not in text and "p39" in text  # every row, plain numbers
    markup = result._repr_html_()
    assert "<th>estimator</th><td>MLR</td>" in markup and "p39" in markup

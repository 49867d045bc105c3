"""notebooks/06_your_own_data.ipynb: psych's bfi without the study's codebook, executed,
its numbers beside R's (tests/reference/bfi_notebook.R: psych 2.2.9, lavaan 0.6-14)."""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06_your_own_data.ipynb"


def code_source(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


def output_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed():
    # the kernel draws inline as in Jupyter, whatever backend the test run uses
    saved = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        return _execute()
    finally:
        if saved is None:
            del os.environ["MPLBACKEND"]
        else:
            os.environ["MPLBACKEND"] = saved


def _execute():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": NOTEBOOK.parent}},
    )
    client.execute()
    return notebook


def test_committed_clean_and_free_of_the_codebook():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert notebook.cells[0].cell_type == "markdown"
    assert "codebook" not in code_source(notebook).lower()
    assert "._" not in code_source(notebook)  # public functions only, no module internals


def test_runs_and_shows_what_r_shows(executed):
    errors = [
        output
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output["output_type"] == "error"
    ]
    assert not errors
    texts = [output_text(cell) for cell in executed.cells if cell.cell_type == "code"]
    everything = "\n".join(texts)
    # psych::alpha(check.keys = TRUE): 0.703018446057, 0.726734972927, 0.813962949917,
    # keys -A1 and -C4 -C5, the same items as psych's keys
    reliability = next(text for text in texts if "reversed" in text and "neuroticism" in text)
    for value in ("0.703018", "0.726735", "0.813963", "(A1,)", "(C4, C5)"):
        assert value in reliability
    assert "item(s) 'A1' (r = -0.31) correlate negatively" in everything
    # Welch t-test of agree by gender: t = 10.8919544254, p = 9.52206724894e-27
    assert "9.522e-27" in everything and "-10.89" in everything
    # lavaan cfa(model, bfi): npar 31, chisq 1256.65507118, aic 117621.475276
    for line in (
        ("Number of model parameters", "31"),
        ("Test statistic", "1256.655"),
        (
            "Akaike (AIC)",
            "117621.475",
        ),
    ):
        assert any(row.startswith(f"  {line[0]} ") and row.endswith(line[1])
                   for row in everything.splitlines())  # fmt: skip
    # lavaan by gender: chisq 1378.56779427 / 1389.79196223 / 1552.5942276 (configural,
    # metric, scalar); female latent means 0.324844518745, 0.132344291396, 0.331474293334
    for value in ("1378.6", "1389.8", "1552.6", "0.3248", "0.1323", "0.3315", "latent means are"):
        assert value in everything
    figures = [
        o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == 1  # the Likert chart

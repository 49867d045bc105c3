"""Executing the report notebooks: in this process, with the outputs a kernel gives."""

import builtins
import os
import sys
import warnings

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from techvet_survey.report import NotebookError, execute_notebooks
from techvet_survey.report._shell import captured_shell

PARAMETERS = 'lang = "en"\nmin_n = 5'


def write(folder, name, *sources):
    cells = [new_markdown_cell("# A part"), new_code_cell(PARAMETERS)]
    cells[1].metadata["tags"] = ["parameters"]
    cells += [new_code_cell(source) for source in sources]
    path = folder / name
    nbformat.write(new_notebook(cells=cells), path)
    return path


def outputs(notebook):
    return [
        [
            {key: output.get(key) for key in ("output_type", "data", "metadata", "name", "text")}
            for output in cell.outputs
        ]
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


CELLS = (
    "from techvet_survey import report\nreport.show_note(f'min_n is {min_n}')",
    "from IPython.display import display\n"
    "display({'text/plain': 'raw'}, raw=True, metadata={'k': ('a', 1)})\nprint('after')",
    "print('before')\nimport pandas as pd\npd.DataFrame({'x': [1.5, 2.0]})",
    "lang;",  # a trailing semicolon shows nothing
    "x = 3\nx * 2",
)


def test_in_process_outputs_are_those_of_a_kernel(tmp_path):
    path = write(tmp_path, "a.ipynb", *CELLS)
    parameters = {"min_n": 7}
    (kernel,) = execute_notebooks([path], parameters, in_process=False)
    (here,) = execute_notebooks([path], parameters, in_process=True)
    assert outputs(here) == outputs(kernel)
    assert outputs(here)[1][0]["data"]["text/plain"] == "min_n is 7"  # parameters injected


def test_each_notebook_runs_in_a_fresh_namespace(tmp_path):
    first = write(tmp_path, "first.ipynb", "shared = 1")
    second = write(tmp_path, "second.ipynb", "shared")
    with pytest.raises(NotebookError, match=r"notebook second.ipynb failed:(.|\n)*NameError"):
        execute_notebooks([first, second], {})


def test_a_failing_cell_is_named_with_its_error(tmp_path):
    path = write(tmp_path, "broken.ipynb", "1 / 0")
    with pytest.raises(
        NotebookError, match=r"broken.ipynb failed:(.|\n)*1 / 0(.|\n)*ZeroDivisionError"
    ):
        execute_notebooks([path], {})


def test_cells_run_in_the_notebook_folder_and_the_process_is_left_as_it_was(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = write(folder, "a.ipynb", "import os\nprint(os.getcwd())")
    main, names, cwd = sys.modules["__main__"], set(vars(builtins)), os.getcwd()
    (notebook,) = execute_notebooks([path], {})
    assert outputs(notebook)[-1] == [
        {
            "output_type": "stream",
            "name": "stdout",
            "text": f"{folder}\n",
            "data": None,
            "metadata": None,
        }
    ]
    assert sys.modules["__main__"] is main
    assert set(vars(builtins)) == names and os.getcwd() == cwd
    assert "get_ipython" not in vars(builtins)


def test_warnings_of_a_cell_go_to_its_stderr_not_to_the_caller(tmp_path):
    path = write(tmp_path, "a.ipynb", "import warnings\nwarnings.warn('careful', UserWarning)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (notebook,) = execute_notebooks([path], {})
    assert caught == []
    (stream,) = outputs(notebook)[-1]
    assert stream["name"] == "stderr" and "UserWarning: careful" in stream["text"]


def test_a_second_shell_is_refused_while_one_runs(tmp_path):
    refused = pytest.raises(RuntimeError, match="in_process=False")
    with captured_shell(tmp_path), refused, captured_shell(tmp_path):
        pass

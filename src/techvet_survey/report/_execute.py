"""Running the report notebooks with injected parameters: in this process (an IPython
shell whose displays become the notebook's outputs) or in Jupyter kernels (nbclient)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import nbformat

from techvet_survey.errors import InputError

PARAMETERS_TAG = "parameters"
KERNEL = "python3"


def parameters_cell(notebook) -> int:
    """The index of the first code cell tagged ``parameters``."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return index
    raise InputError(
        f"the notebook has no code cell tagged {PARAMETERS_TAG!r}; tag the cell that sets "
        "its parameters (View > Cell toolbar > Tags in Jupyter)."
    )


def inject_parameters(notebook, parameters: Mapping[str, object]):
    """A copy of `notebook` whose parameters cell sets `parameters` (Python literals).

    The cell's source is replaced: each assignment of an injected name becomes
    ``name = <value>``; the other parameters keep their defaults. Names the cell does
    not set are refused.
    """
    copy = nbformat.from_dict(notebook)
    index = parameters_cell(copy)
    source = copy.cells[index].source
    known = _assigned_names(source)
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise InputError(
            f"parameters {unknown} are not set in the notebook's parameters cell "
            f"(it sets {sorted(known)}); add them there first."
        )
    copy.cells[index].source = _replaced(source, parameters)
    return copy


def _replaced(source: str, parameters: Mapping[str, object]) -> str:
    import ast

    lines = source.splitlines()
    statements = []
    for node in ast.parse(source).body:
        names = _targets(node)
        if len(names) == 1 and names[0] in parameters:
            statements.append(f"{names[0]} = {parameters[names[0]]!r}")
        else:
            statements.append("\n".join(lines[node.lineno - 1 : node.end_lineno]))
    return "\n".join(statements)


def _targets(node) -> list[str]:
    import ast

    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [target.id for target in targets if isinstance(target, ast.Name)]
    return []


def _assigned_names(source: str) -> set[str]:
    import ast

    return {name for node in ast.parse(source).body for name in _targets(node)}


class NotebookError(InputError):
    """A report notebook failed; the message names it and the failing cell's error."""


async def _execute_all(clients, names, jobs: int) -> None:
    from nbclient.exceptions import CellExecutionError

    limit = asyncio.Semaphore(jobs)

    async def run(client, name):
        async with limit:
            try:
                # the kernels' own chatter (transport warnings) is not notebook output
                await client.async_execute(stderr=subprocess.DEVNULL)
            except CellExecutionError as error:
                raise NotebookError(f"notebook {name} failed:\n{error}") from error

    await asyncio.gather(*(run(client, name) for client, name in zip(clients, names, strict=True)))


def execute_notebooks(
    paths: Sequence[str | Path],
    parameters: Mapping[str, object],
    *,
    jobs: int | None = None,
    timeout: int = 600,
    in_process: bool | None = None,
) -> list:
    """Execute notebooks with `parameters` injected.

    Parameters
    ----------
    paths : sequence of str or Path
        The notebooks; each runs in its own folder (relative paths work as in Jupyter).
    parameters : mapping
        Values for the parameters cell; a notebook gets those its cell sets.
    jobs : int, optional
        Kernels at once; the number of CPUs by default (kernels only).
    timeout : int
        Seconds a cell may run (kernels only).
    in_process : bool, optional
        Run the cells in this Python process, each notebook in a fresh namespace with its
        displays captured as the notebook's outputs, as a kernel would give them
        (:func:`execute_in_process`); ``False`` starts a Jupyter kernel ``python3`` per
        notebook. By default in process, unless this process is itself an IPython
        session (a notebook calling :func:`build_report`), whose shell the displays
        would reach.

    Returns
    -------
    list of NotebookNode
        The executed notebooks, in the order of `paths`.

    Raises
    ------
    NotebookError
        When a cell fails: the message names the notebook, the cell and the error.
    """
    notebooks = []
    for path in map(Path, paths):
        notebook = nbformat.read(path, as_version=4)
        known = _assigned_names(notebook.cells[parameters_cell(notebook)].source)
        chosen = {name: value for name, value in parameters.items() if name in known}
        notebooks.append(inject_parameters(notebook, chosen))
    folders = [Path(path).parent for path in paths]
    names = [Path(path).name for path in paths]
    if in_process is None:
        in_process = not _in_ipython()
    if in_process:
        return [
            execute_in_process(notebook, folder, name=name)
            for notebook, folder, name in zip(notebooks, folders, names, strict=True)
        ]
    return _execute_in_kernels(notebooks, folders, names, jobs=jobs, timeout=timeout)


def _execute_in_kernels(notebooks, folders, names, *, jobs, timeout) -> list:
    from nbclient import NotebookClient

    clients = [
        NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=timeout,
            resources={"metadata": {"path": str(folder)}},
        )
        for notebook, folder in zip(notebooks, folders, strict=True)
    ]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(clients)))
    asyncio.run(_execute_all(clients, names, jobs))
    return [client.nb for client in clients]


def _in_ipython() -> bool:
    """Whether an IPython shell runs in this process (only if IPython is imported)."""
    import sys

    shell = sys.modules.get("IPython.core.interactiveshell")
    return shell is not None and shell.InteractiveShell.initialized()


def execute_in_process(notebook, folder: str | Path = ".", *, name: str = "notebook"):
    """Run the code cells of `notebook` in this process; a copy with their outputs.

    The cells run in order in a fresh namespace, in `folder` (the working directory for
    the time of the run), through an IPython shell as a kernel runs them: what a cell
    displays becomes a ``display_data`` output, the value of its last expression an
    ``execute_result``, its printed text a ``stream`` output (one per cell and stream),
    and warnings go to its ``stderr`` stream as in a kernel. Nothing is started: no
    kernel, no ZeroMQ, so the cost is that of the cells themselves.

    Raises
    ------
    NotebookError
        When a cell fails, naming the notebook, the cell's source and the error.
    """
    from techvet_survey.report._shell import captured_shell

    executed = nbformat.from_dict(notebook)
    with captured_shell(folder) as shell:
        for cell in executed.cells:
            if cell.cell_type != "code":
                continue
            outputs, error = shell.run(cell.source)
            cell.outputs = outputs
            cell.execution_count = shell.execution_count
            if error is not None:
                raise NotebookError(
                    f"notebook {name} failed:\nAn error occurred while executing the "
                    f"following cell:\n------------------\n{cell.source}\n"
                    f"------------------\n\n{type(error).__name__}: {error}"
                ) from error
    return executed

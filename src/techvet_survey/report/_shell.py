"""An IPython shell in this process whose displays become notebook outputs.

A Jupyter kernel is an IPython shell whose display publisher and display hook send
messages that the client turns into outputs. :func:`captured_shell` runs the same shell
here, with a publisher and a hook that append the same outputs to a list: the cells run
as in a kernel (IPython syntax, displays, the last expression's value) without starting
a process. The shell is the process's only IPython shell while it runs and is removed
afterwards, with everything it set up (``__main__``, hooks, builtins) put back.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import io
import json
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_output
from traitlets.config import Config


class _Cell:
    """The outputs of the running cell, in the order a kernel would send them."""

    def __init__(self) -> None:
        self.outputs: list = []
        self.streams = {"stdout": io.StringIO(), "stderr": io.StringIO()}

    def flush_streams(self) -> None:
        """Printed text so far becomes a stream output, before the next display."""
        for name, buffer in self.streams.items():
            text = buffer.getvalue()
            if text:
                self.outputs.append(new_output("stream", name=name, text=text))
                buffer.seek(0)
                buffer.truncate()

    def add(self, output_type: str, data, metadata, **fields) -> None:
        self.flush_streams()
        self.outputs.append(
            new_output(output_type, data=_as_sent(data), metadata=_as_sent(metadata), **fields)
        )


_RUNNING: list[_Cell] = []
"""The cell being run (one at most)."""


def _as_sent(value):
    """`value` as a kernel's JSON message carries it (tuples become lists)."""
    return json.loads(json.dumps(value or {}, default=str))


class _Publisher(DisplayPublisher):
    """``display(...)`` -> a ``display_data`` output of the running cell."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        _RUNNING[-1].add("display_data", data, metadata)

    def clear_output(self, wait=False):
        _RUNNING[-1].flush_streams()
        _RUNNING[-1].outputs.clear()


class _Results(DisplayHook):
    """The value of a cell's last expression -> an ``execute_result`` output."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        _RUNNING[-1].add("execute_result", format_dict, md_dict, execution_count=self.prompt_count)

    def finish_displayhook(self):
        pass


class CapturedShell:
    """Runs cells in one namespace; :meth:`run` gives each cell's outputs."""

    def __init__(self, shell: InteractiveShell) -> None:
        self.shell = shell
        self.execution_count: int | None = None

    def run(self, source: str) -> tuple[list, BaseException | None]:
        """Run one cell: its outputs, and the error it raised (None when it ran)."""
        cell = _Cell()
        _RUNNING.append(cell)
        self.execution_count = self.shell.execution_count
        try:
            with (
                contextlib.redirect_stdout(cell.streams["stdout"]),
                contextlib.redirect_stderr(cell.streams["stderr"]),
                warnings.catch_warnings(record=True) as caught,
            ):
                warnings.simplefilter("default")
                result = self.shell.run_cell(source, store_history=True)
            for warning in caught:
                cell.streams["stderr"].write(
                    warnings.formatwarning(
                        warning.message, warning.category, warning.filename, warning.lineno
                    )
                )
            cell.flush_streams()
        finally:
            _RUNNING.pop()
        return cell.outputs, result.error_before_exec or result.error_in_exec


@contextlib.contextmanager
def captured_shell(folder: str | Path = ".") -> Iterator[CapturedShell]:
    """An IPython shell with a fresh namespace, run in `folder`; removed on exit.

    Raises
    ------
    RuntimeError
        When this process already has an IPython shell (use a kernel from there).
    """
    if InteractiveShell.initialized():
        raise RuntimeError(
            "this process already runs an IPython shell; execute the notebooks in kernels "
            "(in_process=False)."
        )
    saved = {
        "main": sys.modules.get("__main__"),
        "displayhook": sys.displayhook,
        "excepthook": sys.excepthook,
        "path": list(sys.path),
        "builtins": dict(vars(builtins)),
        "cwd": os.getcwd(),
    }
    config = Config({"HistoryManager": {"enabled": False}})
    shell = InteractiveShell.instance(
        config=config, display_pub_class=_Publisher, displayhook_class=_Results
    )
    try:
        os.chdir(folder)
        yield CapturedShell(shell)
    finally:
        os.chdir(saved["cwd"])
        atexit.unregister(shell.atexit_operations)
        InteractiveShell.clear_instance()
        sys.modules["__main__"] = saved["main"]
        sys.displayhook, sys.excepthook = saved["displayhook"], saved["excepthook"]
        sys.path[:] = saved["path"]
        for name in set(vars(builtins)) - set(saved["builtins"]):
            delattr(builtins, name)
        vars(builtins).update(saved["builtins"])

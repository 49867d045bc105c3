"""Import cost: the package and its command line start without the heavy libraries.

Each check runs in a fresh interpreter (a subprocess), so that modules other tests
imported do not hide an import; it lists the heavy libraries found in ``sys.modules``.
"""

import json
import subprocess
import sys

import pytest

HEAVY = (
    "matplotlib",
    "scipy",
    "statsmodels",
    "nbformat",
    "nbclient",
    "IPython",
    "jupyter_client",
)
"""Libraries imported where they are used, never by ``import techvet_survey``."""

LISTED = (
    "import json, sys\n"
    "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules} & set(HEAVY))))\n"
)


def loaded_after(code: str) -> list[str]:
    """The libraries of :data:`HEAVY` (and pandas, numpy) in ``sys.modules`` after
    running `code` in a fresh interpreter."""
    heavy = (*HEAVY, "pandas", "numpy")
    script = f"HEAVY = {heavy!r}\n{code}\n{LISTED}"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_package_loads_no_heavy_library():
    assert loaded_after("import techvet_survey") == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["figures", "--help"]])
def test_the_command_line_help_loads_no_heavy_library(argv):
    code = (
        "import contextlib, io, runpy, sys\n"
        f"sys.argv = ['techvet_survey', *{argv!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    runpy.run_module('techvet_survey', run_name='__main__')\n"
    )
    assert loaded_after(code) == []


def test_the_check_sees_a_heavy_import():
    # the helper itself must be able to fail: an import of numpy is listed
    assert loaded_after("import numpy") == ["numpy"]

"""The package imports on every platform the README documents, Windows included."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import techvet_survey

SRC = Path(techvet_survey.__file__).resolve().parents[1]

IMPORT_EVERY_MODULE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    # IPython picks its process helpers by platform (pexpect, hence fcntl, only on POSIX;
    # Windows gets its own): import it first, as it is on the platform it runs on
    import IPython.core.interactiveshell
    sys.modules["fcntl"] = None  # as on Windows: `import fcntl` raises ImportError
    import techvet_survey
    failed = []
    walk = pkgutil.walk_packages(techvet_survey.__path__, "techvet_survey.", failed.append)
    names = [module.name for module in walk]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:
            failed.append(f"{name}: {error!r}")
    print(json.dumps({"imported": names, "failed": [str(f) for f in failed]}))
    """
)


def test_every_module_imports_without_fcntl():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(SRC), "MPLBACKEND": "Agg"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["failed"] == []
    # the modules that took a lock with fcntl, and the commands that use them
    for name in ("techvet_survey.pipeline", "techvet_survey.cli._clean", "techvet_survey.cli"):
        assert name in report["imported"]

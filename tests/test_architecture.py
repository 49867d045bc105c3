"""The package's import rules, read from the source with ``ast``.

A package's private modules and names (those starting with an underscore) stay inside it:
another package imports its public names, or the shared core modules at the top level
(``_stats``, ``_stamps``, ``_validation``, ``_files``, ``_yaml``, ``_results``, ``_aside``,
``_memory``, ``errors``).
"""

import ast
from pathlib import Path

import pytest

import techvet_survey

PACKAGE = "techvet_survey"
SOURCE = Path(techvet_survey.__file__).parent
CORE = frozenset(
    {"_stats", "_stamps", "_validation", "_files", "_results", "_numbers", "_yaml", "_aside",
     "_memory", "errors"}
)  # fmt: skip


def module_name(path: Path) -> str:
    """The dotted name of the module at ``path``."""
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute_target(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module an ``ast.ImportFrom`` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports(path: Path) -> list[tuple[int, str, str | None]]:
    """Every ``(line, module, name)`` that the file at ``path`` imports from this package."""
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = absolute_target(node, module, path.name == "__init__.py")
            found += [(node.lineno, target, alias.name) for alias in node.names]
    return [entry for entry in found if entry[1].split(".")[0] == PACKAGE]


def private_import(importer: str, target: str, name: str | None) -> str | None:
    """Why importing ``name`` from ``target`` breaks another package's privacy, if it does."""
    parts = target.split(".")[1:]
    if not parts and name is not None:  # from techvet_survey import <module>
        parts, name = [name], None
    if not parts:
        return None
    owner = parts[0]
    if importer.split(".")[1:2] == [owner]:
        return None
    inner = parts[1:] if owner in CORE else parts
    private = [part for part in inner if part.startswith("_") and not part.startswith("__")]
    if private:
        return f"private module {'.'.join([PACKAGE, *parts])}"
    if name is not None and name.startswith("_") and not name.startswith("__"):
        return f"private name {name} of {target}"
    return None


def offenders() -> list[str]:
    """Every import, across the source tree, of another package's private module or name."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        importer = module_name(path)
        for line, target, name in imports(path):
            reason = private_import(importer, target, name)
            if reason:
                found.append(f"{path.relative_to(SOURCE.parent)}:{line}: {reason}")
    return list(dict.fromkeys(found))


@pytest.mark.parametrize(
    ("importer", "target", "name", "private"),
    [
        ("techvet_survey.dif._mantel", "techvet_survey.compare._common", "adjust_p", True),
        ("techvet_survey.aggregates._compare", "techvet_survey.compare", "_table_test", True),
        ("techvet_survey.dif._mantel", "techvet_survey._stats", "adjust_p", False),
        ("techvet_survey.dif._mantel", "techvet_survey._stats.multitest", "adjust_p", False),
        ("techvet_survey.dif._mantel", "techvet_survey._stats._hidden", "thing", True),
        ("techvet_survey.compare._groups", "techvet_survey.compare._common", "_warn", False),
        ("techvet_survey.pipeline", "techvet_survey.cleaning", "write_outputs", False),
        ("techvet_survey.pipeline", "techvet_survey.cleaning._outputs", "made_from", True),
        ("techvet_survey.scales", "techvet_survey.errors", "InputError", False),
        ("techvet_survey", "techvet_survey.compare", "compare_groups", False),
        ("techvet_survey.report._html", "techvet_survey", "_files", False),
        ("techvet_survey.report._html", "techvet_survey", "_stats", False),
        ("techvet_survey.report._html", "techvet_survey", "pipeline", False),
        ("techvet_survey.report._html", "techvet_survey", "__version__", False),
        ("techvet_survey.report._html", "techvet_survey.cleaning", "_workers", True),
        ("techvet_survey.dif._mantel", "techvet_survey._validation", "_private", True),
        ("techvet_survey.dif._mantel", "techvet_survey.irt._mml", None, True),
    ],
)
def test_private_import_rule(importer, target, name, private):
    assert (private_import(importer, target, name) is not None) is private


def test_relative_imports_are_resolved():
    node = ast.parse("from .._validation import check_argument").body[0]
    assert absolute_target(node, "techvet_survey.reliability._alpha", False) == (
        "techvet_survey._validation"
    )
    node = ast.parse("from ._alpha import cronbach_alpha").body[0]
    assert absolute_target(node, "techvet_survey.reliability", True) == (
        "techvet_survey.reliability._alpha"
    )


def test_no_package_imports_another_package_private_names():
    found = offenders()
    assert not found, (
        "imports of another package's privates (import its public names, or share the code "
        "through techvet_survey._stats):\n" + "\n".join(found)
    )

"""Strict YAML loading: duplicate keys are errors, not silent overwrites."""

from __future__ import annotations

from pathlib import Path

import yaml

from techvet_survey.errors import CodebookError


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that refuses a mapping with a repeated key (PyYAML keeps the last).

    Built on libyaml's C parser when PyYAML has it (several times faster).
    """

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise CodebookError(
                    f"duplicate id {key!r} at line {key_node.start_mark.line + 1} "
                    f"(first at line {seen[key] + 1}) of {self.source_name}: "
                    "give each entry a unique id."
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path) -> dict:
    """Read one YAML file into a dict, refusing duplicate keys and non-mapping documents."""
    with open(path, encoding="utf-8") as handle:
        loader = _UniqueKeyLoader(handle)
        loader.source_name = Path(path).name
        try:
            content = loader.get_single_data()
        except yaml.YAMLError as error:
            raise CodebookError(f"{path.name} is not valid YAML: {error}") from error
        finally:
            loader.dispose()
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise CodebookError(f"{path.name} must hold a mapping at the top level.")
    return content

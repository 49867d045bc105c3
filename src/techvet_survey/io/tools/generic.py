"""Any table with a header row, and SPSS files (recognised by their container)."""

from __future__ import annotations

from techvet_survey.io.tools._adapter import ToolAdapter


def _never(names) -> float:
    return 0.0


GENERIC = ToolAdapter(name="generic", label="table", detect=_never)
SPSS = ToolAdapter(name="spss", label="SPSS", detect=_never, container_only=True)

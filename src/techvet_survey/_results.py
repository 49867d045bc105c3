"""Immutable result objects that display well in Jupyter."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd


@dataclass(frozen=True)
class Result:
    """Base class of multi-table results: frozen, with an HTML view of its tables.

    Subclasses are frozen dataclasses whose DataFrame fields are the tables of the result.
    ``with_(**changes)`` returns a new object and leaves the old one unchanged.
    """

    def with_(self, **changes):
        """Return a copy with the given fields replaced."""
        return replace(self, **changes)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The DataFrame fields of the result, by name."""
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if isinstance(getattr(self, field.name), pd.DataFrame)
        }

    def _repr_html_(self) -> str:
        parts = [f"<h4>{type(self).__name__}</h4>"]
        for name, table in self.tables().items():
            parts.append(f"<p><code>.{name}</code></p>")
            parts.append(table.to_html(max_rows=30, float_format=lambda x: f"{x:.4g}"))
        return "\n".join(parts)

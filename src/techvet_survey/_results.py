"""Immutable result objects that read well: ``summary()``, ``print`` and Jupyter."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, fields, replace
from numbers import Integral, Real

import numpy as np
import pandas as pd


def plain(value) -> str:
    """A value as a reader writes it: ``3`` not ``np.int64(3)``, 4 significant digits.

    Examples
    --------
    >>> plain(np.int64(3)), plain(np.float64(0.123456)), plain(float("nan")), plain(True)
    ('3', '0.1235', 'NaN', 'True')
    """
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return "NaN" if math.isnan(value) else f"{float(value):.4g}"
    return str(value)


@dataclass(frozen=True)
class Result:
    """Base class of multi-table results: frozen, with a text and an HTML view.

    Subclasses are frozen dataclasses whose DataFrame fields are the tables of the result
    and whose other fields (estimator, n, convergence, a verdict...) are its facts.
    ``with_(**changes)`` returns a new object and leaves the old one unchanged;
    ``print(result)`` shows :meth:`summary`'s text, Jupyter the same as HTML, every
    table unabridged.
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

    def facts(self) -> dict[str, str]:
        """The result's single values (estimator, n, verdict, ...) as plain text."""
        found = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name.startswith("_") or not field.repr:
                continue
            if value is None or isinstance(value, str | bool | np.bool_ | Integral | Real):
                found[field.name] = plain(value)
        return found

    def text(self) -> str:
        """The facts first, then every table in full, as plain text."""
        lines = [type(self).__name__]
        width = max((len(name) for name in self.facts()), default=0)
        lines += [f"  {name:<{width}}  {value}" for name, value in self.facts().items()]
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 120):  # fmt: skip
            for name, table in self.tables().items():
                lines += ["", f".{name} ({len(table)} rows)", table.to_string(index=False)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        parts = [f"<h4>{html.escape(type(self).__name__)}</h4>"]
        facts = self.facts()
        if facts:
            rows = "".join(
                f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>"
                for name, value in facts.items()
            )
            parts.append(f"<table>{rows}</table>")
        for name, table in self.tables().items():
            parts.append(f"<p><code>.{html.escape(name)}</code> ({len(table)} rows)</p>")
            parts.append(table.to_html(index=False, float_format=lambda x: f"{x:.4g}"))
        return "\n".join(parts)

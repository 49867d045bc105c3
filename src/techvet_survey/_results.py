"""Immutable result objects that read well: ``summary()``, ``print`` and Jupyter."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, fields, replace
from numbers import Integral, Real
from typing import ClassVar

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


def aligned(pairs, *, width: int = 54) -> list[str]:
    """Label-value lines as lavaan prints them: the label left, the value(s) right-aligned.

    A value may be a tuple (one column each, e.g. lavaan's "Standard" and "Scaled");
    a float prints with 3 decimals, anything else with :func:`plain`.

    Examples
    --------
    >>> print("\\n".join(aligned({"Estimator": "ML", "Test statistic": (85.3055, 87.1316)})))
      Estimator                                             ML
      Test statistic                                    85.306      87.132
    """
    lines = []
    for label, value in pairs.items():
        values = value if isinstance(value, tuple) else (value,)
        cells = [_cell(v) for v in values]
        first = f"  {label}".ljust(width - len(cells[0])) + cells[0]
        if len(f"  {label}") + 2 + len(cells[0]) > width:
            first = f"  {label}  {cells[0]}"
        lines.append(first + "".join(cell.rjust(12) for cell in cells[1:]))
    return lines


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float | np.floating) and not isinstance(value, bool | np.bool_):
        return "NA" if math.isnan(value) else f"{float(value):.3f}"
    return plain(value)


def table_text(table: pd.DataFrame, *, index: bool = False) -> str:
    """A table in full as plain text: numbers with 4 significant digits, those of 1000 and
    more (AIC, chi2, n) with one decimal rather than in powers of ten.

    Examples
    --------
    >>> print(table_text(pd.DataFrame({"aic": [117366.50074], "p": [9.5e-27], "r": [0.70302]})))
         aic       p      r
    117366.5 9.5e-27 0.7030
    """
    with pd.option_context("display.max_rows", None, "display.max_columns", None,
                           "display.width", 120):  # fmt: skip
        return table.to_string(index=index, float_format=_table_number)


def _table_number(value: float) -> str:
    if math.isfinite(value) and abs(value) >= 1000:
        return f"{value:.1f}"
    return plain(value)


@dataclass(frozen=True)
class Result:
    """Base class of multi-table results: frozen, with a text and an HTML view.

    Subclasses are frozen dataclasses whose DataFrame fields are the tables of the result
    and whose other fields (estimator, n, convergence, a verdict...) are its facts.
    ``with_(**changes)`` returns a new object and leaves the old one unchanged;
    ``print(result)`` shows :meth:`summary`'s text, Jupyter the facts and every table
    unabridged as HTML, :meth:`text` the facts and every table as plain text.

    :meth:`summary` is written once here from :meth:`_summary_sections`: a title, then
    titled sections, each a mapping of facts (lavaan's aligned label-value lines), a
    DataFrame or ready lines. A result whose R counterpart prints a familiar layout
    (lavaan's ``summary``, eRm's ``RM``) overrides ``_summary_sections`` alone.
    """

    #: Tables that hold the data (respondents, segments) rather than results: the summary
    #: gives their size and columns, not their rows.
    _data_tables: ClassVar[tuple[str, ...]] = ()

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

    def summary(self) -> str:
        """The result as plain text, laid out as R users know it (lavaan, psych, eRm).

        Returns
        -------
        str
            A title, then the sections: facts (estimator, n, fit, verdict, ...) and the
            tables, numbers as a reader writes them.
        """
        title, sections = self._summary_sections()
        lines = [title]
        for heading, body in sections:
            lines.append("")
            if heading:
                lines.append(heading)
            if isinstance(body, pd.DataFrame):
                lines.extend(table_text(body).splitlines())
            elif isinstance(body, dict):
                lines.extend(aligned(body))
            else:
                lines.extend(body)
        return "\n".join(lines)

    def _summary_sections(self) -> tuple[str, list[tuple[str | None, object]]]:
        """(title, [(heading, facts dict, DataFrame or lines), ...]); the default is the
        facts, then every table under its attribute name."""
        sections: list[tuple[str | None, object]] = []
        if self.facts():
            sections.append((None, self.facts()))
        for name, table in self.tables().items():
            heading = f".{name} ({len(table)} rows):"
            if name in self._data_tables:
                columns = ", ".join(map(str, table.columns))
                sections.append((heading, [f"  data, not shown; columns: {columns}"]))
            else:
                sections.append((heading, table))
        return type(self).__name__, sections

    def __str__(self) -> str:
        return self.summary()

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

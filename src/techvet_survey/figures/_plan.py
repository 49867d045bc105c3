"""What a report figure is made of: an id, a title, its source tables and how to draw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
from matplotlib.figure import Figure

from techvet_survey.codebook import Codebook


class ReportFigure(NamedTuple):
    """One drawn figure of the report."""

    figure_id: str
    title: str
    sources: tuple[str, ...]
    figure: Figure


class FigureSet(list):
    """The figures of :func:`build_figures`, in report order, with their language."""

    def __init__(self, figures=(), *, lang: str = "en", min_n: int = 5):
        super().__init__(figures)
        self.lang = lang
        self.min_n = min_n

    @property
    def ids(self) -> list[str]:
        return [entry.figure_id for entry in self]

    def get(self, figure_id: str) -> ReportFigure:
        """The figure named `figure_id`."""
        for entry in self:
            if entry.figure_id == figure_id:
                return entry
        raise KeyError(f"no figure {figure_id!r}; built: {self.ids}.")


@dataclass(frozen=True)
class Inputs:
    """Everything a figure may draw from, and how to label it."""

    tables: dict[str, pd.DataFrame]
    processed: dict[str, pd.DataFrame]
    codebook: Codebook
    lang: str
    min_n: int
    titles: bool = True

    def table(self, source: str) -> pd.DataFrame:
        """A source named ``tables/<name>`` or ``processed/<name>``."""
        folder, name = source.split("/", 1)
        return (self.tables if folder == "tables" else self.processed)[name]

    def has(self, source: str) -> bool:
        folder, name = source.split("/", 1)
        table = (self.tables if folder == "tables" else self.processed).get(name)
        return table is not None and not table.empty


@dataclass(frozen=True)
class FigurePlan:
    """A figure before it is drawn: `draw(inputs)` returns the matplotlib Figure."""

    figure_id: str
    kind: str
    sources: tuple[str, ...]
    draw: Callable[[Inputs], Figure]
    scale: str | None = None

"""A chart's data as later stages see it: categories and exact values, never a dict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name (``None`` for a single-series chart) and values."""

    name: str | None
    values: tuple[Decimal, ...]


@dataclass(frozen=True)
class Table:
    """A chart's data: categories in order and, per series, one exact value per category."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class CellText:
    """A text read from a CSV cell that will be drawn (a category label, a series name),
    and where it came from: ``loc`` is the spec key naming its column, ``where`` says
    ``CSV 'data/x.csv', row 3, column 'Force'``. Checks that need the brand font (every
    character drawable) run on these after the spec is read."""

    loc: Loc
    where: str
    text: str

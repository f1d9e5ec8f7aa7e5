"""Alt text drafted from a chart's data, for figures whose spec gives none."""

from __future__ import annotations

from briefpress.charts.numbers import format_number
from briefpress.spec.figures import BarFigure, FigureBase

KIND_NAMES = {"bar": "Bar chart"}


def draft_alt(figure: FigureBase) -> str:
    """A plain description a screen reader can speak: kind, title, then every value."""
    if figure.alt is not None:
        return figure.alt
    name = KIND_NAMES.get(figure.kind, "Chart")
    if isinstance(figure, BarFigure):
        values = "; ".join(f"{p.label} {format_number(p.value)}" for p in figure.data)
        return f"{name} of {figure.title.rstrip('.')}: {values}."
    return f"{name}: {figure.title}"

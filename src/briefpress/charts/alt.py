"""Alt text drafted from a chart's data, for figures whose spec gives none.

A screen-reader user should get what a sighted reader gets from the chart: its
kind, what it shows, and every value as printed (same separators and units).
"""

from __future__ import annotations

from decimal import Decimal

from briefpress.charts.numbers import exact_sum, format_number
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import ChartBase, FigureBase, StackedBarFigure, StatFigure


def _affixes(figure: FigureBase) -> tuple[str, str]:
    if isinstance(figure, ChartBase | StatFigure):
        return figure.prefix or "", figure.suffix or ""
    return "", ""


def draft_alt(figure: FigureBase, data: FigureData | None) -> str:
    """A plain description a screen reader can speak: kind, title, then every value."""
    if figure.alt is not None:
        return figure.alt
    name = type(figure).SPOKEN
    title = figure.title.rstrip(".")
    prefix, suffix = _affixes(figure)
    if isinstance(figure, StatFigure):
        return f"{name}: {format_number(figure.value, prefix, suffix)} {figure.label}"
    if not isinstance(data, Table):
        return f"{name}: {title}"

    def fmt(value: Decimal) -> str:
        return format_number(value, prefix, suffix)

    highlight = getattr(figure, "highlight", None)
    if len(data.series) == 1:
        values = ", ".join(f"{c} {fmt(v)}" + (" (highlighted)" if c == highlight else "")
                           for c, v in zip(data.categories, data.series[0].values, strict=True))
        what = f" ({data.series[0].name})" if data.series[0].name else ""
        return f"{name}: {title}. Values{what}: {values}."
    parts = []
    for i, category in enumerate(data.categories):
        each = ", ".join(f"{s.name} {fmt(s.values[i])}" for s in data.series)
        if isinstance(figure, StackedBarFigure):
            each += f", total {fmt(exact_sum(s.values[i] for s in data.series))}"
        parts.append(f"{category}: {each}")
    return f"{name}: {title}. " + "; ".join(parts) + "."

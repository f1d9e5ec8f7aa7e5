"""The matplotlib side of the charts stage: one laid-out drawer per chart kind.

Every value is labelled on the chart as text, formatted as the spec gives it. Each
drawer measures its text, lays the chart out exactly (no layout engine, no second
pass) and places every mark once; shared set-up is in :mod:`briefpress.charts.frame`.
"""

from __future__ import annotations

from collections.abc import Callable

from briefpress.brand import Brand
from briefpress.charts import ChartGeometry, ChartSVG
from briefpress.charts.alt import draft_alt
from briefpress.charts.bars import Drawn, horizontal_bar, stacked_bar
from briefpress.charts.columns import grouped_bar, vertical_bar
from briefpress.charts.frame import Frame, style, svg
from briefpress.charts.lines import line
from briefpress.charts.stat import stat
from briefpress.spec.data import FigureData
from briefpress.spec.figures import BarFigure, FigureBase


def _bar(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, BarFigure)
    if figure.orientation == "horizontal":
        return horizontal_bar(frame, data)
    return vertical_bar(frame, data)


DRAWERS: dict[str, Callable[[Frame, FigureData | None], Drawn]] = {
    "bar": _bar,
    "grouped-bar": grouped_bar,
    "stacked-bar": stacked_bar,
    "line": line,
    "stat": stat,
}


def draw(figure: FigureBase, data: FigureData | None, brand: Brand, geometry: ChartGeometry
         ) -> ChartSVG:
    """Draw one figure to SVG in *geometry* (raises ChartDoesNotFit if it cannot)."""
    with style(brand):
        canvas, labels, colours = lay_out(figure, data, brand, geometry)
        return ChartSVG(svg(canvas.fig), canvas.width, canvas.height, labels,
                        draft_alt(figure, data), colours)


def lay_out(figure: FigureBase, data: FigureData | None, brand: Brand,
            geometry: ChartGeometry) -> Drawn:
    """The chart measured, laid out and placed on its canvas, not yet written."""
    return DRAWERS[str(figure.kind)](Frame(figure, brand, geometry), data)

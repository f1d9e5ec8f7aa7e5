"""Line charts: one line per series over the categories (usually dates), each with its own
marker and dash pattern so no line depends on colour.

With one or two series every point is labelled (the higher value above, the lower
below), when the labels fit side by side; otherwise, and with more series, each line
is labelled at its end (every value is still in the alt text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefpress.charts.bars import Drawn
from briefpress.charts.canvas import Canvas
from briefpress.charts.columns import PLOT_HEIGHT, Column
from briefpress.charts.fit import Reach, Scale
from briefpress.charts.frame import Frame, fmt, shown, table_of
from briefpress.charts.palette import series_colours
from briefpress.charts.parts import (
    Key,
    Label,
    Legend,
    Slots,
    Title,
    legend,
    no_overlap,
    slots,
    title,
    value_scale,
)
from briefpress.errors import ChartTextTooLong
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import LineFigure

MARKERS = ("o", "s", "^", "D")
DASHES: tuple[Any, ...] = ("-", "--", ":", "-.")
"""Per series of a line chart: marker and dash pattern, so no line depends on colour."""


def _above(table: Table, j: int, i: int) -> bool:
    value = table.series[j].values[i]
    return value == max(s.values[i] for s in table.series) and (
        j == 0 or value != table.series[0].values[i])


@dataclass(frozen=True)
class Lines:
    """A line chart's data as drawn: values, their labels, the series' colours and styles."""

    table: Table
    values: list[list[float]]
    labels: list[list[Label]]
    colours: tuple[str, ...]
    styles: list[dict[str, Any]]
    radius: float

    @classmethod
    def of(cls, frame: Frame, figure: LineFigure, table: Table) -> Lines:
        k = len(table.series)
        grow = max(1.0, frame.t / 8.5)  # marks grow with large print
        styles: list[dict[str, Any]] = [
            {"linestyle": DASHES[j], "marker": MARKERS[j], "markersize": 5.5 * grow,
             "linewidth": 1.8 * grow} for j in range(k)]
        labels = []
        for j, series in enumerate(table.series):
            row = []
            for c, v in zip(table.categories, series.values, strict=True):
                text = fmt(figure, v)
                where = frame.value_key(c, j)
                row.append(Label(text, frame.measured(text, where), where))
            labels.append(row)
        return cls(table, [[float(v) for v in s.values] for s in table.series], labels,
                   series_colours(frame.brand, k), styles, 3.5 * grow)


def _every_point_fits(frame: Frame, lines: Lines, under: Slots) -> bool:
    """Whether every point can be labelled: at each point one label goes above and (with
    two lines) one below, and labels on a side must not touch their neighbours."""
    if len(lines.labels) > 2:
        return False
    try:
        for side in (True, False):
            no_overlap(frame, [(under.centre(i), row[i]) for j, row in enumerate(lines.labels)
                               for i in range(len(row)) if _above(lines.table, j, i) == side],
                       frame.edge, frame.width - frame.edge)
    except ChartTextTooLong:
        return False
    return True


def _slots_for_ends(frame: Frame, lines: Lines) -> Slots:
    """The categories' slots with room on the right for each line's last value."""
    edge, n = frame.edge, len(lines.table.categories)
    widest = max((row[-1] for row in lines.labels), key=lambda lb: lb.width)
    room = lines.radius + 0.35 * frame.t + widest.width
    if room > 0.5 * (frame.width - 2 * edge):
        raise frame.too_long(widest.where, (
            f"the value label '{shown(widest.text)}' is {widest.width:.1f} pt wide at "
            f"{frame.t:g} pt and would leave too little of the chart's {frame.width:.1f} pt "
            "for the lines; shorten the prefix or suffix, or give the values in larger units"))
    return slots(frame, lines.table.categories, edge,
                 (frame.width - 2 * edge - room) * n / (n - 0.5))


def _head(frame: Frame, figure: LineFigure, lines: Lines) -> tuple[Title, Legend | None]:
    """A key for several lines; one line needs none: its name is the line above the plot."""
    series = lines.table.series
    if len(series) > 1:
        return title(frame, figure.axis_label, ("axis_label",)), legend(frame, [
            Key(str(s.name), lines.colours[j], frame.series_key(j), lines.styles[j])
            for j, s in enumerate(series)])
    if figure.axis_label:
        return title(frame, figure.axis_label, ("axis_label",)), None
    return title(frame, series[0].name, frame.series_key(0)), None


def _reaches(frame: Frame, lines: Lines, every_point: bool) -> list[Reach]:
    """Each value with the room its marker and label need above and below it."""
    tall, half = 0.82 * frame.t + frame.block(1), max(lines.radius, frame.block(1) / 2)
    out = [Reach(0.0)]
    for j, row in enumerate(lines.values):
        for i, v in enumerate(row):
            if not every_point:
                out.append(Reach(v, half, half))
            elif _above(lines.table, j, i):
                out.append(Reach(v, tall, lines.radius))
            else:
                out.append(Reach(v, lines.radius, tall))
    return out


def line(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, LineFigure)
    lines = Lines.of(frame, figure, table_of(data))
    under = slots(frame, lines.table.categories, frame.edge, frame.width - 2 * frame.edge)
    every_point = _every_point_fits(frame, lines, under)
    if not every_point:
        under = _slots_for_ends(frame, lines)
    head, key = _head(frame, figure, lines)
    column = Column.fitted(frame, head, key, under, PLOT_HEIGHT + 1)
    scale = value_scale(frame, _reaches(frame, lines, every_point),
                        [lb for row in lines.labels for lb in row], column.plot_height, False)
    canvas = frame.canvas(column.height)
    xs = [under.centre(i) for i in range(len(lines.table.categories))]
    for j, row in enumerate(lines.values):
        style = lines.styles[j]
        canvas.line(xs, [column.y(scale, v) for v in row], lines.colours[j],
                    style["linewidth"], linestyle=style["linestyle"], marker=style["marker"],
                    markersize=style["markersize"])
    column.draw_frame(canvas, scale)
    for x in xs:
        canvas.line([x, x], [column.plot_bottom, column.plot_bottom + 0.35 * frame.t],
                    frame.brand.colours.secondary, 0.8, solid_capstyle="butt")
    if not every_point:
        _end_labels(frame, canvas, column, scale, lines, xs[-1] + lines.radius + 0.35 * frame.t)
        return canvas, tuple(row[-1].text for row in lines.labels), lines.colours
    for j, row in enumerate(lines.values):
        for i, v in enumerate(row):
            y = column.y(scale, v)
            top = y - 0.82 * frame.t - frame.block(1) if _above(lines.table, j, i) \
                else y + 0.82 * frame.t
            frame.put(canvas, xs[i], top, [lines.labels[j][i].text], align="center")
    return canvas, tuple(lb.text for row in lines.labels for lb in row), lines.colours


def _end_labels(frame: Frame, canvas: Canvas, column: Column, scale: Scale, lines: Lines,
                x: float) -> None:
    """Each line's last value to the right of its end, nudged apart so none overlap and
    kept inside the plot: pushed down from the top, then back up from the bottom."""
    height, gap = frame.block(1), frame.leading
    ends = sorted((column.y(scale, row[-1]), j) for j, row in enumerate(lines.values))
    tops = [y - height / 2 for y, _ in ends]
    tops[0] = max(tops[0], column.plot_top)
    for i in range(1, len(tops)):
        tops[i] = max(tops[i], tops[i - 1] + gap)
    tops[-1] = min(tops[-1], column.plot_bottom - height)
    for i in range(len(tops) - 2, -1, -1):
        tops[i] = min(tops[i], tops[i + 1] - gap)
    for (_, j), top in zip(ends, tops, strict=True):
        frame.put(canvas, x, top, [lines.labels[j][-1].text])

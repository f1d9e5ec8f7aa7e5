"""Line charts: one line per series over the categories (usually dates), each with its own
marker and dash pattern so no line depends on colour.

With one or two series every point is labelled (the higher value above, the lower
below), when the labels fit side by side; otherwise, and with more series, each line
is labelled at its end (every value is still in the alt text).
"""

from __future__ import annotations

from typing import Any

from briefpress.charts.bars import Drawn
from briefpress.charts.columns import PLOT_HEIGHT, Column
from briefpress.charts.fit import Reach, Scale
from briefpress.charts.frame import Frame, fmt, table_of
from briefpress.charts.palette import series_colours
from briefpress.charts.parts import Key, Label, legend, no_overlap, slots, title, value_scale
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


def line(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, LineFigure)
    table = table_of(data)
    t, edge = frame.t, frame.edge
    k, n = len(table.series), len(table.categories)
    colours = series_colours(frame.brand, k)
    scale_up = max(1.0, t / 8.5)
    styles: list[dict[str, Any]] = [
        {"linestyle": DASHES[j], "marker": MARKERS[j], "markersize": 5.5 * scale_up,
         "linewidth": 1.8 * scale_up} for j in range(k)]
    radius = 3.5 * scale_up
    texts = [[fmt(figure, v) for v in s.values] for s in table.series]
    labels = [[Label(texts[j][i], frame.measured(texts[j][i], frame.value_key(c, j)),
                     frame.value_key(c, j)) for i, c in enumerate(table.categories)]
              for j in range(k)]
    ends = [labels[j][n - 1] for j in range(k)]
    every_point = k <= 2
    span = frame.width - 2 * edge
    under = slots(frame, table.categories, edge, span)
    if every_point:
        try:
            for j in range(k):
                no_overlap(frame, [(under.centre(i), labels[j][i]) for i in range(n)], edge,
                           frame.width - edge)
        except ChartTextTooLong:
            every_point = False
    if not every_point:  # room on the right for the end labels
        room = radius + 0.35 * t + max(lb.width for lb in ends)
        span = (frame.width - 2 * edge - room) * n / (n - 0.5)
        under = slots(frame, table.categories, edge, span)
    if k > 1:
        key = legend(frame, [Key(str(s.name), colours[j], frame.series_key(j), styles[j])
                             for j, s in enumerate(table.series)])
        head = title(frame, figure.axis_label, ("axis_label",))
    else:
        key = None
        head = (title(frame, figure.axis_label, ("axis_label",)) if figure.axis_label
                else title(frame, table.series[0].name, frame.series_key(0)))
    column = Column.fitted(frame, head, key, under, PLOT_HEIGHT + 1)
    values = [[float(v) for v in s.values] for s in table.series]
    tall = 0.82 * t + frame.block(1)
    reaches = [Reach(0.0)]
    for j in range(k):
        for i, v in enumerate(values[j]):
            if every_point and _above(table, j, i):
                reaches.append(Reach(v, tall, radius))
            elif every_point:
                reaches.append(Reach(v, radius, tall))
            else:
                reaches.append(Reach(v, max(radius, frame.block(1) / 2),
                                     max(radius, frame.block(1) / 2)))
    scale = value_scale(frame, reaches, [lb for row in labels for lb in row],
                        column.plot_height, False)
    canvas = frame.canvas(column.height)
    xs = [under.centre(i) for i in range(n)]
    for j in range(k):
        canvas.line(xs, [column.y(scale, v) for v in values[j]], colours[j],
                    styles[j]["linewidth"], linestyle=styles[j]["linestyle"],
                    marker=styles[j]["marker"], markersize=styles[j]["markersize"],
                    clip_on=False)
    column.draw_frame(canvas, scale)
    for x in xs:
        canvas.line([x, x], [column.plot_bottom, column.plot_bottom + 0.35 * t],
                    frame.brand.colours.secondary, 0.8, solid_capstyle="butt")
    shown: list[str] = []
    if every_point:
        for j in range(k):
            for i, v in enumerate(values[j]):
                y = column.y(scale, v)
                top = (y - 0.82 * t - frame.block(1) if _above(table, j, i)
                       else y + 0.82 * t)
                frame.put(canvas, xs[i], top, [texts[j][i]], align="center")
                shown.append(texts[j][i])
    else:
        _end_labels(frame, canvas, column, scale, values, texts, xs[-1] + radius + 0.35 * t)
        shown = [texts[j][n - 1] for j in range(k)]
    return canvas, tuple(shown), colours


def _end_labels(frame: Frame, canvas: Any, column: Column, scale: Scale,
                values: list[list[float]], texts: list[list[str]], x: float) -> None:
    """Each line's last value to the right of its end, nudged apart so none overlap and
    kept inside the plot."""
    height = frame.block(1)
    ends = sorted(((column.y(scale, vs[-1]), j) for j, vs in enumerate(values)))
    tops: list[float] = []
    for y, _ in ends:
        top = y - height / 2
        tops.append(max(top, tops[-1] + frame.leading) if tops else top)
    shift = max(0.0, tops[-1] + height - column.plot_bottom)
    for (_, j), top in zip(ends, tops, strict=True):
        frame.put(canvas, x, max(column.plot_top, top - shift), [texts[j][-1]])

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
from briefpress.charts.frame import Frame, fmt, shown, table_of
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
    if every_point:  # at each point one label goes above and (with two lines) one below
        try:
            for side in (True, False):
                no_overlap(frame, [(under.centre(i), labels[j][i]) for j in range(k)
                                   for i in range(n) if _above(table, j, i) == side],
                           edge, frame.width - edge)
        except ChartTextTooLong:
            every_point = False
    if not every_point:  # room on the right for the end labels
        widest = max(ends, key=lambda lb: lb.width)
        room = radius + 0.35 * t + widest.width
        if room > 0.5 * (frame.width - 2 * edge):
            raise frame.too_long(widest.where, (
                f"the value label '{shown(widest.text)}' is {widest.width:.1f} pt wide at "
                f"{t:g} pt and would leave too little of the chart's {frame.width:.1f} pt for "
                "the lines; shorten the prefix or suffix, or give the values in larger units"))
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
    printed: list[str] = []
    if every_point:
        for j in range(k):
            for i, v in enumerate(values[j]):
                y = column.y(scale, v)
                top = (y - 0.82 * t - frame.block(1) if _above(table, j, i)
                       else y + 0.82 * t)
                frame.put(canvas, xs[i], top, [texts[j][i]], align="center")
                printed.append(texts[j][i])
    else:
        _end_labels(frame, canvas, column, scale, values, texts, xs[-1] + radius + 0.35 * t)
        printed = [texts[j][n - 1] for j in range(k)]
    return canvas, tuple(printed), colours


def _end_labels(frame: Frame, canvas: Any, column: Column, scale: Scale,
                values: list[list[float]], texts: list[list[str]], x: float) -> None:
    """Each line's last value to the right of its end, nudged apart so none overlap and
    kept inside the plot: pushed down from the top, then back up from the bottom."""
    height, gap = frame.block(1), frame.leading
    ends = sorted(((column.y(scale, vs[-1]), j) for j, vs in enumerate(values)))
    tops = [y - height / 2 for y, _ in ends]
    tops[0] = max(tops[0], column.plot_top)
    for i in range(1, len(tops)):
        tops[i] = max(tops[i], tops[i - 1] + gap)
    tops[-1] = min(tops[-1], column.plot_bottom - height)
    for i in range(len(tops) - 2, -1, -1):
        tops[i] = min(tops[i], tops[i + 1] - gap)
    for (_, j), top in zip(ends, tops, strict=True):
        frame.put(canvas, x, top, [texts[j][-1]])

"""Vertical bar charts: ``bar`` with ``orientation: vertical``, and ``grouped-bar``.

From the top: the axis label (read level, never rotated), the key for several series,
the plot, and the category labels under their slots. Each value is printed above its
bar (below, for a negative one); labels that would touch their neighbours are an
error rather than a smudge.
"""

from __future__ import annotations

from briefpress.charts.bars import Drawn, bar_colours
from briefpress.charts.canvas import Canvas
from briefpress.charts.fit import Reach, Scale
from briefpress.charts.frame import Frame, fmt, table_of
from briefpress.charts.palette import series_colours
from briefpress.charts.parts import (
    Key,
    Label,
    Legend,
    Slots,
    Title,
    draw_legend,
    draw_slots,
    draw_title,
    legend,
    no_overlap,
    slots,
    title,
    value_scale,
)
from briefpress.spec.data import FigureData
from briefpress.spec.figures import BarFigure, GroupedBarFigure

PLOT_HEIGHT = 17.5
"""The plot's natural height, in screen text sizes (149 pt with 8.5 pt text). It grows
only with the square root of a larger text size: large print needs bigger words, not a
much taller plot."""
MIN_PLOT_HEIGHT = 8.0
SCREEN_PT = 8.5


class Column:
    """The vertical layout: title, key, plot, category labels, from the top."""

    def __init__(self, frame: Frame, head: Title, key: Legend | None, under: Slots,
                 plot_height: float) -> None:
        t = frame.t
        self.frame = frame
        self.head, self.key, self.under = head, key, under
        self.key_top = frame.edge + head.height
        self.plot_top = self.key_top + (key.height + 0.8 * t if key else 0.0)
        self.plot_height = plot_height
        self.plot_bottom = self.plot_top + plot_height
        self.labels_top = self.plot_bottom + 0.41 * t
        self.height = self.labels_top + under.height + frame.edge

    @classmethod
    def fitted(cls, frame: Frame, head: Title, key: Legend | None, under: Slots,
               natural: float) -> Column:
        """The column at its natural plot height, shortened (down to a floor) to fit the
        geometry's maximum height; the canvas refuses one that still does not fit."""
        column = cls(frame, head, key, under, natural * (SCREEN_PT * frame.t) ** 0.5)
        excess = column.height - frame.geometry.max_height_pt
        if excess > 0:
            column = cls(frame, head, key, under,
                         max(MIN_PLOT_HEIGHT * frame.t, column.plot_height - excess))
        return column

    def y(self, scale: Scale, value: float) -> float:
        return self.plot_bottom - scale.at(value)

    def draw_frame(self, canvas: Canvas, scale: Scale, bold: str | None = None,
                   categories: tuple[str, ...] = ()) -> None:
        f = self.frame
        draw_title(f, canvas, self.head, f.edge)
        if self.key is not None:
            draw_legend(f, canvas, self.key, self.key_top)
        zero = self.y(scale, 0.0)
        canvas.line([f.edge, f.width - f.edge], [zero, zero], f.brand.colours.secondary, 0.8,
                    solid_capstyle="butt")
        draw_slots(f, canvas, self.under, self.labels_top, bold, categories)


def _reaches(values: list[float], room: float) -> list[Reach]:
    return [Reach(0.0)] + [Reach(v, room, 0.0) if v >= 0 else Reach(v, 0.0, room)
                           for v in values]


def _value(frame: Frame, canvas: Canvas, x: float, y: float, value: float, text: str,
           bold: bool = False, gid: str | None = None) -> None:
    pad = 0.35 * frame.t
    top = y - pad - frame.block(1) if value >= 0 else y + pad
    frame.put(canvas, x, top, [text], align="center", bold=bold, gid=gid)


def vertical_bar(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, BarFigure)
    table = table_of(data)
    cats = table.categories
    raw = table.series[0].values
    values = [float(v) for v in raw]
    texts = [fmt(figure, v) for v in raw]
    labels = [Label(s, frame.measured(s, frame.value_key(c)), frame.value_key(c))
              for s, c in zip(texts, cats, strict=True)]
    span = frame.width - 2 * frame.edge
    under = slots(frame, cats, frame.edge, span, remedy=", or orientation: horizontal")
    no_overlap(frame, [(under.centre(i), lb) for i, lb in enumerate(labels)], frame.edge,
               frame.width - frame.edge)
    head = title(frame, figure.axis_label, ("axis_label",))
    column = Column.fitted(frame, head, None, under, PLOT_HEIGHT)
    room = 0.35 * frame.t + frame.block(1)
    scale = value_scale(frame, _reaches(values, room), labels, column.plot_height, False)
    canvas = frame.canvas(column.height)
    colours, used = bar_colours(frame, figure, cats)
    for i, v in enumerate(values):
        top, bottom = sorted((column.y(scale, v), column.y(scale, 0.0)))
        width = 0.62 * under.width
        canvas.rect(under.centre(i) - width / 2, top, width, bottom - top, colours[i],
                    gid=f"bar-{i}")
    column.draw_frame(canvas, scale, figure.highlight, cats)
    for i, v in enumerate(values):
        _value(frame, canvas, under.centre(i), column.y(scale, v), v, texts[i],
               cats[i] == figure.highlight, f"value-{i}")
    return canvas, tuple(texts), used


def grouped_bar(frame: Frame, data: FigureData | None) -> Drawn:
    """Bars side by side in each category, one per series, with a key above."""
    figure = frame.figure
    assert isinstance(figure, GroupedBarFigure)
    table = table_of(data)
    cats = table.categories
    k = len(table.series)
    colours = series_colours(frame.brand, k)
    key = legend(frame, [Key(str(s.name), colours[j], frame.series_key(j))
                         for j, s in enumerate(table.series)])
    span = frame.width - 2 * frame.edge
    under = slots(frame, cats, frame.edge, span)
    step = 0.8 * under.width / k

    def centre(i: int, j: int) -> float:
        return under.left + i * under.width + 0.1 * under.width + (j + 0.5) * step

    texts = [[fmt(figure, v) for v in s.values] for s in table.series]
    labels = [[Label(texts[j][i], frame.measured(texts[j][i], frame.value_key(c, j)),
                     frame.value_key(c, j)) for i, c in enumerate(cats)] for j in range(k)]
    no_overlap(frame, [(centre(i, j), labels[j][i]) for j in range(k) for i in range(len(cats))],
               frame.edge, frame.width - frame.edge)
    head = title(frame, figure.axis_label, ("axis_label",))
    column = Column.fitted(frame, head, key, under, 19.0)
    values = [[float(v) for v in s.values] for s in table.series]
    room = 0.25 * frame.t + frame.block(1)
    scale = value_scale(frame, _reaches([v for vs in values for v in vs], room),
                        [lb for row in labels for lb in row], column.plot_height, False)
    canvas = frame.canvas(column.height)
    for j in range(k):
        for i, v in enumerate(values[j]):
            top, bottom = sorted((column.y(scale, v), column.y(scale, 0.0)))
            canvas.rect(centre(i, j) - step * 0.46, top, step * 0.92, bottom - top, colours[j])
    column.draw_frame(canvas, scale)
    shown: list[str] = []
    for j in range(k):
        for i, v in enumerate(values[j]):
            _value(frame, canvas, centre(i, j), column.y(scale, v), v, texts[j][i])
        shown += texts[j]
    return canvas, tuple(shown), colours

"""Horizontal bar charts: one row per category, its label on the left, its value after
the bar's end. Used by ``bar`` (horizontal) and ``stacked-bar``.

The label column is as wide as the widest label (at most 40% of the chart; longer
labels wrap), the bars take the rest at the largest scale that still leaves room for
every value label, and the rows are as tall as the tallest wrapped label needs: packed
closer for many categories, down to what the labels allow, within the geometry's
maximum height.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.charts.canvas import Canvas
from briefpress.charts.fit import Reach, Scale
from briefpress.charts.frame import Frame, fmt, shown, table_of
from briefpress.charts.numbers import exact_sum
from briefpress.charts.palette import grey, highlight_colours, series_colours, text_on
from briefpress.charts.parts import Key, Label, draw_legend, legend, value_scale
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import BarFigure, StackedBarFigure

Drawn = tuple[Canvas, tuple[str, ...], tuple[str, ...]]
"""A laid-out chart on its canvas, the value labels it shows, and the colours it used."""

LABEL_SHARE = 0.4
"""The category labels' column takes at most this share of the chart's width."""


@dataclass(frozen=True)
class Rows:
    """The frame of a horizontal chart: label column, bar span, rows, axis label.

    Every bar is as thick (a share of ``pitch``); a row whose label wraps over more lines
    than the pitch holds is taller, so the other rows stay close."""

    categories: tuple[tuple[str, ...], ...]
    plot_left: float
    span: float
    scale: Scale
    top: float
    pitch: float
    heights: tuple[float, ...]
    axis: tuple[str, ...]

    def centre(self, i: int) -> float:
        return self.top + sum(self.heights[:i]) + self.heights[i] / 2

    def at(self, value: float) -> float:
        return self.plot_left + self.scale.at(value)

    @property
    def bottom(self) -> float:
        return self.top + sum(self.heights)


def _pitch(needs: list[float], natural: float, room: float) -> float:
    """The row pitch: *natural*, or less where the rows (each at least its own need)
    would not fit in *room*, down to the least any row needs."""
    def total(pitch: float) -> float:
        return sum(max(pitch, n) for n in needs)

    if total(natural) <= room:
        return natural
    lo, hi = min(needs), natural
    for _ in range(50):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if total(mid) <= room else (lo, mid)
    return lo


def _reaches(values: list[float], labels: list[Label], pad: float) -> list[Reach]:
    """The baseline, and each value with its label beyond the bar's end; a negative bar's
    label keeps a further gap from the category labels on its left."""
    out = [Reach(0.0)]
    for v, lb in zip(values, labels, strict=True):
        out.append(Reach(v, pad + lb.width, 0.0) if v >= 0
                   else Reach(v, 0.0, 2 * pad + lb.width))
    return out


def rows(frame: Frame, categories: tuple[str, ...], values: list[float], labels: list[Label],
         top: float, natural_pitch: float, axis_label: str | None) -> tuple[Rows, float]:
    """Lay out the rows; returns them and the chart's height."""
    t, edge = frame.t, frame.edge
    column = LABEL_SHARE * (frame.width - 2 * edge)
    wrapped = tuple(tuple(frame.lines(c, column, frame.label_key(c), "the category label",
                                      max_lines=12)) for c in categories)
    label_width = max(frame.widest(line) for lines in wrapped for line in lines)
    plot_left = edge + label_width + 0.41 * t
    span = frame.width - edge - plot_left
    scale = value_scale(frame, _reaches(values, labels, 0.35 * t), labels, span, across=True)
    axis: tuple[str, ...] = ()
    axis_height = 0.0
    if axis_label:
        middle = plot_left + span / 2
        room = 2 * min(middle - edge, frame.width - edge - middle)
        axis = tuple(frame.lines(axis_label, room, ("axis_label",), "the axis label"))
        axis_height = 0.8 * t + frame.block(len(axis))
    needs = [frame.block(len(ls)) + 0.25 * t for ls in wrapped]
    fixed = top + axis_height + edge
    most = frame.geometry.max_height_pt
    pitch = _pitch(needs, max(natural_pitch, min(needs)), most - fixed)
    heights = tuple(max(pitch, n) for n in needs)
    if fixed + sum(heights) > most + 1e-6:
        raise frame.no_fit(frame.table_key(), (
            f"{len(categories)} categories need at least {fixed + sum(heights):.0f} pt of "
            f"height with {t:g} pt labels, and the chart may be at most {most:.0f} pt tall "
            "to fit on a page; use fewer categories, or a table"))
    laid = Rows(wrapped, plot_left, span, scale, top, pitch, heights, axis)
    return laid, fixed + sum(heights)


def draw_rows(frame: Frame, canvas: Canvas, laid: Rows, bold: str | None,
              categories: tuple[str, ...]) -> None:
    """Category labels (right-aligned), the baseline, and the axis label under the bars."""
    for i, lines in enumerate(laid.categories):
        frame.put(canvas, laid.plot_left - 0.41 * frame.t,
                  laid.centre(i) - frame.block(len(lines)) / 2, list(lines), align="right",
                  bold=categories[i] == bold, gid=f"category-{i}")
    zero = laid.at(0.0)
    canvas.line([zero, zero], [laid.top, laid.bottom], frame.brand.colours.secondary, 0.8,
                solid_capstyle="butt")
    if laid.axis:
        middle = laid.plot_left + laid.span / 2
        frame.put(canvas, middle, laid.bottom + 0.8 * frame.t, list(laid.axis),
                  align="center")


def draw_value(frame: Frame, canvas: Canvas, laid: Rows, i: int, value: float, text: str,
               bold: bool, gid: str | None) -> None:
    pad = 0.35 * frame.t
    x = laid.at(value) + (pad if value >= 0 else -pad)
    frame.put(canvas, x, laid.centre(i) - frame.block(1) / 2, [text], bold=bold,
              align="left" if value >= 0 else "right", gid=gid)


def horizontal_bar(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, BarFigure)
    table = table_of(data)
    cats = table.categories
    raw = table.series[0].values
    shown_ = [fmt(figure, v) for v in raw]
    labels = [Label(s, frame.measured(s, frame.value_key(c)), frame.value_key(c))
              for s, c in zip(shown_, cats, strict=True)]
    values = [float(v) for v in raw]
    laid, height = rows(frame, cats, values, labels, frame.edge, 2.6 * frame.t,
                        figure.axis_label)
    canvas = frame.canvas(height)
    colours, used = bar_colours(frame, figure, cats)
    for i, v in enumerate(values):
        left, right = sorted((laid.at(0.0), laid.at(v)))
        thick = 0.62 * laid.pitch
        canvas.rect(left, laid.centre(i) - thick / 2, right - left, thick, colours[i],
                    gid=f"bar-{i}")
    draw_rows(frame, canvas, laid, figure.highlight, cats)
    for i, v in enumerate(values):
        draw_value(frame, canvas, laid, i, v, shown_[i], cats[i] == figure.highlight,
                   f"value-{i}")
    return canvas, tuple(shown_), used


def bar_colours(frame: Frame, figure: BarFigure, categories: tuple[str, ...]
                ) -> tuple[list[str], tuple[str, ...]]:
    """Each bar's fill and the colours used: the primary colour, or with a highlight the
    accent for that category and a muted tint for the rest."""
    brand = frame.brand
    if figure.highlight is None:
        return [brand.colours.primary] * len(categories), (brand.colours.primary,)
    accent, muted = highlight_colours(brand)
    return ([accent if c == figure.highlight else muted for c in categories],
            tuple(sorted({accent, muted}, key=grey)))


def stacked_bar(frame: Frame, data: FigureData | None) -> Drawn:
    """Parts end to end, each value inside its part, the total in bold after the bar."""
    figure = frame.figure
    assert isinstance(figure, StackedBarFigure)
    table = table_of(data)
    cats, t = table.categories, frame.t
    colours = series_colours(frame.brand, len(table.series))
    key = legend(frame, [Key(str(s.name), colours[j], frame.series_key(j))
                         for j, s in enumerate(table.series)])
    totals = [exact_sum(s.values[i] for s in table.series) for i in range(len(cats))]
    total_text = [fmt(figure, v) for v in totals]
    labels = [Label(s, frame.measured(s, frame.value_key(c)), frame.value_key(c))
              for s, c in zip(total_text, cats, strict=True)]
    laid, height = rows(frame, cats, [float(v) for v in totals], labels,
                        frame.edge + key.height + 0.8 * t, 3.06 * t, figure.axis_label)
    canvas = frame.canvas(height)
    draw_legend(frame, canvas, key, frame.edge)
    parts = [_parts(frame, canvas, laid, table, j, colours[j])
             for j in range(len(table.series))]
    draw_rows(frame, canvas, laid, None, cats)
    for i, total in enumerate(totals):
        frame.put(canvas, laid.at(float(total)) + 0.35 * t,
                  laid.centre(i) - frame.block(1) / 2, [total_text[i]], bold=True)
    return canvas, (*(text for texts in parts for text in texts), *total_text), colours


def _parts(frame: Frame, canvas: Canvas, laid: Rows, table: Table, j: int, colour: str
           ) -> list[str]:
    """Series *j*'s part of every bar, its value inside in the colour that reads best on
    it; a part too short for its value is an error. A bar is always thick enough to hold
    its labels' ink, descenders too, however close the rows."""
    figure, t = frame.figure, frame.t
    assert isinstance(figure, StackedBarFigure)
    series = table.series[j]
    background = frame.brand.colours.background
    ink = text_on(colour, background, frame.brand.colours.foreground)
    thick = min(max(0.6 * laid.pitch, 1.3 * t), laid.pitch - 0.25 * t)
    texts = []
    for i, value in enumerate(series.values):
        start = exact_sum(s.values[i] for s in table.series[:j])
        left, right = laid.at(float(start)), laid.at(float(start + value))
        canvas.rect(left, laid.centre(i) - thick / 2, right - left, thick, colour,
                    edge=background, edge_width=0.8)
        text = fmt(figure, value)
        where = frame.value_key(table.categories[i], j)
        width = frame.measured(text, where)
        if width + 0.3 * t > right - left:
            raise frame.too_long(where, (
                f"the part '{shown(str(series.name))}' of '{shown(table.categories[i])}' is "
                f"{right - left:.1f} pt long, too short for its label '{shown(text)}' "
                f"({width:.1f} pt at {t:g} pt): a stacked bar prints each part's value "
                "inside it; use a grouped-bar chart or a table"))
        frame.put(canvas, (left + right) / 2, laid.centre(i) - frame.block(1) / 2,
                  [text], align="center", colour=ink)
        texts.append(text)
    return texts

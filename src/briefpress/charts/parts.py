"""Parts several chart kinds share: the value scale, the key (legend), and the title or
category labels, each measured before anything is placed.

A part is laid out in two steps: first its size (so the chart's height and the plot's
room can be worked out), then drawn at the place the kind gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from briefpress.charts.canvas import Canvas
from briefpress.charts.fit import Reach, Scale, fit_scale, fits_unscaled
from briefpress.charts.frame import Frame, Where, shown

MIN_BAR_SHARE = 0.2
"""The bars keep at least this share of their span; labels may take the rest."""


@dataclass(frozen=True)
class Label:
    """A value label to place beside a mark: its text, width, and where it was written."""

    text: str
    width: float
    where: Where


def value_scale(frame: Frame, reaches: list[Reach], labels: list[Label], span: float,
                across: bool) -> Scale:
    """The scale that draws every value, and the label beside it, inside *span* points.

    *across* says the labels sit along the scale (a horizontal bar's label after its end,
    where its width counts) rather than across it (a column's label above it). An
    impossible fit is a located error naming the widest label and the room there is.
    """
    widest = max(labels, key=lambda lb: lb.width)
    size = widest.width if across else frame.block(1)
    if not fits_unscaled(reaches, span):
        raise frame.too_long(widest.where, (
            f"the value label '{shown(widest.text)}' is {size:.1f} pt "
            f"{'wide' if across else 'tall'} at {frame.t:g} pt, and the chart has "
            f"{span:.1f} pt for the bars and their labels"))
    try:
        scale = fit_scale(reaches, span)
    except ValueError:
        raise frame.no_fit(widest.where, "the values are too large to draw to one scale; "
                           "give them in larger units (thousands, millions)") from None
    spread = max(r.value for r in reaches) - min(r.value for r in reaches)
    if across and spread > 0 and scale.per_unit * spread < MIN_BAR_SHARE * span:
        raise frame.too_long(widest.where, (
            f"the value label '{shown(widest.text)}' ({widest.width:.1f} pt at {frame.t:g} "
            f"pt) leaves too little of the {span:.1f} pt for the bars; shorten the prefix "
            "or suffix, or give the values in larger units"))
    return scale


@dataclass(frozen=True)
class Key:
    """One entry of a legend: the series name and how its mark is drawn."""

    name: str
    colour: str
    where: Where
    line: dict[str, Any] | None = None
    """Line style (dash, marker) for a line chart's key; None for a filled square."""


@dataclass(frozen=True)
class Legend:
    """A legend laid out: across one row, or one entry per line, names wrapped."""

    keys: tuple[Key, ...]
    lines: tuple[tuple[str, ...], ...]
    across: bool
    height: float


def legend(frame: Frame, keys: list[Key]) -> Legend:
    """Lay out a key above a plot: in one row if every name fits across, else one per
    line with long names wrapped (a word too wide for the line is an error)."""
    t, room = frame.t, frame.width - 2 * frame.edge
    handle = 2.6 * t + 0.8 * t
    widths = [frame.measured(k.name, k.where) for k in keys]
    if sum(handle + w for w in widths) + 1.6 * t * (len(keys) - 1) <= room:
        return Legend(tuple(keys), tuple((k.name,) for k in keys), True, frame.block(1))
    lines = tuple(tuple(frame.lines(k.name, room - handle, k.where, "the series name"))
                  for k in keys)
    height = sum(frame.block(len(ls)) for ls in lines) + 0.4 * t * (len(keys) - 1)
    return Legend(tuple(keys), lines, False, height)


def draw_legend(frame: Frame, canvas: Canvas, laid: Legend, top: float) -> None:
    t = frame.t
    x, y = frame.edge, top
    for key, lines in zip(laid.keys, laid.lines, strict=True):
        middle = y + frame.block(1) / 2
        if key.line is None:
            canvas.handle(Rectangle((x, canvas.height - middle - 0.35 * t), 2.6 * t, 0.7 * t,
                                    facecolor=key.colour, edgecolor="none"))
        else:
            canvas.handle(Line2D([x, x + 1.3 * t, x + 2.6 * t], [canvas.height - middle] * 3,
                                 color=key.colour, markevery=[1], **key.line))
        frame.put(canvas, x + 3.4 * t, y, list(lines))
        if laid.across:
            x += 3.4 * t + frame.widest(key.name) + 1.6 * t
        else:
            y += frame.block(len(lines)) + 0.4 * t


@dataclass(frozen=True)
class Title:
    """What the values measure, as a line (or wrapped lines) above the plot."""

    lines: tuple[str, ...]
    height: float


def title(frame: Frame, text: str | None, where: Where) -> Title:
    if not text:
        return Title((), 0.0)
    lines = frame.lines(text, frame.width - 2 * frame.edge, where, "the axis label")
    return Title(tuple(lines), frame.block(len(lines)) + 0.8 * frame.t)


def draw_title(frame: Frame, canvas: Canvas, laid: Title, top: float) -> None:
    if laid.lines:
        frame.put(canvas, frame.edge, top, list(laid.lines))


@dataclass(frozen=True)
class Slots:
    """Categories side by side across a span, each with its label wrapped under it."""

    left: float
    width: float
    lines: tuple[tuple[str, ...], ...]
    height: float

    def centre(self, i: int) -> float:
        return self.left + (i + 0.5) * self.width


def slots(frame: Frame, categories: tuple[str, ...], left: float, span: float,
          right: float | None = None, remedy: str = "") -> Slots:
    """*span* points from *left* shared by the categories; labels wrap in their slot (and,
    centred under it, never past *right*: the chart's inner edge by default), and a word
    wider than that is an error that says how much room each category has (and, in
    *remedy*, what else the author can do)."""
    width = span / len(categories)
    limit = frame.width - frame.edge if right is None else right
    lines = []
    for i, c in enumerate(categories):
        centre = left + (i + 0.5) * width
        room = min(width - 0.3 * frame.t, 2 * (limit - centre), 2 * (centre - frame.edge))
        advice = (f"the {len(categories)} categories have {width:.1f} pt each across the "
                  f"chart; use fewer categories{remedy}")
        if room < frame.t:
            raise frame.too_long(frame.label_key(c), f"the category label '{shown(c)}' does "
                                 f"not fit: {advice}")
        lines.append(tuple(frame.lines(c, room, frame.label_key(c), "the category label",
                                       max_lines=12, advice=advice)))
    height = max(frame.block(len(ls)) for ls in lines)
    return Slots(left, width, tuple(lines), height)


def draw_slots(frame: Frame, canvas: Canvas, laid: Slots, top: float,
               bold: str | None = None, categories: tuple[str, ...] = ()) -> None:
    for i, lines in enumerate(laid.lines):
        frame.put(canvas, laid.centre(i), top, list(lines), align="center",
                  bold=bool(categories) and categories[i] == bold, gid=f"category-{i}")


def no_overlap(frame: Frame, placed: list[tuple[float, Label]], left: float, right: float
               ) -> None:
    """Labels centred at the given x, in order, must not touch and must stay inside
    [left, right]; otherwise a located error naming the first that does not fit."""
    gap = 0.15 * frame.t
    previous = left - gap
    for x, label in sorted(placed, key=lambda p: p[0]):
        start, end = x - label.width / 2, x + label.width / 2
        if start < previous + gap or end > right:
            raise frame.too_long(label.where, (
                f"the value label '{shown(label.text)}' is {label.width:.1f} pt wide at "
                f"{frame.t:g} pt and does not fit beside its neighbours: the bars or points "
                "are too close together; use fewer categories or series, or a table"))
        previous = end

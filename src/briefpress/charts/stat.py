"""The stat tile: one number large in the brand's primary colour, its label beneath.

The number is never shrunk or cut: one too wide for the tile is an error naming it and
the room there is. The label wraps to the tile's width.
"""

from __future__ import annotations

from briefpress.charts.bars import Drawn
from briefpress.charts.frame import Frame, fmt, shown
from briefpress.spec.data import FigureData
from briefpress.spec.figures import StatFigure

NUMBER = 30 / 8.5
LABEL = 10.5 / 8.5
"""The number's and the label's sizes, in text sizes (30 pt and 10.5 pt on screen)."""


def stat(frame: Frame, data: FigureData | None) -> Drawn:
    figure = frame.figure
    assert isinstance(figure, StatFigure)
    t = frame.t
    number_pt, label_pt = NUMBER * t, LABEL * t
    pad, stripe = 14 / 8.5 * t, 4 / 8.5 * t
    room = frame.width - stripe - 2 * pad
    number = fmt(figure, figure.value)
    width = frame.ruler.width(number, number_pt, bold=True)
    if width > room:
        raise frame.too_long(("value",), (
            f"the number '{shown(number)}' is {width:.1f} pt wide at {number_pt:.3g} pt, and "
            f"the tile has room for {room:.1f} pt; give it in larger units (for example "
            "'suffix: \" million\"')"))
    lines = frame.lines(figure.label, room, ("label",), "the label", size=label_pt)
    number_box = frame.block(1, number_pt)
    label_top = pad + number_box + 0.2 * t
    height = label_top + frame.block(len(lines), label_pt) + pad
    canvas = frame.canvas(height)
    canvas.fig.patch.set_visible(False)
    colours = frame.brand.colours
    canvas.rect(0, 0, frame.width, height, colours.light)
    canvas.rect(0, 0, stripe, height, colours.tertiary)
    x = stripe + pad
    frame.put(canvas, x, pad, [number], size=number_pt, bold=True, colour=colours.primary)
    frame.put(canvas, x, label_top, lines, size=label_pt, colour=colours.foreground)
    return canvas, (number,), (colours.primary,)

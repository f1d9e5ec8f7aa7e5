"""Measuring text and placing marks in points: the matplotlib side of the exact layout.

:class:`Ruler` says how wide a text is in the brand font, as the PDF will draw it;
:class:`Canvas` is a matplotlib Figure addressed in points from its top left corner,
on which the chart kinds place single-line texts, rectangles and lines where their
layout put them. No Axes and no layout engine: each chart is measured, laid out
once and drawn once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D, Transform

from briefpress.brand import FontFamily

PT_PER_INCH = 72.0
Align = Literal["left", "center", "right"]

_MEASURE_AT = 100.0
_CACHE_LIMIT = 200_000


class MissingGlyph(ValueError):
    """A character the brand font cannot draw (the spec stage refuses these first)."""

    def __init__(self, char: str) -> None:
        super().__init__(char)
        self.char = char


@dataclass(frozen=True)
class _Face:
    path: Path
    cmap: dict[int, str]
    advances: dict[str, int]
    units_per_em: int
    ascent: float
    descent: float


def _face(path: Path) -> _Face:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        cmap = dict(font.getBestCmap() or {})
        advances = {name: int(m[0]) for name, m in font["hmtx"].metrics.items()}
        upem = int(font["head"].unitsPerEm)
        hhea = font["hhea"]
        return _Face(path, cmap, advances, upem, hhea.ascent / upem, -hhea.descent / upem)


class Ruler:
    """Text widths in the brand font, at any size.

    A width is the larger of matplotlib's (the glyphs as laid out, with kerning, unhinted:
    what the SVG renderer measures) and the sum of the glyphs' advance widths (what
    reportlab uses when it draws the SVG's text into the PDF, without kerning), so a
    text fits its room in either.
    """

    def __init__(self, font: FontFamily) -> None:
        self.font = font
        self._faces = (_face(font.regular), _face(font.bold))
        self._props = (FontProperties(fname=str(font.regular), size=_MEASURE_AT),
                       FontProperties(fname=str(font.bold), size=_MEASURE_AT))
        self._t2p = TextToPath()
        self._known: dict[tuple[str, bool], float] = {}
        self.ascent = self._faces[0].ascent
        """Height above the baseline of the font's line box, per point of size."""
        self.descent = self._faces[0].descent
        """Depth below the baseline of the font's line box, per point of size."""

    def _advance(self, text: str, bold: bool) -> float:
        face = self._faces[bold]
        total = 0
        for ch in text:
            name = face.cmap.get(ord(ch))
            if name is None:
                raise MissingGlyph(ch)
            total += face.advances.get(name, 0)
        return total / face.units_per_em

    def _unit_width(self, text: str, bold: bool, beyond: float) -> float:
        known = self._known.get((text, bold))
        if known is not None:
            return known
        advance = self._advance(text, bold)
        if advance > beyond and len(text) > 200:  # far too wide: laying it out only costs time
            return advance
        laid, _h, _d = self._t2p.get_text_width_height_descent(text, self._props[bold], False)
        width = max(advance, laid / _MEASURE_AT)
        if len(self._known) > _CACHE_LIMIT:
            self._known.clear()
        self._known[(text, bold)] = width
        return width

    def width(self, text: str, size: float, bold: bool = False,
              beyond: float = float("inf")) -> float:
        """How wide *text* (one line) is at *size* points. A long text whose advances pass
        1.5 times *beyond* (its room) gets the advances alone, not laid out: kerning never
        takes back a third of a line, so it is known not to fit without the cost of laying
        out thousands of glyphs."""
        return self._unit_width(text, bold, beyond * 1.5 / size) * size if text else 0.0

    def widest(self, text: str, size: float, beyond: float = float("inf")) -> float:
        """The wider of regular and bold: room for a label that may be highlighted."""
        return max(self.width(text, size, False, beyond), self.width(text, size, True, beyond))


@cache
def ruler_for(font: FontFamily) -> Ruler:
    return Ruler(font)


class Canvas:
    """A Figure of ``width`` x ``height`` points; ``y`` counts down from the top edge."""

    def __init__(self, width: float, height: float, family: str, text_colour: str) -> None:
        self.width = width
        self.height = height
        self.family = family
        self.text_colour = text_colour
        self.fig = Figure(figsize=(width / PT_PER_INCH, height / PT_PER_INCH), dpi=PT_PER_INCH)
        self.pt: Transform = Affine2D().scale(1 / PT_PER_INCH) + self.fig.dpi_scale_trans

    def text(self, x: float, baseline: float, text: str, size: float, *, bold: bool = False,
             align: Align = "left", colour: str | None = None, gid: str | None = None) -> None:
        """One line of text, its baseline *baseline* points below the top edge."""
        prop = FontProperties(family=[self.family], size=size,
                              weight="bold" if bold else "normal")
        artist = Text(x, self.height - baseline, text, fontproperties=prop,
                      color=colour or self.text_colour, ha=align, va="baseline",
                      transform=self.pt)
        artist.set_gid(gid)
        self.fig.add_artist(artist)

    def rect(self, x: float, top: float, width: float, height: float, colour: str, *,
             gid: str | None = None, edge: str | None = None, edge_width: float = 0.0) -> None:
        """A filled rectangle, *top* points below the top edge."""
        patch = Rectangle((x, self.height - top - height), width, height, facecolor=colour,
                          edgecolor=edge or "none", linewidth=edge_width, transform=self.pt)
        patch.set_gid(gid)
        self.fig.add_artist(patch)

    def line(self, xs: list[float], ys: list[float], colour: str, width: float,
             **style: Any) -> None:
        """A polyline through points given from the top edge."""
        line = Line2D(xs, [self.height - y for y in ys], color=colour, linewidth=width,
                      transform=self.pt, **style)
        self.fig.add_artist(line)

    def handle(self, artist: Line2D | Rectangle) -> None:
        """A legend key, already placed in points (see :func:`legend`)."""
        artist.set_transform(self.pt)
        self.fig.add_artist(artist)

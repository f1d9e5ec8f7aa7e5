"""What every chart kind shares: matplotlib set up for print, the sizes a geometry gives,
and text blocks that wrap into their room or raise a located error.

Every chart is drawn at its printed width (1 SVG unit = 1 pt), so the sizes here are
the printed sizes: nothing is smaller than the geometry's text size, itself at least
:data:`MIN_TEXT_PT`. The rc settings make the SVG deterministic (fixed hash salt, no
date) and keep text as text in the brand font, with mathtext off so "$5m" prints as
typed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from briefpress.brand import Brand
from briefpress.charts import MIN_TEXT_PT, ChartGeometry
from briefpress.charts.canvas import Align, Canvas, MissingGlyph, Ruler, ruler_for
from briefpress.charts.fit import TooManyLines, WordTooWide, wrap
from briefpress.charts.numbers import format_number
from briefpress.errors import ChartDoesNotFit, ChartTextTooLong
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import ChartBase, FigureBase, MultiSeriesBase, StatFigure

__all__ = ["MIN_TEXT_PT", "Frame", "Where", "fmt", "style", "svg", "table_of"]

Where = tuple[str | int, ...]
"""A key inside the figure's spec, for locating an error: ``("data", "Merseyside")``."""


@cache
def add_font(path: Path) -> None:
    font_manager.fontManager.addfont(str(path))


@contextmanager
def style(brand: Brand) -> Iterator[None]:
    """rc settings that make output deterministic, text real, and in the brand's font."""
    for path in (brand.font.regular, brand.font.bold, brand.font.italic, brand.font.bold_italic):
        add_font(path)
    rc: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "briefpress",
        "svg.id": "chart",
        "font.family": brand.font.name,
        "text.parse_math": False,
        "text.color": brand.colours.foreground,
        "axes.unicode_minus": False,
    }
    rc = {k: v for k, v in rc.items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        yield


def svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def fmt(figure: ChartBase | StatFigure, value: Decimal) -> str:
    return format_number(value, figure.prefix or "", figure.suffix or "")


def table_of(data: FigureData | None) -> Table:
    assert isinstance(data, Table), "chart data is resolved to a Table by the spec stage"
    return data


def shown(text: str, limit: int = 40) -> str:
    """A text as an error message quotes it: long ones cut, with their length given."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


class Frame:
    """One chart being laid out: its figure, brand, geometry, measures and sizes.

    Sizes scale with the geometry's text size ``t`` (at the screen's 8.5 pt they are the
    look briefpress has always had): ``edge`` is the blank border inside the chart's
    box, ``leading`` the distance between wrapped lines.
    """

    def __init__(self, figure: FigureBase, brand: Brand, geometry: ChartGeometry) -> None:
        self.figure = figure
        self.brand = brand
        self.geometry = geometry
        self.ruler: Ruler = ruler_for(brand.font)
        t = geometry.text_pt
        self.t = t
        self.width = geometry.width_pt
        self.edge = 0.4 * t
        self.leading = 1.2 * t
        self.ascent = self.ruler.ascent * t
        self.descent = self.ruler.descent * t

    # -- errors -------------------------------------------------------------------------

    def too_long(self, where: Where, message: str) -> ChartTextTooLong:
        return ChartTextTooLong(self.figure.id, where, message)

    def no_fit(self, where: Where, message: str) -> ChartDoesNotFit:
        return ChartDoesNotFit(self.figure.id, where, message)

    def label_key(self, category: str) -> Where:
        """Where a category's label was written: its entry under ``data``, or the CSV's
        category column."""
        fig = self.figure
        if isinstance(fig, ChartBase) and fig.csv is not None:
            return ("csv", "category")
        return ("data", category)

    def value_key(self, category: str, series: int = 0) -> Where:
        """Where one value was written: its place under ``data``, or its CSV column."""
        fig = self.figure
        if isinstance(fig, ChartBase) and fig.csv is not None:
            return ("csv", "value") if fig.csv.value is not None else ("csv", "values", series)
        if isinstance(fig, MultiSeriesBase):
            return ("data", category, series)
        return ("data", category)

    def table_key(self) -> Where:
        """Where the data as a whole was given (for "too many categories")."""
        fig = self.figure
        if isinstance(fig, ChartBase) and fig.csv is not None:
            return ("csv",)
        return ("data",) if isinstance(fig, ChartBase) else ()

    def series_key(self, index: int) -> Where:
        """Where a series was named: ``series``, or the CSV column(s) naming it."""
        fig = self.figure
        if isinstance(fig, ChartBase) and fig.csv is not None:
            return ("csv", "values", index) if fig.csv.values is not None else ("csv", "series")
        return ("series", index)

    # -- measuring ----------------------------------------------------------------------

    def widest(self, text: str, size: float | None = None) -> float:
        return self.ruler.widest(text, size or self.t)

    def measured(self, text: str, where: Where, size: float | None = None,
                 beyond: float = float("inf")) -> float:
        """*text*'s width (bold or not, whichever is wider; see :meth:`Ruler.width` for
        *beyond*); a character the font lacks is a located error rather than an empty box."""
        try:
            return self.ruler.widest(text, size or self.t, beyond)
        except MissingGlyph as exc:
            raise self.no_fit(where, f"character {exc.char!r} U+{ord(exc.char):04X} in "
                              f"'{shown(text)}' is not in the brand font") from None

    def block(self, lines: int, size: float | None = None) -> float:
        """Height of *lines* wrapped lines of text, from the top of the first line's box to
        the bottom of the last's."""
        s = size or self.t
        return (self.ruler.ascent + self.ruler.descent + (lines - 1) * 1.2) * s

    def lines(self, text: str, room: float, where: Where, what: str, *,
              size: float | None = None, max_lines: int = 200,
              advice: str = "shorten it or break it with spaces") -> list[str]:
        """*text* wrapped into *room* points at *size* (the text size by default), each
        line measured in the wider of regular and bold. A word wider than the room, or
        text that needs more than *max_lines* lines, is a located error saying so."""
        s = size or self.t
        try:
            return wrap(text, room, lambda w: self.measured(w, where, s, room), max_lines)
        except WordTooWide as exc:
            word = "" if exc.word == text.strip() else f" (the word '{shown(exc.word)}')"
            raise self.too_long(where, (
                f"{what} '{shown(text)}' does not fit: it{word} is {exc.width:.1f} pt wide at "
                f"{s:g} pt, and there is room for {max(room, 0):.1f} pt; {advice}")) from None
        except TooManyLines:
            raise self.too_long(where, (
                f"{what} '{shown(text)}' is too long: wrapped into {max(room, 0):.1f} pt it "
                f"needs more than {max_lines} lines at {s:g} pt; shorten it")) from None

    # -- drawing ------------------------------------------------------------------------

    def canvas(self, height: float) -> Canvas:
        if height > self.geometry.max_height_pt + 1e-6:
            raise self.no_fit(self.table_key(), (
                f"the chart needs {height:.0f} pt of height at {self.t:g} pt text, and a "
                f"page has room for {self.geometry.max_height_pt:.0f} pt; use fewer "
                "categories or shorter labels, or a table"))
        return Canvas(self.width, height, self.brand.font.name,
                      self.brand.colours.foreground)

    def put(self, canvas: Canvas, x: float, top: float, lines: list[str], *,
            size: float | None = None, bold: bool = False, align: Align = "left",
            colour: str | None = None, gid: str | None = None) -> None:
        """*lines* as a block whose first line box starts *top* points down; each line is
        its own text (so its alignment is kept by any renderer), ids ``gid-0``, ``gid-1``."""
        s = size or self.t
        for j, line in enumerate(lines):
            canvas.text(x, top + self.ruler.ascent * s + j * 1.2 * s, line, s, bold=bold,
                        align=align, colour=colour, gid=f"{gid}-{j}" if gid else None)

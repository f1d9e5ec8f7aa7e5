"""Charts stage: a figure spec and its data in, an SVG drawing with real text out.

matplotlib draws each chart (Figure API, never pyplot) with text left as text
(``svg.fonttype: none``), so the PDF keeps every label selectable and in the
brand font. matplotlib is imported only when a spec has a chart to draw.

Every chart is laid out exactly from measured text: labels wrap inside the room
they have, and text that cannot fit (a word wider than its column, more bars
than a page holds) raises :class:`briefpress.errors.ChartDoesNotFit`, never
spills out of the chart's box. The size of the box and of the text come from the
caller as a :class:`ChartGeometry`, so one figure can be drawn for the screen
paper or for large print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefpress.brand import Brand
from briefpress.charts.alt import draft_alt
from briefpress.charts.numbers import format_number
from briefpress.spec.data import FigureData, ImageFile, Table
from briefpress.spec.figures import BarFigure, FigureBase

__all__ = ["DEFAULT_GEOMETRY", "ChartGeometry", "ChartSVG", "Visual", "check_chart",
           "draft_alt", "format_number", "highlight_chart", "render_chart"]

TEXT_WIDTH_PT = 481.9  # A4 less 2 x 2 cm margins, in points; charts are drawn at print size
MIN_TEXT_PT = 7.0
"""No chart text is smaller than this at print size."""


@dataclass(frozen=True)
class ChartGeometry:
    """The room a chart is drawn in, from the paper it is for.

    ``width_pt``: the chart's printed width (the text width between the margins);
    ``text_pt``: the size of labels, ticks, legend and value labels (every other size
    and gap scales with it: the stat tile's number is 30/8.5 of it);
    ``max_height_pt``: the tallest the chart may be, so that with its caption and
    source line it fits in a page's frame. A bar chart with many categories packs
    its bars closer to fit; one that still cannot is an error.
    The defaults are the screen paper's (A4, 20 mm margins, 8.5 pt labels).
    """

    width_pt: float = TEXT_WIDTH_PT
    text_pt: float = 8.5
    max_height_pt: float = 620.0

    def __post_init__(self) -> None:
        if not self.text_pt >= MIN_TEXT_PT:
            raise ValueError(f"chart text must be at least {MIN_TEXT_PT:g} pt")
        if not self.width_pt >= 20 * self.text_pt:
            raise ValueError("a chart must be at least 20 times as wide as its text size")
        if not self.max_height_pt >= 10 * self.text_pt:
            raise ValueError("a chart must be allowed at least 10 times its text size in height")


DEFAULT_GEOMETRY = ChartGeometry()


@dataclass(frozen=True)
class ChartSVG:
    """A chart ready to place: SVG bytes at print size, the labels it must show, its alt
    text (given or drafted) and the series colours it used (darkest first).

    A chart made by :func:`highlight_chart` also keeps the chart it was recoloured from
    (``base``) and the highlight (``highlight``: the bar's index, its colour and the
    others'), so the layout can recolour the base chart's drawing rather than convert
    this SVG again.
    """

    svg: bytes
    width_pt: float
    height_pt: float
    labels: tuple[str, ...]
    alt: str
    colours: tuple[str, ...]
    base: ChartSVG | None = field(default=None, repr=False, compare=False)
    highlight: tuple[int, str, str] | None = field(default=None, compare=False)


Visual = ChartSVG | ImageFile
"""What the story places for a figure: a drawn chart, or a checked image file."""


def geometry_of(size: ChartGeometry | float) -> ChartGeometry:
    """A geometry from either a geometry or, for older callers, a bare width in points."""
    return size if isinstance(size, ChartGeometry) else ChartGeometry(width_pt=float(size))


def render_chart(figure: FigureBase, data: FigureData | None, brand: Brand,
                 geometry: ChartGeometry | float = DEFAULT_GEOMETRY) -> ChartSVG:
    """Draw *figure* from its typed *data* in the brand's font and colours.

    Raises :class:`briefpress.errors.ChartDoesNotFit` (naming the figure and the key to
    change) when its text or bars cannot be drawn inside the *geometry*.
    """
    from briefpress.charts.draw import draw

    return draw(figure, data, brand, geometry_of(geometry))


def check_chart(figure: FigureBase, data: FigureData | None, brand: Brand,
                geometry: ChartGeometry | float = DEFAULT_GEOMETRY) -> None:
    """Raise :class:`briefpress.errors.ChartDoesNotFit` exactly when :func:`render_chart`
    would, without writing the SVG: for ``check``, so what it accepts, ``build`` builds."""
    from briefpress.charts.draw import lay_out
    from briefpress.charts.frame import style

    with style(brand):
        lay_out(figure, data, brand, geometry_of(geometry))


def highlight_chart(chart: ChartSVG, figure: BarFigure, data: Table, brand: Brand,
                    category: str) -> ChartSVG:
    """*chart*, a bar chart drawn without ``highlight``, with *category* highlighted.

    The SVG is edited, not redrawn (no matplotlib): the category's bar takes the accent
    colour, the others the muted one, and its labels turn bold, exactly as drawing the
    figure with ``highlight: <category>`` would give. Made for editions, where one chart
    is drawn once and highlighted for each area. Raises ValueError if *category* is not
    one of *data*'s categories or *chart* is not a plain bar chart of that data.
    """
    from briefpress.charts.recolour import recolour

    return recolour(chart, figure, data, brand, category)

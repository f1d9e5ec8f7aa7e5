"""Charts stage: a figure spec and its data in, an SVG drawing with real text out.

matplotlib draws each chart (Figure API, never pyplot) with text left as text
(``svg.fonttype: none``), so the PDF keeps every label selectable and in the
brand font. matplotlib is imported only when a spec has a chart to draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.brand import Brand
from briefpress.charts.alt import draft_alt
from briefpress.charts.numbers import format_number
from briefpress.spec.data import FigureData, ImageFile
from briefpress.spec.figures import FigureBase

__all__ = ["ChartSVG", "Visual", "draft_alt", "format_number", "render_chart"]

TEXT_WIDTH_PT = 481.9  # A4 less 2 x 2 cm margins, in points; charts are drawn at print size


@dataclass(frozen=True)
class ChartSVG:
    """A chart ready to place: SVG bytes at print size, the labels it must show, its alt
    text (given or drafted) and the series colours it used (darkest first)."""

    svg: bytes
    width_pt: float
    height_pt: float
    labels: tuple[str, ...]
    alt: str
    colours: tuple[str, ...]


Visual = ChartSVG | ImageFile
"""What the story places for a figure: a drawn chart, or a checked image file."""


def render_chart(figure: FigureBase, data: FigureData | None, brand: Brand,
                 width_pt: float = TEXT_WIDTH_PT) -> ChartSVG:
    """Draw *figure* from its typed *data* in the brand's font and colours."""
    from briefpress.charts.draw import draw

    return draw(figure, data, brand, width_pt)

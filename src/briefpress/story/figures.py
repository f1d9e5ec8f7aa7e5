"""A figure in the document: caption, vector chart, source line and notes, kept together."""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, KeepTogether, Paragraph
from svglib.svglib import svg2rlg

from briefpress.charts import ChartSVG, draft_alt
from briefpress.errors import BuildError
from briefpress.spec.figures import FigureBase
from briefpress.story.markup import figure_anchor, text
from briefpress.story.styles import Styles


def svg_drawing(svg: bytes, width: float, what: str, font: str) -> object:
    """SVG bytes to a reportlab Drawing scaled to *width* points.

    The drawing's default font is set to the brand's, or reportlab would name
    unembedded Helvetica in the PDF as the starting state of every drawing.
    """
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None or not drawing.width:
        raise BuildError(what, "the SVG could not be converted to a drawing")
    scale = width / float(drawing.width)
    drawing.width = width
    drawing.height = float(drawing.height) * scale
    drawing.scale(scale, scale)
    drawing.initialFontName = font
    return drawing


def figure_flowables(figure: FigureBase, number: int, chart: ChartSVG, styles: Styles,
                     font: str) -> list[Flowable]:
    """Caption above, chart, then "Source:" and notes, never split from each other."""
    from briefpress.story.flowables import Chart

    drawing = svg_drawing(chart.svg, chart.width_pt, f"figure '{figure.id}'", font)
    parts: list[Flowable] = [
        Paragraph(f"Figure {number}: {text(figure.title)}", styles.caption),
        Chart(drawing, figure_anchor(figure.id), draft_alt(figure), font),
        Paragraph(f"Source: {text(figure.source)}", styles.source),
    ]
    if figure.notes:
        parts.append(Paragraph(f"Notes: {text(figure.notes)}", styles.source))
    return [KeepTogether(parts)]

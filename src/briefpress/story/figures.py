"""A figure's graphic: a chart's SVG as a vector drawing, or an image file, in brand fonts."""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.platypus import Image
from svglib.svglib import svg2rlg

from briefpress.charts import ChartSVG, Visual
from briefpress.errors import BuildError
from briefpress.spec.data import ImageFile
from briefpress.story.drawings import chart_drawing, converted
from briefpress.story.flow import Graphic
from briefpress.story.fonts import FontNames

MAX_IMAGE_HEIGHT = 340.0  # points: an image taller than half a page is scaled down to this


def svg_drawing(svg: bytes, width: float, what: str, font: str) -> Drawing:
    """SVG bytes to a reportlab Drawing scaled to *width* points.

    The drawing's default font is set to the brand's, or reportlab would name
    unembedded Helvetica in the PDF as the starting state of every drawing. Each
    distinct SVG is converted once per process (:mod:`briefpress.story.drawings`).
    """
    return converted(svg, width, what, font)


def brand_fonts_only(node: Any, fonts: FontNames) -> None:
    """Point every text in an SVG image at the brand's fonts.

    An image's SVG may name any font (Arial, Times); svglib would fall back to the
    unembedded standard fonts, so each String is mapped to the brand face of the
    same weight and slant.
    """
    ours = {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic}
    for item in getattr(node, "contents", ()):
        if isinstance(item, String) and item.fontName not in ours:
            name = str(item.fontName).lower()
            bold, italic = "bold" in name, "italic" in name or "oblique" in name
            item.fontName = (fonts.bold_italic if bold and italic else fonts.bold if bold
                             else fonts.italic if italic else fonts.regular)
        elif isinstance(item, Group):
            brand_fonts_only(item, fonts)


def _image_body(image: ImageFile, width: float, what: str, fonts: FontNames,
                cmyk: bool = False) -> Any:
    """An image file at the text width (or its own size, if smaller), never too tall."""
    if image.format == "svg":
        drawing = svg2rlg(io.BytesIO(image.data))  # its own: its fonts are changed below
        if drawing is None or not drawing.width or not drawing.height:
            raise BuildError(what, "the SVG could not be converted to a drawing")
        scale = width / float(drawing.width)
        drawing.width, drawing.height = width, float(drawing.height) * scale
        drawing.scale(scale, scale)
        setattr(drawing, "initialFontName", fonts.regular)  # noqa: B010 - read by renderPDF
        brand_fonts_only(drawing, fonts)
        if drawing.height > MAX_IMAGE_HEIGHT:
            shrink = MAX_IMAGE_HEIGHT / float(drawing.height)
            drawing.scale(shrink, shrink)
            drawing.width, drawing.height = drawing.width * shrink, MAX_IMAGE_HEIGHT
        return drawing
    w = min(width, float(image.width_px) * 0.75)  # 96 px per inch at most as large as typed
    h = w * image.height_px / image.width_px
    if h > MAX_IMAGE_HEIGHT:
        w, h = w * MAX_IMAGE_HEIGHT / h, MAX_IMAGE_HEIGHT
    data = process_colour(image.data) if cmyk else image.data
    return Image(io.BytesIO(data), width=w, height=h)


def process_colour(data: bytes) -> bytes:
    """A raster image in CMYK with no transparency, for a print shop: any transparent part
    is laid on white paper first. (A plain conversion: a photograph for print is best
    supplied in CMYK by whoever made it.)"""
    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(data)) as img:
        rgba = img.convert("RGBA")
    paper = Pillow.new("RGBA", rgba.size, (255, 255, 255, 255))
    out = io.BytesIO()
    Pillow.alpha_composite(paper, rgba).convert("CMYK").save(out, format="TIFF")
    return out.getvalue()


def graphic(visual: Visual, alt_node: str, width: float, what: str, fonts: FontNames,
            cmyk: bool = False) -> Graphic:
    """The drawing of a chart (at the size it was drawn) or an image (fitted to *width*)."""
    if isinstance(visual, ChartSVG):
        body: Any = chart_drawing(visual, what, fonts.regular, fonts.bold)
        return Graphic(body, float(body.width), float(body.height), alt_node)
    body = _image_body(visual, width, what, fonts, cmyk)
    if isinstance(body, Drawing):
        return Graphic(body, float(body.width), float(body.height), alt_node)
    w, h = body.wrap(0, 0)
    return Graphic(_Placed(body), float(w), float(h), alt_node)


class _Placed:
    """A raster image flowable, drawn with the same call as a Drawing."""

    def __init__(self, image: Image) -> None:
        self.image = image

    def drawOn(self, canv: Any, x: float, y: float) -> None:
        self.image.drawOn(canv, x, y)

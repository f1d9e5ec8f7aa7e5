"""Helpers for the chart tests: a spec with one section that places the given figures."""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefpress.brand import Brand
from briefpress.charts import ChartSVG
from briefpress.story.fonts import register_fonts
from conftest import MINIMAL, font_problems, pdf_resources, write_spec


def spec_with(figures: str, body: str = "The figure follows.") -> str:
    """MINIMAL plus a section placing every figure id declared in *figures* (YAML text)."""
    ids = [line.split("id:", 1)[1].strip() for line in figures.splitlines()
           if line.strip().startswith("- id:")]
    blocks = "".join(f"      - figure: {i}\n" for i in ids)
    return (MINIMAL + "sections:\n  - heading: Charts\n    blocks:\n"
            f"      - {body}\n{blocks}figures:\n{figures}")


def build(project: Path, cli: object, name: str, text: str) -> tuple[int, str, Path]:
    """Write and build a spec; returns (exit code, stderr, path of the PDF)."""
    spec = write_spec(project, name, text)
    code, _out, err = cli("--project", str(project), "build", str(spec))  # type: ignore[operator]
    return code, err, project / "output" / f"{name}.pdf"


def fonts_and_images(pdf: Path) -> tuple[list[DictionaryObject], list[str]]:
    """Every font dictionary and every XObject subtype used on any page (nested too)."""
    return pdf_resources(PdfReader(io.BytesIO(pdf.read_bytes()), strict=True))


def assert_only_embedded_brand_fonts(pdf: Path) -> None:
    assert font_problems(PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)) == []


class TextBox(NamedTuple):
    """One line of text in a chart's SVG, boxed as reportlab will draw it (SVG points, y
    down): the font box for staying inside, the ink band of capitals for overlaps."""

    text: str
    size: float
    bold: bool
    left: float
    right: float
    top: float
    bottom: float
    baseline: float


def svg_text_boxes(chart: ChartSVG, brand: Brand) -> list[TextBox]:
    """Every <text> of *chart* measured with reportlab's own widths (what the PDF uses)."""
    from reportlab.pdfbase import pdfmetrics

    fonts = register_fonts(brand.font)
    root = ElementTree.fromstring(chart.svg)
    out = []
    for node in root.iter("{http://www.w3.org/2000/svg}text"):
        style = dict(part.split(": ", 1) for part in node.attrib["style"].split("; "))
        size = float(style["font-size"].removesuffix("px"))
        bold = style.get("font-weight") == "700"
        name = fonts.bold if bold else fonts.regular
        text = node.text or ""
        width = float(pdfmetrics.stringWidth(text, name, size))
        face = pdfmetrics.getFont(name).face
        x, y = float(node.attrib["x"]), float(node.attrib["y"])
        anchor = {"start": 0.0, "middle": 0.5, "end": 1.0}[style.get("text-anchor", "start")]
        left = x - anchor * width
        out.append(TextBox(text, size, bold, left, left + width, y - face.ascent / 1000 * size,
                           y - face.descent / 1000 * size, y))
    return out


def outside_box(chart: ChartSVG, boxes: list[TextBox]) -> list[TextBox]:
    """The texts that reach past the chart's own box."""
    return [b for b in boxes if b.left < -0.01 or b.right > chart.width_pt + 0.01
            or b.top < -0.01 or b.bottom > chart.height_pt + 0.01]


def overlapping(boxes: list[TextBox]) -> list[tuple[str, str]]:
    """Pairs of texts whose inked bands (capital height down to the descenders) cross."""
    def band(b: TextBox) -> tuple[float, float]:
        return b.baseline - 0.72 * b.size, b.baseline + 0.2 * b.size

    found = []
    ordered = sorted(boxes, key=lambda b: b.left)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.left >= a.right - 0.05:
                break
            (at, ab), (bt, bb) = band(a), band(b)
            if min(ab, bb) - max(at, bt) > 0.05:
                found.append((a.text, b.text))
    return found

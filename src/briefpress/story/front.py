"""The first page's furniture: masthead, title, and the summary-and-findings box."""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Spacer

from briefpress.brand import Brand
from briefpress.spec.model import Briefing
from briefpress.story.figures import svg_drawing
from briefpress.story.flowables import Heading
from briefpress.story.markup import rich, text
from briefpress.story.press import embargo_text
from briefpress.story.styles import Styles
from briefpress.story.tables import table

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(b: Briefing) -> str:
    """``21 November 2014``, independent of the machine's locale."""
    return f"{b.date.day} {MONTHS[b.date.month - 1]} {b.date.year}"


def embargo(b: Briefing, styles: Styles) -> list[Flowable]:
    """The embargo, first thing on the page, in the alert colour."""
    if b.embargo is None:
        return []
    return [Paragraph(text(embargo_text(b.embargo)), styles.alert)]


def masthead(b: Briefing, brand: Brand, styles: Styles, width: float) -> list[Flowable]:
    logo = _logo(brand, 36, styles.body.fontName)
    series = " \u00b7 ".join(text(s) for s in (b.series, b.number) if s)
    right = [Paragraph(series, styles.masthead_right)] if series else []
    right.append(Paragraph(text(long_date(b)), styles.masthead_right))
    head = table([[logo, Paragraph(text(brand.full_name), styles.masthead), right]],
                 [44, width * 0.5 - 44, width * 0.5], styles.body.fontName, [
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                 ])
    rule = HRFlowable(width="100%", thickness=2.5, color=HexColor(brand.colours.primary),
                      spaceBefore=6, spaceAfter=14)
    return [head, rule]


def _logo(brand: Brand, width: float, font: str) -> Flowable:
    """The logo at *width*: an SVG as vector drawing, a PNG or JPEG as an image."""
    image = brand.logo_image
    if image is None or image.format == "svg":
        data = image.data if image is not None else brand.logo.read_bytes()
        return svg_drawing(data, width, "assets logo", font)
    return Image(io.BytesIO(image.data), width=width,
                 height=width * image.height_px / image.width_px)


def title_block(b: Briefing, styles: Styles) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph(text(b.title), styles.title)]
    if b.subtitle:
        parts.append(Paragraph(text(b.subtitle), styles.subtitle))
    byline = "By " + _join([text(a) for a in b.authors])
    parts.append(Paragraph(byline, styles.attribution))
    parts.append(Spacer(1, 12))
    return parts


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summary_box(b: Briefing, brand: Brand, styles: Styles, numbers: Mapping[str, int],
                width: float) -> list[Flowable]:
    """Summary then numbered key findings, in a shaded box that may split between rows."""
    rows: list[list[Flowable | str]] = [
        [Heading("Summary", styles.box_heading, "Summary", "summary"), ""]]
    rows += [[Paragraph(rich(p, numbers), styles.body), ""] for p in b.summary]
    rows.append([Heading("Key findings", styles.box_heading, "Key findings", "findings"), ""])
    spans = list(range(len(rows)))
    for i, f in enumerate(b.findings, start=1):
        markup = rich(f.text, numbers)
        if f.figure is not None:
            markup += (f' <a href="#figure-{f.figure}" color="{brand.colours.primary}">'
                       f"(Figure {numbers[f.figure]})</a>")
        rows.append([Paragraph(f"{i}", styles.number), Paragraph(markup, styles.body)])
    style = [
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(brand.colours.light)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(brand.colours.primary)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, 0), 10),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]
    style += [("SPAN", (0, r), (1, r)) for r in spans]
    style += [("LEFTPADDING", (1, r), (1, r), 4) for r in range(len(spans), len(rows))]
    box = table(rows, [26, width - 26], styles.body.fontName, style, splitByRow=1)
    box.spaceAfter = 14
    return [box]

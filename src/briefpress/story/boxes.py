"""Boxed blocks: case studies, stat tiles, people lists and numbered questions.

Each is a table, so boxes can split between rows across a page break rather
than overflow, and every cell starts in the brand font.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

from briefpress.brand import Brand
from briefpress.spec.blocks import CaseStudy, KeyNumber, Person
from briefpress.spec.inline import RichText
from briefpress.story.markup import rich, text
from briefpress.story.styles import Styles
from briefpress.story.tables import table

KEEP_WHOLE = 6  # a list this short is never split across pages


def numbered(items: tuple[RichText, ...], brand: Brand, styles: Styles,
             numbers: Mapping[str, int], width: float) -> list[Flowable]:
    """Items numbered 1, 2, 3... with the number hanging in its own column."""
    rows = [[Paragraph(f"{i}.", styles.number), Paragraph(rich(q, numbers), styles.body)]
            for i, q in enumerate(items, start=1)]
    grid = table(rows, [26, width - 26], styles.body.fontName, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 6),
        ("LEFTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ], splitByRow=1, whole=len(items) <= KEEP_WHOLE)
    grid.hAlign = "LEFT"
    grid.spaceAfter = styles.body.spaceAfter
    return [grid]


def case_study(c: CaseStudy, brand: Brand, styles: Styles, numbers: Mapping[str, int],
               width: float) -> list[Flowable]:
    """Title, the story, and what would have helped, in a shaded box with a coloured rule."""
    rows: list[list[Flowable]] = [[Paragraph(text(c.title), styles.h2)]]
    rows += [[Paragraph(rich(p, numbers), styles.body)] for p in c.story]
    if c.helped:
        label = ParagraphStyle("helped", parent=styles.addressee, spaceBefore=4, spaceAfter=2)
        rows.append([Paragraph("What would have helped", label)])
        items = [ListItem(Paragraph(rich(h, numbers), styles.body), leftIndent=12)
                 for h in c.helped]
        rows.append([ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12,
                                  bulletFontName=styles.body.fontName,
                                  bulletColor=HexColor(brand.colours.primary))])
    box = table(rows, [width], styles.body.fontName, [
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(brand.colours.light)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(brand.colours.tertiary)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ], splitByRow=1)
    box.spaceBefore = 4
    box.spaceAfter = 12
    return [box]


def key_numbers(tiles: tuple[KeyNumber, ...], brand: Brand, styles: Styles,
                width: float) -> list[Flowable]:
    """Stat tiles in one row: the number exactly as written, big, over a short label."""
    gap = 6.0
    cell_w = (width - gap * (len(tiles) - 1)) / len(tiles)
    size = min(_fit(t.number, styles.title.fontName, styles.body.fontSize * 2.2, cell_w - 12)
               for t in tiles)
    big = ParagraphStyle("stat", parent=styles.title, fontSize=size, leading=size * 1.2,
                         spaceAfter=2, alignment=TA_LEFT)
    label = ParagraphStyle("stat_label", parent=styles.small, spaceAfter=0)
    cells: list[object] = []
    widths: list[float] = []
    for i, t in enumerate(tiles):
        if i:
            cells.append("")
            widths.append(gap)
        cells.append([Paragraph(text(t.number), big), Paragraph(text(t.label), label)])
        widths.append(cell_w)
    style: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 6),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
    for col in range(0, len(cells), 2):
        style += [("BACKGROUND", (col, 0), (col, 0), HexColor(brand.colours.light)),
                  ("LINEABOVE", (col, 0), (col, 0), 3, HexColor(brand.colours.tertiary))]
    row = table([cells], widths, styles.body.fontName, style)
    row.spaceBefore = 2
    row.spaceAfter = 12
    return [row]


def _fit(value: str, font: str, size: float, width: float) -> float:
    """The largest size up to *size* at which *value* fits on one line of *width*."""
    while size > 10 and stringWidth(value, font, size) > width:
        size -= 1
    return size


def people(members: tuple[Person, ...], brand: Brand, styles: Styles,
           width: float) -> list[Flowable]:
    """Name in bold, then role and party, two people to a row."""
    cells = []
    for p in members:
        detail = ", ".join(text(x) for x in (p.role, p.party) if x)
        markup = f"<b>{text(p.name)}</b>" + (f"<br/>{detail}" if detail else "")
        cells.append(Paragraph(markup, styles.body))
    if len(cells) % 2:
        cells.append(Paragraph("", styles.body))
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    grid = table(rows, [width / 2, width / 2], styles.body.fontName, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(brand.colours.light)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ], splitByRow=1)
    grid.hAlign = "LEFT"
    grid.spaceAfter = 10
    return [grid]

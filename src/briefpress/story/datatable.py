"""Data tables: a header row repeated on every page, numbers right-aligned with separators.

Every cell is a Paragraph, so long text wraps inside its column (and a word too
long for the column is broken, not drawn off the page); column widths are worked
out from the content and always add up to the text width.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from briefpress.brand import Brand
from briefpress.charts.numbers import format_number
from briefpress.spec.blocks import Table
from briefpress.story.markup import text
from briefpress.story.styles import Styles
from briefpress.story.tables import table

PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
PAD = 5.0
MIN_TEXT_COL = 60.0


def numeric_columns(t: Table) -> list[bool]:
    """Which columns hold numbers: declared so, or 'auto' with every filled cell a number."""
    out = []
    for i, col in enumerate(t.columns):
        cells = [c.strip() for row in t.rows if (c := row[i]) is not None]
        auto = bool(cells) and all(PLAIN_NUMBER.fullmatch(c) for c in cells)
        out.append(col.kind == "number" or (col.kind == "auto" and auto))
    return out


def cell_text(value: str | None, numeric: bool) -> str:
    """What a cell prints: a plain number gains separators, anything else stays as typed."""
    if value is None:
        return ""
    if numeric and PLAIN_NUMBER.fullmatch(value.strip()):
        return format_number(Decimal(value.strip()))
    return value


def column_widths(texts: list[list[str]], numeric: list[bool], font: str, bold: str,
                  size: float, width: float) -> list[float]:
    """Widths that fit *width*: numbers keep their natural width, text shares the rest."""
    natural = []
    for i in range(len(numeric)):
        head = stringWidth(texts[0][i], bold, size)
        body = max((stringWidth(r[i], font, size) for r in texts[1:]), default=0.0)
        natural.append(min(max(head, body), width) + 2 * PAD + 1)
    if sum(natural) <= width:
        # A small table is not stretched across the page: numbers stay near their labels.
        spare = min(width, max(sum(natural) * 1.3, width * 0.6)) - sum(natural)
        grow = [n if not numeric[i] else 0.0 for i, n in enumerate(natural)]
        total = sum(grow) or sum(natural)
        base = grow if sum(grow) else natural
        return [n + spare * b / total for n, b in zip(natural, base, strict=True)]
    fixed = sum(n for n, num in zip(natural, numeric, strict=True) if num)
    if fixed > width * 0.6 or all(numeric):
        return [width * n / sum(natural) for n in natural]
    rest = width - fixed
    text_total = sum(n for n, num in zip(natural, numeric, strict=True) if not num)
    return [n if num else max(rest * n / text_total, min(MIN_TEXT_COL, rest))
            for n, num in zip(natural, numeric, strict=True)]


def data_table(t: Table, brand: Brand, styles: Styles, width: float) -> list[Flowable]:
    """Title, the table itself (header repeated across pages), and its source line."""
    numeric = numeric_columns(t)
    size = styles.body.fontSize * 0.9
    cell = ParagraphStyle("cell", parent=styles.body, fontSize=size, leading=size * 1.3,
                          spaceAfter=0, splitLongWords=1)
    num = ParagraphStyle("cell_num", parent=cell, alignment=TA_RIGHT)
    head = ParagraphStyle("cell_head", parent=cell, fontName=styles.caption.fontName,
                          textColor=HexColor(brand.colours.background))
    head_num = ParagraphStyle("cell_head_num", parent=head, alignment=TA_RIGHT)
    texts = [[c.heading for c in t.columns]]
    texts += [[cell_text(v, numeric[i]) for i, v in enumerate(row)] for row in t.rows]
    widths = column_widths(texts, numeric, cell.fontName, head.fontName, size, width)
    rows = [[Paragraph(text(v), (head_num if numeric[i] else head) if r == 0
                       else (num if numeric[i] else cell))
             for i, v in enumerate(line)] for r, line in enumerate(texts)]
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(brand.colours.primary)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, HexColor(brand.colours.secondary)),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), HexColor(brand.colours.light))
                 for r in range(2, len(rows), 2)]
    if t.total:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1.2, HexColor(brand.colours.foreground))]
        rows[-1] = [Paragraph(f"<b>{text(v)}</b>", num if numeric[i] else cell)
                    for i, v in enumerate(texts[-1])]
    grid = table(rows, widths, styles.body.fontName, commands, repeatRows=1, splitByRow=1)
    grid.hAlign = "LEFT"
    out: list[Flowable] = []
    if t.title:
        title = ParagraphStyle("table_title", parent=styles.caption, keepWithNext=1)
        out.append(Paragraph(text(t.title), title))
    out.append(grid)
    if t.source:
        out += [Paragraph(f"Source: {text(t.source)}", styles.source),
                Spacer(1, styles.body.spaceAfter)]
    else:
        grid.spaceAfter = styles.body.spaceAfter
    return out

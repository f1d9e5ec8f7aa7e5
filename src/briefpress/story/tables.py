"""Data tables: a header row repeated on every page, numbers right-aligned.

Each row is a :class:`Cells` of padded cells, so a long cell wraps inside its
column (a word too long for it is broken, not drawn off the page) and a row
taller than the space left splits between lines. The header is repeated at the
top of every continued piece as an artifact: a screen reader hears it once.
Column widths come from the content and always add up to the text width.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from briefpress.plan.nodes import Row, TableNode
from briefpress.story.boxes import Box, Cells
from briefpress.story.flow import Decor
from briefpress.story.kit import Kit

MIN_TEXT_COL = 60.0


def column_widths(texts: list[list[str]], numeric: tuple[bool, ...], font: str, bold: str,
                  size: float, width: float, pad: float) -> list[float]:
    """Widths that fit *width*: numbers keep their natural width, text shares the rest."""
    natural = []
    for i in range(len(numeric)):
        head = stringWidth(texts[0][i], bold, size)
        body = max((stringWidth(r[i], font, size) for r in texts[1:]), default=0.0)
        natural.append(min(max(head, body), width) + 2 * pad + 1)
    if sum(natural) <= width:
        # A small table is not stretched across the page: numbers stay near their labels.
        spare = min(width, max(sum(natural) * 1.3, width * 0.6)) - sum(natural)
        grow = [n if not numeric[i] else 0.0 for i, n in enumerate(natural)]
        base = grow if sum(grow) else natural
        return [n + spare * b / sum(base) for n, b in zip(natural, base, strict=True)]
    fixed = sum(n for n, num in zip(natural, numeric, strict=True) if num)
    if fixed > width * 0.6 or all(numeric):
        return [width * n / sum(natural) for n in natural]
    rest = width - fixed
    text_total = sum(n for n, num in zip(natural, numeric, strict=True) if not num)
    widths = [n if num else max(rest * n / text_total, min(MIN_TEXT_COL, rest))
              for n, num in zip(natural, numeric, strict=True)]
    return [w * width / sum(widths) for w in widths]


def _row(row: Row, kit: Kit, widths: list[float], decor: Decor, pad: float, *,
         artifact: bool = False) -> Cells:
    cells = [Box([kit.para(c)], pad=(pad, pad, kit.size * 0.3, kit.size * 0.4))
             for c in row.cells]
    return Cells(cells, widths, decor=decor, as_artifact=artifact)


def data_table(node: Any, kit: Kit) -> list[Flowable]:
    """Title, the table (header repeated on every page), and its source line."""
    assert isinstance(node, TableNode)
    pad = kit.size * 0.5
    cell, head = kit.styles["cell"], kit.styles["cell-head"]
    texts = [[c.plain for c in node.head.cells], *([c.plain for c in r.cells] for r in node.rows)]
    width = kit.profile.text_width
    widths = column_widths(texts, node.numeric, cell.fontName, head.fontName,
                           float(cell.fontSize), width, pad)
    table_width = sum(widths)
    rule = Decor(bottom=(0.5, kit.ink("secondary")))
    head_decor = Decor(fill=kit.ink("primary"))
    header = _row(node.head, kit, widths, head_decor, pad)
    header.keepWithNext = 1
    repeat = _row(node.head, kit, widths, head_decor, pad, artifact=True)
    repeat.keepWithNext = 1
    rows: list[Flowable] = [header]
    for r, row in enumerate(node.rows):
        last = r == len(node.rows) - 1
        decor = Decor(fill=kit.ink("light") if r % 2 else None,
                      top=(1.2, kit.ink("foreground")) if node.total and last else None,
                      bottom=rule.bottom)
        rows.append(_row(row, kit, widths, decor, pad))
    grid = Box(rows, repeat=repeat, name="table")
    out: list[Flowable] = []
    if node.title is not None:
        out.append(kit.para(node.title))
    framed = Cells([grid, None], [table_width, max(width - table_width, 0.001)],
                   space_after=0 if node.source else kit.size * 0.6)
    out.append(framed if table_width < width - 1 else grid)
    if node.source is not None:
        out.append(kit.para(node.source))
    return [Box(out, space_before=kit.size * 0.3, space_after=kit.size * 0.8)]

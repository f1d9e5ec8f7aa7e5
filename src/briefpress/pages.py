"""Pages stage: flowables in, PDF bytes out (A4, running header and "Page X of Y" footer).

reportlab runs with ``invariant=1`` so that the same story gives the same bytes:
no creation date, no random document id.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from briefpress.brand import Brand
from briefpress.errors import BuildError
from briefpress.story import MARGIN, PAGE_SIZE, DocMeta, Story

FOOTER_Y = 12 * 2.834645669
HEADER_Y = PAGE_SIZE[1] - 13 * 2.834645669


def _canvas_class(meta: DocMeta, brand: Brand, font: str) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say "of Y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            page = self._pageNumber
            grey = HexColor(brand.colours.secondary)
            self.saveState()
            self.setFont(font, 7.5)
            self.setFillColor(grey)
            self.setStrokeColor(HexColor(brand.colours.secondary))
            self.setLineWidth(0.5)
            self.line(MARGIN, FOOTER_Y + 10, PAGE_SIZE[0] - MARGIN, FOOTER_Y + 10)
            self.drawString(MARGIN, FOOTER_Y, meta.footer)
            self.drawRightString(PAGE_SIZE[0] - MARGIN, FOOTER_Y, f"Page {page} of {total}")
            if page > 1:
                self.drawString(MARGIN, HEADER_Y, _clip(meta.running_title, font, 7.5,
                                                       PAGE_SIZE[0] - 2 * MARGIN - 90))
                self.drawRightString(PAGE_SIZE[0] - MARGIN, HEADER_Y, meta.date_text)
                self.line(MARGIN, HEADER_Y - 4, PAGE_SIZE[0] - MARGIN, HEADER_Y - 4)
            self.restoreState()

    return NumberedCanvas


def _clip(value: str, font: str, size: float, width: float) -> str:
    """The running title, shortened with an ellipsis to fit the header (page 1 has it whole)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "\u2026", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "\u2026"


def _show_outline(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.showOutline()


def render_pdf(story: Story, brand: Brand, source: str) -> bytes:
    """Lay the story out on A4 pages; raise BuildError if something cannot be placed."""
    buf = io.BytesIO()
    meta = story.meta
    doc = BaseDocTemplate(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN + 6,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
        creator="briefpress", producer="briefpress (reportlab)", lang=meta.language,
        displayDocTitle=True, invariant=1, initialFontName=story.fonts.regular,
    )
    frame_first = Frame(MARGIN, MARGIN + 6, PAGE_SIZE[0] - 2 * MARGIN,
                        PAGE_SIZE[1] - 2 * MARGIN - 6, id="first", leftPadding=0,
                        rightPadding=0, topPadding=0, bottomPadding=0)
    frame_later = Frame(MARGIN, MARGIN + 6, PAGE_SIZE[0] - 2 * MARGIN,
                        PAGE_SIZE[1] - 2 * MARGIN - 12, id="later", leftPadding=0,
                        rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("first", [frame_first], onPage=_show_outline),
        PageTemplate("later", [frame_later]),
    ])
    try:
        doc.build([NextPageTemplate("later"), *story.flowables],
                  canvasmaker=_canvas_class(meta, brand, story.fonts.regular))
    except LayoutError as exc:
        raise BuildError(source, f"a block is too large to fit on a page: {exc}") from None
    return buf.getvalue()

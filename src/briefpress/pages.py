"""Pages stage: flowables in, PDF bytes out (A4, running header and "Page X of Y" footer).

reportlab runs with ``invariant=1`` so that the same story gives the same bytes:
no creation date, no random document id.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from briefpress.brand import Brand
from briefpress.errors import BlockTooLarge, BuildError
from briefpress.story import MARGIN, PAGE_SIZE, DocMeta, Story
from briefpress.story.safety import pin_reportlab, remote_fetching_off

pin_reportlab()

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
            texts = furniture_texts(meta, font, page, total)
            self.drawString(MARGIN, FOOTER_Y, texts[0])
            self.drawRightString(PAGE_SIZE[0] - MARGIN, FOOTER_Y, texts[1])
            if page > 1:
                self.drawString(MARGIN, HEADER_Y, texts[2])
                self.drawRightString(PAGE_SIZE[0] - MARGIN, HEADER_Y, texts[3])
                self.line(MARGIN, HEADER_Y - 4, PAGE_SIZE[0] - MARGIN, HEADER_Y - 4)
            self.restoreState()

    return NumberedCanvas


def furniture_texts(meta: DocMeta, font: str, page: int, total: int) -> tuple[str, ...]:
    """The footer and header texts of one page, in the order they are drawn (after the body).

    ``finish`` strips exactly these from the end of each page's text, so a finding
    that runs over a page break is still found whole.
    """
    texts: tuple[str, ...] = (meta.footer, f"Page {page} of {total}")
    if page > 1:
        texts += (_clip(meta.running_title, font, 7.5, PAGE_SIZE[0] - 2 * MARGIN - 90),
                  meta.date_text)
    return texts


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


def describe(flowable: Any, limit: int = 50) -> str:
    """How an author recognises a block: a figure's id, or the first words of its text."""
    figure = _figure_id(flowable)
    if figure is not None:
        return f"figure '{figure}'"
    words = _first_text(flowable)
    if words is None:
        return f"a {type(flowable).__name__.lower()}"
    words = " ".join(words.split())
    shown = words if len(words) <= limit else words[:limit].rstrip() + "\u2026"
    return f"the block starting '{shown}'"


def _children(flowable: Any) -> list[Any]:
    if isinstance(flowable, Table):
        return [c for row in flowable._cellvalues for c in row]
    if isinstance(flowable, KeepTogether):
        return list(flowable._content)
    if isinstance(flowable, list | tuple):
        return list(flowable)
    return []


def _figure_id(flowable: Any) -> str | None:
    """The id of a chart in or under *flowable* (charts carry a ``figure-<id>`` anchor)."""
    anchor = getattr(flowable, "anchor", None)
    if isinstance(anchor, str) and anchor.startswith("figure-"):
        return anchor.removeprefix("figure-")
    for child in _children(flowable):
        found = _figure_id(child)
        if found is not None:
            return found
    return None


def _first_text(flowable: Any) -> str | None:
    """The plain text of a paragraph, or of the first paragraph inside a table or group."""
    if isinstance(flowable, Paragraph):
        text: str = flowable.getPlainText()
        return text if text.strip() else None
    for child in _children(flowable):
        found = _first_text(child)
        if found is not None:
            return found
        if isinstance(child, str) and child.strip():
            return child
    return None


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """A doc template that remembers which of the story's blocks it is placing.

    reportlab's LayoutError names an object address; the author needs to know
    which paragraph, table or figure did not fit. Pieces of a split block are
    handled before the next block starts, so the last block begun is the culprit.
    """

    def __init__(self, *args: Any, blocks: tuple[Flowable, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._blocks = {id(f): f for f in blocks}
        self.current: Any = None

    def handle_flowable(self, flowables: list[Any]) -> None:
        if flowables and id(flowables[0]) in self._blocks:
            self.current = flowables[0]
        super().handle_flowable(flowables)


def render_pdf(story: Story, brand: Brand, source: str) -> bytes:
    """Lay the story out on A4 pages; raise BuildError naming a block that cannot be placed."""
    pin_reportlab()
    if not remote_fetching_off():  # pragma: no cover - pin_reportlab just made it so
        raise BuildError(source, "reportlab remote fetching could not be turned off")
    buf = io.BytesIO()
    meta = story.meta
    doc = _Doc(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN + 6,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
        creator="briefpress", producer="briefpress (reportlab)", lang=meta.language,
        displayDocTitle=True, invariant=1, initialFontName=story.fonts.regular,
        blocks=story.flowables,
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
    except LayoutError:
        current = doc.current
        what = describe(current) if current is not None else "a block"
        raise BlockTooLarge(source, f"{what} is too large to fit on a page (page {doc.page}); "
                            "shorten it or split it into smaller blocks",
                            _figure_id(current) if current is not None else None) from None
    return buf.getvalue()

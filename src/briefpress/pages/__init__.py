"""Pages stage: flowables in, a PDF and a record of what was drawn where out.

reportlab runs with ``invariant=1`` so the same story gives the same bytes (no
creation date, no random document id). Layout is bounded: a story gets a page
budget from the amount of text in it, and a block that cannot be placed on an
empty page is named in the error rather than retried.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from briefpress.errors import BlockTooLarge, BuildError
from briefpress.pages.canvas import Anchor, Bookmark, Drawn, LinkMark, Mark, Record, canvas_class
from briefpress.story import Story, content_nodes
from briefpress.story.boxes import Box, Cells
from briefpress.story.flow import Graphic
from briefpress.story.safety import pin_reportlab, remote_fetching_off

__all__ = ["Anchor", "Bookmark", "Drawn", "Layout", "LinkMark", "Mark", "render_pdf"]

pin_reportlab()


@dataclass(frozen=True)
class Layout:
    """A laid-out paper: the PDF, and where each plan node, link and box ended up."""

    pdf: bytes
    pages: int
    marks: tuple[Mark, ...]
    links: tuple[LinkMark, ...]
    anchors: tuple[Anchor, ...]
    boxes: tuple[Drawn, ...]
    outline: tuple[Bookmark, ...]


class PageBudgetExceeded(LayoutError):
    """More pages than the text could need: something is being laid out in fragments."""


class _Doc(BaseDocTemplate):
    """A doc template that knows which top-level block it is placing and counts pages."""

    def __init__(self, *args: Any, budget: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.current: Any = None
        self._blocks: set[int] = set()

    def handle_flowable(self, flowables: list[Any]) -> None:
        if flowables and id(flowables[0]) in self._blocks:
            self.current = flowables[0]
        super().handle_flowable(flowables)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self.budget and self.page > self.budget:
            raise PageBudgetExceeded(f"more than {self.budget} pages")


def page_budget(story: Story) -> int:
    """The most pages a story could honestly need: twice an estimate from its size, plus
    three. A layout that runs over is broken (fragments on every page), not long."""
    p = story.profile
    need = 0.0
    for f in story.flowables:
        need += _estimate(f, p.text_width, p.base_size * p.scale.leading)
    return 3 + int(2 * need / p.frame_height)


def _estimate(f: Any, width: float, line: float) -> float:
    """A generous height estimate without laying anything out (linear in the text)."""
    if isinstance(f, Graphic):
        return float(f.height)
    if isinstance(f, Box | Cells):
        parts = [c for c in f.parts if c is not None]
        return sum(_estimate(c, width, line) for c in parts) + 40.0
    text = f.getPlainText() if hasattr(f, "getPlainText") else ""
    size = float(getattr(getattr(f, "style", None), "fontSize", 10.0))
    lines = 1 + len(text) * size * 0.6 / max(width * 0.3, 1.0)
    return lines * max(line, size * 1.5) + 10.0


def oversized(f: Any, canv: Any, width: float, height: float) -> str | None:
    """The plan node of the innermost part of *f* that cannot fit on an empty page."""
    if isinstance(f, Graphic):
        return f.node if f.height > height else None
    for child in getattr(f, "parts", ()):
        if child is None:
            continue
        _, h = child.wrapOn(canv, width, 1e9)
        if h > height:
            found = oversized(child, canv, width, height)
            if found is not None:
                return found
    nodes = content_nodes(f)
    return nodes[0] if nodes else None


def render_pdf(story: Story, source: str) -> Layout:
    """Lay the story out; raise BlockTooLarge naming the plan node that cannot be placed."""
    pin_reportlab()
    if not remote_fetching_off():  # pragma: no cover - pin_reportlab just made it so
        raise BuildError(source, "reportlab remote fetching could not be turned off")
    p, meta = story.profile, story.meta
    buf = io.BytesIO()
    budget = page_budget(story)
    doc = _Doc(buf, pagesize=p.media, leftMargin=p.margin_left,
               rightMargin=p.margin_right, topMargin=p.margin_top, bottomMargin=p.margin_bottom,
               title=meta.title, author=", ".join(meta.authors), subject=meta.subject,
               keywords=", ".join(meta.keywords), creator="briefpress",
               producer="briefpress (reportlab)", lang=meta.language, displayDocTitle=True,
               invariant=1, initialFontName=story.fonts.regular, budget=budget)
    doc._blocks = {id(f) for f in story.flowables}
    frame = Frame(p.offset + p.margin_left, p.offset + p.margin_bottom, p.text_width,
                  p.frame_height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                  overlapAttachedSpace=1)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_show_outline)])
    record = Record()
    try:
        doc.build(list(story.flowables), canvasmaker=canvas_class(story, record))
    except PageBudgetExceeded:
        raise BlockTooLarge(source, f"was still being placed after page {budget}, more pages "
                            "than the text could need (a bug in briefpress's layout: please "
                            "report it)", _node(doc.current)) from None
    except LayoutError:
        node = (oversized(doc.current, doc.canv, p.text_width, p.frame_height)
                if doc.current is not None else None)
        raise BlockTooLarge(source, f"is too large to fit on a page (page {doc.page}); shorten "
                            "it or split it into smaller blocks", node) from None
    return Layout(buf.getvalue(), doc.page, tuple(record.marks), tuple(record.links),
                  tuple(record.anchors), tuple(record.boxes), tuple(record.outline))


def _node(f: Flowable | None) -> str | None:
    nodes = content_nodes(f) if f is not None else ()
    return nodes[0] if nodes else None


def _show_outline(canvas: Any, doc: BaseDocTemplate) -> None:
    canvas.showOutline()

"""A canvas that marks everything it draws and remembers where it went.

Flowables open and close marked content through it (see
:mod:`briefpress.story.marks`): content gets an MCID per page, decoration is an
artifact. It also records every link annotation, named destination, outline
entry and decoration box with its page, so the finishing stage can build the
structure tree and check that each lands where it should.

The running header and footer are drawn on each page as it ends (so bookmarks
and links bind to the right page); "Page X of Y" is a small form per page whose
content is written at the end, once Y is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from briefpress.story import Story

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Mark:
    """One marked-content sequence: the content of *node* on *page* (0-based), as *mcid*."""

    page: int
    mcid: int
    node: str
    role: str


@dataclass(frozen=True)
class LinkMark:
    """A link annotation: the *index*-th annotation of *page*, inside *node*'s text."""

    page: int
    index: int
    node: str | None
    target: str | None
    uri: str | None
    rect: Rect


@dataclass(frozen=True)
class Anchor:
    """A named destination: where links to *node* land (absolute page points)."""

    name: str
    page: int
    top: float
    node: str


@dataclass(frozen=True)
class Drawn:
    """A decoration (box fill or rule) drawn on *page* at *rect* for content *nodes*."""

    page: int
    rect: Rect
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Bookmark:
    """An outline entry and the page its destination is on."""

    title: str
    key: str
    page: int


@dataclass
class Record:
    """What the canvas saw, appended to as pages are drawn."""

    marks: list[Mark] = field(default_factory=list)
    links: list[LinkMark] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    boxes: list[Drawn] = field(default_factory=list)
    outline: list[Bookmark] = field(default_factory=list)


class SpacedText(PDFTextObject):
    """A text object that ends each line of tagged text with a real space.

    reportlab draws a wrapped paragraph line by line with no space at the line
    ends, so text read from the structure tree (as a screen reader does) runs
    the last word of one line into the first of the next. The space is drawn
    after the line's last glyph and moves nothing: the next line starts afresh.
    """

    def _textOut(self, text: str, TStar: int = 0) -> None:
        if TStar and text and not text[-1].isspace():
            text += " "
        super()._textOut(text, TStar)  # type: ignore[misc]  # private, not in the stubs


def canvas_class(story: Story, record: Record) -> type[Canvas]:
    """A canvas class bound to one story's furniture and one record."""

    class MarkingCanvas(Canvas):
        # reportlab's own page state, which the stubs leave out
        _code: list[str]
        _pageNumber: int
        _annotationrefs: list[Any]
        _absRect: Any

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._mcid = 0
            self._tag: str | None = None
            self._artifacts = 0
            self._bp_pages = 0
            if story.profile.crop_marks:
                self.setTrimBox(story.profile.trim_box)
                self.setBleedBox(story.profile.bleed_box)

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
            return SpacedText(self, x, y, direction=direction)

        @property
        def page_index(self) -> int:
            return int(self._pageNumber) - 1

        def begin_tag(self, node: str, role: str) -> None:
            if self._tag is not None:
                raise RuntimeError(f"marked content for {node} inside {self._tag}")
            self._code.append(f"/{role} <</MCID {self._mcid}>> BDC")
            record.marks.append(Mark(self.page_index, self._mcid, node, role))
            self._mcid += 1
            self._tag = node

        def end_tag(self) -> None:
            self._code.append("EMC")
            self._tag = None

        def begin_artifact(self, kind: str) -> None:
            subtype = {"Header": "/Pagination /Subtype /Header",
                       "Footer": "/Pagination /Subtype /Footer"}.get(kind, "/" + kind)
            self._code.append(f"/Artifact <</Type {subtype}>> BDC")
            self._artifacts += 1

        def end_artifact(self) -> None:
            self._code.append("EMC")
            self._artifacts -= 1

        def in_artifact(self) -> bool:
            return self._artifacts > 0

        def note_box(self, rect: Rect, nodes: tuple[str, ...]) -> None:
            record.boxes.append(Drawn(self.page_index, rect, nodes))

        def note_anchor(self, name: str, top: float, node: str) -> None:
            self.bookmarkHorizontal(name, 0, top)
            _, y = self.absolutePosition(0, top)
            record.anchors.append(Anchor(name, self.page_index, float(y), node))

        def addOutlineEntry(self, title: str, key: str, level: int = 0,
                            closed: Any = None) -> None:
            super().addOutlineEntry(title, key, level, closed)
            record.outline.append(Bookmark(title, key, self.page_index))

        def linkRect(self, contents: Any, destinationname: Any, Rect: Any = None,
                     addtopage: Literal[0, 1] | bool = 1, name: Any = None,
                     relative: Literal[0, 1] | bool = 1, *args: Any, **kw: Any) -> None:
            box = self._absRect(Rect, relative)
            super().linkRect(contents, destinationname, Rect, addtopage, name, relative,
                             *args, **kw)
            self._note_link(str(destinationname), None, box)

        def linkURL(self, url: Any, rect: Any, relative: Literal[0, 1] | bool = 0,
                    *args: Any, **kw: Any) -> None:
            box = self._absRect(rect, relative)
            super().linkURL(url, rect, relative, *args, **kw)
            self._note_link(None, str(url), box)

        def _note_link(self, target: str | None, uri: str | None, box: Any) -> None:
            x0, y0, x1, y1 = (float(v) for v in box)
            record.links.append(LinkMark(self.page_index, len(self._annotationrefs) - 1,
                                         self._tag, target, uri, (x0, y0, x1, y1)))

        def showPage(self) -> None:
            if self._tag is not None or self._artifacts:
                raise RuntimeError("a page ended inside marked content")
            self._furniture()
            self._mcid = 0
            self._bp_pages += 1
            super().showPage()

        def _furniture(self) -> None:
            """Footer on every page, running header after the first, crop marks in print:
            all artifacts."""
            p, f = story.profile, story.furniture
            size, font = p.footer_size, story.fonts.regular
            left, right = p.margin_left, p.page_width - p.margin_right
            self.saveState()
            if p.crop_marks:
                self._crop_marks()
            if p.offset:
                self.translate(p.offset, p.offset)
            self.setFont(font, size)
            self.setFillColor(story.ink("secondary"))
            self.setStrokeColor(story.ink("secondary"))
            self.setLineWidth(0.5)
            self.begin_artifact("Footer")
            self.line(left, p.footer_y + size * 1.4, right, p.footer_y + size * 1.4)
            self.drawString(left, p.footer_y, fit(f.footer, font, size, (right - left) * 0.62))
            self.doForm(f"bp-page-{self._pageNumber}")
            self.end_artifact()
            if self._pageNumber > 1:
                self.begin_artifact("Header")
                date_w = stringWidth(f.date_text, font, size)
                title = fit(f.running_title, font, size, right - left - date_w - 24)
                self.drawString(left, p.header_y, title)
                self.drawRightString(right, p.header_y, f.date_text)
                self.line(left, p.header_y - size * 0.6, right, p.header_y - size * 0.6)
                self.end_artifact()
            self.restoreState()

        def _crop_marks(self) -> None:
            """Trim marks at each corner, in the slug outside the bleed, in every ink."""
            p = story.profile
            x0, y0, x1, y1 = p.trim_box
            near, far = p.bleed + 0.5, p.offset - 0.5
            self.begin_artifact("Layout")
            self.setStrokeColorCMYK(1, 1, 1, 1)
            self.setLineWidth(0.25)
            for x, sx in ((x0, -1), (x1, 1)):
                for y, sy in ((y0, -1), (y1, 1)):
                    self.line(x + sx * near, y, x + sx * far, y)
                    self.line(x, y + sy * near, x, y + sy * far)
            self.end_artifact()

        def save(self) -> None:
            """Write each page's "Page X of Y" now that Y is known, then the file."""
            p = story.profile
            total = self._bp_pages
            for number in range(1, total + 1):
                self.beginForm(f"bp-page-{number}")
                self.setFont(story.fonts.regular, p.footer_size)
                self.setFillColor(story.ink("secondary"))
                # drawn where the footer is, which is already moved onto the trimmed page
                self.drawRightString(p.page_width - p.margin_right, p.footer_y,
                                     story.furniture.page_label(number, total))
                self.endForm()
            super().save()

    return MarkingCanvas


def fit(value: str, font: str, size: float, width: float) -> str:
    """*value* shortened with an ellipsis to fit *width* (the running title; page 1 has it
    whole). Cut by measured width, once, so a long title costs no more than a short one."""
    if stringWidth(value, font, size) <= width:
        return value
    ellipsis = "\u2026"
    room = width - stringWidth(ellipsis, font, size)
    used, cut = 0.0, 0
    for ch in value:
        used += stringWidth(ch, font, size)
        if used > room:
            break
        cut += 1
    return value[:cut].rstrip() + ellipsis

"""Flowables reportlab lacks: headings that bookmark themselves, charts with alt text."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that adds a bookmark (outline entry) pointing at itself when drawn.

    A heading too long for the space left is split by reportlab, which builds the
    pieces as ``self.__class__(None, style, frags=..., ...)``: the constructor takes
    those arguments, and only the first piece keeps the bookmark.
    """

    def __init__(self, markup: str | None, style: ParagraphStyle, title: str | None = None,
                 key: str | None = None, level: int = 0, **kwargs: Any) -> None:
        super().__init__(markup, style, **kwargs)
        self.outline_title = title
        self.outline_key = key
        self.outline_level = level

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if parts and isinstance(parts[0], Heading):
            parts[0].outline_title = self.outline_title
            parts[0].outline_key = self.outline_key
            parts[0].outline_level = self.outline_level
        return parts

    def draw(self) -> None:
        if self.outline_key is not None and self.outline_title is not None:
            self.canv.bookmarkHorizontal(self.outline_key, 0, self.height + 4)
            self.canv.addOutlineEntry(self.outline_title, self.outline_key,
                                      self.outline_level, closed=False)
        super().draw()


class Chart(Flowable):  # type: ignore[misc]
    """A vector drawing (or an image), an anchor for links to it, and its alt text as
    invisible text.

    Untagged PDF has no place for alt text, so it is written in text render mode 3
    (invisible, as OCR layers are) over the chart: screen readers and text
    extraction get the description, print shows only the chart.
    """

    def __init__(self, drawing: Drawing | Flowable, anchor: str, alt: str, font: str) -> None:
        super().__init__()
        self.drawing = drawing
        self.anchor = anchor
        self.alt = alt
        self.font = font
        if isinstance(drawing, Drawing):
            self.width = float(drawing.width)
            self.height = float(drawing.height)
        else:  # an image flowable: its own wrap gives the size it will draw at
            self.width, self.height = (float(v) for v in drawing.wrap(0, 0))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv: Any = self.canv
        canv.bookmarkHorizontal(self.anchor, 0, self.height + 30)
        self.drawing.drawOn(canv, 0, 0)
        size = 4.0
        lines = simpleSplit(self.alt, self.font, size, self.width)
        text = canv.beginText(0, self.height - size)
        text.setTextRenderMode(3)
        text.setFont(self.font, size, size * 1.2)
        for line in lines:
            text.textLine(line)
        canv.drawText(text)

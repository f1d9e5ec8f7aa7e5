"""Flowables that draw content: tagged text, drawings, and how a box is painted.

Every mark a flowable makes is the content of one node of the document plan (inside
that node's marked content, see :mod:`briefpress.story.marks`) or decoration (an
artifact). The containers that lay these out, splitting at any length, are in
:mod:`briefpress.story.boxes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph

from briefpress.story.marks import artifact, note_anchor, note_box, tagged


class Para(Paragraph):
    """A paragraph that is the content of one plan node.

    It is drawn inside that node's marked content; its first piece places the
    node's named destination and bookmark (so a link lands where the text
    starts). reportlab splits a paragraph by building pieces as
    ``self.__class__(None, style, frags=...)``, so the constructor accepts that
    call and :meth:`split` hands the node on to both pieces.
    """

    def __init__(self, markup: str | None, style: Any, node: str = "", role: str = "P",
                 anchor: str | None = None, outline: str | None = None, **kw: Any) -> None:
        super().__init__(markup or "", style, **kw)
        self.node = node
        self.role = role
        self.anchor = anchor
        self.outline = outline

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            if isinstance(part, Para):
                part.node, part.role = self.node, self.role
                part.anchor = self.anchor if i == 0 else None
                part.outline = self.outline if i == 0 else None
        return parts

    def draw(self) -> None:
        if self.anchor is not None:
            note_anchor(self.canv, self.anchor, self.height, self.node)
            if self.outline is not None:
                self.canv.addOutlineEntry(self.outline, self.anchor, 0, closed=False)
        with tagged(self.canv, self.node, self.role):
            super().draw()


@dataclass(frozen=True)
class Decor:
    """How a box piece is painted: all of it decoration (artifacts), none of it content."""

    fill: Color | None = None
    left: tuple[float, Color] | None = None
    top: tuple[float, Color] | None = None
    bottom: tuple[float, Color] | None = None

    def paint(self, canv: Any, width: float, height: float, nodes: tuple[str, ...]) -> None:
        if self == NO_DECOR:
            return
        with artifact(canv):
            canv.saveState()
            if self.fill is not None:
                canv.setFillColor(self.fill)
                canv.rect(0, 0, width, height, stroke=0, fill=1)
            rules = ((self.left, lambda t: (0, 0, t, height)),
                     (self.top, lambda t: (0, height - t, width, t)),
                     (self.bottom, lambda t: (0, 0, width, t)))
            for rule, where in rules:
                if rule is not None:
                    canv.setFillColor(rule[1])
                    canv.rect(*where(rule[0]), stroke=0, fill=1)
            canv.restoreState()
        if canv.in_artifact():  # a repeated table header: decoration and text are both artifacts
            return
        x0, y0 = canv.absolutePosition(0, 0)
        x1, y1 = canv.absolutePosition(width, height)
        note_box(canv, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), nodes)


NO_DECOR = Decor()


def content_nodes(flowable: Any) -> tuple[str, ...]:
    """The plan nodes whose content a flowable draws (for decoration records)."""
    if isinstance(flowable, Para | Graphic):
        return (flowable.node,)
    out: list[str] = []
    for child in getattr(flowable, "parts", ()):
        if child is not None:
            out += content_nodes(child)
    return tuple(out)


class Graphic(Flowable):
    """A chart or image drawing: the content of a Figure node, never split."""

    def __init__(self, drawing: Any, width: float, height: float, node: str) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height
        self.node = node

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        with tagged(self.canv, self.node, "Figure"):
            self.drawing.drawOn(self.canv, 0, 0)


class Decoration(Flowable):
    """A drawing that is decoration only (the brand's logo beside its printed name)."""

    def __init__(self, drawing: Any, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        with artifact(self.canv):
            self.drawing.drawOn(self.canv, 0, 0)

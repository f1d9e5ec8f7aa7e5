"""Boxes that split cleanly at any length: the story's layout containers.

reportlab's Table cannot split inside a cell, and a box built from one turns a
long summary into a page of fragments or an endless loop. The briefing's boxes
are built from two containers instead:

* :class:`Box` stacks children vertically inside padding and paints its
  decoration (fill, rules); it splits between children or inside one, and every
  piece is painted as a whole box, with the decoration never left without text;
* :class:`Cells` sets children side by side (a list item's number and its
  text; two columns); it splits all its cells at the same height.

Both measure lazily (a child's height is measured once per width) and stop
measuring once they know they do not fit, so a build with thousands of items
takes time in proportion to its length. Headings keep with what follows,
paragraphs leave no single line at the top or foot of a page, a box marked
``keep`` moves to the next page whole when it is short, and a figure that does
not fit floats to the top of the next page while the text after it fills the
room it leaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from briefpress.story.flow import NO_DECOR, Decor, content_nodes
from briefpress.story.marks import artifact

EPSILON = 1e-6
FLOAT_ROOM = 0.2
"""A figure that does not fit floats to the next page only if it would leave at least this
part of the space (the rest of the page is then filled with the text that follows)."""


def _height(child: Flowable, canv: Any, width: float, avail: float) -> float:
    """A child's height at *width*, measured once per width for text and drawings."""
    if isinstance(child, Box | Cells):
        return float(child.wrapOn(canv, width, avail)[1])
    cached = getattr(child, "_bp_size", None)
    if cached is not None and cached[0] == width:
        return float(cached[1])
    h = float(child.wrapOn(canv, width, avail)[1])
    setattr(child, "_bp_size", (width, h))  # noqa: B010 - a cache on reportlab's object
    return h


def _gap(prev: Flowable | None, cur: Flowable) -> float:
    """Space between two stacked children: the larger of the two asked for."""
    if prev is None:
        return 0.0
    return max(float(prev.getSpaceAfter()), float(cur.getSpaceBefore()))


def _keeps_with_next(f: Any) -> bool:
    """A heading (its style says so) or a table's header row must not end a page."""
    if hasattr(f, "getKeepWithNext"):
        return bool(f.getKeepWithNext())
    return bool(getattr(f, "keepWithNext", 0))


def _at_top(f: Any) -> bool:
    """Whether *f* is being placed at the top of an empty frame (so moving it gains nothing)."""
    told = getattr(f, "_bp_at_top", None)
    if told is not None:
        return bool(told)
    return bool(getattr(getattr(f, "_frame", None), "_atTop", 0))


class _Container(Flowable):
    """What both containers hold: their parts, padding, decoration and keeping rules."""

    def __init__(self, parts: Sequence[Flowable | None], pad: tuple[float, float, float, float],
                 decor: Decor, keep: bool, keep_limit: float, space_before: float,
                 space_after: float) -> None:
        super().__init__()
        self.parts = tuple(parts)
        self.pad = pad
        self.decor = decor
        self.keep = keep
        self.keep_limit = keep_limit
        self.spaceBefore = space_before
        self.spaceAfter = space_after


class Box(_Container):
    """Children stacked vertically in padding, painted with *decor*; splits at any length.

    *pad* is (left, right, top, bottom). Each piece of a split box keeps the whole
    padding and decoration, so a box continued on the next page is still a box.
    *keep* moves a box to the next page whole if it is not at the top of a page
    already; *repeat* is a flowable (a table's header row) drawn again at the top
    of every piece after the first.
    """

    def __init__(self, parts: Sequence[Flowable], *, pad: tuple[float, float, float, float]
                 = (0, 0, 0, 0), decor: Decor = NO_DECOR, keep: bool = False,
                 space_before: float = 0.0, space_after: float = 0.0,
                 repeat: Flowable | None = None, name: str = "box",
                 keep_limit: float = 300.0, floats: bool = False) -> None:
        super().__init__(parts, pad, decor, keep, keep_limit, space_before, space_after)
        self.parts: tuple[Flowable, ...]
        self.floats = floats
        self.repeat = repeat
        self.name = name
        self._offsets: list[float] = []

    def _inner(self, aw: float) -> float:
        return aw - self.pad[0] - self.pad[1]

    def getSpaceBefore(self) -> float:
        """A box with nothing painted above its first child passes that child's space
        on (margins collapse, as in CSS), so a section keeps its heading's space."""
        own = float(self.spaceBefore)
        if self.parts and not self.pad[2] and self.decor.fill is None and self.decor.top is None:
            return max(own, float(self.parts[0].getSpaceBefore()))
        return own

    def getSpaceAfter(self) -> float:
        own = float(self.spaceAfter)
        if (self.parts and not self.pad[3] and self.decor.fill is None
                and self.decor.bottom is None):
            return max(own, float(self.parts[-1].getSpaceAfter()))
        return own

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        iw = self._inner(availWidth)
        y = self.pad[2]
        limit = availHeight - self.pad[3]
        prev = None
        offsets = []
        for child in self.parts:
            y += _gap(prev, child)
            offsets.append(y)
            y += _height(child, self.canv, iw, max(limit - y, 0.0))
            prev = child
            if y > limit + EPSILON:  # no need to measure the rest: it does not fit
                break
        self._offsets = offsets
        self.width, self.height = availWidth, y + self.pad[3]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        iw = self._inner(availWidth)
        room = availHeight - self.pad[2] - self.pad[3]
        top = _at_top(self)
        if room <= 0 or (self.keep and not top and self._short(availWidth)):
            return []
        filled = self._fill(iw, room, top)
        if filled is None:
            return [self]
        first, rest, continued = filled
        # A heading (or table header) never ends a piece; but the first part of a split
        # child is followed by its own continuation, so it may.
        while first and _keeps_with_next(first[-1]) and not continued:
            rest.insert(0, first.pop())
        if not first:
            return []
        if self.repeat is not None:
            rest.insert(0, self.repeat)
        return [self._piece(first, self.spaceBefore, 0.0),
                self._piece(rest, 0.0, self.spaceAfter)]

    def _short(self, aw: float) -> bool:
        """Whether the box is short enough to move whole rather than split."""
        return self.wrap(aw, self.keep_limit + 1)[1] <= self.keep_limit

    def _fill(self, iw: float, room: float, top: bool
              ) -> tuple[list[Flowable], list[Flowable], bool] | None:
        """The children that go in the first piece (the last one perhaps split), the rest,
        and whether the first piece ends with part of a split child; None if all fit."""
        first: list[Flowable] = []
        y, prev = 0.0, None
        for i, child in enumerate(self.parts):
            gap = _gap(prev, child)
            h = _height(child, self.canv, iw, room - y - gap)
            if y + gap + h <= room + EPSILON:
                first.append(child)
                y += gap + h
                prev = child
                continue
            setattr(child, "_bp_at_top", top and not first)  # noqa: B010
            pieces = child.splitOn(self.canv, iw, room - y - gap) if room - y - gap > 0 else []
            if len(pieces) >= 2:
                return [*first, pieces[0]], [*pieces[1:], *self.parts[i + 1:]], True
            if (getattr(child, "floats", False) and room - y > FLOAT_ROOM * room + EPSILON
                    and first and not _keeps_with_next(first[-1])):  # a heading keeps it
                return self._float(i, first, iw, room, y, prev)
            return first, list(self.parts[i:]), False
        return None

    def _float(self, i: int, first: list[Flowable], iw: float, room: float, y: float,
               prev: Flowable | None) -> tuple[list[Flowable], list[Flowable], bool]:
        """A figure that does not fit moves to the next page, and the blocks after it fill
        the room it leaves (the structure tree keeps the spec's reading order)."""
        figure, j, continued = self.parts[i], i + 1, False
        filler: list[Flowable] = []
        after: list[Flowable] = []
        while j < len(self.parts) and not getattr(self.parts[j], "floats", False):
            child = self.parts[j]
            gap = _gap(prev, child)
            h = _height(child, self.canv, iw, room - y - gap)
            if y + gap + h <= room + EPSILON:
                filler.append(child)
                y, prev, j = y + gap + h, child, j + 1
                continue
            pieces = child.splitOn(self.canv, iw, room - y - gap) if room - y - gap > 0 else []
            if len(pieces) >= 2 and not _keeps_with_next(pieces[0]):
                filler.append(pieces[0])
                after, j, continued = list(pieces[1:]), j + 1, True
            break
        while filler and _keeps_with_next(filler[-1]) and not continued:
            j -= 1
            after.insert(0, filler.pop())
        return [*first, *filler], [figure, *after, *self.parts[j:]], continued

    def _piece(self, parts: list[Flowable], before: float, after: float) -> Box:
        return Box(parts, pad=self.pad, decor=self.decor, keep=False, space_before=before,
                   space_after=after, repeat=self.repeat, name=self.name,
                   keep_limit=self.keep_limit)

    def draw(self) -> None:
        self.decor.paint(self.canv, self.width, self.height, content_nodes(self))
        iw = self._inner(self.width)
        for child, offset in zip(self.parts, self._offsets, strict=True):
            _, h = child.wrapOn(self.canv, iw, self.height)
            child.drawOn(self.canv, self.pad[0], self.height - offset - h)


class Cells(_Container):
    """Children side by side at fixed *widths*; splits all of them at the same height.

    A cell may be ``None`` (nothing there, as in the second piece of a list item
    whose number was printed on the first page). *keep* never splits the row.
    """

    def __init__(self, parts: Sequence[Flowable | None], widths: Sequence[float], *,
                 gap: float = 0.0, pad: tuple[float, float, float, float] = (0, 0, 0, 0),
                 decor: Decor = NO_DECOR, keep: bool = False, space_before: float = 0.0,
                 space_after: float = 0.0, as_artifact: bool = False,
                 stretch: bool = False, keep_limit: float = float("inf")) -> None:
        super().__init__(parts, pad, decor, keep, keep_limit, space_before, space_after)
        self.widths = tuple(widths)
        self.stretch = stretch
        self.gap = gap
        self.as_artifact = as_artifact

    def _cell_widths(self, aw: float) -> list[float]:
        """Widths scaled to the space there is (they are given for the text width)."""
        inner = aw - self.pad[0] - self.pad[1] - self.gap * (len(self.widths) - 1)
        total = sum(self.widths)
        return [inner * w / total for w in self.widths]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        room = availHeight - self.pad[2] - self.pad[3]
        heights = [_height(c, self.canv, w, room) if c is not None else 0.0
                   for c, w in zip(self.parts, self._cell_widths(availWidth), strict=True)]
        self.width = availWidth
        self.height = max(heights, default=0.0) + self.pad[2] + self.pad[3]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.pad[2] - self.pad[3]
        if room <= 0 or (self.keep and self.wrap(availWidth, self.keep_limit + 1)[1]
                         <= self.keep_limit):
            return []
        top = _at_top(self)
        first: list[Flowable | None] = []
        rest: list[Flowable | None] = []
        for cell, w in zip(self.parts, self._cell_widths(availWidth), strict=True):
            if cell is None or _height(cell, self.canv, w, room) <= room + EPSILON:
                first.append(cell)
                rest.append(None)
                continue
            setattr(cell, "_bp_at_top", top)  # noqa: B010
            pieces = cell.splitOn(self.canv, w, room)
            if len(pieces) < 2:
                return []
            first.append(pieces[0])
            rest.append(pieces[1] if len(pieces) == 2 else Box(pieces[1:]))
        if all(r is None for r in rest):
            return [self]
        return [self._piece(first, self.spaceBefore, 0.0),
                self._piece(rest, 0.0, self.spaceAfter)]

    def _piece(self, parts: list[Flowable | None], before: float, after: float) -> Cells:
        return Cells(parts, self.widths, gap=self.gap, pad=self.pad, decor=self.decor,
                     space_before=before, space_after=after, as_artifact=self.as_artifact,
                     stretch=self.stretch, keep_limit=self.keep_limit)

    def draw(self) -> None:
        if self.as_artifact:
            with artifact(self.canv):
                self._draw()
        else:
            self._draw()

    def _draw(self) -> None:
        self.decor.paint(self.canv, self.width, self.height, content_nodes(self))
        x = self.pad[0]
        full = self.height - self.pad[2] - self.pad[3]
        for cell, w in zip(self.parts, self._cell_widths(self.width), strict=True):
            if cell is not None:
                _, h = cell.wrapOn(self.canv, w, self.height)
                if self.stretch and isinstance(cell, Box):
                    cell.height = h = full  # boxes in a row share one height (stat tiles)
                cell.drawOn(self.canv, x, self.height - self.pad[2] - h)
            x += w + self.gap

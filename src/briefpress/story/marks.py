"""How a flowable says what it draws: content of a plan node, or decoration.

Every mark a flowable puts on the page is either the content of one node of
the plan (drawn inside ``/Role <</MCID n>> BDC ... EMC``, so the PDF's
structure tree can point at it) or an artifact (box fills, rules, the running
header: drawn inside ``/Artifact BMC ... EMC``, so a screen reader skips it).
The canvas that records the marks belongs to the pages stage; this module only
states what it must provide, so the story stage never needs the pages stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol


class MarkingCanvas(Protocol):
    """What the pages stage's canvas offers the flowables."""

    def begin_tag(self, node: str, role: str) -> None: ...
    def end_tag(self) -> None: ...
    def begin_artifact(self, kind: str) -> None: ...
    def end_artifact(self) -> None: ...
    def in_artifact(self) -> bool: ...
    def note_box(self, rect: tuple[float, float, float, float], nodes: tuple[str, ...]) -> None:
        """A decoration drawn at *rect* (absolute page points) for content *nodes*."""
    def note_anchor(self, name: str, top: float, node: str) -> None: ...


def _marking(canv: Any) -> MarkingCanvas:
    if not hasattr(canv, "begin_tag"):
        raise TypeError("briefpress flowables draw only on the pages stage's marking canvas")
    marking: MarkingCanvas = canv
    return marking


@contextmanager
def tagged(canv: Any, node: str, role: str) -> Iterator[None]:
    """Draw the content of plan node *node*; inside an artifact it stays part of that."""
    marking = _marking(canv)
    if marking.in_artifact():
        yield
        return
    marking.begin_tag(node, role)
    try:
        yield
    finally:
        marking.end_tag()


@contextmanager
def artifact(canv: Any, kind: str = "Layout") -> Iterator[None]:
    """Draw decoration that is not content (kind: Layout, Pagination, Background)."""
    marking = _marking(canv)
    if marking.in_artifact():
        yield
        return
    marking.begin_artifact(kind)
    try:
        yield
    finally:
        marking.end_artifact()


def note_box(canv: Any, rect: tuple[float, float, float, float], nodes: tuple[str, ...]) -> None:
    """Record a decoration and the content it belongs to, for the after-layout check."""
    _marking(canv).note_box(rect, nodes)


def note_anchor(canv: Any, name: str, top: float, node: str) -> None:
    """Record a named destination (where links and bookmarks to *node* land)."""
    _marking(canv).note_anchor(name, top, node)

"""Plan nodes to flowables: one small function per kind of node, dispatched by type.

The plan says what a thing is; these functions say how it looks. Each returns
a list of flowables built from :mod:`briefpress.story.flow`, so every box can
split at any length and every mark is tagged with its plan node.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from briefpress.plan.nodes import (
    CaseStudy,
    FigureNode,
    ListNode,
    Node,
    Quote,
    TableNode,
    Text,
    TextKind,
)
from briefpress.story.boxes import Box, Cells
from briefpress.story.figures import graphic
from briefpress.story.flow import Decor
from briefpress.story.kit import Kit
from briefpress.story.tables import data_table


def text(node: Any, kit: Kit) -> list[Flowable]:
    assert isinstance(node, Text)
    return [kit.para(node)]


def label_width(items: ListNode, kit: Kit) -> float:
    """Room for the widest label in a list (``10.``), and a gap after it."""
    labels = [i.label.plain for i in items.items if i.label is not None]
    style = kit.styles["number"]
    widest = max((stringWidth(s, style.fontName, style.fontSize) for s in labels), default=0.0)
    return max(widest + kit.size * 0.8, kit.size * 1.6)


KEEP_WHOLE = 6
"""A list this short moves to the next page whole rather than split."""


def list_rows(items: ListNode, kit: Kit, *, decor: Decor | None = None,
              pad: tuple[float, float, float, float] = (0, 0, 0, 0), gap: float | None = None,
              label_style: TextKind = "number", body_gap: float | None = None
              ) -> list[Flowable]:
    """One row per item: the label hanging in its own column, the body beside it."""
    lw = label_width(items, kit)
    width = kit.profile.text_width
    space = kit.size * 0.35 if gap is None else gap
    rows: list[Flowable] = []
    for item in items.items:
        body = Box([f for n in item.body for f in render(n, kit)])
        label = kit.para(item.label, kit.styles[label_style]) if item.label else None
        rows.append(Cells([label, body], [lw, width - lw], pad=pad, decor=decor or Decor(),
                          space_after=space, gap=0 if body_gap is None else body_gap))
    return rows


def bullet_list(node: ListNode, kit: Kit) -> list[Flowable]:
    rows = list_rows(node, kit, label_style="label", gap=kit.size * 0.2)
    return [Box(rows, keep=len(rows) <= KEEP_WHOLE, keep_limit=kit.keep_limit,
                space_after=kit.size * 0.6)]


def numbered_list(node: ListNode, kit: Kit) -> list[Flowable]:
    rows = list_rows(node, kit, gap=kit.size * 0.35)
    return [Box(rows, keep=len(rows) <= KEEP_WHOLE, keep_limit=kit.keep_limit,
                space_after=kit.size * 0.6)]


def people(node: ListNode, kit: Kit) -> list[Flowable]:
    """Two people to a row, name in bold over role and party, a fine rule under each."""
    cells = [Box([f for n in item.body for f in render(n, kit)], pad=(0, 8, 4, 4),
                 decor=Decor(bottom=(0.5, kit.ink("light"))))
             for item in node.items]
    per_row = 1 if kit.profile.large_print else 2
    rows: list[Flowable] = []
    for i in range(0, len(cells), per_row):
        chunk: list[Flowable | None] = list(cells[i:i + per_row])
        chunk += [None] * (per_row - len(chunk))
        rows.append(Cells(chunk, [1.0] * per_row, gap=kit.size))
    return [Box(rows, space_after=kit.size)]


def tiles(node: ListNode, kit: Kit) -> list[Flowable]:
    """Stat tiles in one row (one per row in large print): each number on one line."""
    per_row = 1 if kit.profile.large_print else len(node.items)
    gap = kit.size * 0.6
    width = (kit.profile.text_width - gap * (per_row - 1)) / per_row
    pad = (kit.size * 0.7, kit.size * 0.7, kit.size * 0.6, kit.size * 0.8)
    numbers = [i.body[0] for i in node.items if isinstance(i.body[0], Text)]
    style = _fitted(kit.styles["tile-number"], [t.plain for t in numbers], width - pad[0] - pad[1])
    decor = Decor(fill=kit.ink("light"), top=(3, kit.ink("tertiary")))
    boxes = []
    for item in node.items:
        number, *rest = item.body
        assert isinstance(number, Text)
        boxes.append(Box([kit.para(number, style), *(f for n in rest for f in render(n, kit))],
                         pad=pad, decor=decor))
    rows: list[Flowable] = []
    for i in range(0, len(boxes), per_row):
        rows.append(Cells(boxes[i:i + per_row], [1.0] * per_row, gap=gap, keep=True,
                          keep_limit=kit.keep_limit, space_after=gap, stretch=True))
    return [Box(rows, space_before=2, space_after=kit.size * 0.8)]


def _fitted(style: ParagraphStyle, values: list[str], width: float) -> ParagraphStyle:
    """The tile style at the largest size (down to the body size) at which every number
    fits on one line; a number longer than that still wraps rather than spills."""
    size = float(style.fontSize)
    floor = float(style.fontSize) / 2.2
    while size > floor and any(stringWidth(v, style.fontName, size) > width for v in values):
        size -= 1
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.15)


def list_node(node: Any, kit: Kit) -> list[Flowable]:
    assert isinstance(node, ListNode)
    return LISTS.get(node.kind, numbered_list)(node, kit)


LISTS: dict[str, Callable[[ListNode, Kit], list[Flowable]]] = {
    "bullets": bullet_list,
    "helped": bullet_list,
    "people": people,
    "tiles": tiles,
}


def quote(node: Any, kit: Kit) -> list[Flowable]:
    """A pull quote: the words, then who said them, beside a coloured rule; kept whole
    when it fits on a page, and the rule always goes with the words."""
    assert isinstance(node, Quote)
    return [Box([kit.para(node.text), kit.para(node.by)],
                pad=(kit.size * 1.2, kit.size * 2.4, 2, 2),
                decor=Decor(left=(3, kit.ink("tertiary"))), keep=True,
                keep_limit=kit.keep_limit,
                space_before=kit.size * 0.6, space_after=kit.size)]


def figure(node: Any, kit: Kit) -> list[Flowable]:
    """Caption above, chart or image, then source and notes, kept on one page."""
    assert isinstance(node, FigureNode)
    visual = kit.visuals[node.graphic.figure_id]
    drawn = graphic(visual, node.graphic.id, kit.profile.text_width,
                    f"figure '{node.graphic.figure_id}'", kit.fonts,
                    cmyk=kit.profile.colour_space == "cmyk")
    parts: list[Flowable] = [kit.para(node.caption), drawn, kit.para(node.source)]
    if node.notes is not None:
        parts.append(kit.para(node.notes))
    return [Box(parts, keep=True, keep_limit=float("inf"), floats=True,
                space_before=kit.size * 0.4, space_after=kit.size * 0.9)]


def case_study(node: Any, kit: Kit) -> list[Flowable]:
    """Title, story and what would have helped, in a shaded box with a coloured rule."""
    assert isinstance(node, CaseStudy)
    parts: list[Flowable] = [kit.para(node.title), *(kit.para(p) for p in node.story)]
    if node.helped_label is not None:
        parts.append(kit.para(node.helped_label))
    if node.helped is not None:
        parts += list_rows(node.helped, kit, label_style="label", gap=kit.size * 0.15)
    pad = (kit.size * 1.2, kit.size * 1.2, kit.size * 0.6, kit.size * 0.6)
    return [Box(parts, pad=pad, decor=Decor(fill=kit.ink("light"),
                                             left=(3, kit.ink("tertiary"))),
                space_before=kit.size * 0.4, space_after=kit.size * 1.2)]


RENDERERS: dict[type, Callable[[Any, Kit], list[Flowable]]] = {
    Text: text,
    ListNode: list_node,
    Quote: quote,
    FigureNode: figure,
    CaseStudy: case_study,
    TableNode: data_table,
}


def render(node: Node, kit: Kit) -> list[Flowable]:
    """Flowables for one plan node; every node type has a renderer."""
    return RENDERERS[type(node)](node, kit)

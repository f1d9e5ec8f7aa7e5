"""The paper's parts: masthead, title block, the summary box, body sections, the close.

Each section kind of the plan has one function here; body blocks inside them
are drawn by :func:`briefpress.story.render.render`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, Image

from briefpress.plan.nodes import Columns, ListNode, Node, Section, Text
from briefpress.story.boxes import Box, Cells
from briefpress.story.figures import process_colour, svg_drawing
from briefpress.story.flow import Decor, Decoration
from briefpress.story.kit import Kit
from briefpress.story.render import list_rows, render


def _blocks(nodes: tuple[Node, ...], kit: Kit) -> list[Flowable]:
    return [f for n in nodes for f in render(n, kit)]


def masthead(s: Section, kit: Kit) -> list[Flowable]:
    """The embargo (if any) first, then logo, organisation, series and date over a rule."""
    alert = [n for n in s.blocks if isinstance(n, Text) and n.kind == "alert"]
    org = [n for n in s.blocks if isinstance(n, Text) and n.kind == "masthead"]
    side = [n for n in s.blocks if isinstance(n, Text) and n.kind == "masthead-side"]
    logo_h = kit.size * 3.6
    mark = _logo(kit, logo_h)
    name = Box([kit.para(t) for t in org], pad=(kit.size * 0.8, 0, logo_h * 0.3, 0))
    dates = Box([kit.para(t) for t in side])
    width = kit.profile.text_width
    if kit.profile.large_print:
        row: Flowable = Box([Cells([mark, name], [logo_h, width - logo_h]), dates])
    else:
        row = Cells([mark, name, dates], [logo_h, width * 0.55 - logo_h, width * 0.45])
    head = Box([row], pad=(0, 0, 0, kit.size * 0.6), decor=Decor(bottom=(2.5, kit.ink("primary"))),
               keep=True, keep_limit=kit.keep_limit, space_after=kit.size * 1.4)
    return [*(kit.para(t) for t in alert), head]


def _logo(kit: Kit, width: float) -> Decoration:
    """The brand's logo at *width*, as decoration (the organisation's name is printed
    beside it): an SVG as a vector drawing, a PNG or JPEG as an image."""
    image = kit.brand.logo_image
    if image is None or image.format == "svg":
        data = image.data if image is not None else kit.brand.logo.read_bytes()
        logo = svg_drawing(data, width, "assets logo", kit.fonts.regular)
        return Decoration(logo, float(logo.width), float(logo.height))
    height = width * image.height_px / image.width_px
    data = process_colour(image.data) if kit.profile.colour_space == "cmyk" else image.data
    return Decoration(Image(io.BytesIO(data), width=width, height=height), width, height)


def title(s: Section, kit: Kit) -> list[Flowable]:
    return [Box(_blocks(s.blocks, kit), space_after=kit.size * 1.2)]


def shaded(s: Section, kit: Kit, rule: str, body: list[Flowable]) -> list[Flowable]:
    """A section in a shaded box with a coloured rule down its left side."""
    assert s.heading is not None
    pad = (kit.size, kit.size, kit.size * 0.9, kit.size * 0.5)
    return [Box([kit.para(s.heading), *body], pad=pad,
                decor=Decor(fill=kit.ink("light"), left=(3, kit.ink(rule))))]


def summary(s: Section, kit: Kit) -> list[Flowable]:
    return shaded(s, kit, "primary", _blocks(s.blocks, kit))


def findings(s: Section, kit: Kit) -> list[Flowable]:
    """Key findings continue the summary's box, numbered."""
    (items,) = s.blocks
    assert isinstance(items, ListNode)
    box = shaded(s, kit, "primary", list_rows(items, kit, gap=kit.size * 0.45))
    box[0].spaceAfter = kit.size * 1.4
    return box


def body(s: Section, kit: Kit) -> list[Flowable]:
    """A numbered section: heading, then its blocks; the heading keeps with the first."""
    assert s.heading is not None
    return [Box([kit.para(s.heading), *_blocks(s.blocks, kit)])]


def recommendations(s: Section, kit: Kit) -> list[Flowable]:
    """Numbered recommendations, each in a shaded band with the accent rule."""
    assert s.heading is not None
    (items,) = s.blocks
    assert isinstance(items, ListNode)
    band = Decor(fill=kit.ink("light"), left=(3, kit.ink("tertiary")),
                 bottom=(1, kit.ink("background")))
    pad = (kit.size * 0.8, kit.size, kit.size * 0.6, kit.size * 0.4)
    rows = list_rows(items, kit, decor=band, pad=pad, gap=0)
    return [Box([kit.para(s.heading), *rows], space_after=kit.size)]


def plain(s: Section, kit: Kit) -> list[Flowable]:
    """Sources, notes to editors: a heading and a numbered list."""
    assert s.heading is not None
    (items,) = s.blocks
    assert isinstance(items, ListNode)
    rows = list_rows(items, kit, gap=kit.size * 0.25)
    return [Box([kit.para(s.heading), *rows], space_after=kit.size * 0.6)]


def part(s: Section, kit: Kit) -> list[Flowable]:
    """A heading and its text (contact, about)."""
    assert s.heading is not None
    heading = kit.styles["box-heading"]
    return [Box([kit.para(s.heading, heading), *_blocks(s.blocks, kit)])]


SECTIONS: dict[str, Callable[[Section, Kit], list[Flowable]]] = {
    "masthead": masthead,
    "title": title,
    "summary": summary,
    "findings": findings,
    "body": body,
    "recommendations": recommendations,
    "sources": plain,
    "notes": plain,
    "contact": part,
    "about": part,
}


def columns(node: Columns, kit: Kit) -> list[Flowable]:
    """Parts side by side under a rule, kept together (one above the other in large print)."""
    parts = [Box(section(p, kit), pad=(0, kit.size * 1.2, kit.size * 0.5, 0))
             for p in node.parts]
    rule = Decor(top=(1.5, kit.ink("primary")))
    if kit.profile.large_print or len(parts) == 1:
        return [Box(parts, decor=rule, keep=True, keep_limit=kit.keep_limit,
                    space_before=kit.size * 1.4)]
    return [Cells(parts, list(node.weights), decor=rule, keep=True,
                  keep_limit=kit.keep_limit, space_before=kit.size * 1.4)]


def section(node: Any, kit: Kit) -> list[Flowable]:
    """Top-level parts of the plan, by kind."""
    if isinstance(node, Section):
        return SECTIONS[node.kind](node, kit)
    if isinstance(node, Columns):
        return columns(node, kit)
    return [Box(render(node, kit))]

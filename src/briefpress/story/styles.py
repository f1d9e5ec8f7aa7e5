"""Paragraph styles from the brand and the profile: one type scale for the whole paper.

Every kind of text the plan names (:data:`briefpress.plan.nodes.TextKind`) has
one style here. Sizes come from the profile (so large print is the same
code at a larger size), colours from :class:`Ink`, faces from the brand. No
paragraph leaves a single line at the top or foot of a page, and a word too long
for its line is broken rather than drawn off the page. Nothing is hyphenated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefpress.plan.nodes import LEADS_INTO, TextKind
from briefpress.profile import Profile
from briefpress.story.fonts import FontNames
from briefpress.story.ink import Ink

Styles = Mapping[TextKind, ParagraphStyle]


def make_styles(profile: Profile, ink: Ink, fonts: FontNames) -> Styles:
    """A style for every kind of text."""
    s, sc = profile.base_size, profile.scale
    size = profile.size
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=s, leading=s * sc.leading,
                          textColor=ink("foreground"), spaceAfter=s * 0.6, alignment=TA_LEFT,
                          allowWidows=0, allowOrphans=0, splitLongWords=1,
                          hyphenationLang="", embeddedHyphenation=0)
    # No hyphenation, in any language, whatever RL_hyphenationLang says: a hyphen is never
    # added, so Welsh digraphs (ll, dd, ch...) are never split and the same spec gives the
    # same lines everywhere. Lines break at spaces and after hyphens already typed.

    def style(name: str, ratio: float = 1.0, lead: float | None = None, *, bold: bool = False,
              **kw: Any) -> ParagraphStyle:
        pt = size(ratio)
        if bold:
            kw["fontName"] = fonts.bold
        return ParagraphStyle(name, parent=body, fontSize=pt, leading=pt * (lead or sc.leading),
                              **kw)

    primary, secondary = ink("primary"), ink("secondary")
    styles: dict[TextKind, ParagraphStyle] = {
        "body": body,
        "lead": style("lead", 1.1),
        "line": style("line", spaceAfter=0),
        "small": style("small", sc.small, spaceAfter=s * 0.3),
        "title": style("title", sc.title, 1.2, textColor=primary, spaceAfter=s * 0.5, bold=True),
        "subtitle": style("subtitle", sc.subtitle, 1.3, textColor=secondary,
                          spaceAfter=s * 0.8),
        "byline": style("byline", 0.9, textColor=secondary, spaceAfter=0),
        "alert": style("alert", 1.05, textColor=ink("danger"), spaceAfter=s * 0.6, bold=True),
        "masthead": style("masthead", 1.2, 1.25, textColor=primary, spaceAfter=0, bold=True),
        "masthead-side": style("masthead-side", 0.9, 1.3, textColor=secondary, spaceAfter=0,
                               alignment=TA_LEFT if profile.large_print else TA_RIGHT),
        "h1": style("h1", sc.h1, 1.25, textColor=primary, spaceBefore=s * 1.4,
                    spaceAfter=s * 0.5, bold=True),
        "box-heading": style("box-heading", sc.h2, 1.3, textColor=primary, spaceAfter=s * 0.3,
                             keepWithNext=1, bold=True),
        "h3": style("h3", sc.h2, 1.3, textColor=primary, spaceBefore=s * 0.2,
                    spaceAfter=s * 0.3, bold=True),
        "subhead": style("subhead", sc.small, textColor=secondary, spaceBefore=s * 0.4,
                         spaceAfter=s * 0.2, bold=True),
        "label": style("label", textColor=primary, spaceAfter=0, bold=True),
        "number": style("number", textColor=primary, spaceAfter=0, bold=True),
        "quote": style("quote", sc.quote, 1.4, textColor=primary, spaceAfter=s * 0.3,
                       fontName=fonts.italic),
        "attribution": style("attribution", 0.9, textColor=secondary, spaceAfter=0),
        "caption": style("caption", 1.0, 1.35, textColor=primary, spaceBefore=s * 0.4,
                         spaceAfter=s * 0.4, bold=True),
        "source": style("source", sc.source, 1.35, textColor=secondary, spaceBefore=s * 0.3,
                        spaceAfter=s * 0.2),
        "addressee": style("addressee", sc.small, textColor=secondary, spaceAfter=s * 0.1,
                           keepWithNext=1, bold=True),
        "tile-number": style("tile-number", sc.title * 0.92, 1.15, textColor=primary,
                             spaceAfter=2, bold=True),
        "tile-label": style("tile-label", sc.small, 1.3, spaceAfter=0),
        "cell": style("cell", sc.cell, 1.3, spaceAfter=0),
        "cell-head": style("cell-head", sc.cell, 1.3, spaceAfter=0, textColor=ink("background"),
                           bold=True),
        "cell-total": style("cell-total", sc.cell, 1.3, spaceAfter=0, bold=True),
    }
    for kind in LEADS_INTO:
        styles[kind].keepWithNext = 1  # type: ignore[index]
    return styles


def aligned_right(style: ParagraphStyle) -> ParagraphStyle:
    """The same style, right-aligned (numbers in a table)."""
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)

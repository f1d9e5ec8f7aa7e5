"""Paragraph styles from the brand: one typographic scale for the whole paper."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefpress.brand import Brand
from briefpress.story.fonts import FontNames


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    masthead: ParagraphStyle
    masthead_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    box_heading: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    caption: ParagraphStyle
    source: ParagraphStyle
    number: ParagraphStyle
    addressee: ParagraphStyle
    alert: ParagraphStyle


def make_styles(brand: Brand, fonts: FontNames) -> Styles:
    c = brand.colours
    size = brand.base_size
    ink = HexColor(c.foreground)
    primary = HexColor(c.primary)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=size, leading=size * 1.4,
                          textColor=ink, spaceAfter=size * 0.6, alignment=TA_LEFT)

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    return Styles(
        body=body,
        small=derive("small", fontSize=size * 0.85, leading=size * 1.2, spaceAfter=size * 0.3),
        title=derive("title", fontName=fonts.bold, fontSize=size * 2.4, leading=size * 2.9,
                     textColor=primary, spaceAfter=size * 0.5),
        subtitle=derive("subtitle", fontSize=size * 1.3, leading=size * 1.7,
                        textColor=HexColor(c.secondary), spaceAfter=size * 1.2),
        masthead=derive("masthead", fontName=fonts.bold, fontSize=size * 1.2,
                        leading=size * 1.5, textColor=primary, spaceAfter=0),
        masthead_right=derive("masthead_right", fontSize=size * 0.9, leading=size * 1.25,
                              alignment=TA_RIGHT, textColor=HexColor(c.secondary), spaceAfter=0),
        h1=derive("h1", fontName=fonts.bold, fontSize=size * 1.45, leading=size * 1.8,
                  textColor=primary, spaceBefore=size * 1.2, spaceAfter=size * 0.5,
                  keepWithNext=1),
        h2=derive("h2", fontName=fonts.bold, fontSize=size * 1.15, leading=size * 1.5,
                  textColor=primary, spaceBefore=size * 0.6, spaceAfter=size * 0.3),
        box_heading=derive("box_heading", fontName=fonts.bold, fontSize=size * 1.15,
                           leading=size * 1.5, textColor=primary, spaceAfter=size * 0.2),
        quote=derive("quote", fontName=fonts.italic, fontSize=size * 1.2, leading=size * 1.65,
                     textColor=primary, spaceAfter=size * 0.3),
        attribution=derive("attribution", fontSize=size * 0.9, leading=size * 1.3,
                           textColor=HexColor(c.secondary), spaceAfter=0),
        caption=derive("caption", fontName=fonts.bold, fontSize=size, leading=size * 1.35,
                       textColor=primary, spaceBefore=size * 0.6, spaceAfter=size * 0.3),
        source=derive("source", fontSize=size * 0.8, leading=size * 1.15,
                      textColor=HexColor(c.secondary), spaceBefore=size * 0.3,
                      spaceAfter=size * 0.2),
        number=derive("number", fontName=fonts.bold, textColor=primary, alignment=TA_RIGHT,
                      spaceAfter=0),
        addressee=derive("addressee", fontName=fonts.bold, fontSize=size * 0.85,
                         leading=size * 1.2, textColor=HexColor(c.secondary), spaceAfter=0),
        alert=derive("alert", fontName=fonts.bold, fontSize=size * 1.05, leading=size * 1.4,
                     textColor=HexColor(c.danger), spaceAfter=size * 0.6),
    )

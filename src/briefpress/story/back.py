"""The end of the paper: recommendations, sources, contacts and "about"."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from briefpress.brand import Brand
from briefpress.spec.model import Briefing
from briefpress.story.flowables import Heading
from briefpress.story.markup import rich, text
from briefpress.story.styles import Styles
from briefpress.story.tables import table


def recommendations(b: Briefing, brand: Brand, styles: Styles, numbers: Mapping[str, int],
                    width: float) -> list[Flowable]:
    if not b.recommendations:
        return []
    rows = []
    for i, r in enumerate(b.recommendations, start=1):
        cell: list[Flowable] = []
        if r.to:
            cell.append(Paragraph(f"To: {text(r.to)}", styles.addressee))
        cell.append(Paragraph(rich(r.text, numbers), styles.body))
        rows.append([Paragraph(str(i), styles.number), cell])
    box = table(rows, [30, width - 30], styles.body.fontName, [
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(brand.colours.light)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(brand.colours.tertiary)),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, HexColor(brand.colours.background)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (1, 0), (1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ], splitByRow=1)
    title = "Recommendations"
    return [Heading(title, styles.h1, title, "recommendations"), box]


def sources(b: Briefing, styles: Styles, numbers: Mapping[str, int]) -> list[Flowable]:
    if not b.sources:
        return []
    out: list[Flowable] = [Heading("Sources and notes", styles.h1, "Sources and notes", "sources")]
    # Each note is a link target for the "[N]" citations in the text.
    out += [Paragraph(f'<a name="source-{i}"/>{i}. {rich(s, numbers)}', styles.small)
            for i, s in enumerate(b.sources, start=1)]
    # A short list reads as one block: never leave two notes stranded on the last page.
    return [KeepTogether(out)] if len(b.sources) <= SHORT_LIST else out


SHORT_LIST = 8


def notes_to_editors(b: Briefing, brand: Brand, styles: Styles, numbers: Mapping[str, int],
                     width: float) -> list[Flowable]:
    """Background for journalists, numbered, as press releases end."""
    if not b.notes_to_editors:
        return []
    from briefpress.story.boxes import numbered

    title = "Notes to editors"
    return [Heading(title, styles.h1, title, "notes-to-editors"),
            *numbered(b.notes_to_editors, brand, styles, numbers, width)]


def back_page(b: Briefing, brand: Brand, styles: Styles, numbers: Mapping[str, int],
              width: float) -> list[Flowable]:
    """Contact and "about" side by side, kept together: the press office's closing block."""
    about_part = about(b, brand, styles, numbers, styles.h2)
    contact_part = contacts(b, brand, styles, styles.h2)
    if not contact_part:
        return [KeepTogether(about_part)]
    box = table([[contact_part, about_part]], [width * 0.36, width * 0.64],
                styles.body.fontName, [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.5, HexColor(brand.colours.primary)),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("LEFTPADDING", (1, 0), (1, -1), 14),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                ])
    box.spaceBefore = styles.h1.spaceBefore
    return [box]


def contacts(b: Briefing, brand: Brand, styles: Styles,
             heading: ParagraphStyle | None = None) -> list[Flowable]:
    if not b.contacts:
        return []
    out: list[Flowable] = [Heading("Contact", heading or styles.h1, "Contact", "contact")]
    for c in b.contacts:
        lines = [f"<b>{text(c.name)}</b>" + (f", {text(c.role)}" if c.role else "")]
        if c.email:
            lines.append(f'<a href="mailto:{text(c.email)}" color="{brand.colours.primary}">'
                         f"{text(c.email)}</a>")
        if c.phone:
            lines.append(text(c.phone))
        out.append(Paragraph("<br/>".join(lines), styles.body))
    return out


def about(b: Briefing, brand: Brand, styles: Styles, numbers: Mapping[str, int],
          heading: ParagraphStyle | None = None) -> list[Flowable]:
    title = f"About {brand.short_name}"
    out: list[Flowable] = [Heading(text(title), heading or styles.h1, title, "about")]
    if b.about:
        out += [Paragraph(rich(p, numbers), styles.body) for p in b.about]
    elif brand.about:
        out.append(Paragraph(text(brand.about), styles.body))
    facts = [text(f) for f in (brand.address,) if f]
    if brand.charity_number:
        facts.append(f"Registered charity number {text(brand.charity_number)}")
    if facts:
        out.append(Paragraph(". ".join(facts) + ".", styles.small))
    return out

"""Story stage: a validated Briefing (plus brand and drawn charts) in, flowables out.

Rendering is a row of small pure functions from model to flowables; layout
decisions live here, page furniture lives in ``pages``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from briefpress.brand import Brand
from briefpress.charts import Visual
from briefpress.spec.blocks import FigureBlock
from briefpress.spec.model import Briefing
from briefpress.story import back, boxes, front
from briefpress.story.blocks import Context, render_block
from briefpress.story.figures import figure_flowables
from briefpress.story.flowables import Heading
from briefpress.story.fonts import FontNames, register_fonts
from briefpress.story.markup import text
from briefpress.story.press import Press, embargo_text, make_press
from briefpress.story.styles import make_styles

PAGE_SIZE = A4
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN


@dataclass(frozen=True)
class DocMeta:
    """What the PDF says about itself, and the running header and footer text."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    running_title: str
    date_text: str
    footer: str


@dataclass(frozen=True)
class Story:
    flowables: tuple[Flowable, ...]
    meta: DocMeta
    fonts: FontNames
    must_appear: tuple[str, ...]
    press: Press


def figure_numbers(b: Briefing) -> dict[str, int]:
    """Figures are numbered in the order they are placed in the sections."""
    order = [blk.figure for s in b.sections for blk in s.blocks
             if isinstance(blk, FigureBlock)]
    return {fid: i for i, fid in enumerate(order, start=1)}


def make_story(b: Briefing, brand: Brand, charts: Mapping[str, Visual]) -> Story:
    fonts = register_fonts(brand.font)
    styles = make_styles(brand, fonts)
    numbers = figure_numbers(b)
    figs = {f.id: figure_flowables(f, numbers[f.id], charts[f.id], styles, fonts,
                                   TEXT_WIDTH)
            for f in b.figures}
    ctx = Context(brand, styles, numbers, figs, TEXT_WIDTH)
    flow: list[Flowable] = []
    flow += front.embargo(b, styles)
    flow += front.masthead(b, brand, styles, TEXT_WIDTH)
    flow += front.title_block(b, styles)
    if b.key_numbers:
        flow += boxes.key_numbers(b.key_numbers, brand, styles, TEXT_WIDTH)
    flow += front.summary_box(b, brand, styles, numbers, TEXT_WIDTH)
    for n, section in enumerate(b.sections, start=1):
        title = f"{n}. {section.heading}"
        flow.append(Heading(f"{n}\u2003{text(section.heading)}", styles.h1, title, f"s{n}"))
        for block in section.blocks:
            flow += render_block(block, ctx)
    flow += back.recommendations(b, brand, styles, numbers, TEXT_WIDTH)
    flow += back.sources(b, styles, numbers)
    flow += back.notes_to_editors(b, brand, styles, numbers, TEXT_WIDTH)
    flow += back.back_page(b, brand, styles, numbers, TEXT_WIDTH)
    press = make_press(b, brand, fonts, PAGE_SIZE)
    return Story(tuple(flow), _meta(b, brand), fonts, _must_appear(b), press)


def _meta(b: Briefing, brand: Brand) -> DocMeta:
    footer = brand.full_name
    if brand.charity_number:
        footer += f" \u00b7 Registered charity number {brand.charity_number}"
    return DocMeta(
        title=b.title,
        author=", ".join(b.authors),
        subject=_subject(b),
        keywords=", ".join(b.keywords),
        language=b.language,
        running_title=b.title,
        date_text=front.long_date(b),
        footer=footer,
    )


def _subject(b: Briefing) -> str:
    """The subtitle (or first summary paragraph), led by the embargo if there is one."""
    subject = b.subtitle or b.summary[0].plain
    return f"{embargo_text(b.embargo)}. {subject}" if b.embargo else subject


def _must_appear(b: Briefing) -> tuple[str, ...]:
    """Texts the finished PDF is checked for before it is written."""
    texts = [b.title, *(f.text.plain for f in b.findings)]
    texts += [r.text.plain for r in b.recommendations]
    if b.embargo:
        texts.append(embargo_text(b.embargo))
    return tuple(t for t in texts if t.strip())

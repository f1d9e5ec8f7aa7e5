"""One small renderer per body block kind, dispatched by the block's model class."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

from briefpress.brand import Brand
from briefpress.spec.blocks import (
    BulletsBlock,
    CaseStudyBlock,
    FigureBlock,
    KeyNumbersBlock,
    ParagraphBlock,
    PeopleBlock,
    QuestionsBlock,
    QuoteBlock,
    TableBlock,
)
from briefpress.story import boxes
from briefpress.story.datatable import data_table
from briefpress.story.markup import rich, text
from briefpress.story.styles import Styles
from briefpress.story.tables import table


@dataclass(frozen=True)
class Context:
    """What every renderer may need besides its block."""

    brand: Brand
    styles: Styles
    figure_numbers: Mapping[str, int]
    figures: Mapping[str, list[Flowable]]
    width: float


def _paragraph(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, ParagraphBlock)
    return [Paragraph(rich(block.paragraph, ctx.figure_numbers), ctx.styles.body)]


def _bullets(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, BulletsBlock)
    items = [ListItem(Paragraph(rich(b, ctx.figure_numbers), ctx.styles.body), leftIndent=14)
             for b in block.bullets]
    return [ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=14,
                         bulletFontName=ctx.styles.body.fontName,
                         bulletColor=HexColor(ctx.brand.colours.primary))]


def _quote(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, QuoteBlock)
    q = block.quote
    who = text(q.by) + (f", {text(q.role)}" if q.role else "")
    rows = [[Paragraph(f"\u201c{rich(q.text, ctx.figure_numbers)}\u201d", ctx.styles.quote)],
            [Paragraph(f"\u2014 {who}", ctx.styles.attribution)]]
    box = table(rows, [ctx.width - 24], ctx.styles.body.fontName, [
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(ctx.brand.colours.tertiary)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    box.hAlign = "LEFT"
    box.spaceBefore = 6
    box.spaceAfter = 10
    return [box]


def _figure(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, FigureBlock)
    return list(ctx.figures[block.figure])


def _questions(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, QuestionsBlock)
    return boxes.numbered(block.questions, ctx.brand, ctx.styles, ctx.figure_numbers, ctx.width)


def _case_study(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, CaseStudyBlock)
    return boxes.case_study(block.case_study, ctx.brand, ctx.styles, ctx.figure_numbers,
                            ctx.width)


def _table(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, TableBlock)
    return data_table(block.table, ctx.brand, ctx.styles, ctx.width)


def _people(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, PeopleBlock)
    return boxes.people(block.people, ctx.brand, ctx.styles, ctx.width)


def _key_numbers(block: Any, ctx: Context) -> list[Flowable]:
    assert isinstance(block, KeyNumbersBlock)
    return boxes.key_numbers(block.key_numbers, ctx.brand, ctx.styles, ctx.width)


RENDERERS: dict[type, Callable[[Any, Context], list[Flowable]]] = {
    ParagraphBlock: _paragraph,
    BulletsBlock: _bullets,
    QuoteBlock: _quote,
    FigureBlock: _figure,
    QuestionsBlock: _questions,
    CaseStudyBlock: _case_study,
    TableBlock: _table,
    PeopleBlock: _people,
    KeyNumbersBlock: _key_numbers,
}


def render_block(block: Any, ctx: Context) -> list[Flowable]:
    """Flowables for one block; every block kind in the schema has a renderer."""
    return RENDERERS[type(block)](block, ctx)

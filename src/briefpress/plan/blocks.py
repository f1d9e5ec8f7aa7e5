"""Body blocks to plan nodes: one small function per block kind, dispatched by model class."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from briefpress.charts.alt import draft_alt
from briefpress.charts.numbers import format_number
from briefpress.plan.inline import Refs, figure_anchor, inline, plain_text
from briefpress.plan.nodes import (
    CaseStudy,
    FigureNode,
    Graphic,
    Inline,
    Item,
    ListKind,
    ListNode,
    Node,
    Quote,
    Role,
    Row,
    Span,
    TableNode,
    Text,
    TextKind,
)
from briefpress.spec.blocks import (
    BulletsBlock,
    CaseStudyBlock,
    FigureBlock,
    KeyNumber,
    KeyNumbersBlock,
    ParagraphBlock,
    PeopleBlock,
    QuestionsBlock,
    QuoteBlock,
    Table,
    TableBlock,
)
from briefpress.spec.data import FigureData
from briefpress.spec.figures import FigureBase
from briefpress.spec.inline import RichText

BULLET = "\u2022"
N = TypeVar("N", bound=Node)


class Ids:
    """Node ids in document order: the same spec always gives the same ids."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"n{self.count}"


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Context:
    """What every block function may need besides its block."""

    ids: Ids
    refs: Refs
    figures: Mapping[str, FigureBase]
    data: Mapping[str, FigureData | None]
    locs: dict[str, Loc]
    """Where in the spec each node came from, for errors found at layout."""

    def at(self, node: N, loc: Loc) -> N:
        """*node*, remembered as coming from *loc* in the spec."""
        self.locs[node.id] = loc
        return node

    def text(self, value: RichText | str, kind: TextKind = "body", tag: Role = Role.P,
             **kw: Any) -> Text:
        spans = inline(value, self.refs) if isinstance(value, RichText) else plain_text(value)
        return Text(self.ids(), spans, kind, tag, **kw)

    def spans(self, spans: Inline, kind: TextKind = "body", tag: Role = Role.P,
              **kw: Any) -> Text:
        return Text(self.ids(), spans, kind, tag, **kw)


def lazy_list(kind: ListKind, labelled: list[tuple[str | None, Callable[[], tuple[Node, ...]]]],
              ctx: Context, label_kind: TextKind = "number") -> ListNode:
    """A list of (label, body) items; each body is made after its label, so node ids
    follow reading order (list, item, label, body)."""
    list_id = ctx.ids()
    items = []
    for label, body in labelled:
        item_id = ctx.ids()
        lbl = ctx.text(label, label_kind, Role.LBL) if label is not None else None
        items.append(Item(item_id, lbl, body()))
    return ListNode(list_id, kind, tuple(items))


def bullets(items: tuple[RichText, ...], ctx: Context, kind: ListKind = "bullets") -> ListNode:
    return lazy_list(kind, [(BULLET, _one(t, ctx)) for t in items], ctx, "label")


def numbered(items: tuple[RichText, ...], ctx: Context, kind: ListKind,
             body_kind: TextKind = "body", tag: Role = Role.P,
             anchors: Callable[[int], str | None] = lambda n: None) -> ListNode:
    return lazy_list(kind, [(f"{n}.", _one(t, ctx, body_kind, tag, anchors(n)))
                            for n, t in enumerate(items, start=1)], ctx)


def _one(value: RichText, ctx: Context, kind: TextKind = "body", tag: Role = Role.P,
         anchor: str | None = None) -> Callable[[], tuple[Node, ...]]:
    return lambda: (ctx.text(value, kind, tag, anchor=anchor),)


QUOTE_MARKS = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb"}


def quoted(spans: Inline) -> Inline:
    """The words in curly quotation marks, unless the author already put them in some
    (text pasted from a word processor often arrives quoted)."""
    text = "".join(s.text for s in spans).strip()
    if len(text) >= 2 and QUOTE_MARKS.get(text[0]) == text[-1]:
        return spans
    return (Span("\u201c"), *spans, Span("\u201d"))


def quote(block: Any, ctx: Context) -> Node:
    assert isinstance(block, QuoteBlock)
    q = block.quote
    qid = ctx.ids()
    words = ctx.spans(quoted(inline(q.text, ctx.refs)), "quote")
    who = q.by + (f", {q.role}" if q.role else "")
    return Quote(qid, words, ctx.text(f"\u2014 {who}", "attribution"))


def paragraph(block: Any, ctx: Context) -> Node:
    assert isinstance(block, ParagraphBlock)
    return ctx.text(block.paragraph)


def bullet_block(block: Any, ctx: Context) -> Node:
    assert isinstance(block, BulletsBlock)
    return bullets(block.bullets, ctx)


def questions(block: Any, ctx: Context) -> Node:
    assert isinstance(block, QuestionsBlock)
    return numbered(block.questions, ctx, "questions")


def figure(block: Any, ctx: Context) -> Node:
    assert isinstance(block, FigureBlock)
    node = figure_node(ctx.figures[block.figure], ctx)
    index = list(ctx.figures).index(block.figure)
    ctx.at(node.graphic, ("figures", index))
    return node


def figure_node(fig: FigureBase, ctx: Context) -> FigureNode:
    """Caption, graphic, source and notes; the caption is where links to the figure land."""
    words = ctx.refs.words
    number, _ = ctx.refs.figures[fig.id]
    fid = ctx.ids()
    caption = ctx.text(words.figure_caption.format(number=number, title=fig.title), "caption",
                       Role.CAPTION, anchor=figure_anchor(fig.id))
    alt = draft_alt(fig, ctx.data.get(fig.id))
    graphic = Graphic(ctx.ids(), fig.id, alt)
    source = ctx.text(words.source_line.format(source=fig.source), "source")
    notes = ctx.text(words.notes_line.format(notes=fig.notes), "source") if fig.notes else None
    return FigureNode(fid, number, caption, graphic, source, notes)


def case_study(block: Any, ctx: Context) -> Node:
    assert isinstance(block, CaseStudyBlock)
    c = block.case_study
    cid = ctx.ids()
    title = ctx.text(c.title, "h3", Role.H3)
    story = tuple(ctx.text(p) for p in c.story)
    label = helped = None
    if c.helped:
        label = ctx.text(ctx.refs.words.what_would_have_helped, "subhead")
        helped = bullets(c.helped, ctx, "helped")
    return CaseStudy(cid, title, story, label, helped)


PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def numeric_columns(t: Table) -> tuple[bool, ...]:
    """Which columns hold numbers: declared so, or 'auto' with every filled cell a number."""
    out = []
    for i, col in enumerate(t.columns):
        cells = [c.strip() for row in t.rows if (c := row[i]) is not None]
        auto = bool(cells) and all(PLAIN_NUMBER.fullmatch(c) for c in cells)
        out.append(col.kind == "number" or (col.kind == "auto" and auto))
    return tuple(out)


def cell_text(value: str | None, numeric: bool) -> str:
    """What a cell prints: a plain number gains separators, anything else stays as typed."""
    if value is None:
        return ""
    if numeric and PLAIN_NUMBER.fullmatch(value.strip()):
        return format_number(Decimal(value.strip()))
    return value


def table(block: Any, ctx: Context) -> Node:
    assert isinstance(block, TableBlock)
    t = block.table
    numeric = numeric_columns(t)
    tid = ctx.ids()
    title = ctx.text(t.title, "caption", Role.CAPTION) if t.title else None
    head = Row(ctx.ids(), tuple(ctx.text(c.heading, "cell-head", Role.TH, numeric=numeric[i])
                                for i, c in enumerate(t.columns)))
    rows = []
    for r, row in enumerate(t.rows):
        kind: TextKind = "cell-total" if t.total and r == len(t.rows) - 1 else "cell"
        rid = ctx.ids()
        rows.append(Row(rid, tuple(ctx.text(cell_text(v, numeric[i]), kind, Role.TD,
                                            numeric=numeric[i]) for i, v in enumerate(row))))
    source = (ctx.text(ctx.refs.words.source_line.format(source=t.source), "source")
              if t.source else None)
    return TableNode(tid, title, head, tuple(rows), numeric, t.total, source)


def people(block: Any, ctx: Context) -> Node:
    assert isinstance(block, PeopleBlock)

    def body(name: str, detail: str) -> Callable[[], tuple[Node, ...]]:
        def make() -> tuple[Node, ...]:
            first = ctx.spans((Span(name, bold=True),), "line")
            return (first, ctx.text(detail, "line")) if detail else (first,)
        return make

    return lazy_list("people", [(None, body(p.name, ", ".join(x for x in (p.role, p.party) if x)))
                                for p in block.people], ctx)


def tiles(numbers: tuple[KeyNumber, ...], ctx: Context) -> ListNode:
    """Stat tiles: the number exactly as typed, over its label."""
    def body(t: KeyNumber) -> Callable[[], tuple[Node, ...]]:
        return lambda: (ctx.text(t.number, "tile-number"), ctx.text(t.label, "tile-label"))

    return lazy_list("tiles", [(None, body(t)) for t in numbers], ctx)


def key_numbers(block: Any, ctx: Context) -> Node:
    assert isinstance(block, KeyNumbersBlock)
    return tiles(block.key_numbers, ctx)


BLOCKS: dict[type, Callable[[Any, Context], Node]] = {
    ParagraphBlock: paragraph,
    BulletsBlock: bullet_block,
    QuoteBlock: quote,
    FigureBlock: figure,
    QuestionsBlock: questions,
    CaseStudyBlock: case_study,
    TableBlock: table,
    PeopleBlock: people,
    KeyNumbersBlock: key_numbers,
}


def block_node(block: Any, ctx: Context) -> Node:
    """The plan node of one body block; every block kind in the schema has a function."""
    return BLOCKS[type(block)](block, ctx)

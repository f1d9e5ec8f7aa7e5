"""Plan stage: a validated Briefing (and the brand's facts) in, a document plan out.

The plan is the briefing as a tree of semantic parts in reading order, with
figures numbered, citations resolved to links, and every piece of furniture
worded in the paper's language. It decides what each thing *is*; the story
stage decides how it looks, and the finishing stage tags the PDF from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

from briefpress.brand import Brand
from briefpress.plan.blocks import Context, Ids, Loc, block_node, lazy_list, numbered, tiles
from briefpress.plan.inline import Refs, inline, note_anchor
from briefpress.plan.nodes import Columns, Graphic, Link, Node, Role, Section, Span, Text, walk
from briefpress.plan.words import Words
from briefpress.spec.blocks import FigureBlock
from briefpress.spec.data import FigureData
from briefpress.spec.model import Briefing

__all__ = ["Furniture", "Meta", "Plan", "make_plan"]


@dataclass(frozen=True)
class Meta:
    """What the PDF says about itself."""

    title: str
    authors: tuple[str, ...]
    subject: str
    keywords: tuple[str, ...]
    language: str
    date: date
    embargo: str | None
    draft: bool


@dataclass(frozen=True)
class Furniture:
    """The running header and footer, and the draft stamp's words."""

    footer: str
    page: str
    """``Page {page} of {total}``."""
    running_title: str
    date_text: str
    draft: str | None
    draft_banner: str | None

    def page_label(self, page: int, total: int) -> str:
        return self.page.format(page=page, total=total)


@dataclass(frozen=True)
class Plan:
    """The whole paper: metadata, furniture and the body's parts in reading order."""

    meta: Meta
    furniture: Furniture
    body: tuple[Node, ...]
    locs: Mapping[str, Loc]
    """Where in the spec a node came from (blocks, list items, figures), by node id."""

    def nodes(self) -> list[Node]:
        """Every node, in reading order."""
        return [n for part in self.body for n in walk(part)]

    def texts(self) -> list[Text]:
        """Every text that must reach the page, in reading order."""
        return [n for n in self.nodes() if isinstance(n, Text)]

    def describe(self, node_id: str, limit: int = 50) -> str:
        """How an author recognises a part: a figure's id, or the first words of its text."""
        node = next((n for n in self.nodes() if n.id == node_id), None)
        if isinstance(node, Graphic):
            return f"figure '{node.figure_id}'"
        texts = [n for n in walk(node) if isinstance(n, Text)] if node is not None else []
        words = " ".join(texts[0].plain.split()) if texts else ""
        if not words:
            return "a block"
        shown = words if len(words) <= limit else words[:limit].rstrip() + "\u2026"
        return f"the block starting '{shown}'"

    def where(self, node_id: str) -> Loc | None:
        """The spec location of *node_id*, or of the nearest part containing it."""
        parents: dict[str, str] = {}
        for node in self.nodes():
            for child in node.children():
                parents[child.id] = node.id
        current: str | None = node_id
        while current is not None:
            if current in self.locs:
                return self.locs[current]
            current = parents.get(current)
        return None


def figure_numbers(b: Briefing) -> dict[str, int]:
    """Figures are numbered in the order they are placed in the sections."""
    order = [blk.figure for s in b.sections for blk in s.blocks if isinstance(blk, FigureBlock)]
    return {fid: i for i, fid in enumerate(order, start=1)}


def make_plan(b: Briefing, brand: Brand, data: Mapping[str, FigureData | None],
              words: Words | None = None) -> Plan:
    """The document plan of briefing *b*, its furniture in *words* (by default the brand's
    words for the briefing's language)."""
    words = words if words is not None else brand.words_for(b.language)
    numbers = figure_numbers(b)
    refs = Refs({f.id: (numbers[f.id], f.title) for f in b.figures if f.id in numbers},
                tuple(s.plain for s in b.sources), words)
    ctx = Context(Ids(), refs, {f.id: f for f in b.figures}, data, {})
    body: list[Node] = [*_front(b, brand, ctx), *_sections(b, ctx), *_back(b, brand, ctx)]
    return Plan(_meta(b, words), _furniture(b, brand, words), tuple(body), dict(ctx.locs))


def _heading(ctx: Context, title: str, anchor: str, kind: str = "h1",
             outline: str | None = None) -> Text:
    return ctx.spans((Span(title),), "box-heading" if kind == "box" else "h1", Role.H2,
                     anchor=anchor, outline=outline or title)


def _front(b: Briefing, brand: Brand, ctx: Context) -> list[Node]:
    words = ctx.refs.words
    out: list[Node] = []
    mid = ctx.ids()
    alert = [ctx.text(words.embargo_line(b.embargo), "alert")] if b.embargo else []
    side = " \u00b7 ".join(s for s in (b.series, b.number) if s)
    masthead = [ctx.text(brand.full_name, "masthead"),
                *([ctx.text(side, "masthead-side")] if side else []),
                ctx.text(words.long_date(b.date), "masthead-side")]
    out.append(Section(mid, "masthead", None, (*alert, *masthead)))
    tid = ctx.ids()
    title = [ctx.text(b.title, "title", Role.H1)]
    if b.subtitle:
        title.append(ctx.text(b.subtitle, "subtitle"))
    title.append(ctx.text(words.byline(list(b.authors)), "byline"))
    out.append(ctx.at(Section(tid, "title", None, tuple(title)), ("title",)))
    if b.key_numbers:
        out.append(ctx.at(tiles(b.key_numbers, ctx), ("key_numbers",)))
    sid = ctx.ids()
    heading = _heading(ctx, words.summary, "summary", "box")
    out.append(ctx.at(Section(sid, "summary", heading, tuple(
        ctx.at(ctx.text(p), ("summary", i)) for i, p in enumerate(b.summary))), ("summary",)))
    fid = ctx.ids()
    heading = _heading(ctx, words.key_findings, "findings", "box")
    out.append(ctx.at(Section(fid, "findings", heading, (_findings(b, ctx),)), ("findings",)))
    return out


def _findings(b: Briefing, ctx: Context) -> Node:
    def body(i: int) -> tuple[Node, ...]:
        f = b.findings[i]
        spans = inline(f.text, ctx.refs)
        if f.figure is not None:
            label, link = ctx.refs.figure_link(f.figure)
            spans = (*spans, Span(" "), Span(f"({label})", link=link))
        return (ctx.at(ctx.spans(spans), ("findings", i)),)

    return lazy_list("findings", [(str(i + 1), partial(body, i))
                                  for i in range(len(b.findings))], ctx)


def _sections(b: Briefing, ctx: Context) -> list[Node]:
    out: list[Node] = []
    for n, section in enumerate(b.sections, start=1):
        sid = ctx.ids()
        heading = ctx.spans((Span(f"{n}\u2003{section.heading}"),), "h1", Role.H2,
                            anchor=f"s{n}", outline=f"{n}. {section.heading}")
        blocks = tuple(ctx.at(block_node(blk, ctx), ("sections", n - 1, "blocks", j))
                       for j, blk in enumerate(section.blocks))
        out.append(ctx.at(Section(sid, "body", heading, blocks), ("sections", n - 1)))
    return out


def _back(b: Briefing, brand: Brand, ctx: Context) -> list[Node]:
    words = ctx.refs.words
    out: list[Node] = []
    if b.recommendations:
        rid = ctx.ids()
        heading = _heading(ctx, words.recommendations, "recommendations")
        out.append(ctx.at(Section(rid, "recommendations", heading, (_recommendations(b, ctx),)),
                          ("recommendations",)))
    if b.sources:
        sid = ctx.ids()
        heading = _heading(ctx, words.sources, "sources")
        notes = numbered(b.sources, ctx, "sources", "small", Role.NOTE, note_anchor)
        out.append(ctx.at(Section(sid, "sources", heading, (notes,)), ("sources",)))
    if b.notes_to_editors:
        nid = ctx.ids()
        heading = _heading(ctx, words.notes_to_editors, "notes-to-editors")
        out.append(ctx.at(Section(nid, "notes", heading, (numbered(b.notes_to_editors, ctx,
                                                                   "notes"),)),
                          ("notes_to_editors",)))
    out.append(_closing(b, brand, ctx))
    return out


def _recommendations(b: Briefing, ctx: Context) -> Node:
    def body(i: int) -> tuple[Node, ...]:
        r = b.recommendations[i]
        to = [ctx.text(ctx.refs.words.to.format(body=r.to), "addressee")] if r.to else []
        return (*to, ctx.at(ctx.text(r.text), ("recommendations", i)))

    return lazy_list("recommendations", [(str(i + 1), partial(body, i))
                                         for i in range(len(b.recommendations))], ctx)


def _closing(b: Briefing, brand: Brand, ctx: Context) -> Node:
    """Contact and "about" side by side: the press office's closing block."""
    words = ctx.refs.words
    cid = ctx.ids()
    parts: list[Node] = []
    weights: list[float] = []
    if b.contacts:
        sid = ctx.ids()
        heading = _heading(ctx, words.contact, "contact")
        lines: list[Node] = []
        for c in b.contacts:
            lines.append(ctx.spans((Span(c.name, bold=True),
                                    *((Span(f", {c.role}"),) if c.role else ())), "line"))
            if c.email:
                lines.append(ctx.spans((Span(c.email, link=Link(
                    words.email_link.format(name=c.name, email=c.email),
                    uri=f"mailto:{c.email}")),), "line"))
            if c.phone:
                lines.append(ctx.text(c.phone, "line"))
            if c.web:
                lines.append(ctx.spans((Span(c.web, link=Link(
                    f"Web page of {c.name}: {c.web}", uri=c.web)),), "line"))
        parts.append(Section(sid, "contact", heading, tuple(lines)))
        weights.append(0.36)
    aid = ctx.ids()
    title = words.about.format(name=brand.short_name)
    heading = _heading(ctx, title, "about")
    about = [ctx.text(p) for p in b.about] if b.about else (
        [ctx.text(brand.about)] if brand.about else [])
    facts = [f for f in (brand.address,) if f]
    if brand.charity_number:
        facts.append(words.charity_number.format(number=brand.charity_number))
    if facts:
        about.append(ctx.text(". ".join(facts) + ".", "small"))
    parts.append(Section(aid, "about", heading, tuple(about)))
    weights.append(0.64 if b.contacts else 1.0)
    return ctx.at(Columns(cid, tuple(parts), tuple(weights)),
                  ("contacts",) if b.contacts else ("title",))


def _meta(b: Briefing, words: Words) -> Meta:
    embargo = words.embargo_line(b.embargo) if b.embargo else None
    subject = b.subtitle or b.summary[0].plain
    return Meta(b.title, tuple(b.authors), f"{embargo}. {subject}" if embargo else subject,
                tuple(b.keywords), b.language, b.date, embargo, b.status == "draft")


def _furniture(b: Briefing, brand: Brand, words: Words) -> Furniture:
    footer = brand.full_name
    if brand.charity_number:
        footer += " \u00b7 " + words.charity_number.format(number=brand.charity_number)
    draft = b.status == "draft"
    return Furniture(footer, words.page, b.title, words.long_date(b.date),
                     words.draft if draft else None, words.draft_banner if draft else None)

"""The document plan's parts: what each piece of a briefing *is*, in reading order.

A plan is a tree of frozen values. Every node has an ``id`` (unique in the plan,
stable for the same spec) and a ``role`` from the standard structure vocabulary
that PDF tagging and HTML share (a heading, a paragraph, a list and its items, a
figure, a table and its cells). The story stage draws the plan; the finishing
stage turns the same tree into the PDF's structure tree; a later HTML renderer
can read it too. Nothing here knows about pages, points or colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    """Standard structure types (ISO 32000-1, 14.8.4), which map one to one onto HTML."""

    DOCUMENT = "Document"
    SECT = "Sect"
    DIV = "Div"
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"
    P = "P"
    L = "L"
    LI = "LI"
    LBL = "Lbl"
    LBODY = "LBody"
    BLOCKQUOTE = "BlockQuote"
    FIGURE = "Figure"
    CAPTION = "Caption"
    TABLE = "Table"
    THEAD = "THead"
    TBODY = "TBody"
    TR = "TR"
    TH = "TH"
    TD = "TD"
    NOTE = "Note"


@dataclass(frozen=True)
class Link:
    """Where a piece of text leads: a web address, or a named place in this document.

    ``description`` says where it goes in words, for a screen reader and for the
    link annotation's ``/Contents``.
    """

    description: str
    uri: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class Span:
    """A run of text with one set of formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: Link | None = None


Inline = tuple[Span, ...]

TextKind = Literal[
    "body", "lead", "small", "title", "subtitle", "byline", "alert", "masthead", "masthead-side",
    "h1", "h2", "h3", "box-heading", "label", "number", "quote", "attribution", "caption",
    "source", "addressee", "tile-number", "tile-label", "cell", "cell-head", "cell-total",
    "subhead", "line",
]
"""What a text is, typographically; the story stage chooses a style for each."""

LEADS_INTO: frozenset[str] = frozenset({"h1", "h3", "box-heading", "subhead", "caption",
                                        "addressee"})
"""Kinds of text that introduce what follows (headings, captions, "To: ..."): they are
never the last thing on a page."""


def plain(inline: Inline) -> str:
    """The text a reader sees."""
    return "".join(s.text for s in inline)


@dataclass(frozen=True)
class Node:
    """A part of the document."""

    id: str

    @property
    def role(self) -> Role:
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True)
class Text(Node):
    """A piece of text drawn as one block: a paragraph, heading, label or cell."""

    inline: Inline
    kind: TextKind = "body"
    tag: Role = Role.P
    anchor: str | None = None
    """A named destination placed where this text starts (links and bookmarks land here)."""
    outline: str | None = None
    """The bookmark title, for headings that appear in the document outline."""
    numeric: bool = False
    """Right-aligned (a number in a table)."""

    @property
    def role(self) -> Role:
        return self.tag

    @property
    def plain(self) -> str:
        return plain(self.inline)


@dataclass(frozen=True)
class Graphic(Node):
    """A chart or image: drawn from the figure's visual, read out as its alt text."""

    figure_id: str
    alt: str

    @property
    def role(self) -> Role:
        return Role.FIGURE


@dataclass(frozen=True)
class Item(Node):
    """One entry of a list: its label (number or bullet) and its body."""

    label: Text | None
    body: tuple[Node, ...]

    @property
    def role(self) -> Role:
        return Role.LI

    def children(self) -> tuple[Node, ...]:
        return (self.label, *self.body) if self.label else self.body


ListKind = Literal["bullets", "numbered", "findings", "recommendations", "questions",
                   "sources", "notes", "people", "tiles", "helped"]


@dataclass(frozen=True)
class ListNode(Node):
    """A list: bulleted, numbered, or one of the paper's own numbered lists."""

    kind: ListKind
    items: tuple[Item, ...]

    @property
    def role(self) -> Role:
        return Role.L

    def children(self) -> tuple[Node, ...]:
        return self.items


@dataclass(frozen=True)
class Quote(Node):
    """Words someone said, and who said them."""

    text: Text
    by: Text

    @property
    def role(self) -> Role:
        return Role.BLOCKQUOTE

    def children(self) -> tuple[Node, ...]:
        return (self.text, self.by)


@dataclass(frozen=True)
class FigureNode(Node):
    """A numbered figure: caption, the graphic, its source line and notes."""

    number: int
    caption: Text
    graphic: Graphic
    source: Text
    notes: Text | None = None

    @property
    def role(self) -> Role:
        return Role.DIV

    def children(self) -> tuple[Node, ...]:
        return tuple(n for n in (self.caption, self.graphic, self.source, self.notes) if n)


@dataclass(frozen=True)
class Row(Node):
    """A table row: header cells (TH) or data cells (TD)."""

    cells: tuple[Text, ...]

    @property
    def role(self) -> Role:
        return Role.TR

    def children(self) -> tuple[Node, ...]:
        return self.cells


@dataclass(frozen=True)
class TableNode(Node):
    """A data table: a title, a header row, body rows (the last one a total, maybe)."""

    title: Text | None
    head: Row
    rows: tuple[Row, ...]
    numeric: tuple[bool, ...]
    total: bool
    source: Text | None

    @property
    def role(self) -> Role:
        return Role.TABLE

    def children(self) -> tuple[Node, ...]:
        return tuple(n for n in (self.title, self.head, *self.rows) if n)


@dataclass(frozen=True)
class CaseStudy(Node):
    """One person's story in a box: a title, the story, and what would have helped."""

    title: Text
    story: tuple[Text, ...]
    helped_label: Text | None
    helped: ListNode | None

    @property
    def role(self) -> Role:
        return Role.SECT

    def children(self) -> tuple[Node, ...]:
        return tuple(n for n in (self.title, *self.story, self.helped_label, self.helped) if n)


SectionKind = Literal["masthead", "title", "summary", "findings", "body", "recommendations",
                      "sources", "notes", "closing", "contact", "about"]


@dataclass(frozen=True)
class Section(Node):
    """A part of the paper under a heading (or none, for the masthead and title block)."""

    kind: SectionKind
    heading: Text | None
    blocks: tuple[Node, ...]

    @property
    def role(self) -> Role:
        return Role.SECT

    def children(self) -> tuple[Node, ...]:
        return (self.heading, *self.blocks) if self.heading else self.blocks


@dataclass(frozen=True)
class Columns(Node):
    """Parts set side by side and kept together (contact and "about"; the masthead)."""

    parts: tuple[Node, ...]
    weights: tuple[float, ...]

    @property
    def role(self) -> Role:
        return Role.DIV

    def children(self) -> tuple[Node, ...]:
        return self.parts


def walk(node: Node) -> list[Node]:
    """Every node under *node* (itself first), in reading order."""
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.children()))
    return out

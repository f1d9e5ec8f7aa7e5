"""Body blocks: the things a section is made of.

Each block is written as a one-key mapping naming its kind (``- quote: {...}``),
or, for the commonest block, as a bare string (a paragraph). Adding a kind means
adding a model here and a renderer in ``story``; the union below is built from
:data:`BLOCK_MODELS`, so nothing else needs to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag, WithJsonSchema, model_validator

from briefpress.source.values import PlainText, ValueErrorAt
from briefpress.spec.types import Flag, Inline, Model, Paragraphs, Slug

TAG_PREFIX = "block:"

Verbatim = Annotated[
    PlainText,
    WithJsonSchema({"type": ["string", "number"], "minLength": 1}),
]
"""Text printed exactly as typed, even when it looks like a number (``1,046``, ``4.5 million``)."""

Cell = Annotated[
    PlainText | None,
    WithJsonSchema({"type": ["string", "number", "null"]}),
]
"""A table cell: text, a plain number (printed with thousands separators), or empty."""


class Quote(Model):
    """Words someone said, always attributed."""

    text: Inline = Field(description="The words, verbatim (do not correct their grammar).")
    by: PlainText = Field(description="Who said them.")
    role: PlainText | None = Field(None, description="Their role or organisation.")


class ParagraphBlock(Model):
    """A paragraph of body text (a bare string in ``blocks:`` is one)."""

    paragraph: Inline


class BulletsBlock(Model):
    """A bulleted list."""

    bullets: tuple[Inline, ...] = Field(min_length=1)


class QuoteBlock(Model):
    """A pull quote with its attribution."""

    quote: Quote


class FigureBlock(Model):
    """Places a figure declared under ``figures:``; figures are numbered in placement order."""

    figure: Slug


class QuestionsBlock(Model):
    """A numbered list of questions, printed 1, 2, 3... in the order written."""

    questions: tuple[Inline, ...] = Field(min_length=1, description="The questions, in order.")


class CaseStudy(Model):
    """One person's experience, told briefly, and what would have made a difference."""

    title: PlainText = Field(description="A short heading, e.g. 'Case study 1: a police officer'.")
    story: Paragraphs = Field(description="What happened: one paragraph or a list of them.")
    helped: tuple[Inline, ...] = Field(
        (), description="What would have helped (printed as a bulleted list).")


class CaseStudyBlock(Model):
    """A boxed case study."""

    case_study: CaseStudy


class Column(Model):
    """A table column: its heading, and whether its cells are numbers."""

    heading: PlainText = Field(description="The column's heading.")
    kind: Literal["auto", "text", "number"] = Field("auto", description=(
        "'number' right-aligns and adds thousands separators (2103 -> 2,103); 'text' prints "
        "cells as typed (use it for years); 'auto' is 'number' when every cell is a number."))


def _column_shorthand(value: Any) -> Any:
    return {"heading": value} if isinstance(value, str) else value


class Table(Model):
    """A table with a header row; long tables repeat the header on every page."""

    title: PlainText | None = Field(None, description="Printed above the table, in bold.")
    columns: tuple[
        Annotated[Column, BeforeValidator(_column_shorthand, json_schema_input_type=str | Column)],
        ...,
    ] = Field(min_length=1, description="Column headings (a string or {heading, kind}).")
    rows: tuple[tuple[Cell, ...], ...] = Field(
        min_length=1, description="Rows of cells; plain numbers such as 2103 print as 2,103.")
    source: PlainText | None = Field(None, description="Printed under the table as 'Source: ...'.")
    total: Flag = Field(False, description="The last row is a total: bold, with a rule above.")

    @model_validator(mode="after")
    def _rows_fit_columns(self) -> Table:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                cells = f"{len(row)} cell" + ("" if len(row) == 1 else "s")
                raise ValueErrorAt(("rows", i), f"this row has {cells} but there are "
                                   f"{len(self.columns)} columns; give one cell per column")
        return self


class TableBlock(Model):
    """A data table."""

    table: Table


class Person(Model):
    """A person in a list of members or officers."""

    name: PlainText = Field(description="Their name, e.g. 'Elfyn Llwyd MP'.")
    role: PlainText | None = Field(None, description="e.g. 'Chair', 'Vice chair'.")
    party: PlainText | None = Field(None, description="e.g. 'Con', 'Lab', 'Cross Bencher'.")


class PeopleBlock(Model):
    """A list of people with their role and party, two to a row."""

    people: tuple[Person, ...] = Field(min_length=1)


class KeyNumber(Model):
    """A stat tile: a big number exactly as written, and a short label."""

    number: Verbatim = Field(description="Printed exactly as typed: '1,046', '4.5 million', '38%'.")
    label: PlainText = Field(description="A few words saying what the number counts.")


KeyNumbers = Annotated[tuple[KeyNumber, ...], Field(min_length=1, max_length=4)]


class KeyNumbersBlock(Model):
    """A row of up to four stat tiles."""

    key_numbers: KeyNumbers


BLOCK_MODELS: dict[str, type[Model]] = {
    "paragraph": ParagraphBlock,
    "bullets": BulletsBlock,
    "quote": QuoteBlock,
    "figure": FigureBlock,
    "questions": QuestionsBlock,
    "case_study": CaseStudyBlock,
    "table": TableBlock,
    "people": PeopleBlock,
    "key_numbers": KeyNumbersBlock,
}


def block_kind(value: Any) -> str | None:
    """The union tag of a raw or validated block: its single key."""
    if isinstance(value, Model):
        for kind, model in BLOCK_MODELS.items():
            if isinstance(value, model):
                return TAG_PREFIX + kind
        return None
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return TAG_PREFIX + key if key in BLOCK_MODELS else TAG_PREFIX + str(key)
    return None


def _shorthand(value: Any) -> Any:
    return {"paragraph": value} if isinstance(value, str) else value


if TYPE_CHECKING:
    Block = Model
else:
    Block = Annotated[
        Annotated[
            Union[tuple(Annotated[m, Tag(TAG_PREFIX + k)] for k, m in BLOCK_MODELS.items())],  # noqa: UP007
            Discriminator(block_kind),
        ],
        BeforeValidator(_shorthand, json_schema_input_type=Union[
            (str, *BLOCK_MODELS.values())]),
    ]


class Section(Model):
    """A numbered body section with a heading."""

    heading: PlainText = Field(description="The section's heading; sections are numbered.")
    blocks: tuple[Block, ...] = Field(min_length=1, description=(
        "What the section holds, in order: paragraphs (text) and blocks ('- quote: ...')."))

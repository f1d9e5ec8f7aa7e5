"""Body blocks: the things a section is made of.

Each block is written as a one-key mapping naming its kind (``- quote: {...}``),
or, for the commonest block, as a bare string (a paragraph). Adding a kind means
adding a model here and a renderer in ``story``; the union below is built from
:data:`BLOCK_MODELS`, so nothing else needs to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag

from briefpress.spec.types import Inline, Model, PlainText, Slug

TAG_PREFIX = "block:"


class Quote(Model):
    """Words someone said, always attributed."""

    text: Inline
    by: PlainText
    role: PlainText | None = None


class ParagraphBlock(Model):
    paragraph: Inline


class BulletsBlock(Model):
    bullets: tuple[Inline, ...] = Field(min_length=1)


class QuoteBlock(Model):
    quote: Quote


class FigureBlock(Model):
    """Places a figure declared under ``figures:``; figures are numbered in placement order."""

    figure: Slug


BLOCK_MODELS: dict[str, type[Model]] = {
    "paragraph": ParagraphBlock,
    "bullets": BulletsBlock,
    "quote": QuoteBlock,
    "figure": FigureBlock,
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
        BeforeValidator(_shorthand),
    ]


class Section(Model):
    """A numbered body section with a heading."""

    heading: PlainText
    blocks: tuple[Block, ...] = Field(min_length=1)

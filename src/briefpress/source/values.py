"""Values that every file briefpress reads may hold: the rules shared by spec and brand.

A spec, a brand file and a words file are read by the same YAML reader and checked
by pydantic models; the scalar types they have in common, and the error that names a
part of a model, are declared here once, below both readers, so neither borrows from
the other's internals.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, PlainValidator, StringConstraints, WithJsonSchema


class ValueErrorAt(ValueError):
    """A model check's error that belongs to one part of the model (``("rows", 3)``), so
    that it is reported at that part's line rather than at the model's."""

    def __init__(self, where: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.where = where


def not_blank(value: str) -> str:
    """*value*, refused if it holds nothing but spaces (an empty-looking title)."""
    if not value.strip():
        raise ValueError("must not be blank")
    return value


PlainText = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(not_blank),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
"""Text printed as typed, with no inline formatting (titles, labels, names)."""


def kind_of(value: Any) -> str:
    """What a wrong value is, for a message: "nothing", "a list", or the value, shortened."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"'{shorten(str(value))}'"


def shorten(text: str, most: int = 40) -> str:
    """*text*, or its start and its length if it is too long to echo in a message."""
    return text if len(text) <= most else f"{text[:most]}... ({len(text):,} characters)"


MOST_PAGES = 500
"""The largest page limit that can be set (far beyond any briefing)."""


def page_count(value: Any) -> int:
    """A number of pages: a whole number from 1 to :data:`MOST_PAGES`, written plainly."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(
        value, bool) else None
    if text is None or not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"expected a number of pages (a whole number such as 2), got "
                         f"{kind_of(value)}")
    number = int(text[:4]) if len(text) <= 4 else MOST_PAGES + 1
    if not 1 <= number <= MOST_PAGES:
        raise ValueError(f"a page limit is from 1 to {MOST_PAGES}, got {shorten(text)}")
    return number


PageCount = Annotated[
    int, PlainValidator(page_count),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MOST_PAGES}),
]
"""How many pages a paper may run to."""

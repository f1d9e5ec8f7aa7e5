"""Field types of the spec schema: the one place that says what a value may be.

The YAML reader hands every scalar over as the exact string typed, so these
types do the converting themselves, strictly: a number is written in plain
decimal digits, a date as YYYY-MM-DD, a yes/no as ``true``/``false``. Each type
also declares its JSON Schema so that editors check specs as they are typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from briefpress.source.values import kind_of, not_blank, shorten
from briefpress.spec.inline import RichText, parse_inline


class Model(BaseModel):
    """Base of every spec model: unknown keys refused, frozen after validation.

    Scalars arrive as the strings typed; numbers, dates and flags are converted by
    the strict validators below, never by pydantic's lax coercion (which would
    read ``"no"`` as false). Lists are accepted where the model keeps a tuple.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def _inline(value: Any) -> RichText:
    if isinstance(value, RichText):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {kind_of(value)}")
    not_blank(value)
    return parse_inline(value)


Inline = Annotated[
    RichText,
    PlainValidator(_inline),
    WithJsonSchema({
        "type": "string",
        "minLength": 1,
        "description": "Text; **bold**, *italic*, [link](https://...), @fig:id and [^N] "
                       "(cites source note N) allowed.",
    }),
]
"""Text that may carry bold, italic, links and figure citations."""

_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")

MAX_DIGITS = 15
"""The most significant digits, and the most digits after the point, a number may have.

Fifteen digits is what a chart can scale faithfully (a double holds any 15-digit
decimal exactly enough to draw it), and far beyond any count, sum of money or
rate a briefing states; it keeps every bar length finite and every label short.
Text such as a table cell or a stat tile's ``number`` is not a number here and may
be longer: it is printed as typed."""


def _digits_problem(text: str) -> str | None:
    """Why a plain decimal has too many digits to chart, or None."""
    whole, _, fraction = text.lstrip("-").partition(".")
    significant = (whole + fraction).lstrip("0")
    if len(significant) > MAX_DIGITS:
        return (f"{len(significant):,} significant digits; a number may have at most "
                f"{MAX_DIGITS}: round it, or give it in thousands or millions (suffix: "
                "\" million\")")
    if len(fraction) > MAX_DIGITS:
        return (f"{len(fraction):,} digits after the point; a number may have at most "
                f"{MAX_DIGITS}: round it")
    return None


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", text):
            raise ValueError(
                f"expected a number, got {kind_of(value)}; write it without commas "
                f"({shorten(text.replace(',', ''))}): separators are added when printed"
            )
        if text.endswith("%") and _NUMBER.fullmatch(text[:-1].strip()):
            raise ValueError(
                f"expected a number, got {kind_of(value)}; write {shorten(text[:-1].strip())} and "
                "declare the unit on the figure"
            )
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"expected a number, got {kind_of(value)}")
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise ValueError(f"expected a number, got {kind_of(value)}") from None
    else:
        raise ValueError(f"expected a number, got {kind_of(value)}")
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {kind_of(value)}")
    problem = _digits_problem(format(number, "f"))
    if problem is not None:
        raise ValueError(f"{kind_of(value)} has {problem}")
    return number


Number = Annotated[
    Decimal,
    PlainValidator(_number),
    WithJsonSchema({"type": "number"}),
]
"""A decimal number kept exactly as written (``4.50`` keeps its two places)."""


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise ValueError(f"expected true or false, got {kind_of(value)}")


Flag = Annotated[bool, PlainValidator(_bool), WithJsonSchema({"type": "boolean"})]


def _date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {kind_of(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None


IsoDate = Annotated[
    date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]


def _datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", value):
        raise ValueError("expected a date and time written 'YYYY-MM-DD HH:MM', got "
                         f"{kind_of(value)}")
    try:
        return datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise ValueError(f"'{value}' is not a real date and time") from None


IsoDateTime = Annotated[
    datetime,
    PlainValidator(_datetime),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$"}),
]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
"""An id such as ``prosecutions-by-area``: lower-case letters, digits and single hyphens."""


def as_list(value: Any) -> Any:
    """Let a single item stand for a one-item list (``summary: text``)."""
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[
    tuple[Inline, ...],
    BeforeValidator(as_list),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        ]
    }),
]
"""One paragraph as a string, or several as a list of strings."""

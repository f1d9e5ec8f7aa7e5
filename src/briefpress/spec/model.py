"""The briefing spec: one declaration from which validation, docs and JSON Schema come."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from briefpress.spec.blocks import Section
from briefpress.spec.figures import Figure
from briefpress.spec.inline import RichText
from briefpress.spec.types import Inline, IsoDate, Model, Paragraphs, PlainText, Slug


def _text_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Finding(Model):
    """A key finding: one short statement, optionally resting on a figure."""

    text: Inline
    figure: Slug | None = None


class Recommendation(Model):
    """A numbered recommendation, optionally addressed to a body (``to: Ministry of Justice``)."""

    text: Inline
    to: PlainText | None = None


class Contact(Model):
    name: PlainText
    role: PlainText | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: PlainText | None = None


class Briefing(Model):
    """A whole briefing paper."""

    title: PlainText
    subtitle: PlainText | None = None
    series: PlainText | None = None
    number: PlainText | None = None
    date: IsoDate
    authors: tuple[PlainText, ...] = Field(min_length=1)
    keywords: tuple[PlainText, ...] = ()
    language: Literal["en-GB", "cy-GB"] = "en-GB"
    summary: Paragraphs
    findings: tuple[Annotated[Finding, BeforeValidator(_text_shorthand)], ...] = Field(
        min_length=1
    )
    sections: tuple[Section, ...] = ()
    recommendations: tuple[
        Annotated[Recommendation, BeforeValidator(_text_shorthand)], ...
    ] = ()
    figures: tuple[Figure, ...] = ()
    sources: tuple[Inline, ...] = ()
    contacts: tuple[Contact, ...] = ()
    about: Paragraphs | None = None

    def texts(self) -> list[RichText]:
        """Every piece of inline text, for checks that must see all of it."""
        out: list[RichText] = [*self.summary, *(f.text for f in self.findings)]
        out += [r.text for r in self.recommendations]
        out += list(self.sources) + list(self.about or ())
        for section in self.sections:
            for block in section.blocks:
                for value in block.model_dump(mode="python").values():
                    out += _rich_in(value)
        return out


def _rich_in(value: Any) -> list[RichText]:
    if isinstance(value, RichText):
        return [value]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _rich_in(v)]
    if isinstance(value, list | tuple):
        return [r for v in value for r in _rich_in(v)]
    return []

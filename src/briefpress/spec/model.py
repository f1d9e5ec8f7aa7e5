"""The briefing spec: one declaration from which validation, docs and JSON Schema come."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, WithJsonSchema

from briefpress.source.values import PageCount, PlainText
from briefpress.spec.blocks import KeyNumbers, Section
from briefpress.spec.editions import Editions
from briefpress.spec.figures import Figure
from briefpress.spec.inline import RichText
from briefpress.spec.types import (
    Inline,
    IsoDate,
    IsoDateTime,
    Model,
    Paragraphs,
    Slug,
)

Language = Literal["en-GB", "cy-GB"]
"""The languages a paper may be written in: its furniture words come from
``assets/words/<language>.yml``."""


def _text_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Finding(Model):
    """A key finding: one short statement, optionally resting on a figure."""

    text: Inline
    figure: Slug | None = Field(None, description=(
        "The id of a figure the finding rests on; the finding then cites it as '(Figure N)'."))


class Recommendation(Model):
    """A numbered recommendation, optionally addressed to a body (``to: Ministry of Justice``)."""

    text: Inline
    to: PlainText | None = Field(None, description=(
        "Who it is addressed to, e.g. 'Ministry of Justice'."))


def _web(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", value):
        raise ValueError(f"'{value}' is not a web address; write it in full, starting "
                         "https:// (or http://)")
    return value


WebAddress = Annotated[str, AfterValidator(_web), WithJsonSchema(
    {"type": "string", "pattern": "^https?://"})]


class Contact(Model):
    """Who journalists and MPs' staff should call: name, role, and how to reach them."""

    name: PlainText = Field(description="Their name, e.g. 'Harry Fletcher'.")
    role: PlainText | None = Field(None, description=(
        "Their role, e.g. 'Director, Digital-Trust' (quoted: it holds a comma)."))
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="An email address journalists can write to.")
    phone: PlainText | None = Field(None, description="A phone number, as it should print.")
    web: WebAddress | None = Field(None, description=(
        "A web page about them or the briefing, starting https:// or http://; printed as a "
        "link."))


class Briefing(Model):
    """A whole briefing paper: the top level of a spec file."""

    title: PlainText = Field(description="The paper's title, printed large on page 1.")
    subtitle: PlainText | None = Field(None, description="One line under the title.")
    series: PlainText | None = Field(None, description="e.g. 'Briefing paper' (masthead).")
    number: PlainText | None = Field(None, description="The paper's number in its series.")
    date: IsoDate = Field(description="Publication date, YYYY-MM-DD.")
    authors: tuple[PlainText, ...] = Field(min_length=1, description="Organisations or people.")
    keywords: tuple[PlainText, ...] = Field((), description="PDF metadata keywords.")
    language: Language = Field("en-GB", description=(
        "The paper's language: 'en-GB' (English) or 'cy-GB' (Welsh). Every piece of "
        "furniture (headings, 'Page 1 of 4', dates, the embargo line) is printed in it, "
        "from assets/words/<language>.yml, and the PDF declares it for screen readers."))
    embargo: IsoDateTime | None = Field(None, description=(
        "'YYYY-MM-DD HH:MM': prints 'EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014' in red on "
        "page 1 and records it in the PDF's metadata."))
    status: Literal["draft", "final"] = Field("final", description=(
        "'draft' stamps DRAFT on every page."))
    profiles: tuple[Literal["screen", "print", "large-print"], ...] | None = Field(
        None, min_length=1, description=(
            "The papers to make: 'screen' (emailed, read on screen), 'print' (for a print "
            "shop: CMYK, bleed, crop marks) and 'large-print' (16pt and up). The default is "
            "the brand's; 'briefpress build --profile' overrides both."))
    max_pages: PageCount | None = Field(None, description=(
        "The most pages the paper may run to, e.g. 2 for a two-sided briefing; a paper that "
        "runs longer is an error naming how far over it is and what falls on the extra pages. "
        "Replaces the brand's limit (defaults.briefpress.max-pages). Large print, which "
        "needs more pages, is not limited."))
    summary: Paragraphs = Field(description="One paragraph, or a list of them, for page 1.")
    key_numbers: KeyNumbers | None = Field(None, description=(
        "Up to four stat tiles printed on page 1, under the title."))
    findings: tuple[Annotated[Finding, BeforeValidator(
        _text_shorthand, json_schema_input_type=str | Finding)], ...] = Field(
        min_length=1, description="Numbered key findings (a string, or {text, figure}).")
    sections: tuple[Section, ...] = Field((), description="Numbered body sections.")
    recommendations: tuple[Annotated[Recommendation, BeforeValidator(
        _text_shorthand, json_schema_input_type=str | Recommendation)], ...] = Field(
        (), description="Numbered recommendations (a string, or {text, to}).")
    figures: tuple[Figure, ...] = Field((), description="Charts, placed with '- figure: id'.")
    sources: tuple[Inline, ...] = Field((), description="Numbered notes listed under 'Sources'.")
    notes_to_editors: tuple[Inline, ...] = Field((), description=(
        "Numbered 'Notes to editors' for the press, printed after the sources."))
    contacts: tuple[Contact, ...] = Field((), description="Press and policy contacts.")
    about: Paragraphs | None = Field(None, description=(
        "Replaces the brand's 'about' text for this paper."))
    editions: Editions | None = Field(None, description=(
        "Make one paper per row of a CSV file (an edition per area), each filling in the "
        "placeholders in the text ('In {force}, ...') from its own row."))

    def texts(self) -> list[RichText]:
        """Every piece of inline text, in document order, for checks that must see all of it."""
        return [v for _, v in walk(self) if isinstance(v, RichText)]


Loc = tuple[str | int, ...]


def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value in a validated model with its location, in document order.

    Models, dataclasses, mappings and tuples are opened (a mapping's text keys are
    yielded too, as text at the mapping's location); RichText is a leaf, since its
    runs are one text.
    """
    yield loc, value
    if isinstance(value, RichText):
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*loc, name))
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from walk(getattr(value, f.name), (*loc, f.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield loc, key
            yield from walk(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from walk(item, (*loc, i))

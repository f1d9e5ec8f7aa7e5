"""The words a paper prints around the author's text, in the paper's language.

"Summary", "Page 3 of 5", "21 November 2014": every piece of furniture comes
from one :class:`Words` value, so a Welsh paper differs from an English one only
in the value it is given, never in code. The values live in the project, one
file per language (``assets/words/en-GB.yml``, ``assets/words/cy-GB.yml``), so
the charity can correct a word without touching code. Each file is read like
brand.yml (the strict YAML reader and text policy) and checked against the
fields here: a missing or unknown word, a placeholder such as ``{page}`` that
the word must have or may not have, and a character the brand font cannot draw
are each a located error (``assets/words/cy-GB.yml:12:7: page: ...``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from briefpress.errors import Problem, SpecError
from briefpress.source.diagnose import problems_from
from briefpress.source.textpolicy import describe_missing
from briefpress.source.values import PlainText
from briefpress.source.yamlload import Document, display_path, load_file
from briefpress.spec.model import Language

LANGUAGES: tuple[str, ...] = get_args(Language)
"""The languages a spec may be written in (``language:``), each with its words file."""


@dataclass(frozen=True)
class Words:
    """Furniture words. ``{}`` fields are filled in: ``Page {page} of {total}``."""

    summary: str = "Summary"
    key_findings: str = "Key findings"
    recommendations: str = "Recommendations"
    sources: str = "Sources and notes"
    notes_to_editors: str = "Notes to editors"
    contact: str = "Contact"
    about: str = "About {name}"
    by: str = "By {names}"
    by_several: str = "By {names}"
    names_and: str = "{names} and {last}"
    figure: str = "Figure {number}"
    figure_caption: str = "Figure {number}: {title}"
    source_line: str = "Source: {source}"
    notes_line: str = "Notes: {notes}"
    to: str = "To: {body}"
    what_would_have_helped: str = "What would have helped"
    page: str = "Page {page} of {total}"
    charity_number: str = "Registered charity number {number}"
    embargo: str = "EMBARGOED UNTIL {time} {weekday} {day} {month} {year}"
    immediate_release: str = "FOR IMMEDIATE RELEASE"
    draft: str = "DRAFT"
    draft_banner: str = "DRAFT \u2013 NOT FOR PUBLICATION"
    source_note: str = "Source note {number}"
    email_link: str = "Email {name}: {email}"
    email_label: str = "Email: {email}"
    phone_label: str = "Phone: {phone}"
    attached: str = "The full briefing is attached: {file}"
    months: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December")
    weekdays: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday")
    date_format: str = "{day} {month} {year}"

    def long_date(self, when: date) -> str:
        """``21 November 2014``, from these words, whatever the machine's locale."""
        return self.date_format.format(day=when.day, month=self.months[when.month - 1],
                                       year=when.year)

    def embargo_line(self, when: datetime) -> str:
        """``EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014``."""
        return self.embargo.format(
            time=f"{when:%H:%M}", weekday=self.weekdays[when.weekday()].upper(),
            day=when.day, month=self.months[when.month - 1].upper(), year=when.year)

    def join(self, names: list[str]) -> str:
        """``A``, ``A and B``, ``A, B and C``."""
        if len(names) == 1:
            return names[0]
        return self.names_and.format(names=", ".join(names[:-1]), last=names[-1])

    def byline(self, names: list[str]) -> str:
        """``By A and B``: the one-author or several-author form."""
        return (self.by if len(names) == 1 else self.by_several).format(names=self.join(names))


ENGLISH = Words()
"""The English words, used for English papers when a project has no ``en-GB.yml``."""

FIELDS = tuple(f.name for f in fields(Words))

LISTS = {"months": 12, "weekdays": 7}
"""The words that are lists, and how many each holds."""

PLACEHOLDERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (frozenset(required), frozenset(optional)) for name, required, optional in (
        ("about", (), ("name",)),
        ("by", ("names",), ()),
        ("by_several", ("names",), ()),
        ("names_and", ("names", "last"), ()),
        ("figure", ("number",), ()),
        ("figure_caption", ("number", "title"), ()),
        ("source_line", ("source",), ()),
        ("notes_line", ("notes",), ()),
        ("to", ("body",), ()),
        ("page", ("page", "total"), ()),
        ("charity_number", ("number",), ()),
        ("embargo", ("time", "day", "month", "year"), ("weekday",)),
        ("source_note", ("number",), ()),
        ("email_link", ("email",), ("name",)),
        ("email_label", ("email",), ()),
        ("phone_label", ("phone",), ()),
        ("attached", ("file",), ()),
        ("date_format", ("day", "month", "year"), ()),
    )
}
"""For each word with blanks: the placeholders it must have, and those it may have.
Every other word has none."""


def _file_field(name: str) -> tuple[Any, Any]:
    if name in LISTS:
        count = LISTS[name]
        return (tuple[PlainText, ...], Field(min_length=count, max_length=count))
    return (PlainText, ...)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


_WordsFile: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "WordsFile", __base__=_Closed, **{name: _file_field(name) for name in FIELDS})
"""A words file: every field of :class:`Words`, each required, nothing else."""


@dataclass(frozen=True)
class LanguageWords:
    """One language's words as the project gives them, or why they cannot be used."""

    language: str
    words: Words | None
    problems: tuple[Problem, ...] = ()
    """Errors in the file (the words cannot be used), or warnings about it."""
    file: str | None = None
    """The file the words came from, as shown in messages (None: built in)."""


Lacks = Any  # Callable[[str], list[str]]: the characters of a text the brand font lacks


def words_file(assets: Path, language: str) -> Path:
    """Where a language's words live in a project."""
    return assets / "words" / f"{language}.yml"


def load_languages(assets: Path, shown: str, lacks: Lacks, font: str
                   ) -> tuple[LanguageWords, ...]:
    """Every language's words: from ``assets/words/<language>.yml``, checked; English falls
    back to the built-in words when the project has no file for it. *shown* is how the
    assets folder is written in messages."""
    out = []
    for language in LANGUAGES:
        path = words_file(assets, language)
        display = f"{shown}/words/{language}.yml"
        if path.is_file():
            out.append(load_words(path, display, language, lacks, font))
        elif language == "en-GB":
            out.append(LanguageWords(language, ENGLISH))
        else:
            out.append(LanguageWords(language, None, file=display))
    return tuple(out)


def load_words(path: Path, display: str, language: str, lacks: Lacks, font: str
               ) -> LanguageWords:
    """One words file, checked in full; its problems are kept, not raised, so that only a
    paper in that language fails on them."""
    try:
        doc = load_file(path, display)
    except SpecError as exc:
        return LanguageWords(language, None, exc.problems, display)
    if not isinstance(doc.data, dict):
        return LanguageWords(language, None, (Problem(
            display, 1, 1, "", "a words file is a mapping of words (summary: Summary, ...); "
            f"see {language}.yml as shipped"),), display)
    try:
        raw = _WordsFile.model_validate(doc.data)
    except ValidationError as exc:
        return LanguageWords(language, None, tuple(doc.problems + problems_from(
            exc, doc, _WordsFile)), display)
    values = {name: getattr(raw, name) for name in FIELDS}
    problems = list(doc.problems)
    for name in FIELDS:
        problems += _placeholder_problems(doc, name, values[name])
        problems += _undrawable(doc, name, values[name], lacks, font)
    if problems:
        return LanguageWords(language, None, tuple(problems), display)
    return LanguageWords(language, Words(**values), (), display)


def _at(doc: Document, path: tuple[str | int, ...], message: str) -> Problem:
    mark = doc.mark(path)
    return Problem(doc.file, mark.line if mark else None, mark.column if mark else None,
                   display_path(path), message)


def _placeholder_problems(doc: Document, name: str, value: str | tuple[str, ...]
                          ) -> list[Problem]:
    """A placeholder the word must have and lacks, one it may not have, or a brace that
    opens no placeholder."""
    if not isinstance(value, str):
        return []
    required, optional = PLACEHOLDERS.get(name, (frozenset(), frozenset()))
    allowed = required | optional
    may = (", ".join(f"{{{p}}}" for p in sorted(allowed))) if allowed else "none"
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError:
        return [_at(doc, (name,), "a '{' or '}' that opens or closes no placeholder; write "
                    f"placeholders like {{page}}, and a brace itself as {{{{ or }}}} "
                    f"(placeholders here: {may})")]
    used: list[str] = []
    problems = []
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if spec or conversion:
            problems.append(_at(doc, (name,), f"placeholder {{{field}}} is written with a "
                                f"format or conversion; write it plainly (placeholders here: "
                                f"{may})"))
        elif field not in allowed:
            problems.append(_at(doc, (name,), f"unknown placeholder {{{field}}}; "
                                + (f"this word may use {may}" if allowed else
                                   "this word has no placeholders (write a brace itself as "
                                   "{{ or }})")))
        used.append(field)
    missing = [p for p in sorted(required) if p not in used]
    if missing:
        problems.append(_at(doc, (name,), "missing placeholder " + ", ".join(
            f"{{{p}}}" for p in missing) + f"; this word must say where it goes (placeholders "
            f"here: {may})"))
    return problems


def _undrawable(doc: Document, name: str, value: str | tuple[str, ...], lacks: Lacks,
                font: str) -> list[Problem]:
    """Each word's characters must be in the brand font, as every printed text's are."""
    items = [((name,), value)] if isinstance(value, str) else [
        ((name, i), v) for i, v in enumerate(value)]
    problems = []
    for path, text in items:
        chars = lacks(text)
        if chars:
            mark = doc.char_mark(path, chars[0]) or doc.mark(path)
            problems.append(Problem(doc.file, mark.line if mark else None,
                                    mark.column if mark else None, display_path(path),
                                    describe_missing(chars, font)))
    return problems


__all__ = ["ENGLISH", "FIELDS", "LANGUAGES", "LanguageWords", "Words", "load_languages",
           "load_words", "words_file"]


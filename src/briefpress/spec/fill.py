"""Filling in a spec's placeholders for one edition: one Briefing per row.

The spec is validated once, as written; then each text holding a placeholder (a
*site*) is parsed once, and checked against the edition table's columns. For an
edition, each site is filled in from the edition's row and put back into a copy of
the Briefing, so every edition is the same valid paper with its own words, and
every later stage sees an ordinary Briefing.

A value is inserted as plain text: in text that takes formatting, the characters
that would start it (``\\ * [ ] @``) are escaped first, so a value can never become
bold, a link or a citation. What a chart draws (its labels, axis label, series,
prefix and suffix) is the same in every edition, since a chart is drawn once: a
placeholder there is an error, and its braces are filled in once for all editions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from briefpress.errors import Problem
from briefpress.source.diagnose import did_you_mean
from briefpress.source.textpolicy import MAX_TEXT_CHARS, too_long
from briefpress.spec.inline import RichText, parse_inline
from briefpress.spec.model import Briefing, Loc, walk
from briefpress.spec.template import Template, TemplateError, parse, render

Kind = Literal["inline", "plain", "cell", "highlight"]
Locate = Callable[[Loc, str, str | None], Problem]
"""A located problem at a model location (with the character to point at, if any)."""

_NOT_TEXT = frozenset({"email", "figure", "language", "status"})
"""Keys whose value is an address, an id or a choice, never printed text."""
_FIGURE_PER_EDITION = frozenset({"title", "source", "notes", "alt"})
_FIGURE_NOT_TEXT = frozenset({"csv", "file", "id", "kind", "orientation", "sort"})
_MARKUP = re.compile(r"([\\*\[\]@])")


@dataclass(frozen=True)
class Site:
    """A text that holds a placeholder: where it is, parsed, and how it is filled in."""

    loc: Loc
    template: Template
    kind: Kind


@dataclass(frozen=True)
class Sites:
    """The briefing with what is the same in every edition filled in, and its sites."""

    briefing: Briefing
    sites: tuple[Site, ...]
    problems: tuple[Problem, ...]


def _kind(loc: Loc, value: Any) -> Kind | Literal["chart"] | None:
    """How the text at *loc* is filled in: per edition (as formatted text, plain text, a
    table cell or a highlight), once for every edition (drawn in a chart), or not at all."""
    if not loc or loc[0] in ("editions", "profiles") or loc[-1] in _NOT_TEXT:
        return None
    if loc[0] == "figures" and len(loc) >= 3:
        field = loc[2]
        if field in _FIGURE_NOT_TEXT:
            return None
        if field == "highlight":
            return "highlight"
        return "plain" if field in _FIGURE_PER_EDITION else "chart"
    if isinstance(value, RichText):
        return "inline"
    return "cell" if len(loc) >= 3 and loc[-3] == "rows" else "plain"


def _texts(briefing: Briefing) -> Iterator[tuple[Loc, Any, str]]:
    for loc, value in walk(briefing):
        if isinstance(value, RichText):
            yield loc, value, value.source
        elif isinstance(value, str):
            yield loc, value, value


def find_sites(briefing: Briefing, columns: Collection[str], file: str,
               locate: Locate) -> Sites:
    """Every text with a placeholder, each checked once: its braces make sense, it names
    only columns of the table, and it is not drawn in a chart."""
    sites: list[Site] = []
    problems: list[Problem] = []
    constants: dict[Loc, Any] = {}
    for loc, value, text in _texts(briefing):
        if "{" not in text and "}" not in text:
            continue
        kind = _kind(loc, value)
        if kind is None:
            continue
        try:
            template = parse(text)
        except TemplateError as exc:
            problems.append(locate(loc, exc.message, text[exc.index]))
            continue
        unknown = [c for c in template.columns() if c not in columns]
        for column in unknown:
            problems.append(locate(loc, f"CSV '{file}' has no column '{column}'"
                                   f"{did_you_mean(column, columns)} (columns: "
                                   f"{', '.join(columns)})", "{"))
        if unknown:
            continue
        if kind == "chart" and not template.constant:
            problems.append(locate(loc, "a chart is drawn once for every edition, so what it "
                                   "draws cannot name a column; put the placeholder in the "
                                   "figure's title or notes instead", "{"))
        elif template.constant:
            shown = render(template, {})
            constants[loc] = parse_inline(shown) if isinstance(value, RichText) else shown
        else:
            sites.append(Site(loc, template, "plain" if kind == "chart" else kind))
    return Sites(put_all(briefing, constants), tuple(sites), tuple(problems))


def escape_markup(value: str) -> str:
    """*value* with every character that starts inline formatting escaped: plain text."""
    return _MARKUP.sub(r"\\\1", value)


@dataclass(frozen=True)
class Filled:
    """One edition's briefing, or the problems that keep it from being made."""

    briefing: Briefing
    problems: tuple[Problem, ...]


def fill(sites: Sites, values: Mapping[str, str], where: Callable[[str | None], str],
         locate: Locate, categories: Mapping[int, Collection[str]] | None = None) -> Filled:
    """The briefing as the edition whose row is *values* prints it.

    *where* names the edition's row, or a column of it (``CSV 'x.csv', row 7, column
    'force'``), to start each problem's message;
    *categories* are each bar chart's categories by figure index, so that a highlight
    naming something the chart does not show is no highlight at all.
    """
    updates: dict[Loc, Any] = {}
    problems: list[Problem] = []
    b = sites.briefing
    for site in sites.sites:
        missing: list[str] = []
        escape = escape_markup if site.kind == "inline" else str
        text = render(site.template, values, escape, missing)
        for column in missing:
            problems.append(locate(site.loc, f"{where(column)}: the cell is empty, and this "
                                   "text needs it; fill it in, or give the text to print "
                                   f"without it: {{{column}|...}}", "{"))
        if missing:
            continue
        if len(text) > MAX_TEXT_CHARS:
            problems.append(locate(site.loc, f"{where(None)}: filled in, the "
                                   f"{too_long(len(text))}", None))
            continue
        value, problem = _value(b, site, text, lambda loc, message: locate(
            loc, f"{where(None)}: filled in, {message}", None), categories or {})
        if problem is not None:
            problems.append(problem)
        else:
            updates[site.loc] = value
    if problems:
        return Filled(b, tuple(problems))
    return Filled(put_all(b, updates), ())


def _value(b: Briefing, site: Site, text: str, locate: Callable[[Loc, str], Problem],
           categories: Mapping[int, Collection[str]]) -> tuple[Any, Problem | None]:
    """The filled-in text as the model holds it there, or the problem with it."""
    blank = not text.strip()
    if site.kind == "highlight":
        index = site.loc[1]
        shown = categories.get(index, ()) if isinstance(index, int) else ()
        return (text if text in shown else None), None
    if site.kind == "cell" or (blank and _optional(b, site.loc)):
        return (None if blank else text), None
    if blank:
        return None, locate(site.loc, "this text is empty; give it words that do not depend "
                            "on the row")
    if site.kind == "plain":
        return text, None
    try:
        rich = parse_inline(text)
    except ValueError as exc:
        return None, locate(site.loc, str(exc))
    ids = {f.id for f in b.figures}
    bad = [f"@fig:{c}" for c in rich.citations if c not in ids]
    bad += [f"[^{n}]" for n in rich.notes if n > len(b.sources)]
    if bad:
        return None, locate(site.loc, f"the text cites {', '.join(bad)}, which this paper "
                            "does not have")
    return rich, None


def _optional(b: Briefing, loc: Loc) -> bool:
    """Whether the field at *loc* may be left out (an empty text then leaves it out)."""
    node: Any = b
    for part in loc[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    name = loc[-1]
    if isinstance(node, BaseModel) and isinstance(name, str):
        field = type(node).model_fields.get(name)
        return field is not None and not field.is_required()
    return False


def put_all(node: Any, updates: Mapping[Loc, Any]) -> Any:
    """*node* with the value at each location replaced (frozen models are copied, not
    changed: the template stays as it was)."""
    if not updates:
        return node
    if () in updates:
        return updates[()]
    grouped: dict[str | int, dict[Loc, Any]] = {}
    for loc, value in updates.items():
        grouped.setdefault(loc[0], {})[loc[1:]] = value
    if isinstance(node, BaseModel):
        return node.model_copy(update={str(k): put_all(getattr(node, str(k)), v)
                                       for k, v in grouped.items()})
    if isinstance(node, tuple):
        items = list(node)
        for k, v in grouped.items():
            assert isinstance(k, int)
            items[k] = put_all(items[k], v)
        return tuple(items)
    raise TypeError(f"cannot set a value inside {type(node).__name__}")

"""Placeholders in the text of a spec with editions: ``In {force}, ...``.

In a spec with ``editions:``, text may name a column of the edition's row in
braces; each edition prints its own row's value there, as plain text (never read
as formatting). Four forms:

* ``{force}``: the value; an edition whose cell is empty fails, naming the row;
* ``{trained|no figure}``: the value, or the text after ``|`` where the cell is empty;
* ``{trained?By January 2014, {trained} staff}``: the text after ``?`` where the
  cell is filled, nothing where it is empty;
* ``{trained?... {trained} ...|The answers give no figure for {force}.}``: the text
  after ``?`` where the cell is filled, the text after ``|`` where it is empty.

The texts inside may hold placeholders themselves. ``{{`` and ``}}`` print one
brace (inside braces too); a ``|`` inside the text after ``?`` ends it. In a spec
without editions braces are ordinary characters and nothing here applies.

Parsing and filling in are pure functions: the spec stage parses each text once,
reports what is wrong with it at its line, and fills it in for every edition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Slot", "Template", "TemplateError", "parse", "render"]


class TemplateError(ValueError):
    """A text whose braces do not make placeholders; ``index`` is where the problem is."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


@dataclass(frozen=True)
class Slot:
    """One placeholder: the column it names and what it prints.

    ``then`` is what a filled cell prints (``None``: the value itself); ``otherwise``
    what an empty cell prints (``None``: nothing can be printed, the edition fails).
    """

    column: str
    then: tuple[Part, ...] | None
    otherwise: tuple[Part, ...] | None


Part = str | Slot


@dataclass(frozen=True)
class Template:
    """A text parsed into literal pieces and placeholders."""

    source: str
    parts: tuple[Part, ...]

    @property
    def constant(self) -> bool:
        """True if the text holds no placeholder (it prints the same in every edition)."""
        return all(isinstance(p, str) for p in self.parts)

    def columns(self) -> list[str]:
        """Every column named, in order of appearance, each once."""
        found: dict[str, None] = {}
        _columns(self.parts, found)
        return list(found)


def _columns(parts: tuple[Part, ...], found: dict[str, None]) -> None:
    for part in parts:
        if isinstance(part, Slot):
            found.setdefault(part.column, None)
            for arm in (part.then, part.otherwise):
                if arm is not None:
                    _columns(arm, found)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def parts(self, stops: str) -> tuple[Part, ...]:
        """Literal text and placeholders up to (not including) one of *stops* or the end."""
        out: list[Part] = []
        buf: list[str] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in "{}" and text.startswith(ch * 2, self.pos):
                buf.append(ch)
                self.pos += 2
            elif ch in stops:
                break
            elif ch == "{":
                if buf:
                    out.append("".join(buf))
                    buf = []
                out.append(self.slot())
            elif ch == "}":
                raise TemplateError("a '}' closes no placeholder; write '}}' to print a brace",
                                    self.pos)
            else:
                buf.append(ch)
                self.pos += 1
        if buf:
            out.append("".join(buf))
        return tuple(out)

    def slot(self) -> Slot:
        start = self.pos
        self.pos += 1
        end = self.pos
        while end < len(self.text) and self.text[end] not in "{}|?":
            end += 1
        column = self.text[self.pos:end].strip()
        if end >= len(self.text):
            raise TemplateError("a '{' is never closed; close the placeholder with '}', or "
                                "write '{{' to print a brace", start)
        if self.text[end] == "{":
            raise TemplateError("a '{' inside a column name; close the placeholder first, or "
                                "write '{{' to print a brace", end)
        if not column:
            raise TemplateError("a placeholder names no column: write the column's name "
                                "between the braces, or '{{' to print a brace", start)
        self.pos = end
        then: tuple[Part, ...] | None = None
        otherwise: tuple[Part, ...] | None = None
        if self.text[self.pos] == "?":
            self.pos += 1
            then = self.parts("|}")
            otherwise = ()
        if self.pos < len(self.text) and self.text[self.pos] == "|":
            self.pos += 1
            otherwise = self.parts("}")
        if self.pos >= len(self.text) or self.text[self.pos] != "}":
            raise TemplateError("a '{' is never closed; close the placeholder with '}', or "
                                "write '{{' to print a brace", start)
        self.pos += 1
        return Slot(column, then, otherwise)


def parse(text: str) -> Template:
    """*text* as a template; raises :class:`TemplateError` for braces that make no sense."""
    if "{" not in text and "}" not in text:
        return Template(text, (text,) if text else ())
    return Template(text, _Parser(text).parts(""))


Escape = Callable[[str], str]


def render(template: Template, values: Mapping[str, str], escape: Escape = str,
           missing: list[str] | None = None) -> str:
    """The text as one edition prints it: each value from *values* (column -> cell text,
    ``""`` for an empty cell) passed through *escape*; the columns whose empty cell left
    a placeholder with nothing to print are added to *missing*."""
    out: list[str] = []
    _render(template.parts, values, escape, out, missing if missing is not None else [])
    return "".join(out)


def _render(parts: tuple[Part, ...], values: Mapping[str, str], escape: Escape,
            out: list[str], missing: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        value = values.get(part.column, "")
        if value.strip():
            if part.then is None:
                out.append(escape(value))
            else:
                _render(part.then, values, escape, out, missing)
        elif part.otherwise is not None:
            _render(part.otherwise, values, escape, out, missing)
        elif part.column not in missing:
            missing.append(part.column)

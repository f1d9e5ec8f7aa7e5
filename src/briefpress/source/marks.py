"""Positions in a source file, down to the character.

A problem with one character (an invisible one pasted from a word processor, one
the brand font cannot draw) is reported at that character's own line and
column, not at the start of the paragraph it sits in. The reader records where
each scalar was typed (a :data:`Span`), and :func:`find_char` finds the
character in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


Span = tuple[int, int, Mark, str | None]
"""Where a scalar was typed: start and end index in the source, its first character's
mark, and its YAML style (``'"'`` for double-quoted, whose escapes stand for characters)."""

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as PyYAML counts them, so computed marks agree with the parser's."""

_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_NAMED_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v",
                  "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0",
                  "L": "\u2028", "P": "\u2029"}
"""YAML's one-letter escapes in double-quoted scalars, and the characters they stand for."""


def find_char(source: str, span: Span, char: str) -> Mark | None:
    """Where *char* was typed in the scalar at *span* of *source*, if it was.

    The rule: the first place in the scalar's source text where the character
    stands as itself or, in a double-quoted scalar, as an escape (``\\u200B``,
    ``\\0``), whichever comes first. Folding and indentation change only spaces and
    line breaks, so this is exact for every scalar style, on one line or many. A
    character that only Unicode normalisation produced (a letter composed from a
    letter and an accent) is not in the source: then ``None``, and the caller
    names the scalar's start.
    """
    start, end, mark, style = span
    found = source.find(char, start, end)
    if style == '"':
        for m in _ESCAPE.finditer(source, start, found if found >= 0 else end):
            if _unescape(m.group(1)) == char:
                found = m.start()
                break
    if found < 0:
        return None
    return _advance(source, start, found, mark)


def _unescape(code: str) -> str:
    if len(code) > 1:
        point = int(code[1:], 16)
        return chr(point) if point <= 0x10FFFF else ""
    return _NAMED_ESCAPES.get(code, code)


def _advance(source: str, start: int, index: int, mark: Mark) -> Mark:
    """The mark of *index*, counting lines and columns on from *mark* at *start*."""
    line, line_start = mark.line, start - (mark.column - 1)
    for m in _BREAK.finditer(source, start, index):
        line, line_start = line + 1, m.end()
    return Mark(line, index - line_start + 1)

"""Slips YAML accepts without a word: text the author typed that was read otherwise.

Two are common in specs written by hand or pasted from Word:

* a comma inside ``[...]`` or ``{...}`` separates values, so ``{June 2013: 38,434}``
  is June 2013: 38 plus a key '434', ``[All areas, 1,346]`` has three cells, and
  ``{role: Director, Digital-Trust}`` has a key 'Digital-Trust'. These are errors
  that say what was read and how to write it; the confusing problems they cause
  later (an unknown key, a row of the wrong length) are left out.
* a space then ``#`` starts a comment, so in ``Join us #StalkingAwareness today``
  the words from the ``#`` on are silently dropped. That is a warning naming
  where the text was cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefpress.errors import Problem
from briefpress.source.yamlload import Document, PathKey, Scalar, display_path

_HASHTAG = re.compile(r"( +)#\S")
_GROUP_LEAD = re.compile(r"(?<![0-9])[0-9]{1,3}$")
_GROUP = re.compile(r"[0-9]{3}(?![0-9])")
_NUMBER = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_CURLY_OPEN = "\u201c\u2018\u201e"
_CURLY_CLOSE = "\u201d\u2019\u201c"
_COUNT = {2: "two", 3: "three", 4: "four"}


@dataclass(frozen=True)
class Slips:
    """What :func:`find_slips` found, and the paths whose later problems it explains."""

    problems: tuple[Problem, ...]
    covered: tuple[PathKey, ...]


def find_slips(doc: Document) -> Slips:
    """Every comma split (an error) and every text cut at ' #' (a warning) in *doc*."""
    problems: list[Problem] = []
    covered: list[PathKey] = []
    for run in _comma_runs(doc):
        problems.append(_split_problem(doc, run))
        first = run[0]
        covered += [s.path for s in run[1:] if s.role == "key"]
        if first.role == "item" and first.flow is not None:
            covered.append(first.flow)
    problems += _comment_cuts(doc)
    return Slips(tuple(problems), tuple(covered))


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _comment_cuts(doc: Document) -> Iterator[Problem]:
    """Plain text values followed on their line by ' #word': the words were dropped."""
    text = doc.source
    for s in doc.scalars:
        if not s.plain or s.role == "key":
            continue
        rest = text[s.end:_line_end(text, s.end)]
        found = _HASHTAG.match(rest)
        if found is None:
            continue
        at = s.end + len(found.group(1))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        dropped = rest[len(found.group(1)):].rstrip()
        shown = dropped if len(dropped) <= 40 else dropped[:39] + "…"
        yield Problem(doc.file, line, column, display_path(s.path), (
            f"the text stops before ' #': YAML reads '{shown}' as a comment and drops it; "
            "put the whole text in double quotes to keep it"), "warning")


def _comma_runs(doc: Document) -> Iterator[list[Scalar]]:
    """Runs of scalars in one [...] or {...} that were one piece of text split at commas."""
    run: list[Scalar] = []
    previous: Scalar | None = None
    for s in doc.scalars:
        if s.flow is None or (s.plain and s.value == "" and s.start == s.end):
            continue  # not in brackets, or the empty value of a key given without one
        if previous is not None and previous.flow == s.flow and _split(doc.source, previous, s):
            run = run or [previous]
            run.append(s)
        else:
            if run:
                yield run
            run = []
        previous = s
    if run:
        yield run


def _split(text: str, a: Scalar, b: Scalar) -> bool:
    """Whether *b* is more of the text of *a*, cut off by a comma (see the module doc)."""
    if not (a.plain and b.plain):
        return False
    gap = text[a.end:b.start]
    if gap == "," and _GROUP_LEAD.search(a.value) and _GROUP.match(b.value):
        return True  # 38,434 or Over 1,000: a thousands separator
    if not re.fullmatch(r", *", gap):
        return False
    if a.value[:1] in _CURLY_OPEN and not any(q in a.value[1:] for q in _CURLY_CLOSE):
        return True  # “Digital-Trust, APPG”: curly quotes do not quote in YAML
    if a.role != "value" or b.role != "key":
        return False
    after = text[b.end:_line_end(text, b.end)].lstrip(" ")
    return not after.startswith(":")  # a key with no colon: more of the text before it


def _split_problem(doc: Document, run: list[Scalar]) -> Problem:
    first, last = run[0], run[-1]
    typed = doc.source[first.start:last.end]
    quoted_pieces = [f"'{s.value}'" for s in run]
    pieces = ", ".join(quoted_pieces[:-1]) + " and " + quoted_pieces[-1]
    count = _COUNT.get(len(run), str(len(run)))
    brackets = "{ }" if first.role != "item" else "[ ]"
    said = (f"'{typed}' was read as {count} separate values, {pieces}: inside {brackets} a "
            "comma separates values")
    quoted = '"' + typed.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if typed[:1] in _CURLY_OPEN:
        fix = ("curly quotes (\u201c \u201d) are not quotation marks to YAML: put text that "
               f"holds a comma in straight double quotes: {quoted}")
    elif _NUMBER.fullmatch(typed):
        fix = (f"numbers are written without separators ({typed.replace(',', '')}); quote text "
               f"that holds a comma ({quoted}); put a space after a comma between two values")
    else:
        fix = f"quote text that holds a comma: {quoted}"
    return Problem(doc.file, first.mark.line, first.mark.column, display_path(first.path),
                   f"{said}; {fix}")

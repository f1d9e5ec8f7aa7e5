"""Plain-English advice for YAML syntax errors, from the text around them.

PyYAML says what its grammar expected ("mapping values are not allowed here",
"expected <block end>, but found '?'"); an author who is not a programmer needs
the likely cause and the fix. The causes are few and show in the text: a colon
or ' #' in unquoted text, curly quotes pasted from Word, an apostrophe inside
single quotes, text that starts with a character YAML reserves (``*bold*``,
``@fig:``, ``[a link]``), and a line indented differently from the lines it
belongs with. :func:`explain` keeps PyYAML's located message and adds one
sentence of advice after "; ", so each problem stays one line.
"""

from __future__ import annotations

import re

import yaml
from yaml.tokens import (
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
)

from briefpress.source.yamlindent import KEY, indentation, looks_like_key

CURLY = "\u201c\u201d\u2018\u2019\u201e\u201f\u201a\u201b"
"""Quotation marks a word processor types, which YAML reads as ordinary letters."""

_LINE_START = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)")
_HASHTAG = re.compile(r"(?<=\s)#\S")


def explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """1-based line and column of a syntax error, and its message with advice if any.

    An error found at the end of the file is placed where the unfinished thing
    began (an unclosed quotation mark or list), which is where the author looks.
    """
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    where = mark
    if exc.context_mark is not None and mark is not None and (
            mark.index >= len(text.rstrip()) or problem.startswith("could not find expected ':'")):
        where = exc.context_mark
    message = f"{problem} ({context})" if context else problem
    hint, moved = _hint(text, exc) if mark is not None else (None, None)
    line, column = (where.line + 1, where.column + 1) if where is not None else (1, 1)
    if moved is not None:
        line, column = moved
    return line, column, f"{message}; {hint}" if hint else message


Place = tuple[int, int]
"""A 1-based line and column."""


def _hint(text: str, exc: yaml.MarkedYAMLError) -> tuple[str | None, Place | None]:
    """Advice for a syntax error, and a better place to report it, if either is known."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    assert mark is not None
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    line = lines[mark.line] if mark.line < len(lines) else ""
    before = line[: mark.column]
    first = exc.context_mark.line if exc.context_mark is not None else mark.line
    near = [mark.line] if "block" in context else sorted({first, mark.line})
    opened = _open_flow(text, mark.index)
    if opened is not None and opened < near[0]:
        near = list(range(opened, mark.line + 1))  # the whole unclosed [...] or {...}
    for rule in (_curly, _quote_closed, _reserved_start):
        hint = rule(lines, near, before, problem, context)
        if hint:
            return hint, None
    cut = _comment(lines, near, before)
    if cut is not None:
        return cut
    return _grammar_hint(text, lines, exc), None


def _grammar_hint(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> str | None:
    """Advice from what the parser expected: quotes never closed, colons, indentation."""
    mark = exc.problem_mark or exc.context_mark
    assert mark is not None
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if problem == "found unexpected end of stream" and "quoted scalar" in context:
        return "this quotation mark is never closed: end the text with the same mark"
    if problem.startswith("found unknown escape character"):
        return ("in double quotes a backslash starts an escape: write two (\\\\) for one, or put "
                "the text in single quotes")
    if problem == "mapping values are not allowed here":
        return _colon(lines, mark.line, mark.column, text)
    if problem.startswith(("expected <block end>", "expected '<document start>'")):
        return indentation(text, mark.line)
    if problem.startswith("could not find expected ':'") and exc.context_mark is not None:
        return indentation(text, exc.context_mark.line)
    return None


def _open_flow(text: str, end: int) -> int | None:
    """The line where the outermost [...] or {...} still open at offset *end* began."""
    starts: list[int] = []
    try:
        for tok in yaml.scan(text[:end], Loader=yaml.SafeLoader):
            if isinstance(tok, FlowSequenceStartToken | FlowMappingStartToken):
                starts.append(tok.start_mark.line)
            elif isinstance(tok, FlowSequenceEndToken | FlowMappingEndToken) and starts:
                starts.pop()
    except yaml.YAMLError:
        pass
    return starts[0] if starts else None


def _value(line: str) -> tuple[int, str]:
    """Where a line's value starts (after its indentation, '- ' and any 'key: '), and the value."""
    found = KEY.match(line) or _LINE_START.match(line)
    start = found.end() if found else 0
    while start < len(line) and line[start] == " ":
        start += 1
    return start, line[start:]


def _quoted(value: str) -> str:
    """*value* as YAML double-quoted text."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _curly(lines: list[str], near: list[int], before: str, problem: str, context: str
           ) -> str | None:
    if not any(ch in CURLY for ch in before) and not any(
            ch in CURLY for n in near[:-1] for ch in lines[n]):
        return None
    return ("curly quotes (\u201c \u201d \u2018 \u2019, as Word types them) are not quotation "
            "marks to YAML: put "
            "the whole text in straight double quotes (\"...\"); curly quotes inside them print "
            "as typed")


def _quote_closed(lines: list[str], near: list[int], before: str, problem: str, context: str
                  ) -> str | None:
    """Text went on after a quoted part closed: an apostrophe in single quotes, most often."""
    if not problem.startswith("expected"):
        return None
    if re.search(r"'(?:[^']|'')*'\s*$", before):
        _, value = _value(before)
        example = ""
        full = _value(lines[near[-1]])[1].rstrip()
        if value.startswith("'") and full.endswith("'") and len(full) > 1:
            example = f" ({_quoted(full[1:-1])})"
        return ("an apostrophe inside text in single quotes ends the text there: put the text "
                f"in double quotes instead{example}, or write the apostrophe twice ('')")
    if re.search(r'"(?:[^"\\]|\\.)*"\s*$', before):
        return ("the text goes on after its closing quotation mark: put the whole text in "
                "quotes (in single quotes if it holds double ones: 'He said \"no\" twice')")
    return None


_RESERVED = {
    "*": "is read as a YAML alias (as **bold** at the start of text is)",
    "&": "is read as a YAML anchor",
    "[": "is read as a YAML list (as a [link](https://...) at the start of text is)",
    "{": "is read as a YAML mapping",
    "|": "starts a block of text on the lines below",
    ">": "starts a block of text on the lines below",
}


_CLOSER = {"[": "]", "{": "}"}


def _reserved_start(lines: list[str], near: list[int], before: str, problem: str, context: str
                    ) -> str | None:
    """Text that starts with a character YAML reserves: quote it."""
    found = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if found:
        char = found.group(1)
        return (f"text cannot start with '{char}' in YAML: put the whole text in double quotes "
                f"(\"{char}...\")")
    start = _value(lines[near[0]])[1][:1]
    scanning = {"while scanning an alias": "*", "while scanning an anchor": "&",
                "while scanning a block scalar": "|>"}
    reserved = context in scanning and start in scanning[context]
    bracketed = start in _CLOSER and before.rstrip().endswith(_CLOSER.get(start, "\0"))
    if not start or not (reserved or (bracketed and problem.startswith("expected"))):
        return None
    return (f"text that starts with '{start}' {_RESERVED[start]}: put the whole text in double "
            "quotes")


def _comment(lines: list[str], near: list[int], before: str) -> tuple[str, Place] | None:
    """A ' #' in unquoted text started a comment and the rest of the line was dropped; the
    problem is reported at that '#', where it began."""
    for n in near:
        text = lines[n] if n != near[-1] else before
        start, value = _value(text)
        if value[:1] in "'\"":
            continue
        found = _HASHTAG.search(text, start)
        if found:
            dropped = lines[n][found.start():].strip()
            shown = dropped if len(dropped) <= 40 else dropped[:39] + "\u2026"
            return (f"' #' starts a comment, so YAML dropped the rest of the line ('{shown}'): "
                    "put text that holds ' #' in double quotes"), (n + 1, found.start() + 1)
    return None


def _colon(lines: list[str], n: int, column: int, text: str) -> str | None:
    """A ': ' inside unquoted text, or a key line indented so it reads as text above it."""
    line = lines[n]
    found = KEY.match(line)
    if found and found.end("key") == column and looks_like_key(found.group("key")):
        return indentation(text, n)
    start, value = _value(line)
    if start < column and not _continues(lines, n):
        return f"put text that holds ': ' in double quotes: {_quoted(value.rstrip())}"
    return "put text that holds ': ' in double quotes (\"...\"), the whole text"


def _continues(lines: list[str], n: int) -> bool:
    """Whether the value on line *n* goes on over the next line (which is indented more)."""
    indent = len(lines[n]) - len(lines[n].lstrip(" "))
    for following in lines[n + 1:]:
        if following.strip() and not following.lstrip().startswith("#"):
            return len(following) - len(following.lstrip(" ")) > indent
    return False

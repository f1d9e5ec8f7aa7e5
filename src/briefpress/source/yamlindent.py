"""The indentation a YAML line should have, worked out from the lines it belongs with.

YAML's structure is its indentation, and a line one space off gives a parser
message ("expected <block end>, but found '?'") that says nothing of spaces. The
blocks still open where the line starts (read with PyYAML's scanner) say where it
could stand: with the keys of a mapping, with the items of a list, or, for text,
further in than its key and in line with the text above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import (
    BlockEndToken,
    BlockEntryToken,
    BlockMappingStartToken,
    BlockSequenceStartToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    KeyToken,
    ScalarToken,
)

KEY = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)"
                 r"(?P<key>[^\s#'\"\[{][^#]*?|'[^']*'|\"[^\"]*\"):(?: |$)")
"""A line that starts with a key (after its indentation and any '- ')."""


def looks_like_key(key: str) -> bool:
    """A key is a few words; a sentence with a colon in it is text."""
    return len(key.split()) <= 6 and not re.search(r"[,.;!?]", key)


@dataclass
class _Level:
    """An open block mapping or list: its column, and its latest key or item."""

    column: int
    kind: str  # "mapping" or "list"
    line: int
    key: str = ""
    indentless: bool = False

    def like(self) -> str:
        return f"'{self.key}:'" if self.kind == "mapping" else "the '- ' item"


def _levels(text: str, n: int) -> list[_Level]:
    """The block mappings and lists still open where line *n* (0-based) starts."""
    head = "\n".join(text.split("\n")[:n]) + "\n"
    levels: list[_Level] = []
    flow = 0
    want_key = False
    try:
        for tok in yaml.scan(head, Loader=yaml.SafeLoader):
            mark = tok.start_mark
            if mark.line >= n:
                break
            if isinstance(tok, FlowSequenceStartToken | FlowMappingStartToken):
                flow += 1
            elif isinstance(tok, FlowSequenceEndToken | FlowMappingEndToken):
                flow -= 1
            elif flow:
                continue
            elif isinstance(tok, BlockMappingStartToken):
                levels.append(_Level(mark.column, "mapping", mark.line))
            elif isinstance(tok, BlockSequenceStartToken):
                levels.append(_Level(mark.column, "list", mark.line))
            elif isinstance(tok, BlockEndToken) and levels:
                levels.pop()
            elif isinstance(tok, KeyToken) and levels:
                if levels[-1].indentless and levels[-1].column == mark.column:
                    levels.pop()  # a list written under its key without indenting has ended
                levels[-1].line, want_key = mark.line, True
            elif isinstance(tok, ScalarToken) and want_key and levels:
                levels[-1].key, want_key = tok.value, False
            elif isinstance(tok, BlockEntryToken) and levels:
                if levels[-1].kind == "list":
                    levels[-1].line = mark.line
                else:
                    levels.append(_Level(mark.column, "list", mark.line, indentless=True))
    except yaml.YAMLError:
        pass
    return levels


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def _indented(count: int) -> str:
    return f"is indented {_spaces(count)}" if count else "is not indented"


def indentation(text: str, n: int) -> str | None:
    """The indentation line *n* (0-based) should have, from the lines it belongs with."""
    lines = text.split("\n")
    if n >= len(lines) or not lines[n].strip():
        return None
    line = lines[n]
    indent = len(line) - len(line.lstrip(" "))
    body = line.lstrip(" ")
    levels = _levels(text, n)
    if not levels:
        return None
    if levels[0].column > 0:
        return (f"line {levels[0].line + 1} {_indented(levels[0].column)}, but the top "
                "level of a file starts at the left edge")
    found = KEY.match(line)
    if body.startswith("- ") or body == "-":
        kind = "list"
    elif found and looks_like_key(found.group("key")):
        kind = "mapping"
    else:
        return _text_indentation(lines, n, indent, levels[-1])
    same = [lv for lv in levels if lv.kind == kind]
    if not same or any(lv.column == indent for lv in same):
        return None
    best = min(reversed(same), key=lambda lv: abs(lv.column - indent))
    should = "start it at the left edge" if best.column == 0 else (
        f"indent it {_spaces(best.column)}")
    return (f"line {n + 1} {_indented(indent)}; {should}, like {best.like()} on line "
            f"{best.line + 1} (keys at one level, and the items of one list, line up)")


def _text_indentation(lines: list[str], n: int, indent: int, parent: _Level) -> str | None:
    """A line of text must be indented more than its key, and line up with the text above."""
    if indent <= parent.column:
        return (f"line {n + 1} {_indented(indent)}, but text that goes on from "
                f"{parent.like()} on line {parent.line + 1} must be indented more: indent it "
                f"{_spaces(parent.column + 2)}")
    for m in range(n - 1, parent.line, -1):
        above = lines[m]
        if above.strip():
            column = len(above) - len(above.lstrip(" "))
            if column != indent and column > parent.column:
                return (f"line {n + 1} {_indented(indent)}; the lines of one text line "
                        f"up: indent it {_spaces(column)}, like line {m + 1}")
            return None
    return None

"""A strict YAML reader that keeps exactly what the author typed.

PyYAML's safe loader still turns ``NO`` into ``False``, ``010`` into 8 and
``1:30`` into 90, silently follows aliases (a "billion laughs" bomb) and keeps
the last of two duplicate keys. A briefing must never change a word or a number
on its way to the page, so this reader builds the tree from PyYAML's parser
events itself:

* every scalar stays the exact string typed (the schema later decides whether a
  field is a number, a date or text); only an empty value or ``null``/``~``
  becomes ``None``;
* anchors, aliases and merge keys (``<<``) are refused, so nothing expands;
* explicit tags (``!!python/object``, ``!foo``) are refused, so nothing is built;
* duplicate keys are an error naming both lines;
* size, string length and nesting depth are capped;
* the file must be UTF-8 (a BOM is accepted) and indented with spaces;
* every scalar, key or value, goes through the text policy
  (:mod:`briefpress.source.textpolicy`): normalised to NFC, and a control or
  invisible character is a problem located at that character.

Every value's position is recorded by its key path so that later validation
errors can name a line and column, and each scalar's extent in the source so
that a problem with one character can name that character's own line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from briefpress.errors import Problem, SpecError
from briefpress.source.marks import Mark, Span, find_char
from briefpress.source.textpolicy import MAX_TEXT_CHARS, admit, too_long
from briefpress.source.yamlhints import explain

MAX_FILE_BYTES = 2_000_000
MAX_STRING_CHARS = MAX_TEXT_CHARS
MAX_DEPTH = 32
MAX_NODES = 15_000
"""Values and keys a spec may hold: ten thousand findings build in about ten seconds; a real
briefing holds a few hundred."""
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
CORE_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset({"str", "int", "float", "bool", "null"})
ALLOWED_TAGS: dict[type, frozenset[str]] = {
    ScalarEvent: _SCALAR_TAGS,
    SequenceStartEvent: frozenset({"seq"}),
    MappingStartEvent: frozenset({"map"}),
}
"""The JSON-like core tags, by the kind of node each may stand on."""

PathKey = tuple[str | int, ...]
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Scalar:
    """A scalar and where its characters stand, for checks that read the text around it.

    Kept for plain (unquoted) values and for everything inside ``[...]`` and
    ``{...}``, where a ' #' or a comma the author meant as text changes what was read.
    """

    path: PathKey
    value: str
    plain: bool
    start: int  # offsets into Document.source
    end: int
    mark: Mark
    role: str  # "key", "value" or "item"
    flow: PathKey | None  # the [...] or {...} it stands in, if any


@dataclass
class Document:
    """A parsed YAML file: plain data plus where each value and key stands.

    ``problems`` are the text-policy problems found while reading (a control or
    invisible character in a value or key); the caller reports them with the rest.
    """

    data: Any
    file: str
    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)
    source: str = field(default="", repr=False)
    spans: dict[tuple[PathKey, bool], Span] = field(default_factory=dict, repr=False)
    problems: list[Problem] = field(default_factory=list)
    scalars: list[Scalar] = field(default_factory=list, repr=False)

    def mark(self, path: PathKey, *, key: bool = False) -> Mark | None:
        """Position of the value (or the key) at *path*, or of its nearest ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            probe = probe[:-1]
        return self.values.get((), None)

    def char_mark(self, path: PathKey, char: str, *, key: bool = False) -> Mark | None:
        """Where *char* was typed in the scalar at *path* (its key, with *key*), if found
        (the rule is :func:`briefpress.source.marks.find_char`'s)."""
        span = self.spans.get((path, key))
        return find_char(self.source, span, char) if span is not None else None


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1) if m is not None else Mark(1, 1)


class _Builder:
    """Turns a stream of parser events into plain data, refusing what we do not allow."""

    def __init__(self, file: str, events: Iterator[Event], source: str = "") -> None:
        self.file = file
        self.events = events
        self.doc = Document(data=None, file=file, source=source)
        self.nodes = 0

    def fail(self, mark: Mark, message: str, path: PathKey = ()) -> SpecError:
        return SpecError([Problem(self.file, mark.line, mark.column, display_path(path), message)])

    def next(self) -> Event:
        return next(self.events)

    def run(self) -> Document:
        ev = self.next()
        assert isinstance(ev, StreamStartEvent)
        ev = self.next()
        if isinstance(ev, StreamEndEvent):
            return self.doc
        assert isinstance(ev, DocumentStartEvent)
        self.doc.data = self.node(self.next(), (), 0)
        ev = self.next()
        assert isinstance(ev, DocumentEndEvent)
        ev = self.next()
        if not isinstance(ev, StreamEndEvent):
            raise self.fail(
                _mark(ev.start_mark),
                "a second YAML document ('---') is not allowed; one briefing per file",
            )
        return self.doc

    def check_event(self, ev: Event, path: PathKey, depth: int, *, key: bool = False) -> Mark:
        mark = _mark(ev.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(mark, f"too many values (more than {MAX_NODES:,})", path)
        if depth > MAX_DEPTH:
            raise self.fail(mark, f"nested more than {MAX_DEPTH} levels deep", path)
        if isinstance(ev, AliasEvent):
            raise self.fail(
                mark, f"alias '*{ev.anchor}' is not allowed; write the value out in full (text "
                "that starts with '*', as **bold** does, goes in double quotes)", path
            )
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            raise self.fail(
                mark, f"anchor '&{anchor}' is not allowed; write each value out in full", path
            )
        self.check_tag(ev, mark, path, key=key)
        if not key:
            self.doc.values[path] = mark
        return mark

    def check_tag(self, ev: Event, mark: Mark, path: PathKey, *, key: bool) -> None:
        """Allow only the JSON-like core tags, on the kind of node they name.

        ``!!python/object`` and friends would build objects; local tags (``!foo``)
        mean nothing to us. ``!!str``, ``!!int`` and the like are harmless: the
        value is still kept as typed and the schema decides what it may be. A
        key must be text, so a key tagged as a number, flag or null is refused.
        """
        tag = getattr(ev, "tag", None)
        if tag is None or tag == "!":
            return
        kind = tag.removeprefix(CORE_TAG) if tag.startswith(CORE_TAG) else None
        allowed = ALLOWED_TAGS.get(type(ev), frozenset())
        if kind is None or kind not in allowed:
            shown = f"!!{kind}" if kind is not None else tag
            raise self.fail(mark, f"tag '{shown}' is not allowed; remove it (text that starts "
                            "with '!' goes in double quotes)", path)
        if key and kind != "str":
            raise self.fail(mark, f"a key must be text, not tagged '!!{kind}'", path)
        if kind == "null" and isinstance(ev, ScalarEvent) and ev.value not in NULLS:
            raise self.fail(mark, f"'!!null' on a value ('{ev.value[:40]}'); remove the tag",
                            path)

    def node(self, ev: Event, path: PathKey, depth: int, flow: PathKey | None = None,
             role: str = "value") -> Any:
        mark = self.check_event(ev, path, depth)
        if isinstance(ev, ScalarEvent):
            self.record(ev, mark, path, role, flow)
            return self.scalar(ev, mark, path)
        if isinstance(ev, SequenceStartEvent):
            inner = path if ev.flow_style else None
            items: list[Any] = []
            while not isinstance(ev := self.next(), SequenceEndEvent):
                items.append(self.node(ev, (*path, len(items)), depth + 1, inner, "item"))
            return items
        if isinstance(ev, MappingStartEvent):
            return self.mapping(path, depth, path if ev.flow_style else None)
        raise self.fail(mark, "unexpected YAML structure", path)  # pragma: no cover

    def record(self, ev: ScalarEvent, mark: Mark, path: PathKey, role: str,
               flow: PathKey | None) -> None:
        """Keep where a plain or bracketed scalar stands (see :class:`Scalar`)."""
        start, end = ev.start_mark, ev.end_mark
        if (ev.style is None or flow is not None) and start is not None and end is not None:
            self.doc.scalars.append(Scalar(path, ev.value, ev.style is None, start.index,
                                           end.index, mark, role, flow))

    def scalar(self, ev: ScalarEvent, mark: Mark, path: PathKey) -> str | None:
        tag = ev.tag
        if tag == CORE_TAG + "null" or (ev.style is None and ev.value in NULLS
                                        and tag != CORE_TAG + "str"):
            return None
        return self.text(ev, mark, path, key=False)

    def text(self, ev: ScalarEvent, mark: Mark, path: PathKey, *, key: bool) -> str:
        """A scalar's text under the text policy: too long is refused at once; a control or
        invisible character is recorded, at that character, and reading goes on."""
        if len(ev.value) > MAX_STRING_CHARS:
            raise self.fail(mark, too_long(len(ev.value)), path)
        value, flaws = admit(str(ev.value))
        if flaws:  # reported below; a lone surrogate would also upset validation, so not kept
            value = _SURROGATE.sub("\ufffd", value)
        where = (*path, value) if key else path  # a key's path ends with the key itself
        if ev.start_mark is not None and ev.end_mark is not None:
            self.doc.spans[(where, key)] = (ev.start_mark.index, ev.end_mark.index, mark,
                                            ev.style)
        for flaw in flaws:
            at = self.doc.char_mark(where, flaw.chars[0], key=key) or mark
            self.doc.problems.append(Problem(self.file, at.line, at.column, display_path(where),
                                             flaw.message))
        return value

    def mapping(self, path: PathKey, depth: int, flow: PathKey | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while not isinstance(ev := self.next(), MappingEndEvent):
            kmark = _mark(ev.start_mark)
            if not isinstance(ev, ScalarEvent):
                if isinstance(ev, AliasEvent):
                    self.check_event(ev, path, depth, key=True)
                raise self.fail(kmark, "a key must be plain text, not a list or mapping", path)
            self.check_event(ev, path, depth, key=True)
            key = self.text(ev, kmark, path, key=True)
            if not key.strip():
                raise self.fail(kmark, "a key must not be empty", path)
            if key == "<<" and ev.style is None:
                raise self.fail(kmark, "merge keys ('<<') are not allowed; write the keys out",
                                path)
            kpath = (*path, key)
            if key in out:
                first = self.doc.keys[kpath]
                raise self.fail(
                    kmark, f"duplicate key '{key}' (first given on line {first.line}); "
                    "keep one of them", path,
                )
            self.doc.keys[kpath] = kmark
            self.record(ev, kmark, kpath, "key", flow)
            out[key] = self.node(self.next(), kpath, depth + 1, flow)
        return out


def display_path(path: PathKey) -> str:
    """``('findings', 2, 'source')`` -> ``findings[2].source``; a key that is not a plain
    name is quoted: ``figures[0].data["Greater Manchester"]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            text += f".{part}" if text else part
        else:
            text += f'["{part}"]'
    return text


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (optionally with a BOM) to text, or an error naming the line of the bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.startswith(b"\x00\x00\xfe\xff"):
        raise SpecError([Problem(file, 1, 1, "", "the file is UTF-16 or UTF-32; save it as UTF-8")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise SpecError([Problem(
            file, line, col, "",
            f"byte 0x{bad} is not UTF-8; save the file as UTF-8 (it looks like Latin-1 or "
            "Windows-1252)",
        )]) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        stripped = line_text.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(line_text) - len(stripped) + 1
            raise SpecError([Problem(
                file, number, col, "", "tab used for indentation; indent with spaces"
            )])
    return text


def parse_text(text: str, file: str) -> Document:
    """Parse YAML text strictly; raise :class:`SpecError` with a located problem."""
    try:
        return _Builder(file, yaml.parse(text, Loader=yaml.SafeLoader), text).run()
    except yaml.MarkedYAMLError as exc:
        line, column, problem = explain(text, exc)
        raise SpecError([Problem(file, line, column, "", f"YAML syntax: {problem}")]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise SpecError([Problem(
            file, line, col, "", f"character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int) else "character not allowed in YAML",
        )]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        raise SpecError([Problem(file, None, None, "", f"YAML error: {exc}")]) from None


def read_bytes(path: Path, display: str, limit: int = MAX_FILE_BYTES, *,
               follow: bool = True) -> bytes:
    """Read a regular file of at most *limit* bytes (a FIFO or device must not hang us).

    The file is opened non-blocking (opening a FIFO would otherwise wait for a
    writer) and checked with ``fstat`` on the open descriptor, so what is read is
    what was checked. ``follow=False`` refuses a symlink in the last component,
    for paths already resolved and confined (a link swapped in afterwards).
    """
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SpecError([Problem(display, None, None, "", "file not found")]) from None
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SpecError([Problem(display, None, None, "", f"cannot open: {why}")]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SpecError([Problem(display, None, None, "", "not a regular file")])
        if info.st_size > limit:
            raise SpecError([Problem(
                display, None, None, "", f"file is {info.st_size:,} bytes; the limit is {limit:,}"
            )])
        try:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise SpecError([Problem(display, None, None, "", f"cannot read: {exc.strerror}")]
                            ) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SpecError([Problem(display, None, None, "", f"file is over {limit:,} bytes")])
    return data


def load_file(path: Path, display: str) -> Document:
    """Read, decode and parse one YAML file."""
    return parse_text(decode(read_bytes(path, display), display), display)

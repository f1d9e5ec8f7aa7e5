"""Facts about input files, verified once and remembered by their content.

Reading a brand font in full (every glyph decoded) or converting an SVG as the layout
will costs far more than anything else in ``check``, and gives the same answer every
time for the same bytes, the same briefpress and the same libraries. So a file that
passes is remembered in ``.cache/verified/`` under a key made from its content (and
from what it was checked against, and from briefpress's code and the checking
libraries' versions); next time it is known good without reading it again, and
without importing the layout libraries at all. Only passes are remembered: a bad file
is checked, and reported, every time.

This module reads the record; the build, the only writer of files, records what was
learnt (``check`` writes nothing). The folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MAX_RECORD_BYTES = 1_000_000
LIBRARIES = ("briefpress", "reportlab", "pypdf", "pypdfium2", "matplotlib", "svglib",
             "fonttools", "pillow", "pydantic")
"""Distributions whose version is part of every digest of briefpress's code: an upgrade of
any of them verifies files again and rebuilds editions."""


@cache
def code_digest() -> str:
    """briefpress's own source (any change re-verifies every file and rebuilds every
    edition) and the versions of the libraries that read files and make PDFs; package
    metadata only, nothing imported."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    root = Path(__file__).parent.parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    return h.hexdigest()


def fact(kind: str, *parts: str | bytes) -> str:
    """The key of one fact: what was checked (*kind*) about which contents (*parts*)."""
    h = hashlib.sha256(kind.encode() + b"\0" + code_digest().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


@dataclass
class Memo:
    """The record of verified facts in *folder* (none: nothing is remembered), and the
    facts learnt in this run, for the build to record."""

    folder: Path | None = None
    learnt: dict[str, bytes] = field(default_factory=dict)

    def recall(self, key: str) -> bytes | None:
        """What was recorded under *key*, if anything (an unreadable record is no record)."""
        if key in self.learnt:
            return self.learnt[key]
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{key}.json", "rb") as handle:
                data = handle.read(MAX_RECORD_BYTES + 1)
        except OSError:
            return None
        return data if len(data) <= MAX_RECORD_BYTES else None

    def knows(self, key: str) -> bool:
        return self.recall(key) == b"{}"

    def learn(self, key: str, value: bytes = b"{}") -> None:
        self.learnt[key] = value


def recall_json(memo: Memo | None, key: str) -> object | None:
    """A recorded fact as JSON, or None."""
    raw = memo.recall(key) if memo is not None else None
    if raw is None:
        return None
    try:
        value: object = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None
    return value

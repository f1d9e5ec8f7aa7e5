"""Font repairs PDF/UA and PDF/A need that reportlab does not make.

reportlab's TrueType subsets carry a ToUnicode map that sends every unused code
to U+0000; a reader (or a screen reader) must never be told a character is NUL,
so those entries are dropped and only real mappings kept.
"""

from __future__ import annotations

import re

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, StreamObject

_BFCHAR = re.compile(rb"(\d+) beginbfchar\s*(.*?)endbfchar", re.S)
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def clean_cmap(data: bytes) -> bytes:
    """The CMap with every ``<code> <0000>`` entry removed and the counts fixed."""
    def block(m: re.Match[bytes]) -> bytes:
        kept = [e for e in _ENTRY.findall(m.group(2)) if int(e[1], 16) != 0]
        lines = b"".join(b"<" + c + b"> <" + u + b">\n" for c, u in kept)
        return b"%d beginbfchar\n" % len(kept) + lines + b"endbfchar"

    return _BFCHAR.sub(block, data)


def _fonts(writer: PdfWriter) -> list[DictionaryObject]:
    """Every font dictionary on every page, in nested forms too, each once."""
    seen: dict[int, DictionaryObject] = {}
    stack = [page.get("/Resources") for page in writer.pages]
    while stack:
        res = stack.pop()
        if res is None:
            continue
        res = res.get_object()
        for font in (res.get("/Font") or {}).values():
            obj = font.get_object()
            seen.setdefault(id(obj), obj)
        for xobj in (res.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if "/Resources" in xobj:
                stack.append(xobj["/Resources"])
    return list(seen.values())


def fix_to_unicode(writer: PdfWriter) -> None:
    """Rewrite every ToUnicode map without its U+0000 entries."""
    done: set[int] = set()
    for font in _fonts(writer):
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        stream = cmap.get_object()
        if id(stream) in done or not isinstance(stream, StreamObject):
            continue
        done.add(id(stream))
        stream.set_data(clean_cmap(stream.get_data()))

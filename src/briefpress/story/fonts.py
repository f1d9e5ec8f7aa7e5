"""Register the brand's TrueType fonts with reportlab and svglib, once per process.

Nothing is ever drawn in one of the 14 standard PDF fonts (they are not
embedded, and lack Welsh letters such as ŵ and ŷ): every style points at the
brand's files, and svglib maps the chart SVG's font-family to the same fonts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import svglib.fonts
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from svglib.fonts import register_font

from briefpress.brand import FontFamily


@dataclass(frozen=True)
class FontNames:
    """reportlab names of the four faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


@cache
def register_fonts(family: FontFamily) -> FontNames:
    """Make the family usable by Paragraphs (``<b>``, ``<i>``) and by svglib drawings."""
    base = "".join(ch for ch in family.name if ch.isalnum()) or "Brand"
    names = FontNames(base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")
    faces = (
        (names.regular, family.regular, False, False),
        (names.bold, family.bold, True, False),
        (names.italic, family.italic, False, True),
        (names.bold_italic, family.bold_italic, True, True),
    )
    read = {name: TTFont(name, str(path)) for name, path, _, _ in faces}
    for name, path, bold, italic in faces:
        pdfmetrics.registerFont(read[name])
        style = "italic" if italic else "normal"
        with _read_once(read):
            for weight in ("bold", "700") if bold else ("normal", "400"):
                # registers the same font under the same name, so both routes agree
                register_font(family.name, str(path), weight=weight, style=style,
                              rlgFontName=name)
    # Last: registering a TrueType font maps its own name to every style, which would
    # make plain text bold-italic; the family mapping must overwrite that.
    for name, _, bold, italic in faces:
        addMapping(base, 1 if bold else 0, 1 if italic else 0, name)
    return names


@contextmanager
def _read_once(read: dict[str, TTFont]) -> Iterator[None]:
    """svglib reads a font file again each time it maps a weight to it; while it maps
    ours, it is handed the font already read (each file is read once, not three times)."""
    module = vars(svglib.fonts)
    original = module["TTFont"]

    def same(name: str, path: str, *args: Any, **kwargs: Any) -> TTFont:
        made: TTFont = read[name] if name in read else original(name, path, *args, **kwargs)
        return made

    module["TTFont"] = same
    try:
        yield
    finally:
        module["TTFont"] = original

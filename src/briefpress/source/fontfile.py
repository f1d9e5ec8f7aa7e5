"""A brand font file, read in full when the brand is read, so a bad one fails ``check``.

reportlab embeds TrueType fonts itself, reading the tables it needs (head, hhea,
hmtx, maxp, cmap, loca, glyf, post, name, OS/2) and copying others raw; a file it
cannot read, or reads wrongly, would end a build in an internal error or put a
broken font in the PDF. reportlab belongs to the layout stages, so the same
requirements are checked here with fontTools: every table in the directory lies
inside the file, each table reportlab reads decodes, every glyph's outline
decodes, and the values reportlab insists on (versions, magic number, a
PostScript name, a usable Unicode cmap, a licence that allows embedding) are
there. The code points the font can draw come from the same cmap subtable
reportlab will use.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from functools import cache
from pathlib import Path
from typing import Any

from briefpress.source.memo import Memo, fact, recall_json

REQUIRED_TABLES = ("head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "post", "name")
TRUETYPE_VERSIONS = (b"\x00\x01\x00\x00", b"true")
HEAD_MAGIC = 0x5F0F3CF5
_PS_NAME_IDS = (6, 4, 1)
_PS_PLATFORMS = ((3, 1, 0x409), (1, 0, 0))
_PS_FORBIDDEN = set(b" [](){}<>/%")


class FontRefused(ValueError):
    """A font file that cannot be used; the message says what is wrong with it."""


def font_codepoints(path: Path, memo: Memo | None = None) -> frozenset[int]:
    """The code points the TrueType font at *path* can draw, once it is known to be usable.

    Raises :class:`FontRefused` saying what is wrong. The answer is kept per file
    content, so a brand read again (or in another project) costs only a hash; with a
    *memo*, across runs too (a font once found usable is not decoded again).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FontRefused(f"cannot be read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    key = fact("font", digest)
    known = recall_json(memo, key)
    if isinstance(known, list) and all(isinstance(p, int) for p in known):
        return frozenset(known)
    points = _checked(digest, data)
    if memo is not None:
        memo.learn(key, json.dumps(sorted(points)).encode("ascii"))
    return points


def font_record(path: Path) -> tuple[str, bytes] | None:
    """The memo key and record of a usable font file (None if it cannot be used: it is
    checked again, and reported, when the brand is read). For checking several files at
    once in other processes, their answers then recorded in the memo."""
    try:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        points = _checked(digest, data)
    except (OSError, FontRefused):
        return None
    return fact("font", digest), json.dumps(sorted(points)).encode("ascii")


@cache
def _checked(digest: str, data: bytes) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    if data[:4] == b"OTTO":
        raise FontRefused("is an OpenType font with PostScript (CFF) outlines; use the "
                          "TrueType (.ttf) version of the font")
    if data[:4] not in TRUETYPE_VERSIONS:
        raise FontRefused("is not a TrueType font file")
    try:
        with TTFont(io.BytesIO(data), lazy=False) as font:
            _tables_inside(font, len(data))
            for tag in REQUIRED_TABLES:
                font[tag]  # decodes the table
            _values(font, data)
            _outlines(font)
            return _cmap_points(font)
    except FontRefused:
        raise
    except (TTLibError, AssertionError, struct.error, IndexError, KeyError, ValueError,
            TypeError, EOFError, OverflowError) as exc:
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise FontRefused(f"is damaged and cannot be used ({reason})") from None


def _tables_inside(font: Any, size: int) -> None:
    missing = [t for t in REQUIRED_TABLES if t not in font.reader.tables]
    if missing:
        raise FontRefused(f"lacks the {', '.join(missing)} table(s) a PDF font needs")
    for tag, entry in font.reader.tables.items():
        if entry.offset + entry.length > size:
            raise FontRefused(f"is cut short: its '{tag}' table runs past the end of the file")


def _values(font: Any, data: bytes) -> None:
    """What reportlab insists on, beyond the tables decoding."""
    head, hhea, maxp = font["head"], font["hhea"], font["maxp"]
    if int(head.tableVersion) != 1 or head.magicNumber != HEAD_MAGIC:
        raise FontRefused("has a damaged 'head' table")
    if head.glyphDataFormat != 0 or head.indexToLocFormat not in (0, 1):
        raise FontRefused("has glyph data in a format PDF fonts do not use")
    if int(hhea.tableVersion) >> 16 != 1 or hhea.metricDataFormat != 0 or (
            hhea.numberOfHMetrics == 0):
        raise FontRefused("has a damaged 'hhea' table")
    if maxp.tableVersion != 0x00010000:
        raise FontRefused("has a 'maxp' table for PostScript outlines, not TrueType")
    if int(font["post"].formatType) not in (1, 2, 3, 4):
        raise FontRefused("has a 'post' table of an unknown version")
    if font.reader["name"][:2] != b"\x00\x00":
        raise FontRefused("has a 'name' table in a format PDF fonts do not use")
    if not _ps_name(font):
        raise FontRefused("has no usable PostScript name in its 'name' table")
    os2 = font.get("OS/2")
    if os2 is not None and (os2.fsType == 0x0002 or os2.fsType & 0x0300) and (
            maxp.numGlyphs > 0xFF):
        raise FontRefused("has a licence that does not allow it to be embedded in a PDF "
                          f"(OS/2 fsType {os2.fsType:#06x}); use another font")


def _ps_name(font: Any) -> bytes:
    """The PostScript name as reportlab picks it (name 6, else 4, else 1, from a Windows
    Unicode or Macintosh Roman record), if it is one a PDF can carry."""
    found: dict[int, bytes] = {}
    for record in font["name"].names:
        key = (record.platformID, record.platEncID, record.langID)
        if record.nameID in _PS_NAME_IDS and key in _PS_PLATFORMS:
            found.setdefault(record.nameID, str(record.toUnicode()).encode("latin-1", "replace"))
    name = next((found[i] for i in _PS_NAME_IDS if found.get(i)), b"").replace(b" ", b"-")
    return name if all(c <= 126 and c not in _PS_FORBIDDEN for c in name) else b""


def _outlines(font: Any) -> None:
    """Every glyph decodes, and a composite glyph names only glyphs that exist."""
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    known = set(order)
    if len(font["hmtx"].metrics) < len(order):
        raise FontRefused("has fewer glyph widths than glyphs")
    for name in order:
        glyph = glyf[name]
        glyph.expand(glyf)
        if glyph.isComposite() and any(c.glyphName not in known for c in glyph.components):
            raise FontRefused(f"has a glyph ('{name}') built from glyphs it does not have")


def _cmap_points(font: Any) -> frozenset[int]:
    """Code points of the Unicode cmap subtable reportlab chooses (its own rule: the last
    Windows one, else Unicode, else Macintosh Roman)."""
    chosen, rank = None, 0
    for table in font["cmap"].tables:
        platform, encoding = table.platformID, table.platEncID
        if platform == 3 or (platform == 1 and encoding == 1) or (
                platform == 0 and encoding != 5):
            chosen, rank = table, 1
        elif platform == 1 and encoding == 0 and rank != 1:
            chosen, rank = table, 2
    if chosen is None or not chosen.cmap:
        raise FontRefused("has no Unicode character map ('cmap'), so no text can be set in it")
    return frozenset(chosen.cmap)

"""Image files (figure images, the brand's logo), checked in full when they are read.

What ``check`` accepts, ``build`` must build, so an image is not only recognised
by its header: a PNG or JPEG is decoded to the last pixel (a truncated file is
found here, not in the middle of a build), and an SVG is parsed, must refer to
nothing outside itself and must have a size a drawing can be made at.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from xml.etree import ElementTree

MAX_IMAGE_BYTES = 10_000_000
MAX_IMAGE_PIXELS = 25_000_000
"""A 25-megapixel image is already far beyond print resolution at A4 width; larger ones
(and small files that claim gigapixel sizes) are refused before they are decoded."""

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
"""The image files a figure or logo may name; the content must match, checked separately."""

_SVG_FORBIDDEN = re.compile(
    rb"<!ENTITY|@import|url\(\s*['\"]?(?!#)|"
    rb"href\s*=\s*['\"](?!#)", re.IGNORECASE)

_LENGTH = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*"
                     r"(px|pt|pc|mm|cm|in|q|em|rem|ex|ch|%)?\s*")
_UNIT_PX = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
            "in": 96.0, "q": 96 / 101.6, "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0}
"""Length units in CSS pixels, as the SVG converter reads them (a 16 px em, no text
measured)."""


@dataclass(frozen=True)
class ImageFile:
    """An image file read and checked: its format, bytes and pixel size (0 for SVG)."""

    format: Literal["png", "jpeg", "svg"]
    data: bytes
    width_px: int
    height_px: int


Refuse = Callable[[str], None]
"""Reports why an image cannot be used (the caller adds where it was named)."""


def image_from_bytes(reference: str, data: bytes, refuse: Refuse) -> ImageFile | None:
    """*data*, named *reference*, as a checked image; or None after saying why not."""
    if data.startswith((b"\x89PNG", b"\xff\xd8")) or b"<svg" not in data[:4096]:
        return _raster(reference, data, refuse)
    return _svg(reference, data, refuse)


def _svg(reference: str, data: bytes, refuse: Refuse) -> ImageFile | None:
    bad = _SVG_FORBIDDEN.search(data)
    if bad is not None:
        refuse(f"SVG '{reference}' refers outside itself "
               f"({bad.group(0).decode('ascii', 'replace').strip()}...); external "
               "references, entities and embedded images are not allowed")
        return None
    try:  # entities were refused above, so the standard parser cannot be made to expand any
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        refuse(f"SVG '{reference}' is not well-formed XML: {exc}")
        return None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        refuse(f"'{reference}' is XML but not an SVG image")
        return None
    problem = svg_size_problem(root)
    if problem is not None:
        refuse(f"SVG '{reference}' {problem}")
        return None
    return ImageFile("svg", data, 0, 0)


def svg_size_problem(root: ElementTree.Element) -> str | None:
    """Why the SVG has no size to draw it at, or None if it has one.

    As the converter does: the size is ``width`` and ``height`` (a number, with a unit
    or as a percentage of the ``viewBox``), each falling back to the ``viewBox``'s.
    """
    box = _view_box(root.get("viewBox"))
    size: list[float] = []
    for attr, index in (("width", 2), ("height", 3)):
        typed = root.get(attr, "").strip()
        if not typed:
            if box is None:
                return ("has no size: give the <svg> element width and height (or a viewBox), "
                        "e.g. width=\"400\" height=\"300\"")
            size.append(box[index])
            continue
        m = _LENGTH.fullmatch(typed)
        if m is None:
            return f"has {attr}=\"{typed[:40]}\", which is not a length such as \"400\" or \"12cm\""
        number, unit = float(m.group(1)), m.group(2)
        if unit == "%":
            if box is None:
                return f"has {attr}=\"{typed}\" but no viewBox to take a percentage of"
            size.append(number / 100 * box[index])
        else:
            size.append(number * _UNIT_PX[unit])
    if not all(math.isfinite(v) and v > 0 for v in size):
        return (f"has a size of {size[0]:g} by {size[1]:g}; both must be more than 0 "
                "(check width, height and viewBox)")
    return None


def _view_box(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        values = [float(v) for v in text.replace(",", " ").split()]
    except ValueError:
        return None
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _raster(reference: str, data: bytes, refuse: Refuse) -> ImageFile | None:
    """A PNG or JPEG, its size read from the header first, then decoded in full."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # lazy: reads the header only
                fmt, (width, height) = img.format, img.size
                if fmt in ("PNG", "JPEG") and width * height <= MAX_IMAGE_PIXELS:
                    img.load()  # every pixel: a truncated or damaged file fails here
    except Image.DecompressionBombError:
        refuse(f"image '{reference}' is far larger than {MAX_IMAGE_PIXELS:,} pixels; refused "
               "before decoding")
        return None
    except UnidentifiedImageError:
        refuse(f"'{reference}' is not a PNG, JPEG or SVG image")
        return None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        refuse(f"image '{reference}' is damaged and cannot be read ({_why(exc)}); save it "
               "again from the program that made it")
        return None
    if fmt not in ("PNG", "JPEG"):
        refuse(f"image '{reference}' is {fmt}; use PNG, JPEG or SVG")
        return None
    if width * height > MAX_IMAGE_PIXELS:
        refuse(f"image '{reference}' is {width:,} x {height:,} pixels; the limit is "
               f"{MAX_IMAGE_PIXELS:,} pixels (resize it: 3,000 pixels wide is plenty for print)")
        return None
    if width == 0 or height == 0:
        refuse(f"image '{reference}' has no pixels ({width} x {height})")
        return None
    return ImageFile("png" if fmt == "PNG" else "jpeg", data, width, height)


def _why(exc: BaseException) -> str:
    """Pillow's reason, on one line and short (its messages can name internal objects)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]

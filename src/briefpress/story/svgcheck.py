"""Whether an SVG file converts to a drawing, asked when a spec is checked.

The spec and brand stages check an SVG with the standard library (well-formed,
nothing outside itself, a size); the converter (svglib) and the PDF writer
(reportlab) belong here, and they can still fail on content those checks let
through (a path svglib cannot parse, a length it cannot convert, a coordinate
too large for a PDF), with an error of their own. So ``check`` asks this module
to convert every SVG image and the logo, and to draw it at the largest scale the
layout uses (the text width): what ``check`` accepts, ``build`` builds, and a
failure is a located problem, not an internal error mid-build. The text in an
SVG image is printed in the brand font, so it must be drawable in it too.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from svglib.svglib import svg2rlg

from briefpress.charts import TEXT_WIDTH_PT
from briefpress.errors import Problem
from briefpress.source.textpolicy import Lacks, name_char, undrawable
from briefpress.spec import LoadedSpec


@contextmanager
def _quiet() -> Iterator[list[str]]:
    """svglib's log messages, caught rather than printed (the library never prints)."""
    caught: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(record.getMessage())

    logger = logging.getLogger("svglib.svglib")
    handler, propagate = Keep(logging.ERROR), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield caught
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def svg_problem(svg: bytes, lacks: Lacks | None = None, font: str = "") -> str | None:
    """Why *svg* cannot be drawn, in words for its author, or None if it can.

    With *lacks* (the brand font's), text in it the font cannot draw is a problem too.
    """
    drawing, why = _converted(svg)
    if drawing is None:
        return why
    size = (float(drawing.width), float(drawing.height))
    if not all(math.isfinite(v) and v > 0 for v in size):
        return "cannot be drawn: it has no width and height to draw it at"
    scale = TEXT_WIDTH_PT / size[0]
    drawing.width, drawing.height = TEXT_WIDTH_PT, size[1] * scale
    drawing.scale(scale, scale)
    try:
        renderPDF.drawToString(drawing)
    except Exception as exc:  # any failure of the writer on this drawing is reported
        text = " ".join(str(exc).split())
        if "too large" in text:
            return (f"cannot be drawn: it holds a number too large to print "
                    f"({text.rsplit(' ', 1)[-1]}); check its width, height and coordinates")
        return f"cannot be drawn: {_short(text or type(exc).__name__)}"
    if lacks is not None:
        flaw = undrawable("".join(_texts(drawing)), lacks, font)
        if flaw is not None:
            named = ", ".join(name_char(c) for c in flaw.chars[:5])
            return (f"has text the brand font '{font}' cannot print ({named}); change the "
                    "text in the image")
    return None


def _converted(svg: bytes) -> tuple[Drawing | None, str]:
    with _quiet() as messages:
        try:
            drawing = svg2rlg(io.BytesIO(svg))
        except Exception as exc:  # any failure of the converter on this file is reported
            return None, f"cannot be drawn: {_short(str(exc) or type(exc).__name__)}"
    if drawing is None:
        return None, "cannot be drawn" + (f" ({_short(messages[-1])})" if messages else "")
    return drawing, ""


def _texts(node: Drawing | Group) -> list[str]:
    out: list[str] = []
    for item in getattr(node, "contents", ()):
        if isinstance(item, String):
            out.append(str(item.text))
        elif isinstance(item, Group):
            out += _texts(item)
    return out


def undrawable_images(loaded: LoadedSpec, lacks: Lacks | None = None, font: str = ""
                      ) -> list[Problem]:
    """One located error per SVG image figure that cannot be drawn (or, with the brand
    font's *lacks*, whose text that font cannot draw)."""
    return [loaded.problem(loc, f"SVG '{name}' {why}") for loc, name, svg in loaded.svg_images()
            if (why := svg_problem(svg, lacks, font)) is not None]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:120] + "..."

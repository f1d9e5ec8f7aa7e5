"""Whether an SVG file converts to a drawing, asked when a spec is checked.

The spec and brand stages check an SVG with the standard library (well-formed,
nothing outside itself, a size); the converter (svglib) belongs here, and it can
still fail on content those checks let through (a path it cannot parse, a length
it cannot convert), with an error of its own. So ``check`` asks this module to
convert every SVG image and the logo once: what ``check`` accepts, ``build``
builds, and a failure is a located problem, not an internal error mid-build.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager

from svglib.svglib import svg2rlg

from briefpress.errors import Problem
from briefpress.spec import LoadedSpec
from briefpress.spec.data import ImageFile
from briefpress.spec.figures import ImageFigure


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


def svg_problem(svg: bytes) -> str | None:
    """Why *svg* cannot be drawn, in words for its author, or None if it can."""
    with _quiet() as messages:
        try:
            drawing = svg2rlg(io.BytesIO(svg))
        except Exception as exc:  # any failure of the converter on this file is reported
            return f"cannot be drawn: {_short(str(exc) or type(exc).__name__)}"
    if drawing is None:
        why = f" ({_short(messages[-1])})" if messages else ""
        return f"cannot be drawn{why}"
    size = (float(drawing.width), float(drawing.height))
    if not all(math.isfinite(v) and v > 0 for v in size):
        return "cannot be drawn: it has no width and height to draw it at"
    return None


def undrawable_images(loaded: LoadedSpec) -> list[Problem]:
    """One located error per SVG image figure the converter cannot draw."""
    problems = []
    for i, figure in enumerate(loaded.briefing.figures):
        image = loaded.data_for(figure.id)
        if isinstance(figure, ImageFigure) and isinstance(image, ImageFile) and (
                image.format == "svg"):
            why = svg_problem(image.data)
            if why is not None:
                problems.append(loaded.problem(("figures", i, "file"),
                                               f"SVG '{figure.file}' {why}"))
    return problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:120] + "..."

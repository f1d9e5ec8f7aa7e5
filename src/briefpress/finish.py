"""Finish stage: the laid-out PDF is parsed back and checked before anyone sees it.

A press office must never send a paper with a finding silently missing, so the
bytes reportlab produced are read back with pypdf (strictly) and every text that
must appear (title, findings, recommendations) is looked for.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from briefpress.errors import BuildError

Furniture = Callable[[int, int], Sequence[str]]
"""``(page, total) -> texts`` drawn after the body on that page (footer, header)."""


def normalise(value: str) -> str:
    """Whitespace folded to single spaces, so line breaks do not matter."""
    return re.sub(r"\s+", " ", value).strip()


def squash(value: str) -> str:
    """All whitespace removed: a long word wrapped over lines has no space in the PDF."""
    return re.sub(r"\s+", "", value)


def extract_text(pdf: bytes) -> str:
    """All page text, in page order."""
    return "\n".join(page_texts(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, read back strictly."""
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    return [page.extract_text() for page in reader.pages]


def body_text(pages: Sequence[str], furniture: Furniture | None) -> str:
    """The pages' text squashed and joined, each page's footer and header cut off its end.

    The furniture is drawn after the body, so it ends each page's text; cutting it
    lets a finding split over a page break be found whole.
    """
    out: list[str] = []
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        body = squash(text)
        tail = "".join(squash(t) for t in furniture(number, total)) if furniture else ""
        if tail and body.endswith(tail):
            body = body[: len(body) - len(tail)]
        out.append(body)
    return "".join(out)


def verify(pdf: bytes, must_appear: tuple[str, ...], source: str,
           furniture: Furniture | None = None) -> None:
    """Raise BuildError unless the PDF parses and contains each of *must_appear*."""
    try:
        pages = page_texts(pdf)
    except (PdfReadError, ValueError) as exc:
        raise BuildError(source, f"the PDF produced could not be read back: {exc}") from None
    text = body_text(pages, furniture)
    missing = [t for t in must_appear if squash(t) not in text]
    if missing:
        shown = "; ".join(f"'{normalise(m)[:60]}'" for m in missing[:3])
        raise BuildError(source, f"text missing from the PDF after layout: {shown}")


def finish(pdf: bytes, must_appear: tuple[str, ...], source: str,
           furniture: Furniture | None = None) -> bytes:
    """Check the PDF; later steps (stamps) return new bytes."""
    verify(pdf, must_appear, source, furniture)
    return pdf

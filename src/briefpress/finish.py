"""Finish stage: the laid-out PDF is parsed back and checked before anyone sees it.

A press office must never send a paper with a finding silently missing, so the
bytes reportlab produced are read back with pypdf (strictly) and every text that
must appear (title, findings, recommendations) is looked for.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from briefpress.errors import BuildError


def normalise(value: str) -> str:
    """Whitespace folded to single spaces, so line breaks do not matter."""
    return re.sub(r"\s+", " ", value).strip()


def extract_text(pdf: bytes) -> str:
    """All page text, in page order."""
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    return "\n".join(page.extract_text() for page in reader.pages)


def verify(pdf: bytes, must_appear: tuple[str, ...], source: str) -> None:
    """Raise BuildError unless the PDF parses and contains each of *must_appear*."""
    try:
        text = normalise(extract_text(pdf))
    except (PdfReadError, ValueError) as exc:
        raise BuildError(source, f"the PDF produced could not be read back: {exc}") from None
    missing = [t for t in must_appear if normalise(t) not in text]
    if missing:
        shown = "; ".join(f"'{m[:60]}'" for m in missing[:3])
        raise BuildError(source, f"text missing from the PDF after layout: {shown}")


def finish(pdf: bytes, must_appear: tuple[str, ...], source: str) -> bytes:
    """Check the PDF; later steps (stamps) return new bytes."""
    verify(pdf, must_appear, source)
    return pdf

"""Finish stage: the laid-out PDF is parsed back, checked, and stamped before anyone sees it.

A press office must never send a paper with a finding silently missing, so the
bytes reportlab produced are read back with pypdf (strictly) and every text that
must appear (title, findings, recommendations, the embargo) is looked for. A
draft then has its stamp laid over every page here, with pypdf, and press
metadata (the embargo) is written into the document information; the stamped
file is checked again, page by page.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject, TextStringObject

from briefpress.errors import BuildError
from briefpress.story.press import Press


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


def stamp_and_label(pdf: bytes, press: Press) -> bytes:
    """Lay the stamp over every page and add the press entries to the document info.

    The writer starts from a clone of the original so the outline, links and
    metadata survive; with no clock or random id involved, the bytes are stable.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf), strict=True))
    if press.stamp is not None:
        stamp = PdfReader(io.BytesIO(press.stamp), strict=True).pages[0]
        for page in writer.pages:
            page.merge_page(stamp, over=True)
    if press.info:
        writer.add_metadata({NameObject(k): TextStringObject(v) for k, v in press.info})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def verify_stamp(pdf: bytes, stamp_text: str, source: str) -> None:
    """Every page must show the stamp as extractable text."""
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    unstamped = [i for i, page in enumerate(reader.pages, start=1)
                 if stamp_text not in page.extract_text()]
    if unstamped:
        raise BuildError(source, f"the {stamp_text} stamp is missing from page(s) "
                         + ", ".join(map(str, unstamped)))


def finish(pdf: bytes, must_appear: tuple[str, ...], source: str,
           press: Press | None = None) -> bytes:
    """Check the PDF; stamp and label it when the spec asks; check the result again."""
    verify(pdf, must_appear, source)
    if press is None or (press.stamp is None and not press.info):
        return pdf
    done = stamp_and_label(pdf, press)
    verify(done, must_appear, source)
    if press.stamp_text is not None:
        verify_stamp(done, press.stamp_text, source)
    return done

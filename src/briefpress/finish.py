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
from collections.abc import Callable, Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject, TextStringObject

from briefpress.errors import BuildError
from briefpress.story.press import Press

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
           furniture: Furniture | None = None, press: Press | None = None) -> bytes:
    """Check the PDF; stamp and label it when the spec asks; check the result again."""
    verify(pdf, must_appear, source, furniture)
    if press is None or (press.stamp is None and not press.info):
        return pdf
    done = stamp_and_label(pdf, press)
    stamp = (press.stamp_text,) if press.stamp_text is not None else ()

    def stamped(page: int, total: int) -> tuple[str, ...]:
        """The stamp is drawn last on each page, after the footer and header."""
        return (*(furniture(page, total) if furniture else ()), *stamp)

    verify(done, must_appear, source, stamped)
    if press.stamp_text is not None:
        verify_stamp(done, press.stamp_text, source)
    return done

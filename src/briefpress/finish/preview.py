"""Pages as pictures: PNG images of a finished PDF, drawn by pdfium.

``briefpress watch`` writes one per page beside the PDF, so any image viewer shows
the paper as it stands; ``briefpress pack`` makes page one for an email or a social
media post. pdfium is the engine Chrome uses to show PDFs, so the picture is what a
reader sees. The same PDF gives the same PNG bytes (no dates or names are written
into them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

PREVIEW_DPI = 100.0
"""Sharp enough to read body text on a screen, small enough to draw a page in ~20 ms."""


def page_pngs(pdf: bytes, dpi: float = PREVIEW_DPI, pages: Sequence[int] | None = None,
              width: int | None = None, compress: int = 1) -> list[bytes]:
    """Each page (or each of *pages*, 0-based) as PNG bytes, at *dpi* or *width* pixels wide.

    *compress* is zlib's level: 1 is fast (for a preview redrawn on every save), 9 small
    (for an image sent out).
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out: list[bytes] = []
    try:
        for number in range(len(doc)) if pages is None else pages:
            page = doc[number]
            try:
                scale = width / page.get_width() if width else dpi / 72.0
                bitmap = page.render(scale=scale, may_draw_forms=False)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=compress)
            out.append(buffer.getvalue())
    finally:
        doc.close()
    return out

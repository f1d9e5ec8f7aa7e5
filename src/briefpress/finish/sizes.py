"""What a finished PDF's bytes are spent on: images, fonts, the colour profile, the rest.

A press office emails the PDF, and mail services refuse or strip large attachments;
when a paper is over its email budget, this says which parts make it large, so the
fix (a smaller image, say) is plain.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


@dataclass(frozen=True)
class Parts:
    """Bytes of a PDF by what they hold (streams as stored, compressed)."""

    total: int
    images: int
    fonts: int
    colour_profile: int
    pages: int

    @property
    def other(self) -> int:
        """Page content (text, charts drawn as vectors), structure tree and metadata."""
        return max(self.total - self.images - self.fonts - self.colour_profile, 0)


def pdf_parts(pdf: bytes) -> Parts:
    """Sum the stored size of each image, embedded font file and ICC profile, once each."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: set[int] = set()
    sizes = {"images": 0, "fonts": 0, "icc": 0}

    def add(kind: str, ref: Any) -> None:
        key = getattr(ref, "idnum", None)
        if key is not None and key in seen:
            return
        if key is not None:
            seen.add(key)
        stream = ref.get_object()
        # the bytes as stored (pypdf keeps them, and drops /Length, when it reads a file)
        sizes[kind] += len(getattr(stream, "_data", b"") or b"")

    stack = [page.get("/Resources") for page in reader.pages]
    while stack:
        resources = stack.pop()
        resources = resources.get_object() if resources is not None else None
        if not resources:
            continue
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                add("images", ref)
                if "/SMask" in xobject:
                    add("images", xobject.raw_get("/SMask"))
            elif "/Resources" in xobject and getattr(ref, "idnum", None) not in seen:
                seen.add(getattr(ref, "idnum", -1))
                stack.append(xobject["/Resources"])
        for ref in (resources.get("/Font") or {}).values():
            for font in _font_dicts(ref.get_object()):
                descriptor = font.get("/FontDescriptor")
                if descriptor is None:
                    continue
                files: Any = descriptor.get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in files:
                        add("fonts", files.raw_get(key))
    root: Any = reader.trailer["/Root"]
    for ref in root.get("/OutputIntents") or []:
        intent: Any = ref.get_object()
        if "/DestOutputProfile" in intent:
            add("icc", intent.raw_get("/DestOutputProfile"))
    return Parts(len(pdf), sizes["images"], sizes["fonts"], sizes["icc"], len(reader.pages))


def _font_dicts(font: Any) -> list[Any]:
    """A font and, for a composite (Type 0) font, its descendant, which holds the file."""
    out = [font]
    for descendant in font.get("/DescendantFonts") or []:
        out.append(descendant.get_object())
    return out

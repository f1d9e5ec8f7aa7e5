"""Reading a built PDF back in tests, independently of briefpress's own after-layout check.

pypdf resolves outlines, links and the structure tree; pypdfium2 gives text, character
boxes and page objects with their marked-content names. Nothing here imports briefpress.
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MM = 72 / 25.4


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class PageObject:
    """A page object: its type (text, path, image), whether it is an artifact, its box."""

    page: int
    kind: str
    artifact: bool
    role: str
    text: str
    box: tuple[float, float, float, float]
    size: float = 0.0
    """A text's font size as printed (its font size times its matrix's scale)."""


def _names(obj: Any) -> list[str]:
    names = []
    for i in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, i)
        size = ctypes.c_ulong()
        buf = (raw.FPDF_WCHAR * 64)()
        if raw.FPDFPageObjMark_GetName(mark, buf, ctypes.sizeof(buf), ctypes.byref(size)):
            names.append(bytes(memoryview(buf).cast("B"))[: max(size.value - 2, 0)]
                         .decode("utf-16-le"))
    return names


KINDS = {raw.FPDF_PAGEOBJ_TEXT: "text", raw.FPDF_PAGEOBJ_PATH: "path",
         raw.FPDF_PAGEOBJ_IMAGE: "image", raw.FPDF_PAGEOBJ_SHADING: "shading",
         raw.FPDF_PAGEOBJ_FORM: "form"}


def page_objects(pdf: Path | bytes) -> list[list[PageObject]]:
    """Every object of every page (forms opened), with the marks it is drawn in."""
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    out: list[list[PageObject]] = []
    try:
        for n in range(len(doc)):
            page = doc[n]
            tp = page.get_textpage()
            objs: list[PageObject] = []
            parents: dict[int, list[str]] = {}
            for obj in page.get_objects(textpage=tp):
                names = _names(obj)
                container = getattr(obj, "container", None)
                if container is not None:
                    names = parents.get(id(container), []) + names
                if obj.type == raw.FPDF_PAGEOBJ_FORM:
                    parents[id(obj)] = names
                    continue
                role = next((x for x in reversed(names) if x != "Artifact"), "")
                is_text = obj.type == raw.FPDF_PAGEOBJ_TEXT
                text = obj.extract() if is_text else ""
                size = 0.0
                if is_text:
                    m = obj.get_matrix()
                    size = obj.get_font_size() * (m.a ** 2 + m.b ** 2) ** 0.5
                objs.append(PageObject(n, KINDS.get(obj.type, "?"), "Artifact" in names, role,
                                       text, tuple(float(v) for v in obj.get_bounds()), size))
            out.append(objs)
            tp.close()
            page.close()
    finally:
        doc.close()
    return out


def frame_text(pdf: Path, top_margin: float = 22 * MM, bottom_margin: float = 22 * MM
               ) -> list[str]:
    """Each page's text inside the text area (the running header and footer cut away)."""
    doc = pdfium.PdfDocument(str(pdf))
    texts = []
    try:
        for n in range(len(doc)):
            page = doc[n]
            w, h = page.get_size()
            tp = page.get_textpage()
            texts.append(tp.get_text_bounded(0, bottom_margin - 2, w, h - top_margin + 2))
            tp.close()
            page.close()
    finally:
        doc.close()
    return texts


def text_near(pdf: Path, page: int, top: float, depth: float = 40.0) -> str:
    """The text on *page* (0-based) in the band from *top* down *depth* points."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        p = doc[page]
        w, _ = p.get_size()
        tp = p.get_textpage()
        text: str = tp.get_text_bounded(0, top - depth, w, top)
        tp.close()
        p.close()
        return text
    finally:
        doc.close()


def outline(pdf: Path) -> list[tuple[str, int, float]]:
    """(title, page index, top) of every bookmark."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    out = []

    def visit(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                visit(item)
            else:
                out.append((str(item.title), reader.get_destination_page_number(item),
                            float(item.top)))
    visit(reader.outline)
    return out


def internal_links(pdf: Path) -> list[tuple[int, str, int, float]]:
    """(page, link text, destination page, destination top) of every link within the file."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    named = reader.named_destinations
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    found = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for n, page in enumerate(reader.pages):
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                dest = annot.get("/Dest")
                if dest is None:
                    continue
                dest = dest.get_object()
                if isinstance(dest, ArrayObject):  # an explicit [page /XYZ left top zoom]
                    dest_page, top = pages[dest[0].idnum], float(dest[3])
                else:
                    target = named[str(dest)]
                    dest_page, top = reader.get_destination_page_number(target), float(target.top)
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                tp = doc[n].get_textpage()
                text = tp.get_text_bounded(x0, y0, x1, y1)
                tp.close()
                found.append((n, text, dest_page, top))
    finally:
        doc.close()
    return found


@dataclass
class Element:
    """A structure element: its type, attributes, text (through its MCIDs) and children."""

    role: str
    alt: str | None
    attributes: dict[str, str]
    children: list[Element]
    mcids: list[tuple[int, int]]

    def walk(self) -> list[Element]:
        out = [self]
        for c in self.children:
            out += c.walk()
        return out


def structure(pdf: Path) -> Element:
    """The structure tree of *pdf* (pages as 0-based indexes in MCID references)."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()

    def build(d: DictionaryObject) -> Element:
        kids = d.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else ([kids] if kids is not None else [])
        children, mcids = [], []
        for k in kids:
            obj = k.get_object() if isinstance(k, IndirectObject) else k
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
                mcids.append((pages[obj.raw_get("/Pg").idnum], int(obj["/MCID"])))
            elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/OBJR":
                continue
            elif isinstance(obj, DictionaryObject):
                children.append(build(obj))
        attrs = {}
        a = d.get("/A")
        if a is not None:
            attrs = {str(k): str(v) for k, v in a.get_object().items()}
        alt = d.get("/Alt")
        return Element(str(d.get("/S", "/StructTreeRoot"))[1:], str(alt) if alt else None,
                       attrs, children, mcids)
    return build(root)


def marked_text(pdf: Path) -> dict[tuple[int, int], str]:
    """The text drawn in each marked-content sequence, by (page, MCID)."""
    doc = pdfium.PdfDocument(str(pdf))
    out: dict[tuple[int, int], str] = {}
    try:
        for n in range(len(doc)):
            page = doc[n]
            tp = page.get_textpage()
            for obj in page.get_objects(textpage=tp):
                if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
                if mcid >= 0:
                    out[(n, mcid)] = out.get((n, mcid), "") + obj.extract()
            tp.close()
            page.close()
    finally:
        doc.close()
    return out


def element_text(element: Element, texts: dict[tuple[int, int], str]) -> str:
    """All text under *element*, in structure order."""
    own = "".join(texts.get(m, "") for m in element.mcids)
    return own + "".join(element_text(c, texts) for c in element.children)

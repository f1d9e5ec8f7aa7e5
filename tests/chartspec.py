"""Helpers for the chart tests: a spec with one section that places the given figures."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from conftest import MINIMAL, write_spec


def spec_with(figures: str, body: str = "The figure follows.") -> str:
    """MINIMAL plus a section placing every figure id declared in *figures* (YAML text)."""
    ids = [line.split("id:", 1)[1].strip() for line in figures.splitlines()
           if line.strip().startswith("- id:")]
    blocks = "".join(f"      - figure: {i}\n" for i in ids)
    return (MINIMAL + "sections:\n  - heading: Charts\n    blocks:\n"
            f"      - {body}\n{blocks}figures:\n{figures}")


def build(project: Path, cli: object, name: str, text: str) -> tuple[int, str, Path]:
    """Write and build a spec; returns (exit code, stderr, path of the PDF)."""
    spec = write_spec(project, name, text)
    code, _out, err = cli("--project", str(project), "build", str(spec))  # type: ignore[operator]
    return code, err, project / "output" / f"{name}.pdf"


def fonts_and_images(pdf: Path) -> tuple[list[DictionaryObject], list[str]]:
    """Every font dictionary and every XObject subtype used on any page (nested too)."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    fonts: list[DictionaryObject] = []
    subtypes: list[str] = []
    for page in reader.pages:
        stack = [page["/Resources"]]
        while stack:
            res = stack.pop()
            fonts += [f.get_object() for f in (res.get("/Font") or {}).values()]
            for xobj in (res.get("/XObject") or {}).values():
                xobj = xobj.get_object()
                subtypes.append(str(xobj.get("/Subtype")))
                if "/Resources" in xobj:
                    stack.append(xobj["/Resources"])
    return fonts, subtypes


def assert_only_embedded_brand_fonts(pdf: Path) -> None:
    fonts, _ = fonts_and_images(pdf)
    assert fonts
    for font in fonts:
        assert "NotoSans" in str(font["/BaseFont"]), font["/BaseFont"]
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]

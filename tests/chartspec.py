"""Helpers for the chart tests: a spec with one section that places the given figures."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from conftest import MINIMAL, font_problems, pdf_resources, write_spec


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
    return pdf_resources(PdfReader(io.BytesIO(pdf.read_bytes()), strict=True))


def assert_only_embedded_brand_fonts(pdf: Path) -> None:
    assert font_problems(PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)) == []

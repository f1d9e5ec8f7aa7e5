"""Low-resolution reference images of every page of the example briefings.

The test in ``test_reference_images.py`` renders each page of each briefing in
``briefings/`` and compares it with ``tests/reference/<name>/page-<n>.png``, within a
tolerance, so a change that moves, drops or restyles something shows as a failure.
After an intended change to the look, look at the new pages, then refresh with::

    .venv/bin/python tests/reference.py

(it rebuilds every briefing and rewrites the images; commit them with the change).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REFERENCE = HERE / "reference"
SCALE = 40 / 72
"""40 dots per inch: enough to see a line move, small enough to keep in the repository."""


def render(pdf: Path) -> list[Image.Image]:
    """Every page of *pdf* as a greyscale image."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=SCALE, grayscale=True).to_pil().convert("L")
                for i in range(len(doc))]
    finally:
        doc.close()


def build_all(out: Path) -> dict[str, Path]:
    """Every briefing in briefings/, built as the screen paper into *out* (for a spec with
    editions, its first edition stands for it)."""
    sys.path.insert(0, str(REPO / "src"))
    from briefpress.cli import main

    with contextlib.redirect_stderr(io.StringIO()):
        code = main(["--project", str(REPO), "build", "--out", str(out),
                     "--profile", "screen"])
    if code != 0:
        raise SystemExit("the briefings did not build")
    built = {p.stem: p for p in sorted(out.glob("*.pdf"))}
    for manifest in sorted(out.glob("*/manifest.json")):
        first = json.loads(manifest.read_text(encoding="utf-8"))["editions"][0]["file"]
        built[manifest.parent.name] = manifest.parent / first
    return built


def refresh() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        built = build_all(Path(tmp))
        shutil.rmtree(REFERENCE, ignore_errors=True)
        for name, pdf in built.items():
            folder = REFERENCE / name
            folder.mkdir(parents=True)
            for number, image in enumerate(render(pdf), start=1):
                image.save(folder / f"page-{number}.png", optimize=True)
            print(f"{name}: {number} pages")


if __name__ == "__main__":
    refresh()

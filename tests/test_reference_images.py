"""Every page of every example briefing still looks as it did (tests/reference.py).

A page passes if, rendered at 40 dpi in grey, it differs from its reference image by
less than 1.5 grey levels on average and in fewer than 0.3 % of its pixels by more than
a quarter of the scale: anti-aliasing noise passes, a moved line or a missing box does
not. A briefing added to briefings/ without references is skipped, not failed, until
``tests/reference.py`` is run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import SPECS
from reference import REFERENCE, render

MEAN_LIMIT = 1.5
SHARE_LIMIT = 0.003
STRONG = 64


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean grey-level difference, share of pixels differing by more than STRONG)."""
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    pixels = a.width * a.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    strong = sum(histogram[STRONG + 1:]) / pixels
    return mean, strong


@pytest.mark.parametrize("name", [s.stem for s in SPECS])
def test_pages_look_as_they_did(briefings_built: dict[str, Path], name: str) -> None:
    folder = REFERENCE / name
    if not folder.is_dir():
        pytest.skip(f"no reference images for {name}: run tests/reference.py")
    expected = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    pages = render(briefings_built[name])
    assert len(pages) == len(expected), "the page count changed"
    for number, (page, ref) in enumerate(zip(pages, expected, strict=True), start=1):
        with Image.open(ref) as reference:
            assert page.size == reference.size, f"page {number}"
            mean, strong = difference(page, reference.convert("L"))
        assert mean < MEAN_LIMIT and strong < SHARE_LIMIT, (
            f"page {number} of {name} changed: mean {mean:.2f}, {strong:.2%} of pixels "
            "strongly; if intended, look at it and run tests/reference.py")


def test_a_moved_block_is_seen() -> None:
    """The tolerance passes rendering noise but not a shift of a few points."""
    page = Image.new("L", (200, 280), 255)
    for y in range(40, 200, 12):
        page.paste(0, (20, y, 180, y + 3))
    shifted = Image.new("L", page.size, 255)
    shifted.paste(page.crop((0, 0, 200, 276)), (0, 4))
    mean, strong = difference(page, shifted)
    assert mean >= MEAN_LIMIT or strong >= SHARE_LIMIT
    assert difference(page, page) == (0.0, 0.0)

"""The paper a briefing is made as: one value carrying geometry, colour and type scale.

The same spec is printed three ways: on screen (RGB, links, tagged), at a print
shop (CMYK, bleed, crop marks) and in large print (16 pt and up). Every stage
that needs a page size, a margin, a text size or a colour space reads it from
the :class:`Profile` it is given; none keeps its own constant, so a new paper is
a new value here, not an edit across the code.

All lengths are PDF points (1/72 inch), measured on the trimmed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)

ProfileName = Literal["screen", "print", "large-print"]
PROFILE_NAMES: tuple[ProfileName, ...] = ("screen", "print", "large-print")
ColourSpace = Literal["rgb", "cmyk"]


@dataclass(frozen=True)
class TypeScale:
    """Sizes relative to the body size, so one number scales a whole paper."""

    title: float = 2.4
    subtitle: float = 1.3
    h1: float = 1.45
    h2: float = 1.15
    quote: float = 1.2
    small: float = 0.85
    source: float = 0.8
    cell: float = 0.9
    furniture: float = 0.75
    leading: float = 1.4


@dataclass(frozen=True)
class Profile:
    """One way of making the paper: its page, margins, type and colour."""

    name: ProfileName
    page_width: float
    page_height: float
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    base_size: float
    scale: TypeScale
    colour_space: ColourSpace
    links: bool
    bleed: float = 0.0
    """How far backgrounds that touch the trim edge are drawn past it (print)."""
    slug: float = 0.0
    """Room beyond the bleed for the crop marks (print)."""
    crop_marks: bool = False
    min_text: float = 7.0
    """The smallest text anywhere outside the charts (points)."""
    min_chart_text: float = 7.0
    large_print: bool = False

    @property
    def offset(self) -> float:
        """Where the trimmed page starts on the sheet: the bleed and the slug around it."""
        return self.bleed + self.slug

    @property
    def media(self) -> tuple[float, float]:
        """The sheet the PDF pages are: the trimmed page, its bleed and the crop marks."""
        return self.page_width + 2 * self.offset, self.page_height + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.page_width, o + self.page_height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        return x0 - self.bleed, y0 - self.bleed, x1 + self.bleed, y1 + self.bleed

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        """Height of the text area on a page (the running header sits above it)."""
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def footer_size(self) -> float:
        return max(self.base_size * self.scale.furniture, self.min_text)

    @property
    def footer_y(self) -> float:
        """Baseline of the footer, measured from the bottom of the trimmed page."""
        return self.margin_bottom - 2.4 * self.footer_size - 6

    @property
    def header_y(self) -> float:
        """Baseline of the running header on pages after the first."""
        return self.page_height - self.margin_top + 1.4 * self.footer_size + 2

    @property
    def suffix(self) -> str:
        """What the output file name adds: ``x.pdf``, ``x-print.pdf``, ``x-large-print.pdf``."""
        return "" if self.name == "screen" else f"-{self.name}"

    def size(self, ratio: float) -> float:
        """A text size *ratio* times the body size, never below the profile's minimum."""
        return max(self.base_size * ratio, self.min_text)


def screen(base_size: float = 10.0) -> Profile:
    """Emailed and read on screen: A4, RGB, live links."""
    return Profile("screen", *A4, 20 * MM, 20 * MM, 22 * MM, 22 * MM, base_size, TypeScale(),
                   "rgb", links=True)


def for_print(base_size: float = 10.0) -> Profile:
    """For a print shop: the screen layout in CMYK with 3 mm bleed and crop marks."""
    return Profile("print", *A4, 20 * MM, 20 * MM, 22 * MM, 22 * MM, base_size, TypeScale(),
                   "cmyk", links=False, bleed=3 * MM, slug=7 * MM, crop_marks=True)


def large_print(base_size: float = 16.0) -> Profile:
    """Clear print for readers with low vision: all text 16 pt and up (the brand may set 16
    to 20), chart labels 14 pt and up, one column, left aligned."""
    scale = TypeScale(title=1.75, subtitle=1.15, h1=1.35, h2=1.15, quote=1.0, small=1.0,
                      source=1.0, cell=1.0, furniture=0.875, leading=1.45)
    return Profile("large-print", *A4, 18 * MM, 18 * MM, 22 * MM, 24 * MM, base_size, scale,
                   "rgb", links=True, min_text=16.0, min_chart_text=14.0, large_print=True)


def make_profile(name: ProfileName, base_size: float = 10.0,
                 large_size: float = 16.0) -> Profile:
    """The named profile with the brand's body sizes."""
    if name == "print":
        return for_print(base_size)
    if name == "large-print":
        return large_print(large_size)
    return screen(base_size)

"""Series colours that stay apart when printed in greyscale.

A greyscale printer (and a reader with a colour-vision deficiency) sees mostly
lightness, so series are told apart by their grey, measured as the luma a
greyscale conversion gives (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B, on
0-255, as Pillow's "L" mode and most print drivers compute it). Any two series
of one chart differ by at least :data:`MIN_GREY_STEP` levels.

Colours come from the brand palette where it can supply enough of them, darkest
first; where it cannot (too few colours, or several that print as the same
grey) the documented fallback is a ramp of tints and shades of the brand's
primary colour at evenly spaced greys. Markers, dash patterns and hatching are
added on top by the drawers, so colour is never the only cue.
"""

from __future__ import annotations

from briefpress.brand import Brand

MIN_GREY_STEP = 51
"""Minimum difference in grey level (0-255) between any two series: 20% of the scale."""
DARKEST = 40
LIGHTEST = 200
"""Greys a series may take: darker than 40 is confused with text, lighter than 200 fades
into the white page."""


def grey(colour: str) -> float:
    """The grey level (0 black - 255 white) a ``#RRGGBB`` colour prints as."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _mix(colour: str, other: str, t: float) -> str:
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def toward_grey(colour: str, target: float) -> str:
    """*colour* mixed with white or black until it prints at grey level *target*."""
    other = "#FFFFFF" if target > grey(colour) else "#000000"
    lo, hi = 0.0, 1.0
    for _ in range(30):
        mid = (lo + hi) / 2
        if (grey(_mix(colour, other, mid)) < target) == (other == "#FFFFFF"):
            lo = mid
        else:
            hi = mid
    return _mix(colour, other, hi)


def _usable(colour: str) -> bool:
    return DARKEST - 15 <= grey(colour) <= LIGHTEST + 15


def series_colours(brand: Brand, count: int) -> tuple[str, ...]:
    """*count* colours, darkest first, any two at least MIN_GREY_STEP grey levels apart."""
    c = brand.colours
    candidates = [c.primary, c.tertiary, c.secondary, *(v for _, v in c.palette)]
    chosen: list[str] = []
    for colour in candidates:
        if len(chosen) == count:
            break
        if _usable(colour) and all(abs(grey(colour) - grey(o)) >= MIN_GREY_STEP
                                   for o in chosen):
            chosen.append(colour)
    if len(chosen) < count:
        return ramp(c.primary, count)
    return tuple(sorted(chosen, key=grey))


def ramp(base: str, count: int) -> tuple[str, ...]:
    """The fallback: *count* tints and shades of *base* at evenly spaced greys."""
    if count == 1:
        return (toward_grey(base, min(max(grey(base), DARKEST), LIGHTEST)),)
    step = (LIGHTEST - DARKEST) / (count - 1)
    return tuple(toward_grey(base, DARKEST + i * step) for i in range(count))


def highlight_colours(brand: Brand) -> tuple[str, str]:
    """(accent, muted): the brand's tertiary colour for the singled-out bar, and a tint of
    its secondary colour for the rest, at least MIN_GREY_STEP grey levels from the accent."""
    accent = brand.colours.tertiary
    g = grey(accent)
    if not _usable(accent):
        accent = toward_grey(accent, min(max(g, DARKEST), LIGHTEST))
        g = grey(accent)
    target = g + MIN_GREY_STEP + 10 if g + MIN_GREY_STEP + 10 <= 235 else g - MIN_GREY_STEP - 10
    return accent, toward_grey(brand.colours.secondary, target)


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str, light: str, dark: str) -> str:
    """Whichever of *light* and *dark* reads better on *fill* (for labels inside bars)."""
    return light if contrast(fill, light) >= contrast(fill, dark) else dark

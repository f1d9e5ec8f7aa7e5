"""Brand colours as ink for the profile: the one place a colour becomes a reportlab colour.

On screen a brand role is its ``#RRGGBB``; in print it is the CMYK the brand
gives for it (``brand.yml``), so nothing else in the story or pages stages ever
writes a colour of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color, HexColor

from briefpress.brand import Colours
from briefpress.profile import ColourSpace


def rgb_to_cmyk(colour: str) -> tuple[float, float, float, float]:
    """A plain device conversion, for colours the brand gives no CMYK value for."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    c, m, y = (round((1 - v - k) / (1 - k), 4) for v in (r, g, b))
    return c, m, y, round(k, 4)


@dataclass(frozen=True)
class Ink:
    """Brand roles and chart colours turned into the profile's colour space."""

    colours: Colours
    space: ColourSpace
    cmyk: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    """``(#RRGGBB, (c, m, y, k))`` the brand gives for its colours (0-1 each)."""

    def __call__(self, role: str) -> Color:
        """The ink of a brand colour role (``primary``, ``light``, ...)."""
        value: str = getattr(self.colours, role)
        return self.colour(value)

    def colour(self, value: str) -> Color:
        """Any ``#RRGGBB`` colour, in the profile's colour space."""
        if self.space == "rgb":
            return HexColor(value)
        given = dict(self.cmyk).get(value.upper())
        c, m, y, k = given if given is not None else rgb_to_cmyk(value)
        return CMYKColor(c, m, y, k)

    def hex(self, role: str) -> str:
        value: str = getattr(self.colours, role)
        return value

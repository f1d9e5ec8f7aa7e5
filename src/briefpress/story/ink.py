"""Brand colours as ink for the profile: the one place a colour becomes a reportlab colour.

On screen a brand role is its ``#RRGGBB``; in print it is the CMYK the brand
gives for it (``brand.yml``, through :meth:`briefpress.brand.printing.Printing.ink`),
so nothing else in the story or pages stages ever writes a colour of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color, HexColor

from briefpress.brand import Colours
from briefpress.brand.printing import Printing
from briefpress.profile import ColourSpace


@dataclass(frozen=True)
class Ink:
    """Brand roles and chart colours turned into the profile's colour space."""

    colours: Colours
    space: ColourSpace
    printing: Printing

    def __call__(self, role: str) -> Color:
        """The ink of a brand colour role (``primary``, ``light``, ...)."""
        value: str = getattr(self.colours, role)
        return self.colour(value)

    def colour(self, value: str) -> Color:
        """Any ``#RRGGBB`` colour, in the profile's colour space."""
        if self.space == "rgb":
            return HexColor(value)
        c, m, y, k = self.printing.ink(value)
        return CMYKColor(c, m, y, k)

    def hex(self, role: str) -> str:
        value: str = getattr(self.colours, role)
        return value

"""What a brand says about its papers beyond brand.yml's own keys: ``defaults.briefpress``.

brand.yml keeps tool-specific settings under ``defaults`` (``defaults.bootstrap``,
``defaults.quarto``); briefpress reads ``defaults.briefpress``::

    defaults:
      briefpress:
        profiles: [screen, print]   # the papers 'briefpress build' makes by default
        large-print-size: 16pt      # body text of the large-print paper, 16pt to 20pt
        cmyk:                       # process colours for print, by palette name or #RRGGBB
          navy: [100, 76, 30, 40]   # C, M, Y, K in per cent, as a brand guide gives them

A colour the print paper uses with no CMYK given is converted from its RGB value
(a plain device conversion, not a colour-managed one) and ``check`` says so, since
a printer's proof may then differ from the brand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from briefpress.profile import PROFILE_NAMES, ProfileName

Percent = Annotated[float, Field(ge=0, le=100)]
CMYK = tuple[float, float, float, float]
"""Cyan, magenta, yellow and black, each 0-1."""


class BriefpressDefaults(BaseModel):
    """``defaults.briefpress`` in brand.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True,
                              populate_by_name=True)

    profiles: tuple[Literal["screen", "print", "large-print"], ...] | None = Field(
        None, min_length=1)
    large_print_size: str | None = Field(None, alias="large-print-size")
    cmyk: dict[str, tuple[Percent, Percent, Percent, Percent]] = {}


class Defaults(BaseModel):
    """brand.yml's ``defaults``: other tools' settings are left alone."""

    model_config = ConfigDict(extra="allow", frozen=True, hide_input_in_errors=True)

    briefpress: BriefpressDefaults = BriefpressDefaults.model_validate({})


@dataclass(frozen=True)
class Printing:
    """The brand's papers: which to make by default, the large-print size, print inks."""

    profiles: tuple[ProfileName, ...] = ("screen",)
    large_size: float = 16.0
    cmyk: tuple[tuple[str, CMYK], ...] = ()
    """``(#RRGGBB, (c, m, y, k))`` for the colours the brand gives process values for."""

    def lacks_cmyk(self, colours: list[str]) -> list[str]:
        """Which of *colours* (``#RRGGBB``) have no CMYK value given."""
        given = {hex_ for hex_, _ in self.cmyk}
        return [c for c in dict.fromkeys(colours) if c.upper() not in given]

    def ink(self, colour: str) -> CMYK:
        """The process colour for ``#RRGGBB``: the brand's value, or a plain conversion.

        This is the one place an RGB colour becomes ink: the story's text and boxes and,
        after drawing, the charts' and images' colours all come through it.
        """
        given = dict(self.cmyk).get(colour.upper())
        return given if given is not None else rgb_to_cmyk(colour)


def rgb_to_cmyk(colour: str) -> CMYK:
    """A plain device conversion (black generation by the darkest channel), for colours
    the brand gives no CMYK value for. Greys become black ink alone, so text stays sharp."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    c, m, y = (round((1 - v - k) / (1 - k), 4) for v in (r, g, b))
    return c, m, y, round(k, 4)


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(pt)?")


def large_size(value: str | None) -> float | None:
    """``16pt`` -> 16.0; None for a value that is not a size from 16 to 20 points."""
    if value is None:
        return 16.0
    m = _SIZE.fullmatch(value.strip())
    size = float(m.group(1)) if m else 0.0
    return size if 16 <= size <= 20 else None


def printing(defaults: Any, palette: dict[str, str],
             fail: Any) -> Printing:
    """The brand's print settings; *fail(path, message)* reports what is wrong."""
    d = (defaults.briefpress if isinstance(defaults, Defaults)
         else BriefpressDefaults.model_validate({}))
    size = large_size(d.large_print_size)
    if size is None:
        fail(("defaults", "briefpress", "large-print-size"),
             f"'{d.large_print_size}' is not a large-print size; write one from 16pt to 20pt")
        size = 16.0
    cmyk: list[tuple[str, CMYK]] = []
    for name, values in d.cmyk.items():
        colour = palette.get(name, name).upper()
        if not re.fullmatch(r"#[0-9A-F]{6}", colour):
            fail(("defaults", "briefpress", "cmyk", name), f"'{name}' is neither a palette "
                 "colour nor a #RRGGBB colour")
            continue
        c, m, y, k = (v / 100 for v in values)
        cmyk.append((colour, (c, m, y, k)))
    profiles = tuple(p for p in (d.profiles or ("screen",)) if p in PROFILE_NAMES)
    return Printing(profiles, size, tuple(cmyk))

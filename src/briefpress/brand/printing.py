"""What a brand says about its papers beyond brand.yml's own keys: ``defaults.briefpress``.

brand.yml keeps tool-specific settings under ``defaults`` (``defaults.bootstrap``,
``defaults.quarto``); briefpress reads ``defaults.briefpress``::

    defaults:
      briefpress:
        profiles: [screen, print]   # the papers 'briefpress build' makes by default
        large-print-size: 16pt      # body text of the large-print paper, 16pt to 20pt
        cmyk:                       # process colours for print, by palette name or #RRGGBB
          navy: [100, 76, 30, 40]   # C, M, Y, K in per cent, as a brand guide gives them
        max-pages: 4                # the most pages a paper may run to (a spec's max_pages
                                    # wins); or by series: {Briefing paper: 2, Report: 12}
        email-budget: 2MB           # the most a PDF may weigh to go by email ('pack')

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
from briefpress.source.values import page_count

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
    max_pages: Any = Field(None, alias="max-pages")
    email_budget: str | None = Field(None, alias="email-budget")


class Defaults(BaseModel):
    """brand.yml's ``defaults``: other tools' settings are left alone."""

    model_config = ConfigDict(extra="allow", frozen=True, hide_input_in_errors=True)

    briefpress: BriefpressDefaults = BriefpressDefaults.model_validate({})


@dataclass(frozen=True)
class PageLimit:
    """The most pages a paper may run to: for every paper (*series* None) or for one series."""

    series: str | None
    pages: int
    where: str = ""
    """Where brand.yml sets it (``assets/brand.yml:80:16``), for messages."""


EMAIL_BUDGET = 2_000_000
"""The default email budget: 2 MB, within what every common mail service accepts."""


@dataclass(frozen=True)
class Printing:
    """The brand's papers: which to make by default, the large-print size, print inks, how
    long a paper may be and how large a PDF may be to go by email."""

    profiles: tuple[ProfileName, ...] = ("screen",)
    large_size: float = 16.0
    cmyk: tuple[tuple[str, CMYK], ...] = ()
    """``(#RRGGBB, (c, m, y, k))`` for the colours the brand gives process values for."""
    page_limits: tuple[PageLimit, ...] = ()
    email_budget: int = EMAIL_BUDGET
    """Bytes (1 MB is 1,000,000 bytes)."""
    email_budget_where: str = ""
    """Where brand.yml sets the budget, if it does (for messages)."""

    def page_limit(self, series: str | None) -> PageLimit | None:
        """The limit for a paper of *series*: its series' own, else the brand's general one."""
        own = [p for p in self.page_limits if p.series is not None and p.series == series]
        general = [p for p in self.page_limits if p.series is None]
        found = own or general
        return found[0] if found else None

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
    budget = email_budget(d.email_budget)
    if budget is None:
        fail(("defaults", "briefpress", "email-budget"), f"'{d.email_budget}' is not a size "
             "for email; write it like 2MB or 500kB (1 MB is 1,000,000 bytes), at most 100MB")
        budget = EMAIL_BUDGET
    return Printing(profiles, size, tuple(cmyk), _page_limits(d.max_pages, fail), budget)


def _page_limits(value: Any, fail: Any) -> tuple[PageLimit, ...]:
    """``max-pages: 4``, or ``max-pages: {Briefing paper: 2}`` (by series)."""
    if value is None:
        return ()
    where = ("defaults", "briefpress", "max-pages")
    if isinstance(value, list):
        fail(where, "expected a number of pages (max-pages: 4), or pages by series "
             "(max-pages: {Briefing paper: 2}), got a list")
        return ()
    entries = value.items() if isinstance(value, dict) else [(None, value)]
    limits = []
    for series, count in entries:
        try:
            limits.append(PageLimit(series, page_count(count)))
        except ValueError as exc:
            fail((*where, series) if series is not None else where, str(exc))
    return tuple(limits)


_BYTES = re.compile(r"(\d+(?:\.\d+)?)\s*(kB|KB|MB|B)?")
_UNITS = {None: 1, "B": 1, "kB": 1000, "KB": 1000, "MB": 1_000_000}


def email_budget(value: str | None) -> int | None:
    """``2MB`` -> 2,000,000 bytes; None for a value that is not a size up to 100 MB."""
    if value is None:
        return EMAIL_BUDGET
    m = _BYTES.fullmatch(value.strip())
    size = int(float(m.group(1)) * _UNITS[m.group(2)]) if m else 0
    return size if 0 < size <= 100_000_000 else None

"""Layout arithmetic for charts, with no matplotlib in it: wrapping text into a width,
and the scale at which every value and its label fit inside a span.

Both work on measured widths (a function from text to points), so the layout is
exact for the font in use, and both run in time linear in the text or the values,
however long or many.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Width = Callable[[str], float]


class WordTooWide(ValueError):
    """One word (a run without spaces) is wider than the room for its line."""

    def __init__(self, word: str, width: float) -> None:
        super().__init__(word)
        self.word = word
        self.width = width


class TooManyLines(ValueError):
    """Wrapped, the text would need more lines than there is room for."""


_SPACES = re.compile(r"[ \t\r]+")


def words_of(text: str) -> list[list[str]]:
    """The words of each line of *text*: lines break where the text has a line break, and
    words at ordinary spaces (a no-break space keeps its words together)."""
    lines = [_SPACES.split(part.strip(" \t\r")) for part in text.split("\n")]
    return [[w for w in line if w] for line in lines if any(line)]


def wrap(text: str, room: float, width: Width, max_lines: int = 10_000) -> list[str]:
    """*text* in lines no wider than *room*, broken only at spaces (greedy, so each line
    is as full as it can be). Raises WordTooWide for a word wider than *room*, and
    TooManyLines as soon as more than *max_lines* lines would be needed."""
    space = width(" ")
    out: list[str] = []
    for words in words_of(text):
        line: list[str] = []
        used = 0.0
        for word in words:
            w = width(word)
            if w > room:
                raise WordTooWide(word, w)
            if line and used + space + w <= room:
                line.append(word)
                used += space + w
                continue
            if line:
                out.append(" ".join(line))
            line, used = [word], w
            if len(out) >= max_lines:
                raise TooManyLines(text)
        if line:
            out.append(" ".join(line))
    if len(out) > max_lines:
        raise TooManyLines(text)
    return out or [text.strip()]


@dataclass(frozen=True)
class Reach:
    """A value to place on a scale, and the points its marks need beyond it: ``ahead`` in
    the direction values grow (a label after a bar's end), ``behind`` in the other."""

    value: float
    ahead: float = 0.0
    behind: float = 0.0


@dataclass(frozen=True)
class Scale:
    """Position in points along a span: ``origin + per_unit * value``."""

    origin: float
    per_unit: float

    def at(self, value: float) -> float:
        return self.origin + self.per_unit * value


def fits_unscaled(reaches: Sequence[Reach], span: float) -> bool:
    """Whether the marks fit at all: with every value drawn at one point, the room needed
    ahead of the largest and behind the smallest must both fit in *span*."""
    return max(r.behind for r in reaches) + max(r.ahead for r in reaches) <= span


def fit_scale(reaches: Sequence[Reach], span: float) -> Scale:
    """The largest scale at which every value, with the room its marks need, lies inside
    [0, span]; values sit as low as they can (bars start at their baseline).

    Position p = origin + s * v must satisfy p - behind >= 0 and p + ahead <= span for
    every reach. For a given s that holds when max(behind - s v) <= min(span - ahead - s v),
    and the gap between the two sides only shrinks as s grows, so the largest s is found
    by bisection (60 halvings: exact to the last bits of a float). Raises ValueError if
    the marks do not fit even unscaled, or the values are not finite.
    """
    values = [r.value for r in reaches]
    if not all(math.isfinite(v) for v in values) or not math.isfinite(max(values) - min(values)):
        raise ValueError("values too large to draw to one scale")
    if not fits_unscaled(reaches, span):
        raise ValueError("the marks are wider than the span")

    def low(s: float) -> float:
        return max(r.behind - s * r.value for r in reaches)

    def high(s: float) -> float:
        return min(span - r.ahead - s * r.value for r in reaches)

    spread = max(values) - min(values)
    if spread == 0:
        return Scale(low(1.0), 1.0)
    lo, hi = 0.0, span / spread  # at hi the extreme values alone fill the span
    if low(hi) <= high(hi):
        lo = hi
    for _ in range(60):
        mid = (lo + hi) / 2
        if low(mid) <= high(mid):
            lo = mid
        else:
            hi = mid
    return Scale(low(lo), lo)

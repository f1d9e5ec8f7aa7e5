"""One way to make a table, so no cell ever falls back to reportlab's Helvetica."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle


class WholeTable(Table):  # type: ignore[misc]
    """A table that moves to the next page whole rather than split.

    Unlike wrapping it in KeepTogether, this leaves it an ordinary flowable, so a
    heading's keepWithNext still keeps the heading on the same page as the table.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return []


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], font: str,
          commands: Sequence[tuple[Any, ...]], *, whole: bool = False, **kw: Any) -> Table:
    """A Table whose every cell, text or flowable, starts in the brand *font*."""
    kw.setdefault("splitInRow", 1)  # a row taller than a page splits inside its cells
    kind = WholeTable if whole else Table
    t = kind([list(r) for r in rows], colWidths=list(widths), **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return t

"""One way to make a table, so no cell ever falls back to reportlab's Helvetica."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], font: str,
          commands: Sequence[tuple[Any, ...]], **kw: Any) -> Table:
    """A Table whose every cell, text or flowable, starts in the brand *font*."""
    kw.setdefault("splitInRow", 1)
    t = Table([list(r) for r in rows], colWidths=list(widths), **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return t

"""What every chart shares: matplotlib set up for print, and the small axis helpers.

Every chart is drawn at its printed width (1 SVG unit = 1 pt), so the font sizes
here are the printed sizes: nothing is smaller than :data:`MIN_TEXT_PT`. The rc
settings make the SVG deterministic (fixed hash salt, no date) and keep text as
text in the brand font, with mathtext off so "$5m" prints as typed.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from briefpress.brand import Brand
from briefpress.charts.numbers import format_number
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import ChartBase, StatFigure

PT_PER_INCH = 72.0
MIN_TEXT_PT = 7.0
LABEL_PT = 8.5
TICK_PT = 8.5
MARKERS = ("o", "s", "^", "D")
DASHES: tuple[Any, ...] = ("-", "--", ":", "-.")
"""Per series of a line chart: marker and dash pattern, so no line depends on colour."""

Drawn = tuple[Figure, tuple[str, ...], tuple[str, ...]]
"""A drawn figure, the value labels it shows, and the series colours used."""


@cache
def add_font(path: Path) -> None:
    font_manager.fontManager.addfont(str(path))


@contextmanager
def style(brand: Brand) -> Iterator[None]:
    """rc settings that make output deterministic, text real, and in the brand's font."""
    for path in (brand.font.regular, brand.font.bold, brand.font.italic, brand.font.bold_italic):
        add_font(path)
    rc: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "briefpress",
        "svg.id": "chart",
        "font.family": brand.font.name,
        "font.size": TICK_PT,
        "legend.fontsize": LABEL_PT,
        "text.parse_math": False,
        "axes.unicode_minus": False,
        "text.color": brand.colours.foreground,
        "axes.edgecolor": brand.colours.secondary,
        "axes.labelcolor": brand.colours.foreground,
        "axes.labelsize": LABEL_PT,
        "xtick.color": brand.colours.foreground,
        "ytick.color": brand.colours.foreground,
        "xtick.labelsize": TICK_PT,
        "ytick.labelsize": TICK_PT,
    }
    rc = {k: v for k, v in rc.items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        yield


def svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def fmt(figure: ChartBase | StatFigure, value: Decimal) -> str:
    return format_number(value, figure.prefix or "", figure.suffix or "")


def table_of(data: FigureData | None) -> Table:
    assert isinstance(data, Table), "chart data is resolved to a Table by the spec stage"
    return data


def new_axes(width_pt: float, height_pt: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width_pt / PT_PER_INCH, height_pt / PT_PER_INCH))
    return fig, fig.add_subplot()


def bare(ax: Axes, keep: str) -> None:
    """Only the baseline spine (*keep*) stays; values are labelled, so no value axis."""
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(side == keep)


def limits(values: list[float], room: float = 1.14) -> tuple[float, float]:
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)
    if lo == hi == 0:
        return 0.0, 1.0
    return lo * room, hi * room


def wrap(label: str, width_pt: float) -> str:
    """Wrap a category label to fit *width_pt* at the tick size (a generous estimate)."""
    chars = max(6, int(width_pt / (TICK_PT * 0.55)))
    return "\n".join(textwrap.wrap(label, chars)) or label


def axis_label(ax: Axes, figure: ChartBase, on_x: bool, legend: bool = False) -> None:
    """What the values measure: under a horizontal chart's bars, or as a line of text
    above a vertical chart (read level, never rotated), clear of any legend."""
    if not figure.axis_label:
        return
    if on_x:
        ax.set_xlabel(figure.axis_label)
        ax.xaxis.set_visible(True)
        ax.xaxis.set_ticks([])
    else:
        ax.set_title(figure.axis_label, loc="left", fontsize=LABEL_PT,
                     color=ax.xaxis.label.get_color(), pad=22 if legend else 8)


def legend(ax: Axes, handles: list[Any], width_pt: float) -> None:
    """A key above the plot: in one row if the names fit across, else one per line."""
    names = [str(h.get_label()) for h in handles]
    across = sum(len(n) * LABEL_PT * 0.55 + 44 for n in names) < width_pt - 10
    if not across:
        chars = max(20, int((width_pt - 60) / (LABEL_PT * 0.55)))
        for h, n in zip(handles, names, strict=True):
            h.set_label("\n".join(textwrap.wrap(n, chars)))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02),
              ncols=len(handles) if across else 1, frameon=False, borderaxespad=0,
              handlelength=2.6, columnspacing=1.6)

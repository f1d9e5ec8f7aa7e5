"""The matplotlib side of the charts stage: one small function per chart kind."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from briefpress.brand import Brand
from briefpress.charts import ChartSVG
from briefpress.charts.numbers import format_number
from briefpress.spec.figures import BarFigure, FigureBase

PT_PER_INCH = 72.0
LABEL_PT = 8.5
TICK_PT = 8.5


@cache
def _add_font(path: Path) -> None:
    font_manager.fontManager.addfont(str(path))


@contextmanager
def _style(brand: Brand) -> Iterator[None]:
    """rc settings that make output deterministic, text real, and in the brand's font."""
    for path in (brand.font.regular, brand.font.bold, brand.font.italic, brand.font.bold_italic):
        _add_font(path)
    rc: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "briefpress",
        "svg.id": "chart",
        "font.family": brand.font.name,
        "font.size": TICK_PT,
        "text.parse_math": False,
        "axes.unicode_minus": False,
        "text.color": brand.colours.foreground,
        "axes.edgecolor": brand.colours.secondary,
        "axes.labelcolor": brand.colours.foreground,
        "xtick.color": brand.colours.foreground,
        "ytick.color": brand.colours.foreground,
    }
    rc = {k: v for k, v in rc.items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        yield


def _svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _bar(figure: FigureBase, brand: Brand, width_pt: float) -> tuple[Figure, tuple[str, ...]]:
    assert isinstance(figure, BarFigure)
    labels = [p.label for p in figure.data]
    values = [float(p.value) for p in figure.data]
    shown = tuple(format_number(p.value) for p in figure.data)
    horizontal = figure.orientation == "horizontal"
    height_pt = 36 + 22 * len(labels) if horizontal else 200.0
    fig = Figure(figsize=(width_pt / PT_PER_INCH, height_pt / PT_PER_INCH))
    ax: Axes = fig.add_subplot()
    if horizontal:
        bars = ax.barh(range(len(values)), values, color=brand.colours.primary, height=0.62)
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, max(max(values), 0) * 1.12 or 1)
    else:
        bars = ax.bar(range(len(values)), values, color=brand.colours.primary, width=0.62)
        ax.set_xticks(range(len(labels)), labels)
        ax.yaxis.set_visible(False)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", length=0)
        ax.set_ylim(0, max(max(values), 0) * 1.12 or 1)
    ax.bar_label(bars, labels=list(shown), padding=3, fontsize=LABEL_PT)
    if figure.axis_label:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(figure.axis_label)
        (ax.xaxis if horizontal else ax.yaxis).set_visible(True)
        (ax.xaxis if horizontal else ax.yaxis).set_ticks([])
    fig.tight_layout(pad=0.4)
    return fig, shown


DRAWERS: dict[str, Callable[[FigureBase, Brand, float], tuple[Figure, tuple[str, ...]]]] = {
    "bar": _bar,
}


def draw(figure: FigureBase, brand: Brand, width_pt: float) -> ChartSVG:
    """Draw one figure to SVG at *width_pt* wide."""
    with _style(brand):
        fig, labels = DRAWERS[str(figure.kind)](figure, brand, width_pt)
        w, h = fig.get_size_inches()
        return ChartSVG(_svg(fig), float(w) * PT_PER_INCH, float(h) * PT_PER_INCH, labels)

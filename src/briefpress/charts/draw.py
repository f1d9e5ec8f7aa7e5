"""The matplotlib side of the charts stage: one small function per chart kind.

Every value is labelled on the chart as text, formatted as the spec gives it.
Set-up and helpers shared by the kinds live in :mod:`briefpress.charts.frame`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from briefpress.brand import Brand
from briefpress.charts import ChartSVG
from briefpress.charts.alt import draft_alt
from briefpress.charts.frame import (
    DASHES,
    LABEL_PT,
    MARKERS,
    PT_PER_INCH,
    Drawn,
    axis_label,
    bare,
    fmt,
    legend,
    limits,
    new_axes,
    style,
    svg,
    table_of,
    wrap,
)
from briefpress.charts.numbers import exact_sum
from briefpress.charts.palette import grey, highlight_colours, series_colours, text_on
from briefpress.spec.data import FigureData, Table
from briefpress.spec.figures import (
    BarFigure,
    ChartBase,
    FigureBase,
    StatFigure,
)


def _bar(figure: FigureBase, data: FigureData | None, brand: Brand, width_pt: float) -> Drawn:
    assert isinstance(figure, BarFigure)
    table = table_of(data)
    labels = list(table.categories)
    raw = table.series[0].values
    values = [float(v) for v in raw]
    shown = tuple(fmt(figure, v) for v in raw)
    if figure.highlight is not None:
        accent, muted = highlight_colours(brand)
        colours = [accent if c == figure.highlight else muted for c in labels]
        used = tuple(sorted({accent, muted}, key=grey))
    else:
        colours = [brand.colours.primary] * len(labels)
        used = (brand.colours.primary,)
    horizontal = figure.orientation == "horizontal"
    height_pt = 36 + 22 * len(labels) if horizontal else 190.0
    fig, ax = new_axes(width_pt, height_pt)
    if horizontal:
        bars = ax.barh(range(len(values)), values, color=colours, height=0.62)
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.xaxis.set_visible(False)
        bare(ax, "left")
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(*limits(values))
    else:
        bars = ax.bar(range(len(values)), values, color=colours, width=0.62)
        slot = (width_pt - 20) / max(len(labels), 1)
        ax.set_xticks(range(len(labels)), [wrap(lb, slot) for lb in labels])
        ax.yaxis.set_visible(False)
        bare(ax, "bottom")
        ax.tick_params(axis="x", length=0)
        ax.set_ylim(*limits(values))
    texts = ax.bar_label(bars, labels=list(shown), padding=3, fontsize=LABEL_PT)
    if figure.highlight is not None:
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        for i, category in enumerate(labels):
            if category == figure.highlight:
                texts[i].set_fontweight("bold")
                ticks[i].set_fontweight("bold")
    axis_label(ax, figure, horizontal)
    fig.tight_layout(pad=0.4)
    return fig, shown, used


def _grouped(figure: FigureBase, data: FigureData | None, brand: Brand,
             width_pt: float) -> Drawn:
    assert isinstance(figure, ChartBase)
    table = table_of(data)
    k, n = len(table.series), len(table.categories)
    colours = series_colours(brand, k)
    fig, ax = new_axes(width_pt, 220.0)
    width = 0.8 / k
    shown: list[str] = []
    for j, series in enumerate(table.series):
        xs = [i - 0.4 + width * (j + 0.5) for i in range(n)]
        bars = ax.bar(xs, [float(v) for v in series.values], width=width * 0.92,
                      color=colours[j], label=series.name)
        labels = [fmt(figure, v) for v in series.values]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=LABEL_PT)
        shown += labels
    slot = (width_pt - 20) / max(n, 1)
    ax.set_xticks(range(n), [wrap(c, slot) for c in table.categories])
    ax.tick_params(axis="x", length=0)
    ax.yaxis.set_visible(False)
    bare(ax, "bottom")
    ax.set_ylim(*limits([float(v) for s in table.series for v in s.values]))
    legend(ax, [Patch(facecolor=colours[j], label=str(s.name))
                 for j, s in enumerate(table.series)], width_pt)
    axis_label(ax, figure, False, legend=True)
    fig.tight_layout(pad=0.4)
    return fig, tuple(shown), colours


def _stacked(figure: FigureBase, data: FigureData | None, brand: Brand,
             width_pt: float) -> Drawn:
    assert isinstance(figure, ChartBase)
    table = table_of(data)
    k, n = len(table.series), len(table.categories)
    colours = series_colours(brand, k)
    fig, ax = new_axes(width_pt, 56 + 26 * n)
    left = [0.0] * n
    shown: list[str] = []
    bars = None
    for j, series in enumerate(table.series):
        values = [float(v) for v in series.values]
        bars = ax.barh(range(n), values, left=left, height=0.6, color=colours[j],
                       edgecolor=brand.colours.background, linewidth=0.8, label=series.name)
        labels = [fmt(figure, v) for v in series.values]
        ink = text_on(colours[j], brand.colours.background, brand.colours.foreground)
        ax.bar_label(bars, labels=labels, label_type="center", fontsize=LABEL_PT, color=ink)
        shown += labels
        left = [a + b for a, b in zip(left, values, strict=True)]
    totals = [exact_sum(s.values[i] for s in table.series) for i in range(n)]
    assert bars is not None
    total_text = [fmt(figure, t) for t in totals]
    ax.bar_label(bars, labels=total_text, padding=4, fontsize=LABEL_PT, fontweight="bold")
    shown += total_text
    ax.set_yticks(range(n), table.categories)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_visible(False)
    bare(ax, "left")
    ax.set_xlim(*limits([float(t) for t in totals], 1.12))
    legend(ax, [Patch(facecolor=colours[j], label=str(s.name))
                 for j, s in enumerate(table.series)], width_pt)
    axis_label(ax, figure, True)
    fig.tight_layout(pad=0.4)
    return fig, tuple(shown), colours


def _line(figure: FigureBase, data: FigureData | None, brand: Brand, width_pt: float) -> Drawn:
    """Lines with a marker and dash pattern each. With one or two series every point is
    labelled (the higher value above, the lower below); with more, labels would collide,
    so each line is labelled at its end (every value is still in the alt text)."""
    assert isinstance(figure, ChartBase)
    table = table_of(data)
    k, n = len(table.series), len(table.categories)
    colours = series_colours(brand, k)
    height = 200.0
    fig, ax = new_axes(width_pt, height)
    handles: list[Any] = []
    shown: list[str] = []
    every_point = k <= 2
    lo, hi = limits([float(v) for s in table.series for v in s.values], 1.2)
    for j, series in enumerate(table.series):
        style: dict[str, Any] = {"color": colours[j], "linestyle": DASHES[j],
                                 "marker": MARKERS[j], "markersize": 5.5, "linewidth": 1.8}
        ax.plot(range(n), [float(v) for v in series.values], clip_on=False, **style)
        handles.append(Line2D([], [], label=str(series.name), **style))
        points = range(n) if every_point else range(n - 1, n)
        for i in points:
            value = series.values[i]
            above = value == max(s.values[i] for s in table.series) and (
                j == 0 or value != table.series[0].values[i])
            label = fmt(figure, value)
            if every_point:
                ax.annotate(label, (i, float(value)), textcoords="offset points",
                            xytext=(0, 7 if above else -8), ha="center",
                            va="bottom" if above else "top", fontsize=LABEL_PT)
            shown.append(label)
    if not every_point:
        _end_labels(ax, figure, table, (lo, hi), height - 70)
    slot = (width_pt - 20) / max(n, 1)
    ax.set_xticks(range(n), [wrap(c, slot) for c in table.categories])
    ax.set_xlim(-0.4, n - 0.6 + (0 if every_point else 0.45))
    ax.tick_params(axis="x", length=3, color=brand.colours.secondary)
    ax.yaxis.set_visible(False)
    bare(ax, "bottom")
    ax.set_ylim(lo, hi)
    if k > 1:
        legend(ax, handles, width_pt)
        axis_label(ax, figure, False, legend=True)
    else:  # one line needs no key: its name is the label above the plot
        ax.set_title(figure.axis_label or str(table.series[0].name or ""), loc="left",
                     fontsize=LABEL_PT, pad=8)
    fig.tight_layout(pad=0.4)
    return fig, tuple(shown), colours


def _end_labels(ax: Axes, figure: ChartBase, table: Table, limits: tuple[float, float],
                plot_pt: float) -> None:
    """Each line's last value to the right of its end, nudged apart so none overlap."""
    last = len(table.categories) - 1
    gap = (limits[1] - limits[0]) * (LABEL_PT * 1.25) / plot_pt
    ends = sorted(((float(s.values[last]), j) for j, s in enumerate(table.series)),
                  reverse=True)
    placed: list[float] = []
    for y, _ in ends:
        placed.append(min(y, placed[-1] - gap) if placed else y)
    for (y, j), at in zip(ends, placed, strict=True):
        ax.annotate(fmt(figure, table.series[j].values[last]), (last, y),
                    xytext=(last + 0.08, at), textcoords="data", ha="left", va="center",
                    fontsize=LABEL_PT)


def _stat(figure: FigureBase, data: FigureData | None, brand: Brand, width_pt: float) -> Drawn:
    """A tile: the number large in the brand's primary colour, the label beneath it."""
    assert isinstance(figure, StatFigure)
    number = fmt(figure, figure.value)
    label_pt, number_pt, pad = 10.5, 30.0, 14.0
    lines = textwrap.wrap(figure.label, max(20, int((width_pt - 2 * pad) / (label_pt * 0.5))))
    height = pad + number_pt * 1.15 + 4 + len(lines) * label_pt * 1.3 + pad
    fig = Figure(figsize=(width_pt / PT_PER_INCH, height / PT_PER_INCH))
    fig.patch.set_visible(False)
    fig.add_artist(Rectangle((0, 0), 1, 1, transform=fig.transFigure,
                             facecolor=brand.colours.light, edgecolor="none"))
    fig.add_artist(Rectangle((0, 0), 4 / width_pt, 1, transform=fig.transFigure,
                             facecolor=brand.colours.tertiary, edgecolor="none"))
    x = pad / width_pt
    fig.text(x, 1 - pad / height, number, fontsize=number_pt, fontweight="bold",
             color=brand.colours.primary, va="top", ha="left")
    fig.text(x, 1 - (pad + number_pt * 1.15 + 4) / height, "\n".join(lines),
             fontsize=label_pt, va="top", ha="left", linespacing=1.3,
             color=brand.colours.foreground)
    return fig, (number,), (brand.colours.primary,)


DRAWERS: dict[str, Callable[[FigureBase, FigureData | None, Brand, float], Drawn]] = {
    "bar": _bar,
    "grouped-bar": _grouped,
    "stacked-bar": _stacked,
    "line": _line,
    "stat": _stat,
}


def draw(figure: FigureBase, data: FigureData | None, brand: Brand, width_pt: float
         ) -> ChartSVG:
    """Draw one figure to SVG at *width_pt* wide."""
    with style(brand):
        fig, labels, colours = DRAWERS[str(figure.kind)](figure, data, brand, width_pt)
        w, h = fig.get_size_inches()
        return ChartSVG(svg(fig), float(w) * PT_PER_INCH, float(h) * PT_PER_INCH, labels,
                        draft_alt(figure, data), colours)

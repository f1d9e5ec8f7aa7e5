"""Highlighting one bar of a drawn bar chart by editing its SVG: no matplotlib, no redraw.

An edition per area shows the same chart with that area's bar singled out. The bar
drawers give every bar and label a stable id (``bar-3``, ``category-3-0``,
``value-3-0``) and lay the chart out with room for any label in bold, so a highlight
changes only fills and font weights, never positions. This module makes exactly
those changes to the bytes matplotlib wrote, giving the same SVG as drawing the
figure with ``highlight:`` set.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefpress.brand import Brand
from briefpress.charts import ChartSVG
from briefpress.charts.alt import draft_alt
from briefpress.charts.palette import grey, highlight_colours
from briefpress.spec.data import Table
from briefpress.spec.figures import BarFigure

_BAR = re.compile(rb'(<g id="bar-(\d+)">\s*<path [^>]*?style="fill: )(#[0-9a-f]{6})')
_TEXT = re.compile(rb'(<g id="(?:category|value)-(\d+)-\d+">\s*<text style=")')
_BOLD = b"font-weight: 700; "


def recolour(chart: ChartSVG, figure: BarFigure, data: Table, brand: Brand, category: str
             ) -> ChartSVG:
    """See :func:`briefpress.charts.highlight_chart`."""
    if not isinstance(figure, BarFigure) or figure.highlight is not None:
        raise ValueError("only a bar chart drawn without 'highlight' can be highlighted")
    if category not in data.categories:
        raise ValueError(f"'{category}' is not one of the chart's categories")
    index = str(data.categories.index(category)).encode("ascii")
    primary = brand.colours.primary.lower().encode("ascii")
    accent, muted = highlight_colours(brand)
    fills = {True: accent.lower().encode("ascii"), False: muted.lower().encode("ascii")}
    bars = 0

    def fill(match: re.Match[bytes]) -> bytes:
        nonlocal bars
        if match.group(3) != primary:
            raise ValueError("the chart is not a plain bar chart in the brand's colours")
        bars += 1
        return match.group(1) + fills[match.group(2) == index]

    svg = _BAR.sub(fill, chart.svg)
    if bars != len(data.categories):
        raise ValueError(f"the chart has {bars} bars, not one per category "
                         f"({len(data.categories)}); was it drawn from this data?")
    svg = _TEXT.sub(lambda m: m.group(1) + _BOLD if m.group(2) == index else m.group(0), svg)
    highlighted = figure.model_copy(update={"highlight": category})
    return replace(chart, svg=svg, alt=draft_alt(highlighted, data),
                   colours=tuple(sorted({accent, muted}, key=grey)), base=chart,
                   highlight=(int(index), accent, muted))

"""Chart and logo SVGs converted to drawings once per process, and highlights recoloured
on the drawing.

Converting an SVG with svglib is the costliest step of placing a chart, and a spec
with editions places the same charts in every edition. So each distinct SVG (by
content) is converted once, and every use gets its own drawing: a new top-level
:class:`Drawing` over the same shapes. The shapes are never changed once converted
(drawing a shape reads it; reportlab's renderer sets and removes only its own
bookkeeping), so nothing one paper does to its drawing can reach another's.

An edition's highlighted bar chart (:func:`briefpress.charts.highlight_chart`) is its
unhighlighted chart with one bar in the accent colour, the others muted, and that
bar's labels bold. It is made from the unhighlighted chart's drawing by replacing
exactly those shapes with recoloured copies, which draws the same as converting the
recoloured SVG (a test compares the PDF operators), at a fraction of the cost.
"""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.colors import HexColor

from briefpress.charts import ChartSVG
from briefpress.errors import BuildError

_CONVERTED: dict[tuple[str, float, str], Drawing] = {}
_LIMIT = 64
_BAR = re.compile(r"bar-(\d+)")
_LABEL = re.compile(r"(?:category|value)-(\d+)-\d+")


def converted(svg: bytes, width: float, what: str, font: str) -> Drawing:
    """*svg* as a drawing *width* points wide, its default font *font*: converted the first
    time, a new drawing over the same shapes every time after."""
    key = (hashlib.sha256(svg).hexdigest(), width, font)
    base = _CONVERTED.get(key)
    if base is None:
        base = _convert(svg, width, what, font)
        if len(_CONVERTED) >= _LIMIT:  # a long-running process keeps memory bounded
            _CONVERTED.clear()
        _CONVERTED[key] = base
    return _shell(base)


def _convert(svg: bytes, width: float, what: str, font: str) -> Drawing:
    import io

    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None or not drawing.width or not drawing.height:
        raise BuildError(what, "the SVG could not be converted to a drawing")
    scale = width / float(drawing.width)
    drawing.width = width
    drawing.height = float(drawing.height) * scale
    drawing.scale(scale, scale)
    setattr(drawing, "initialFontName", font)  # noqa: B010 - read by renderPDF, not in stubs
    return drawing


def _shell(drawing: Drawing) -> Drawing:
    """A new drawing with the same settings over the same (shared, unchanged) shapes."""
    out: Drawing = copy.copy(drawing)
    out.__dict__["contents"] = list(drawing.contents)
    return out


def chart_drawing(chart: ChartSVG, what: str, font: str, bold: str) -> Drawing:
    """A chart's drawing: a highlighted bar chart recoloured from its base chart's drawing."""
    if chart.base is None or chart.highlight is None:
        return converted(chart.svg, chart.width_pt, what, font)
    index, accent, muted = chart.highlight
    drawing = converted(chart.base.svg, chart.base.width_pt, what, font)
    fills = {True: HexColor(accent), False: HexColor(muted)}
    drawing.__dict__["contents"] = [_recolour(node, index, fills, bold)
                                    for node in drawing.contents]
    return drawing


def _recolour(node: Any, index: int, fills: dict[bool, Any], bold: str) -> Any:
    """*node*, or a copy of it with the bars' fills and the highlighted labels' font set;
    groups that hold nothing to change are shared, not copied."""
    if not isinstance(node, Group):
        return node
    sid = str(getattr(node, "svgid", "") or "")
    bar, label = _BAR.fullmatch(sid), _LABEL.fullmatch(sid)
    if bar is not None:
        return _set_leaves(node, "fillColor", fills[int(bar.group(1)) == index], String, True)
    if label is not None:
        return _set_leaves(node, "fontName", bold, String) if int(label.group(1)) == index \
            else node
    contents = [_recolour(child, index, fills, bold) for child in node.contents]
    if all(a is b for a, b in zip(contents, node.contents, strict=True)):
        return node
    return _group(node, contents)


def _set_leaves(node: Any, name: str, value: Any, kind: type, skip: bool = False) -> Any:
    """A copy of *node* with *name* set on every leaf (of *kind*, or every leaf but *kind*
    when *skip*)."""
    if isinstance(node, Group):
        return _group(node, [_set_leaves(c, name, value, kind, skip) for c in node.contents])
    if isinstance(node, kind) == skip:
        return node
    out = copy.copy(node)
    out.__dict__[name] = value
    return out


def _group(node: Group, contents: list[Any]) -> Group:
    out: Group = copy.copy(node)
    out.__dict__["contents"] = contents
    return out

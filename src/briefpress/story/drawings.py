"""Chart and logo SVGs converted to drawings once per process, and highlights recoloured
on the drawing.

Converting an SVG with svglib is the costliest step of placing a chart, and a spec
with editions places the same charts in every edition. So each distinct SVG (by
content) is converted once, and every use gets its own drawing: a new top-level
:class:`Drawing` over the same shapes. The shapes are never changed once converted
(drawing a shape reads it; reportlab's renderer sets and removes only its own
bookkeeping), so nothing one paper does to its drawing can reach another's.

A converted drawing is also kept on disk (through a :class:`Store`, set by the build),
as plain data, so a later process places a chart without svglib at all: only reportlab
shapes and colours, rebuilt from numbers and text, nothing executed.

An edition's highlighted bar chart (:func:`briefpress.charts.highlight_chart`) is its
unhighlighted chart with one bar in the accent colour, the others muted, and that
bar's labels bold. It is made from the unhighlighted chart's drawing by replacing
exactly those shapes with recoloured copies, which draws the same as converting the
recoloured SVG (a test compares the PDF operators), at a fraction of the cost.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import re
from typing import Any, Protocol

from reportlab.graphics import shapes
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.colors import Color, HexColor

from briefpress.charts import ChartSVG
from briefpress.errors import BuildError
from briefpress.source.memo import fact


class Store(Protocol):
    """Where converted drawings are kept between processes (a :class:`Memo` on a folder)."""

    def recall(self, key: str) -> bytes | None: ...

    def learn(self, key: str, value: bytes) -> None: ...


_STORE: Store | None = None


def keep_in(store: Store | None) -> None:
    """Keep converted drawings in *store*, and look for them there, from now on."""
    global _STORE
    _STORE = store


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
        base = _stored(svg, width, what, font)
        if len(_CONVERTED) >= _LIMIT:  # a long-running process keeps memory bounded
            _CONVERTED.clear()
        _CONVERTED[key] = base
    return _shell(base)


def _stored(svg: bytes, width: float, what: str, font: str) -> Drawing:
    """The drawing from the store, or converted (and then stored, if it can be)."""
    if _STORE is None:
        return _convert(svg, width, what, font)
    key = fact("drawing", svg, repr(width), font)
    raw = _STORE.recall(key)
    if raw is not None:
        try:
            found = _decode(json.loads(raw.decode("utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError):
            found = None
        if isinstance(found, Drawing):
            return found
    drawing = _convert(svg, width, what, font)
    with contextlib.suppress(TypeError):  # a shape or value that is not plain data: not kept
        _STORE.learn(key, json.dumps(_encode(drawing), separators=(",", ":")).encode("ascii"))
    return drawing


_SHAPES: dict[str, type] = {name: getattr(shapes, name) for name in (
    "Drawing", "Group", "Path", "String", "Rect", "Line", "PolyLine", "Polygon", "Circle",
    "Ellipse", "Wedge")}
_SKIP = frozenset({"_attrMap"})  # how attributes are checked when set, not what is drawn


def _encode(value: Any) -> Any:
    """A drawing as plain JSON data; TypeError for anything else in it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if type(value) is Color:
        return {"c": [value.red, value.green, value.blue, value.alpha]}
    name = type(value).__name__
    if _SHAPES.get(name) is type(value):
        return {"s": name, "a": {k: _encode(v) for k, v in vars(value).items()
                                 if k not in _SKIP}}
    raise TypeError(name)


def _decode(value: Any) -> Any:
    """The drawing :func:`_encode` gave, rebuilt from its data (only shapes and colours)."""
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "t" in value:
        return tuple(_decode(v) for v in value["t"])
    if "c" in value:
        r, g, b, a = value["c"]
        return Color(r, g, b, alpha=a)
    shape: Any = object.__new__(_SHAPES[value["s"]])
    shape.__dict__.update({str(k): _decode(v) for k, v in value["a"].items()})
    return shape


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

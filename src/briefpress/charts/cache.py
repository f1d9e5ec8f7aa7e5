"""Keys and file format for the chart cache (the reads and writes are in ``build``).

A chart is drawn once per distinct (figure spec, data, brand, geometry) and reused,
in the process and across builds; the geometry (width, text size, maximum height) is
what of the paper's profile a chart depends on. The key is a content hash that also covers the
matplotlib and briefpress versions, the charts code and the font files, so an upgrade or a new
brand never reuses a stale drawing; the cache folder is safe to delete.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from decimal import Decimal
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from briefpress.brand import Brand
from briefpress.charts import ChartGeometry, ChartSVG, geometry_of
from briefpress.spec.data import FigureData, ImageFile
from briefpress.spec.figures import BarFigure, FigureBase

FORMAT = 2
"""Bumped when a cache file's layout or a drawing's structure changes (2: bars and labels
carry ids that :func:`briefpress.charts.highlight_chart` relies on)."""


@cache
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _versions() -> str:
    """Read from package metadata, so computing a key never imports matplotlib; the
    drawing code's own digest is included so an edited (not yet released) chart module
    never reuses drawings made by the old code."""
    code = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        code.update(path.name.encode() + b"\0" + path.read_bytes())
    return (f"matplotlib {version('matplotlib')}; briefpress {version('briefpress')}; "
            f"charts code {code.hexdigest()}")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def chart_key(figure: FigureBase, data: FigureData | None, brand: Brand,
              geometry: ChartGeometry | float) -> str:
    """The content hash naming one drawn chart (a bare width means the default geometry
    at that width, as :func:`briefpress.charts.render_chart` reads it)."""
    g = geometry_of(geometry)
    f = brand.font
    material = {
        "format": FORMAT,
        "versions": _versions(),
        "figure": _plain(figure.model_dump(mode="python")),
        "data": _plain(asdict(data)) if data is not None and not isinstance(data, ImageFile)
        else None,
        "colours": _plain(asdict(brand.colours)),
        "font": [f.name, *(_digest(p) for p in (f.regular, f.bold, f.italic, f.bold_italic))],
        "geometry": [g.width_pt, g.text_pt, g.max_height_pt],
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=True).encode("ascii")
    return hashlib.sha256(blob).hexdigest()


def unhighlighted(figure: FigureBase) -> FigureBase:
    """The figure an edition's highlighted bar chart is recoloured from: the same figure
    without ``highlight``, so one drawing (one key) serves every edition."""
    if isinstance(figure, BarFigure) and figure.highlight is not None:
        return figure.model_copy(update={"highlight": None})
    return figure


def encode(chart: ChartSVG) -> bytes:
    """A cache file's bytes: the chart as JSON, the SVG in base64."""
    return json.dumps({
        "format": FORMAT, "svg": base64.b64encode(chart.svg).decode("ascii"),
        "width_pt": chart.width_pt, "height_pt": chart.height_pt,
        "labels": list(chart.labels), "alt": chart.alt, "colours": list(chart.colours),
    }, sort_keys=True).encode("utf-8")


def decode(raw: bytes) -> ChartSVG | None:
    """The chart in a cache file, or ``None`` if the file is not one we wrote (then the
    chart is simply drawn again)."""
    try:
        d = json.loads(raw.decode("utf-8"))
        if d.get("format") != FORMAT:
            return None
        return ChartSVG(base64.b64decode(d["svg"], validate=True), float(d["width_pt"]),
                        float(d["height_pt"]), tuple(str(x) for x in d["labels"]),
                        str(d["alt"]), tuple(str(x) for x in d["colours"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

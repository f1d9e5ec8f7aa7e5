"""Editions highlight their own area's bar by recolouring one drawing, not redrawing: the
result is the very SVG that drawing with ``highlight:`` gives, and needs no matplotlib."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from briefpress.brand import load_brand
from briefpress.build import check
from briefpress.charts import ChartGeometry, highlight_chart, render_chart
from briefpress.charts import cache as chart_cache
from briefpress.charts.palette import highlight_colours
from briefpress.spec.data import Series, Table
from briefpress.spec.figures import BarFigure
from chartspec import svg_text_boxes
from conftest import REPO

BRAND = load_brand(REPO / "assets")
AREAS = ("Greater Manchester", "Merseyside", "West Yorkshire and the Humber, a long name "
         "that wraps over more than one line of the label column", "South Yorkshire")
TABLE = Table(AREAS, (Series(None, (Decimal(50), Decimal("10.5"), Decimal(28), Decimal(-3))),))


def _figure(orientation: str, highlight: str | None = None) -> BarFigure:
    spec = {"kind": "bar", "id": "areas", "title": "T", "source": "S", "suffix": " cases",
            "orientation": orientation, "data": dict(zip(AREAS, TABLE.series[0].values,
                                                         strict=True))}
    if highlight is not None:
        spec["highlight"] = highlight
    return BarFigure.model_validate(spec)


@pytest.mark.parametrize("geometry", [ChartGeometry(), ChartGeometry(text_pt=14)])
@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_recolouring_gives_the_same_svg_as_drawing_the_highlight(
        orientation: str, geometry: ChartGeometry) -> None:
    plain = render_chart(_figure(orientation), TABLE, BRAND, geometry)
    for category in AREAS:
        drawn = render_chart(_figure(orientation, category), TABLE, BRAND, geometry)
        recoloured = highlight_chart(plain, _figure(orientation), TABLE, BRAND, category)
        assert recoloured.svg == drawn.svg, category
        assert recoloured == drawn  # size, labels, alt ("... (highlighted)") and colours


def test_the_recoloured_chart_singles_out_one_bar_and_its_labels() -> None:
    """What the equality above amounts to, checked directly on one chart."""
    plain = render_chart(_figure("horizontal"), TABLE, BRAND)
    assert b"font-weight: 700" not in plain.svg
    chart = highlight_chart(plain, _figure("horizontal"), TABLE, BRAND, AREAS[2])
    accent, muted = highlight_colours(BRAND)
    svg = chart.svg.decode()
    fills = re.findall(r'<g id="bar-(\d)">\s*<path [^>]*style="fill: (#[0-9a-f]+)"', svg)
    assert fills == [("0", muted.lower()), ("1", muted.lower()), ("2", accent.lower()),
                     ("3", muted.lower())]
    bold = [b.text for b in svg_text_boxes(chart, BRAND) if b.bold]
    assert " ".join(bold[:-1]) == AREAS[2] and bold[-1] == "28 cases"
    assert "West Yorkshire and the Humber, a long name that wraps over more than one line " \
        "of the label column 28 cases (highlighted)" in chart.alt.replace(": ", " ")


def test_only_a_plain_bar_chart_of_the_same_data_can_be_recoloured() -> None:
    plain = render_chart(_figure("horizontal"), TABLE, BRAND)
    with pytest.raises(ValueError, match="'Cheshire' is not one of the chart's categories"):
        highlight_chart(plain, _figure("horizontal"), TABLE, BRAND, "Cheshire")
    highlighted = _figure("horizontal", "Merseyside")
    with pytest.raises(ValueError, match="drawn without 'highlight'"):
        highlight_chart(plain, highlighted, TABLE, BRAND, "Merseyside")
    drawn = render_chart(highlighted, TABLE, BRAND)
    with pytest.raises(ValueError, match="not a plain bar chart"):
        highlight_chart(drawn, _figure("horizontal"), TABLE, BRAND, "Merseyside")
    fewer = Table(AREAS[:2], (Series(None, TABLE.series[0].values[:2]),))
    with pytest.raises(ValueError, match="has 4 bars, not one per category"):
        highlight_chart(plain, _figure("horizontal"), fewer, BRAND, "Merseyside")


def test_the_briefing_highlights_recolour_to_what_is_drawn() -> None:
    """The real example's highlighted charts (one sorted, from a CSV) come out the same."""
    loaded = check(REPO / "briefings" / "call-for-action.yaml")
    done = 0
    for figure in loaded.briefing.figures:
        if isinstance(figure, BarFigure) and figure.highlight is not None:
            data = loaded.data_for(figure.id)
            assert isinstance(data, Table)
            base = chart_cache.unhighlighted(figure)
            assert isinstance(base, BarFigure) and base.highlight is None
            plain = render_chart(base, data, BRAND)
            again = highlight_chart(plain, base, data, BRAND, figure.highlight)
            assert again == render_chart(figure, data, BRAND)
            done += 1
    assert done == 2


def test_every_edition_shares_one_cache_key() -> None:
    keys = {chart_cache.chart_key(chart_cache.unhighlighted(_figure("horizontal", a)), TABLE,
                                  BRAND, ChartGeometry()) for a in AREAS}
    assert keys == {chart_cache.chart_key(_figure("horizontal"), TABLE, BRAND,
                                          ChartGeometry())}


def test_recolouring_a_cached_chart_needs_no_matplotlib(tmp_path: Path) -> None:
    plain = render_chart(_figure("horizontal"), TABLE, BRAND)
    (tmp_path / "chart.json").write_bytes(chart_cache.encode(plain))
    code = f"""
import sys
from decimal import Decimal
from pathlib import Path
from briefpress.brand import load_brand
from briefpress.charts import cache, highlight_chart
from briefpress.spec.data import Series, Table
from briefpress.spec.figures import BarFigure
areas = {AREAS!r}
values = tuple(Decimal(v) for v in {[str(v) for v in TABLE.series[0].values]!r})
figure = BarFigure.model_validate({{"kind": "bar", "id": "areas", "title": "T",
    "source": "S", "suffix": " cases", "data": dict(zip(areas, values))}})
chart = cache.decode(Path({str(tmp_path / "chart.json")!r}).read_bytes())
out = highlight_chart(chart, figure, Table(areas, (Series(None, values),)),
                      load_brand(Path({str(REPO / "assets")!r})), areas[1])
sys.stdout.buffer.write(out.svg)
print("matplotlib" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.endswith(b"False\n")
    expected = render_chart(_figure("horizontal", AREAS[1]), TABLE, BRAND).svg
    assert done.stdout[:-len(b"False\n")] == expected

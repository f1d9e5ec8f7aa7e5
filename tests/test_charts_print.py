"""Charts printed in greyscale, cached, deterministic, and matplotlib only when needed."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from briefpress import build as build_module
from briefpress.brand import Brand, load_brand
from briefpress.build import check
from briefpress.charts import ChartGeometry, ChartSVG, render_chart
from briefpress.charts.palette import MIN_GREY_STEP, grey, highlight_colours, series_colours
from briefpress.story.fonts import register_fonts
from chartspec import build, spec_with
from conftest import MINIMAL, REPO, write_spec

Cli = Callable[..., tuple[int, str, str]]

MULTI = """\
  - id: grouped
    kind: grouped-bar
    title: Grouped
    series: [First, Second, Third, Fourth]
    data: {North: [40, 30, 20, 10], South: [35, 25, 15, 12]}
    source: Test
  - id: stacked
    kind: stacked-bar
    title: Stacked
    series: [First, Second, Third]
    data: {North: [40, 30, 20], South: [35, 25, 15]}
    source: Test
  - id: lines
    kind: line
    title: Lines
    series: [First, Second, Third, Fourth]
    data: {"2012": [4, 3, 2, 1], "2013": [5, 4, 3, 2], "2014": [6, 5, 4, 3]}
    source: Test
"""


def _greyscale_pixels(chart: ChartSVG, brand: Brand) -> Image.Image:
    """The chart as a printer would see it: SVG -> reportlab drawing -> PDF -> pixels -> grey."""
    from reportlab.graphics import renderPDF

    from briefpress.story.figures import svg_drawing

    fonts = register_fonts(brand.font)
    drawing = svg_drawing(chart.svg, chart.width_pt, "test", fonts.regular)
    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        return pdf[0].render(scale=2).to_pil().convert("L")
    finally:
        pdf.close()


def _example_charts() -> list[tuple[str, ChartSVG, Brand]]:
    brand = load_brand(REPO / "assets")
    out = []
    loaded = check(REPO / "briefings" / "call-for-action.yaml")
    for fig in loaded.briefing.figures:
        out.append((fig.id, render_chart(fig, loaded.data_for(fig.id), brand), brand))
    return out


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, ChartSVG, Brand]]:
    project = tmp_path_factory.mktemp("multi")
    (project / "briefings").mkdir()
    loaded = check(write_spec(project, "multi", spec_with(MULTI)))
    brand = load_brand(REPO / "assets")
    multi = [(f.id, render_chart(f, loaded.data_for(f.id), brand), brand)
             for f in loaded.briefing.figures]
    return _example_charts() + multi


def test_every_example_chart_prints_its_series_at_distinct_greys(
        examples: list[tuple[str, ChartSVG, Brand]]) -> None:
    """Each series colour is drawn (a solid area of its grey in the rendered pixels), and
    neighbouring series, in order of grey, are at least MIN_GREY_STEP levels apart."""
    checked = 0
    for name, chart, brand in examples:
        counts = Counter(dict(enumerate(_greyscale_pixels(chart, brand).histogram())))
        measured = []
        for colour in chart.colours:
            expected = round(grey(colour))
            near = {level: n for level, n in counts.items() if abs(level - expected) <= 2}
            assert near and max(near.values()) >= 50, (name, colour, expected)
            measured.append(max(near, key=lambda level: near[level]))
        measured.sort()
        for darker, lighter in pairwise(measured):
            assert lighter - darker >= MIN_GREY_STEP, (name, measured)
        checked += len(chart.colours) > 1
    assert checked >= 4  # the highlighted bars, and the grouped, stacked and line charts


def test_line_series_differ_by_marker_and_dash_not_colour_alone(
        examples: list[tuple[str, ChartSVG, Brand]]) -> None:
    chart = next(c for name, c, _ in examples if name == "lines")
    svg = chart.svg.decode()
    dashes = set(re.findall(r"stroke-dasharray: ([\d.,\s]+)", svg))
    assert len(dashes) >= 3  # dashed, dotted, dash-dot; the first line is solid
    shapes = set(re.findall(r'<path id="m[0-9a-f]+" d="([^"]+)"', svg))  # marker outlines
    assert len(shapes) == 4  # circle, square, triangle, diamond: one per series


SAME_GREY = {"primary": "#7F7F7F", "tertiary": "#8C7A7A", "secondary": "#7A8585"}


def _brand_with(**colours: str) -> Brand:
    brand = load_brand(REPO / "assets")
    palette = tuple((k, v) for k, v in colours.items())
    return dataclasses.replace(brand, colours=dataclasses.replace(
        brand.colours, palette=palette, **colours))


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_a_palette_that_prints_as_one_grey_falls_back_to_a_safe_ramp(count: int) -> None:
    brand = _brand_with(**SAME_GREY)
    assert max(grey(c) for c in SAME_GREY.values()) - min(
        grey(c) for c in SAME_GREY.values()) < MIN_GREY_STEP
    colours = series_colours(brand, count)
    assert len(set(colours)) == count
    greys = sorted(grey(c) for c in colours)
    assert all(b - a >= MIN_GREY_STEP for a, b in pairwise(greys))


def test_highlight_stays_apart_from_the_muted_bars_whatever_the_brand() -> None:
    for accent in ("#C8553D", "#7A8585", "#F5F5F5", "#000000"):
        brand = _brand_with(primary="#14365C", tertiary=accent, secondary="#7A8585")
        hi, muted = highlight_colours(brand)
        assert abs(grey(hi) - grey(muted)) >= MIN_GREY_STEP, accent


def test_a_chart_less_build_never_imports_matplotlib(project: Path) -> None:
    spec = write_spec(project, "plain", MINIMAL)
    code = (
        "import sys\n"
        "from briefpress.cli import main\n"
        f"rc = main(['--project', {str(project)!r}, 'build', {str(spec)!r}])\n"
        "assert rc == 0, rc\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
    assert (project / "output" / "plain.pdf").exists()


def test_a_chart_build_does_import_matplotlib(project: Path) -> None:
    """The other half of the test above: it can tell."""
    spec = write_spec(project, "chart", spec_with(MULTI))
    code = (
        "import sys\n"
        "from briefpress.cli import main\n"
        f"assert main(['--project', {str(project)!r}, 'build', {str(spec)!r}]) == 0\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_charts_are_drawn_once_and_reused_in_process_and_across_builds(
        project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefpress.charts.draw as draw_module

    calls: list[str] = []
    real = draw_module.draw

    def counting(figure, data, brand, width):  # type: ignore[no-untyped-def]
        calls.append(figure.id)
        return real(figure, data, brand, width)

    monkeypatch.setattr(draw_module, "draw", counting)
    monkeypatch.setattr(build_module, "_DRAWN", {})
    text = spec_with(MULTI)
    code, err, first = build(project, cli, "one", text)
    assert code == 0, err
    first_bytes = first.read_bytes()
    code, err, _ = build(project, cli, "two", text)  # same figures in a second spec
    assert code == 0, err
    assert sorted(calls) == ["grouped", "lines", "stacked"]
    cached = sorted((project / ".cache" / "charts").glob("*.json"))
    assert len(cached) == 3

    # a new process (empty memory) reuses the files: drawing is not even possible now
    monkeypatch.setattr(build_module, "_DRAWN", {})
    monkeypatch.setattr(draw_module, "draw", lambda *a: pytest.fail("drew a cached chart"))
    code, err, again = build(project, cli, "one", text)
    assert code == 0, err
    assert again.read_bytes() == first_bytes

    # changing the data changes the key: that chart is drawn again, the others are not
    monkeypatch.setattr(build_module, "_DRAWN", {})
    monkeypatch.setattr(draw_module, "draw", counting)
    calls.clear()
    code, err, _ = build(project, cli, "three", text.replace("[40, 30, 20, 10]",
                                                             "[41, 30, 20, 10]"))
    assert code == 0, err
    assert calls == ["grouped"]


def test_a_corrupt_cache_file_is_redrawn_not_trusted(project: Path, cli: Cli,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "_DRAWN", {})
    code, err, pdf = build(project, cli, "one", spec_with(MULTI))
    assert code == 0, err
    good = pdf.read_bytes()
    for path in (project / ".cache" / "charts").glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(build_module, "_DRAWN", {})
    pdf.unlink()
    code, err, pdf = build(project, cli, "one", spec_with(MULTI))
    assert code == 0, err
    assert pdf.read_bytes() == good


def test_chart_heavy_build_is_byte_for_byte_repeatable(
        tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same input, same bytes: drawn fresh each time (no cache), in the same process."""
    import shutil

    digests = []
    for run in range(2):
        project = tmp_path / f"p{run}"
        shutil.copytree(REPO / "assets", project / "assets")
        (project / "briefings").mkdir(parents=True)
        (project / "output").mkdir()
        monkeypatch.setattr(build_module, "_DRAWN", {})
        code, err, pdf = build(project, cli, "multi", spec_with(MULTI))
        assert code == 0, err
        digests.append(hashlib.sha256(pdf.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


LARGE = ChartGeometry(text_pt=14)


def _printed_sizes(chart: ChartSVG, brand: Brand) -> list[tuple[str, float]]:
    """Each character of the chart as printed (SVG -> reportlab drawing -> PDF), with the
    font size pdfium reads for it."""
    from reportlab.graphics import renderPDF

    from briefpress.story.figures import svg_drawing

    fonts = register_fonts(brand.font)
    drawing = svg_drawing(chart.svg, chart.width_pt, "test", fonts.regular)
    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        page = pdf[0]
        text = page.get_textpage()
        out = [(text.get_text_range(i, 1), pypdfium2.raw.FPDFText_GetFontSize(text.raw, i))
               for i in range(text.count_chars())]
        text.close()
        page.close()
    finally:
        pdf.close()
    return [(ch, size) for ch, size in out if ch.strip()]


def test_a_large_print_geometry_prints_every_chart_label_at_14pt_or_more(
        examples: list[tuple[str, ChartSVG, Brand]], tmp_path: Path) -> None:
    """Each example chart redrawn at 14 pt text: every character printed is at least 14 pt,
    every value label is there as text, and the chart is still as wide as asked."""
    loaded = check(REPO / "briefings" / "call-for-action.yaml")
    multi = check(write_spec(_fresh(tmp_path), "multi", spec_with(MULTI)))
    brand = examples[0][2]
    done = 0
    for spec in (loaded, multi):
        for fig in spec.briefing.figures:
            chart = render_chart(fig, spec.data_for(fig.id), brand, LARGE)
            assert abs(chart.width_pt - LARGE.width_pt) < 0.01
            assert chart.height_pt <= LARGE.max_height_pt
            printed = _printed_sizes(chart, brand)
            assert printed and min(size for _, size in printed) >= 14 - 0.01, fig.id
            svg = chart.svg.decode().replace("&amp;", "&")
            for label in chart.labels:
                assert f">{label}<" in svg, (fig.id, label)
            done += 1
    assert done == 9


def test_the_size_check_above_can_fail(examples: list[tuple[str, ChartSVG, Brand]]) -> None:
    _name, chart, brand = examples[0]
    assert min(size for _, size in _printed_sizes(chart, brand)) < 14  # screen: 8.5 pt


def _fresh(tmp_path: Path) -> Path:
    (tmp_path / "briefings").mkdir(exist_ok=True)
    return tmp_path


def test_geometry_sets_the_size_and_the_cache_key(tmp_path: Path) -> None:
    from briefpress.charts import cache as chart_cache

    loaded = check(write_spec(_fresh(tmp_path), "multi", spec_with(MULTI)))
    brand = load_brand(REPO / "assets")
    fig = loaded.briefing.figures[0]
    data = loaded.data_for(fig.id)
    narrow = render_chart(fig, data, brand, 400.0)  # a bare width, as older callers give
    assert abs(narrow.width_pt - 400.0) < 0.01
    assert narrow == render_chart(fig, data, brand, ChartGeometry(width_pt=400.0))
    keys = {chart_cache.chart_key(fig, data, brand, g) for g in (
        ChartGeometry(), LARGE, ChartGeometry(max_height_pt=500), ChartGeometry(width_pt=400))}
    assert len(keys) == 4
    assert chart_cache.chart_key(fig, data, brand, 400.0) == chart_cache.chart_key(
        fig, data, brand, ChartGeometry(width_pt=400.0))


def test_two_draws_give_the_same_bytes_at_any_geometry(tmp_path: Path) -> None:
    loaded = check(write_spec(_fresh(tmp_path), "multi", spec_with(MULTI)))
    brand = load_brand(REPO / "assets")
    for fig in loaded.briefing.figures:
        for geometry in (ChartGeometry(), LARGE):
            first = render_chart(fig, loaded.data_for(fig.id), brand, geometry)
            assert render_chart(fig, loaded.data_for(fig.id), brand, geometry) == first


@pytest.mark.parametrize("bad", [{"text_pt": 6.5}, {"width_pt": 100}, {"max_height_pt": 50},
                                 {"text_pt": float("nan")}])
def test_a_geometry_too_small_for_any_chart_is_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="chart"):
        ChartGeometry(**bad)

"""Each chart kind, built into a PDF and read back: every value label, the caption and the
source line are text; the chart is vector paths in the embedded brand font."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.build import check
from briefpress.charts import render_chart
from briefpress.charts.frame import MIN_TEXT_PT
from chartspec import assert_only_embedded_brand_fonts, build, fonts_and_images, spec_with
from conftest import REPO, pdf_text, write_spec

KINDS = {
    "bar": ("""\
  - id: areas
    kind: bar
    title: Prosecutions by police area
    data: {Greater Manchester: 50, Merseyside: 10, West Yorkshire: 28, South Yorkshire: 12}
    source: Parliamentary answers, 2014
""", ["50", "10", "28", "12"], ["Greater Manchester", "South Yorkshire"]),
    "vertical-sorted-bar": ("""\
  - id: training
    kind: bar
    orientation: vertical
    sort: descending
    title: Staff trained by force
    data: {Derby: 2103, Avon and Somerset: 186, West Yorkshire: 6026}
    source: Parliamentary answers, 2014
""", ["6,026", "2,103", "186"], ["Derby", "Avon and Somerset"]),
    "grouped-bar": ("""\
  - id: cps-lawyers
    kind: grouped-bar
    title: CPS lawyers trained
    series: [Lawyers trained, Course completions]
    data:
      England and Wales: [1447, 1346]
    source: Attorney General, 2014
""", ["1,447", "1,346"], ["England and Wales", "Lawyers trained", "Course completions"]),
    "stacked-bar": ("""\
  - id: hearings
    kind: stacked-bar
    title: First hearings by offence
    series: [Section 2A, Section 4A]
    data:
      First 13 months: [422, 144]
    source: Crown Prosecution Service, 2014
""", ["422", "144", "566"], ["First 13 months", "Section 2A", "Section 4A"]),
    "line": ("""\
  - id: e-training
    kind: line
    title: Police staff who had seen the e-training
    suffix: "%"
    series: [Share of relevant police staff, Second series]
    data:
      June 2013: [27, 12.5]
      May 2014: [38, 20.25]
    source: Parliamentary answers, 2014
""", ["27%", "38%", "12.5%", "20.25%"], ["June 2013", "May 2014", "Second series"]),
    "stat": ("""\
  - id: court
    kind: stat
    title: Cases that reached court
    value: 834
    label: cases reached court between November 2012 and May 2014
    source: Parliamentary answers, July 2014
""", ["834"], ["cases reached court between November 2012 and May 2014"]),
    "units": ("""\
  - id: spyware
    kind: bar
    title: Spyware copies sold by one site
    prefix: "£"
    suffix: " million"
    data: {One download site: 4.5, Another: 52176.50}
    source: Digital-Trust, 2014
""", ["£4.5 million", "£52,176.50 million"], ["One download site"]),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_kind_builds_with_labels_caption_and_source_as_text(
        kind: str, project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    figures, values, words = KINDS[kind]
    # alt text (printed invisibly over the chart) would also hold the values: keep it out,
    # so the labels found can only come from the drawing itself
    hidden = figures.replace("    source:", "    alt: Described in the text.\n    source:", 1)
    code, err, pdf = build(project, cli, kind, spec_with(hidden))
    assert code == 0, err
    text = pdf_text(pdf)
    start = text.index("Figure 1: ")
    chart_text = text[start:text.index("Source: ", start)]
    for value in values:
        assert f" {value} " in f" {chart_text} ", (value, chart_text)
    for word in words:
        assert word in chart_text, word
    title = next(line.split("title:", 1)[1].strip() for line in figures.splitlines()
                 if "title:" in line)
    source = next(line.split("source:", 1)[1].strip() for line in figures.splitlines()
                  if "source:" in line)
    assert f"Figure 1: {title}" in text
    assert f"Source: {source}" in text
    _fonts, subtypes = fonts_and_images(pdf)
    assert "/Image" not in subtypes
    assert_only_embedded_brand_fonts(pdf)


@pytest.mark.parametrize("kind", list(KINDS))
def test_chart_text_is_at_least_7pt_at_print_size(kind: str, project: Path) -> None:
    import re

    spec = write_spec(project, kind, spec_with(KINDS[kind][0]))
    loaded = check(spec)
    from briefpress.brand import load_brand

    brand = load_brand(project / "assets")
    fig = loaded.briefing.figures[0]
    chart = render_chart(fig, loaded.data_for(fig.id), brand)
    svg = chart.svg.decode()
    match = re.search(r'width="([\d.]+)pt"', svg)
    assert match is not None and abs(float(match.group(1)) - chart.width_pt) < 0.01
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes, "the chart has text"
    assert min(sizes) >= MIN_TEXT_PT
    # every value label the drawer reports is in the SVG as a text element
    for label in chart.labels:
        assert f">{label}<" in svg.replace("&amp;", "&"), label


def test_dollar_signs_print_as_typed_not_as_mathtext(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    figures = """\
  - id: money
    kind: bar
    title: Two budgets
    data: {"$5m vs $10m": 5, "Cost in $": 10}
    source: Test
"""
    code, err, pdf = build(project, cli, "money", spec_with(figures))
    assert code == 0, err
    text = pdf_text(pdf)
    assert "$5m vs $10m" in text and "Cost in $" in text


def test_highlight_is_in_the_accent_colour_and_the_rest_muted(project: Path) -> None:
    from briefpress.brand import load_brand
    from briefpress.charts.palette import MIN_GREY_STEP, grey

    figures = """\
  - id: areas
    kind: bar
    title: Prosecutions
    highlight: Merseyside
    data: {Greater Manchester: 50, Merseyside: 10, West Yorkshire: 28}
    source: Test
"""
    loaded = check(write_spec(project, "hl", spec_with(figures)))
    brand = load_brand(project / "assets")
    fig = loaded.briefing.figures[0]
    chart = render_chart(fig, loaded.data_for(fig.id), brand)
    svg = chart.svg.decode()
    accent = brand.colours.tertiary.lower()
    assert svg.count(f"fill: {accent}") == 1  # the one highlighted bar
    muted = next(c for c in chart.colours if c.upper() != accent.upper())
    assert svg.count(f"fill: {muted.lower()}") == 2
    assert abs(grey(accent.upper()) - grey(muted)) >= MIN_GREY_STEP


def test_the_real_briefing_uses_three_chart_kinds_a_stat_tile_and_a_csv() -> None:
    loaded = check(REPO / "briefings" / "call-for-action.yaml")
    kinds = {f.kind for f in loaded.briefing.figures}
    assert {"bar", "stacked-bar", "line", "stat"} <= kinds
    assert any(getattr(f, "csv", None) is not None for f in loaded.briefing.figures)


@pytest.mark.parametrize("kind", list(KINDS))
def test_alt_text_is_drafted_from_the_data_for_every_kind_with_a_warning(
        kind: str, project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    figures, values, _ = KINDS[kind]
    spec = write_spec(project, kind, spec_with(figures))
    code, _out, err = cli("--project", str(project), "check", str(spec))
    assert code == 0
    assert "has no 'alt' text; a description was drafted from its data" in err
    from briefpress.brand import load_brand

    loaded = check(spec)
    fig = loaded.briefing.figures[0]
    alt = render_chart(fig, loaded.data_for(fig.id), load_brand(project / "assets")).alt
    assert alt.startswith(f"{type(fig).SPOKEN}: ") and type(fig).SPOKEN != "Chart"
    for value in values:
        assert f" {value}" in alt, (value, alt)


def test_stacked_bars_refuse_negative_parts(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    figures = KINDS["stacked-bar"][0].replace("[422, 144]", "[422, -144]")
    code, err, pdf = build(project, cli, "neg", spec_with(figures))
    assert code == 1 and not pdf.exists()
    assert "figures[0].data: a stacked bar cannot show a negative part" in err

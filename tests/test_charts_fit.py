"""Chart text fits its chart or is an error: long labels wrap inside the chart's box, and
text that cannot fit is a located error naming it and the room there is.

Checked where it matters: in the built PDF (every character of a chart lies inside the
page margins and inside the chart's own frame, between its caption and source line),
and in the SVG with reportlab's own text widths, for generated label lengths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpress.brand import Brand, load_brand
from briefpress.build import check
from briefpress.charts import ChartGeometry, ChartSVG, render_chart
from briefpress.errors import ChartDoesNotFit, ChartTextTooLong
from briefpress.spec.data import Series, Table
from briefpress.spec.figures import FIGURE_MODELS
from chartspec import build, outside_box, overlapping, spec_with, svg_text_boxes
from conftest import MARGIN, REPO, CharBox, char_boxes, write_spec

Cli = Callable[..., tuple[int, str, str]]

LONG = " ".join(["Restraining orders breached and followed by a finding of guilt"] * 2)
LONG_FIGURES = f"""\
  - id: long-bars
    kind: bar
    title: Long labels
    alt: Chart one.
    axis_label: "{LONG}, {LONG}"
    prefix: "£"
    suffix: " million per year"
    data: {{"{LONG}": 52176.50, Merseyside: 10, "Avon and Somerset Constabulary area": 4.5}}
    source: Source one
  - id: long-columns
    kind: bar
    orientation: vertical
    title: Long labels, vertical
    alt: Chart two.
    axis_label: "{LONG}"
    highlight: Merseyside and Cheshire
    data: {{"{LONG}": 20, Merseyside and Cheshire: 39, Thames Valley Police: 4}}
    source: Source two
  - id: long-groups
    kind: grouped-bar
    title: Long series names
    alt: Chart three.
    series: ["{LONG}", "Second series with a rather long name", Third]
    data: {{"North East, Cumbria and the Borders": [1447, 1346, 12], South: [35, 25, 15]}}
    source: Source three
  - id: long-stack
    kind: stacked-bar
    title: Long stacked
    alt: Chart four.
    series: ["Section 2A: stalking", "{LONG}"]
    axis_label: "{LONG}"
    data: {{"{LONG}": [422, 144], Short: [300, 300]}}
    source: Source four
  - id: long-lines
    kind: line
    title: Long lines
    alt: Chart five.
    suffix: "%"
    series: ["{LONG}", Second]
    data:
      "June 2013 (first survey of the relevant police staff)": [27, 12.5]
      May 2014: [38, 20.25]
    source: Source five
  - id: long-stat
    kind: stat
    title: Long stat
    alt: Chart six.
    value: 1234567890123
    prefix: "£"
    label: "{LONG}"
    source: Source six
"""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chart_regions(pdf: Path, captions: list[str]) -> dict[str, list[CharBox]]:
    """For each figure caption, the characters drawn between it and its "Source:" line:
    the chart's text (and its invisible alt text), in the order the PDF draws them."""
    boxes = char_boxes(pdf)
    drawn = "".join(b.char for b in boxes)
    regions = {}
    for caption in captions:
        start = drawn.index(_squash(caption)) + len(_squash(caption))
        end = drawn.index("Source:", start)
        regions[caption] = boxes[start:end]
        regions[caption + " caption"] = boxes[start - len(_squash(caption)):start]
        regions[caption + " source"] = boxes[end:end + 7]
    return regions


def test_long_chart_text_stays_inside_the_page_and_the_chart_frame(
        project: Path, cli: Cli) -> None:
    """Every kind with long category labels, axis labels, series names and numbers: each
    character of the chart lies inside the page margins and inside the chart's frame,
    below its caption and above its source line, and every word of it is on the page."""
    code, err, pdf = build(project, cli, "long", spec_with(LONG_FIGURES))
    assert code == 0, err
    loaded = check(project / "briefings" / "long.yaml")
    brand = load_brand(project / "assets")
    captions = [f"Figure {i}: {f.title}" for i, f in enumerate(loaded.briefing.figures, 1)]
    regions = _chart_regions(pdf, captions)
    for figure, caption in zip(loaded.briefing.figures, captions, strict=True):
        chart = render_chart(figure, loaded.data_for(figure.id), brand)
        chars = regions[caption]
        assert chars, caption
        page = {b.page for b in chars}
        assert len(page) == 1, caption  # a chart is never split over pages
        above = min(b.bottom for b in regions[caption + " caption"])
        below = max(b.top for b in regions[caption + " source"])
        for b in chars:
            assert b.left >= MARGIN - 0.5 and b.right <= b.width - MARGIN + 0.5, (caption, b)
            assert below - 0.5 <= b.bottom and b.top <= above + 0.5, (caption, b)
        # the chart's own frame: it is as tall as the drawing, no taller
        assert max(b.top for b in chars) - min(b.bottom for b in chars) <= chart.height_pt
        text = _squash("".join(b.char for b in chars))
        for label in chart.labels:
            assert _squash(label) in text, (caption, label)
        for word in set(LONG.split()) | {"Merseyside"}:
            if word in str(figure.model_dump()):
                assert word in text, (caption, word)


def test_a_word_too_wide_for_its_room_is_a_located_error_naming_it_and_the_room(
        project: Path, cli: Cli) -> None:
    word = "Northamptonshire" * 20
    figures = f"""\
  - id: areas
    kind: bar
    title: Prosecutions
    data:
      Greater Manchester: 50
      {word}: 10
    source: Test
"""
    code, err, pdf = build(project, cli, "wide", spec_with(figures))
    assert code == 1 and not pdf.exists()
    spec = project / "briefings" / "wide.yaml"
    line = spec.read_text(encoding="utf-8").splitlines().index(f"      {word}: 10") + 1
    [message] = err.splitlines()
    assert message.startswith(f"{spec}:{line}:")
    assert f"figures[0].data.{word}: the category label '{word[:40]}... (320 characters)' " \
        "does not fit" in message
    assert re.search(r"is [\d.]+ pt wide at 8.5 pt, and there is room for [\d.]+ pt", message)
    assert list((project / "output").iterdir()) == []


@pytest.mark.parametrize(("key", "figure", "expect"), [
    ("axis_label", """\
  - id: f
    kind: bar
    title: T
    axis_label: {word}
    data: {{A: 1}}
    source: S
""", "figures[0].axis_label: the axis label"),
    ("series", """\
  - id: f
    kind: grouped-bar
    title: T
    series: [First, {word}]
    data: {{A: [1, 2]}}
    source: S
""", "figures[0].series[1]: the series name"),
    ("stat value", """\
  - id: f
    kind: stat
    title: T
    value: {number}
    suffix: " {word}"
    label: A label.
    source: S
""", "figures[0].value: the number"),
    ("stat label", """\
  - id: f
    kind: stat
    title: T
    value: 1
    label: {word}
    source: S
""", "figures[0].label: the label"),
    ("value label", """\
  - id: f
    kind: bar
    orientation: vertical
    title: T
    suffix: " {word}"
    data: {{A: {number}, B: 2, C: 3, D: 4, E: 5, F: 6}}
    source: S
""", "figures[0].data.A: the value label"),
])
def test_every_kind_of_chart_text_that_cannot_fit_is_located(
        key: str, figure: str, expect: str, project: Path, cli: Cli) -> None:
    word = "W" * 19 if key in {"stat value", "value label"} else "Llanfair" * 20
    number = "123456789012345"  # as many digits as a number may have
    code, err, pdf = build(project, cli, "bad", spec_with(figure.format(word=word,
                                                                        number=number)))
    assert code == 1 and not pdf.exists(), err
    assert expect in err, err
    assert re.search(r"[\d.]+ pt", err)


def test_every_chart_error_of_a_spec_is_reported_at_once(project: Path, cli: Cli) -> None:
    word = "Llanfair" * 20
    figures = f"""\
  - id: one
    kind: bar
    title: One
    axis_label: {word}
    data: {{A: 1}}
    source: S
  - id: two
    kind: stat
    title: Two
    value: 1
    label: {word}
    source: S
"""
    code, err, _ = build(project, cli, "two", spec_with(figures))
    assert code == 1
    assert [m.split(": ")[1] for m in err.splitlines()] == ["figures[0].axis_label",
                                                            "figures[1].label"]


def test_a_part_too_thin_for_its_label_is_an_error_not_a_smudge(project: Path,
                                                                 cli: Cli) -> None:
    figures = """\
  - id: parts
    kind: stacked-bar
    title: Parts
    series: [Big, Small]
    data: {North: [5000, 1]}
    source: S
"""
    code, err, _ = build(project, cli, "thin", spec_with(figures))
    assert code == 1
    assert "figures[0].data.North[1]: the part 'Small' of 'North' is" in err
    assert "too short for its label '1'" in err


def test_forty_three_forces_fit_a_page_by_packing_the_bars_closer() -> None:
    brand = load_brand(REPO / "assets")
    forces = [line.split(",")[0] for line in
              (REPO / "bench" / "forces.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert len(forces) == 43
    figure = FIGURE_MODELS["bar"].model_validate(
        {"kind": "bar", "id": "forces", "title": "T", "source": "S",
         "data": {f: i * 37 % 101 for i, f in enumerate(forces)}})
    table = Table(tuple(forces), (Series(None, tuple(Decimal(i * 37 % 101)
                                                     for i in range(43))),))
    chart = render_chart(figure, table, brand)
    assert chart.height_pt <= ChartGeometry().max_height_pt
    boxes = svg_text_boxes(chart, brand)
    assert outside_box(chart, boxes) == [] and overlapping(boxes) == []
    assert {b.text for b in boxes} >= set(forces)
    with pytest.raises(ChartDoesNotFit, match=r"43 categories need at least \d+ pt of height "
                       r"with 14 pt labels, and the chart may be at most 620 pt"):
        render_chart(figure, table, brand, ChartGeometry(text_pt=14))


# -- generated label lengths, checked in the SVG with reportlab's widths ----------------

words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzWŵŷÂ'-"), min_size=1, max_size=28)
labels = st.lists(words, min_size=1, max_size=14).map(" ".join)
values = st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False,
                     allow_infinity=False)
GENERATED = settings(max_examples=60, deadline=timedelta(seconds=5), database=None,
                     suppress_health_check=[HealthCheck.too_slow])


@st.composite
def bar_figures(draw: st.DrawFn) -> tuple[object, Table]:
    categories = draw(st.lists(labels, min_size=1, max_size=8, unique=True))
    kind = draw(st.sampled_from(["horizontal", "vertical"]))
    numbers = [draw(values) for _ in categories]
    spec = {"kind": "bar", "id": "g", "title": "T", "source": "S", "orientation": kind,
            "data": dict(zip(categories, numbers, strict=True))}
    if draw(st.booleans()):
        spec["axis_label"] = draw(labels)
    if draw(st.booleans()):
        spec["suffix"] = draw(st.sampled_from(["%", " million", " cases a year"]))
    if draw(st.booleans()):
        spec["highlight"] = draw(st.sampled_from(categories))
    table = Table(tuple(categories), (Series(None, tuple(numbers)),))
    return FIGURE_MODELS["bar"].model_validate(spec), table


@st.composite
def multi_figures(draw: st.DrawFn) -> tuple[object, Table]:
    kind = draw(st.sampled_from(["grouped-bar", "stacked-bar", "line"]))
    categories = draw(st.lists(labels, min_size=1, max_size=5, unique=True))
    names = draw(st.lists(labels, min_size=1, max_size=4, unique=True))
    low = 0 if kind == "stacked-bar" else -10**5
    rows = [[draw(st.decimals(min_value=low, max_value=10**5, places=1, allow_nan=False,
                              allow_infinity=False)) for _ in names] for _ in categories]
    spec = {"kind": kind, "id": "g", "title": "T", "source": "S", "series": names,
            "data": dict(zip(categories, rows, strict=True))}
    if draw(st.booleans()):
        spec["axis_label"] = draw(labels)
    table = Table(tuple(categories), tuple(Series(n, tuple(r[j] for r in rows))
                                           for j, n in enumerate(names)))
    return FIGURE_MODELS[kind].model_validate(spec), table


def _drawn_inside_or_refused(figure: object, table: Table, geometry: ChartGeometry,
                             brand: Brand) -> ChartSVG | None:
    try:
        chart = render_chart(figure, table, brand, geometry)  # type: ignore[arg-type]
    except ChartDoesNotFit as exc:
        assert exc.figure == "g" and exc.message
        assert re.search(r"\d pt", exc.message), exc.message  # it says how much room
        return None
    boxes = svg_text_boxes(chart, brand)
    assert outside_box(chart, boxes) == []
    assert overlapping(boxes) == []
    assert min(b.size for b in boxes) >= geometry.text_pt
    assert chart.height_pt <= geometry.max_height_pt
    return chart


@GENERATED
@given(bar_figures(), st.sampled_from([8.5, 14.0]))
def test_generated_bar_labels_wrap_inside_the_chart_or_are_refused(
        case: tuple[object, Table], size: float) -> None:
    figure, table = case
    brand = load_brand(REPO / "assets")
    chart = _drawn_inside_or_refused(figure, table, ChartGeometry(text_pt=size), brand)
    if chart is not None:  # every word of every category is drawn, none cut
        drawn = " ".join(b.text for b in svg_text_boxes(chart, brand)).split()
        for category in table.categories:
            assert set(category.split()) <= set(drawn), category


@GENERATED
@given(multi_figures(), st.sampled_from([8.5, 14.0]))
def test_generated_multi_series_text_fits_or_is_refused(case: tuple[object, Table],
                                                        size: float) -> None:
    figure, table = case
    brand = load_brand(REPO / "assets")
    _drawn_inside_or_refused(figure, table, ChartGeometry(text_pt=size), brand)


def test_the_checks_above_can_fail() -> None:
    """The SVG checks catch a label that does spill out, and overlapping labels."""
    brand = load_brand(REPO / "assets")
    figure = FIGURE_MODELS["bar"].model_validate(
        {"kind": "bar", "id": "g", "title": "T", "source": "S", "data": {"Area": 1}})
    chart = render_chart(figure, Table(("Area",), (Series(None, (Decimal(0),)),)), brand)
    assert overlapping(svg_text_boxes(chart, brand)) == []
    # the category label, set to start where it now ends, runs over the value label "0"
    moved = chart.svg.replace(b"text-anchor: end", b"text-anchor: start", 1)
    spilled = ChartSVG(moved, chart.width_pt, chart.height_pt, chart.labels, chart.alt,
                       chart.colours)
    assert overlapping(svg_text_boxes(spilled, brand)) == [("Area", "0")]
    narrow = ChartSVG(chart.svg, 20.0, chart.height_pt, chart.labels, chart.alt, chart.colours)
    assert outside_box(narrow, svg_text_boxes(narrow, brand)) != []


def test_chart_errors_are_text_errors_where_text_is_the_cause() -> None:
    brand = load_brand(REPO / "assets")
    figure = FIGURE_MODELS["stat"].model_validate(
        {"kind": "stat", "id": "s", "title": "T", "source": "S", "value": "1" * 15,
         "suffix": " " + "W" * 19, "label": "L"})
    with pytest.raises(ChartTextTooLong) as caught:
        render_chart(figure, None, brand)
    assert caught.value.where == ("value",) and caught.value.figure == "s"


def test_check_reports_chart_text_that_cannot_fit_as_build_does(project: Path,
                                                                 cli: Cli) -> None:
    word = "Llanfair" * 20
    figures = f"""\
  - id: one
    kind: bar
    title: One
    alt: A chart.
    axis_label: {word}
    data: {{A: 1}}
    source: S
"""
    spec = write_spec(project, "bad", spec_with(figures))
    checked, _, check_err = cli("--project", str(project), "check", str(spec))
    built, _, build_err = cli("--project", str(project), "build", str(spec))
    assert checked == built == 1
    assert check_err == build_err and "figures[0].axis_label: the axis label" in check_err
    good = write_spec(project, "good", spec_with(figures.replace(word, "Cases")))
    assert cli("--project", str(project), "check", str(good))[0] == 0


@pytest.mark.parametrize("ends", [["0", "0", "0.1", "0.1"], ["5", "5", "5", "5"],
                                  ["100", "99", "1", "0"]])
def test_line_end_labels_are_nudged_apart_inside_the_plot(ends: list[str]) -> None:
    """Four lines ending at (nearly) the same value: their labels stack without touching."""
    brand = load_brand(REPO / "assets")
    names = ["A", "B", "C", "D"]
    rows = {"2013": ["1", "2", "3", "4"], "2014": ends}
    figure = FIGURE_MODELS["line"].model_validate(
        {"kind": "line", "id": "g", "title": "T", "source": "S", "series": names,
         "data": {k: [Decimal(v) for v in vs] for k, vs in rows.items()}})
    table = Table(tuple(rows), tuple(Series(n, tuple(Decimal(rows[c][j]) for c in rows))
                                     for j, n in enumerate(names)))
    chart = _drawn_inside_or_refused(figure, table, ChartGeometry(), brand)
    assert chart is not None and sorted(chart.labels) == sorted(ends)

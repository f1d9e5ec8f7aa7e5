"""Editions in the spec: placeholders filled in as plain text, and every problem located at
the CSV row and at the spec line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpress.build import Project, check
from briefpress.errors import SpecError
from briefpress.spec.inline import RichText
from briefpress.spec.template import TemplateError, parse, render
from conftest import write_spec

AREAS = """\
code,area,trained
north,North Area,120
south,South Area,
east,East *Area*,45
"""

SPEC = """\
title: Training in {area}
date: 2024-03-01
authors: [Test Author]
summary: "In {area}, {trained?{trained} staff were trained|no figure was published}."
findings:
  - "A finding about {area} with braces {{literal}}."
  - text: The chart.
    figure: by-area
sections:
  - heading: Figures
    blocks:
      - figure: by-area
figures:
  - id: by-area
    kind: bar
    title: Staff trained, {area} highlighted
    data: {North Area: 120, East *Area*: 45}
    highlight: "{area}"
    source: Test
    alt: Bar chart of staff trained.
contacts:
  - {name: Press office, email: press@example.org}
editions:
  file: data/areas.csv
  key: code
  name: area
"""


def _project(project: Path, csv: str = AREAS, spec: str = SPEC) -> Path:
    (project / "briefings" / "data").mkdir(exist_ok=True)
    (project / "briefings" / "data" / "areas.csv").write_text(csv, encoding="utf-8")
    return write_spec(project, "areas", spec)


def _problems(path: Path, project: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        check(path, Project(project))
    return [str(p) for p in caught.value.problems]


def test_each_edition_fills_in_its_own_row(project: Path) -> None:
    loaded = check(_project(project), Project(project))
    assert loaded.editions is not None
    got = {}
    for edition in loaded.editions.editions:
        b = loaded.edition(edition).briefing
        got[edition.key] = (b.title, b.summary[0].plain, b.findings[0].text.plain,
                            b.figures[0].highlight)
    assert got == {
        "north": ("Training in North Area", "In North Area, 120 staff were trained.",
                  "A finding about North Area with braces {literal}.", "North Area"),
        "south": ("Training in South Area", "In South Area, no figure was published.",
                  "A finding about South Area with braces {literal}.", None),
        "east": ("Training in East *Area*", "In East *Area*, 45 staff were trained.",
                 "A finding about East *Area*, with braces {literal}.".replace(",", ""),
                 "East *Area*"),
    }


def test_a_value_is_plain_text_never_formatting(project: Path) -> None:
    csv = AREAS.replace("East *Area*", "**Bold** [link](https://example.org) @fig:by-area [^1] \\")
    text = SPEC.replace("East *Area*: 45", "North Area 2: 45")
    loaded = check(_project(project, csv, text), Project(project))
    assert loaded.editions is not None
    east = loaded.edition(loaded.editions.editions[2]).briefing
    summary = east.summary[0]
    assert isinstance(summary, RichText)
    assert summary.plain == ("In **Bold** [link](https://example.org) @fig:by-area [^1] \\, 45 "
                             "staff were trained.")
    assert all(not (r.bold or r.italic or r.href or r.figure) for r in summary.runs)
    assert east.title == "Training in **Bold** [link](https://example.org) @fig:by-area [^1] \\"


def test_the_template_language() -> None:
    values = {"a": "A", "b": "", "c": "C"}
    cases = {
        "{a}": "A", "x {a} y": "x A y", "{b|none}": "none", "{a|none}": "A",
        "{a?has {a}}": "has A", "{b?has {b}}": "", "{b?has|lacks {c}}": "lacks C",
        "{{a}} {{": "{a} {", "{ a }": "A", "{a?{{x}}|y}": "{x}", "a|b?c": "a|b?c",
    }
    assert {t: render(parse(t), values) for t in cases} == cases
    missing: list[str] = []
    assert render(parse("{b} and {c} and {b}"), values, missing=missing) == " and C and "
    assert missing == ["b"]
    for bad, index in [("{a", 0), ("a}", 1), ("{}", 0), ("{a?b", 0), ("{a{b}}", 2)]:
        with pytest.raises(TemplateError) as caught:
            parse(bad)
        assert caught.value.index == index, bad


def test_an_unknown_column_is_located_in_the_spec_with_a_suggestion(project: Path) -> None:
    spec = _project(project, spec=SPEC.replace("Training in {area}", "Training in {arae}"))
    assert _problems(spec, project) == [
        f"{spec}:1:20: title: CSV 'data/areas.csv' has no column 'arae'; did you mean 'area'? "
        "(columns: code, area, trained)"]


def test_an_empty_cell_a_text_needs_fails_that_edition_alone(project: Path) -> None:
    spec = _project(project, spec=SPEC.replace(
        "{trained?{trained} staff were trained|no figure was published}", "{trained} staff"))
    assert _problems(spec, project) == [
        f"{spec}:4:14: summary: CSV 'data/areas.csv', row 3, column 'trained': the cell is "
        "empty, and this text needs it; fill it in, or give the text to print without it: "
        "{trained|...}"]
    from briefpress.build import _loaded

    loaded = _loaded(spec, Project(project), None, None)
    assert loaded.editions is not None
    assert [bool(e.problems) for e in loaded.editions.editions] == [False, True, False]


def test_keys_must_be_unique_and_fit_a_file_name(project: Path) -> None:
    csv = AREAS + "north,Again,3\nbad key,Bad,4\n,Nameless,5\nwest,,6\n"
    spec = _project(project, csv)
    at = f"{spec}:25:8: editions.key: CSV 'data/areas.csv'"
    assert _problems(spec, project) == [
        f"{at}, row 5, column 'code': the key 'north' is also row 2's; every edition needs its "
        "own key",
        f"{at}, row 6, column 'code': the key 'bad key' cannot name a file; use letters, "
        "digits, '.', '_' and '-' only, e.g. 'bad-key'",
        f"{at}, row 7, column 'code': the key is empty; every edition needs its own",
        f"{spec}:26:9: editions.name: CSV 'data/areas.csv', row 8, column 'area': the edition's "
        "name is empty"]


def test_the_table_and_its_columns_are_checked(project: Path) -> None:
    spec = _project(project, "code,area,area\nnorth,N,M\n", SPEC.replace("key: code", "key: cod"))
    assert _problems(spec, project) == [
        f"{spec}:24:9: editions.file: CSV 'data/areas.csv', row 1: columns 2 and 3 are both "
        "named 'area'; give each column its own name",
        f"{spec}:25:8: editions.key: CSV 'data/areas.csv' has no column 'cod'; did you mean "
        "'code'? (columns: code, area, area)"]


def test_a_cell_breaking_the_text_rules_fails_its_edition(project: Path) -> None:
    spec = _project(project, AREAS.replace("South Area", "South\u200bArea"))
    assert _problems(spec, project) == [
        f"{spec}:24:9: editions.file: CSV 'data/areas.csv', row 3, column 'area': an invisible "
        "formatting character U+200B ZERO WIDTH SPACE, often pasted from a word processor; "
        "delete it"]


def test_a_value_the_brand_font_lacks_fails_its_edition(project: Path) -> None:
    spec = _project(project, AREAS.replace("South Area", "South \U0001f600"))
    assert _problems(spec, project) == [
        f"{spec}:24:9: editions.file: CSV 'data/areas.csv', row 3, column 'area': character "
        "'\U0001f600' U+1F600 GRINNING FACE is not in the brand font 'Noto Sans' and cannot be "
        "printed; remove it or replace it"]


def test_650_editions_are_not_refused_by_the_csv_row_limit(project: Path) -> None:
    rows = "".join(f"c{i},Area {i},{i}\n" for i in range(650))
    loaded = check(_project(project, "code,area,trained\n" + rows), Project(project))
    assert loaded.editions is not None and len(loaded.editions.editions) == 650


def test_an_edition_table_has_its_own_limit(project: Path) -> None:
    rows = "".join(f"c{i},A,1\n" for i in range(10_001))
    spec = _project(project, "code,area,trained\n" + rows)
    assert _problems(spec, project) == [
        f"{spec}:24:9: editions.file: CSV 'data/areas.csv' has 10,001 data rows; the limit is "
        "10,000"]


def test_what_a_chart_draws_cannot_change_between_editions(project: Path) -> None:
    spec = _project(project, spec=SPEC.replace("    source: Test\n",
                                               "    source: Test\n    axis_label: In {area}\n"))
    assert _problems(spec, project) == [
        f"{spec}:20:20: figures[0].axis_label: a chart is drawn once for every edition, so what "
        "it draws cannot name a column; put the placeholder in the figure's title or notes "
        "instead"]


def test_a_category_no_edition_highlights_is_a_warning(project: Path) -> None:
    spec = _project(project, spec=SPEC.replace("North Area: 120", "Northern Area: 120"))
    loaded = check(spec, Project(project))
    assert [str(w) for w in loaded.warnings if "highlight" in w.path] == [
        f"{spec}:18:16: warning: figures[0].highlight: 'Northern Area' is no edition's '{{area}}', "
        "so never highlighted; did you mean 'North Area'?"]


def test_braces_are_ordinary_text_without_editions(project: Path) -> None:
    plain = SPEC[:SPEC.index("editions:")].replace('highlight: "{area}"', "highlight: North Area")
    loaded = check(write_spec(project, "plain", plain), Project(project))
    assert loaded.briefing.title == "Training in {area}"
    assert loaded.editions is None

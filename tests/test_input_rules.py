"""Every way in follows the same rules: spec fields, CSV cells, brand facts, numbers, files.

Each test feeds the input that once slipped through and checks the exact located
message (exit 1, no PDF) or the correct PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from briefpress.brand import FontFamily
from briefpress.build import Project, check
from briefpress.charts.alt import draft_alt
from briefpress.charts.numbers import exact_sum, format_number
from briefpress.errors import BuildError, Problem, printable
from briefpress.source.textpolicy import MAX_TEXT_CHARS, admit
from briefpress.spec.data import Series, Table
from briefpress.spec.figures import StackedBarFigure
from chartspec import spec_with
from conftest import MINIMAL, char_boxes, no_contact, pdf_text, write_spec

Cli = Callable[..., tuple[int, str, str]]


def _fails(project: Path, cli: Cli, spec: Path, command: str = "build") -> list[str]:
    """The stderr lines of a run that must fail with exit 1 and write nothing."""
    code, out, err = cli("--project", str(project), command, str(spec))
    assert (code, out) == (1, "")
    assert "Traceback" not in err and "internal error" not in err
    assert list((project / "output").iterdir()) == []
    return [line.replace(str(spec), "{spec}") for line in err.splitlines()]


# Messages: one line each, nothing a terminal would act on.

def test_a_message_never_carries_raw_control_bidi_or_separator_characters() -> None:
    hostile = "a\x1b[31mred\x00\u202eevil\u2028next\nline\x85\u200b\ud800"
    shown = str(Problem("x.yaml", 3, 4, f"data[\"{hostile}\"]", f"got '{hostile}'"))
    expected = ("a<U+001B>[31mred<U+0000><U+202E>evil<U+2028>next<U+000A>line<U+0085>"
                "<U+200B><U+D800>")
    assert shown == f'x.yaml:3:4: data["{expected}"]: got \'{expected}\''
    assert shown.isprintable()
    assert str(BuildError("a\nb.yaml", "text\u2029missing")) == (
        "a<U+000A>b.yaml: text<U+2029>missing")


def test_letters_of_every_script_are_shown_as_they_are() -> None:
    assert printable("Ŵyl, שלום, مرحبا, 東京, £5 — “quoted”") == (
        "Ŵyl, שלום, مرحبا, 東京, £5 — “quoted”")


def test_an_echoed_value_is_escaped_end_to_end(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "echo", MINIMAL + 'language: "cy\\e[2J\\u202e"\n')
    assert _fails(project, cli, spec, "check") == [
        "{spec}:7:11: language: 'cy<U+001B>[2J<U+202E>' is not one of: en-GB, cy-GB",
        "{spec}:7:14: language: a control character U+001B ESCAPE, which cannot be printed; "
        "delete it",
        "{spec}:7:19: language: an invisible formatting character U+202E RIGHT-TO-LEFT "
        "OVERRIDE, often pasted from a word processor; delete it",
    ]


# One text policy: normalised, no control or invisible characters, drawable, capped.

def test_the_policy_itself() -> None:
    assert admit("Gw\u0302yl") == ("G\u0175yl", [])
    assert admit("plain text, tabs\tand\nbreaks") == ("plain text, tabs\tand\nbreaks", [])
    _text, flaws = admit("a\x00b\u200bc\u202e q\u0302")
    assert [(f.chars, f.index) for f in flaws] == [
        (("\x00",), 1), (("\u200b", "\u202e"), 3), (("\u0302",), 8)]
    assert flaws[2].message.startswith("an accent U+0302 COMBINING CIRCUMFLEX ACCENT typed "
                                       "separately from its letter")
    [long] = admit("x" * (MAX_TEXT_CHARS + 1))[1]
    assert long.message == "text is 20,001 characters; the limit is 20,000"
    lacks = FontFamily("F", Path(), Path(), Path(), Path(), frozenset(map(ord, "ab"))).lacks
    assert [f.message for f in admit("ab😀\x07", lacks, "F")[1]] == [
        "a control character U+0007 BELL, which cannot be printed; delete it",
        "character '😀' U+1F600 GRINNING FACE is not in the brand font 'F' and cannot be "
        "printed; remove it or replace it"]


@pytest.mark.parametrize(("field", "text", "where"), [
    ("title", 'title: "A \\0 title"', "1:11: title"),
    ("finding", '  - "Finding \\x00"', "6:14: findings[0]"),
    ("keyword", 'keywords: ["a", "b\\0"]', "7:19: keywords[1]"),
    ("contact", 'contacts: [{name: "Ann\\0", email: a@b.org}]', "7:23: contacts[0].name"),
    ("data key", 'figures: [{id: f, kind: bar, title: T, source: S, data: {"a\\0": 1}}]',
     '7:60: figures[0].data["a<U+0000>"]'),
])
def test_nul_is_refused_in_every_text_field(field: str, text: str, where: str,
                                            project: Path, cli: Cli) -> None:
    spec_text = (MINIMAL.replace("- The first finding.", text.strip()) if field == "finding"
                 else MINIMAL.replace("title: A minimal briefing", text) if field == "title"
                 else MINIMAL + text + "\n")
    spec = write_spec(project, "nul", spec_text)
    lines = _fails(project, cli, spec, "check")
    assert f"{{spec}}:{where}: a control character U+0000 NULL, which cannot be printed; " \
           "delete it" in lines


def test_decomposed_welsh_is_drawn_as_one_letter(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "cymraeg", MINIMAL.replace(
        "A minimal briefing", "Gw\u0302yl y Gwanwyn").replace(
        "The first finding.", "Y\u0302 ac y\u0302, Ty\u0302 Gw\u0302yl"))
    assert check(spec, Project(project)).briefing.title == "G\u0175yl y Gwanwyn"
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    drawn = "".join(b.char for b in char_boxes(project / "output" / "cymraeg.pdf"))
    assert "G\u0175ylyGwanwyn" in drawn and "\u0176ac\u0177,T\u0177G\u0175yl" in drawn
    assert "\u0302" not in drawn


INVISIBLE = """\
title: A minimal briefing
date: 2024-03-01
authors: [Test Author]
summary: >
  A folded paragraph over
  three lines, with a zero\u200bwidth
  space in the middle.
findings:
  - The first finding
    goes on here, and here\u00adwe are.
  - 'Single quoted: it''s got one\u2060here'
  - "Double quoted, escaped: \\u200B"
  - |
    Literal block,
      kept\u200fas typed.
"""


def test_an_invisible_character_is_reported_where_it_stands(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "hidden", INVISIBLE)
    assert _fails(project, cli, spec, "check") == [
        "{spec}:6:27: summary: an invisible formatting character U+200B ZERO WIDTH SPACE, "
        "often pasted from a word processor; delete it",
        "{spec}:10:27: findings[0]: an invisible formatting character U+00AD SOFT HYPHEN, "
        "often pasted from a word processor; delete it",
        "{spec}:11:34: findings[1]: an invisible formatting character U+2060 WORD JOINER, "
        "often pasted from a word processor; delete it",
        "{spec}:12:30: findings[2]: an invisible formatting character U+200B ZERO WIDTH SPACE, "
        "often pasted from a word processor; delete it",
        "{spec}:15:11: findings[3]: an invisible formatting character U+200F RIGHT-TO-LEFT "
        "MARK, often pasted from a word processor; delete it",
    ]


def test_a_character_the_font_lacks_is_pointed_at(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "emoji", MINIMAL.replace(
        "summary: One paragraph of summary.", "summary: >\n  One paragraph,\n  up 📈 again."))
    assert _fails(project, cli, spec, "check") == [
        "{spec}:6:6: summary: character '📈' U+1F4C8 CHART WITH UPWARDS TREND is not in the "
        "brand font 'Noto Sans' and cannot be printed; remove it or replace it"]


# CSV cells: the same rules, located by CSV row and column and the spec line.

CSV_BAR = """\
  - id: counts
    kind: bar
    title: Counts
    source: Here
    alt: A chart.
    csv: {file: data/t.csv, category: Area, value: Count}
"""
CSV_LINE = 18  # the line of "csv:" in spec_with(CSV_BAR)
CATEGORY = f"{{spec}}:{CSV_LINE}:39: figures[0].csv.category: CSV 'data/t.csv'"


def _csv(project: Path, text: str, figure: str = CSV_BAR) -> Path:
    (project / "briefings" / "data").mkdir(exist_ok=True)
    (project / "briefings" / "data" / "t.csv").write_text(text, encoding="utf-8")
    return write_spec(project, "csv", spec_with(figure))


@pytest.mark.parametrize(("label", "message"), [
    ("Smile 😀", "character '😀' U+1F600 GRINNING FACE is not in the brand font 'Noto Sans' "
     "and cannot be printed; remove it or replace it"),
    ("مرحبا", "characters U+0645 ARABIC LETTER MEEM, U+0631 ARABIC LETTER REH, U+062D ARABIC "
     "LETTER HAH, U+0628 ARABIC LETTER BEH, U+0627 ARABIC LETTER ALEF are not in the brand "
     "font 'Noto Sans' and cannot be printed; remove them or replace them"),
    ("東京", "characters '東' U+6771 CJK UNIFIED IDEOGRAPH-6771, '京' U+4EAC CJK UNIFIED "
     "IDEOGRAPH-4EAC are not in the brand font 'Noto Sans' and cannot be printed; remove "
     "them or replace them"),
    ("bell\x07", "a control character U+0007 BELL, which cannot be printed; delete it"),
    ("NUL\x00", "a control character U+0000 NULL, which cannot be printed; delete it"),
    ("\u202eevil", "an invisible formatting character U+202E RIGHT-TO-LEFT OVERRIDE, often "
     "pasted from a word processor; delete it"),
    ("zero\u200bwidth", "an invisible formatting character U+200B ZERO WIDTH SPACE, often "
     "pasted from a word processor; delete it"),
    ("x" * 50_000, "text is 50,000 characters; the limit is 20,000"),
])
def test_csv_labels_follow_the_text_policy(label: str, message: str, project: Path,
                                           cli: Cli) -> None:
    spec = _csv(project, f'Area,Count\nNorth,1\n"{label}",2\n')
    assert _fails(project, cli, spec) == [f"{CATEGORY}, row 3, column 'Area': {message}"]


def test_a_cell_too_long_for_the_csv_reader_is_a_located_error(project: Path,
                                                                cli: Cli) -> None:
    spec = _csv(project, "Area,Count\nNorth,1\n" + "x" * 200_000 + ",2\n")
    assert _fails(project, cli, spec) == [
        f"{{spec}}:{CSV_LINE}:17: figures[0].csv.file: CSV 'data/t.csv', row 3 cannot be read: "
        "a cell is longer than 131,072 characters (the limit for any text is 20,000)"]


def test_a_lone_surrogate_escape_is_one_clear_error(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "sur", MINIMAL.replace("A minimal briefing", '"A \\ud800 b"'))
    assert _fails(project, cli, spec) == [
        "{spec}:1:11: title: a control character U+D800, which cannot be printed; delete it"]


def test_csv_text_is_normalised(project: Path) -> None:
    spec = _csv(project, "Area,Count\nGw\u0302ynedd,1\nPowys,2\n")
    table = check(spec, Project(project)).data_for("counts")
    assert isinstance(table, Table) and table.categories == ("G\u0175ynedd", "Powys")


def test_csv_series_names_follow_the_text_policy(project: Path, cli: Cli) -> None:
    figure = CSV_BAR.replace("kind: bar", "kind: grouped-bar").replace(
        "value: Count}", "value: Count, series: Kind}")
    spec = _csv(project, "Area,Kind,Count\nNorth,2A 😀,1\nNorth,4A,2\n", figure)
    assert _fails(project, cli, spec) == [
        f"{{spec}}:{CSV_LINE}:67: figures[0].csv.series: CSV 'data/t.csv', row 2, column "
        "'Kind': character '😀' U+1F600 GRINNING FACE is not in the brand font 'Noto Sans' and "
        "cannot be printed; remove it or replace it"]


def test_csv_duplicate_header_and_ragged_rows_are_located(project: Path, cli: Cli) -> None:
    spec = _csv(project, "Area,Count,Count\nNorth,1,2\nSouth,3\nEast,4,5,6\n")
    file = f"{{spec}}:{CSV_LINE}:17: figures[0].csv.file: CSV 'data/t.csv'"
    assert _fails(project, cli, spec) == [
        f"{file}, row 1: columns 2 and 3 are both named 'Count'; give each column its own name",
        f"{file}, row 3, column 3 ('Count') is missing: the row has 2 cells but the header row "
        "has 3 columns",
        f"{file}, row 4, column 4: the row has 4 cells but the header row has 3 columns; remove "
        "the extra cells or name their column",
    ]


def test_ragged_rows_do_not_hide_other_problems(project: Path, cli: Cli) -> None:
    spec = _csv(project, "Area,Count\nNorth,1,\nSouth,lots\n")
    file = f"{{spec}}:{CSV_LINE}:17: figures[0].csv.file: CSV 'data/t.csv'"
    assert _fails(project, cli, spec) == [
        f"{file}, row 2, column 3: the row has 3 cells but the header row has 2 columns; "
        "remove the extra cells or name their column",
        f"{{spec}}:{CSV_LINE}:52: figures[0].csv.value: CSV 'data/t.csv', row 3, column "
        "'Count': expected a number, got 'lots'; a missing or non-numeric value is an error, "
        "not a missing bar",
    ]


# Numbers: printed exactly at any length allowed; beyond what a chart can scale, an error.

def test_numbers_print_every_digit() -> None:
    assert format_number(Decimal("12345678901234567890123456789.123")) == (
        "12,345,678,901,234,567,890,123,456,789.123")
    assert format_number(Decimal("-1234567890123456789012345678901"), "£") == (
        "-£1,234,567,890,123,456,789,012,345,678,901")
    assert format_number(Decimal("4.50"), suffix="%") == "4.50%"
    assert exact_sum([Decimal("999999999999999"), Decimal("0.000000000000001")]) == (
        Decimal("999999999999999.000000000000001"))


def test_a_stacked_total_keeps_every_digit() -> None:
    figure = StackedBarFigure.model_validate({
        "kind": "stacked-bar", "id": "s", "title": "Totals", "source": "S",
        "series": ["A", "B"], "data": {"North": ["999999999999999", "0.000000000000001"]}})
    table = Table(("North",), (Series("A", (Decimal("999999999999999"),)),
                               Series("B", (Decimal("0.000000000000001"),))))
    assert draft_alt(figure, table).endswith(
        "total 999,999,999,999,999.000000000000001.")


def test_a_long_number_in_a_table_prints_exactly(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "table", MINIMAL + """\
sections:
  - heading: Counts
    blocks:
      - table:
          columns: [Thing, Count]
          rows:
            - [Atoms, "12345678901234567890123456789"]
            - [Stars, "2"]
""")
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    assert "12,345,678,901,234,567,890,123,456,789" in pdf_text(project / "output" / "table.pdf")


BAR = """\
  - id: counts
    kind: bar
    title: Counts
    source: Here
    alt: A chart.
    data: {North: VALUE, South: 2}
"""


@pytest.mark.parametrize(("value", "problem"), [
    ("9" * 3000, "'9999999999999999999999999999999999999999... (3,000 characters)' has 3,000 "
     "significant digits; a number may have at most 15: round it, or give it in thousands or "
     "millions (suffix: \" million\")"),
    ("1234567890123456", "'1234567890123456' has 16 significant digits; a number may have at "
     "most 15: round it, or give it in thousands or millions (suffix: \" million\")"),
    ("0.0000000000000001", "'0.0000000000000001' has 16 digits after the point; a number may "
     "have at most 15: round it"),
])
def test_a_number_a_chart_cannot_scale_is_a_located_error(value: str, problem: str,
                                                          project: Path, cli: Cli) -> None:
    spec = write_spec(project, "big", spec_with(BAR.replace("VALUE", value)))
    assert _fails(project, cli, spec) == [f"{{spec}}:18:19: figures[0].data.North: {problem}"]


def test_fifteen_digits_chart_and_print_exactly(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "fifteen", spec_with(BAR.replace("VALUE", "123456789012345")))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    assert "123,456,789,012,345" in pdf_text(project / "output" / "fifteen.pdf")


def test_a_huge_csv_value_is_located_by_row_and_column(project: Path, cli: Cli) -> None:
    spec = _csv(project, "Area,Count\nNorth,1\nSouth," + "9" * 5000 + "\n")
    assert _fails(project, cli, spec) == [
        f"{{spec}}:{CSV_LINE}:52: figures[0].csv.value: CSV 'data/t.csv', row 3, column "
        "'Count': '9999999999999999999999999999999999999999... (5,000 characters)' has 5,000 "
        "significant digits; a number may have at most 15: round it, or give it in thousands "
        "or millions (suffix: \" million\"); a missing or non-numeric value is an error, not a "
        "missing bar"]


# Images: read in full by check, so what check accepts, build builds.

IMAGE = """\
  - id: picture
    kind: image
    title: A picture
    file: FILE
    alt: A described picture.
    source: Test
"""
IMAGE_AT = "{spec}:16:11: figures[0].file: "


def _noise(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(buffer, format=fmt)
    return buffer.getvalue()


def _image_spec(project: Path, name: str, data: bytes) -> Path:
    (project / "briefings" / name).write_bytes(data)
    return write_spec(project, "img", spec_with(IMAGE.replace("FILE", name)))


@pytest.mark.parametrize(("name", "data"), [
    ("cut.png", _noise("PNG")[:9000]), ("cut.jpg", _noise("JPEG")[:3000]),
])
def test_a_truncated_image_is_refused_by_check_and_build(name: str, data: bytes,
                                                        project: Path, cli: Cli) -> None:
    spec = _image_spec(project, name, data)
    for command in ("check", "build"):
        [line] = _fails(project, cli, spec, command)
        assert line.startswith(f"{IMAGE_AT}image '{name}' is damaged and cannot be read (")
        assert line.endswith("); save it again from the program that made it")


@pytest.mark.parametrize(("svg", "problem"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>',
     "has no size: give the <svg> element width and height (or a viewBox), e.g. width=\"400\" "
     "height=\"300\""),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="abc" height="20"/>',
     "has width=\"abc\", which is not a length such as \"400\" or \"12cm\""),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="20"/>',
     "has a size of 0 by 20; both must be more than 0 (check width, height and viewBox)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="50"/>',
     "has width=\"100%\" but no viewBox to take a percentage of"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="1e999" height="20"/>',
     "has a size of inf by 20; both must be more than 0 (check width, height and viewBox)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M 1 zz 3"/>'
     "</svg>", "cannot be drawn: range() arg 3 must not be zero"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text font-size="big">'
     "Hi</text></svg>", "cannot be drawn: Can't convert 'big' to length"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="1e300" height="1e300"/>',
     "cannot be drawn: it holds a number too large to print (7.5e+299); check its width, "
     "height and coordinates"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="1e300" '
     'height="8"/></svg>', "cannot be drawn: it holds a number too large to print "
     "(1e+300); check its width, height and coordinates"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><text x="1" y="40">'
     "Hi 😀</text></svg>", "has text the brand font 'Noto Sans' cannot print ('😀' U+1F600 "
     "GRINNING FACE); change the text in the image"),
])
def test_an_svg_that_cannot_be_drawn_is_refused_by_check(svg: str, problem: str,
                                                         project: Path, cli: Cli) -> None:
    spec = _image_spec(project, "drawing.svg", svg.encode())
    assert _fails(project, cli, spec, "check") == [f"{IMAGE_AT}SVG 'drawing.svg' {problem}"]


def test_an_svg_sized_by_its_view_box_or_in_units_builds(project: Path, cli: Cli) -> None:
    (project / "briefings" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" width="100%">'
        '<rect width="200" height="80" fill="#1F6F78"/></svg>', encoding="utf-8")
    (project / "briefings" / "b.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="12cm" height="4cm">'
        '<rect width="20" height="8" fill="#1F6F78"/></svg>', encoding="utf-8")
    spec = write_spec(project, "svgs", spec_with(
        IMAGE.replace("FILE", "a.svg") + IMAGE.replace("FILE", "b.svg").replace(
            "id: picture", "id: other")))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))


# Time: checking grows with the input, not with its square.

def test_thousands_of_problems_are_all_reported_quickly(project: Path, cli: Cli) -> None:
    """Once quadratic: every one of 2,900 unknown keys (as many as the value limit lets a
    spec hold) is reported, each once, well within the 20 s a spec may take."""
    import time

    findings = "".join(f"  - {{text: Finding {i}, sorce: x}}\n" for i in range(2_900))
    spec = write_spec(project, "many", MINIMAL.replace("  - The first finding.\n", findings))
    start = time.perf_counter()
    lines = _fails(project, cli, spec, "check")
    assert time.perf_counter() - start < 20
    assert len(lines) == 2_900
    assert lines[-1] == ("{spec}:2905:26: findings[2899]: unknown key 'sorce'; allowed keys: "
                         "text, figure")

"""Chart data from inline YAML or a CSV file, and every way it can be wrong: each problem
names the spec file, line and column, and the CSV file with its row and column; exit 1,
no PDF."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from briefpress.build import check
from briefpress.errors import SpecError
from briefpress.spec.data import MAX_IMAGE_PIXELS, ImageFile, Series, Table
from chartspec import assert_only_embedded_brand_fonts, build, fonts_and_images, spec_with
from conftest import MINIMAL, pdf_text, write_spec

Cli = Callable[..., tuple[int, str, str]]

CSV_FIGURE = """\
  - id: training
    kind: bar
    title: Staff trained by force
    csv:
      file: {file}
      category: Force
      value: {value}
    source: Parliamentary answers, 2014
"""
GOOD_CSV = "Force,Staff trained\nDerby,2103\nAvon and Somerset,186\nWest Yorkshire,6026\n"


def _where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the value after *needle* in *text*."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + len(needle) + 1
    raise AssertionError(needle)


def _csv_spec(project: Path, csv_text: str | None, file: str = "data/training.csv",
              value: str = "Staff trained") -> str:
    if csv_text is not None:
        (project / "briefings" / "data").mkdir(exist_ok=True)
        (project / "briefings" / "data" / "training.csv").write_text(csv_text, encoding="utf-8")
    return spec_with(CSV_FIGURE.format(file=file, value=value))


def _fails(project: Path, cli: Cli, text: str) -> list[str]:
    code, err, pdf = build(project, cli, "bad", text)
    assert code == 1
    assert not pdf.exists()
    assert list((project / "output").iterdir()) == []
    return err.strip().splitlines()


def test_csv_beside_the_spec_becomes_a_typed_table(project: Path, cli: Cli) -> None:
    text = _csv_spec(project, GOOD_CSV)
    loaded = check(write_spec(project, "good", text))
    assert loaded.data_for("training") == Table(
        ("Derby", "Avon and Somerset", "West Yorkshire"),
        (Series(None, (Decimal("2103"), Decimal("186"), Decimal("6026"))),))
    code, err, pdf = build(project, cli, "good", text)
    assert code == 0, err
    assert " 6,026 " in pdf_text(pdf)


def test_missing_csv(project: Path, cli: Cli) -> None:
    text = _csv_spec(project, None, file="data/nowhere.csv")
    line, col = _where(text, "file: ")
    spec = project / "briefings" / "bad.yaml"
    assert _fails(project, cli, text) == [
        f"{spec}:{line}:{col}: figures[0].csv.file: CSV file 'data/nowhere.csv' not found"]


def test_csv_outside_the_project_is_refused(project: Path, cli: Cli) -> None:
    (project.parent / "secret.csv").write_text(GOOD_CSV, encoding="utf-8")
    text = _csv_spec(project, None, file="../../secret.csv")
    [message] = _fails(project, cli, text)
    assert "leads outside the project" in message and "figures[0].csv.file" in message


def test_missing_column_names_the_csv_its_columns_and_a_suggestion(
        project: Path, cli: Cli) -> None:
    text = _csv_spec(project, GOOD_CSV, value="Staf trained")
    line, col = _where(text, "value: ")
    spec = project / "briefings" / "bad.yaml"
    assert _fails(project, cli, text) == [
        f"{spec}:{line}:{col}: figures[0].csv.value: CSV 'data/training.csv' has no column "
        "'Staf trained'; did you mean 'Staff trained'? (columns: Force, Staff trained)"]


def test_not_a_number_names_the_row_and_column_and_every_bad_cell(
        project: Path, cli: Cli) -> None:
    csv_text = "Force,Staff trained\nDerby,2103\nAvon and Somerset,n/a\nWest Yorkshire,\n"
    text = _csv_spec(project, csv_text)
    line, col = _where(text, "value: ")
    spec = project / "briefings" / "bad.yaml"
    lines = _fails(project, cli, text)
    assert lines == [
        f"{spec}:{line}:{col}: figures[0].csv.value: CSV 'data/training.csv', row 3, column "
        "'Staff trained': expected a number, got 'n/a'; a missing or non-numeric value is an "
        "error, not a missing bar",
        f"{spec}:{line}:{col}: figures[0].csv.value: CSV 'data/training.csv', row 4, column "
        "'Staff trained': the cell is empty; a missing or non-numeric value is an error, not "
        "a missing bar",
    ]


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity", "1e3", "2,103"])
def test_nan_infinite_and_odd_numbers_in_csv_are_errors(
        cell: str, project: Path, cli: Cli) -> None:
    text = _csv_spec(project, f'Force,Staff trained\nDerby,"{cell}"\n')
    [message] = _fails(project, cli, text)
    assert "row 2, column 'Staff trained': expected a" in message


@pytest.mark.parametrize("value", ["nan", ".nan", "inf", "n/a", "''"])
def test_nan_or_missing_inline_values_are_errors(value: str, project: Path, cli: Cli) -> None:
    figures = f"""\
  - id: areas
    kind: bar
    title: Prosecutions
    data:
      Greater Manchester: 50
      Merseyside: {value}
    source: Test
"""
    text = spec_with(figures)
    line, _ = _where(text, "Merseyside: ")
    [message] = _fails(project, cli, text)
    assert f"bad.yaml:{line}:" in message
    assert "expected a" in message


def test_row_numbers_are_the_spreadsheet_rows_even_after_blank_lines(
        project: Path, cli: Cli) -> None:
    text = _csv_spec(project, "Force,Staff trained\n\nDerby,2103\n\nAvon,lots\n")
    [message] = _fails(project, cli, text)
    assert "row 5, column 'Staff trained': expected a number, got 'lots'" in message


def test_empty_csv_and_header_only_csv(project: Path, cli: Cli) -> None:
    [message] = _fails(project, cli, _csv_spec(project, ""))
    assert "CSV 'data/training.csv' is empty" in message
    [message] = _fails(project, cli, _csv_spec(project, "Force,Staff trained\n"))
    assert "has a header row but no data rows" in message


def test_wide_and_long_csv_give_the_same_table(project: Path) -> None:
    data = project / "briefings" / "data"
    data.mkdir()
    (data / "wide.csv").write_text("Area,2A,4A\nNorth,1,2\nSouth,3,4.50\n", encoding="utf-8")
    (data / "long.csv").write_text(
        "Area,Section,Cases\nNorth,2A,1\nNorth,4A,2\nSouth,2A,3\nSouth,4A,4.50\n",
        encoding="utf-8")
    figures = """\
  - id: wide
    kind: grouped-bar
    title: Wide
    csv: {file: data/wide.csv, category: Area, values: [2A, 4A]}
    source: Test
  - id: long
    kind: stacked-bar
    title: Long
    csv: {file: data/long.csv, category: Area, value: Cases, series: Section}
    source: Test
"""
    loaded = check(write_spec(project, "forms", spec_with(figures)))
    expected = Table(("North", "South"), (
        Series("2A", (Decimal("1"), Decimal("3"))),
        Series("4A", (Decimal("2"), Decimal("4.50")))))
    assert loaded.data_for("wide") == expected
    assert loaded.data_for("long") == expected


def test_unknown_highlight_suggests_the_closest_category(project: Path, cli: Cli) -> None:
    figures = """\
  - id: areas
    kind: bar
    title: Prosecutions
    highlight: Mersyside
    data: {Greater Manchester: 50, Merseyside: 10}
    source: Test
"""
    text = spec_with(figures)
    line, col = _where(text, "highlight: ")
    [message] = _fails(project, cli, text)
    assert message.endswith(
        f"bad.yaml:{line}:{col}: figures[0].highlight: highlight 'Mersyside' is not one of the "
        "categories; did you mean 'Merseyside'? (categories: Greater Manchester, Merseyside)")


def test_citation_of_an_unknown_figure_names_line_and_closest_id(
        project: Path, cli: Cli) -> None:
    figures = """\
  - id: prosecutions-by-area
    kind: bar
    title: Prosecutions
    data: {Greater Manchester: 50}
    source: Test
"""
    text = spec_with(figures, body="As @fig:prosecution-by-area shows, numbers vary.")
    line, col = _where(text, "      - ")
    spec = project / "briefings" / "bad.yaml"
    assert _fails(project, cli, text) == [
        f"{spec}:{line}:{col}: sections[0].blocks[0]: cites unknown figure "
        "'prosecution-by-area'; did you mean 'prosecutions-by-area'? "
        "(figures: prosecutions-by-area)"]


def test_problems_in_several_figures_are_all_reported(project: Path, cli: Cli) -> None:
    figures = """\
  - id: one
    kind: bar
    title: One
    csv: {file: data/missing.csv, category: A, value: B}
    source: Test
  - id: two
    kind: grouped-bar
    title: Two
    series: [X, Y]
    data: {North: [1]}
    source: Test
"""
    lines = _fails(project, cli, spec_with(figures))
    assert len(lines) == 2
    assert any("figures[0].csv.file: CSV file 'data/missing.csv' not found" in x for x in lines)
    assert any("'North' has 1 value(s) but 2 series are named" in x for x in lines)


def _png(width: int, height: int) -> bytes:
    """A real, tiny PNG whose header claims *width* x *height* (the pixel data is one row)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))) + chunk(b"IEND", b""))


IMAGE_FIGURE = """\
  - id: picture
    kind: image
    title: A picture
    file: {file}
    alt: A described picture.
    source: Test
"""


@pytest.mark.parametrize("size", [(60_000, 60_000), (MAX_IMAGE_PIXELS // 1000 + 1, 1000)])
def test_a_small_png_claiming_huge_dimensions_is_refused_before_decoding(
        size: tuple[int, int], project: Path, cli: Cli) -> None:
    data = _png(*size)
    assert len(data) < 200_000
    (project / "briefings" / "big.png").write_bytes(data)
    text = spec_with(IMAGE_FIGURE.format(file="big.png"))
    line, col = _where(text, "file: ")
    [message] = _fails(project, cli, text)
    assert f"bad.yaml:{line}:{col}: figures[0].file: image 'big.png' is" in message
    assert "pixels" in message


def test_png_and_svg_images_are_placed(project: Path, cli: Cli) -> None:
    from PIL import Image

    Image.new("RGB", (300, 150), (20, 54, 92)).save(project / "briefings" / "ok.png")
    (project / "briefings" / "ok.svg").write_text(  # as matplotlib and Inkscape write them
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
        ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">'
        '<rect width="200" height="80" fill="#1F6F78"/>'
        '<text x="10" y="40" font-family="Arial" font-size="12">Label in the image</text>'
        "</svg>", encoding="utf-8")
    loaded = check(write_spec(project, "img", spec_with(
        IMAGE_FIGURE.format(file="ok.png") + IMAGE_FIGURE.format(file="ok.svg")
        .replace("id: picture", "id: drawing"))))
    png = loaded.data_for("picture")
    assert isinstance(png, ImageFile) and (png.format, png.width_px) == ("png", 300)
    code, err, pdf = build(project, cli, "img", spec_with(
        IMAGE_FIGURE.format(file="ok.png") + IMAGE_FIGURE.format(file="ok.svg")
        .replace("id: picture", "id: drawing")))
    assert code == 0, err
    text = pdf_text(pdf)
    assert "Figure 1: A picture" in text and "Figure 2: A picture" in text
    assert "Label in the image" in text
    _fonts, subtypes = fonts_and_images(pdf)
    assert subtypes.count("/Image") == 1  # the PNG; the SVG stays vector
    assert_only_embedded_brand_fonts(pdf)  # the SVG's Arial became the brand font


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<image xlink:href="../../etc/passwd.png" width="10" height="10"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://e.com/a.css);</style>'
    "</svg>",
])
def test_svg_with_external_references_is_refused(svg: str, project: Path, cli: Cli) -> None:
    (project / "briefings" / "bad.svg").write_text(svg, encoding="utf-8")
    [message] = _fails(project, cli, spec_with(IMAGE_FIGURE.format(file="bad.svg")))
    assert "figures[0].file: SVG 'bad.svg' refers outside itself" in message


def test_broken_svg_is_refused_when_the_spec_is_read(project: Path, cli: Cli) -> None:
    (project / "briefings" / "broken.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', encoding="utf-8")
    [message] = _fails(project, cli, spec_with(IMAGE_FIGURE.format(file="broken.svg")))
    assert "figures[0].file: SVG 'broken.svg' is not well-formed XML" in message


def test_other_image_formats_are_refused(project: Path, cli: Cli) -> None:
    from PIL import Image

    Image.new("RGB", (10, 10)).save(project / "briefings" / "x.gif")
    [message] = _fails(project, cli, spec_with(IMAGE_FIGURE.format(file="x.gif")))
    assert "image 'x.gif' is not a .png, .jpg, .jpeg or .svg file" in message


def test_an_image_is_checked_by_content_not_only_by_name(project: Path, cli: Cli) -> None:
    from PIL import Image

    Image.new("RGB", (10, 10)).save(project / "briefings" / "x.png", format="GIF")
    [message] = _fails(project, cli, spec_with(IMAGE_FIGURE.format(file="x.png")))
    assert "image 'x.png' is GIF; use PNG, JPEG or SVG" in message


def test_spec_errors_raise_one_spec_error_with_all_problems(project: Path) -> None:
    text = _csv_spec(project, "Force,Staff trained\nDerby,x\nAvon,y\n")
    with pytest.raises(SpecError) as info:
        check(write_spec(project, "two", text))
    assert [p.message.split(":")[0] for p in info.value.problems] == [
        "CSV 'data/training.csv', row 2, column 'Staff trained'",
        "CSV 'data/training.csv', row 3, column 'Staff trained'",
    ]


def test_every_bad_cell_in_a_row_is_reported(project: Path,
                                            cli: Callable[..., tuple[int, str, str]]) -> None:
    (project / "briefings" / "data").mkdir()
    (project / "briefings" / "data" / "t.csv").write_text("Area,A,B\nNorth,x,y\nSouth,1,2\n")
    spec = write_spec(project, "t", MINIMAL + """\
sections:
  - heading: H
    blocks: [{figure: g}]
figures:
  - id: g
    kind: grouped-bar
    title: G
    source: S
    alt: A
    csv: {file: data/t.csv, category: Area, values: [A, B]}
""")
    code, _, err = cli("--project", str(project), "check", str(spec))
    assert code == 1
    assert [line.split(": ", 2)[2] for line in err.splitlines()] == [
        "CSV 'data/t.csv', row 2, column 'A': expected a number, got 'x'; a missing or "
        "non-numeric value is an error, not a missing bar",
        "CSV 'data/t.csv', row 2, column 'B': expected a number, got 'y'; a missing or "
        "non-numeric value is an error, not a missing bar",
    ]

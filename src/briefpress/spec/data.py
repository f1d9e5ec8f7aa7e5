"""Figure data resolved at spec-load time: inline data and CSV files become typed tables,
image files are checked and read.

Later stages never open a file or see a dict: they get a frozen :class:`Table`
(categories, and one tuple of exact ``Decimal`` values per series) or a checked
:class:`ImageFile`. Every problem (a missing file or column, a cell that is not a
number, an empty table, an unknown highlighted category, an oversized image) is
collected, names the CSV file with its row and column, and is located at the
spec line that refers to it.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

from pydantic import TypeAdapter, ValidationError

from briefpress.spec.diagnose import did_you_mean
from briefpress.spec.figures import (
    MAX_SERIES,
    BarFigure,
    CsvSource,
    FigureBase,
    ImageFigure,
    MultiSeriesBase,
    StackedBarFigure,
)
from briefpress.spec.files import FileRefused, read_inside
from briefpress.spec.types import Number

Loc = tuple[str | int, ...]
Report = Callable[[Loc, str], None]

MAX_CSV_BYTES = 2_000_000
MAX_CSV_ROWS = 500
MAX_IMAGE_BYTES = 10_000_000
MAX_IMAGE_PIXELS = 25_000_000
"""A 25-megapixel image is already far beyond print resolution at A4 width; larger ones
(and small files that claim gigapixel sizes) are refused before they are decoded."""

_NUMBER: TypeAdapter[Decimal] = TypeAdapter(Number)


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name (``None`` for a single-series chart) and values."""

    name: str | None
    values: tuple[Decimal, ...]


@dataclass(frozen=True)
class Table:
    """A chart's data: categories in order and, per series, one exact value per category."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class ImageFile:
    """An image file read from the project and checked: its format, bytes and pixel size."""

    format: Literal["png", "jpeg", "svg"]
    data: bytes
    width_px: int
    height_px: int


FigureData = Table | ImageFile


def resolve_figure(fig: FigureBase, loc: Loc, base: Path, roots: Sequence[Path],
                   report: Report) -> FigureData | None:
    """The typed data of one figure, or ``None`` (after reporting why) if it has none."""
    table: Table | None
    if isinstance(fig, BarFigure):
        table = _bar_table(fig, loc, base, roots, report)
        if table is not None:
            table = _checked_highlight(fig, table, loc, report)
        return table
    if isinstance(fig, MultiSeriesBase):
        if fig.data is not None and fig.series is not None:
            table = Table(tuple(r.label for r in fig.data), tuple(
                Series(name, tuple(r.values[i] for r in fig.data))
                for i, name in enumerate(fig.series)))
        else:
            assert fig.csv is not None
            table = _csv_table(fig.csv, (*loc, "csv"), base, roots, report)
        if isinstance(fig, StackedBarFigure) and table is not None:
            table = _not_negative(table, loc, report)
        return table
    if isinstance(fig, ImageFigure):
        return _image(fig.file, (*loc, "file"), base, roots, report)
    return None


def _not_negative(table: Table, loc: Loc, report: Report) -> Table | None:
    """Stacked segments add up to a whole; a negative part has no length to draw."""
    for series in table.series:
        for category, value in zip(table.categories, series.values, strict=True):
            if value < 0:
                report((*loc, "data"), f"a stacked bar cannot show a negative part: "
                       f"'{category}', series '{series.name}' is {value}; use a grouped bar")
                return None
    return table


def _bar_table(fig: BarFigure, loc: Loc, base: Path, roots: Sequence[Path],
               report: Report) -> Table | None:
    if fig.data is not None:
        pairs = [(p.label, p.value) for p in fig.data]
    else:
        assert fig.csv is not None
        read = _csv_table(fig.csv, (*loc, "csv"), base, roots, report)
        if read is None:
            return None
        pairs = list(zip(read.categories, read.series[0].values, strict=True))
    if fig.sort != "none":
        pairs.sort(key=lambda p: p[1], reverse=fig.sort == "descending")
    return Table(tuple(p[0] for p in pairs), (Series(None, tuple(p[1] for p in pairs)),))


def _checked_highlight(fig: BarFigure, table: Table, loc: Loc, report: Report) -> Table | None:
    if fig.highlight is not None and fig.highlight not in table.categories:
        report((*loc, "highlight"),
               f"highlight '{fig.highlight}' is not one of the categories"
               f"{did_you_mean(fig.highlight, table.categories)} "
               f"(categories: {', '.join(table.categories)})")
        return None
    return table


def _csv_table(src: CsvSource, loc: Loc, base: Path, roots: Sequence[Path],
               report: Report) -> Table | None:
    """Read a CSV file into a Table, reporting every problem with its row and column."""
    name = src.file
    try:
        raw = read_inside(base, name, roots, MAX_CSV_BYTES, suffixes=(".csv",))
    except FileRefused as exc:
        report((*loc, "file"), f"CSV {exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report((*loc, "file"), f"CSV '{name}' is not UTF-8; save it as 'CSV UTF-8'")
        return None
    try:
        read = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        report((*loc, "file"), f"CSV '{name}' cannot be read: {exc}")
        return None
    # (row number as a spreadsheet shows it, cells); blank rows are skipped but counted
    rows = [(n, r) for n, r in enumerate(read, start=1) if any(cell.strip() for cell in r)]
    if not rows:
        report((*loc, "file"), f"CSV '{name}' is empty; it needs a header row and data rows")
        return None
    header = [h.strip() for h in rows[0][1]]
    if len(rows) == 1:
        report((*loc, "file"), f"CSV '{name}' has a header row but no data rows")
        return None
    if len(rows) - 1 > MAX_CSV_ROWS:
        report((*loc, "file"), f"CSV '{name}' has {len(rows) - 1:,} data rows; the limit is "
               f"{MAX_CSV_ROWS:,}")
        return None
    wanted: list[tuple[str, str]] = [("category", src.category)]
    if src.value is not None:
        wanted.append(("value", src.value))
    wanted += [("values", v) for v in src.values or ()]
    if src.series is not None:
        wanted.append(("series", src.series))
    index: dict[str, int] = {}
    ok = True
    for key, column in wanted:
        if column not in header:
            report((*loc, key), f"CSV '{name}' has no column '{column}'"
                   f"{did_you_mean(column, header)} (columns: {', '.join(header)})")
            ok = False
        else:
            index[column] = header.index(column)
    if not ok:
        return None
    return _table_from_rows(src, rows, index, loc, report)


def _cell(row: list[str], index: dict[str, int], column: str) -> str:
    i = index[column]
    return row[i].strip() if i < len(row) else ""


def _read_row(src: CsvSource, line: int, row: list[str], index: dict[str, int], loc: Loc,
              report: Report) -> list[tuple[str, str, Decimal]] | None:
    """One CSV row as (category, series, value) cells, or None after reporting why not."""
    name = src.file
    label = _cell(row, index, src.category)
    if not label:
        report((*loc, "category"), f"CSV '{name}', row {line}, column '{src.category}': "
               "the category is empty")
        return None
    out: list[tuple[str, str, Decimal]] = []
    bad = False  # keep going: every bad cell in the row is reported, not just the first
    for column in [src.value] if src.value is not None else list(src.values or ()):
        series = _cell(row, index, src.series) if src.series is not None else column
        if not series:
            report((*loc, "series"), f"CSV '{name}', row {line}, column '{src.series}': "
                   "the series name is empty")
            bad = True
            continue
        text = _cell(row, index, column)
        try:
            value = _NUMBER.validate_python(text)
        except ValidationError as exc:
            why = "the cell is empty" if not text else str(exc.errors()[0]["msg"]
                                                          ).removeprefix("Value error, ")
            report((*loc, "value" if src.value is not None else "values"),
                   f"CSV '{name}', row {line}, column '{column}': {why}; a missing or "
                   "non-numeric value is an error, not a missing bar")
            bad = True
            continue
        out.append((label, series, value))
    return None if bad else out


def _table_from_rows(src: CsvSource, rows: list[tuple[int, list[str]]], index: dict[str, int],
                     loc: Loc, report: Report) -> Table | None:
    """Every row read (all problems reported), then one value per category and series."""
    cells: dict[tuple[str, str], Decimal] = {}
    ok = True
    for line, row in rows[1:]:
        read = _read_row(src, line, row, index, loc, report)
        ok = ok and read is not None
        for label, series, value in read or ():
            if (label, series) in cells:
                report((*loc, "category"), f"CSV '{src.file}', row {line}, column "
                       f"'{src.category}': '{label}' appears twice"
                       + (f" for series '{series}'" if src.series else ""))
                ok = False
            cells[(label, series)] = value
    return _assemble(src, cells, loc, report) if ok else None


def _assemble(src: CsvSource, cells: dict[tuple[str, str], Decimal], loc: Loc,
              report: Report) -> Table | None:
    """The cells as a table, in first-seen order, if every series is complete."""
    categories = list(dict.fromkeys(c for c, _ in cells))
    series_names = list(dict.fromkeys(s for _, s in cells))
    if len(series_names) > MAX_SERIES:
        report((*loc, "series"), f"CSV '{src.file}' has {len(series_names)} series; the limit "
               f"is {MAX_SERIES}")
        return None
    missing = [(c, s) for c in categories for s in series_names if (c, s) not in cells]
    if missing:
        c, s = missing[0]
        report((*loc, "series"), f"CSV '{src.file}': no value for '{c}' in series '{s}'"
               + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
        return None
    single = src.series is None and src.value is not None
    return Table(tuple(categories), tuple(
        Series(None if single else s, tuple(cells[(c, s)] for c in categories))
        for s in series_names))


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
"""The image files a figure may name; the content must match, checked separately."""

_SVG_FORBIDDEN = re.compile(
    rb"<!ENTITY|@import|url\(\s*['\"]?(?!#)|"
    rb"href\s*=\s*['\"](?!#)", re.IGNORECASE)


def _image(reference: str, loc: Loc, base: Path, roots: Sequence[Path],
           report: Report) -> ImageFile | None:
    """Read and check an image: format by content, size in bytes and in pixels."""
    try:
        data = read_inside(base, reference, roots, MAX_IMAGE_BYTES, suffixes=IMAGE_SUFFIXES)
    except FileRefused as exc:
        report(loc, f"image {exc}")
        return None
    if data.startswith((b"\x89PNG", b"\xff\xd8")) or b"<svg" not in data[:4096]:
        return _raster(reference, data, loc, report)
    bad = _SVG_FORBIDDEN.search(data)
    if bad is not None:
        report(loc, f"SVG '{reference}' refers outside itself "
               f"({bad.group(0).decode('ascii', 'replace').strip()}...); external "
               "references, entities and embedded images are not allowed")
        return None
    try:  # entities were refused above, so the standard parser cannot be made to expand any
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        report(loc, f"SVG '{reference}' is not well-formed XML: {exc}")
        return None
    if not root.tag.endswith("svg"):
        report(loc, f"'{reference}' is XML but not an SVG image")
        return None
    return ImageFile("svg", data, 0, 0)


def _raster(reference: str, data: bytes, loc: Loc, report: Report) -> ImageFile | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # lazy: reads the header only
                fmt, (width, height) = img.format, img.size
    except Image.DecompressionBombError:
        report(loc, f"image '{reference}' is far larger than {MAX_IMAGE_PIXELS:,} pixels; "
               "refused before decoding")
        return None
    except (UnidentifiedImageError, OSError, ValueError):
        report(loc, f"'{reference}' is not a PNG, JPEG or SVG image")
        return None
    if fmt not in ("PNG", "JPEG"):
        report(loc, f"image '{reference}' is {fmt}; use PNG, JPEG or SVG")
        return None
    if width * height > MAX_IMAGE_PIXELS:
        report(loc, f"image '{reference}' is {width:,} x {height:,} pixels; the limit is "
               f"{MAX_IMAGE_PIXELS:,} pixels (resize it: 3,000 pixels wide is plenty for print)")
        return None
    return ImageFile("png" if fmt == "PNG" else "jpeg", data, width, height)

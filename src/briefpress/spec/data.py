"""Figure data resolved at spec-load time: inline data and CSV files become typed tables,
image files are checked and read.

Later stages never open a file or see a dict: they get a frozen :class:`Table`
(categories, and one tuple of exact ``Decimal`` values per series) or a checked
:class:`ImageFile`. Every problem (a missing file or column, a cell that is not a
number, an empty table, an unknown highlighted category, an oversized or damaged
image) is collected, names the CSV file with its row and column, and is located
at the spec line that refers to it. CSV reading is in
:mod:`briefpress.spec.csvread`, image checks in :mod:`briefpress.source.images`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from briefpress.source.diagnose import did_you_mean
from briefpress.source.images import (
    IMAGE_SUFFIXES,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    ImageFile,
    image_from_bytes,
)
from briefpress.spec.csvread import MAX_CSV_BYTES, MAX_CSV_ROWS, read_csv
from briefpress.spec.figures import (
    BarFigure,
    FigureBase,
    ImageFigure,
    MultiSeriesBase,
    StackedBarFigure,
)
from briefpress.spec.files import FileRefused, read_inside
from briefpress.spec.tabular import CellText, Loc, Series, Table

__all__ = ["IMAGE_SUFFIXES", "MAX_CSV_BYTES", "MAX_CSV_ROWS", "MAX_IMAGE_BYTES",
           "MAX_IMAGE_PIXELS", "CellText", "FigureData", "ImageFile", "Series", "Table",
           "resolve_figure"]

Report = Callable[[Loc, str], None]

FigureData = Table | ImageFile


def resolve_figure(fig: FigureBase, loc: Loc, base: Path, roots: Sequence[Path],
                   report: Report, cells: list[CellText] | None = None,
                   per_edition: bool = False) -> FigureData | None:
    """The typed data of one figure, or ``None`` (after reporting why) if it has none.

    Texts read from a CSV file that will be drawn are added to *cells*. With
    *per_edition*, the figure's ``highlight`` names a column of the edition table: it is
    each edition's own, checked edition by edition, not here.
    """
    table: Table | None
    cells = [] if cells is None else cells
    if isinstance(fig, BarFigure):
        table = _bar_table(fig, loc, base, roots, report, cells)
        if table is not None and not per_edition:
            table = _checked_highlight(fig, table, loc, report)
        return table
    if isinstance(fig, MultiSeriesBase):
        if fig.data is not None and fig.series is not None:
            table = Table(tuple(r.label for r in fig.data), tuple(
                Series(name, tuple(r.values[i] for r in fig.data))
                for i, name in enumerate(fig.series)))
        else:
            assert fig.csv is not None
            table = read_csv(fig.csv, (*loc, "csv"), base, roots, report, cells)
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
               report: Report, cells: list[CellText]) -> Table | None:
    if fig.data is not None:
        pairs = [(p.label, p.value) for p in fig.data]
    else:
        assert fig.csv is not None
        read = read_csv(fig.csv, (*loc, "csv"), base, roots, report, cells)
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


def _image(reference: str, loc: Loc, base: Path, roots: Sequence[Path],
           report: Report) -> ImageFile | None:
    """Read and check an image: format by content, size in bytes and in pixels, decoded."""
    try:
        data = read_inside(base, reference, roots, MAX_IMAGE_BYTES, suffixes=IMAGE_SUFFIXES)
    except FileRefused as exc:
        report(loc, f"image {exc}")
        return None
    return image_from_bytes(reference, data, lambda message: report(loc, message))

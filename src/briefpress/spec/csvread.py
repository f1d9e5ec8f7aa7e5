"""Chart data from a CSV file beside the spec, held to the same rules as text typed in it.

Every problem names the CSV file with its row (as a spreadsheet numbers it) and
column, and is located at the spec line that loads the file: a file that cannot
be read, a header naming a column twice, a row with too few or too many cells, a
missing column, a cell that is not a number, an empty label, and any text (a
category label, a series name, a column name) that breaks the text policy of
:mod:`briefpress.source.textpolicy`: too long, or holding a control or invisible
character. Texts that will be drawn are kept as :class:`CellText` so the brand
font can be checked against them too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from briefpress.source.diagnose import did_you_mean
from briefpress.source.textpolicy import MAX_TEXT_CHARS, admit
from briefpress.spec.figures import MAX_SERIES, CsvSource
from briefpress.spec.files import FileRefused, read_inside
from briefpress.spec.tabular import CellText, Loc, Series, Table
from briefpress.spec.types import Number

Report = Callable[[Loc, str], None]
Row = tuple[int, list[str]]
"""A data row: its number as a spreadsheet shows it (header is row 1), and its cells."""

MAX_CSV_BYTES = 2_000_000
MAX_CSV_ROWS = 500

_NUMBER: TypeAdapter[Decimal] = TypeAdapter(Number)


class _Reader:
    """One CSV file read for one figure: reports problems, keeps the drawn texts."""

    def __init__(self, src: CsvSource, loc: Loc, report: Report, cells: list[CellText]) -> None:
        self.src, self.loc, self.report, self.cells = src, loc, report, cells

    def where(self, line: int, column: str | None = None) -> str:
        at = f"CSV '{self.src.file}', row {line}"
        return at + (f", column '{column}'" if column is not None else "")

    def text(self, key: str, line: int, column: str, cell: str) -> str | None:
        """A cell used as text, normalised, or None after reporting why it cannot be used."""
        value, flaws = admit(cell.strip())
        for flaw in flaws:
            self.report((*self.loc, key), f"{self.where(line, column)}: {flaw.message}")
        if flaws:
            return None
        if key != "file":  # a column name is matched, not drawn
            self.cells.append(CellText((*self.loc, key), self.where(line, column), value))
        return value


def read_csv(src: CsvSource, loc: Loc, base: Path, roots: Sequence[Path], report: Report,
             cells: list[CellText]) -> Table | None:
    """Read a CSV file into a Table, reporting every problem with its row and column."""
    rows = _rows(src.file, loc, base, roots, report)
    if rows is None:
        return None
    reader = _Reader(src, loc, report, cells)
    header, named = _header(reader, *rows[0])
    shaped, whole = _shaped(reader, rows[1:], [c.strip() for c in rows[0][1]])
    index = _columns(reader, header)
    if index is None:
        return None
    table = _table_from_rows(reader, shaped, index)  # the other rows' problems too
    return table if named and whole else None


def _rows(name: str, loc: Loc, base: Path, roots: Sequence[Path], report: Report,
          max_rows: int = MAX_CSV_ROWS) -> list[Row] | None:
    """The file's non-blank rows, numbered as a spreadsheet shows them; None if unreadable.

    *max_rows* is the most data rows accepted (a chart's table, or an edition table, which
    has its own limit)."""
    where = (*loc, "file")
    try:
        raw = read_inside(base, name, roots, MAX_CSV_BYTES, suffixes=(".csv",))
    except FileRefused as exc:
        report(where, f"CSV {exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report(where, f"CSV '{name}' is not UTF-8; save it as 'CSV UTF-8'")
        return None
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):  # blank rows are skipped but counted
                rows.append((number, row))
    except csv.Error as exc:
        why = (f"a cell is longer than {csv.field_size_limit():,} characters (the limit for "
               f"any text is {MAX_TEXT_CHARS:,})" if "field larger" in str(exc) else str(exc))
        report(where, f"CSV '{name}', row {number + 1} cannot be read: {why}")
        return None
    if not rows:
        report(where, f"CSV '{name}' is empty; it needs a header row and data rows")
        return None
    if len(rows) == 1:
        report(where, f"CSV '{name}' has a header row but no data rows")
        return None
    if len(rows) - 1 > max_rows:
        report(where, f"CSV '{name}' has {len(rows) - 1:,} data rows; the limit is "
               f"{max_rows:,}")
        return None
    return rows


read_rows = _rows
"""The non-blank rows of a CSV file, for readers other than a chart's (edition tables)."""


def _header(reader: _Reader, line: int, cells: list[str]) -> tuple[list[str], bool]:
    """The column names, each under the text policy, and whether all are usable; a name
    used twice is an error (which of the two columns would be read is anyone's guess)."""
    names: list[str] = []
    ok = True
    first: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        name = reader.text("file", line, cell.strip(), cell)
        ok = ok and name is not None
        names.append(name or "")
        if name and name in first:
            reader.report((*reader.loc, "file"), f"{reader.where(line)}: columns {first[name]} "
                          f"and {number} are both named '{name}'; give each column its own name")
            ok = False
        elif name:
            first[name] = number
    return names, ok


def _shaped(reader: _Reader, rows: list[Row], header: list[str]) -> tuple[list[Row], bool]:
    """The data rows with exactly as many cells as the header has columns, and whether
    that is all of them (a short row would leave a value unread, a long one a value
    with no column)."""
    good: list[Row] = []
    width = len(header)
    for line, row in rows:
        if len(row) == width:
            good.append((line, row))
            continue
        if len(row) < width:
            name = f" ('{header[len(row)]}')" if header[len(row)] else ""
            cells = "1 cell" if len(row) == 1 else f"{len(row)} cells"
            problem = (f"column {len(row) + 1}{name} is missing: the row has {cells} "
                       f"but the header row has {width} columns")
        else:
            problem = (f"column {width + 1}: the row has {len(row)} cells but the header row "
                       f"has {width} columns; remove the extra cells or name their column")
        reader.report((*reader.loc, "file"), f"{reader.where(line)}, {problem}")
    return good, len(good) == len(rows)


def _columns(reader: _Reader, header: list[str]) -> dict[str, int] | None:
    """Where each column the spec names is, or None after reporting the missing ones."""
    src = reader.src
    wanted: list[tuple[str, str]] = [("category", src.category)]
    if src.value is not None:
        wanted.append(("value", src.value))
    wanted += [("values", v) for v in src.values or ()]
    if src.series is not None:
        wanted.append(("series", src.series))
    index: dict[str, int] = {}
    for key, column in wanted:
        if column not in header:
            reader.report((*reader.loc, key), f"CSV '{src.file}' has no column '{column}'"
                          f"{did_you_mean(column, header)} (columns: {', '.join(header)})")
        else:
            index[column] = header.index(column)
    return index if len(index) == len({c for _, c in wanted}) else None


def _read_row(reader: _Reader, line: int, row: list[str], index: dict[str, int]
              ) -> list[tuple[str, str, Decimal]] | None:
    """One CSV row as (category, series, value) cells, or None after reporting why not."""
    src = reader.src
    cell = row[index[src.category]]
    if not cell.strip():
        reader.report((*reader.loc, "category"),
                      f"{reader.where(line, src.category)}: the category is empty")
        return None
    label = reader.text("category", line, src.category, cell)
    out: list[tuple[str, str, Decimal]] = []
    bad = label is None  # keep going: every bad cell in the row is reported, not just the first
    for column in [src.value] if src.value is not None else list(src.values or ()):
        series: str | None = column
        if src.series is not None:
            series = _series_name(reader, line, row[index[src.series]])
        bad = bad or series is None
        text = row[index[column]].strip()
        try:
            value = _NUMBER.validate_python(text)
        except ValidationError as exc:
            why = "the cell is empty" if not text else str(exc.errors()[0]["msg"]
                                                          ).removeprefix("Value error, ")
            reader.report((*reader.loc, "value" if src.value is not None else "values"),
                          f"{reader.where(line, column)}: {why}; a missing or non-numeric "
                          "value is an error, not a missing bar")
            bad = True
            continue
        if label is not None and series is not None:
            out.append((label, series, value))
    return None if bad else out


def _series_name(reader: _Reader, line: int, cell: str) -> str | None:
    column = reader.src.series
    assert column is not None
    if not cell.strip():
        reader.report((*reader.loc, "series"),
                      f"{reader.where(line, column)}: the series name is empty")
        return None
    return reader.text("series", line, column, cell)


def _table_from_rows(reader: _Reader, rows: list[Row], index: dict[str, int]) -> Table | None:
    """Every row read (all problems reported), then one value per category and series."""
    src = reader.src
    cells: dict[tuple[str, str], Decimal] = {}
    ok = True
    for line, row in rows:
        read = _read_row(reader, line, row, index)
        ok = ok and read is not None
        for label, series, value in read or ():
            if (label, series) in cells:
                reader.report((*reader.loc, "category"), f"{reader.where(line, src.category)}: "
                              f"'{label}' appears twice"
                              + (f" for series '{series}'" if src.series else ""))
                ok = False
            cells[(label, series)] = value
    return _assemble(reader, cells) if ok else None


def _assemble(reader: _Reader, cells: dict[tuple[str, str], Decimal]) -> Table | None:
    """The cells as a table, in first-seen order, if every series is complete."""
    src, loc = reader.src, reader.loc
    categories = list(dict.fromkeys(c for c, _ in cells))
    series_names = list(dict.fromkeys(s for _, s in cells))
    if len(series_names) > MAX_SERIES:
        reader.report((*loc, "series"), f"CSV '{src.file}' has {len(series_names)} series; "
                      f"the limit is {MAX_SERIES}")
        return None
    missing = [(c, s) for c in categories for s in series_names if (c, s) not in cells]
    if missing:
        c, s = missing[0]
        reader.report((*loc, "series"), f"CSV '{src.file}': no value for '{c}' in series '{s}'"
                      + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
        return None
    single = src.series is None and src.value is not None
    return Table(tuple(categories), tuple(
        Series(None if single else s, tuple(cells[(c, s)] for c in categories))
        for s in series_names))

"""Editions: one paper per row of a CSV file, each naming its own area.

``editions:`` names a CSV file beside the spec (one row per edition), the column
holding each edition's key (which names its PDF), the column holding its name, and
optionally a pattern for the PDF's name. The table is read here under the same
rules as a chart's CSV file (:mod:`briefpress.spec.csvread`), with a limit of its
own (:data:`MAX_EDITIONS` rows), and every problem is located twice over: at the
CSV row and column, and at the spec line that names the file or the column.

A problem with the table as a whole (the file, its header, a column the spec names)
stops every edition. A problem with one row (an empty or duplicated key, a cell
that breaks the text rules, a value a text needs but the row lacks) fails that
edition alone: it is kept in :attr:`Edition.problems`, and the other editions
are built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ConfigDict, Field

from briefpress.errors import Problem
from briefpress.source.diagnose import did_you_mean
from briefpress.source.textpolicy import admit
from briefpress.source.values import PlainText
from briefpress.spec.csvread import Row, read_rows
from briefpress.spec.tabular import Loc
from briefpress.spec.template import Template, TemplateError, parse, render
from briefpress.spec.types import Model

MAX_EDITIONS = 10_000
"""Rows an edition table may have: every ward of England and Wales fits; a chart's CSV
file keeps its own, smaller limit."""

KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
"""What a key, and the file name made from it, may be: safe in a file name everywhere."""

Report = Callable[[Loc, str], None]
Locate = Callable[[Loc, str], Problem]


class Editions(Model):
    """One paper per row of a CSV file: an edition for every police force or constituency.

    Each edition is built to `output/<spec>/<key>.pdf`, with a manifest beside them.
    Text anywhere in the spec can then name a column of the edition's row in braces,
    printed as plain text: `{force}` prints the value (an edition whose cell is empty
    fails, naming its row); `{trained|no figure}` prints the text after `|` where the
    cell is empty; `{trained?text}` prints the text after `?` only where the cell is
    filled, and `{trained?text|other}` the other text where it is empty (the texts may
    hold placeholders too). `{{` and `}}` print a brace. A bar chart's `highlight:
    "{force}"` highlights the edition's bar where the chart has one. A chart is drawn
    once for every edition, so what it draws (labels, axis label, series, prefix,
    suffix) cannot hold placeholders; its title, notes, source and alt text can.
    """

    model_config = ConfigDict(title="Editions")

    file: PlainText = Field(description=(
        "The CSV file of editions (UTF-8, header row first, one row per edition), relative "
        "to the spec file, e.g. 'data/police-forces.csv'."))
    key: PlainText = Field(description=(
        "The column holding each edition's key: unique, and made of letters, digits, '.', "
        "'_' and '-' (it names the edition's PDF), e.g. 'avon-and-somerset'."))
    name: PlainText = Field(description=(
        "The column holding each edition's name, e.g. 'Avon and Somerset' (shown in the "
        "manifest and as each edition is built)."))
    output: PlainText | None = Field(None, description=(
        "The name of each edition's PDF, without '.pdf', from placeholders, e.g. "
        "'{code}-training'; the default is the key."))


@dataclass(frozen=True)
class Edition:
    """One row of the edition table.

    ``values`` maps every column to the row's cell (``""`` for an empty one);
    ``problems`` say why this edition cannot be built (none: it can).
    """

    row: int
    key: str
    name: str
    output: str
    """The PDF's name without '.pdf' (empty where it cannot be made: the edition fails)."""
    values: tuple[tuple[str, str], ...]
    problems: tuple[Problem, ...] = ()

    def value(self, column: str) -> str:
        return next((v for c, v in self.values if c == column), "")

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class EditionTable:
    """The edition table as read: its file (as the spec names it), columns and rows."""

    spec: Editions
    columns: tuple[str, ...]
    editions: tuple[Edition, ...]

    def where(self, row: int, column: str | None = None) -> str:
        """``CSV 'data/forces.csv', row 7, column 'force'``."""
        at = f"CSV '{self.spec.file}', row {row}"
        return at + (f", column '{column}'" if column is not None else "")


def read_editions(spec: Editions, loc: Loc, base: Path, roots: Sequence[Path],
                  report: Report, locate: Locate) -> EditionTable | None:
    """The edition table, or None after reporting why it cannot be read at all.

    *report* takes problems with the table as a whole; *locate* makes a located problem
    for one row, kept with that row's edition.
    """
    rows = read_rows(spec.file, (*loc, "file"), base, roots, report, MAX_EDITIONS)
    if rows is None:
        return None
    header = _header(spec, loc, rows[0], report)
    if header is None:
        return None
    output = _output(spec, loc, header, report)
    if output is None:
        return None
    reader = _Rows(spec, loc, header, output, locate)
    return EditionTable(spec, tuple(header), tuple(reader.edition(r) for r in rows[1:]))


def _header(spec: Editions, loc: Loc, first: Row, report: Report) -> list[str] | None:
    """The column names, if every one is usable, distinct, and the key and name are there."""
    line, cells = first
    names: list[str] = []
    ok = True
    seen: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        name, flaws = admit(cell.strip())
        for flaw in flaws:
            report((*loc, "file"), f"CSV '{spec.file}', row {line}, column {number}: "
                   f"{flaw.message}")
        ok = ok and not flaws
        if name and name in seen:
            report((*loc, "file"), f"CSV '{spec.file}', row {line}: columns {seen[name]} and "
                   f"{number} are both named '{name}'; give each column its own name")
            ok = False
        seen.setdefault(name, number)
        names.append(name)
    for key in ("key", "name"):
        column = getattr(spec, key)
        if column not in names:
            report((*loc, key), f"CSV '{spec.file}' has no column '{column}'"
                   f"{did_you_mean(column, names)} (columns: {', '.join(n for n in names if n)})")
            ok = False
    return names if ok else None


def _output(spec: Editions, loc: Loc, header: list[str], report: Report) -> Template | None:
    """The pattern naming each edition's PDF (the key, unless the spec gives one)."""
    text = spec.output if spec.output is not None else "{" + spec.key + "}"
    try:
        template = parse(text)
    except TemplateError as exc:
        report((*loc, "output"), exc.message)
        return None
    unknown = [c for c in template.columns() if c not in header]
    for column in unknown:
        report((*loc, "output"), f"CSV '{spec.file}' has no column '{column}'"
               f"{did_you_mean(column, header)} (columns: {', '.join(header)})")
    if template.constant:
        report((*loc, "output"), "every edition would get the same file name; name a column "
               "in braces, e.g. '{" + spec.key + "}'")
        return None
    return None if unknown else template


class _Rows:
    """Reads each data row into an Edition, keeping its problems with it."""

    def __init__(self, spec: Editions, loc: Loc, header: list[str], output: Template,
                 locate: Locate) -> None:
        self.spec, self.loc, self.header, self.output = spec, loc, header, output
        self.locate = locate
        self.keys: dict[str, int] = {}
        self.files: dict[str, int] = {}

    def where(self, row: int, column: str | None = None) -> str:
        at = f"CSV '{self.spec.file}', row {row}"
        return at + (f", column '{column}'" if column is not None else "")

    def edition(self, read: Row) -> Edition:
        line, cells = read
        problems: list[Problem] = []

        def fail(key: str, message: str) -> None:
            problems.append(self.locate((*self.loc, key), message))

        if len(cells) != len(self.header):
            fail("file", f"{self.where(line)}: the row has {len(cells)} cells but the header "
                 f"row has {len(self.header)} columns; give every row one cell per column")
        values: list[tuple[str, str]] = []
        flawed = set()
        for column, cell in zip(self.header, cells, strict=False):
            value, flaws = admit(cell.strip())
            for flaw in flaws:
                fail("file", f"{self.where(line, column)}: {flaw.message}")
                flawed.add(column)
            values.append((column, "" if flaws else value))
        values += [(c, "") for c in self.header[len(values):]]
        row = dict(values)
        key, name = row[self.spec.key], row[self.spec.name]
        if self.spec.key not in flawed:
            self._key(line, key, fail)
        if not name and self.spec.name not in flawed:
            fail("name", f"{self.where(line, self.spec.name)}: the edition's name is empty")
        output = self._file(line, row, fail)
        return Edition(line, key or f"row-{line}", name or key or f"row {line}", output,
                       tuple(values), tuple(problems))


    def _key(self, line: int, key: str, fail: Callable[[str, str], None]) -> None:
        column = self.spec.key
        if not key:
            fail("key", f"{self.where(line, column)}: the key is empty; every edition needs "
                 "its own")
        elif not KEY_PATTERN.fullmatch(key):
            fail("key", f"{self.where(line, column)}: the key '{_short(key)}' cannot name a "
                 "file; use letters, digits, '.', '_' and '-' only, e.g. "
                 f"'{_slug(key)}'")
        elif key in self.keys:
            fail("key", f"{self.where(line, column)}: the key '{key}' is also row "
                 f"{self.keys[key]}'s; every edition needs its own key")
        else:
            self.keys[key] = line

    def _file(self, line: int, row: dict[str, str], fail: Callable[[str, str], None]) -> str:
        """The edition's file name (without '.pdf'), checked like a key and unique."""
        missing: list[str] = []
        name = render(self.output, row, missing=missing)
        at = "key" if self.spec.output is None else "output"
        if missing or not KEY_PATTERN.fullmatch(name):
            if at == "output":
                why = (f"column '{missing[0]}' is empty" if missing else
                       f"it gives '{_short(name)}', which cannot name a file (letters, digits, "
                       "'.', '_' and '-' only)")
                fail(at, f"{self.where(line)}: the PDF's name cannot be made: {why}")
            return ""  # the key's own problem is reported
        if name in self.files and at == "output":
            fail(at, f"{self.where(line)}: the PDF's name '{name}' is also row "
                 f"{self.files[name]}'s; every edition needs its own file")
        self.files.setdefault(name, line)
        return name


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "..."


def _slug(text: str) -> str:
    """A key suggested for *text*: lower case, runs of anything else made one hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60] or "area-1"

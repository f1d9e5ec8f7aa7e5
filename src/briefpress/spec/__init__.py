"""Spec stage: a YAML file in, a validated, frozen :class:`Briefing` out.

This is the only place YAML is read. Everything that can be wrong with a spec is
found here and raised together as one :class:`SpecError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from briefpress.errors import Problem, Severity, SpecError
from briefpress.source.diagnose import did_you_mean
from briefpress.source.yamlload import Document, load_file
from briefpress.spec.crosscheck import crosscheck
from briefpress.spec.data import CellText, FigureData, ImageFile, Table, resolve_figure
from briefpress.spec.diagnose import locate, located, problems_from
from briefpress.spec.editions import Edition, EditionTable, read_editions
from briefpress.spec.figures import BarFigure, Figure, FigureBase, ImageFigure
from briefpress.spec.fill import Filled, Sites, fill, find_sites
from briefpress.spec.glyphs import missing_glyphs
from briefpress.spec.model import Briefing, Loc
from briefpress.spec.slips import find_slips
from briefpress.spec.template import render

__all__ = ["Briefing", "Edition", "EditionCheck", "EditionTable", "LoadedSpec", "SpecCheck",
           "load_briefing", "missing_glyphs"]


@dataclass(frozen=True)
class LoadedSpec:
    """A valid briefing, the warnings found while reading it, and where each value stood.

    ``problem`` lets a later check (a character the brand font lacks, say) name the
    line and column of the value at fault, by the value's location in the model.
    ``cells`` are the texts read from CSV files that will be drawn, with their
    CSV row and column, for the same checks.
    """

    briefing: Briefing
    warnings: tuple[Problem, ...]
    _doc: Document = field(repr=False, compare=False)
    data: tuple[tuple[str, FigureData], ...] = ()
    cells: tuple[CellText, ...] = field(default=(), repr=False)
    editions: EditionTable | None = None
    """The edition table of a spec with ``editions:``; each edition's ``problems`` say
    why it cannot be built."""
    sites: Sites | None = field(default=None, repr=False, compare=False)

    @property
    def source(self) -> str:
        """The spec's text, as read."""
        return self._doc.source

    def data_for(self, figure_id: str) -> FigureData | None:
        """The typed data (table or image) of a figure, resolved when the spec was read."""
        return next((d for fid, d in self.data if fid == figure_id), None)

    def svg_images(self) -> list[tuple[Loc, str, bytes]]:
        """Each SVG image figure: where its file is named, the name, and the bytes. SVG is
        converted by the layout, so each is tried before a build relies on it."""
        found: list[tuple[Loc, str, bytes]] = []
        for i, figure in enumerate(self.briefing.figures):
            image = self.data_for(figure.id)
            if isinstance(figure, ImageFigure) and isinstance(image, ImageFile) and (
                    image.format == "svg"):
                found.append((("figures", i, "file"), figure.file, image.data))
        return found

    def problem(self, loc: tuple[str | int, ...], message: str,
                severity: Severity = "error", char: str | None = None) -> Problem:
        """A problem at the value a model location came from; with *char*, at the line and
        column where that character was typed in it (see ``Document.char_mark``)."""
        return replace(_at(self._doc, loc, message, char), severity=severity)

    def edition(self, edition: Edition) -> LoadedSpec:
        """This spec as *edition* prints it: its placeholders filled in from the edition's
        row. Raises SpecError with the edition's problems if it has any."""
        if edition.problems:
            raise SpecError(edition.problems)
        filled = self.filled(edition)
        if filled.problems:  # pragma: no cover - found when the spec was read
            raise SpecError(filled.problems)
        return replace(self, briefing=filled.briefing)

    def filled(self, edition: Edition) -> Filled:
        """The edition's briefing, or the problems filling it in found."""
        table, sites = self.editions, self.sites
        assert table is not None and sites is not None, "a spec with editions"
        return fill(sites, edition.mapping, lambda column: table.where(edition.row, column),
                    lambda loc, message, char: self.problem(loc, message, char=char),
                    self._categories())

    def _categories(self) -> dict[int, tuple[str, ...]]:
        """Each bar chart's categories, by figure index (a highlight must name one)."""
        out: dict[int, tuple[str, ...]] = {}
        for i, figure in enumerate(self.briefing.figures):
            data = self.data_for(figure.id)
            if isinstance(figure, BarFigure) and isinstance(data, Table):
                out[i] = data.categories
        return out

    def used_columns(self) -> list[str]:
        """The columns of the edition table that some text prints."""
        found: dict[str, None] = {}
        for site in self.sites.sites if self.sites is not None else ():
            found.update(dict.fromkeys(site.template.columns()))
        return list(found)


SpecCheck = Callable[[LoadedSpec], list[Problem]]
"""A check of a valid spec against something outside it (the brand font, say)."""
EditionCheck = Callable[[LoadedSpec, Edition], list[Problem]]
"""A check of one edition's row against something outside the spec; its problems fail
that edition alone."""


def load_briefing(path: Path, display: str, roots: Sequence[Path] = (),
                  checks: Sequence[SpecCheck] = (),
                  edition_checks: Sequence[EditionCheck] = ()) -> LoadedSpec:
    """Read and validate one spec file; raise SpecError listing every problem.

    *roots* are the folders files named in the spec may come from (the spec's own
    folder is always one). *checks* run once the spec is valid; their problems
    (errors or warnings) are reported with the spec's own, all in one go. In a spec
    with editions, every edition is filled in and put through *edition_checks*; what is
    wrong with one edition is kept with it (``loaded.editions``), not raised.
    """
    doc = load_file(path, display)
    if doc.data is None:
        raise SpecError([Problem(display, 1, 1, "", "the file is empty; a spec starts with "
                                 "'title:' (run 'briefpress new NAME' for a starter)")])
    if not isinstance(doc.data, dict):
        raise SpecError([Problem(display, 1, 1, "", "the top level must be a mapping of keys "
                                 "(title:, date:, summary:, ...), not a list or text")])
    slips = find_slips(doc)
    cells: list[CellText] = []
    try:
        briefing = Briefing.model_validate(doc.data)
    except ValidationError as exc:
        invalid = (doc.problems + problems_from(exc, doc, Briefing, slips.covered)
                   + list(slips.problems))
        figures = _valid_figures(doc.data)
        braced = {i for i, f in figures if "editions" in doc.data and _braced(f)}
        _resolve_data(figures, doc, path, roots, invalid, cells, braced)
        raise SpecError(_ordered(invalid, display)) from None
    found = doc.problems + crosscheck(briefing, doc) + list(slips.problems)
    table, sites = _editions(briefing, doc, path, roots, found)
    if sites is not None:
        briefing = sites.briefing
    per_edition = ({s.loc[1] for s in sites.sites if s.kind == "highlight"} if sites else
                   {i for i, f in enumerate(briefing.figures) if briefing.editions and _braced(f)})
    data = _resolve_data(list(enumerate(briefing.figures)), doc, path, roots, found, cells,
                         per_edition)
    loaded = LoadedSpec(briefing, (), doc, data, tuple(cells), table, sites)
    if table is not None and sites is not None and not _errors(found):
        loaded = _each_edition(loaded, table, edition_checks)
        found += _never_highlighted(loaded, table, sites)
    for check in checks:
        found += check(loaded)
    found = _ordered(found, display)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise SpecError(errors)
    return replace(loaded, warnings=tuple(found))


def _braced(figure: FigureBase) -> bool:
    """A bar chart whose highlight is a placeholder (of an edition table not yet read)."""
    highlight = getattr(figure, "highlight", None)
    return isinstance(highlight, str) and ("{" in highlight or "}" in highlight)


def _errors(found: list[Problem]) -> bool:
    return any(p.severity == "error" for p in found)


def _editions(briefing: Briefing, doc: Document, path: Path, roots: Sequence[Path],
              found: list[Problem]) -> tuple[EditionTable | None, Sites | None]:
    """The edition table and the texts that hold placeholders, each checked once; problems
    that stop every edition go into *found*."""
    if briefing.editions is None:
        return None, None
    table = read_editions(briefing.editions, ("editions",), path.parent, [path.parent, *roots],
                          lambda loc, message: found.append(located(doc, loc, message)),
                          lambda loc, message: located(doc, loc, message))
    if table is None:
        return None, None

    def at(loc: Loc, message: str, char: str | None) -> Problem:
        return _at(doc, loc, message, char)

    sites = find_sites(briefing, table.columns, briefing.editions.file, at)
    found += sites.problems
    return table, sites


def _at(doc: Document, loc: Loc, message: str, char: str | None) -> Problem:
    found = located(doc, loc, message)
    if char is not None:
        path, is_key = locate(doc, loc)
        mark = doc.char_mark(path, char, key=is_key)
        if mark is not None:
            found = replace(found, line=mark.line, column=mark.column)
    return found


def _each_edition(loaded: LoadedSpec, table: EditionTable,
                  checks: Sequence[EditionCheck]) -> LoadedSpec:
    """Every edition filled in and checked; what is wrong with one is kept with it."""
    editions = []
    for edition in table.editions:
        problems = list(edition.problems)
        if not problems:  # a broken row is reported as such, not once per text it fills
            problems += loaded.filled(edition).problems
        for check in checks:
            problems += check(loaded, edition)
        editions.append(replace(edition, problems=tuple(problems)))
    return replace(loaded, editions=replace(table, editions=tuple(editions)))


def _never_highlighted(loaded: LoadedSpec, table: EditionTable, sites: Sites) -> list[Problem]:
    """A warning for each bar chart category that a per-edition highlight never names: a
    category written differently from the edition table ('Derby' for 'Derbyshire') would
    otherwise silently never be highlighted."""
    problems = []
    categories = loaded._categories()
    for site in sites.sites:
        index = site.loc[1] if site.kind == "highlight" else None
        if not isinstance(index, int) or index not in categories:
            continue
        named = {render(site.template, e.mapping) for e in table.editions}
        never = [c for c in categories[index] if c not in named]
        if never:
            hints = "".join(did_you_mean(c, named) for c in never[:1])
            problems.append(loaded.problem(site.loc, (
                f"{_listed(never)} {'is' if len(never) == 1 else 'are'} no edition's "
                f"'{site.template.source}', so never highlighted{hints}"), "warning"))
    return problems


def _listed(items: list[str]) -> str:
    shown = ", ".join(f"'{i}'" for i in items[:5])
    return shown + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def _resolve_data(figures: list[tuple[int, FigureBase]], doc: Document, path: Path,
                  roots: Sequence[Path], found: list[Problem], cells: list[CellText],
                  per_edition: Collection[str | int] = ()
                  ) -> tuple[tuple[str, FigureData], ...]:
    """Each figure's data (CSV files read, images checked); problems go into *found*,
    drawn texts from CSV files into *cells*. Figures in *per_edition* highlight each
    edition's own category."""
    def report(loc: tuple[str | int, ...], message: str) -> None:
        found.append(located(doc, loc, message))

    data: list[tuple[str, FigureData]] = []
    for i, fig in figures:
        resolved = resolve_figure(fig, ("figures", i), path.parent, [path.parent, *roots],
                                  report, cells, i in per_edition)
        if resolved is not None:
            data.append((fig.id, resolved))
    return tuple(data)


def _valid_figures(raw: dict[str, object]) -> list[tuple[int, FigureBase]]:
    """The figures that are valid on their own, so that their CSV problems are reported
    together with the spec's other problems rather than after they are fixed."""
    items = raw.get("figures")
    out: list[tuple[int, FigureBase]] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            out.append((i, _FIGURE.validate_python(item)))
        except ValidationError:
            continue
    return out


_FIGURE: TypeAdapter[FigureBase] = TypeAdapter(Figure)


def _ordered(problems: list[Problem], spec: str) -> list[Problem]:
    """Problems in other files (the brand's placeholders) first, then the spec's own, each
    by line and column."""
    return sorted(problems, key=lambda p: (p.file == spec, p.line or 0, p.column or 0))

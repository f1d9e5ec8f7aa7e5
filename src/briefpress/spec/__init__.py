"""Spec stage: a YAML file in, a validated, frozen :class:`Briefing` out.

This is the only place YAML is read. Everything that can be wrong with a spec is
found here and raised together as one :class:`SpecError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from briefpress.errors import Problem, Severity, SpecError
from briefpress.spec.crosscheck import crosscheck
from briefpress.spec.data import CellText, FigureData, resolve_figure
from briefpress.spec.diagnose import locate, located, problems_from
from briefpress.spec.figures import Figure, FigureBase
from briefpress.spec.model import Briefing
from briefpress.spec.slips import find_slips
from briefpress.spec.yamlload import Document, load_file

__all__ = ["Briefing", "LoadedSpec", "SpecCheck", "load_briefing"]


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

    def data_for(self, figure_id: str) -> FigureData | None:
        """The typed data (table or image) of a figure, resolved when the spec was read."""
        return next((d for fid, d in self.data if fid == figure_id), None)

    def problem(self, loc: tuple[str | int, ...], message: str,
                severity: Severity = "error", char: str | None = None) -> Problem:
        """A problem at the value a model location came from; with *char*, at the line and
        column where that character was typed in it (see ``Document.char_mark``)."""
        found = located(self._doc, loc, message, severity)
        if char is not None:
            path, is_key = locate(self._doc, loc)
            mark = self._doc.char_mark(path, char, key=is_key)
            if mark is not None:
                found = replace(found, line=mark.line, column=mark.column)
        return found


SpecCheck = Callable[[LoadedSpec], list[Problem]]
"""A check of a valid spec against something outside it (the brand font, say)."""


def load_briefing(path: Path, display: str, roots: Sequence[Path] = (),
                  checks: Sequence[SpecCheck] = ()) -> LoadedSpec:
    """Read and validate one spec file; raise SpecError listing every problem.

    *roots* are the folders files named in the spec may come from (the spec's own
    folder is always one). *checks* run once the spec is valid; their problems
    (errors or warnings) are reported with the spec's own, all in one go.
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
        _resolve_data(_valid_figures(doc.data), doc, path, roots, invalid, cells)
        raise SpecError(_ordered(invalid, display)) from None
    found = doc.problems + crosscheck(briefing, doc) + list(slips.problems)
    data = _resolve_data(list(enumerate(briefing.figures)), doc, path, roots, found, cells)
    loaded = LoadedSpec(briefing, (), doc, data, tuple(cells))
    for check in checks:
        found += check(loaded)
    found = _ordered(found, display)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise SpecError(errors)
    return replace(loaded, warnings=tuple(found))


def _resolve_data(figures: list[tuple[int, FigureBase]], doc: Document, path: Path,
                  roots: Sequence[Path], found: list[Problem], cells: list[CellText]
                  ) -> tuple[tuple[str, FigureData], ...]:
    """Each figure's data (CSV files read, images checked); problems go into *found*,
    drawn texts from CSV files into *cells*."""
    def report(loc: tuple[str | int, ...], message: str) -> None:
        found.append(located(doc, loc, message))

    data: list[tuple[str, FigureData]] = []
    for i, fig in figures:
        resolved = resolve_figure(fig, ("figures", i), path.parent, [path.parent, *roots],
                                  report, cells)
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

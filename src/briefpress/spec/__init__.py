"""Spec stage: a YAML file in, a validated, frozen :class:`Briefing` out.

This is the only place YAML is read. Everything that can be wrong with a spec is
found here and raised together as one :class:`SpecError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from briefpress.errors import Problem, SpecError
from briefpress.spec.crosscheck import crosscheck
from briefpress.spec.diagnose import problems_from
from briefpress.spec.model import Briefing
from briefpress.spec.yamlload import load_file

__all__ = ["Briefing", "LoadedSpec", "load_briefing"]


@dataclass(frozen=True)
class LoadedSpec:
    """A valid briefing and the warnings found while reading it."""

    briefing: Briefing
    warnings: tuple[Problem, ...]


def load_briefing(path: Path, display: str) -> LoadedSpec:
    """Read and validate one spec file; raise SpecError listing every problem."""
    doc = load_file(path, display)
    if doc.data is None:
        raise SpecError([Problem(display, 1, 1, "", "the file is empty; a spec starts with "
                                 "'title:' (run 'briefpress new NAME' for a starter)")])
    if not isinstance(doc.data, dict):
        raise SpecError([Problem(display, 1, 1, "", "the top level must be a mapping of keys "
                                 "(title:, date:, summary:, ...), not a list or text")])
    try:
        briefing = Briefing.model_validate(doc.data)
    except ValidationError as exc:
        raise SpecError(sorted(problems_from(exc, doc, Briefing), key=_order)) from None
    found = sorted(crosscheck(briefing, doc), key=_order)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise SpecError(errors)
    return LoadedSpec(briefing, tuple(found))


def _order(p: Problem) -> tuple[int, int]:
    return (p.line or 0, p.column or 0)

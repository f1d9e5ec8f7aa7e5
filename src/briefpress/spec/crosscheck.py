"""Checks that span the whole spec: figure ids placed, cited and unique.

Field-level validation cannot see these; they run after it, on the frozen
model, and report every problem with the position of the value at fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from briefpress.errors import Problem
from briefpress.spec.blocks import FigureBlock
from briefpress.spec.diagnose import did_you_mean, display_path, locate
from briefpress.spec.inline import RichText
from briefpress.spec.model import Briefing
from briefpress.spec.yamlload import Document

Loc = tuple[str | int, ...]


def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value in a validated model with its location, models and tuples opened."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from walk(item, (*loc, i))


def _problem(doc: Document, loc: Loc, message: str, severity: str = "error") -> Problem:
    path, _ = locate(doc, loc)
    mark = doc.mark(path)
    return Problem(
        doc.file, mark.line if mark else None, mark.column if mark else None,
        display_path(path), message, "warning" if severity == "warning" else "error",
    )


def crosscheck(briefing: Briefing, doc: Document) -> list[Problem]:
    """All whole-document problems, errors and warnings, in document order."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    for i, fig in enumerate(briefing.figures):
        if fig.id in ids:
            problems.append(_problem(
                doc, ("figures", i, "id"),
                f"figure id '{fig.id}' is used twice (also figures[{ids[fig.id]}])"))
        ids.setdefault(fig.id, i)
    placed: dict[str, Loc] = {}
    for loc, value in walk(briefing):
        if isinstance(value, FigureBlock):
            ref = value.figure
            if ref not in ids:
                problems.append(_unknown(doc, (*loc, "figure"), ref, ids))
            elif ref in placed:
                problems.append(_problem(doc, (*loc, "figure"),
                                         f"figure '{ref}' is placed twice; place each figure once"))
            placed.setdefault(ref, loc)
        elif isinstance(value, RichText):
            for ref in value.citations:
                if ref not in ids:
                    problems.append(_unknown(doc, loc, ref, ids, cite=True))
            for n in value.notes:
                if n > len(briefing.sources):
                    listed = f"only {len(briefing.sources)}" if briefing.sources else "no"
                    problems.append(_problem(doc, loc, f"cites source note [{n}], but sources: "
                                             f"lists {listed} notes"))
    for i, finding in enumerate(briefing.findings):
        if finding.figure is not None and finding.figure not in ids:
            problems.append(_unknown(doc, ("findings", i, "figure"), finding.figure, ids))
    for i, fig in enumerate(briefing.figures):
        if fig.id not in placed:
            problems.append(_problem(
                doc, ("figures", i, "id"),
                f"figure '{fig.id}' is never placed; add '- figure: {fig.id}' to a section",
            ))
        if fig.alt is None:
            problems.append(_problem(
                doc, ("figures", i), f"figure '{fig.id}' has no 'alt' text; a description was "
                "drafted from its data: check it reads well, or write your own", "warning",
            ))
    return problems


def _unknown(doc: Document, loc: Loc, ref: str, ids: dict[str, int], cite: bool = False) -> Problem:
    what = "cites" if cite else "refers to"
    known = ", ".join(ids) or "none declared"
    return _problem(doc, loc, f"{what} unknown figure '{ref}'{did_you_mean(ref, ids)} "
                    f"(figures: {known})")

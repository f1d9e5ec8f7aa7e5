"""Checks that span the whole spec: figure ids placed, cited and unique.

Field-level validation cannot see these; they run after it, on the frozen
model, and report every problem with the position of the value at fault.
"""

from __future__ import annotations

import re

from briefpress.errors import Problem
from briefpress.source.diagnose import did_you_mean
from briefpress.source.yamlload import Document
from briefpress.spec.blocks import FigureBlock, Table
from briefpress.spec.diagnose import located
from briefpress.spec.inline import RichText
from briefpress.spec.model import Briefing, Loc, walk


def crosscheck(briefing: Briefing, doc: Document) -> list[Problem]:
    """All whole-document problems, errors and warnings, in document order."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    for i, fig in enumerate(briefing.figures):
        if fig.id in ids:
            problems.append(located(
                doc, ("figures", i, "id"),
                f"figure id '{fig.id}' is used twice (also figures[{ids[fig.id]}])"))
        ids.setdefault(fig.id, i)
    placed: dict[str, Loc] = {}
    for loc, value in walk(briefing):
        if isinstance(value, Table):
            problems += _text_columns(doc, loc, value)
        if isinstance(value, FigureBlock):
            ref = value.figure
            if ref not in ids:
                problems.append(_unknown(doc, (*loc, "figure"), ref, ids))
            elif ref in placed:
                problems.append(located(doc, (*loc, "figure"),
                                         f"figure '{ref}' is placed twice; place each figure once"))
            placed.setdefault(ref, loc)
        elif isinstance(value, RichText):
            for ref in value.citations:
                if ref not in ids:
                    problems.append(_unknown(doc, loc, ref, ids, cite=True))
            for n in value.notes:
                if n > len(briefing.sources):
                    listed = f"only {len(briefing.sources)}" if briefing.sources else "no"
                    problems.append(located(doc, loc, f"cites source note [{n}], but sources: "
                                             f"lists {listed} notes"))
    for i, finding in enumerate(briefing.findings):
        if finding.figure is not None and finding.figure not in ids:
            problems.append(_unknown(doc, ("findings", i, "figure"), finding.figure, ids))
    for i, fig in enumerate(briefing.figures):
        if fig.id not in placed:
            problems.append(located(
                doc, ("figures", i, "id"),
                f"figure '{fig.id}' is never placed; add '- figure: {fig.id}' to a section",
            ))
        if fig.alt is None:
            drafted = ("drafted from its data: check it reads well, or write your own"
                       if briefing.language == "en-GB" else "drafted from its data in English: "
                       "write one in the paper's language")
            problems.append(located(
                doc, ("figures", i), f"figure '{fig.id}' has no 'alt' text; a description was "
                f"{drafted}", "warning",
            ))
    unreachable = _unreachable(briefing, doc)
    return problems + ([unreachable] if unreachable is not None else [])


def _unreachable(briefing: Briefing, doc: Document) -> Problem | None:
    """A paper for the press with no way to reach anyone: a warning, since a journalist
    with a question, or an MP's office, has no one to call."""
    if any(c.email or c.phone or c.web for c in briefing.contacts):
        return None
    if not briefing.contacts:
        return located(doc, ("contacts",), "no contacts: journalists and MPs' staff need "
                       "someone to ask; add 'contacts:' with a name and an email address, "
                       "phone number or web address", "warning")
    return located(doc, ("contacts",), "no contact has an email address, phone number or web "
                   "address; add 'email:', 'phone:' or 'web:' to at least one, so journalists "
                   "can reach someone", "warning")


def _unknown(doc: Document, loc: Loc, ref: str, ids: dict[str, int], cite: bool = False) -> Problem:
    what = "cites" if cite else "refers to"
    known = ", ".join(ids) or "none declared"
    return located(doc, loc, f"{what} unknown figure '{ref}'{did_you_mean(ref, ids)} "
                    f"(figures: {known})")


PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
SEPARATED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")


def _text_columns(doc: Document, loc: Loc, table: Table) -> list[Problem]:
    """A warning for each 'auto' column that one number written with separators ('1,346')
    turns into text, left-aligned and printed as typed, naming the first such cell."""
    problems = []
    for c, column in enumerate(table.columns):
        if column.kind != "auto":
            continue
        cells = [(r, cell.strip()) for r, row in enumerate(table.rows)
                 if (cell := row[c]) is not None]
        separated = [(r, cell) for r, cell in cells if SEPARATED.fullmatch(cell)]
        if separated and all(PLAIN_NUMBER.fullmatch(cell) or SEPARATED.fullmatch(cell)
                             for _, cell in cells):
            r, cell = separated[0]
            problems.append(located(doc, (*loc, "rows", r, c), (
                f"'{cell}' makes column '{column.heading}' text, printed as typed and "
                f"left-aligned; write {cell.replace(',', '')} (separators are added when "
                "printed) to keep it a number column, or give the column 'kind: text'"),
                "warning"))
    return problems

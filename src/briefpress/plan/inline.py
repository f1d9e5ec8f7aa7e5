"""Spec text (parsed runs) to plan text, with every cross-reference resolved.

``@fig:id`` becomes "Figure 3" leading to the figure; ``[^2]`` becomes "[2]"
leading to source note 2; a web link keeps its address. Each link gets a
description in words, which a screen reader announces and PDF/UA requires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from briefpress.plan.nodes import Inline, Link, Span
from briefpress.plan.words import Words
from briefpress.spec.inline import NOTE_PREFIX, RichText, Run


def figure_anchor(figure_id: str) -> str:
    """The named destination of a figure."""
    return f"figure-{figure_id}"


def note_anchor(number: int) -> str:
    """The named destination of source note *number*."""
    return f"source-{number}"


@dataclass(frozen=True)
class Refs:
    """What citations resolve to: figure numbers and titles, source notes' text."""

    figures: Mapping[str, tuple[int, str]]
    notes: tuple[str, ...]
    words: Words

    def figure_link(self, figure_id: str) -> tuple[str, Link]:
        """The citation ("Figure 3", kept on one line by no-break spaces) and its link."""
        number, title = self.figures[figure_id]
        label = self.words.figure.format(number=number).replace(" ", "\u00a0")
        return label, Link(self.words.figure_caption.format(number=number, title=title),
                           target=figure_anchor(figure_id))


def _span(run: Run, refs: Refs) -> Span:
    if run.figure is not None:
        label, link = refs.figure_link(run.figure)
        return Span(label, run.bold, run.italic, link)
    found: Link | None = None
    if run.href is not None and run.href.startswith(NOTE_PREFIX):
        number = int(run.href.removeprefix(NOTE_PREFIX))
        note = refs.notes[number - 1] if number <= len(refs.notes) else ""
        words = refs.words.source_note.format(number=number)
        found = Link(f"{words}: {note}" if note else words, target=note_anchor(number))
    elif run.href is not None:
        found = Link(f"{run.text} ({run.href})", uri=run.href)
    return Span(run.text, run.bold, run.italic, found)


def inline(text: RichText, refs: Refs) -> Inline:
    """The runs of *text* as plan spans, adjacent plain runs merged."""
    return tuple(_span(r, refs) for r in text.runs if r.text or r.figure is not None)


def plain_text(value: str) -> Inline:
    """Text printed exactly as typed, with no formatting."""
    return (Span(value),)

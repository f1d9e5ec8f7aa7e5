"""How long a briefing's body is: its words, and the minutes a reader needs for them.

The body is what a reader reads through: the summary, key findings, the sections'
headings, paragraphs, lists, quotes and case studies, and the recommendations. The
title block, figures and tables (numbers, not prose), sources, notes to editors and
contact details are not counted. A word is a run of characters between spaces that
holds at least one letter or digit ("1,000" and "Ynglŷn" are one word each; a lone
dash is none).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from briefpress.spec.blocks import (
    BulletsBlock,
    CaseStudyBlock,
    ParagraphBlock,
    QuestionsBlock,
    QuoteBlock,
)
from briefpress.spec.model import Briefing

WORDS_PER_MINUTE = 238
"""Silent reading of non-fiction by adults (Brysbaert, 2019, a review of 190 studies:
238 words a minute). An MP's office skims faster; a careful reader is slower."""


@dataclass(frozen=True)
class Length:
    """A body's length in words and in minutes of reading (at least one)."""

    words: int
    minutes: int


def body_texts(b: Briefing) -> Iterator[str]:
    """Every text of the body, in reading order."""
    yield from (p.plain for p in b.summary)
    yield from (f.text.plain for f in b.findings)
    for section in b.sections:
        yield section.heading
        for block in section.blocks:
            yield from _block_texts(block)
    yield from (r.text.plain for r in b.recommendations)


def _block_texts(block: object) -> Iterator[str]:
    if isinstance(block, ParagraphBlock):
        yield block.paragraph.plain
    elif isinstance(block, BulletsBlock):
        yield from (t.plain for t in block.bullets)
    elif isinstance(block, QuestionsBlock):
        yield from (t.plain for t in block.questions)
    elif isinstance(block, QuoteBlock):
        yield block.quote.text.plain
    elif isinstance(block, CaseStudyBlock):
        yield block.case_study.title
        yield from (p.plain for p in block.case_study.story)
        yield from (t.plain for t in block.case_study.helped)


def count_words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def body_length(b: Briefing) -> Length:
    """The body's words, and the whole minutes a reader needs (rounded up)."""
    words = sum(count_words(t) for t in body_texts(b))
    return Length(words, max(1, math.ceil(words / WORDS_PER_MINUTE)))

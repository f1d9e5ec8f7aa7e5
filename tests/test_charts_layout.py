"""The layout arithmetic charts rest on, by its properties: wrapping keeps every word in
order within the room, and the value scale is the largest that keeps every mark inside."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefpress.charts.fit import Reach, TooManyLines, WordTooWide, fit_scale, words_of, wrap


def width(text: str) -> float:
    """A stand-in measure: wide letters count double, so widths are not just lengths."""
    return float(sum(2 if ch in "MW" else 1 for ch in text))


texts = st.text(st.sampled_from("abMW  \n"), max_size=80)


@settings(max_examples=300, deadline=timedelta(seconds=1), database=None)
@given(texts, st.floats(2, 40))
def test_wrapped_lines_fit_and_keep_every_word_in_order(text: str, room: float) -> None:
    words = [w for line in words_of(text) for w in line]
    try:
        lines = wrap(text, room, width)
    except WordTooWide as exc:
        assert exc.word in words and width(exc.word) > room
        return
    assert all(width(line) <= room for line in lines if words)
    assert " ".join(lines).split() == words or (not words and lines == [text.strip()])
    if "\n" not in text:  # greedy: the next line's first word would not have fitted
        for first, second in itertools.pairwise(lines):
            assert width(first) + width(" ") + width(second.split(" ")[0]) > room


def test_line_breaks_are_kept_and_spaces_are_the_only_break_points() -> None:
    assert wrap("North\nSouth West", 100, width) == ["North", "South West"]
    assert wrap("Avon-and-Somerset police", 18, width) == ["Avon-and-Somerset", "police"]
    assert wrap("a\u00a0b c", 3, width) == ["a\u00a0b", "c"]  # a no-break space holds


def test_too_many_lines_stops_early_whatever_the_length() -> None:
    start = time.perf_counter()
    with pytest.raises(TooManyLines):
        wrap("word " * 500_000, 10, width, max_lines=50)
    assert time.perf_counter() - start < 0.5


reaches = st.lists(st.builds(Reach, st.floats(-1e6, 1e6), st.floats(0, 50), st.floats(0, 50)),
                   min_size=1, max_size=30)


@settings(max_examples=300, deadline=timedelta(seconds=1), database=None)
@given(reaches, st.floats(1, 1000))
def test_the_scale_keeps_every_mark_inside_and_is_the_largest_that_does(
        marks: list[Reach], span: float) -> None:
    try:
        scale = fit_scale(marks, span)
    except ValueError:
        assert max(r.behind for r in marks) + max(r.ahead for r in marks) > span
        return
    tolerance = 1e-6 * (1 + span)
    for r in marks:
        assert scale.at(r.value) - r.behind >= -tolerance
        assert scale.at(r.value) + r.ahead <= span + tolerance
    values = [r.value for r in marks]
    if max(values) > min(values):  # 1% larger and some mark would be outside
        bigger = scale.per_unit * 1.01
        low = max(r.behind - bigger * r.value for r in marks)
        high = min(span - r.ahead - bigger * r.value for r in marks)
        assert low > high


def test_values_too_far_apart_for_floats_are_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        fit_scale([Reach(-1.7e308), Reach(1.7e308)], 100)
    with pytest.raises(ValueError, match="too large"):
        fit_scale([Reach(float("inf"))], 100)

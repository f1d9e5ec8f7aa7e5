"""Layout that holds at any length: splits, budgets, landing links, and a check that bites.

Each test reads the finished PDF back with pypdf and pdfium (tests/pdfread.py), never
with briefpress's own after-layout check, so a broken check cannot hide a broken page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.brand import load_brand
from briefpress.brand.words import Words
from briefpress.spec import load_briefing
from conftest import REPO, SPECS, write_spec
from pdfread import (
    MM,
    frame_text,
    internal_links,
    outline,
    page_objects,
    squash,
    text_near,
)

Cli = Callable[..., tuple[int, str, str]]
NAMES = [s.stem for s in SPECS]


def _furniture(name: str) -> Words:
    """The furniture words of an example briefing's language."""
    spec = load_briefing(REPO / "briefings" / f"{name}.yaml", name).briefing
    return load_brand(REPO / "assets").words_for(spec.language)

FRAME_TOP = 297 * MM - 22 * MM
FRAME_HEIGHT = (297 - 44) * MM

PARA = ("The stalking offences that came into force in England and Wales are being used, but the "
        "answers also show large differences between police areas, both in how many people are "
        "prosecuted and in how many officers have been trained to recognise stalking and to act "
        "on it quickly and with care for the victims who report it to them.")
BASE = """\
title: Layout under strain
date: 2014-11-21
authors: [Digital-Trust]
"""


def _words(n: int) -> str:
    words = (PARA + " ") * (n // 50 + 1)
    return " ".join(words.split()[:n])


def _build(project: Path, cli: Cli, name: str, text: str) -> tuple[int, str, Path]:
    spec = write_spec(project, name, text)
    code, _, err = cli("--project", str(project), "build", str(spec))
    return code, err, project / "output" / f"{name}.pdf"


CASES = {
    "seven-summary-paragraphs": BASE + "summary:\n" + "".join(
        f"  - {PARA}\n" for _ in range(7)) + "findings: [One finding.]\n",
    "long-case-study": BASE + "summary: A summary.\nfindings: [One finding.]\nsections:\n"
    "  - heading: A case study\n    blocks:\n      - case_study:\n"
    "          title: 'Case study 1: a long story'\n"
    f"          story: {_words(450)}\n"
    "          helped: [A risk assessment, Training for the officer]\n",
    "summary-crossing-page-one": BASE + "key_numbers:\n"
    "  - {number: '1,046', label: prosecutions in Scotland}\n"
    f"summary:\n  - {_words(120)}\n  - {_words(330)}\n"
    "findings: [One finding., Another finding.]\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_ordinary_long_writing_lays_out_promptly_in_a_fitting_number_of_pages(
        project: Path, cli: Cli, name: str) -> None:
    """The cases that once hung or printed a page of fragments per line. Time is bounded
    generously here (no hang); bench/bench.py measures the real speed."""
    started = time.perf_counter()
    code, err, pdf = _build(project, cli, name, CASES[name])
    assert code == 0, err
    assert time.perf_counter() - started < 30
    words = len(CASES[name].split())
    pages = len(frame_text(pdf))
    assert pages <= 1 + words // 300, (pages, words)
    body = squash("".join(frame_text(pdf)))
    assert squash(PARA.split(",")[0]) in body


def _fill(objs: list, last: bool) -> float:
    """How far down the text area a page's content reaches (0 empty, 1 full)."""
    content = [o for o in objs if not o.artifact]
    if not content:
        return 0.0
    lowest = min(o.box[1] for o in content)
    return (FRAME_TOP - lowest) / FRAME_HEIGHT


@pytest.mark.parametrize("name", NAMES)
def test_no_page_but_the_last_is_mostly_empty(briefings_built: dict[str, Path],
                                              name: str) -> None:
    pages = page_objects(briefings_built[name])
    for number, objs in enumerate(pages[:-1], start=1):
        assert _fill(objs, False) >= 0.5, f"page {number} of {name} is mostly empty"
    last = [o for o in pages[-1] if not o.artifact and o.text.strip()]
    assert len({round(o.box[1]) for o in last}) >= 3, "the last page holds a stray line"


def test_scotland_compared_has_no_empty_page_and_no_single_line_widow(
        briefings_built: dict[str, Path]) -> None:
    pages = page_objects(briefings_built["scotland-compared"])
    for objs in pages[:-1]:
        assert _fill(objs, False) >= 0.8
    for objs in pages[1:]:
        body = sorted((o for o in objs if not o.artifact and o.text.strip()),
                      key=lambda o: -o.box[3])
        first_role = body[0].role
        same = [o for o in body if o.role == first_role and abs(o.box[0] - body[0].box[0]) < 30]
        assert len(same) >= 2 or first_role.startswith("H"), "a page starts with one line"


def _decorations_have_text(objs: list) -> list[tuple[float, ...]]:
    """Artifacts in the text area (box fills, rules) with no content beside them."""
    frame = (20 * MM, 22 * MM, 190 * MM, FRAME_TOP)
    texts = [o.box for o in objs if not o.artifact and o.text.strip()]
    lonely = []
    for o in objs:
        x0, y0, x1, y1 = o.box
        if not o.artifact or o.kind != "path" or y0 < frame[1] - 1 or y1 > frame[3] + 1:
            continue
        near = any(t[1] < y1 + 14 and t[3] > y0 - 14 and t[0] < x1 + 30 and t[2] > x0 - 30
                   for t in texts)
        if not near:
            lonely.append(o.box)
    return lonely


@pytest.mark.parametrize("name", NAMES)
def test_no_box_or_rule_without_its_text(briefings_built: dict[str, Path], name: str) -> None:
    for number, objs in enumerate(page_objects(briefings_built[name]), start=1):
        assert _decorations_have_text(objs) == [], f"page {number}"


def test_a_quote_pushed_to_the_next_page_takes_its_rule(project: Path, cli: Cli) -> None:
    """Text fills page 1 to just above its foot; the quote moves whole, rule and all."""
    filler = "\n".join(f"      - {PARA}" for _ in range(9))
    spec = (BASE + "summary: A summary.\nfindings: [A finding.]\nsections:\n  - heading: One\n"
            f"    blocks:\n{filler}\n      - quote:\n          text: {_words(60)}\n"
            "          by: Someone\n")
    code, err, pdf = _build(project, cli, "quote", spec)
    assert code == 0, err
    for number, objs in enumerate(page_objects(pdf), start=1):
        assert _decorations_have_text(objs) == [], f"page {number}"


def _heading_words(title: str) -> str:
    return squash(re.sub(r"^\d+\.\s*", "", title))


@pytest.mark.parametrize("name", NAMES)
def test_every_bookmark_lands_on_its_heading(briefings_built: dict[str, Path],
                                             name: str) -> None:
    pdf = briefings_built[name]
    marks = outline(pdf)
    assert marks, "no bookmarks"
    for title, page, top in marks:
        found = squash(text_near(pdf, page, top, 40))
        assert _heading_words(title)[:30] in found, (title, page + 1, found[:80])


@pytest.mark.parametrize("name", NAMES)
def test_every_internal_link_lands_on_its_target(briefings_built: dict[str, Path],
                                                 name: str) -> None:
    pdf = briefings_built[name]
    word = _furniture(name).figure.split("{")[0].strip()  # "Figure", or "Ffigur" in Welsh
    for page, text, dest_page, top in internal_links(pdf):
        target = squash(text_near(pdf, dest_page, top, 40))
        figure = re.search(rf"{word} (\d+)", text)
        note = re.search(r"\[(\d+)\]", text)
        if figure:
            assert f"{word}{figure.group(1)}:" in target, (name, page + 1, text, dest_page + 1)
        else:
            assert note, f"a link whose text is neither a figure nor a note: {text!r}"
            assert f"{note.group(1)}." in target[:6], (name, text, target[:40])


def test_figure_links_in_call_for_action_name_their_pages(
        briefings_built: dict[str, Path]) -> None:
    """A figure cited on page 1 (the findings) points past page 1 to where it is drawn."""
    links = internal_links(briefings_built["call-for-action"])
    assert len(links) >= 6
    assert {dest for _, _, dest, _ in links} - {0}, "every link lands on page 1"


def test_pages_say_page_x_of_y(briefings_built: dict[str, Path]) -> None:
    for name, label in (("call-for-action", "Page {} of {}"),
                        ("latest-statistics", "Page {} of {}"),
                        ("call-for-action-cy", "Tudalen {} o {}")):
        pages = page_objects(briefings_built[name])
        for number, objs in enumerate(pages, start=1):
            footer = "".join(o.text for o in objs if o.artifact)
            assert label.format(number, len(pages)) in footer, (name, number)


@pytest.mark.parametrize("case", ["title of one 20,000-character word", "10,000 findings"])
def test_the_largest_specs_build_in_bounded_time(project: Path, cli: Cli, case: str) -> None:
    """bench/limits.py times these (and the rest of the edge cases) precisely; here the
    bound is generous: a build at the limits finishes, it does not hang."""
    spec = {
        "title of one 20,000-character word":
            f"title: {'w' * 20_000}\n" + BASE.split("\n", 1)[1] + "summary: S.\nfindings: [F.]\n",
        "10,000 findings": BASE + "summary: S.\nfindings:\n"
            + "".join(f"  - Finding {i} says something short but true.\n" for i in range(10_000)),
    }[case]
    started = time.perf_counter()
    code, err, pdf = _build(project, cli, "edge", spec)
    assert pdf.is_file()
    assert code == 0, err[-500:]
    assert time.perf_counter() - started < 90

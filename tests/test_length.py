"""Length: a paper over its page limit is a located error naming what falls on the extra pages
(checked against where those blocks really are); ``check`` reports the body's length."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.spec.reading import WORDS_PER_MINUTE, count_words
from conftest import REACHABLE, page_texts, write_spec
from pdfread import squash

Cli = Callable[..., tuple[int, str, str]]

PARA = ("The stalking offences that came into force in England and Wales are being used, but "
        "the answers also show large differences between police areas, both in how many "
        "people are prosecuted and in how many officers have been trained to recognise "
        "stalking.")
NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]
SECTIONS = "sections:\n" + "".join(
    f"  - heading: Section {name}\n    blocks:\n"
    + "".join(f'      - "{name} paragraph {i}. {PARA}"\n' for i in range(1, 6))
    for name in NAMES)
LONG = REACHABLE.replace("title: A minimal briefing\n",
                         "title: A paper that runs long\nseries: Briefing paper\n") + SECTIONS
"""Six sections of five paragraphs: three pages of A4 (the last holds Echo's end, Foxtrot
and the contact block)."""


def _build(project: Path, cli: Cli, name: str, text: str, *extra: str
           ) -> tuple[int, str, list[str]]:
    spec = write_spec(project, name, text)
    code, out, err = cli("--project", str(project), "build", str(spec), *extra)
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err.splitlines()


@pytest.fixture
def unlimited(project: Path, cli: Cli) -> list[str]:
    """The long paper built with no limit: the text of each of its pages."""
    assert _build(project, cli, "unlimited", LONG)[0] == 0
    pages = page_texts(project / "output" / "unlimited.pdf")
    assert len(pages) == 3
    return pages


def test_a_paper_over_max_pages_names_what_falls_on_the_extra_page(
        project: Path, cli: Cli, unlimited: list[str]) -> None:
    text = LONG.replace("series: Briefing paper\n", "series: Briefing paper\nmax_pages: 2\n")
    code, out, lines = _build(project, cli, "long", text)
    spec = project / "briefings" / "long.yaml"
    assert (code, out) == (1, "")
    assert not (project / "output" / "long.pdf").exists()
    assert lines[0] == (
        f"{spec}:3:12: max_pages: the paper runs to 3 pages, 1 more than max_pages: 2 allows; "
        "what falls on page 3 is listed below: shorten it or move it to another paper, or "
        "raise max_pages")
    named = lines[1:]
    assert named, "nothing named on page 3"
    page3 = squash(unlimited[2])
    for line in named:
        found = re.fullmatch(rf"{re.escape(str(spec))}:(\d+):(\d+): ([\w\[\].]+): "
                             r"(falls on|continues onto) page 3, past page 2: (.*)", line)
        assert found, line
        what = found.group(5)
        start = re.fullmatch(r"the (?:block starting|section) '(.*?)\u2026?'", what)
        assert start, what
        assert squash(start.group(1).replace("\u2003", " ")) in page3, (line, unlimited[2][:200])
        if found.group(4) == "falls on":  # wholly on page 3: nowhere before it
            assert all(squash(start.group(1)) not in squash(p) for p in unlimited[:2]), line
    # Everything of Foxtrot is on page 3, named once as its section; Alpha to Delta are not.
    assert any("the section '6 Section Foxtrot'" in line for line in named)
    assert not any("Foxtrot paragraph" in line for line in named)
    assert not any(n in line for line in named for n in NAMES[:4])
    assert named[-1].startswith(f"{spec}:10:3: contacts: falls on page 3")
    source = spec.read_text(encoding="utf-8").splitlines()
    for line in named[:-1]:  # each block is named at its own line in the spec
        number = int(line.split(":")[1])
        assert re.search(r"Echo paragraph|Section Foxtrot", source[number - 1]), line


def test_a_paper_within_its_limit_builds(project: Path, cli: Cli) -> None:
    text = LONG.replace("series: Briefing paper\n", "series: Briefing paper\nmax_pages: 3\n")
    assert _build(project, cli, "fits", text)[0] == 0
    assert len(page_texts(project / "output" / "fits.pdf")) == 3


def test_large_print_is_not_held_to_the_limit(project: Path, cli: Cli) -> None:
    text = LONG.replace("series: Briefing paper\n", "series: Briefing paper\nmax_pages: 2\n")
    code, _, lines = _build(project, cli, "big", text, "--profile", "large-print",
                            "--profile", "screen")
    assert code == 1 and "max_pages: the paper runs to 3 pages" in lines[0]
    assert len(page_texts(project / "output" / "big-large-print.pdf")) > 3
    assert not (project / "output" / "big.pdf").exists()


def _brand_limit(project: Path, setting: str) -> int:
    """Add ``max-pages`` to the brand's defaults; returns its line in brand.yml."""
    brand = project / "assets" / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert "    large-print-size: 16pt\n" in text
    text = text.replace("    large-print-size: 16pt\n",
                        f"    large-print-size: 16pt\n    max-pages: {setting}\n")
    brand.write_text(text, encoding="utf-8")
    return text.splitlines().index(f"    max-pages: {setting}") + 1


def test_the_brand_sets_a_limit_for_a_series(project: Path, cli: Cli) -> None:
    line = _brand_limit(project, "{Briefing paper: 2, Report: 40}")
    code, _, lines = _build(project, cli, "series", LONG)
    spec = project / "briefings" / "series.yaml"
    assert code == 1
    assert lines[0] == (
        f"{spec}:2:9: series: the paper runs to 3 pages, 1 more than the brand's limit of 2 "
        f"pages for a 'Briefing paper' ({project / 'assets' / 'brand.yml'}:{line}:33: "
        "defaults.briefpress.max-pages) allows; what falls on page 3 is listed below: shorten "
        "it or move it to another paper, or give this spec its own max_pages")
    own = LONG.replace("series: Briefing paper\n", "series: Briefing paper\nmax_pages: 3\n")
    assert _build(project, cli, "own", own)[0] == 0  # the spec's own limit wins
    other = LONG.replace("series: Briefing paper\n", "series: Research note\n")
    assert _build(project, cli, "other", other)[0] == 0  # no limit for that series


def test_the_brand_sets_a_limit_for_every_paper(project: Path, cli: Cli) -> None:
    _brand_limit(project, "2")
    code, _, lines = _build(project, cli, "every", LONG)
    assert code == 1
    assert lines[0].startswith(f"{project / 'briefings' / 'every.yaml'}:1:1: the paper runs "
                               "to 3 pages, 1 more than the brand's limit of 2 pages (")


@pytest.mark.parametrize(("value", "message"), [
    ("0", "a page limit is from 1 to 500, got 0"),
    ("two", "expected a number of pages (a whole number such as 2), got 'two'"),
    ("2.5", "expected a number of pages (a whole number such as 2), got '2.5'"),
])
def test_a_bad_limit_is_a_located_error(project: Path, cli: Cli, value: str,
                                        message: str) -> None:
    spec = write_spec(project, "bad", REACHABLE + f"max_pages: {value}\n")
    assert cli("--project", str(project), "check", str(spec)) == (
        1, "", f"{spec}:9:12: max_pages: {message}\n")


def test_a_bad_brand_limit_is_a_located_error(project: Path, cli: Cli) -> None:
    line = _brand_limit(project, "{Briefing paper: lots}")
    spec = write_spec(project, "any", REACHABLE)
    code, _, err = cli("--project", str(project), "check", str(spec))
    assert (code, err) == (1, f"{project / 'assets' / 'brand.yml'}:{line}:33: "
                              "defaults.briefpress.max-pages[\"Briefing paper\"]: expected a "
                              "number of pages (a whole number such as 2), got 'lots'\n")


def test_check_reports_the_body_length_on_stdout(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "long", LONG)
    code, out, err = cli("--project", str(project), "check", "--strict", str(spec))
    body = 4 + 3 + sum(2 + 5 * count_words(f"X paragraph 1. {PARA}") for _ in NAMES)
    minutes = -(-body // WORDS_PER_MINUTE)
    assert (code, out, err) == (
        0, f"{spec}: {body:,} words in the body, about {minutes} minutes to read\n", "")
    assert (body, minutes) == (1369, 6)

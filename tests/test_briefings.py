"""All example briefings: each builds, warned only of what the project still lacks, and reads
back with its content as text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpress.brand import load_brand
from briefpress.spec import LoadedSpec, load_briefing
from briefpress.spec.blocks import CaseStudyBlock, KeyNumbersBlock, QuestionsBlock, QuoteBlock
from briefpress.spec.model import Briefing
from conftest import REPO, first_edition, fold, font_problems, has_editions, page_texts, pdf_text

SPECS = sorted((REPO / "briefings").glob("*.yaml"))
NAMES = [s.stem for s in SPECS]
"""Every briefing in briefings/, found rather than counted: a new spec is tested as it is added."""

# A handful of figures for some of the briefings, as they must print (separators and all).
# A briefing not listed here still gets every other test.
FIGURES = {
    "call-for-action": ["2,103", "6,026", "1,501", "39%", "20%", "Over 1,000"],
    "force-training": ["6,026", "2,103", "1,501", "186", "87", "29", "50", "10", "28", "12",
                       "40%", "Over 1,000", "25 November 2012"],
    "scotland-compared": ["362", "834", "1,046", "5.3 million", "54.6 million", "52,176",
                          "1,447", "300%"],
    "digital-abuse": ["173", "4.5 million", "1,346"],
    "latest-statistics": ["834", "601", "566", "144", "422", "38,434", "52,176", "48,897",
                          "1,447", "1,346", "207", "118", "48", "112"],
    "workplace": ["24 April 2014", "over 100", "4th"],
    "ten-questions": ["15 months", "25 November 2012"],
    "appg": ["35", "October 2013", "Baroness Linklater"],
}


@pytest.fixture
def built(briefings_run: tuple[Path, str]) -> tuple[Path, str]:
    """Every example, built by the CLI into one folder; the folder and stderr."""
    return briefings_run


def _briefing(name: str) -> Briefing:
    """The briefing as printed: for a spec with editions, as its first edition prints it."""
    loaded: LoadedSpec = load_briefing(REPO / "briefings" / f"{name}.yaml", name)
    if loaded.editions is not None:
        return loaded.edition(loaded.editions.editions[0]).briefing
    return loaded.briefing


def _pdf(out: Path, name: str) -> Path:
    """A briefing's PDF: for a spec with editions, its first edition's."""
    spec = REPO / "briefings" / f"{name}.yaml"
    return first_edition(out, spec) if has_editions(spec) else out / f"{name}.pdf"


def test_briefings_are_found_and_the_listed_figures_name_real_ones() -> None:
    assert SPECS, "no briefings found in briefings/"
    assert set(FIGURES) <= set(NAMES), "FIGURES names a briefing that is not in briefings/"


def test_every_spec_builds_warned_only_of_what_the_project_lacks(
        built: tuple[Path, str]) -> None:
    """The shipped brand's charity number is a placeholder (said once), and no briefing
    gives a contact's email or phone yet (said for each): nothing else."""
    out, err = built
    lines = err.splitlines()
    assert lines[0].endswith(": warning: meta.charity_number: 'TODO: the registered charity "
                             "number' is a placeholder, so it is left out of every page; "
                             "write the real value (or delete the line) before the paper "
                             "goes out")
    file, line_number, column, _ = lines[0].split(":", 3)
    assert (Path(file).resolve(), line_number, column) == (
        (REPO / "assets" / "brand.yml").resolve(), "9", "19")
    assert len(lines) == 1 + len(NAMES)
    for line, name in zip(lines[1:], NAMES, strict=True):
        assert Path(line.split(":")[0]).resolve() == (REPO / "briefings" / f"{name}.yaml")
        assert line.endswith(": warning: contacts: no contact has an email address, phone "
                             "number or web address; add 'email:', 'phone:' or 'web:' to at "
                             "least one, so journalists can reach someone")
    plain = [s.stem for s in SPECS if not has_editions(s)]
    assert sorted(p.stem for p in out.glob("*.pdf")) == sorted(plain)


@pytest.mark.parametrize("name", NAMES)
def test_no_placeholder_is_printed(built: tuple[Path, str], name: str) -> None:
    text = pdf_text(_pdf(built[0], name))
    assert "0000000" not in text and "TODO" not in text
    assert "Registered charity number" not in text


def test_every_spec_starts_with_the_schema_line() -> None:
    for spec in SPECS:
        first = spec.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/briefing.schema.json", spec


def _expected_texts(b: Briefing) -> list[str]:
    texts = [b.title, *(f.text.plain for f in b.findings)]
    texts += [r.text.plain for r in b.recommendations]
    for section in b.sections:
        texts.append(section.heading)
        for blk in section.blocks:
            if isinstance(blk, QuoteBlock):
                texts.append(blk.quote.text.plain)
            elif isinstance(blk, QuestionsBlock):
                texts += [q.plain for q in blk.questions]
            elif isinstance(blk, CaseStudyBlock):
                texts.append(blk.case_study.title)
            elif isinstance(blk, KeyNumbersBlock):
                texts += [k.number for k in blk.key_numbers]
    texts += [k.number for k in b.key_numbers or ()]
    return texts


@pytest.mark.parametrize("name", NAMES)
def test_content_reads_back_as_text(built: tuple[Path, str], name: str) -> None:
    text = pdf_text(_pdf(built[0], name))
    expected = _expected_texts(_briefing(name))
    assert len(expected) >= 5
    missing = [t for t in expected if fold(t) not in text]
    assert missing == []


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figures_print_exactly(built: tuple[Path, str], name: str) -> None:
    text = pdf_text(_pdf(built[0], name))
    missing = [f for f in FIGURES[name] if f not in text]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_first_page_tells_the_story(built: tuple[Path, str], name: str) -> None:
    b = _briefing(name)
    first = page_texts(_pdf(built[0], name))[0]
    assert fold(b.title) in first
    assert fold(b.summary[0].plain) in first
    assert fold(b.findings[0].text.plain) in first


def test_ten_questions_numbered_one_to_ten_in_order(built: tuple[Path, str]) -> None:
    b = _briefing("ten-questions")
    questions = [q.plain for s in b.sections for blk in s.blocks
                 if isinstance(blk, QuestionsBlock) for q in blk.questions]
    assert len(questions) == 10
    text = pdf_text(built[0] / "ten-questions.pdf")
    positions = []
    for n, q in enumerate(questions, start=1):
        pos = text.find(f"{n}. {fold(q)}")
        assert pos >= 0, f"question {n} not printed as '{n}. {q[:30]}'"
        positions.append(pos)
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", NAMES)
def test_no_embargo_or_draft_stamp_unless_asked(built: tuple[Path, str], name: str) -> None:
    pdf = _pdf(built[0], name)
    b = _briefing(name)
    words = load_brand(REPO / "assets").words_for(b.language)
    assert b.embargo is None
    for page in page_texts(pdf):
        assert words.embargo.split("{")[0].strip() not in page
        assert (re.search(rf"\b{words.draft}\b", page) is not None) == (b.status == "draft")
    meta = PdfReader(pdf).metadata
    assert meta is not None and "/Embargo" not in meta
    assert ("/Status" in meta) == (b.status == "draft")


@pytest.mark.parametrize("name", NAMES)
def test_only_embedded_brand_fonts(built: tuple[Path, str], name: str) -> None:
    reader = PdfReader(io.BytesIO((_pdf(built[0], name)).read_bytes()), strict=True)
    assert font_problems(reader) == []

"""A tagged, accessible, archival PDF: PDF/UA-1 and PDF/A-2a, and a tree that follows the spec.

Conformance is checked with page-validation (veraPDF's rules); the structure tree is
read back with pypdf (tests/pdfread.py) and compared with the spec itself, and poppler's
``pdfinfo -struct-text`` must print it, as a screen reader's view of the paper.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import page
import pytest

from briefpress.brand import load_brand
from briefpress.build import Project, check
from briefpress.charts.alt import draft_alt
from briefpress.spec.blocks import FigureBlock, TableBlock
from conftest import REPO, SPECS, write_spec
from pdfread import (
    Element,
    element_text,
    marked_text,
    page_objects,
    squash,
    structure,
)

Cli = Callable[..., tuple[int, str, str]]
NAMES = [s.stem for s in SPECS]


def _failures(pdf: Path, profile: str) -> list[str]:
    report = page.validate_pdf(str(pdf), profile=profile)
    return [] if report.is_compliant else sorted({f.rule_id for f in report.failures})


@pytest.mark.parametrize("name", NAMES)
def test_every_briefing_passes_pdf_ua1_and_pdf_a2a(briefings_built: dict[str, Path],
                                                    name: str) -> None:
    for profile in ("ua1", "pdfa-2a"):
        assert _failures(briefings_built[name], profile) == [], profile


def test_the_starter_passes_pdf_ua1_and_pdf_a2a(project: Path, cli: Cli) -> None:
    code, _, err = cli("--project", str(project), "new", "starter")
    assert code == 0, err
    code, _, err = cli("--project", str(project), "build",
                       str(project / "briefings" / "starter.yaml"))
    assert code == 0, err
    for profile in ("ua1", "pdfa-2a"):
        assert _failures(project / "output" / "starter.pdf", profile) == [], profile


def test_a_draft_with_an_embargo_passes_too(project: Path, cli: Cli) -> None:
    spec = (REPO / "briefings" / "call-for-action.yaml").read_text(encoding="utf-8")
    spec = spec.replace("date: 2014-11-21\n", "date: 2014-11-21\nstatus: draft\n"
                        "embargo: 2014-11-21 00:01\n")
    shutil.copytree(REPO / "briefings" / "data", project / "briefings" / "data")
    path = write_spec(project, "draft", spec)
    code, _, err = cli("--project", str(project), "build", str(path))
    assert code == 0, err
    for profile in ("ua1", "pdfa-2a"):
        assert _failures(project / "output" / "draft.pdf", profile) == [], profile


def _roles(tree: Element, wanted: set[str]) -> list[Element]:
    return [e for e in tree.walk() if e.role in wanted]


def test_the_tree_follows_the_spec(briefings_built: dict[str, Path]) -> None:
    """call-for-action: one H1 (the title), then the paper's parts as H2 in spec order;
    the findings and the recommendations as lists; the figures in the order placed,
    each with its alt text; tables with header cells that say what they head."""
    pdf = briefings_built["call-for-action"]
    spec = check(REPO / "briefings" / "call-for-action.yaml", Project(REPO)).briefing
    tree = structure(pdf)
    texts = marked_text(pdf)
    assert tree.role == "StructTreeRoot" and tree.children[0].role == "Document"
    headings = [(e.role, squash(element_text(e, texts)))
                for e in _roles(tree, {"H1", "H2", "H3"})]
    assert headings[0] == ("H1", squash(spec.title))
    h2 = [text for role, text in headings if role == "H2"]
    sections = [squash(f"{n}{s.heading}") for n, s in enumerate(spec.sections, start=1)]
    assert h2 == [squash(t) for t in ("Summary", "Key findings")] + sections + [
        squash(t) for t in ("Recommendations", "Sources and notes", "Notes to editors",
                            "Contact", "About Digital-Trust")]
    lists = _roles(tree, {"L"})
    findings = next(lst for lst in lists if len(lst.children) == len(spec.findings)
                    and squash(spec.findings[0].text.plain) in squash(element_text(lst, texts)))
    assert all(item.role == "LI" and [c.role for c in item.children] == ["Lbl", "LBody"]
               for item in findings.children)
    assert any(len(lst.children) == len(spec.recommendations)
               and squash(spec.recommendations[-1].text.plain) in squash(element_text(lst, texts))
               for lst in lists)
    placed = [blk.figure for s in spec.sections for blk in s.blocks
              if isinstance(blk, FigureBlock)]
    by_id = {f.id: f for f in spec.figures}
    project = Project(REPO)
    loaded = check(REPO / "briefings" / "call-for-action.yaml", project)
    alts = [draft_alt(by_id[fid], loaded.data_for(fid)) for fid in placed]
    figures = _roles(tree, {"Figure"})
    assert [f.alt for f in figures] == alts
    assert all(f.alt for f in figures)


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_has_alt_text_and_every_table_header_cells(
        briefings_built: dict[str, Path], name: str) -> None:
    tree = structure(briefings_built[name])
    spec = check(REPO / "briefings" / f"{name}.yaml", Project(REPO)).briefing
    figures = _roles(tree, {"Figure"})
    assert len(figures) == len(spec.figures)
    assert all(f.alt and f.alt.strip() for f in figures)
    tables = _roles(tree, {"Table"})
    blocks = [b for s in spec.sections for b in s.blocks if isinstance(b, TableBlock)]
    assert len(tables) == len(blocks)
    for table, block in zip(tables, blocks, strict=True):
        heads = _roles(table, {"TH"})
        assert len(heads) == len(block.table.columns)
        assert all(h.attributes.get("/Scope") == "/Column" for h in heads)
        rows = [r for r in _roles(table, {"TR"}) if not _roles(r, {"TH"})]
        assert len(rows) == len(block.table.rows)


@pytest.mark.parametrize("name", NAMES)
def test_alt_text_is_read_once_and_never_printed(briefings_built: dict[str, Path],
                                                 name: str) -> None:
    """A figure's description lives in /Alt only: the page text does not hold it."""
    pdf = briefings_built[name]
    printed = squash("".join(o.text for p in page_objects(pdf) for o in p))
    for figure in _roles(structure(pdf), {"Figure"}):
        assert figure.alt is not None
        assert squash(figure.alt) not in printed


@pytest.mark.parametrize("name", NAMES)
def test_running_header_and_footer_are_artifacts(briefings_built: dict[str, Path],
                                                 name: str) -> None:
    pdf = briefings_built[name]
    pages = page_objects(pdf)
    spec = check(REPO / "briefings" / f"{name}.yaml", Project(REPO)).briefing
    words = load_brand(REPO / "assets").words_for(spec.language)
    label = words.page.format(page=1, total=len(pages))
    footer = [o for o in pages[0] if o.artifact and label in o.text]
    assert footer, "no footer drawn as an artifact"
    tree_text = squash(element_text(structure(pdf), marked_text(pdf)))
    assert squash(label) not in tree_text
    if len(pages) > 1:
        header = [o for o in pages[1] if o.artifact and o.text.strip()]
        assert header and all(not o.role for o in header)


def test_pdfinfo_prints_the_tree_a_screen_reader_reads(
        briefings_built: dict[str, Path]) -> None:
    """poppler's own reading of the tree (poppler-utils is installed by .ci/run)."""
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo, "pdfinfo (poppler-utils) is not installed"
    result = subprocess.run([pdfinfo, "-struct-text", str(briefings_built["call-for-action"])],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for role in ("Document", "H1", "H2", "L", "LI", "Lbl", "LBody", "Figure", "Caption",
                 "BlockQuote", "Link", "Note"):
        assert f"{role} " in out or f"{role}\n" in out, role
    assert "Page 1 of" not in out and "Call for action on stalking prosecutions" in out
    # every wrapped paragraph reads with a space where its lines break, not words run on
    spec = check(REPO / "briefings" / "call-for-action.yaml", Project(REPO)).briefing
    read = " ".join(out.split())
    for text in (*spec.summary, *(f.text for f in spec.findings)):
        assert " ".join(text.plain.split()) in read, text.plain[:60]


def test_the_brand_font_is_the_only_font(briefings_built: dict[str, Path]) -> None:
    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "pdffonts (poppler-utils) is not installed"
    for pdf in briefings_built.values():
        result = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True,
                                timeout=60, check=True)
        rows = result.stdout.splitlines()[2:]
        assert rows and all("NotoSans" in r and " yes " in r for r in rows), result.stdout


def test_qpdf_finds_no_damage(briefings_built: dict[str, Path]) -> None:
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is not installed"
    for pdf in briefings_built.values():
        result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True,
                                timeout=60, check=False)
        assert result.returncode == 0, result.stdout + result.stderr

"""Property: every kind of text, grown through page and box boundaries, still lays out.

Generated specs grow a title, summary paragraphs, findings, a case study, a quote, a
table, a bullet list and recommendations from a few words to several pages, and put a
long unbroken word somewhere. Every word is a unique token (``x17y``), so the test can
say that each one is printed exactly once and read, through the structure tree, in
reading order. For every spec: the build finishes in bounded time, the page count
stays within a linear bound of the text, nothing is drawn outside the margins, no box
or rule is drawn without its text, every bookmark lands on its heading, and the PDF
still passes PDF/UA-1 and PDF/A-2a.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from page import validate_pdf

from briefpress.cli import main
from conftest import REPO, char_boxes, outside_margins
from pdfread import (
    element_text,
    frame_text,
    marked_text,
    outline,
    page_objects,
    squash,
    structure,
    text_near,
)
from test_layout import _decorations_have_text, _heading_words

SIZES = st.fixed_dictionaries({
    "title": st.integers(1, 40),
    "summary": st.lists(st.integers(1, 260), min_size=1, max_size=6),
    "findings": st.lists(st.integers(1, 90), min_size=1, max_size=14),
    "case": st.integers(0, 700),
    "quote": st.integers(0, 260),
    "rows": st.integers(0, 50),
    "columns": st.integers(2, 4),
    "cell": st.integers(1, 30),
    "bullets": st.lists(st.integers(1, 60), max_size=10),
    "recommendations": st.lists(st.integers(1, 160), min_size=1, max_size=6),
    "long_word": st.integers(0, 900),
})


@dataclass
class Writer:
    """Makes words that are unique tokens, remembering them in reading order."""

    tokens: list[str] = field(default_factory=list)

    def words(self, n: int) -> str:
        out = []
        for _ in range(n):
            self.tokens.append(f"x{len(self.tokens)}y")
            out.append(self.tokens[-1])
        return " ".join(out)

    def long(self, chars: int) -> str:
        token = f"x{len(self.tokens)}" + "w" * chars + "y"
        self.tokens.append(token)
        return token


def make_spec(sizes: dict[str, object]) -> tuple[str, list[str]]:
    w = Writer()
    lines = [f"title: {w.words(sizes['title'])}", "date: 2014-11-21", "authors: [Tester]",
             "summary:"]
    summary = list(sizes["summary"])  # type: ignore[call-overload]
    for i, n in enumerate(summary):
        text = w.words(n)
        if i == 0 and sizes["long_word"]:
            text += " " + w.long(int(sizes["long_word"]))  # type: ignore[call-overload]
        lines.append(f"  - {text}")
    lines.append("findings:")
    lines += [f"  - {w.words(n)}" for n in sizes["findings"]]  # type: ignore[attr-defined]
    lines += ["sections:", f"  - heading: {w.words(4)}", "    blocks:", f"      - {w.words(30)}"]
    if sizes["case"]:
        lines += ["      - case_study:", f"          title: {w.words(5)}",
                  f"          story: {w.words(sizes['case'])}",  # type: ignore[arg-type]
                  f"          helped: [{w.words(6)}]"]
    if sizes["quote"]:
        lines += ["      - quote:", f"          text: {w.words(sizes['quote'])}",  # type: ignore[arg-type]
                  f"          by: {w.words(2)}"]
    if sizes["rows"]:
        cols = int(sizes["columns"])  # type: ignore[call-overload]
        lines += ["      - table:", f"          title: {w.words(4)}",
                  "          columns: [" + ", ".join(w.words(1) for _ in range(cols)) + "]",
                  "          rows:"]
        for _ in range(int(sizes["rows"])):  # type: ignore[call-overload]
            cells = [w.words(int(sizes["cell"])) for _ in range(cols)]  # type: ignore[call-overload]
            lines.append("            - [" + ", ".join(cells) + "]")
    if sizes["bullets"]:
        lines.append("      - bullets:")
        lines += [f"          - {w.words(n)}" for n in sizes["bullets"]]  # type: ignore[attr-defined]
    lines.append(f"      - {w.words(20)}")
    lines.append("recommendations:")
    lines += [f"  - {w.words(n)}" for n in sizes["recommendations"]]  # type: ignore[attr-defined]
    return "\n".join(lines) + "\n", w.tokens


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grow")
    shutil.copytree(REPO / "assets", root / "assets")
    (root / "briefings").mkdir()
    return root


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(SIZES)
def test_any_length_lays_out(workspace: Path, sizes: dict[str, object]) -> None:
    text, tokens = make_spec(sizes)
    spec = workspace / "briefings" / "grown.yaml"
    spec.write_text(text, encoding="utf-8")
    out = workspace / "output"
    started = time.perf_counter()
    code = main(["--project", str(workspace), "build", str(spec), "--out", str(out)])
    elapsed = time.perf_counter() - started
    assert code == 0
    assert elapsed < 60, f"{elapsed:.1f} s"
    pdf = out / "grown.pdf"
    objects = page_objects(pdf)
    printed = squash("".join(o.text for page in objects for o in page if not o.artifact))
    read = squash(element_text(structure(pdf), marked_text(pdf)))  # as a screen reader reads
    pos = 0
    for token in tokens:
        assert printed.count(token) == 1, f"{token} printed {printed.count(token)} times"
        at = read.find(token, pos)
        assert at >= 0, f"{token} missing from the structure tree or out of reading order"
        pos = at + len(token)
    pages = len(frame_text(pdf))
    assert pages <= 3 + len(text) // 1200, (pages, len(text))
    assert outside_margins(char_boxes(pdf)) == []
    for number, objs in enumerate(objects, start=1):
        assert _decorations_have_text(objs) == [], f"page {number}"
    for title, page, top in outline(pdf):
        assert _heading_words(title)[:30] in squash(text_near(pdf, page, top, 40))
    for profile in ("ua1", "pdfa-2a"):  # still a tagged, archival PDF at any length
        report = validate_pdf(str(pdf), profile=profile)
        assert report.is_compliant, sorted({f.rule_id for f in report.failures})

"""``briefpress watch`` with real file changes: a running watch (a child process) is sent
saves, a syntax error, a CSV change, a brand change and Ctrl-C, and each time the test waits,
for a bounded time, for what it writes: the PDF (read back) and the PNG of every page
(compared with pdfium's own drawing of the PDF)."""

from __future__ import annotations

import io
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import REACHABLE, pdf_text, write_spec

WAIT_S = 30.0
"""The longest any step may take (a rebuild takes well under a second; CI machines vary)."""

SPEC = REACHABLE + """\
about: A test charity.
sections:
  - heading: Counts
    blocks:
      - figure: counts
figures:
  - id: counts
    kind: bar
    title: Counts by area
    csv: {file: data/counts.csv, category: Area, value: Count}
    source: A test
    alt: Counts by area.
"""


class Running:
    """A ``briefpress watch`` child process, its output read line by line as it comes."""

    def __init__(self, project: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefpress", "watch", *args], cwd=project,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        self.readers = [threading.Thread(target=self._read, args=(stream, into), daemon=True)
                        for stream, into in ((self.proc.stdout, self.out),
                                             (self.proc.stderr, self.err))]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream: io.TextIOBase, into: queue.Queue[str]) -> None:
        for line in stream:
            into.put(line.rstrip("\n"))

    def line(self, stream: str, pattern: str, timeout: float = WAIT_S) -> str:
        """The next line of *stream* matching *pattern*, waiting at most *timeout*."""
        lines = self.out if stream == "out" else self.err
        end = time.monotonic() + timeout
        seen = []
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                break
            seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no {stream} line matching {pattern!r} in {timeout} s: {seen}")

    def drain(self, stream: str) -> list[str]:
        lines = self.out if stream == "out" else self.err
        out = []
        while not lines.empty():
            out.append(lines.get())
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=WAIT_S)
        for reader in self.readers:
            reader.join(timeout=WAIT_S)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def watched(project: Path) -> Iterator[tuple[Running, Path]]:
    """A watch of briefings/w.yaml (with a CSV chart) and briefings/other.yaml, after its
    first build."""
    (project / "briefings" / "data").mkdir()
    (project / "briefings" / "data" / "counts.csv").write_text(
        "Area,Count\nCardiff,3\nSwansea,2\n", encoding="utf-8")
    write_spec(project, "w", SPEC)
    write_spec(project, "other", REACHABLE + "about: A test charity.\n")
    running = Running(project, "briefings/w.yaml", "briefings/other.yaml")
    try:
        running.line("out", r"^built output/w\.pdf \(1 pages; previews in "
                            r"output/w\.preview/, redrawn: 1\) in \d+\.\d\d s$", 120)
        running.line("out", r"^built output/other\.pdf ")
        running.line("out", r"^watching for changes; Ctrl-C to stop$")
        yield running, project
    finally:
        running.stop()


def _previews_match(pdf: Path) -> None:
    """Every page has a PNG beside the PDF, and it is the page as pdfium draws it at 100 dpi
    (and no PNG is left of a page the paper no longer has)."""
    folder = pdf.with_name(f"{pdf.stem}.preview")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        assert sorted(p.name for p in folder.iterdir()) == [f"page-{n}.png"
                                                           for n in range(1, len(doc) + 1)]
        for n in range(len(doc)):
            drawn = doc[n].render(scale=100 / 72).to_pil().convert("RGB")
            with Image.open(folder / f"page-{n + 1}.png") as png:
                assert png.format == "PNG" and png.size == drawn.size
                assert png.size[0] == 827  # A4 at 100 dpi
                assert png.convert("RGB").tobytes() == drawn.tobytes(), f"page {n + 1}"
    finally:
        doc.close()


def _save(path: Path, old: str, new: str) -> None:
    """Change a file in place, as an editor saves it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_rebuilds_the_pdf_and_its_previews(watched: tuple[Running, Path]) -> None:
    running, project = watched
    pdf, other = project / "output" / "w.pdf", project / "output" / "other.pdf"
    _previews_match(pdf)
    page1 = (project / "output" / "w.preview" / "page-1.png").read_bytes()
    other_built = other.stat().st_mtime_ns
    _save(project / "briefings" / "w.yaml", "The first finding.", "The first finding, edited.")
    running.line("out", r"^built output/w\.pdf \(1 pages; .*redrawn: 1\)")
    assert "The first finding, edited." in pdf_text(pdf)
    assert (project / "output" / "w.preview" / "page-1.png").read_bytes() != page1
    _previews_match(pdf)
    time.sleep(0.5)  # a round in progress would have built other.pdf by now
    assert other.stat().st_mtime_ns == other_built, "a spec the change did not touch was rebuilt"
    assert not [line for line in running.drain("out") if "other.pdf" in line]
    spec = project / "briefings" / "w.yaml"  # an editor that saves to a new file, renamed over
    temp = spec.with_name(".w.yaml.saving")
    temp.write_text(spec.read_text(encoding="utf-8").replace("edited", "saved anew"),
                    encoding="utf-8")
    os.replace(temp, spec)
    running.line("out", r"^built output/w\.pdf ")
    assert "The first finding, saved anew." in pdf_text(pdf)
    _previews_match(pdf)


def test_a_syntax_error_is_located_and_the_watch_goes_on(watched: tuple[Running, Path]) -> None:
    running, project = watched
    pdf = project / "output" / "w.pdf"
    before = pdf.read_bytes()
    spec = project / "briefings" / "w.yaml"
    _save(spec, "title: A minimal briefing", 'title: "A minimal briefing')
    running.line("err", r"^briefings/w\.yaml:\d+:\d+: YAML syntax: ")
    running.line("err", r"^briefings/w\.yaml: not rebuilt; the last good PDF stays")
    assert running.proc.poll() is None, "the watch stopped"
    assert pdf.read_bytes() == before
    _previews_match(pdf)
    _save(spec, 'title: "A minimal briefing', "title: A mended briefing")
    running.line("out", r"^built output/w\.pdf ")
    assert "A mended briefing" in pdf_text(pdf)


def test_a_csv_or_brand_change_rebuilds_what_it_touches(watched: tuple[Running, Path]) -> None:
    running, project = watched
    other = project / "output" / "other.pdf"
    other_built = other.stat().st_mtime_ns
    _save(project / "briefings" / "data" / "counts.csv", "Cardiff,3", "Cardiff,7654")
    running.line("out", r"^built output/w\.pdf ")
    assert "7,654" in pdf_text(project / "output" / "w.pdf")
    time.sleep(0.5)
    assert other.stat().st_mtime_ns == other_built
    _save(project / "assets" / "words" / "en-GB.yml", "summary: Summary", "summary: Overview")
    running.line("out", r"^built output/w\.pdf ")
    running.line("out", r"^built output/other\.pdf ")
    for name in ("w", "other"):
        text = pdf_text(project / "output" / f"{name}.pdf")
        assert "Overview" in text and "Summary" not in text


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                   (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_ends_it_cleanly(watched: tuple[Running, Path], sig: signal.Signals,
                                code: int, word: str) -> None:
    running, project = watched
    running.proc.send_signal(sig)
    assert running.proc.wait(timeout=WAIT_S) == code
    running.line("err", rf"^{word}; no file was left half-written$")
    left = [p for p in (project / "output").rglob("*") if "briefpress-tmp" in p.name]
    assert left == []
    _previews_match(project / "output" / "w.pdf")

"""Benchmark: from saving a spec to its PDF and page previews being updated, under watch.

Run from the project folder:  .venv/bin/python bench/watch.py [--runs 5] [--spec NAME]

Copies the project's briefings/ and assets/ to a temporary folder, starts
``briefpress watch briefings/<spec>.yaml`` there (default: call-for-action) and waits
for its first build. Then, N times, it changes the text of the first key finding as an
editor saves a file (the file rewritten in place), and measures the time from the save
(the file closed) to the moment the PDF and the PNG of page one both hold the change
and watch has said it is done. watchfiles' own wait for the folder to be quiet is in
that time. For comparison it also times a cold ``briefpress build`` of the same spec in
a fresh process (imports, fonts, the charts drawn afresh). Prints every time, the
median, and exits 1 if the median misses the target.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_S = 1.0
"""Saving a finding's text to seeing it in the PDF and the previews: within 1 s."""
FIRST = "More than 1,000 individuals"
"""The start of the first finding of call-for-action.yaml, which each run rewrites."""


def _lines(stream: io.TextIOBase, into: queue.Queue[tuple[float, str]]) -> None:
    for line in stream:
        into.put((time.perf_counter(), line.rstrip("\n")))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _wait_built(lines: queue.Queue[tuple[float, str]], pdf: str, timeout: float) -> float:
    """When watch said it had built *pdf* (its stdout line's arrival)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            when, line = lines.get(timeout=max(end - time.perf_counter(), 0.01))
        except queue.Empty:
            break
        if line.startswith(f"built {pdf} "):
            return when
    sys.exit(f"watch did not rebuild {pdf} within {timeout} s")


def _holds(pdf: Path, text: str) -> bool:
    from pypdf import PdfReader

    return text in " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0]
                            .extract_text().split())


def run(project: Path, spec_name: str, runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for folder in ("briefings", "assets"):
            shutil.copytree(project / folder, copy / folder)
        spec = copy / "briefings" / f"{spec_name}.yaml"
        pdf_shown = f"output/{spec_name}.pdf"
        pdf = copy / pdf_shown
        png = copy / "output" / f"{spec_name}.preview" / "page-1.png"

        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "briefpress", "build", str(spec)], cwd=copy,
                       capture_output=True, check=True)
        cold = time.perf_counter() - start
        shutil.rmtree(copy / ".cache", ignore_errors=True)

        child = subprocess.Popen([sys.executable, "-m", "briefpress", "watch", str(spec)],
                                 cwd=copy, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: queue.Queue[tuple[float, str]] = queue.Queue()
        assert child.stdout is not None
        threading.Thread(target=_lines, args=(child.stdout, lines), daemon=True).start()
        try:
            _wait_built(lines, pdf_shown, 120)
            time.sleep(0.5)  # let the first round's "watching" line pass
            times = []
            for n in range(1, runs + 1):
                text = spec.read_text(encoding="utf-8")
                assert FIRST in text, f"{spec_name}.yaml has no finding starting '{FIRST}'"
                new = f"More than 1,000 people (edit {n})"
                before = (_digest(pdf), _digest(png))
                with open(spec, "w", encoding="utf-8") as handle:  # as an editor saves
                    handle.write(text.replace(FIRST, new, 1))
                saved = time.perf_counter()
                done = _wait_built(lines, pdf_shown, 30)
                assert _holds(pdf, new), f"the PDF does not hold '{new}'"
                assert (_digest(pdf), _digest(png)) != before, "PDF or preview not updated"
                times.append(done - saved)
                (spec).write_text(text, encoding="utf-8")  # back as it was, then let it settle
                _wait_built(lines, pdf_shown, 30)
                time.sleep(0.3)
        finally:
            child.terminate()
            child.wait(timeout=30)
    median = statistics.median(times)
    print(f"{spec_name}: cold build in a fresh process {cold:.2f} s")
    print("save -> PDF and previews updated: " + ", ".join(f"{t:.3f}" for t in times) + " s")
    ok = median <= TARGET_S
    print(f"  median {median:.3f} s   target <= {TARGET_S:g} s   {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--spec", default="call-for-action")
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args()
    return run(args.project.resolve(), args.spec, args.runs)


if __name__ == "__main__":
    sys.exit(main())

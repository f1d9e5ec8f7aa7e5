"""Benchmark: the slowest specs the documented limits allow, built as a user would.

Run from the project folder:  .venv/bin/python bench/limits.py

Each case is a spec at the edge of a limit (one 20,000-character word as the title;
10,000 findings; as many findings as the 15,000-value limit allows; a spec of 49
paragraphs of 20,000 characters, nearly 1 MB of text). Each is built with
``briefpress build`` in a fresh child process and timed whole (start-up included),
with its peak memory. Prints each against the 20 s target, exiting 1 if one misses.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 20.0
ROOT = Path(__file__).resolve().parent.parent
HEAD = """date: 2024-03-01
authors: [Benchmark]
contacts:
  - {name: Press office, email: press@example.org}
"""


def cases() -> dict[str, str]:
    word = "w" * 20_000
    para = ("word " * 4_000).strip()[:19_990]
    return {
        "title of one 20,000-character word":
            f"title: {word}\n{HEAD}summary: A summary.\nfindings: [One finding.]\n",
        "10,000 findings": "title: Many findings\n" + HEAD + "summary: A summary.\nfindings:\n"
            + "".join(f"  - Finding {i} says something short but true.\n" for i in range(10_000)),
        "14,980 findings (the value limit)": "title: Most findings\n" + HEAD
            + "summary: A summary.\nfindings:\n"
            + "".join(f"  - F{i} is short.\n" for i in range(14_980)),
        "49 paragraphs of 20,000 characters": "title: Long text\n" + HEAD
            + "findings: [One.]\nsummary:\n" + "".join(f"  - {para}\n" for _ in range(49)),
    }


def main() -> int:
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "assets", project / "assets")
        (project / "briefings").mkdir()
        for name, text in cases().items():
            spec = project / "briefings" / "edge.yaml"
            spec.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            command = Path(sys.executable).parent / "briefpress"
            run = subprocess.run(["/usr/bin/time", "-f", "%M", str(command), "--project",
                                  str(project), "build", str(spec)], capture_output=True,
                                 text=True, check=False)
            took = time.perf_counter() - start
            peak_mb = int(run.stderr.strip().splitlines()[-1]) / 1024
            ok = run.returncode == 0 and took <= TARGET_S
            missed += not ok
            print(f"  {name:40} {took:6.2f} s  {peak_mb:6.0f} MB  exit {run.returncode}  "
                  f"{'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

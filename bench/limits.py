"""Benchmark: ordinary long writing, and the slowest specs the documented limits allow.

Run from the project folder:  .venv/bin/python bench/limits.py

The first cases are ordinary writing that once made the layout hang or print a page of
fragments (a summary of seven 60-word paragraphs; a 450-word case study; a summary
paragraph that crosses the foot of page 1): each must build in under 5 s. The rest are
specs at the edge of a limit (one 20,000-character word as the title; 10,000 findings;
as many findings as the 15,000-value limit allows; 49 paragraphs of 20,000 characters,
nearly 1 MB of text): each must build in under 20 s. Each is built with ``briefpress
build`` in a fresh child process and timed whole (start-up included), with its peak
memory; exits 1 if one misses its target.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORDINARY_S = 5.0
LIMIT_S = 20.0
ROOT = Path(__file__).resolve().parent.parent
HEAD = """date: 2024-03-01
authors: [Benchmark]
contacts:
  - {name: Press office, email: press@example.org}
"""


PARA = ("The stalking offences that came into force in England and Wales are being used, but "
        "the answers also show large differences between police areas, both in how many "
        "people are prosecuted and in how many officers have been trained to recognise "
        "stalking and to act on it quickly and with care for the victims who report it.")


def _words(n: int) -> str:
    return " ".join(((PARA + " ") * (n // 50 + 1)).split()[:n])


def ordinary() -> dict[str, str]:
    return {
        "summary of seven 60-word paragraphs": "title: Seven\n" + HEAD + "summary:\n"
            + "".join(f"  - {_words(60)}\n" for _ in range(7)) + "findings: [One.]\n",
        "a 450-word case study": "title: Case\n" + HEAD + "summary: S.\nfindings: [F.]\n"
            "sections:\n  - heading: A case\n    blocks:\n      - case_study:\n"
            f"          title: A long story\n          story: {_words(450)}\n",
        "summary paragraph across page 1": "title: Across\n" + HEAD + "key_numbers:\n"
            "  - {number: '1,046', label: prosecutions}\n"
            f"summary:\n  - {_words(120)}\n  - {_words(330)}\nfindings: [F.]\n",
    }


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
        every = [(n, t, ORDINARY_S) for n, t in ordinary().items()]
        every += [(n, t, LIMIT_S) for n, t in cases().items()]
        for name, text, target in every:
            spec = project / "briefings" / "edge.yaml"
            spec.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            command = Path(sys.executable).parent / "briefpress"
            run = subprocess.run(["/usr/bin/time", "-f", "%M", str(command), "--project",
                                  str(project), "build", str(spec)], capture_output=True,
                                 text=True, check=False)
            took = time.perf_counter() - start
            peak_mb = int(run.stderr.strip().splitlines()[-1]) / 1024
            ok = run.returncode == 0 and took <= target
            missed += not ok
            print(f"  {name:40} {took:6.2f} s (<= {target:g})  {peak_mb:5.0f} MB  "
                  f"exit {run.returncode}  {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

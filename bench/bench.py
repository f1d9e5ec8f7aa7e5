"""Benchmark: how long and how much memory building the briefings takes.

Run from the project folder:  .venv/bin/python bench/bench.py [--runs N]

Measures, each in a fresh child process so nothing is shared between runs:
  cold   ``briefpress build`` of every spec in briefings/ (imports, fonts, charts drawn
         afresh: each run builds a fresh copy of the project, so no chart cache);
  warm   the same specs built again inside one process (what a watch loop would see);
and the peak resident memory of the child. Prints the median of N runs and checks
them against the targets below, exiting 1 if any is missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGETS = {"cold_s": 15.0, "warm_per_spec_s": 1.5, "peak_rss_mb": 500.0}

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from briefpress.build import Project, build_many
project = Project(Path(sys.argv[1]))
specs = project.specs()
out = Path(sys.argv[2])
first = build_many(specs, project, out)
t1 = time.perf_counter()
again = build_many(specs, project, out)
t2 = time.perf_counter()
failed = [o.spec for o in first + again if o.error is not None]
print(json.dumps({
    "specs": len(specs), "failed": failed, "cold_s": t1 - t0,
    "warm_per_spec_s": (t2 - t1) / max(len(specs), 1),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def one_run(project: Path) -> dict[str, float]:
    """One child build of a fresh copy of the project: no chart cache, nothing warm."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        for folder in ("briefings", "assets"):
            shutil.copytree(project / folder, copy / folder)
        out = Path(tmp) / "out"
        done = subprocess.run([sys.executable, "-c", CHILD, str(copy), str(out)],
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark child failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if result["failed"]:
        sys.exit(f"builds failed: {result['failed']}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args()
    runs = [one_run(args.project) for _ in range(args.runs)]
    print(f"{int(runs[0]['specs'])} specs, median of {args.runs} runs")
    missed = []
    for key, target in TARGETS.items():
        value = statistics.median(r[key] for r in runs)
        ok = value <= target
        missed += [] if ok else [key]
        print(f"  {key:<16} {value:8.2f}   target <= {target:g}   {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

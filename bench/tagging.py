"""Benchmark: what tagging (PDF/UA-1, PDF/A-2a) adds to a warm build.

Run from the project folder:  .venv/bin/python bench/tagging.py [--runs N]

Builds every briefing in briefings/ warm (in one process, charts cached) N times as
made, then N times with the finishing stage's tagging steps replaced by nothing (the
structure tree and ParentTree, the XMP packet and output intent, the ToUnicode repair).
The marked-content operators drawn during layout stay in both: they are a few bytes per
paragraph. Prints the median warm time of each and the share tagging adds, against the
15 % target, and exits 1 if it is over.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET = 0.15


def warm(specs: list[Path], project: Any, out: Path) -> float:
    from briefpress.build import build_many

    start = time.perf_counter()
    outcomes = build_many(specs, project, out)
    took = time.perf_counter() - start
    if any(o.error is not None for o in outcomes):
        raise SystemExit("a briefing failed to build")
    return took


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import briefpress.finish as finish
    from briefpress.build import Project

    project = Project(Path.cwd())
    specs = project.specs()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        warm(specs, project, out)  # imports, fonts, charts
        tagged = [warm(specs, project, out) for _ in range(runs)]
        saved = {name: getattr(finish, name) for name in
                 ("build_tree", "set_metadata", "set_output_intent", "fix_to_unicode")}
        for name in saved:
            setattr(finish, name, lambda *args, **kwargs: None)
        plain = [warm(specs, project, out) for _ in range(runs)]
        for name, fn in saved.items():
            setattr(finish, name, fn)
    with_tags, without = statistics.median(tagged), statistics.median(plain)
    share = with_tags / without - 1
    per = len(specs)
    print(f"{per} specs, median of {runs} warm builds of all of them")
    print(f"  tagged        {with_tags:6.3f} s  ({with_tags / per:.3f} s a spec)")
    print(f"  not tagged    {without:6.3f} s  ({without / per:.3f} s a spec)")
    print(f"  tagging adds  {share:6.1%}   target <= {TARGET:.0%}   "
          f"{'ok' if share <= TARGET else 'MISSED'}")
    return 0 if share <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

"""Chart benchmark: how long drawing the charts takes, and recolouring one for editions.

Run from the project folder:  .venv/bin/python bench/charts.py [--runs N]

Each run is a fresh child process (nothing cached, matplotlib not yet imported):
  import     importing the charts stage and matplotlib;
  cold       drawing every chart of every spec in briefings/ once (fonts loaded on the way);
  warm       drawing them all again in the same process, per chart;
  redraw     a 43-bar chart (the territorial police forces in ``bench/forces.csv``, with
             synthetic values made here) drawn 43 times, highlighting each force in turn;
  recolour   the same 43 highlighted charts made from one unhighlighted drawing by
             ``highlight_chart`` (what an edition per force needs).
Prints the median of N runs, in seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys, time
from decimal import Decimal
from pathlib import Path
t0 = time.perf_counter()
import matplotlib.figure
import briefpress.charts as charts
import briefpress.charts.draw
t1 = time.perf_counter()
from briefpress.brand import load_brand
from briefpress.build import check
from briefpress.spec.data import ImageFile, Series, Table
from briefpress.spec.figures import BarFigure

root = Path(sys.argv[1])
brand = load_brand(root / "assets")
todo = []
for spec in sorted((root / "briefings").glob("*.yaml")):
    loaded = check(spec)
    for fig in loaded.briefing.figures:
        data = loaded.data_for(fig.id)
        if not isinstance(data, ImageFile) and fig.kind != "image":
            todo.append((fig, data))
t2 = time.perf_counter()
for fig, data in todo:
    charts.render_chart(fig, data, brand)
t3 = time.perf_counter()
for fig, data in todo:
    charts.render_chart(fig, data, brand)
t4 = time.perf_counter()

forces = [line.split(",")[0] for line in
          (root / "bench" / "forces.csv").read_text(encoding="utf-8").splitlines()[1:]]
values = tuple(Decimal((i * 733) % 997 + 3) for i in range(len(forces)))  # synthetic
table = Table(tuple(forces), (Series(None, values),))
spec = {"kind": "bar", "id": "by-force", "title": "Synthetic values by force",
        "source": "Synthetic", "data": dict(zip(forces, values)), "sort": "none"}
t5 = time.perf_counter()
redrawn = [charts.render_chart(BarFigure.model_validate({**spec, "highlight": f}), table, brand)
           for f in forces]
t6 = time.perf_counter()
recoloured = None
if hasattr(charts, "highlight_chart"):
    plain = charts.render_chart(BarFigure.model_validate(spec), table, brand)
    figure = BarFigure.model_validate(spec)
    t7 = time.perf_counter()
    recoloured = [charts.highlight_chart(plain, figure, table, brand, f) for f in forces]
    t8 = time.perf_counter()
    same = sum(a.svg == b.svg for a, b in zip(redrawn, recoloured))
print(json.dumps({
    "charts": len(todo), "forces": len(forces),
    "import_s": t1 - t0, "cold_s": t3 - t2, "warm_per_chart_s": (t4 - t3) / len(todo),
    "redraw_43_s": t6 - t5,
    "recolour_43_s": None if recoloured is None else t8 - t7,
    "recolour_plus_one_draw_s": None if recoloured is None else t8 - t6,
    "identical_svgs": None if recoloured is None else same,
}))
"""


def one_run(project: Path) -> dict[str, float | None]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(project)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark child failed:\n{done.stderr}")
    result: dict[str, float | None] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args()
    runs = [one_run(args.project) for _ in range(args.runs)]
    first = runs[0]
    print(f"{first['charts']} charts in briefings/, {first['forces']} forces; "
          f"median of {args.runs} runs, seconds")
    for key in ("import_s", "cold_s", "warm_per_chart_s", "redraw_43_s", "recolour_43_s",
                "recolour_plus_one_draw_s", "identical_svgs"):
        values = [r[key] for r in runs if r[key] is not None]
        shown = f"{statistics.median(values):8.3f}" if values else "     n/a"
        print(f"  {key:<26} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

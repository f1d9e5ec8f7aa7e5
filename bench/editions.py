"""Benchmark: an edition per constituency (650), and one briefing on its own, against targets.

Run from the project folder:  .venv/bin/python bench/editions.py [--runs N] [--editions N]

Everything is made here, in a temporary folder, and is clearly synthetic: a table of 650
made-up constituencies ("Synthetic Constituency 001" ...) in 12 made-up regions, with
made-up figures (some left empty, as real tables have gaps), and a 4-page briefing with
3 charts that names each edition's constituency and region and highlights them. Nothing
is read from briefings/. Each measurement is a fresh ``briefpress`` process, as a user
runs it; the median of N runs is printed against the targets:

  editions_wall_s      650 editions built with --jobs 2 (every chart drawn once, the
                       workers forked after the imports), whole process, wall clock
  cpu_per_edition_s    the extra CPU time of 250 editions over 50, per extra edition,
                       built by one worker (--jobs 1): what an edition costs
  cpu_2_workers_s      the same for the 650 editions over 50 with --jobs 2 (all
                       processes): two workers at once each run slower on this machine
  worker_peak_mib      the largest peak resident memory of any worker (shared pages
                       inherited from the parent included, so an upper bound)
  worker_pss_mib       the largest proportional share of memory of any worker at its
                       end (shared pages divided among the processes sharing them)
  warm_single_s        one briefing (no editions) built by a fresh process, the chart
                       cache and the verified-file record already there
  cold_single_s        the same in a fresh copy of the project: nothing cached
  unchanged_s          the 650 editions built again with nothing changed (all kept)

If the PyPI ``typst`` package can be imported, the same work is timed in Typst (the same
text, fonts and bar charts, one compile per edition, two processes for the editions) and
the ratio briefpress / Typst printed. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"editions_wall_s": 30.0, "cpu_per_edition_s": 0.06, "worker_peak_mib": 120.0,
           "warm_single_s": 0.35, "cold_single_s": 0.8}
REGIONS = [f"Synthetic Region {chr(ord('A') + i)}" for i in range(12)]
WORDS = ("This synthetic paragraph stands in for the body of a real briefing; its words are "
         "made up for the benchmark and carry no meaning beyond their length. ")


def constituencies(n: int) -> list[dict[str, str]]:
    """*n* made-up constituencies: a key, a name, a region, and two made-up figures (the
    second left empty in one row of three)."""
    rows = []
    for i in range(n):
        rows.append({"code": f"sc{i + 1:03d}", "name": f"Synthetic Constituency {i + 1:03d}",
                     "region": REGIONS[i % len(REGIONS)], "cases": str((i * 37) % 400 + 5),
                     "trained": "" if i % 3 == 2 else str((i * 53) % 900 + 10)})
    return rows


def table_csv(rows: list[dict[str, str]]) -> str:
    lines = ["code,name,region,cases,trained"]
    lines += [",".join(r[c] for c in ("code", "name", "region", "cases", "trained"))
              for r in rows]
    return "\n".join(lines) + "\n"


def region_values() -> dict[str, int]:
    return {r: 40 + 13 * i for i, r in enumerate(REGIONS)}


def spec_text(editions: bool, fixed: dict[str, str] | None = None) -> str:
    """The 4-page, 3-chart briefing; with *editions* its text names each edition's row,
    else (*fixed*) one row's values are written in."""
    def v(column: str) -> str:
        if editions:
            return "{" + column + "}"
        assert fixed is not None
        return fixed[column]

    trained = (f"{{trained?{{trained}} staff were trained in {v('name')}.|No training figure "
               f"has been published for {v('name')}.}}" if editions else
               f"{fixed['trained'] or 'No'} staff were trained in {v('name')}." if fixed else "")
    body = "\n".join(f"      - >-\n        {WORDS * 3}" for _ in range(2))
    regions = "\n".join(f"      {r}: {n}" for r, n in region_values().items())
    table = "\n".join(f"            - [{r}, \"{n}\"]" for r, n in list(region_values().items())[:8])
    highlight_region = v("region")
    text = f"""\
# yaml-language-server: $schema=../docs/briefing.schema.json
title: "Synthetic benchmark briefing for {v('name')}"
subtitle: "Made-up figures for {v('name')}, in {v('region')}, to time the build"
series: Benchmark
date: 2024-03-01
authors: [Synthetic Author]
summary:
  - "{trained} The rest of this briefing is synthetic text of realistic length."
  - >-
    {WORDS * 2}
key_numbers:
  - {{number: "{v('cases')}", label: "made-up cases in {v('name')}"}}
  - {{number: "{v('region')}", label: "the made-up region it belongs to"}}
findings:
  - text: "{v('name')} has {v('cases')} made-up cases."
    figure: by-region
  - {WORDS}
  - {WORDS}
sections:
  - heading: "Cases in {v('region')}"
    blocks:
{body}
      - figure: by-region
{body}
  - heading: How the numbers change
    blocks:
{body}
      - figure: over-time
{body}
      - table:
          title: Made-up counts by region
          columns: [Region, Count]
          rows:
{table}
  - heading: Where the benchmark stops
    blocks:
{body}
      - figure: by-group
{body}
      - quote: {{text: "A made-up quotation, attributed to nobody real.", by: Synthetic Person}}
recommendations:
  - {WORDS}
  - {WORDS}
figures:
  - id: by-region
    kind: bar
    title: "Made-up cases by region, {highlight_region} highlighted"
    source: Synthetic data made by the benchmark
    alt: Bar chart of made-up cases in 12 made-up regions.
    highlight: "{highlight_region}"
    data:
{regions}
  - id: over-time
    kind: line
    title: A made-up series over six years
    source: Synthetic data made by the benchmark
    alt: Line chart of two made-up series over six years.
    series: [First series, Second series]
    data:
      "2018": [10, 12]
      "2019": [14, 13]
      "2020": [19, 15]
      "2021": [23, 18]
      "2022": [26, 22]
      "2023": [31, 25]
  - id: by-group
    kind: grouped-bar
    title: Made-up counts in four groups
    source: Synthetic data made by the benchmark
    alt: Grouped bar chart of made-up counts in four groups.
    series: [Before, After]
    data:
      Group one: [40, 55]
      Group two: [35, 48]
      Group three: [20, 31]
      Group four: [12, 18]
sources:
  - Synthetic data made by the benchmark.
contacts:
  - {{name: Synthetic Press Office, email: press@example.org}}
"""
    if editions:
        text += "editions:\n  file: data/constituencies.csv\n  key: code\n  name: name\n"
    return text


def make_project(root: Path, repo: Path, n: int) -> Path:
    """A fresh project in *root*: the repository's assets, a filled-in brand, the synthetic
    table of *n* constituencies and the two specs (with and without editions)."""
    shutil.copytree(repo / "assets", root / "assets")
    brand = root / "assets" / "brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace(
        '"TODO: the registered charity number"', '"1234567"'), encoding="utf-8")
    data = root / "briefings" / "data"
    data.mkdir(parents=True)
    rows = constituencies(n)
    (data / "constituencies.csv").write_text(table_csv(rows), encoding="utf-8")
    (root / "briefings" / "editions.yaml").write_text(spec_text(True), encoding="utf-8")
    (root / "briefings" / "single.yaml").write_text(spec_text(False, rows[0]), encoding="utf-8")
    (root / "output").mkdir()
    return root


CHILD = r"""
import json, os, sys, time
from briefpress.cli import main
import briefpress.build as build
code = main(sys.argv[1:])
json.dump({"code": code, "peaks": build.LAST_STATS.peak_rss, "pss": build.LAST_STATS.pss},
          sys.stderr)
sys.stderr.flush()
os._exit(code)
"""


def briefpress(args: list[str]) -> tuple[float, float, dict[str, object]]:
    """Run briefpress in a fresh process: (wall seconds, CPU seconds of it and every
    process it started, what it reported)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(done.stderr.strip().splitlines()[-1][done.stderr.strip()
                                                             .splitlines()[-1].find("{"):])
    if report["code"] != 0:
        sys.exit(f"briefpress {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return wall, cpu, report


def command(binary: Path, args: list[str]) -> float:
    """The installed ``briefpress`` command's wall time (interpreter start to exit)."""
    start = time.perf_counter()
    done = subprocess.run([str(binary), *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"briefpress {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return wall


def one_run(repo: Path, editions: int) -> dict[str, float]:
    binary = Path(sys.executable).with_name("briefpress")
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "big", repo, editions)
        small = make_project(Path(tmp) / "small", repo, 50)
        middle = make_project(Path(tmp) / "middle", repo, 250)
        spec = str(root / "briefings" / "editions.yaml")
        wall, cpu_all, report = briefpress(["build", spec, "--jobs", "2"])
        peaks = [int(p) for p in report["peaks"]]  # type: ignore[union-attr]
        pss = [int(p) for p in report["pss"]]  # type: ignore[union-attr]
        unchanged = command(binary, ["build", spec, "--jobs", "2"])
        _, cpu_50, _ = briefpress(["build", str(small / "briefings" / "editions.yaml"),
                                   "--jobs", "2"])
        # The middle project's first build draws its charts and reads its fonts: a cost
        # of the first paper, not of each extra one, so it is paid before measuring.
        briefpress(["build", str(middle / "briefings" / "editions.yaml"), "--jobs", "2"])
        one = [briefpress(["build", str(p / "briefings" / "editions.yaml"), "--jobs", "1",
                           "--force"])[1] for p in (small, middle)]
        single = str(root / "briefings" / "single.yaml")
        warm = statistics.median(command(binary, ["build", single]) for _ in range(3))
        cold_root = make_project(Path(tmp) / "cold", repo, 1)
        cold = command(binary, ["build", str(cold_root / "briefings" / "single.yaml")])
    return {"editions_wall_s": wall, "cpu_per_edition_s": (one[1] - one[0]) / 200,
            "cpu_2_workers_s": (cpu_all - cpu_50) / (editions - 50),
            "worker_peak_mib": max(peaks) / 2**20 if peaks else 0.0,
            "worker_pss_mib": max(pss) / 2**20 if pss else 0.0,
            "warm_single_s": warm, "cold_single_s": cold, "unchanged_s": unchanged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--editions", type=int, default=650)
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args()
    runs = [one_run(args.project.resolve(), args.editions) for _ in range(args.runs)]
    print(f"{args.editions} synthetic editions of a 4-page, 3-chart briefing; median of "
          f"{args.runs} runs on this machine")
    missed = []
    for key in runs[0]:
        value = statistics.median(r[key] for r in runs)
        target = TARGETS.get(key)
        verdict = "" if target is None else ("ok" if value <= target else "MISSED")
        missed += [key] if verdict == "MISSED" else []
        shown = f"target <= {target:g}" if target is not None else ""
        print(f"  {key:<20} {value:8.3f}   {shown:<16} {verdict}")
    try:
        import bench_typst
    except ImportError:
        sys.path.insert(0, str(Path(__file__).parent))
        import bench_typst
    bench_typst.report(args.project.resolve(), args.editions,
                       {k: statistics.median(r[k] for r in runs) for k in runs[0]})
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

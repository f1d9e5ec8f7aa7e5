"""Typst on the same work as ``bench/editions.py``, if the PyPI ``typst`` package is installed.

The same 4-page briefing, written in Typst: the same words, the brand's Noto Sans, the
same three charts drawn with Typst's shapes (a bar chart by region highlighting the
edition's region, a two-series line chart, a grouped bar chart), a table, a quote, and
"Page X of Y" in the footer; each edition gets its row through ``sys.inputs``. Timed
like briefpress: a fresh process for one paper, and the 650 editions shared between two
processes (one ``typst.Compiler`` each, so its fonts are read once).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editions import REGIONS, WORDS, constituencies, region_values

ACCENT, MUTED, PRIMARY = "#C8553D", "#A7B3BC", "#14365C"


def _bars() -> str:
    values = region_values()
    top = max(values.values())
    rows = []
    for region, value in values.items():
        width = f"{value / top * 60:.3f}%"
        rows.append(f'[#if v.region == "{region}" [*{region}*] else [{region}]], '
                    f'rect(width: {width}, height: 9pt, fill: if v.region == "{region}" '
                    f'{{rgb("{ACCENT}")}} else {{rgb("{MUTED}")}}), [{value}]')
    return ("#figure(caption: [Made-up cases by region, #v.region highlighted])[#grid("
            "columns: (30%, 60%, 10%), row-gutter: 3pt, align: (right, left, left), "
            + ", ".join(rows) + ")]")


def _line() -> str:
    first, second = [10, 14, 19, 23, 26, 31], [12, 13, 15, 18, 22, 25]

    def points(series: list[int]) -> str:
        steps = [f"curve.{'move' if i == 0 else 'line'}(({i * 60}pt, {150 - s * 4}pt))"
                 for i, s in enumerate(series)]
        return ", ".join(steps)

    labels = "".join(f"#place(dx: {i * 60}pt, dy: {150 - s * 4 - 12}pt)[#text(size: 8pt)[{s}]]"
                     for series in (first, second) for i, s in enumerate(series))
    return ("#figure(caption: [A made-up series over six years])[#box(width: 320pt, "
            f"height: 160pt)[#place(curve(stroke: rgb(\"{PRIMARY}\"), {points(first)}))"
            f"#place(curve(stroke: (paint: rgb(\"{ACCENT}\"), dash: \"dashed\"), "
            f"{points(second)})){labels}]]")


def _grouped() -> str:
    groups = {"Group one": (40, 55), "Group two": (35, 48), "Group three": (20, 31),
              "Group four": (12, 18)}
    cells = []
    for a, b in groups.values():
        cells.append(f"stack(dir: ltr, spacing: 2pt, align(bottom, rect(width: 24pt, "
                     f"height: {a * 2}pt, fill: rgb(\"{PRIMARY}\"))), align(bottom, rect("
                     f"width: 24pt, height: {b * 2}pt, fill: rgb(\"{ACCENT}\"))))")
    names = ", ".join(f"[{n}]" for n in groups)
    return ("#figure(caption: [Made-up counts in four groups])[#grid(columns: 4, "
            "column-gutter: 20pt, row-gutter: 4pt, align: bottom, " + ", ".join(cells)
            + ", " + names + ")]")


def document() -> str:
    """The briefing as a Typst document; the edition's row comes from ``sys.inputs``."""
    body = "\n\n".join(WORDS * 3 for _ in range(2))
    table = ", ".join(f"[{r}], [{n}]" for r, n in list(region_values().items())[:8])
    return f"""
#let v = sys.inputs
#set document(title: "Synthetic benchmark briefing for " + v.name)
#set page(paper: "a4", margin: 20mm, footer: context [Digital-Trust #h(1fr)
  Page #counter(page).display() of #counter(page).final().first()])
#set text(font: "Noto Sans", size: 10pt, lang: "en")
#set par(leading: 0.9em, spacing: 1.3em, justify: false)
#show heading: set text(fill: rgb("{PRIMARY}"))
#text(size: 22pt, weight: "bold", fill: rgb("{PRIMARY}"))[Synthetic benchmark briefing for #v.name]

#text(size: 13pt)[Made-up figures for #v.name, in #v.region, to time the build]

#grid(columns: 2, column-gutter: 8pt, rect(width: 100%, fill: rgb("#EDF2F6"))[
  #text(size: 18pt, weight: "bold")[#v.cases] \\ made-up cases in #v.name],
  rect(width: 100%, fill: rgb("#EDF2F6"))[#text(size: 18pt, weight: "bold")[#v.region]
  \\ the made-up region it belongs to])

#rect(width: 100%, fill: rgb("#EDF2F6"))[
  *Summary* \\
  #if v.trained != "" [#v.trained staff were trained in #v.name.] else [No training figure
  has been published for #v.name.] The rest of this briefing is synthetic text of realistic
  length. {WORDS * 2}

  *Key findings*
  + #v.name has #v.cases made-up cases.
  + {WORDS}
  + {WORDS}
]

= 1 Cases in #v.region
{body}

{_bars()}

{body}

= 2 How the numbers change
{body}

{_line()}

{body}

#table(columns: 2, [*Region*], [*Count*], {table})

= 3 Where the benchmark stops
{body}

{_grouped()}

{body}

#quote(attribution: [Synthetic Person], block: true)[A made-up quotation, attributed to
nobody real.]

= Recommendations
+ {WORDS}
+ {WORDS}

= Sources and notes
+ Synthetic data made by the benchmark.
"""


CHILD = r"""
import json, sys, time, resource
import typst
source, fonts, rows, out = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
compiler = typst.Compiler(source, font_paths=[fonts], ignore_system_fonts=True)
for i, row in enumerate(rows):
    compiler.compile(output=f"{out}/{row['code']}.pdf", sys_inputs=row)
print(json.dumps({"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def _run(source: Path, fonts: Path, rows: list[dict[str, str]], out: Path, parts: int
         ) -> tuple[float, float]:
    """Compile every row in *parts* processes at once: (wall, CPU of all of them)."""
    chunks = [rows[i::parts] for i in range(parts)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(source), str(fonts),
                               json.dumps(c), str(out)], stdout=subprocess.PIPE)
             for c in chunks if c]
    for proc in procs:
        proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError("typst failed")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(repo: Path, editions: int) -> dict[str, float]:
    rows = constituencies(editions)
    fonts = repo / "assets" / "fonts"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "briefing.typ"
        source.write_text(document(), encoding="utf-8")
        out = Path(tmp) / "out"
        out.mkdir()
        wall, cpu_all = _run(source, fonts, rows, out, 2)
        _, cpu_50 = _run(source, fonts, rows[:50], out, 2)
        _, one_50 = _run(source, fonts, rows[:50], out, 1)
        _, one_250 = _run(source, fonts, rows[:250], out, 1)
        single = statistics.median(_run(source, fonts, rows[:1], out, 1)[0] for _ in range(3))
    return {"editions_wall_s": wall, "cpu_per_edition_s": (one_250 - one_50) / 200,
            "cpu_2_workers_s": (cpu_all - cpu_50) / (editions - 50),
            "warm_single_s": single, "cold_single_s": single}


def report(repo: Path, editions: int, ours: dict[str, float]) -> None:
    """Time Typst on the same work and print it beside briefpress's medians."""
    try:
        import typst  # noqa: F401
    except ImportError:
        print("typst: the PyPI 'typst' package is not installed; no comparison "
              "(pip install typst)")
        return
    theirs = measure(repo, editions)
    print("typst on the same work (one paper per process as for briefpress; Typst has no "
          "cache, so its warm and cold are the same)")
    for key, value in theirs.items():
        print(f"  {key:<20} {value:8.3f}   briefpress / typst = {ours[key] / value:5.2f}")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    print(json.dumps(measure(here.parent, int(sys.argv[1]) if len(sys.argv) > 1 else 650)))
    del REGIONS

"""Fast by design, and still the same: what is done once is done once, what is skipped is
safe to skip, and the light commands stay light."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import briefpress.build as build_module
from conftest import REACHABLE, REPO, write_spec
from test_editions_build import KEYS, _setup

Cli = Callable[..., tuple[int, str, str]]
HEAVY = ("reportlab", "pypdf", "pypdfium2", "matplotlib", "svglib")

IMPORTED = f"""
import sys
from briefpress.cli import main
code = main(sys.argv[1:])
print(code, sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""


def _imported(*args: str, cwd: Path | None = None) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", IMPORTED, *args], capture_output=True,
                          text=True, check=False, cwd=cwd)
    code, _, names = done.stdout.strip().splitlines()[-1].partition(" ")
    return int(code), json.loads(names.replace("'", '"'))


def test_check_new_and_schema_do_not_load_the_layout_libraries(project: Path, cli: Cli) -> None:
    spec = _setup(project)  # three charts' worth of bars, an SVG logo, an edition table
    # before anything is recorded, check converts the logo and lays the chart out...
    code, cold = _imported("--project", str(project), "check", str(spec))
    assert code == 0 and "pypdf" not in cold and "pypdfium2" not in cold
    assert "matplotlib" in cold and "reportlab" in cold  # (so the test can tell)
    # ...and once a build has recorded them, it loads none of the layout libraries
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    assert _imported("--project", str(project), "check", str(spec)) == (0, [])
    assert _imported("--project", str(project), "new", "another") == (0, [])
    assert _imported("schema") == (0, [])


def test_a_build_makes_each_chart_and_converts_each_svg_once(
        project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import svglib.svglib

    import briefpress.charts.draw as draw
    from briefpress.story import drawings

    drawn: list[str] = []
    converted: list[int] = []
    real_draw, real_convert = draw.draw, svglib.svglib.svg2rlg

    def counting_draw(figure, data, brand, room):  # type: ignore[no-untyped-def]
        drawn.append(figure.id)
        return real_draw(figure, data, brand, room)

    def counting_convert(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        converted.append(1)
        return real_convert(source, *args, **kwargs)

    monkeypatch.setattr(draw, "draw", counting_draw)
    monkeypatch.setattr(svglib.svglib, "svg2rlg", counting_convert)
    monkeypatch.setattr(build_module, "_DRAWN", {})
    monkeypatch.setattr(drawings, "_CONVERTED", {})
    spec = _setup(project)
    code, _, err = cli("--project", str(project), "build", str(spec), "--jobs", "1")
    assert (code, err) == (0, "")
    assert drawn == ["by-force"]  # once, unhighlighted; every edition's highlight recoloured
    assert len(converted) == 2  # the logo and the chart, each once for the five editions


def test_a_recoloured_drawing_draws_as_the_recoloured_svg(project: Path) -> None:
    from reportlab import rl_config
    from reportlab.graphics import renderPDF

    from briefpress.brand import load_brand
    from briefpress.charts import highlight_chart, render_chart
    from briefpress.spec.data import Series, Table
    from briefpress.spec.figures import BarFigure
    from briefpress.story.drawings import _convert, chart_drawing
    from briefpress.story.fonts import register_fonts

    brand = load_brand(project / "assets")
    fonts = register_fonts(brand.font)
    labels = ("North Shire", "A much longer category name that wraps", "West")
    table = Table(labels, (Series(None, tuple(__import__("decimal").Decimal(v)
                                              for v in ("10", "2.5", "7"))),))
    invariant = rl_config.invariant
    rl_config.invariant = 1
    try:
        for orientation in ("horizontal", "vertical"):
            figure = BarFigure.model_validate({
                "kind": "bar", "id": "f", "title": "T", "source": "S", "suffix": "%",
                "orientation": orientation, "data": dict(zip(labels, (10, 2.5, 7),
                                                             strict=True))})
            plain = render_chart(figure, table, brand)
            for label in labels:
                lit = highlight_chart(plain, figure, table, brand, label)
                ours = renderPDF.drawToString(chart_drawing(lit, "f", fonts.regular,
                                                            fonts.bold))
                theirs = renderPDF.drawToString(_convert(lit.svg, lit.width_pt, "f",
                                                         fonts.regular))
                assert ours == theirs, (orientation, label)
                assert ours != renderPDF.drawToString(_convert(plain.svg, plain.width_pt,
                                                               "f", fonts.regular))
    finally:
        rl_config.invariant = invariant


def test_a_font_found_good_is_not_read_again_and_a_bad_one_always_is(
        project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefpress.source import fontfile

    spec = write_spec(project, "plain", REACHABLE)
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    assert len(list((project / ".cache" / "verified").glob("*.json"))) == 5  # 4 fonts, logo
    fontfile._checked.cache_clear()
    monkeypatch.setattr(fontfile, "_checked", lambda *a: pytest.fail("font read again"))
    assert cli("--project", str(project), "check", str(spec))[0] == 0
    monkeypatch.undo()
    fontfile._checked.cache_clear()
    bold = project / "assets" / "fonts" / "NotoSans-Bold.ttf"
    bold.write_bytes(bold.read_bytes()[:5000])  # cut short: never recorded as good
    for command in ("check", "build"):
        code, _, err = cli("--project", str(project), command, str(spec))
        assert code == 1 and "NotoSans-Bold.ttf" in err and "cut short" in err, err


def test_a_killed_builds_temporary_files_are_swept_from_an_edition_folder(
        project: Path, cli: Cli) -> None:
    spec = _setup(project)
    folder = project / "output" / "forces"
    folder.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = [folder / f".{k}.pdf.briefpress-tmp-{dead}-abc123.tmp" for k in KEYS[:2]]
    busy = folder / f".other.pdf.briefpress-tmp-{os.getpid()}-busy1234.tmp"
    for path in [*stale, busy]:
        path.write_bytes(b"half a PDF")
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == [busy.name]


def test_the_command_leaves_with_everything_written_and_said(project: Path) -> None:
    spec = _setup(project)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "briefpress", "--project", str(project),
                           "build", str(spec)], capture_output=True, text=True, env=env,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout.splitlines()) == len(KEYS) + 1  # nothing lost to the quick exit
    assert (project / "output" / "forces" / "manifest.json").is_file()
    bad = subprocess.run([sys.executable, "-m", "briefpress", "build", "--jobs", "0"],
                         capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 2 and "'0' is not a number of processes" in bad.stderr


def test_a_terminal_gets_a_progress_bar(project: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    from briefpress.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    spec = _setup(project)
    screen, out = Terminal(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--project", str(project), "build", str(spec)]) == 0
    shown = screen.getvalue()
    assert "building" in shown and f"{len(KEYS)}/{len(KEYS)}" in shown
    assert "/s" in shown and "left" in shown
    assert out.getvalue().splitlines() == [  # no line per edition: the bar says it
        f"{spec}: 5 papers: 5 built, 0 unchanged, 0 failed; manifest "
        f"{project / 'output' / 'forces' / 'manifest.csv'}"]


def test_several_specs_are_built_at_once_and_reported_in_order(project: Path, cli: Cli
                                                              ) -> None:
    names = [f"paper-{i}" for i in range(4)]
    for name in names:
        write_spec(project, name, REACHABLE.replace("A minimal", f"The {name}"))
    code, out, err = cli("--project", str(project), "build", "--jobs", "2")
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"built {project / 'output' / n}.pdf" for n in names]
    assert len(build_module.LAST_STATS.peak_rss) == 2  # made by two worker processes


def test_drawings_kept_on_disk_make_the_same_pdf_without_converting_again(
        project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import svglib.svglib

    from briefpress.story import drawings

    spec = _setup(project)
    monkeypatch.setattr(drawings, "_CONVERTED", {})
    assert cli("--project", str(project), "build", str(spec), "--jobs", "1")[0] == 0
    folder = project / "output" / "forces"
    first = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    assert len(list((project / ".cache" / "drawings").glob("*.json"))) == 2  # chart, logo
    monkeypatch.setattr(drawings, "_CONVERTED", {})  # a new process, as far as drawings go
    monkeypatch.setattr(svglib.svglib, "svg2rlg", lambda *a, **k: pytest.fail("converted"))
    assert cli("--project", str(project), "build", str(spec), "--force", "--jobs", "1")[0] == 0
    assert {p.name: p.read_bytes() for p in folder.glob("*.pdf")} == first

"""Building editions: one PDF per row and a manifest; failures alone; the same bytes every
time; unchanged editions left alone; Ctrl-C leaves nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import fold, pdf_text, write_spec

Cli = Callable[..., tuple[int, str, str]]

FORCES = ["North Shire", "South Shire", "East Riding", "West Vale", "Midland Dales"]
TABLE = "code,force,cases\n" + "".join(
    f"{f.lower().replace(' ', '-')},{f},{'' if i % 2 else 10 * (i + 1)}\n"
    for i, f in enumerate(FORCES))

SPEC = """\
title: Stalking in {force}
date: 2024-03-01
authors: [Test Author]
summary: "{cases?{force} brought {cases} cases.|No figure has been published for {force}.}"
findings:
  - text: Cases vary between forces.
    figure: by-force
sections:
  - heading: The figures
    blocks:
      - figure: by-force
figures:
  - id: by-force
    kind: bar
    title: Cases by force
    data: {North Shire: 10, East Riding: 30, Midland Dales: 50}
    highlight: "{force}"
    source: Test
    alt: Bar chart of cases by force.
contacts:
  - {name: Press office, email: press@example.org}
editions:
  file: data/forces.csv
  key: code
  name: force
"""

KEYS = [f.lower().replace(" ", "-") for f in FORCES]


def _setup(project: Path, table: str = TABLE, spec: str = SPEC) -> Path:
    (project / "briefings" / "data").mkdir(exist_ok=True)
    (project / "briefings" / "data" / "forces.csv").write_text(table, encoding="utf-8")
    return write_spec(project, "forces", spec)


def _manifest(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "manifest.csv").read_text("utf-8"))))


def _pages(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def test_one_pdf_per_edition_and_a_manifest_written_last(project: Path, cli: Cli) -> None:
    spec = _setup(project)
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    folder = project / "output" / "forces"
    assert out.splitlines() == [f"built {folder / k}.pdf" for k in KEYS] + [
        f"{spec}: 5 papers: 5 built, 0 unchanged, 0 failed; manifest "
        f"{folder / 'manifest.csv'}"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{k}.pdf" for k in KEYS] + ["manifest.csv", "manifest.json"])
    rows = _manifest(folder)
    assert [(r["key"], r["name"], r["profile"], r["file"], r["status"], r["error"])
            for r in rows] == [(k, f, "screen", f"{k}.pdf", "ok", "")
                               for k, f in zip(KEYS, FORCES, strict=True)]
    import hashlib

    for row in rows:
        pdf = folder / row["file"]
        data = pdf.read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert int(row["bytes"]) == len(data)
        assert int(row["pages"]) == _pages(pdf)
        assert len(row["inputs"]) == 64
    body = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert body["spec"] == "forces.yaml"
    assert [{k: str(v) for k, v in e.items()} for e in body["editions"]] == rows
    last_pdf = max(p.stat().st_mtime_ns for p in folder.glob("*.pdf"))
    assert (folder / "manifest.csv").stat().st_mtime_ns >= last_pdf


def test_each_edition_names_its_force_and_highlights_its_bar(project: Path, cli: Cli) -> None:
    from test_force_training import accent_bars, bold_words

    spec = _setup(project)
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    for i, (key, force) in enumerate(zip(KEYS, FORCES, strict=True)):
        pdf = project / "output" / "forces" / f"{key}.pdf"
        text = pdf_text(pdf)
        assert f"Stalking in {force}" in text
        has_figure = i % 2 == 0
        expected = (f"{force} brought {10 * (i + 1)} cases." if has_figure else
                    f"No figure has been published for {force}.")
        assert expected in fold(text)
        bars = accent_bars(pdf)
        if has_figure:  # its bar, and only its, in the accent colour, beside its bold label
            assert len(bars) == 1
            assert force in bold_words(pdf, bars[0])
        else:
            assert bars == []


def test_a_bad_row_fails_alone_named_with_its_row(project: Path, cli: Cli) -> None:
    table = TABLE.replace("south-shire,South Shire", "south-shire,") + "north-shire,Again,3\n"
    spec = _setup(project, table, SPEC.replace("for {force}.}", "for {force} in {cases}.}"))
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    folder = project / "output" / "forces"
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(
        ["north-shire.pdf", "east-riding.pdf", "midland-dales.pdf"])
    cases = f"{spec}:4:11: summary: CSV 'data/forces.csv'"
    assert err.splitlines() == [
        f"{spec}:25:9: editions.name: CSV 'data/forces.csv', row 3, column 'force': the "
        "edition's name is empty",
        f"{cases}, row 5, column 'cases': the cell is empty, and this text needs it; fill it "
        "in, or give the text to print without it: {cases|...}",
        f"{spec}:24:8: editions.key: CSV 'data/forces.csv', row 7, column 'code': the key "
        "'north-shire' is also row 2's; every edition needs its own key"]
    assert out.splitlines()[-1] == (
        f"{spec}: 6 papers: 3 built, 0 unchanged, 3 failed (north-shire, "
        f"south-shire, west-vale); manifest {folder / 'manifest.csv'}")
    rows = _manifest(folder)
    assert [(r["key"], r["status"]) for r in rows] == [
        ("north-shire", "ok"), ("south-shire", "failed"), ("east-riding", "ok"),
        ("west-vale", "failed"), ("midland-dales", "ok"), ("north-shire", "failed")]
    assert rows[1]["error"] == err.splitlines()[0]
    assert rows[3]["error"] == err.splitlines()[1]
    assert rows[3]["sha256"] == rows[3]["pages"] == ""
    code, _, err_check = cli("--project", str(project), "check", str(spec))
    assert (code, err_check) == (1, err)


def test_two_builds_give_the_same_bytes_whatever_the_workers(project: Path, cli: Cli) -> None:
    spec = _setup(project)
    one, two = project / "one", project / "two"
    assert cli("--project", str(project), "build", str(spec), "--out", str(one),
               "--jobs", "1")[0] == 0
    assert cli("--project", str(project), "build", str(spec), "--out", str(two),
               "--jobs", "3")[0] == 0
    names = sorted(p.name for p in (one / "forces").iterdir())
    assert names == sorted(p.name for p in (two / "forces").iterdir())
    for name in names:
        assert (one / "forces" / name).read_bytes() == (two / "forces" / name).read_bytes(), name


def test_a_second_build_with_nothing_changed_rebuilds_nothing(project: Path, cli: Cli) -> None:
    spec = _setup(project)
    folder = project / "output" / "forces"
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
              for p in folder.iterdir()}
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    assert out.splitlines()[:-1] == [f"unchanged {folder / k}.pdf" for k in KEYS]
    assert out.splitlines()[-1].startswith(f"{spec}: 5 papers: 0 built, 5 unchanged, 0 failed")
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
             for p in folder.iterdir()}
    assert {n: v for n, v in after.items() if n.endswith(".pdf")} == {
        n: v for n, v in before.items() if n.endswith(".pdf")}
    for name in ("manifest.csv", "manifest.json"):  # rewritten, to the same bytes
        assert after[name][2] == before[name][2]


def test_what_changed_is_rebuilt_and_only_that(project: Path, cli: Cli) -> None:
    spec = _setup(project)
    folder = project / "output" / "forces"
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    (project / "briefings" / "data" / "forces.csv").write_text(
        TABLE.replace("West Vale,", "West Vale,99"), encoding="utf-8")
    (folder / "east-riding.pdf").write_bytes(b"%PDF-1.4 damaged")
    code, out, _ = cli("--project", str(project), "build", str(spec))
    assert code == 0
    verbs = dict(reversed(line.split(" ", 1)) for line in out.splitlines()[:-1])
    assert verbs == {f"{folder / k}.pdf": "built" if k in ("west-vale", "east-riding")
                     else "unchanged" for k in KEYS}
    assert "West Vale brought 99 cases." in fold(pdf_text(folder / "west-vale.pdf"))
    code, out, _ = cli("--project", str(project), "build", str(spec), "--force")
    assert out.splitlines()[-1].startswith(f"{spec}: 5 papers: 5 built")


def test_papers_of_an_edition_are_named_by_profile(project: Path, cli: Cli) -> None:
    spec = _setup(project)
    code, _, err = cli("--project", str(project), "build", str(spec), "--profile", "screen",
                       "--profile", "large-print")
    assert (code, err) == (0, "")
    folder = project / "output" / "forces"
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(
        [f"{k}.pdf" for k in KEYS] + [f"{k}-large-print.pdf" for k in KEYS])
    assert [(r["key"], r["profile"]) for r in _manifest(folder)] == [
        (k, p) for k in KEYS for p in ("screen", "large-print")]


PAUSED = """
import os, sys, time
import briefpress.build as build
from briefpress.cli import main

real_fsync = os.fsync

def paused(fd):
    real_fsync(fd)
    if os.environ.get("PAUSE_IN") == str(os.getpid()) or os.getpid() != PARENT:
        print("writing", flush=True)
        time.sleep(120)

PARENT = os.getpid()
build.os.fsync = paused
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
def test_stopping_a_build_stops_the_workers_and_leaves_no_half_file(
        project: Path, signum: int, code: int, word: str) -> None:
    spec = _setup(project)
    proc = subprocess.Popen([sys.executable, "-c", PAUSED, "--project", str(project), "build",
                             str(spec), "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 120)
    if not ready:
        proc.kill()
        pytest.fail("no worker reached its write")
    assert "writing" in proc.stdout.readline()  # a worker holds a whole temporary file
    folder = project / "output" / "forces"
    assert any(p.name.endswith(".tmp") for p in folder.iterdir())
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C reaches every process of the terminal's group
    else:
        proc.send_signal(signum)  # SIGTERM to the command alone: it stops its workers
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.endswith(f"{word}; no file was left half-written\n")
    assert "Traceback" not in err
    assert [p.name for p in folder.iterdir() if ".tmp" in p.name] == []
    for pdf in folder.glob("*.pdf"):  # whatever was written is whole
        assert _pages(pdf) >= 1
    rows = _manifest(folder)
    assert {r["status"] for r in rows} <= {"ok", "failed"}
    assert all((folder / r["file"]).is_file() for r in rows if r["status"] == "ok")


@pytest.mark.parametrize("how", ["bug", "killed"])
def test_an_edition_whose_worker_fails_fails_alone(project: Path, cli: Cli, how: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import briefpress.build as build

    real = build.make_paper

    def flaky(loaded, *args, **kwargs):  # type: ignore[no-untyped-def]
        if loaded.briefing.title == "Stalking in East Riding":
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
            raise RuntimeError("a bug")
        return real(loaded, *args, **kwargs)

    monkeypatch.setattr(build, "make_paper", flaky)
    spec = _setup(project)
    code, out, err = cli("--project", str(project), "build", str(spec), "--jobs", "2")
    assert code == 1
    why = "internal error: RuntimeError: a bug" if how == "bug" else "signal 9"
    assert err == (f"error: {spec}: edition 'east-riding': the paper could not be made "
                   f"({why}); nothing was written for it: build it again, or with --jobs 1 "
                   "--traceback to see why\n")
    folder = project / "output" / "forces"
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(
        k for k in KEYS if k != "east-riding")
    assert [r["status"] for r in _manifest(folder)] == ["ok", "ok", "failed", "ok", "ok"]
    assert out.splitlines()[-1].startswith(f"{spec}: 5 papers: 4 built, 0 unchanged, 1 failed")

"""Nothing lost: a failed build leaves the previous PDF byte-identical and no temporary file."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import briefpress.build as build
from briefpress.errors import BuildError
from conftest import MINIMAL, REACHABLE, write_spec

Cli = Callable[..., tuple[int, str, str]]
OLD = b"%PDF-1.4 the previous, good paper\n"


@pytest.fixture
def spec_with_old_pdf(project: Path) -> tuple[Path, Path]:
    spec = write_spec(project, "paper", REACHABLE)
    old = project / "output" / "paper.pdf"
    old.write_bytes(OLD)
    return spec, old


def _fail(exc: BaseException) -> Callable[..., Any]:
    def raiser(*_args: Any, **_kwargs: Any) -> Any:
        raise exc
    return raiser


@pytest.mark.parametrize("where", ["replace", "fsync", "write"])
def test_failed_write_keeps_the_old_pdf(where: str, project: Path, cli: Cli,
                                        spec_with_old_pdf: tuple[Path, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    spec, old = spec_with_old_pdf
    if where == "write":  # the disk fills up half-way through the bytes
        real_fdopen = os.fdopen

        class Half:
            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                raise OSError(28, "No space left on device")

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, mode, *args, **kwargs)
            return Half(handle) if mode == "wb" else handle

        monkeypatch.setattr(build.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(build.os, where, _fail(OSError(28, "No space left on device")))
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert (code, out) == (1, "")
    assert err == (f"error: {spec}: could not write {project / 'output' / 'paper.pdf'}: "
                   "No space left on device\n")
    assert old.read_bytes() == OLD
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]


def test_interrupt_during_write_keeps_the_old_pdf(project: Path,
                                                  spec_with_old_pdf: tuple[Path, Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _spec, old = spec_with_old_pdf
    monkeypatch.setattr(build.os, "fsync", _fail(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build.write_atomic(old, b"%PDF-1.4 new bytes")
    assert old.read_bytes() == OLD
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]


def test_failed_verification_keeps_the_old_pdf(project: Path, cli: Cli,
                                               spec_with_old_pdf: tuple[Path, Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    spec, old = spec_with_old_pdf
    monkeypatch.setattr(build, "finish", _fail(BuildError(str(spec), "text missing")))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (1, f"error: {spec}: text missing\n")
    assert old.read_bytes() == OLD
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]


def test_successful_write_replaces_whole(project: Path, cli: Cli,
                                         spec_with_old_pdf: tuple[Path, Path]) -> None:
    spec, old = spec_with_old_pdf
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    assert old.read_bytes().startswith(b"%PDF-") and old.read_bytes() != OLD
    assert old.read_bytes().rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]
    assert old.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_many_specs_every_failure_reported_and_the_rest_written(project: Path, cli: Cli) -> None:
    bad = Path(__file__).parent / "bad"
    write_spec(project, "a-good", MINIMAL)
    shutil.copyfile(bad / "duplicate-keys.yaml", project / "briefings" / "b-duplicate.yaml")
    shutil.copyfile(bad / "figure-too-tall.yaml", project / "briefings" / "c-too-tall.yaml")
    write_spec(project, "d-good", MINIMAL.replace("A minimal", "Another"))
    shutil.copyfile(bad / "missing-glyph.yaml", project / "briefings" / "e-glyph.yaml")
    code, out, err = cli("--project", str(project), "build")
    assert code == 1
    assert out.splitlines() == ["built " + str(project / "output" / "a-good.pdf"),
                                "built " + str(project / "output" / "d-good.pdf")]
    lines = err.splitlines()
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in lines] == [
        "a-good.yaml:1:1", "b-duplicate.yaml:7:1", "c-too-tall.yaml:16:7", "d-good.yaml:1:1",
        "e-glyph.yaml:1:19", "e-glyph.yaml:4:29", "e-glyph.yaml:4:42", "e-glyph.yaml:16:13"]
    assert sorted(p.name for p in (project / "output").iterdir()) == ["a-good.pdf", "d-good.pdf"]


PAUSED_BUILD = """
import os, sys, time
import briefpress.build as build
from briefpress.cli import main

real_fsync = os.fsync

def paused(fd):  # the bytes are in the temporary file; it is not yet renamed into place
    real_fsync(fd)
    print("writing", flush=True)
    time.sleep(120)

build.os.fsync = paused
sys.exit(main(sys.argv[1:]))
"""


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _paused_build(project: Path, spec: Path) -> subprocess.Popen[str]:
    """A real ``briefpress build`` in its own process, stopped half-way through its write."""
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_BUILD, "--project", str(project),
                             "build", str(spec)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 120)  # a bounded wait
    if not ready:
        proc.kill()
        proc.communicate(timeout=30)
        pytest.fail("the build never reached its write")
    assert proc.stdout.readline() == "writing\n"
    return proc


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build(
        project: Path, cli: Cli, spec_with_old_pdf: tuple[Path, Path]) -> None:
    spec, old = spec_with_old_pdf
    proc = _paused_build(project, spec)
    proc.kill()  # SIGKILL: nothing can clean up
    proc.communicate(timeout=30)
    left = _temps(project / "output")
    assert len(left) == 1
    assert re.fullmatch(rf"\.paper\.pdf\.briefpress-tmp-{proc.pid}-[a-z0-9_]+\.tmp", left[0])
    assert old.read_bytes() == OLD
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]
    assert old.read_bytes().startswith(b"%PDF-")


def test_sigterm_cleans_up_as_ctrl_c_does(project: Path,
                                         spec_with_old_pdf: tuple[Path, Path]) -> None:
    spec, old = spec_with_old_pdf
    proc = _paused_build(project, spec)
    assert len(_temps(project / "output")) == 1
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out, err) == (143, "", "terminated; no file was left half-written\n")
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]
    assert old.read_bytes() == OLD


def test_ctrl_c_exits_130_without_a_traceback(project: Path,
                                              spec_with_old_pdf: tuple[Path, Path]) -> None:
    spec, old = spec_with_old_pdf
    proc = _paused_build(project, spec)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out, err) == (130, "", "interrupted; no file was left half-written\n")
    assert sorted(p.name for p in (project / "output").iterdir()) == ["paper.pdf"]
    assert old.read_bytes() == OLD


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_only_stale_temporary_files_of_that_pdf_are_removed(project: Path, cli: Cli,
                                                            spec_with_old_pdf: tuple[Path, Path]
                                                            ) -> None:
    spec, _old = spec_with_old_pdf
    out = project / "output"
    dead, alive = _dead_pid(), os.getpid()
    names = {
        "dead": f".paper.pdf.briefpress-tmp-{dead}-abc_123.tmp",
        "old": f".paper.pdf.briefpress-tmp-{alive}-old12345.tmp",
        "busy": f".paper.pdf.briefpress-tmp-{alive}-busy1234.tmp",  # another build, writing now
        "other pdf": f".other.pdf.briefpress-tmp-{dead}-abc12345.tmp",
        "not ours": f".paper.pdf.{dead}.tmp",
        "not ours either": f".paper.pdf.briefpress-tmp-{dead}-abc.tmp.keep",
    }
    for name in names.values():
        (out / name).write_bytes(b"half a PDF")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(out / names["old"], (two_hours_ago, two_hours_ago))
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    kept = {n for n in names.values() if (out / n).exists()}
    assert kept == {names["busy"], names["other pdf"], names["not ours"],
                    names["not ours either"]}

"""The project is found from the spec: its brand, data folders and output/ come with it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, REACHABLE, REPO, reachable, write_spec

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def full_project(project: Path) -> Path:
    """A copy of the real project: assets and every briefing with its data."""
    shutil.copytree(REPO / "briefings", project / "briefings", dirs_exist_ok=True)
    return project


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder is one outside the project, with no project above it."""
    folder = tmp_path_factory.mktemp("elsewhere")
    assert not any((p / "assets" / "brand.yml").exists() for p in (folder, *folder.parents))
    monkeypatch.chdir(folder)
    return folder


def test_a_spec_is_built_into_its_own_projects_output(full_project: Path, elsewhere: Path,
                                                        cli: Cli) -> None:
    spec = full_project / "briefings" / "call-for-action.yaml"
    spec.write_text(reachable(spec.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = cli("build", str(spec))
    assert (code, err) == (0, "")
    target = full_project / "output" / "call-for-action.pdf"
    assert out == f"built {target}\n"
    assert target.read_bytes().startswith(b"%PDF-")
    assert list(elsewhere.iterdir()) == []


def test_check_from_another_folder_uses_the_specs_brand(full_project: Path, elsewhere: Path,
                                                          cli: Cli) -> None:
    spec = write_spec(full_project, "snow", MINIMAL.replace("minimal", "snowman ☃"))
    code, _, err = cli("check", str(spec))
    assert code == 1  # the brand font was found, so the missing glyph is reported
    assert re.match(rf"{re.escape(str(spec))}:1:\d+: title: character '☃' U\+2603 SNOWMAN is "
                    "not in the brand font 'Noto Sans'", err), err


@pytest.mark.parametrize("where", ["before", "after"])
def test_project_option_before_or_after_the_command(full_project: Path, elsewhere: Path,
                                                     cli: Cli, where: str) -> None:
    other = elsewhere / "other"
    shutil.copytree(full_project / "assets", other / "assets")
    spec = write_spec(full_project, "mine", REACHABLE)
    option = ["--project", str(other)]
    args = [*option, "build", str(spec)] if where == "before" else ["build", str(spec), *option]
    code, out, err = cli(*args)
    assert (code, err) == (0, "")
    assert out == f"built {other / 'output' / 'mine.pdf'}\n"  # --project names another
    assert not (full_project / "output" / "mine.pdf").exists()
    code, _, err = cli("check", str(spec), "--project", str(other), "--strict")
    assert (code, err) == (0, "")


def test_traceback_option_after_the_command(cli: Cli) -> None:
    code, out, _ = cli("schema", "--traceback")
    assert code == 0 and out.startswith("{")


def test_specs_of_two_projects_each_build_into_their_own(full_project: Path, elsewhere: Path,
                                                         cli: Cli) -> None:
    second = elsewhere / "second"
    shutil.copytree(full_project / "assets", second / "assets")
    (second / "briefings").mkdir()
    a = write_spec(full_project, "a", REACHABLE)
    b = write_spec(second, "b", REACHABLE)
    code, out, err = cli("build", str(a), str(b))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"built {full_project / 'output' / 'a.pdf'}",
                                f"built {second / 'output' / 'b.pdf'}"]


def test_build_and_new_inside_a_project_folder_find_it(full_project: Path, cli: Cli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(full_project / "briefings" / "data")
    code, _, err = cli("new", "from-below")
    assert (code, err) == (0, "")
    assert (full_project / "briefings" / "from-below.yaml").is_file()
    shutil.rmtree(full_project / "briefings")
    (full_project / "briefings").mkdir()
    write_spec(full_project, "only", REACHABLE)
    monkeypatch.chdir(full_project / "assets")
    code, out, err = cli("build")
    assert (code, err) == (0, "")
    assert out == f"built {full_project / 'output' / 'only.pdf'}\n"
    assert (full_project / "output" / "only.pdf").is_file()


def test_no_project_anywhere_says_how_to_name_one(elsewhere: Path, cli: Cli) -> None:
    spec = elsewhere / "loose.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    code, out, err = cli("build", str(spec))
    assert (code, out) == (1, "")
    assert err == ("assets/brand.yml: file not found; a project is the folder holding "
                   "assets/brand.yml, found above the spec or the current folder: run "
                   "briefpress inside a project or give --project DIR\n")
    assert list(elsewhere.iterdir()) == [spec]


def _readme_block(heading: str) -> list[str]:
    """The command lines of the first ``sh`` block under a README heading, comments dropped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line.split("  #")[0].strip() for line in block.group(1).splitlines()
            if line.strip()]


def test_readme_usage_works_in_a_fresh_shell(tmp_path: Path) -> None:
    """The README's usage lines, run as written in a shell whose PATH has only the system's
    folders: its first line is what puts briefpress on the PATH."""
    venv = REPO / ".venv"
    if Path(sys.prefix).resolve() != venv.resolve():
        pytest.skip("the README's commands use the project's own .venv; tests run elsewhere")
    lines = _readme_block("Using it")
    assert lines[0] == ". .venv/bin/activate"
    shown = [lines[0], "briefpress build briefings/appg.yaml --out /tmp/pdf",
             "briefpress check briefings/appg.yaml", "briefpress schema"]
    assert [line for line in lines if line in shown] == shown
    out = tmp_path / "pdf"
    script = "\n".join([shown[0], shown[1].replace("/tmp/pdf", str(out)), shown[2],
                        shown[3] + " > /dev/null", "command -v briefpress"])
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()  # the shipped brand's placeholder, and no contact
    assert warnings and all(": warning: " in line for line in warnings), result.stderr
    assert result.stdout == (f"built {out / 'appg.pdf'}\nbriefings/appg.yaml: 326 words in the "
                             f"body, about 2 minutes to read\n{venv / 'bin' / 'briefpress'}\n")
    assert (out / "appg.pdf").read_bytes().startswith(b"%PDF-")
    without = subprocess.run(["bash", "--noprofile", "--norc", "-c", shown[2]], cwd=REPO,
                             env=env, capture_output=True, text=True, timeout=60, check=False)
    assert without.returncode == 127  # the first line is needed: briefpress is not on PATH

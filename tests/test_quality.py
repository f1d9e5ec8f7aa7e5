"""The code's own standards, checked with the tests: ruff, mypy --strict, stage order."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SRC = REPO / "src" / "briefpress"

# The pipeline, in order; a module may import only modules of its own or earlier stages.
STAGES = ["errors", "profile", "source", "spec", "brand", "charts", "plan", "story", "pages",
          "finish", "length", "manifest", "pool", "runs", "build", "watch", "pack", "progress",
          "cli"]
# Third-party libraries confined to the stages whose job they are.
CONFINED = {"yaml": {"source", "spec"}, "matplotlib": {"charts"}, "reportlab": {"story", "pages"},
            "svglib": {"story"}, "pypdf": {"finish"}, "pypdfium2": {"finish"},
            "watchfiles": {"watch"}, "rich": {"progress"}}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else "__init__"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, by its full name: ``from briefpress import plan`` is
    ``briefpress.plan``; a relative import is named as written, so it is caught below."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "briefpress":
                names.update(f"briefpress.{a.name}" for a in node.names)
    return names


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(p for p in rel.parts if p != "__init__")
        out.append((name, path))
    return out


def test_no_relative_imports() -> None:
    """Stages are named in full, so the import-order check below sees every import."""
    wrong = [f"{name} imports {imported}" for name, path in _modules()
             for imported in _imports(path) if imported.startswith(".")]
    assert wrong == []


def test_the_import_check_sees_every_form(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from briefpress import build\nfrom . import x\nfrom .y import z\n"
                      "import briefpress.plan\n", encoding="utf-8")
    assert _imports(sample) == {"briefpress", "briefpress.build", ".", ".y", "briefpress.plan"}


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for name, path in _modules():
        own = _stage(name)
        if own == "__init__" or name == "briefpress.__main__":
            continue
        for imported in _imports(path):
            if not imported.startswith("briefpress.") or imported == "briefpress":
                continue
            other = _stage(imported)
            if other != "__init__" and STAGES.index(other) > STAGES.index(own):
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_brand_uses_only_the_public_face_of_spec() -> None:
    """What brand and spec both need (the YAML reader, text policy, font and image files,
    error locating) lives in ``source``, below both; brand may use a spec's public values
    but not reach into how a spec is read."""
    public = {"briefpress.spec", "briefpress.spec.model"}
    wrong = [f"{name} imports {imported}" for name, path in _modules()
             if _stage(name) == "brand" for imported in _imports(path)
             if _stage(imported) == "spec" and imported not in public]
    assert wrong == []


def test_libraries_stay_in_their_stage() -> None:
    wrong = []
    for name, path in _modules():
        own = _stage(name)
        for imported in _imports(path):
            top = imported.split(".")[0]
            if top in CONFINED and own not in CONFINED[top]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

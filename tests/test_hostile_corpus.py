"""The corpus of mistaken and hostile specs in ``tests/bad/``: each gets exactly its message.

Each case is ``NAME.yaml`` (bytes as they would arrive) and ``NAME.expected``.
An expected file starts ``exit N``. For exit 1 the remaining lines are the exact
stderr of ``briefpress build``, with ``{spec}`` standing for the spec's path;
for exit 0 the next line is the title and each line is text the built PDF
must contain (whitespace aside). A message
that drifts, or a case without an expected file, fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CHARITY_NUMBER, MINIMAL, length_line, no_contact, pdf_text, write_spec

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))
Cli = Callable[..., tuple[int, str, str]]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body(text: str, title: str) -> str:
    """The PDF's text squashed, with the footer and header between pages cut out."""
    furniture = (re.escape(squash(f"Digital-Trust · Registered charity number {CHARITY_NUMBER}"))
                 + r"Page\d+of\d+(?:" + re.escape(squash(title)) + r"\d{1,2}[A-Z][a-z]+\d{4})?")
    return re.sub(furniture, "", squash(text))


def expected(name: str) -> tuple[int, list[str]]:
    lines = (BAD / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    code = int(lines[0].removeprefix("exit "))
    return code, lines[1:]


def test_every_case_has_an_expected_file() -> None:
    assert len(CASES) >= 25
    assert sorted(p.stem for p in BAD.glob("*.expected")) == CASES


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name: str, project: Path, cli: Cli) -> None:
    spec = project / "briefings" / f"{name}.yaml"
    shutil.copyfile(BAD / f"{name}.yaml", spec)
    code, lines = expected(name)
    got, _out, err = cli("--project", str(project), "build", str(spec))
    pdf = project / "output" / f"{name}.pdf"
    if code == 0:
        assert (got, err) == (0, "")
        text = body(pdf_text(pdf), lines[0])  # a long word wraps over lines with no space
        missing = [line[:80] for line in lines if squash(line) not in text]
        assert missing == []
    else:
        assert err.replace(str(spec), "{spec}").splitlines() == lines
        assert got == code
        assert "Traceback" not in err
        assert list((project / "output").iterdir()) == []


# Cases too big to keep as files, or that need the file system: (name, make, stderr lines).
def _oversize(path: Path) -> None:
    path.write_bytes(MINIMAL.encode() + b"#" * 2_000_001 + b"\n")


def _long_string(path: Path) -> None:
    path.write_text(MINIMAL.replace("A minimal briefing", "x" * 20_001), encoding="utf-8")


def _many_values(path: Path) -> None:
    path.write_text(MINIMAL + "keywords: [" + ",".join("k" for _ in range(15_001)) + "]\n",
                    encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


GENERATED: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("oversize", _oversize, ["{spec}: file is 2,000,136 bytes; the limit is 2,000,000"]),
    ("long-string", _long_string,
     ["{spec}:1:8: title: text is 20,001 characters; the limit is 20,000"]),
    ("many-values", _many_values, ["{spec}:7:29982: keywords[14985]: too many values "
                                   "(more than 15,000)"]),
    ("fifo", _fifo, ["{spec}: not a regular file"]),
    ("directory", _directory, ["{spec}: not a regular file"]),
]


@pytest.mark.parametrize(("name", "make", "lines"), GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_case(name: str, make: Callable[[Path], None], lines: list[str],
                        project: Path, cli: Cli) -> None:
    spec = project / "briefings" / f"{name}.yaml"
    make(spec)
    got, _out, err = cli("--project", str(project), "build", str(spec))
    assert err.replace(str(spec), "{spec}").splitlines() == lines
    assert got == 1
    assert list((project / "output").iterdir()) == []


def test_check_strict_turns_warnings_into_errors(project: Path, cli: Cli) -> None:
    """A figure without alt text is a warning: exit 0 normally, 1 with --strict."""
    spec = write_spec(project, "warn", MINIMAL + (
        "sections:\n  - heading: One\n    blocks: [{figure: counts}]\n"
        "figures:\n  - {id: counts, kind: bar, title: Counts, source: Here, data: {a: 1}}\n"))
    warning = no_contact(spec) + (
        f"{spec}:11:5: warning: figures[0]: figure 'counts' has no 'alt' text; a description "
        "was drafted from its data: check it reads well, or write your own\n")
    length = length_line(spec)  # on stdout: information, not a warning
    assert cli("--project", str(project), "check", str(spec)) == (0, length, warning)
    assert cli("--project", str(project), "check", "--strict", str(spec)) == (1, length, warning)


def test_traceback_only_when_asked(project: Path, cli: Cli) -> None:
    spec = project / "briefings" / "dup.yaml"
    shutil.copyfile(BAD / "duplicate-keys.yaml", spec)
    code, _, err = cli("--project", str(project), "check", str(spec))
    assert code == 1
    assert "Traceback" not in err
    code, _, err = cli("--project", str(project), "--traceback", "check", str(spec))
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().endswith(f"{spec}:7:1: duplicate key 'title' (first given on line 1); "
                                 "keep one of them")

"""Bad specs: one located line per problem, exit 1, no PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import write_spec

BAD = """\
title: Errors
date: 2024-03-01
summary: Fine.
findings:
  - text: A finding.
    figur: some-figure
  - text: [not, text]
"""


def test_misspelt_wrong_type_and_missing_each_get_a_line(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    spec = write_spec(project, "bad", BAD)
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    lines = err.strip().splitlines()
    name = str(spec)
    assert lines == [
        f"{name}:1:1: missing required key 'authors'",
        f"{name}:6:5: findings[0]: unknown key 'figur'; did you mean 'figure'?",
        f"{name}:7:11: findings[1].text: expected text, got a list",
    ]
    assert not (project / "output" / "bad.pdf").exists()
    assert list((project / "output").iterdir()) == []


def test_check_writes_nothing_and_reports_the_same(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    spec = write_spec(project, "bad", BAD)
    code, _out, err = cli("--project", str(project), "check", str(spec))
    assert code == 1
    assert len(err.strip().splitlines()) == 3
    assert list((project / "output").iterdir()) == []


def test_usage_error_exits_2(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, _, err = cli("frobnicate")
    assert code == 2
    assert "invalid choice" in err

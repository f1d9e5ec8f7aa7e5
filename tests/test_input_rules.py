"""Every way in follows the same rules: spec fields, CSV cells, brand facts, numbers, files.

Each test feeds the input that once slipped through and checks the exact located
message (exit 1, no PDF) or the correct PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefpress.errors import BuildError, Problem, printable
from conftest import MINIMAL, write_spec

Cli = Callable[..., tuple[int, str, str]]


def _fails(project: Path, cli: Cli, spec: Path, command: str = "build") -> list[str]:
    """The stderr lines of a run that must fail with exit 1 and write nothing."""
    code, out, err = cli("--project", str(project), command, str(spec))
    assert (code, out) == (1, "")
    assert "Traceback" not in err and "internal error" not in err
    assert list((project / "output").iterdir()) == []
    return [line.replace(str(spec), "{spec}") for line in err.splitlines()]


# Messages: one line each, nothing a terminal would act on.

def test_a_message_never_carries_raw_control_bidi_or_separator_characters() -> None:
    hostile = "a\x1b[31mred\x00\u202eevil\u2028next\nline\x85\u200b\ud800"
    shown = str(Problem("x.yaml", 3, 4, f"data[\"{hostile}\"]", f"got '{hostile}'"))
    expected = ("a<U+001B>[31mred<U+0000><U+202E>evil<U+2028>next<U+000A>line<U+0085>"
                "<U+200B><U+D800>")
    assert shown == f'x.yaml:3:4: data["{expected}"]: got \'{expected}\''
    assert shown.isprintable()
    assert str(BuildError("a\nb.yaml", "text\u2029missing")) == (
        "a<U+000A>b.yaml: text<U+2029>missing")


def test_letters_of_every_script_are_shown_as_they_are() -> None:
    assert printable("Ŵyl, שלום, مرحبا, 東京, £5 — “quoted”") == (
        "Ŵyl, שלום, مرحبا, 東京, £5 — “quoted”")


def test_an_echoed_value_is_escaped_end_to_end(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "echo", MINIMAL + 'language: "cy\\e[2J\\u202e"\n')
    assert _fails(project, cli, spec, "check")[-1] == (
        "{spec}:7:11: language: 'cy<U+001B>[2J<U+202E>' is not one of: en-GB, cy-GB")

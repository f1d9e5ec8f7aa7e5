"""Error values shared by every stage.

The library never prints: a stage that finds bad input raises :class:`SpecError`
carrying every :class:`Problem` it found, so the CLI can show them all at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Controls (NUL, ESC, NEL), invisible format characters (bidi overrides, zero-width
space), surrogates, private-use and unassigned code points, line and paragraph
separators: none may reach a terminal raw."""

_SUSPECT = re.compile(r"[^\x20-\x7e]+")


def printable(text: str) -> str:
    """*text* with every character a terminal would act on or hide shown as ``<U+202E>``.

    A message is one line: a raw escape sequence could recolour the terminal, a
    direction override reorder the line, a line separator or newline split one
    problem over two lines. Letters of every script are kept as they are.
    """
    return _SUSPECT.sub(_escape, text)


def _escape(run: re.Match[str]) -> str:
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in _UNPRINTABLE else ch
                   for ch in run.group())


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """``file:line:col: path: message`` on one line, whatever the input held."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return printable(f"{where}: {prefix}{self.path}: {self.message}")
        return printable(f"{where}: {prefix}{self.message}")


class BriefpressError(Exception):
    """Base of every error the library raises on purpose."""


class SpecError(BriefpressError):
    """Input (a spec, its data or the brand) is invalid; holds every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(len(self.problems))

    def __reduce__(self) -> tuple[type[SpecError], tuple[tuple[Problem, ...]]]:
        """Picklable, so a worker process can hand it back whole."""
        return type(self), (self.problems,)

    def __str__(self) -> str:
        """Every problem, one a line (made when asked: a spec may have thousands)."""
        return "\n".join(str(p) for p in self.problems)


class BuildError(BriefpressError):
    """The spec was valid but the document could not be made or verified."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(printable(f"{file}: {message}"))

    def __reduce__(self) -> tuple[type[BuildError], tuple[str, str]]:
        """Picklable, so a worker process can hand it back whole."""
        return type(self), (self.file, self.message)


class BlockTooLarge(BuildError):
    """A block could not be placed on any page; ``node`` names the part of the document
    plan that did not fit, if known.

    The build turns it into a located :class:`SpecError` at the spec value the
    plan part came from, since the author fixes it in the spec (fewer bars, a
    shorter text).
    """

    def __init__(self, file: str, message: str, node: str | None = None) -> None:
        super().__init__(file, message)
        self.node = node

    def __reduce__(self) -> tuple[type[BuildError], tuple[str, str]]:
        return type(self), (self.file, self.message, self.node)  # type: ignore[return-value]


class ChartDoesNotFit(BriefpressError):
    """A chart cannot be drawn inside its box: too many bars for a page, or values too far
    apart in size to draw to one scale.

    ``figure`` is the figure's id and ``where`` the key inside that figure the author
    changes (``("axis_label",)``, ``("data", "Merseyside")``, ``("csv", "category")``);
    the build turns it into a located :class:`SpecError`, since the fix is in the spec.
    """

    def __init__(self, figure: str, where: tuple[str | int, ...], message: str) -> None:
        self.figure = figure
        self.where = where
        self.message = message
        super().__init__(f"figure '{figure}': {message}")


class ChartTextTooLong(ChartDoesNotFit):
    """A label, series name or number is wider (or, wrapped, taller) than the room the
    chart has for it; the message names the text and the room there is."""

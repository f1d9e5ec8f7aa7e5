"""Error values shared by every stage.

The library never prints: a stage that finds bad input raises :class:`SpecError`
carrying every :class:`Problem` it found, so the CLI can show them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return f"{where}: {prefix}{self.path}: {self.message}"
        return f"{where}: {prefix}{self.message}"


class BriefpressError(Exception):
    """Base of every error the library raises on purpose."""


class SpecError(BriefpressError):
    """Input (a spec, its data or the brand) is invalid; holds every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(BriefpressError):
    """The spec was valid but the document could not be made or verified."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


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

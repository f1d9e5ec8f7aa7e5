"""Every character of a spec's text must be drawable in the brand font.

reportlab draws a character its font lacks as an empty box (or nothing), and
says nothing: a Welsh name with a box in it, or an emoji that vanished, would
go to the press unnoticed. So before layout every text in the briefing, and
every text read from its CSV files, is checked against the font's code points
and each missing character is an error naming it (``U+1F600 GRINNING FACE``)
and where it was typed: the character's own line and column in the spec, or
the CSV file, row and column with the spec line that loads it.

Right-to-left scripts and emoji are not in the bundled Noto Sans, so they get
this error rather than being drawn wrongly. The rules themselves (and the
control and invisible characters refused whatever the font) are in
:mod:`briefpress.source.textpolicy`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from briefpress.errors import Problem
from briefpress.source.textpolicy import Lacks, describe_missing, name_char, undrawable
from briefpress.spec.inline import RichText
from briefpress.spec.model import Loc, walk

if TYPE_CHECKING:
    from briefpress.spec import LoadedSpec

__all__ = ["Lacks", "check_glyphs", "describe_missing", "missing_glyphs", "name_char", "texts"]


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every piece of text that will be drawn, with its location in the model.

    Inline text yields its runs' text (what is printed, not the ``**`` typed);
    link targets are not drawn and are left out.
    """
    for where, item in walk(value, loc):
        if isinstance(item, RichText):
            drawn = "".join(r.text for r in item.runs)
            if drawn:
                yield where, drawn
        elif isinstance(item, str):
            yield where, item


def missing_glyphs(value: Any, lacks: Lacks, font: str = "") -> list[tuple[Loc, list[str]]]:
    """Each location whose text has characters the font lacks, with those characters."""
    found: list[tuple[Loc, list[str]]] = []
    for loc, text in texts(value):
        flaw = undrawable(text, lacks, font)
        if flaw is not None:
            found.append((loc, list(flaw.chars)))
    return found


def check_glyphs(loaded: LoadedSpec, lacks: Lacks, font: str) -> list[Problem]:
    """One located error per text (spec field or CSV cell) holding a character the brand
    font cannot draw, at the first such character."""
    problems: list[Problem] = []
    for loc, text in texts(loaded.briefing):
        flaw = undrawable(text, lacks, font)
        if flaw is not None:
            problems.append(loaded.problem(loc, flaw.message, char=flaw.chars[0]))
    for cell in loaded.cells:
        flaw = undrawable(cell.text, lacks, font)
        if flaw is not None:
            problems.append(loaded.problem(cell.loc, f"{cell.where}: {flaw.message}"))
    return problems

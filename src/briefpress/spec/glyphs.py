"""Every character of a spec's text must be drawable in the brand font.

reportlab draws a character its font lacks as an empty box (or nothing), and
says nothing: a Welsh name with a box in it, or an emoji that vanished, would
go to the press unnoticed. So before layout every text in the briefing is
checked against the font's code points and each missing character is an error
naming it (``U+1F600 GRINNING FACE``) and where it was typed.

Right-to-left scripts and emoji are not in the bundled Noto Sans, so they get
this error rather than being drawn wrongly.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from briefpress.errors import Problem
from briefpress.spec.inline import RichText
from briefpress.spec.model import Loc, walk

if TYPE_CHECKING:
    from briefpress.spec import LoadedSpec

Lacks = Callable[[str], list[str]]
"""Given a text, the distinct characters the font cannot draw (``FontFamily.lacks``)."""

SHOWN_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pc", "Pd",
                              "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"})
"""Characters safe to echo in a message. Controls, combining marks and right-to-left
letters (which would reorder the terminal line around them) are named only."""


def name_char(ch: str) -> str:
    """``'😀' U+1F600 GRINNING FACE``; an invisible or control character by code point only."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    label = f"{code} {name}" if name else code
    if (unicodedata.category(ch) in SHOWN_CATEGORIES
            and unicodedata.bidirectional(ch) not in ("R", "AL")):
        return f"'{ch}' {label}"
    return label


def describe_missing(chars: Sequence[str], font: str) -> str:
    """The message for characters the brand font *font* cannot draw."""
    named = ", ".join(name_char(c) for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    if len(chars) == 1:
        return (f"character {named} is not in the brand font '{font}' and cannot be printed; "
                "remove it or replace it")
    return (f"characters {named}{more} are not in the brand font '{font}' and cannot be "
            "printed; remove them or replace them")


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


def invisible(text: str) -> list[str]:
    """Distinct format characters (soft hyphen, zero-width space, direction overrides).

    They draw nothing, so the printed text would differ from the text typed (and
    cannot be checked for after layout); a direction override can make a line
    read differently from what it says.
    """
    return list(dict.fromkeys(ch for ch in text if unicodedata.category(ch) == "Cf"))


def describe_invisible(chars: Sequence[str]) -> str:
    """The message for invisible formatting characters."""
    named = ", ".join(name_char(c) for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    what = "an invisible formatting character" if len(chars) == 1 else (
        "invisible formatting characters")
    return (f"{what} {named}{more}, often pasted from a word processor; delete "
            f"{'it' if len(chars) == 1 else 'them'}")


def missing_glyphs(value: Any, lacks: Lacks) -> list[tuple[Loc, list[str]]]:
    """Each location whose text has characters the font lacks, with those characters."""
    found: list[tuple[Loc, list[str]]] = []
    for loc, text in texts(value):
        chars = [c for c in lacks(text) if unicodedata.category(c) != "Cf"]
        if chars:
            found.append((loc, chars))
    return found


def check_glyphs(loaded: LoadedSpec, lacks: Lacks, font: str) -> list[Problem]:
    """One located error per text holding a character that would not print as typed."""
    problems: list[Problem] = []
    for loc, text in texts(loaded.briefing):
        hidden = invisible(text)
        if hidden:
            problems.append(loaded.problem(loc, describe_invisible(hidden)))
        chars = [c for c in lacks(text) if c not in hidden]
        if chars:
            problems.append(loaded.problem(loc, describe_missing(chars, font)))
    return problems

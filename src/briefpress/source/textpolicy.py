"""The one text policy: what any text must be, wherever it enters.

Spec fields (every YAML scalar, keys included), CSV cells and brand facts all pass
through :func:`admit`, so the same text is accepted or refused the same way
whichever door it came in by:

* it is normalised to Unicode NFC, so a Welsh ``w`` followed by a combining
  circumflex (as some keyboards and PDFs produce) becomes the one letter ``ŵ``
  and is drawn as such;
* it is at most :data:`MAX_TEXT_CHARS` characters long;
* it holds no control character (NUL, ESC, ...; tab and line breaks are whitespace),
  no invisible formatting character (soft hyphen, zero-width space, direction
  overrides, line and paragraph separators), and no accent left over after NFC
  with no letter to sit on (reportlab cannot place one);
* with a font, every character is one the brand font can draw.

Each rule broken is one :class:`Flaw`, naming the characters at fault and the
index of the first, so the caller can point at it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_TEXT_CHARS = 20_000
"""The longest text any single value may hold: a spec string, a CSV cell, a brand fact."""

Lacks = Callable[[str], list[str]]
"""Given a text, the distinct characters the font cannot draw (``FontFamily.lacks``)."""

WHITESPACE_CONTROLS = frozenset("\t\n\r")
"""Control characters that are ordinary whitespace (line breaks inside a block of text)."""

INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp"})
CONTROL_CATEGORIES = frozenset({"Cc", "Cs"})
MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})

SHOWN_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pc", "Pd",
                              "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"})
"""Characters safe to echo in a message. Controls, combining marks and right-to-left
letters (which would reorder the terminal line around them) are named only."""

_PLAIN = re.compile(r"[\x20-\x7e\t\n\r]*")


@dataclass(frozen=True)
class Flaw:
    """One rule a text breaks: the distinct characters at fault, where the first one is
    (an index into the normalised text), and the message for the author."""

    chars: tuple[str, ...]
    index: int
    message: str


def normal(text: str) -> str:
    """*text* in Unicode NFC (plain ASCII, the common case, is returned as it is)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def admit(text: str, lacks: Lacks | None = None, font: str = "") -> tuple[str, list[Flaw]]:
    """*text* normalised, and every rule of the policy it breaks (none: it may be used).

    With *lacks* (the brand font's :meth:`lacks`), characters the font cannot draw
    are flaws too; *font* names it in the message.
    """
    text = normal(text)
    return text, flaws(text, lacks, font)


def flaws(text: str, lacks: Lacks | None = None, font: str = "") -> list[Flaw]:
    """The rules an already normalised *text* breaks, in the order they are listed above."""
    if len(text) > MAX_TEXT_CHARS:
        return [Flaw((), MAX_TEXT_CHARS, too_long(len(text)))]
    found: list[Flaw] = []
    if not _PLAIN.fullmatch(text):
        found += _character_flaws(text)
    if lacks is not None:
        glyphs = undrawable(text, lacks, font)
        found += [glyphs] if glyphs is not None else []
    return found


def undrawable(text: str, lacks: Lacks, font: str) -> Flaw | None:
    """Characters of *text* the font cannot draw, other than those refused for what they
    are (a control or invisible character is reported as such, not as a missing glyph)."""
    missing = [c for c in lacks(text) if _kind_of(c) is None]
    if not missing:
        return None
    return Flaw(tuple(missing), text.index(missing[0]), describe_missing(missing, font))


def too_long(length: int) -> str:
    return f"text is {length:,} characters; the limit is {MAX_TEXT_CHARS:,}"


def _character_flaws(text: str) -> list[Flaw]:
    groups: dict[str, dict[str, int]] = {"control": {}, "invisible": {}, "mark": {}}
    for i, ch in enumerate(text):
        kind = _kind_of(ch)
        if kind is not None:
            groups[kind].setdefault(ch, i)
    out = []
    for kind, describe in (("control", describe_control), ("invisible", describe_invisible),
                           ("mark", describe_stray_mark)):
        chars = groups[kind]
        if chars:
            out.append(Flaw(tuple(chars), min(chars.values()), describe(list(chars))))
    return out


def _kind_of(ch: str) -> str | None:
    if ch in WHITESPACE_CONTROLS or " " <= ch <= "~":
        return None
    category = unicodedata.category(ch)
    if category in CONTROL_CATEGORIES:
        return "control"
    if category in INVISIBLE_CATEGORIES:
        return "invisible"
    if category in MARK_CATEGORIES:
        return "mark"
    return None


CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION",
                 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}
"""Unicode gives control characters no names, only aliases; these are the usual ones."""


def name_char(ch: str) -> str:
    """``'😀' U+1F600 GRINNING FACE``; an invisible or control character by code point only."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "") or CONTROL_NAMES.get(ord(ch), "")
    label = f"{code} {name}" if name else code
    if (unicodedata.category(ch) in SHOWN_CATEGORIES
            and unicodedata.bidirectional(ch) not in ("R", "AL")):
        return f"'{ch}' {label}"
    return label


def _named(chars: Sequence[str]) -> str:
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    return ", ".join(name_char(c) for c in chars[:5]) + more


def describe_missing(chars: Sequence[str], font: str) -> str:
    """The message for characters the brand font *font* cannot draw."""
    if len(chars) == 1:
        return (f"character {_named(chars)} is not in the brand font '{font}' and cannot be "
                "printed; remove it or replace it")
    return (f"characters {_named(chars)} are not in the brand font '{font}' and cannot be "
            "printed; remove them or replace them")


def describe_invisible(chars: Sequence[str]) -> str:
    """The message for invisible formatting characters (they draw nothing, so the printed
    text would differ from the text typed; a direction override can make a line read
    differently from what it says)."""
    what = "an invisible formatting character" if len(chars) == 1 else (
        "invisible formatting characters")
    return (f"{what} {_named(chars)}, often pasted from a word processor; delete "
            f"{'it' if len(chars) == 1 else 'them'}")


def describe_control(chars: Sequence[str]) -> str:
    """The message for control characters (NUL, BEL, ESC...): never text, often the
    remains of a bad copy or an escape written by mistake (``"\\0"``)."""
    what = "a control character" if len(chars) == 1 else "control characters"
    return (f"{what} {_named(chars)}, which cannot be printed; delete "
            f"{'it' if len(chars) == 1 else 'them'}")


def describe_stray_mark(chars: Sequence[str]) -> str:
    """The message for combining accents that did not join their letter under NFC."""
    what = "an accent" if len(chars) == 1 else "accents"
    return (f"{what} {_named(chars)} typed separately from {'its' if len(chars) == 1 else 'their'}"
            " letter, with no single letter that has it; it would print out of place: type "
            "the accented letter itself")

"""Inline formatting in spec text: the only markup an author can write.

The spec allows ``**bold**``, ``*italic*``, links ``[text](https://...)``,
figure citations ``@fig:some-id`` and source-note citations ``[^2]``; a
backslash makes the next of ``\\ * [ ] @`` literal. Everything else, including
``<b>``, ``&`` and anything that looks like reportlab or HTML markup, is plain
text. Parsing happens at the boundary, so the later stages receive runs of plain
text with flags and never a markup string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

ALLOWED_SCHEMES = ("https://", "http://", "mailto:")
NOTE_PREFIX = "#source-"
"""``[^2]`` cites source note 2: printed "[2]", linked to the note under "Sources"."""

_TOKEN = re.compile(
    r"\\(?P<esc>[\\*\[\]@])"
    r"|\*\*(?P<bold>(?:\\.|[^\\])+?)\*\*"
    r"|\*(?P<ital>(?=\S)(?:\\.|[^\\*])+?(?<=\S))\*"
    r"|\[\^(?P<note>[1-9][0-9]{0,2})\]"
    r"|\[(?P<ltext>(?:\\.|[^\]\\])+)\]\((?P<href>[^()\s]+)\)"
    r"|@fig:(?P<fig>[a-z0-9]+(?:-[a-z0-9]+)*)"
)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    figure: str | None = None


@dataclass(frozen=True)
class RichText:
    """Spec text parsed into runs; ``plain`` is what a reader sees (citations aside)."""

    source: str
    runs: tuple[Run, ...]

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs if r.figure is None)

    @property
    def notes(self) -> tuple[int, ...]:
        """The source notes this text cites with ``[^N]``."""
        return tuple(int(r.href.removeprefix(NOTE_PREFIX)) for r in self.runs
                     if r.href is not None and r.href.startswith(NOTE_PREFIX))

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(r.figure for r in self.runs if r.figure is not None)

    def __str__(self) -> str:
        return self.source


def _check_href(href: str) -> str:
    if not href.lower().startswith(ALLOWED_SCHEMES):
        raise ValueError(
            f"link target '{href}' is not allowed; links must start with https://, http:// "
            "or mailto:"
        )
    return href


def _parse(text: str, base: Run) -> list[Run]:
    runs: list[Run] = []
    pos = 0

    def plain(s: str) -> None:
        if s:
            runs.append(replace(base, text=s))

    for m in _TOKEN.finditer(text):
        plain(text[pos : m.start()])
        pos = m.end()
        if m.group("esc") is not None:
            plain(m.group("esc"))
        elif m.group("bold") is not None:
            runs.extend(_parse(m.group("bold"), replace(base, bold=True)))
        elif m.group("ital") is not None:
            runs.extend(_parse(m.group("ital"), replace(base, italic=True)))
        elif m.group("note") is not None:
            runs.append(replace(base, text=f"[{m.group('note')}]",
                                href=NOTE_PREFIX + m.group("note")))
        elif m.group("ltext") is not None:
            href = _check_href(m.group("href"))
            runs.extend(_parse(m.group("ltext"), replace(base, href=href)))
        else:
            runs.append(replace(base, text="", figure=m.group("fig")))
    plain(text[pos:])
    return runs


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in runs:
        if out and run.figure is None and out[-1].figure is None and replace(
            out[-1], text=""
        ) == replace(run, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    return tuple(out)


def parse_inline(text: str) -> RichText:
    """Parse author text; raises ValueError for a link with a scheme we do not allow."""
    return RichText(source=text, runs=_merge(_parse(text, Run(text=""))))

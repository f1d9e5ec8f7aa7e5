"""Spec text to reportlab Paragraph markup, escaping everything the author typed.

reportlab's Paragraph parses an XML-like markup and has executed code from it
before (CVE-2023-33733). Author text therefore never reaches it raw: each run is
escaped, and only the formatting the spec allows (bold, italic, checked links,
figure citations) is turned into tags that this module writes itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from briefpress.spec.inline import RichText, Run
from briefpress.story.safety import pin_reportlab

pin_reportlab()  # before any Paragraph is made; see story.safety


def text(value: str) -> str:
    """Plain text, escaped for a Paragraph."""
    return escape(value)


def _run(run: Run, figures: Mapping[str, int], link_colour: str) -> str:
    if run.figure is not None:
        number = figures[run.figure]
        return (f'<a href={quoteattr("#" + figure_anchor(run.figure))} color="{link_colour}">'
                f"Figure {number}</a>")
    out = escape(run.text)
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    if run.href is not None:
        out = f'<a href={quoteattr(run.href)} color="{link_colour}"><u>{out}</u></a>'
    return out


def rich(value: RichText, figures: Mapping[str, int], link_colour: str = "#14365C") -> str:
    """Inline spec text as Paragraph markup."""
    return "".join(_run(r, figures, link_colour) for r in value.runs)


def figure_anchor(figure_id: str) -> str:
    """The PDF destination name of a figure."""
    return f"figure-{figure_id}"

"""Plan text to reportlab Paragraph markup, escaping everything the author typed.

reportlab's Paragraph parses an XML-like markup and has executed code from it
before (CVE-2023-33733). Author text therefore never reaches it raw: each span
is escaped, and only the formatting the plan carries (bold, italic, links) is
turned into tags that this module writes itself.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from briefpress.plan.nodes import Inline, Span
from briefpress.story.safety import pin_reportlab

pin_reportlab()  # before any Paragraph is made; see story.safety


def text(value: str) -> str:
    """Plain text, escaped for a Paragraph."""
    return escape(value)


def _span(span: Span, link_colour: str, links: bool) -> str:
    out = escape(span.text)
    if span.italic:
        out = f"<i>{out}</i>"
    if span.bold:
        out = f"<b>{out}</b>"
    link = span.link
    if link is None or not links:
        return out
    if link.target is not None:
        return f"<a href={quoteattr('#' + link.target)} color={quoteattr(link_colour)}>{out}</a>"
    assert link.uri is not None
    return (f"<a href={quoteattr(link.uri)} color={quoteattr(link_colour)}>"
            f"<u>{out}</u></a>")


def markup(spans: Inline, link_colour: str, links: bool = True) -> str:
    """Plan text as Paragraph markup; with *links* off (paper), links print as text."""
    return "".join(_span(s, link_colour, links) for s in spans)

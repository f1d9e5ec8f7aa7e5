"""The press office's email, in plain text and in Markdown, from the document plan.

The plan already holds the paper in words (the summary, the key findings with their
citations resolved to "Figure 3", the furniture in the paper's language), so the
email says exactly what the PDF says: the embargo line first (or "FOR IMMEDIATE
RELEASE"), the title, the summary, the key findings, a line naming the attached PDF,
and whom to contact, with email and phone. Author text is never Markdown: every
character Markdown would act on is escaped, and only the spec's own bold, italic and
web links become Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefpress.plan import Plan
from briefpress.plan.nodes import Inline, ListNode, Section, Text
from briefpress.plan.words import Words
from briefpress.spec.model import Briefing


@dataclass(frozen=True)
class Email:
    """The two forms of the same email."""

    text: str
    markdown: str


def _section(plan: Plan, kind: str) -> Section | None:
    return next((n for n in plan.body if isinstance(n, Section) and n.kind == kind), None)


def _paragraphs(section: Section | None) -> list[Inline]:
    return [n.inline for n in section.blocks if isinstance(n, Text)] if section else []


def _items(section: Section | None) -> list[tuple[str, Inline]]:
    """A numbered list's items: (label, body spans)."""
    found: list[tuple[str, Inline]] = []
    lists = [n for n in section.blocks if isinstance(n, ListNode)] if section else []
    for item in (i for lst in lists for i in lst.items):
        label = item.label.plain if item.label else ""
        spans = tuple(s for n in item.body if isinstance(n, Text) for s in n.inline)
        found.append((label, spans))
    return found


def email(plan: Plan, b: Briefing, words: Words, attachment: str) -> Email:
    """The email for a paper whose PDF is attached as *attachment*."""
    summary = _paragraphs(_section(plan, "summary"))
    findings = _items(_section(plan, "findings"))
    alert = plan.meta.embargo or words.immediate_release
    masthead = " \u00b7 ".join(x for x in (b.series, b.number, plan.furniture.date_text,
                                            words.byline(list(b.authors))) if x)
    findings_head = words.key_findings
    attached = words.attached.format(file=attachment)
    text = [alert, "", b.title, *([b.subtitle] if b.subtitle else []), masthead, "",
            words.summary, "", *_joined([_plain(p) for p in summary]), "",
            findings_head, "", *(f"{_numbered(label)} {_plain(body)}" for label, body in findings),
            "",
            attached, *_contacts(b, words, markdown=False)]
    md = [f"**{_md_text(alert)}**", "", f"# {_md_text(b.title)}", "",
          *([f"*{_md_text(b.subtitle)}*", ""] if b.subtitle else []),
          _md_text(masthead), "", f"## {_md_text(words.summary)}", "",
          *_joined([_markdown(p) for p in summary]), "", f"## {_md_text(findings_head)}", "",
          *(f"{_numbered(label)} {_markdown(body)}" for label, body in findings), "",
          _md_text(words.attached.format(file="\u0000")).replace("\u0000",
                                                                 f"`{attachment}`"),
          *_contacts(b, words, markdown=True)]
    return Email("\n".join(text) + "\n", "\n".join(md) + "\n")


def _joined(paragraphs: list[str]) -> list[str]:
    """Paragraphs with a blank line between each."""
    out: list[str] = []
    for p in paragraphs:
        out += ([""] if out else []) + [p]
    return out


def _contacts(b: Briefing, words: Words, *, markdown: bool) -> list[str]:
    """The contact block: a heading, then each contact's name and role, email and phone."""
    if not b.contacts:
        return []
    esc = _md_text if markdown else (lambda s: s)
    out = ["", f"## {esc(words.contact)}" if markdown else words.contact]
    end = "  " if markdown else ""  # a Markdown line break
    for c in b.contacts:
        name = f"**{esc(c.name)}**" if markdown else c.name
        lines = [name + (f", {esc(c.role)}" if c.role else "")]
        if c.email:
            shown = f"[{esc(c.email)}](mailto:{_url(c.email)})" if markdown else c.email
            lines.append(esc(words.email_label.format(email="\u0000")).replace("\u0000", shown))
        if c.phone:
            lines.append(esc(words.phone_label.format(phone=c.phone)))
        out += [""] + [line + end for line in lines[:-1]] + lines[-1:]
    return out


def _plain(spans: Inline) -> str:
    return " ".join("".join(s.text for s in spans).split())


_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def _safe_start(line: str) -> str:
    """A line that starts as Markdown would read a heading, quote, list or rule
    (``# 1``, ``- x``, ``2014. was``), escaped so that it stays text."""
    def escape(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"
    return _LINE_START.sub(escape, line, count=1)


def _md_text(text: str) -> str:
    """Text that Markdown shows exactly as typed: every character it would act on escaped."""
    return _safe_start(_INLINE.sub(r"\\\1", " ".join(text.split())))


def _numbered(label: str) -> str:
    """A numbered item's label as a list in an email shows it: "1." ."""
    return label if re.fullmatch(r"\d+\.", label) else f"{label.rstrip('.')}."


def _url(uri: str) -> str:
    """A link target Markdown cannot misread (spaces, brackets, parentheses encoded)."""
    return re.sub(r"[\s<>()\[\]]", lambda m: f"%{ord(m.group()):02X}", uri)


def _markdown(spans: Inline) -> str:
    """Spans as Markdown: **bold**, *italic*, [web links](...); figure and note links,
    which lead inside the PDF, as plain text. Spaces at a span's edges stay outside its
    marks (``** x**`` would not be bold)."""
    out = []
    for span in spans:
        core = " ".join(span.text.split())
        if not core:
            out.append(" " if span.text else "")
            continue
        lead = " " if span.text[:1].isspace() else ""
        tail = " " if span.text[-1:].isspace() else ""
        body = _INLINE.sub(r"\\\1", core)
        if span.link is not None and span.link.uri is not None:
            body = f"[{body}](<{_url(span.link.uri)}>)"
        marks = ("**" if span.bold else "") + ("*" if span.italic else "")
        out.append(f"{lead}{marks}{body}{marks[::-1]}{tail}")
    return _safe_start(" ".join("".join(out).split()))

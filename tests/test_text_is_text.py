"""Author text that looks like markup is printed literally, never interpreted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from conftest import pdf_text, write_spec

SPEC = """\
title: "Markup <b>is</b> text & stays text"
date: 2024-03-01
authors: ["A & B <i>Ltd</i>"]
summary: 'Plain <b>bold?</b> & ampersand; <font color="red">red?</font>; <img src=/etc/passwd/>'
findings:
  - '<a href="javascript:alert(1)">click</a> and &amp; and &lt; and <br/> and </para>'
  - "**Real bold** and *real italic* and [a link](https://example.org/a?b=1&c=2)"
sections:
  - heading: "Section <u>heading</u>"
    blocks:
      - quote: {text: "<strike>quoted</strike> & said", by: "O'Brien <b>MP</b>"}
"""


def test_markup_in_spec_text_appears_literally(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    spec = write_spec(project, "markup", SPEC)
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 0, err
    text = pdf_text(project / "output" / "markup.pdf")
    for literal in [
        "Markup <b>is</b> text & stays text",
        "A & B <i>Ltd</i>",
        'Plain <b>bold?</b> & ampersand; <font color="red">red?</font>; <img src=/etc/passwd/>',
        '<a href="javascript:alert(1)">click</a> and &amp; and &lt; and <br/> and </para>',
        "Section <u>heading</u>",
        "<strike>quoted</strike> & said",
        "O'Brien <b>MP</b>",
    ]:
        assert literal in text, literal
    # the formatting the spec does allow is applied, and its markers are not printed
    assert "Real bold and real italic and a link" in text
    assert "**" not in text


def test_links_keep_their_exact_target(
        project: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    spec = write_spec(project, "markup", SPEC)
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    uris = [annot.get_object()["/A"]["/URI"]
            for page in PdfReader(project / "output" / "markup.pdf").pages
            for annot in page.get("/Annots") or []
            if "/URI" in annot.get_object().get("/A", {})]
    assert uris == ["https://example.org/a?b=1&c=2"]

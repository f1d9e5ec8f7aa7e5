"""Body blocks: tables that span pages and wrap, questions, case studies, people, key numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import (
    MINIMAL,
    char_boxes,
    fold,
    no_contact,
    outside_margins,
    page_texts,
    pdf_text,
    write_spec,
)

Cli = Callable[..., tuple[int, str, str]]


def _build(project: Path, cli: Cli, name: str, text: str) -> Path:
    spec = write_spec(project, name, text)
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 0, err
    assert err == no_contact(spec)
    return project / "output" / f"{name}.pdf"


def _table_spec(rows: list[str], columns: str = "[Police force area, Staff trained]") -> str:
    body = "\n".join(f"            - {r}" for r in rows)
    return MINIMAL + f"""\
sections:
  - heading: A table
    blocks:
      - table:
          title: Staff trained by area
          columns: {columns}
          rows:
{body}
          source: Test figures
"""


def test_long_table_spans_pages_and_repeats_its_header(project: Path, cli: Cli) -> None:
    rows = [f"[Area number {i}, '{1000 + i}']" for i in range(150)]
    pdf = _build(project, cli, "long", _table_spec(rows))
    pages = page_texts(pdf)
    with_rows = [p for p in pages if "Area number" in p]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert "Police force area Staff trained" in page
    text = pdf_text(pdf)
    assert "Area number 149 1,149" in text  # plain numbers gain thousands separators


def test_a_300_character_word_wraps_inside_the_page(project: Path, cli: Cli) -> None:
    word = "Stalking" * 37 + "Help"  # 300 characters, no spaces
    assert len(word) == 300
    rows = [f"[{word}, '12']", "[Short, '3']"]
    pdf = _build(project, cli, "wide", _table_spec(rows))
    assert word in pdf_text(pdf).replace(" ", "")
    boxes = char_boxes(pdf)
    assert boxes
    assert outside_margins(boxes) == []


def test_every_briefing_text_stays_inside_the_margins(project: Path, cli: Cli) -> None:
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "briefings", project / "briefings", dirs_exist_ok=True)
    code, _, err = cli("--project", str(project), "build")
    assert code == 0, err
    specs = sorted((REPO / "briefings").glob("*.yaml"))
    assert specs, "no briefings found in briefings/"
    for spec in specs:
        editions = sorted((project / "output" / spec.stem).glob("*.pdf"))  # every edition's
        for pdf in editions or [project / "output" / f"{spec.stem}.pdf"]:
            assert outside_margins(char_boxes(pdf)) == [], pdf.name


def test_a_row_of_the_wrong_length_is_an_error_naming_it(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "bad", _table_spec(["[One, '1']", "[Two]"]))
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    line = MINIMAL.count("\n") + 9  # the row itself, not the table
    assert err == (f"{spec}:{line}:15: sections[0].blocks[0].table.rows[1]: this row has 1 cell "
                   "but there are 2 columns; give one cell per column\n")
    assert not (project / "output" / "bad.pdf").exists()


def test_text_column_keeps_years_as_written(project: Path, cli: Cli) -> None:
    rows = ["[London, '207', '2014']", "[Wales, '48', '2013']"]
    text = pdf_text(_build(project, cli, "years", _table_spec(
        rows, "[Area, Lawyers, {heading: Year, kind: text}]")))
    assert "London 207 2014" in text and "2,014" not in text


QUESTIONS_AND_MORE = MINIMAL + """\
key_numbers:
  - {number: "1,046", label: prosecutions in Scotland}
  - {number: 4.5 million, label: copies of spyware}
sections:
  - heading: Blocks
    blocks:
      - questions: ["How many persons have been charged?", "Are there any plans?", "Third?"]
      - case_study:
          title: "Case study 1: a police officer"
          story: [She was threatened., Managers saw her as the problem.]
          helped: [A victim risk assessment]
      - people:
          - {name: Elfyn Llwyd MP, role: Chair, party: Plaid Cymru}
          - {name: Baroness Howe, role: Vice chair, party: Cross Bencher}
          - {name: Jenny Chapman}
      - key_numbers:
          - {number: "0035", label: written with a leading zero}
"""


def test_questions_case_study_people_and_key_numbers(project: Path, cli: Cli) -> None:
    text = pdf_text(_build(project, cli, "blocks", QUESTIONS_AND_MORE))
    assert "1. How many persons have been charged? 2. Are there any plans? 3. Third?" in text
    assert "Case study 1: a police officer" in text
    assert "She was threatened. Managers saw her as the problem." in text
    assert "What would have helped" in text and "A victim risk assessment" in text
    assert "Elfyn Llwyd MP Chair, Plaid Cymru" in text
    assert "Baroness Howe Vice chair, Cross Bencher" in text
    assert "Jenny Chapman" in text
    for number in ["1,046", "4.5 million", "0035"]:  # exactly as written, never reformatted
        assert f"{number} " in text
    first = page_texts(project / "output" / "blocks.pdf")[0]
    assert fold("1,046 prosecutions in Scotland") in first


def test_more_than_four_key_numbers_is_an_error(project: Path, cli: Cli) -> None:
    tiles = "\n".join(f"  - {{number: '{i}', label: tile {i}}}" for i in range(5))
    spec = write_spec(project, "tiles", MINIMAL + "key_numbers:\n" + tiles + "\n")
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    assert "key_numbers" in err


def test_notes_to_editors_follow_the_sources(project: Path, cli: Cli) -> None:
    text = pdf_text(_build(project, cli, "notes", MINIMAL + """\
sources: ["Parliamentary answers, 2014."]
notes_to_editors: [The laws came into force on 25 November 2012., Napo is a union.]
"""))
    sources = text.find("Parliamentary answers, 2014.")
    notes = text.find("Notes to editors 1. The laws came into force on 25 November 2012. "
                      "2. Napo is a union.")
    assert 0 <= sources < notes


MARKUP = MINIMAL + """\
key_numbers:
  - {number: "<b>9</b>", label: "&amp; <font size=40>x</font>"}
sections:
  - heading: Hostile text
    blocks:
      - table:
          columns: ["<i>Area</i>", Count]
          rows: [["<img src='x'/>", "1"]]
      - people: [{name: "<u>Name</u>", role: "a & b"}]
      - case_study: {title: "<para>T</para>", story: "S <br/>", helped: ["<b>h</b>"]}
      - questions: ["<strike>q</strike>?"]
"""


def test_markup_in_block_text_prints_literally(project: Path, cli: Cli) -> None:
    text = pdf_text(_build(project, cli, "markup", MARKUP))
    for literal in ["<b>9</b>", "&amp; <font size=40>x</font>", "<i>Area</i>", "<img src='x'/>",
                    "<u>Name</u>", "a & b", "<para>T</para>", "S <br/>", "<b>h</b>",
                    "<strike>q</strike>?"]:
        assert literal in text, literal


def test_misspelt_block_kind_and_key_get_suggestions(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "typo", MINIMAL + """\
sections:
  - heading: Typos
    blocks:
      - case_studdy: {title: T, story: S}
      - case_study: {title: T, story: S, helpd: [x]}
""")
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    assert "did you mean 'case_study'?" in err
    assert "unknown key 'helpd'; did you mean 'helped'?" in err


def test_texts_sees_the_inline_text_of_every_block() -> None:
    from briefpress.spec import load_briefing
    from conftest import REPO

    b = load_briefing(REPO / "briefings" / "workplace.yaml", "workplace").briefing
    plain = [t.plain for t in b.texts()]
    assert plain[0] == b.summary[0].plain
    assert "A risk assessment for the victim." in plain  # a case study's "what would have helped"
    assert any(p.startswith("A female probation officer") for p in plain)  # a case study's story
    assert plain[-1] == b.notes_to_editors[-1].plain


NOTES = """\
title: Notes
date: 2014-11-21
authors: [Digital-Trust]
summary: The summary cites a note [^1].
findings: ["834 cases reached a court [^2] by the end of May 2014.", "A literal \\\\[^3] stays."]
sources: ["Parliamentary answers, 2014.", "The Solicitor General."]
"""


def test_source_notes_are_cited_and_linked(project: Path, cli: Cli) -> None:
    from pypdf import PdfReader

    pdf = _build(project, cli, "notes", NOTES)
    text = pdf_text(pdf)
    assert "The summary cites a note [1]." in text
    assert "834 cases reached a court [2] by the end of May 2014." in text
    assert "A literal [^3] stays." in text
    assert "1. Parliamentary answers, 2014. 2. The Solicitor General." in text
    page = PdfReader(pdf).pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    targets = [link.get("/Dest") for link in links]
    assert len(targets) == 2 and all(t is not None for t in targets)
    assert targets[0][3] > targets[1][3]  # note 1 stands above note 2 on the page


def test_citing_a_missing_note_is_an_error(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "missing", NOTES.replace("[^2]", "[^5]"))
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    assert f"{spec}:5:12: findings[0]: cites source note [5], but sources: lists only 2 " \
        "notes" in err


def test_a_contact_with_a_web_address_is_reachable_and_linked(project: Path, cli: Cli) -> None:
    """A web page is a way to reach someone: no warning, and it prints as a working link."""
    from pypdf import PdfReader

    from conftest import MINIMAL

    spec = write_spec(project, "web", MINIMAL + "contacts:\n  - name: Press office\n"
                      "    web: https://example.org/press\n")
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    pdf = project / "output" / "web.pdf"
    assert "https://example.org/press" in pdf_text(pdf)
    uris = [a.get_object()["/A"]["/URI"] for p in PdfReader(pdf).pages
            for a in p.get("/Annots") or [] if "/A" in a.get_object()]
    assert uris == ["https://example.org/press"]
    bad = write_spec(project, "bad-web", MINIMAL + "contacts:\n  - name: Press office\n"
                     "    web: example.org\n")
    code, _, err = cli("--project", str(project), "check", str(bad))
    assert code == 1
    assert err == (f"{bad}:9:10: contacts[0].web: 'example.org' is not a web address; write it "
                   "in full, starting https:// (or http://)\n")

"""Welsh papers: every piece of furniture from assets/words/cy-GB.yml, the PDF in Welsh, and
the words files checked like any other input (located errors, placeholders, glyphs).

The Welsh example (briefings/call-for-action-cy.yaml) is built with the English one by the
session fixture; both are read back here with pypdf and pdfium, not with briefpress.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpress.brand import load_brand
from briefpress.brand.words import ENGLISH, Words
from briefpress.spec import load_briefing
from briefpress.spec.data import Table
from conftest import REACHABLE, REPO, page_texts, pdf_text, write_spec
from pdfread import page_objects

Cli = Callable[..., tuple[int, str, str]]
WORDS = "assets/words/cy-GB.yml"
WELSH = REACHABLE + "language: cy-GB\n"


def _welsh() -> Words:
    return load_brand(REPO / "assets").words_for("cy-GB")


def test_the_shipped_english_words_are_the_built_in_ones() -> None:
    assert load_brand(REPO / "assets").words_for("en-GB") == ENGLISH


def test_every_welsh_word_differs_from_the_english() -> None:
    """A word left in English in the Welsh file would print English furniture."""
    welsh = _welsh()
    same = [f.name for f in fields(Words) if getattr(welsh, f.name) == getattr(ENGLISH, f.name)
            and f.name != "date_format"]
    assert same == []


def test_the_welsh_paper_declares_welsh(briefings_built: dict[str, Path]) -> None:
    reader = PdfReader(briefings_built["call-for-action-cy"])
    lang = str(reader.trailer["/Root"]["/Lang"])
    assert lang == "cy-GB" and lang.split("-")[0] == "cy"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<dc:language><rdf:Bag><rdf:li>cy-GB</rdf:li></rdf:Bag></dc:language>" in xmp


def test_every_piece_of_furniture_is_welsh(briefings_built: dict[str, Path]) -> None:
    pdf = briefings_built["call-for-action-cy"]
    pages = page_texts(pdf)
    text = pdf_text(pdf)
    for heading in ("Crynodeb", "Prif ganfyddiadau", "Argymhellion", "Ffynonellau a nodiadau",
                    "Nodiadau i olygyddion", "Cyswllt", "Ynglŷn â Digital-Trust"):
        assert heading in text, heading
    assert "21 Tachwedd 2014" in pages[0]
    assert "Awduron: Digital-Trust, Plaid Cymru" in pages[0]
    for n in range(1, 7):
        assert f"Ffigur {n}: " in text, n
    assert "Ffynhonnell: Atebion seneddol, 2014" in text
    assert "At sylw: Y Weinyddiaeth Gyfiawnder" in text
    for number, objs in enumerate(page_objects(pdf), start=1):
        furniture = "".join(o.text for o in objs if o.artifact)
        assert f"Tudalen {number} o {len(pages)}" in furniture
        assert "DRAFFT \u2013 NID I'W GYHOEDDI" in furniture  # the spec is a draft until checked
    english = [w for f in fields(Words) for w in _literal(getattr(ENGLISH, f.name))]
    printed = [w for w in english if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    assert printed == [], "English furniture in the Welsh paper"


def _literal(value: str | tuple[str, ...]) -> list[str]:
    """The words of an English furniture text outside its placeholders ("Page", "of")."""
    texts = [value] if isinstance(value, str) else list(value)
    return [part.strip(" :") for t in texts for part in re.split(r"\{[a-z]+\}", t)
            if len(part.strip(" :")) >= 3 and part.strip(" :") != "and"]


def test_the_english_and_welsh_papers_are_the_same_briefing() -> None:
    """Same date, findings, recommendations, figures (in the same order) and numbers."""
    def load(name: str) -> tuple[object, ...]:
        loaded = load_briefing(REPO / "briefings" / f"{name}.yaml", name)
        b = loaded.briefing
        values: list[list[Decimal]] = []
        for f in b.figures:
            data = loaded.data_for(f.id)
            values.append(sorted(v for s in data.series for v in s.values)
                          if isinstance(data, Table) else [])
        return (b.date, len(b.findings), [f.figure for f in b.findings],
                len(b.recommendations), [f.id for f in b.figures], [type(f) for f in b.figures],
                values, len(b.sources), len(b.notes_to_editors), b.authors)

    assert load("call-for-action") == load("call-for-action-cy")


def test_a_welsh_spec_with_an_embargo(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "cy", WELSH + "embargo: 2014-11-21 00:01\nabout: Elusen.\n")
    assert cli("--project", str(project), "build", str(spec)) == (
        0, f"built {project / 'output' / 'cy.pdf'}\n", "")
    first = page_texts(project / "output" / "cy.pdf")[0]
    assert "EMBARGO TAN 00:01 DYDD GWENER 21 TACHWEDD 2014" in first
    assert "1 Mawrth 2024" in first  # the spec's date: 2024-03-01
    meta = PdfReader(project / "output" / "cy.pdf").metadata
    assert meta is not None
    assert meta["/Embargo"] == "EMBARGO TAN 00:01 DYDD GWENER 21 TACHWEDD 2014"


def test_the_welsh_paper_is_pdf_ua(briefings_built: dict[str, Path]) -> None:
    import page

    report = page.validate_pdf(str(briefings_built["call-for-action-cy"]), profile="ua1")
    assert report.is_compliant, str(report)


# The words file is checked like every other input.

def _edit(project: Path, old: str, new: str) -> None:
    path = project / WORDS
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(project: Path, key: str) -> int:
    lines = (project / WORDS).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))


def _check(project: Path, cli: Cli, text: str = WELSH) -> tuple[int, list[str]]:
    import os

    spec = write_spec(project, "cy", text)
    here = Path.cwd()
    os.chdir(project)  # so files are shown as the user sees them
    try:
        code, _, err = cli("check", str(spec.relative_to(project)))
    finally:
        os.chdir(here)
    assert "Traceback" not in err and "internal error" not in err
    return code, err.splitlines()


def test_a_missing_word_is_a_located_error(project: Path, cli: Cli) -> None:
    first = _line(project, "summary")  # where the mapping of words starts
    _edit(project, "contact: Cyswllt\n", "")
    assert _check(project, cli) == (1, [f"{WORDS}:{first}:1: missing required key 'contact'"])


def test_a_misspelt_word_is_named_with_a_suggestion(project: Path, cli: Cli) -> None:
    line = _line(project, "summary")
    _edit(project, "summary: Crynodeb", "sumary: Crynodeb")
    assert _check(project, cli) == (1, [
        f"{WORDS}:{line}:1: unknown key 'sumary'; did you mean 'summary'?"])


@pytest.mark.parametrize(("old", "new", "message"), [
    ("page: Tudalen {page} o {total}", "page: Tudalen {page}",
     "missing placeholder {total}; this word must say where it goes (placeholders here: "
     "{page}, {total})"),
    ("page: Tudalen {page} o {total}", "page: Tudalen {page} o {cyfanswm}",
     "unknown placeholder {cyfanswm}; this word may use {page}, {total}"),
    ("page: Tudalen {page} o {total}", "page: Tudalen {page} o {total",
     "a '{' or '}' that opens or closes no placeholder; write placeholders like {page}, and a "
     "brace itself as {{ or }} (placeholders here: {page}, {total})"),
    ("page: Tudalen {page} o {total}", "page: Tudalen {page:>3} o {total}",
     "placeholder {page} is written with a format or conversion; write it plainly "
     "(placeholders here: {page}, {total})"),
])
def test_placeholders_are_checked(project: Path, cli: Cli, old: str, new: str,
                                  message: str) -> None:
    line = _line(project, "page")
    _edit(project, old, new)
    code, lines = _check(project, cli)
    assert (code, lines[0]) == (1, f"{WORDS}:{line}:7: page: {message}")


def test_a_word_with_no_placeholders_may_not_have_one(project: Path, cli: Cli) -> None:
    line = _line(project, "summary")
    _edit(project, "summary: Crynodeb", "summary: Crynodeb {page}")
    assert _check(project, cli) == (1, [
        f"{WORDS}:{line}:10: summary: unknown placeholder {{page}}; this word has no "
        "placeholders (write a brace itself as {{ or }})"])


def test_months_must_be_twelve(project: Path, cli: Cli) -> None:
    line = _line(project, "months")
    _edit(project, "Hydref,\n         Tachwedd, Rhagfyr]", "Hydref,\n         Tachwedd]")
    code, lines = _check(project, cli)
    assert code == 1 and lines[0].startswith(f"{WORDS}:{line}:9: months: ")


def test_a_character_the_brand_font_lacks(project: Path, cli: Cli) -> None:
    line = _line(project, "contact")
    _edit(project, "contact: Cyswllt", "contact: Cyswllt 😀")
    assert _check(project, cli) == (1, [
        f"{WORDS}:{line}:18: contact: character '😀' U+1F600 GRINNING FACE is not in the brand "
        "font 'Noto Sans' and cannot be printed; remove it or replace it"])


def test_a_broken_welsh_file_does_not_stop_english_papers(project: Path, cli: Cli) -> None:
    _edit(project, "contact: Cyswllt\n", "")
    assert _check(project, cli, REACHABLE)[0] == 0
    assert _check(project, cli)[0] == 1


def test_no_words_file_for_the_language_is_an_error_at_the_spec(project: Path,
                                                                cli: Cli) -> None:
    (project / WORDS).unlink()
    code, lines = _check(project, cli)
    assert (code, lines) == (1, [
        "briefings/cy.yaml:9:11: language: there are no furniture words for cy-GB: "
        f"{WORDS} is not in the project; copy it from briefpress's assets/words/ and have its "
        "words checked"])


def test_a_corrected_word_is_printed(project: Path, cli: Cli) -> None:
    """The charity corrects a word in the file; the next build prints it, with no code change."""
    _edit(project, "summary: Crynodeb", "summary: Crynodeb byr")
    spec = write_spec(project, "cy", WELSH)
    assert cli("--project", str(project), "build", str(spec))[0] == 0
    assert "Crynodeb byr" in pdf_text(project / "output" / "cy.pdf")


def test_a_welsh_paper_without_its_own_about_text_is_warned(project: Path, cli: Cli) -> None:
    code, lines = _check(project, cli)
    assert code == 0
    assert lines == [
        "briefings/cy.yaml:9:11: warning: language: the brand's 'about' text (meta.about in "
        "brand.yml) is printed as it is written; give this paper its own 'about:' in its "
        "language"]
    assert _check(project, cli, WELSH + "about: Elusen yw hon.\n") == (0, [])


def test_alt_text_drafted_in_english_is_named_in_a_welsh_paper(project: Path, cli: Cli) -> None:
    chart = ("about: Elusen.\nsections:\n  - heading: Ffigurau\n    blocks: [{figure: nifer}]\n"
             "figures:\n  - {id: nifer, kind: bar, title: Nifer, source: Atebion, "
             "data: {Caerdydd: 3, Abertawe: 2}}\n")
    assert _check(project, cli, WELSH + chart) == (0, [
        "briefings/cy.yaml:15:5: warning: figures[0]: figure 'nifer' has no 'alt' text; a "
        "description was drafted from its data in English: write one in the paper's "
        "language"])

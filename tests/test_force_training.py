"""The real example: an edition of the training briefing for each of the 43 territorial police
forces of England and Wales, read back from the PDFs.

Each edition names its force; where the parliamentary answers give the force's figure, its
bar (and only its) is drawn in the accent colour beside its bold label and the figure is
printed exactly as the material gives it; where they do not, the edition says so and
asks the question. Every edition passes the after-layout check (it was written) and PDF/UA.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from briefpress.cli import main
from conftest import REPO, fold, page_texts, pdf_text
from pdfread import _names

SPEC = REPO / "briefings" / "force-training.yaml"
TERRITORIAL = [
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London",
    "Cleveland", "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Essex",
    "Gloucestershire", "Greater Manchester", "Hampshire and Isle of Wight", "Hertfordshire",
    "Humberside", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside",
    "Metropolitan Police", "Norfolk", "North Yorkshire", "Northamptonshire", "Northumbria",
    "Nottinghamshire", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex",
    "Thames Valley", "Warwickshire", "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
    "Dyfed-Powys", "Gwent", "North Wales", "South Wales",
]
"""The 43 territorial police forces of England and Wales (England's 39, then Wales's 4)."""
ACCENT = (0xC8, 0x55, 0x3D)
"""The brand's tertiary colour (coral), in which a highlighted bar is drawn."""

# From the campaign material: staff trained by January 2014 (the answer's 'Derby' is
# Derbyshire Constabulary's figure) and section 2A prosecutions in magistrates' courts.
TRAINED = {"West Yorkshire": "6,026", "Derbyshire": "2,103", "Northamptonshire": "1,501",
           "Avon and Somerset": "186", "Thames Valley": "87", "South Yorkshire": "29"}
PROSECUTIONS = {"Greater Manchester": "50", "Merseyside": "10", "West Yorkshire": "28",
                "South Yorkshire": "12"}


def _table() -> list[dict[str, str]]:
    text = (REPO / "briefings" / "data" / "police-forces.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


FORCES = [row["force"] for row in _table()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forces")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--project", str(REPO), "build", str(SPEC), "--out", str(out)])
    assert code == 0, err.getvalue()
    return out / "force-training"


def _pdf(built: Path, force: str) -> Path:
    row = next(r for r in _table() if r["force"] == force)
    return built / f"{row['code']}.pdf"


def accent_bars(pdf: Path) -> list[tuple[int, float, float]]:
    """Filled shapes in the accent colour that are bars (content, thicker than a rule and
    thinner than a block), as (page, bottom, top): the quote's rule, the stat tiles' top rules
    and the logo (an artifact) are in the accent colour too."""
    found = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for number in range(len(doc)):
            page = doc[number]
            for obj in page.get_objects():
                if obj.type != raw.FPDF_PAGEOBJ_PATH or "Artifact" in _names(obj):
                    continue
                rgba = [ctypes.c_uint() for _ in range(4)]
                if not raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in rgba)):
                    continue
                _left, bottom, _right, top = obj.get_bounds()
                colour = tuple(c.value for c in rgba[:3])
                if colour == ACCENT and 5 < top - bottom < 30:
                    found.append((number, bottom, top))
            page.close()
    finally:
        doc.close()
    return found


def bold_words(pdf: Path, bar: tuple[int, float, float]) -> str:
    """The bold text drawn level with a bar on its page (its label and its value)."""
    number, bottom, top = bar
    words = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[number]
        textpage = page.get_textpage()
        for obj in page.get_objects(textpage=textpage):
            if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                continue
            _, b, _, t = obj.get_bounds()
            weight = raw.FPDFFont_GetWeight(raw.FPDFTextObj_GetFont(obj))
            if weight >= 700 and b < top and t > bottom:
                words.append(obj.extract())
        textpage.close()
        page.close()
    finally:
        doc.close()
    return " ".join(words)


def test_the_editions_are_the_43_territorial_forces() -> None:
    assert len(TERRITORIAL) == 43
    assert FORCES == TERRITORIAL
    assert [r["country"] for r in _table()] == ["England"] * 39 + ["Wales"] * 4


def test_figures_are_the_materials(built: Path) -> None:
    table = {r["force"]: r for r in _table()}
    assert {f: r["trained"] for f, r in table.items() if r["trained"]} == TRAINED
    assert {f: r["prosecutions"] for f, r in table.items() if r["prosecutions"]} == PROSECUTIONS
    chart = (REPO / "briefings" / "data" / "training-by-force.csv").read_text(encoding="utf-8")
    assert {r["Force"]: f"{int(r['Staff trained']):,}" for r in csv.DictReader(
        io.StringIO(chart))} == TRAINED
    assert {f for f, r in table.items() if r["answer_named"]} == {"Derbyshire"}


def test_43_pdfs_and_a_manifest(built: Path) -> None:
    assert sorted(p.name for p in built.glob("*.pdf")) == sorted(
        f"{r['code']}.pdf" for r in _table())
    body = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["name"], e["status"]) for e in body["editions"]] == [(f, "ok") for f in FORCES]


@pytest.mark.parametrize("force", FORCES)
def test_each_edition_names_its_force_and_says_what_is_known(built: Path, force: str) -> None:
    pdf = _pdf(built, force)
    first = fold(page_texts(pdf)[0])
    assert f"Stalking: police training and prosecutions in {force}" in first
    text = fold(pdf_text(pdf))
    if force in TRAINED:
        assert (f"By January 2014, {TRAINED[force]} staff in {force} had completed the "
                "training") in text
    else:
        assert f"{force} is not one of them: how many of its staff have been trained" in text
        assert (f"How many police officers and staff in {force} have completed the training "
                "on the stalking laws, and what share of eligible staff is that?") in text
    if force in PROSECUTIONS:
        assert f"{PROSECUTIONS[force]} people were prosecuted for stalking in {force}" in text
    else:
        assert f"police areas, and {force} is not among them" in text
    bars = accent_bars(pdf)
    expected = int(force in TRAINED) + int(force in PROSECUTIONS)
    assert len(bars) == expected
    for bar in bars:  # each highlighted bar is level with the force's own bold label
        assert force in bold_words(pdf, bar)


def test_the_derby_figure_is_explained_in_derbyshires_edition(built: Path) -> None:
    text = fold(pdf_text(_pdf(built, "Derbyshire")))
    assert ("The answer gives this figure for 'Derby'; Derby is policed by Derbyshire "
            "Constabulary") in text
    assert "this figure for 'Derby'" not in fold(pdf_text(_pdf(built, "Cumbria")))


@pytest.mark.parametrize("force", ["Derbyshire", "Cumbria", "Greater Manchester", "Gwent"])
def test_editions_are_tagged_pdf_ua(built: Path, force: str) -> None:
    from page import validate_pdf

    report = validate_pdf(str(_pdf(built, force)), profile="ua1")
    assert report.is_compliant, report.failures

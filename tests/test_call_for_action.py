"""End to end: the first real briefing, built by the CLI and read back with pypdf."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpress.spec import load_briefing
from briefpress.spec.blocks import QuoteBlock
from conftest import REPO, fold, font_problems, pdf_text, run_cli

SPEC = REPO / "briefings" / "call-for-action.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    from briefpress.cli import main

    assert main(["--project", str(REPO), "build", str(SPEC), "--out", str(out)]) == 0
    return out / "call-for-action.pdf"


@pytest.fixture(scope="module")
def reader(built: Path) -> PdfReader:
    return PdfReader(io.BytesIO(built.read_bytes()), strict=True)


def test_metadata(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Call for action on stalking prosecutions"
    assert meta.author == "Digital-Trust, Plaid Cymru"
    assert meta.subject and meta.subject.startswith("Two years of the stalking laws")
    assert "police training" in str(meta.get("/Keywords"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    # dated by the briefing, not the clock, so the same spec gives the same bytes
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20141121000000+00'00'"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<xmp:CreateDate>2014-11-21T00:00:00+00:00</xmp:CreateDate>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<pdfaid:part>2</pdfaid:part>" in xmp
    # it opens at page 1 with the outline shown
    assert root["/PageMode"] == "/UseOutlines" and "/OpenAction" not in root


def test_every_finding_recommendation_and_quote_in_reading_order(built: Path) -> None:
    b = load_briefing(SPEC, "spec").briefing
    text = pdf_text(built)
    expected = [f.text.plain for f in b.findings]
    expected += [blk.quote.text.plain for s in b.sections for blk in s.blocks
                 if isinstance(blk, QuoteBlock)]
    expected += [r.text.plain for r in b.recommendations]
    positions = []
    for item in expected:
        pos = text.find(fold(item))
        assert pos >= 0, f"not in PDF: {item[:50]}"
        positions.append(pos)
    assert positions == sorted(positions)
    assert len(b.findings) == 6 and len(b.recommendations) == 5


def test_figure_captions_and_values_are_text(built: Path) -> None:
    text = pdf_text(built)
    captions = [
        "Figure 1: Over two years, charges for stalking rose by 20% and proven breaches of "
        "restraining orders by 39%",
        "Figure 2: Three in four cases that reached a first hearing were charged under section 2A",
        "Figure 3: Greater Manchester brought five times as many section 2A prosecutions "
        "as Merseyside",
        "Figure 4: Only 40% of eligible police staff have been trained in the new laws",
        "Figure 5: Police staff completing stalking training varied from 29 to 6,026 between "
        "forces",
        "Figure 6: Police staff who had seen the stalking e-training rose from 38,434 to 52,176 "
        "in a year",
    ]
    positions = [text.find(c) for c in captions]
    assert -1 not in positions, [c for c, p in zip(captions, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "Source: Parliamentary answers, 2014 (figures to January 2014)" in text
    for label in ["Greater Manchester", "Merseyside", "West Yorkshire", "South Yorkshire",
                  "Avon and Somerset", "Northamptonshire", "Thames Valley", "Derby"]:
        assert label in text
    # every figure from the source material, printed exactly (separators added, no rounding)
    for value in ["2,103", "6,026", "1,501", "186", "87", "29", "50", "10", "28", "12",
                  "20%", "39%", "422", "144", "566", "40%", "38,434", "52,176"]:
        assert f" {value} " in f" {text} ", value


def test_bookmark_per_section(reader: PdfReader) -> None:
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [
        "Summary", "Key findings", "1. Two years of the new offences",
        "2. Prosecutions vary widely between police areas", "3. Training has reached too few",
        "Recommendations", "Sources and notes", "Notes to editors", "Contact",
        "About Digital-Trust",
    ]


def test_only_embedded_fonts(reader: PdfReader) -> None:
    assert font_problems(reader) == []


def test_charts_are_vector_not_raster(reader: PdfReader) -> None:
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for xobj in xobjects.values():
            assert xobj.get_object().get("/Subtype") != "/Image"


def test_same_input_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               built: Path) -> None:
    code, _, err = run_cli(["--project", str(REPO), "build", str(SPEC), "--out",
                            str(tmp_path)], capsys)
    assert code == 0, err
    again = (tmp_path / "call-for-action.pdf").read_bytes()
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(built.read_bytes()).hexdigest()

"""One spec, three papers: screen, print (CMYK, bleed, crop marks) and large print.

Each paper is read back: the print file's every content stream and form for colour
operators, images and transparency, its page boxes and crop marks; the large-print
file's every character for its size.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import page
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import REPO, SPECS, has_editions
from pdfread import MM, page_objects, squash

Cli = Callable[..., tuple[int, str, str]]
PLAIN = [s for s in SPECS if not has_editions(s)]
"""The briefings without editions (an edition spec makes one paper per area: the paper
itself is the same code, and tests/test_editions.py builds editions)."""
NAMES = [s.stem for s in PLAIN]
A4 = (210 * MM, 297 * MM)
BLEED = 3 * MM


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every briefing built as every paper, once for the module."""
    import contextlib

    from briefpress.cli import main

    out = tmp_path_factory.mktemp("papers")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--project", str(REPO), "build", *(str(p) for p in PLAIN), "--out", str(out),
                     "--profile", "screen", "--profile", "print", "--profile", "large-print"])
    assert code == 0, err.getvalue()
    return out


def test_every_briefing_builds_as_every_paper(papers: Path) -> None:
    names = sorted(p.name for p in papers.glob("*.pdf"))
    assert names == sorted(f"{n}{suffix}.pdf" for n in NAMES
                           for suffix in ("", "-print", "-large-print"))


def _close(a: list[float], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) < 0.01 for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("name", NAMES)
def test_print_pages_have_trim_bleed_and_media_boxes(papers: Path, name: str) -> None:
    reader = PdfReader(papers / f"{name}-print.pdf")
    for p in reader.pages:
        trim = [float(v) for v in p.trimbox]
        bleed = [float(v) for v in p.bleedbox]
        media = [float(v) for v in p.mediabox]
        assert _close([trim[2] - trim[0], trim[3] - trim[1]], A4)
        assert _close(bleed, (trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED,
                              trim[3] + BLEED))
        assert media[0] == media[1] == 0 and media[2] > bleed[2] and media[3] > bleed[3]
        assert "/TrimBox" in p and "/BleedBox" in p


def _streams(reader: PdfReader) -> list[tuple[ContentStream, dict]]:
    """Every page's and every form's content, with its resources."""
    out = []
    for p in reader.pages:
        out.append((ContentStream(p.get_contents(), reader), p["/Resources"]))
        stack = [p["/Resources"]]
        while stack:
            res = stack.pop()
            for x in (res.get("/XObject") or {}).values():
                x = x.get_object()
                if x.get("/Subtype") == "/Form":
                    out.append((ContentStream(x, reader), x.get("/Resources") or {}))
                    if "/Resources" in x:
                        stack.append(x["/Resources"])
    return out


@pytest.mark.parametrize("name", NAMES)
def test_print_is_cmyk_ink_without_transparency(papers: Path, name: str) -> None:
    reader = PdfReader(papers / f"{name}-print.pdf")
    for content, resources in _streams(reader):
        ops = {op for _, op in content.operations}
        assert not ops & {b"rg", b"RG", b"g", b"G", b"sc", b"SC", b"scn", b"SCN", b"cs",
                          b"CS"}, ops
        assert ops & {b"k", b"K"}
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1
            assert state.get("/SMask", "/None") == "/None"
        for x in (resources.get("/XObject") or {}).values():
            x = x.get_object()
            if x.get("/Subtype") == "/Image":
                assert x["/ColorSpace"] in ("/DeviceCMYK", "/DeviceGray")
                assert "/SMask" not in x
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert "/DestOutputProfile" not in intent  # named, not embedded


@pytest.mark.parametrize("name", NAMES)
def test_crop_marks_sit_outside_the_bleed(papers: Path, name: str) -> None:
    reader = PdfReader(papers / f"{name}-print.pdf")
    for number, objs in enumerate(page_objects(papers / f"{name}-print.pdf")):
        trim = [float(v) for v in reader.pages[number].trimbox]
        bleed = [float(v) for v in reader.pages[number].bleedbox]
        outside = [o for o in objs if o.box[2] <= trim[0] + 0.01 or o.box[0] >= trim[2] - 0.01
                   or o.box[3] <= trim[1] + 0.01 or o.box[1] >= trim[3] - 0.01]
        assert len(outside) >= 8, "no crop marks"
        for o in outside:
            assert o.artifact and o.kind == "path"
            assert (o.box[2] <= bleed[0] + 0.3 or o.box[0] >= bleed[2] - 0.3
                    or o.box[3] <= bleed[1] + 0.3 or o.box[1] >= bleed[3] - 0.3), o


@pytest.mark.parametrize("name", NAMES)
def test_large_print_text_is_16_pt_and_chart_labels_14_pt(papers: Path, name: str) -> None:
    sizes = [(o.role, o.size, o.text) for p in page_objects(papers / f"{name}-large-print.pdf")
             for o in p if o.kind == "text" and o.text.strip()]
    body = [s for s in sizes if s[0] != "Figure"]
    charts = [s for s in sizes if s[0] == "Figure"]
    assert body and min(s for _, s, _ in body) >= 16 - 0.01, min(body, key=lambda x: x[1])
    if charts:
        assert min(s for _, s, _ in charts) >= 14 - 0.01, min(charts, key=lambda x: x[1])


@pytest.mark.parametrize("name", NAMES)
def test_large_print_keeps_every_word_and_is_accessible(papers: Path, name: str) -> None:
    from briefpress.build import Project, check

    pdf = papers / f"{name}-large-print.pdf"
    spec = check(REPO / "briefings" / f"{name}.yaml", Project(REPO)).briefing
    printed = squash("".join(o.text for p in page_objects(pdf) for o in p if not o.artifact))
    for text in (spec.title, *(f.text.plain for f in spec.findings),
                 *(r.text.plain for r in spec.recommendations)):
        assert squash(text) in printed
    for profile in ("ua1", "pdfa-2a"):
        report = page.validate_pdf(str(pdf), profile=profile)
        assert report.is_compliant, sorted({f.rule_id for f in report.failures})


def test_print_is_still_tagged(papers: Path) -> None:
    report = page.validate_pdf(str(papers / "call-for-action-print.pdf"), profile="ua1")
    assert report.is_compliant, sorted({f.rule_id for f in report.failures})


def test_a_spec_may_name_its_papers(project: Path, cli: Cli) -> None:
    from conftest import REACHABLE, write_spec

    spec = write_spec(project, "two", REACHABLE + "profiles: [screen, large-print]\n")
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"built {project / 'output' / 'two.pdf'}",
                                f"built {project / 'output' / 'two-large-print.pdf'}"]
    code, out, _ = cli("--project", str(project), "build", str(spec), "--profile", "print")
    assert code == 0 and out == f"built {project / 'output' / 'two-print.pdf'}\n"


def test_print_turns_images_into_ink_without_transparency(project: Path, cli: Cli) -> None:
    """A PNG with a transparent part, as a figure and as the logo: in print both become CMYK
    laid on white, and the file passes the print check (no RGB, no soft mask)."""
    from PIL import Image

    from conftest import REACHABLE, write_spec

    picture = Image.new("RGBA", (300, 150), (20, 54, 92, 255))
    picture.putpixel((0, 0), (0, 0, 0, 0))
    picture.save(project / "briefings" / "photo.png")
    logo = picture.copy()
    logo.putpixel((1, 1), (200, 85, 61, 128))
    logo.save(project / "assets" / "logo.png")
    brand = project / "assets" / "brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("mark: logo.svg",
                                                               "mark: logo.png"),
                     encoding="utf-8")
    spec = write_spec(project, "photo", REACHABLE + """\
sections:
  - heading: A picture
    blocks:
      - figure: photo
figures:
  - id: photo
    kind: image
    title: A picture
    file: photo.png
    alt: A navy rectangle.
    source: The test
""")
    code, _, err = cli("--project", str(project), "build", str(spec), "--profile", "print",
                       "--profile", "screen")
    assert code == 0, err
    reader = PdfReader(project / "output" / "photo-print.pdf")
    images = [x.get_object() for _, res in _streams(reader)
              for x in (res.get("/XObject") or {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert len(images) == 2
    assert all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in i for i in images)
    screen = PdfReader(project / "output" / "photo.pdf")
    kept = [x.get_object() for _, res in _streams(screen)
            for x in (res.get("/XObject") or {}).values()
            if x.get_object().get("/Subtype") == "/Image"]
    assert kept and all(i["/ColorSpace"] == "/DeviceRGB" for i in kept)

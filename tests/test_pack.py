"""``briefpress pack``: every file of the press office's pack read back: the PDF (the same bytes
as ``build``), page one as PNG (pdfium's drawing of it), the email in plain text and in
Markdown (rendered by a CommonMark parser, it says what the text says), and the manifest
(each size and SHA-256 checked against the file)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from markdown_it import MarkdownIt
from PIL import Image

from briefpress.spec import load_briefing
from conftest import REACHABLE, REPO, fold, reachable, write_spec

Cli = Callable[..., tuple[int, str, str]]
CALL = REPO / "briefings" / "call-for-action.yaml"


def _pack(cli: Cli, project: Path, spec: Path, *extra: str) -> tuple[int, str, str, Path]:
    code, out, err = cli("--project", str(project), "pack", str(spec), *extra)
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err, project / "output" / f"{spec.stem}-pack"


def _manifest(folder: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return data


def _files_match_manifest(folder: Path, stem: str) -> None:
    manifest = _manifest(folder)
    listed = manifest["files"]
    assert isinstance(listed, list)
    assert [f["name"] for f in listed] == [f"{stem}.pdf", f"{stem}-page-1.png",
                                           f"{stem}-email.txt", f"{stem}-email.md"]
    for f in listed:
        data = (folder / f["name"]).read_bytes()
        assert f["bytes"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f["name"] for f in listed), "manifest.json"])


def test_the_call_for_action_pack(tmp_path: Path, cli: Cli) -> None:
    """The real briefing, as it is: no embargo, and a contact with no email or phone."""
    out = tmp_path / "out"
    code, stdout, err = cli("--project", str(REPO), "pack", str(CALL), "--out", str(out))
    folder = out / "call-for-action-pack"
    assert code == 0, err
    assert stdout.startswith(f"packed {folder}/: call-for-action.pdf (")
    assert "call-for-action.yaml: no embargo: the email opens with the immediate-release line" \
        in stdout
    _files_match_manifest(folder, "call-for-action")
    assert cli("--project", str(REPO), "build", str(CALL), "--out", str(tmp_path))[0] == 0
    pdf = (folder / "call-for-action.pdf").read_bytes()
    assert pdf == (tmp_path / "call-for-action.pdf").read_bytes()  # what build makes
    doc = pdfium.PdfDocument(pdf)
    try:
        drawn = doc[0].render(scale=1200 / doc[0].get_width()).to_pil().convert("RGB")
        pages = len(doc)
    finally:
        doc.close()
    with Image.open(folder / "call-for-action-page-1.png") as png:
        assert png.size[0] == 1200 and png.size == drawn.size
        assert png.convert("RGB").tobytes() == drawn.tobytes()
    manifest = _manifest(folder)
    assert manifest["pages"] == pages and manifest["embargo"] is None
    assert manifest["language"] == "en-GB" and manifest["spec"] == "call-for-action.yaml"
    budget = manifest["email_budget"]
    assert isinstance(budget, dict)
    assert budget["budget_bytes"] == 2_000_000 and budget["within"] is True
    assert budget["pdf_bytes"] == len(pdf) and sum(budget["pdf_parts_bytes"].values()) == len(pdf)
    text = (folder / "call-for-action-email.txt").read_text(encoding="utf-8")
    b = load_briefing(CALL, "spec").briefing
    lines = text.splitlines()
    assert lines[:3] == ["FOR IMMEDIATE RELEASE", "", b.title]
    for paragraph in b.summary:
        assert fold(paragraph.plain) in lines
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert [n.split(". ", 1)[0] for n in numbered] == [str(i) for i in range(1, 7)]
    for line, finding in zip(numbered, b.findings, strict=True):
        assert line.split(". ", 1)[1].startswith(fold(finding.text.plain))
    assert "The full briefing is attached: call-for-action.pdf" in lines
    assert lines[-3:] == ["Contact", "", "Harry Fletcher, Director, Digital-Trust"]


EMBARGOED = reachable(CALL.read_text(encoding="utf-8")).replace(
    "  - {name: Press office, email: press@example.org}",
    "  - {name: Press office, email: press@example.org, phone: 020 7946 0000}").replace(
    "date: 2014-11-21\n", "date: 2014-11-21\nembargo: 2014-11-21 00:01\n")


@pytest.fixture
def embargoed(project: Path, cli: Cli) -> Path:
    """The call for action under embargo, with a press contact, packed; returns the folder."""
    (project / "briefings" / "data").mkdir()
    (project / "briefings" / "data" / "police-training-by-force.csv").write_bytes(
        (REPO / "briefings" / "data" / "police-training-by-force.csv").read_bytes())
    spec = write_spec(project, "call", EMBARGOED)
    code, out, err, folder = _pack(cli, project, spec)
    assert (code, err) == (0, "")
    assert out == (f"packed {folder}/: " + ", ".join(
        f"{name} ({_shown((folder / name).stat().st_size)})" for name in (
            "call.pdf", "call-page-1.png", "call-email.txt", "call-email.md",
            "manifest.json")) + "\n")
    return folder


def _shown(n: int) -> str:
    return f"{n:,} bytes" if n < 10_000 else f"{n / 1000:,.0f} kB"


def test_the_email_opens_with_the_embargo_and_ends_with_the_contact(embargoed: Path) -> None:
    text = (embargoed / "call-email.txt").read_text(encoding="utf-8").splitlines()
    assert text[0] == "EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014"
    assert text[-7:] == ["Contact", "", "Harry Fletcher, Director, Digital-Trust", "",
                         "Press office", "Email: press@example.org", "Phone: 020 7946 0000"]
    manifest = _manifest(embargoed)
    assert manifest["embargo"] == "2014-11-21 00:01"
    _files_match_manifest(embargoed, "call")


def _rendered_text(markdown: str) -> list[str]:
    """The Markdown as a CommonMark reader shows it: the text of each block, tags dropped."""
    rendered = MarkdownIt("commonmark").render(markdown)
    blocks = re.findall(r"<(h1|h2|p|li)>(.*?)</\1>", rendered, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split()) for _, body in blocks]


def test_the_markdown_says_what_the_text_says(embargoed: Path) -> None:
    markdown = (embargoed / "call-email.md").read_text(encoding="utf-8")
    text = (embargoed / "call-email.txt").read_text(encoding="utf-8")
    plain = [re.sub(r"^\d+\. ", "", line) for line in text.splitlines() if line.strip()]
    contact = plain.index("Contact")
    people = " ".join(plain[contact + 1:])  # joined: Markdown's line breaks are not blocks
    shown = _rendered_text(markdown)
    assert [*shown[:contact + 1], " ".join(shown[contact + 1:])] == [*plain[:contact + 1],
                                                                     people]
    rendered = MarkdownIt("commonmark").render(markdown)
    assert '<a href="mailto:press@example.org">press@example.org</a>' in rendered
    assert rendered.startswith("<p><strong>EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014"
                               "</strong></p>\n<h1>Call for action on stalking prosecutions</h1>")


def test_author_text_is_never_markdown(project: Path, cli: Cli) -> None:
    """Markup characters typed in a spec print as typed in the Markdown email, while the
    spec's own bold, italic and links become Markdown's."""
    hostile = ("'1. <b>x</b> & *emph* with **bold**, a_b_c, `code`, "
               "[site](https://example.org/a_b?c=1&d=2) | # ~~gone~~ \\\\ \\[^9]'")
    spec = write_spec(project, "m", REACHABLE.replace("  - The first finding.",
                                                      f"  - {hostile}"))
    code, _, err, folder = _pack(cli, project, spec)
    assert code == 0, err
    rendered = MarkdownIt("commonmark").render(
        (folder / "m-email.md").read_text(encoding="utf-8"))
    item = re.search(r"<li>(.*?)</li>", rendered, re.S)
    assert item is not None
    assert item.group(1) == (
        "1. &lt;b&gt;x&lt;/b&gt; &amp; <em>emph</em> with <strong>bold</strong>, a_b_c, "
        '`code`, <a href="https://example.org/a_b?c=1&amp;d=2">site</a> | # ~~gone~~ \\ '
        "[^9]")
    text = (folder / "m-email.txt").read_text(encoding="utf-8")
    assert "1. 1. <b>x</b> & emph with bold, a_b_c, `code`, site | # ~~gone~~ \\ [^9]" in text


def _email_budget(project: Path, value: str) -> tuple[Path, int]:
    """Set the brand's email budget to *value*: the brand file, and the line it is on."""
    brand = project / "assets" / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("    large-print-size: 16pt\n",
                                  f"    large-print-size: 16pt\n    email-budget: {value}\n"),
                     encoding="utf-8")
    return brand, text.splitlines().index("    large-print-size: 16pt") + 2


def test_a_pdf_over_the_email_budget_is_a_warning_saying_what_is_large(
        project: Path, cli: Cli) -> None:
    brand, line = _email_budget(project, "20kB")
    spec = write_spec(project, "s", REACHABLE)
    code, _, err, folder = _pack(cli, project, spec)
    size = (folder / "s.pdf").stat().st_size
    assert code == 0
    assert re.fullmatch(
        rf"{re.escape(str(spec))}:1:1: warning: the PDF is {size / 1000:.0f} kB, over the email "
        rf"budget of 20 kB set in {re.escape(str(brand))}:{line}:19 "
        r"\(defaults\.briefpress\.email-budget\): (fonts|pages and structure) \d+ kB, "
        r"(fonts|pages and structure) \d+ kB, colour profile 1 kB; make large images "
        r"smaller \(fewer pixels, or JPEG for photographs\), or send a link to the PDF "
        r"instead\n", err), err
    budget = _manifest(folder)["email_budget"]
    assert isinstance(budget, dict)
    assert budget["within"] is False and budget["budget_bytes"] == 20_000
    other = write_spec(project, "t", REACHABLE)
    code, out, err, folder = _pack(cli, project, other, "--strict")
    assert code == 1 and out == "" and not folder.exists()
    assert err.splitlines()[-1] == f"error: {other}: not packed: --strict and there are warnings"


def test_a_bad_email_budget_is_a_located_brand_error(project: Path, cli: Cli) -> None:
    brand, line = _email_budget(project, "lots")
    spec = write_spec(project, "s", REACHABLE)
    code, out, err, _ = _pack(cli, project, spec)
    assert (code, out) == (1, "")
    assert err == (f"{brand}:{line}:19: defaults.briefpress.email-budget: 'lots' is not a size "
                   "for email; write it like 2MB or 500kB (1 MB is 1,000,000 bytes), at most "
                   "100MB\n")


def test_no_manifest_is_left_beside_a_pack_that_could_not_be_written(project: Path,
                                                                      cli: Cli) -> None:
    spec = write_spec(project, "s", REACHABLE)
    code, _, _, folder = _pack(cli, project, spec)
    assert code == 0 and (folder / "manifest.json").is_file()
    write_spec(project, "s", REACHABLE.replace("The first finding.", "A changed finding."))
    (folder / "s-email.md").unlink()
    (folder / "s-email.md").mkdir()  # a folder where the Markdown email goes: it cannot be written
    code, _, err, _ = _pack(cli, project, spec)
    assert code == 1 and "could not write" in err
    assert not (folder / "manifest.json").exists()
    assert [p.name for p in folder.iterdir() if "briefpress-tmp" in p.name] == []


def test_the_same_spec_gives_the_same_pack(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "s", REACHABLE)
    first = _pack(cli, project, spec)[3]
    before = {p.name: p.read_bytes() for p in first.iterdir()}
    _pack(cli, project, spec)
    assert {p.name: p.read_bytes() for p in first.iterdir()} == before


def test_a_welsh_pack_speaks_welsh(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "cy", REACHABLE + "language: cy-GB\nabout: Elusen.\n"
                      "embargo: 2014-11-21 00:01\n")
    code, _, err, folder = _pack(cli, project, spec)
    assert code == 0, err
    lines = (folder / "cy-email.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "EMBARGO TAN 00:01 DYDD GWENER 21 TACHWEDD 2014"
    assert "1 Mawrth 2024 · Awdur: Test Author" in lines
    for word in ("Crynodeb", "Prif ganfyddiadau", "Cyswllt",
                 "Mae'r papur briffio llawn ynghlwm: cy.pdf", "E-bost: press@example.org"):
        assert word in lines, word

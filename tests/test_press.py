"""Press furniture: the embargo line (page 1, alert colour, metadata) and the DRAFT stamp."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from briefpress.plan.words import ENGLISH
from conftest import MINIMAL, page_texts, write_spec

Cli = Callable[..., tuple[int, str, str]]
LONG = "\n".join(f"      - Paragraph {i} of a long section, long enough to need several pages "
                 "of text so that the stamp must be found on each of them." for i in range(90))
MULTI_PAGE = MINIMAL + f"""\
sections:
  - heading: A long section
    blocks:
{LONG}
"""
EMBARGO_LINE = "EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014"


def _build(project: Path, cli: Cli, name: str, text: str, out: Path | None = None) -> Path:
    spec = write_spec(project, name, text)
    args = ["--project", str(project), "build", str(spec)]
    if out is not None:
        args += ["--out", str(out)]
    code, _, err = cli(*args)
    assert code == 0, err
    return (out or project / "output") / f"{name}.pdf"


def test_embargo_text_names_the_weekday_from_the_date() -> None:
    assert ENGLISH.embargo_line(datetime(2014, 11, 21, 0, 1)) == EMBARGO_LINE
    assert ENGLISH.embargo_line(datetime(2014, 4, 24, 9, 30)) == (
        "EMBARGOED UNTIL 09:30 THURSDAY 24 APRIL 2014")


def _text_colours(pdf: Path, page: int) -> list[tuple[str, tuple[float, ...]]]:
    """Each piece of text on *page* with the fill colour it was drawn in."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    state: dict[str, tuple[float, ...]] = {"fill": (0.0,)}
    found: list[tuple[str, tuple[float, ...]]] = []

    def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op in (b"rg", b"g", b"k"):
            state["fill"] = tuple(round(float(a), 3) for a in args)

    def text(value: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if value.strip():
            found.append((value, state["fill"]))

    reader.pages[page].extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def test_embargo_printed_in_red_on_page_one_only_and_in_metadata(project: Path, cli: Cli
                                                                 ) -> None:
    pdf = _build(project, cli, "embargoed",
                 MINIMAL + "embargo: 2014-11-21 00:01\n" + MULTI_PAGE[len(MINIMAL):])
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert EMBARGO_LINE in pages[0]
    assert all(EMBARGO_LINE not in p for p in pages[1:])
    danger = (round(0xB3 / 255, 3), round(0x26 / 255, 3), round(0x1E / 255, 3))
    colours = [c for t, c in _text_colours(pdf, 0) if "EMBARGOED" in t]
    assert colours == [danger]
    meta = PdfReader(pdf).metadata
    assert meta is not None
    assert meta["/Embargo"] == EMBARGO_LINE


def test_no_embargo_line_when_not_asked(project: Path, cli: Cli) -> None:
    pdf = _build(project, cli, "plain", MULTI_PAGE)
    assert all("EMBARGOED" not in p for p in page_texts(pdf))
    meta = PdfReader(pdf).metadata
    assert meta is not None and "/Embargo" not in meta


def test_draft_stamp_on_every_page(project: Path, cli: Cli) -> None:
    pdf = _build(project, cli, "draft", MINIMAL + "status: draft\n" + MULTI_PAGE[len(MINIMAL):])
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert "DRAFT" in page, f"page {n} has no stamp"
    outline = [o.title for o in PdfReader(pdf).outline if not isinstance(o, list)]
    assert outline[:2] == ["Summary", "Key findings"]  # stamping keeps the bookmarks
    final = _build(project, cli, "final", MINIMAL + "status: final\n" + MULTI_PAGE[len(MINIMAL):])
    assert len(page_texts(final)) == len(pages)  # the stamp never changes the layout
    assert all("DRAFT" not in p for p in page_texts(final))


def test_draft_build_is_deterministic(project: Path, cli: Cli, tmp_path: Path) -> None:
    text = MINIMAL + "status: draft\nembargo: 2014-11-21 00:01\n" + MULTI_PAGE[len(MINIMAL):]
    first = _build(project, cli, "same", text, tmp_path / "a").read_bytes()
    second = _build(project, cli, "same", text, tmp_path / "b").read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_bad_embargo_and_status_are_located_errors(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "bad", MINIMAL + "embargo: 21/11/2014\nstatus: drafty\n")
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert code == 1
    assert ":7:10: embargo: expected a date and time written 'YYYY-MM-DD HH:MM'" in err
    assert ":8:9: status:" in err


def test_a_draft_with_a_long_title_builds_and_the_stamp_is_an_artifact(project: Path,
                                                                          cli: Cli) -> None:
    """The after-layout check tells the DRAFT banner from the text (it is a watermark
    artifact), so a title that runs under the banner is still found whole."""
    from pdfread import page_objects, squash

    title = "A draft whose title is long enough to run under the banner " * 4
    text = MINIMAL.replace("A minimal briefing", title.strip()) + "status: draft\n"
    pdf = _build(project, cli, "long-draft", text + MULTI_PAGE[len(MINIMAL):])
    for objs in page_objects(pdf):
        stamp = [o for o in objs if "DRAFT" in o.text]
        assert stamp and all(o.artifact for o in stamp)
    body = squash("".join(o.text for o in page_objects(pdf)[0] if not o.artifact))
    assert squash(title) in body and "DRAFT" not in body

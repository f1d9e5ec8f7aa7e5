"""Shared helpers: a throw-away project folder, building specs, reading PDFs back."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefpress.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs offline: any attempt to open a network connection fails it."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a test tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


CHARITY_NUMBER = "1234567"
"""The charity number a test project's brand gives, in place of the shipped placeholder."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real assets with empty briefings/ and output/ folders.

    The shipped brand's charity number is a placeholder (``TODO: ...``), which every
    check warns about; here it is filled in, as in a charity's own project, so that
    a test sees only the warnings its spec causes.
    """
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    brand = tmp_path / "assets" / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    filled = re.sub(r'charity_number: "TODO[^"]*"', f'charity_number: "{CHARITY_NUMBER}"', text)
    assert filled != text
    brand.write_text(filled, encoding="utf-8")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "output").mkdir()
    return tmp_path


def reachable(briefing_text: str) -> str:
    """A real briefing with a press contact journalists can reach added after its own
    (the examples give no email or phone: the campaign material has none, and none is
    invented)."""
    lines = briefing_text.splitlines(keepends=True)
    end = lines.index("contacts:\n") + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    press = "  - {name: Press office, email: press@example.org}\n"
    return "".join([*lines[:end], press, *lines[end:]])


def no_contact(spec: Path, line: int = 1, column: int = 1) -> str:
    """The warning a spec without a reachable contact gets (MINIMAL has no contacts)."""
    if (line, column) == (1, 1):
        return (f"{spec}:1:1: warning: no contacts: journalists and MPs' staff need someone to "
                "ask; add 'contacts:' with a name and an email address, phone number or web "
                "address\n")
    return (f"{spec}:{line}:{column}: warning: contacts: no contact has an email address, "
            "phone number or web address; add 'email:', 'phone:' or 'web:' to at least one, "
            "so journalists can reach someone\n")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    try:
        code = main(args)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(list(args), capsys)
    return run


def length_line(spec: Path, shown: str | None = None) -> str:
    """What ``check`` prints on stdout for a valid spec: its body's words and reading time
    (information, never a warning; *shown* is the spec as the command names it)."""
    from briefpress.spec import load_briefing
    from briefpress.spec.reading import body_length

    length = body_length(load_briefing(spec, str(spec)).briefing)
    minutes = f"{length.minutes} minute" + ("" if length.minutes == 1 else "s")
    return (f"{shown or spec}: {length.words:,} words in the body, about {minutes} "
            "to read\n")


def pdf_text(pdf: bytes | Path) -> str:
    """All text of a PDF, pages joined, whitespace folded to single spaces."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = PdfReader(io.BytesIO(data), strict=True)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def page_texts(pdf: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()), strict=True)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


MINIMAL = """\
title: A minimal briefing
date: 2024-03-01
authors: [Test Author]
summary: One paragraph of summary.
findings:
  - The first finding.
"""

REACHABLE = MINIMAL + """\
contacts:
  - {name: Press office, email: press@example.org}
"""
"""MINIMAL with a contact journalists can reach, so it builds with no warning at all."""


def pdf_resources(reader: PdfReader) -> tuple[list[DictionaryObject], list[str]]:
    """Every font dictionary and every XObject subtype used on any page, nested forms too."""
    fonts: list[DictionaryObject] = []
    subtypes: list[str] = []
    for page in reader.pages:
        stack = [page["/Resources"]]
        while stack:
            res = stack.pop()
            fonts += [f.get_object() for f in (res.get("/Font") or {}).values()]
            for xobj in (res.get("/XObject") or {}).values():
                xobj = xobj.get_object()
                subtypes.append(str(xobj.get("/Subtype")))
                if "/Resources" in xobj:
                    stack.append(xobj["/Resources"])
    return fonts, subtypes


def font_problems(reader: PdfReader) -> list[str]:
    """Every font used that is not an embedded brand font; a PDF with no font at all fails too."""
    fonts, _ = pdf_resources(reader)
    problems: list[str] = []
    for font in fonts:
        name = str(font.get("/BaseFont"))
        descriptor = font.get("/FontDescriptor")
        files = descriptor.get_object() if descriptor is not None else {}
        if not any(k in files for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"not embedded: {name}")
        elif "NotoSans" not in name:
            problems.append(f"not a brand font: {name}")
    return problems if fonts else ["no fonts at all"]


MARGIN = 20 * 72 / 25.4
"""The page margin in points (20 mm), for checks that nothing is drawn outside it."""


class CharBox(NamedTuple):
    """One drawn character as pdfium sees it (PDF points, origin bottom left)."""

    page: int
    char: str
    left: float
    bottom: float
    right: float
    top: float
    width: float
    height: float


def char_boxes(pdf: Path) -> list[CharBox]:
    """Every visible character drawn in *pdf*, with its box and its page's size."""
    import pypdfium2 as pdfium

    out: list[CharBox] = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for number in range(len(doc)):
            page = doc[number]
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                left, bottom, right, top = text.get_charbox(i)
                if ch.strip() and right > left:
                    out.append(CharBox(number + 1, ch, left, bottom, right, top, width, height))
            text.close()
            page.close()
    finally:
        doc.close()
    return out


def outside_margins(boxes: list[CharBox]) -> list[CharBox]:
    """The characters that stray into the side margins or off the page."""
    return [b for b in boxes if b.left < MARGIN - 1 or b.right > b.width - MARGIN + 1
            or b.bottom < 0 or b.top > b.height]


def write_spec(project: Path, name: str, text: str) -> Path:
    path = project / "briefings" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SPECS = sorted((REPO / "briefings").glob("*.yaml"))
"""The briefings in briefings/, found rather than counted: a new one is tested too."""


def has_editions(spec: Path) -> bool:
    """Whether a spec makes one paper per row of an edition table (``editions:``)."""
    return any(line.startswith("editions:")
               for line in spec.read_text(encoding="utf-8").splitlines())


def first_edition(out: Path, spec: Path) -> Path:
    """The PDF of an edition spec's first edition, as its manifest lists it."""
    import json

    body = json.loads((out / spec.stem / "manifest.json").read_text(encoding="utf-8"))
    return out / spec.stem / body["editions"][0]["file"]


@pytest.fixture(scope="session")
def briefings_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Every briefing in briefings/, built once for the session by the CLI as a user would:
    the output folder, and what was said on stderr."""
    import contextlib
    import io as _io

    out = tmp_path_factory.mktemp("briefings")
    err = _io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--project", str(REPO), "build", "--out", str(out)])
    assert code == 0, err.getvalue()
    return out, err.getvalue()


@pytest.fixture(scope="session")
def briefings_built(briefings_run: tuple[Path, str]) -> dict[str, Path]:
    """Every briefing in briefings/, built once for the session: name -> PDF (for a spec
    with editions, its first edition's)."""
    out, _ = briefings_run
    return {spec.stem: first_edition(out, spec) if has_editions(spec) else
            out / f"{spec.stem}.pdf" for spec in SPECS}

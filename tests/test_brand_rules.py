"""brand.yml is read like a spec: every problem located and worded for brand keys, every file
it names read in full, and a fact that is only a placeholder never printed.

Each test edits a copy of the real brand and runs ``briefpress check`` on a minimal spec:
exit 1 with the exact located message (never 3), or exit 0 with the PDF as it should be.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.brand import load_brand
from briefpress.errors import SpecError
from conftest import (
    CHARITY_NUMBER,
    MINIMAL,
    REPO,
    length_line,
    no_contact,
    pdf_resources,
    pdf_text,
    write_spec,
)

Cli = Callable[..., tuple[int, str, str]]
BRAND = "assets/brand.yml"


def _edit(project: Path, old: str, new: str) -> None:
    brand = project / BRAND
    text = brand.read_text(encoding="utf-8")
    assert old in text
    brand.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(project: Path, cli: Cli, *extra: str, spec_text: str = MINIMAL
           ) -> tuple[int, list[str]]:
    """Exit code and stderr lines of ``check`` run from the project folder."""
    import os

    spec = write_spec(project, "spec", spec_text)
    here = Path.cwd()
    os.chdir(project)  # so the brand is shown as assets/brand.yml, as a user sees it
    try:
        code, out, err = cli("check", *extra, str(spec.relative_to(project)))
    finally:
        os.chdir(here)
    valid = all(": warning: " in line for line in err.splitlines())  # only warnings, if any
    assert out == (length_line(spec, "briefings/spec.yaml") if valid else "")
    assert "Traceback" not in err and "internal error" not in err
    return code, err.splitlines()


def _fails(project: Path, cli: Cli) -> list[str]:
    code, lines = _check(project, cli)
    assert code == 1
    return lines


# Located, suggesting, in words for brand keys.

def test_a_bad_colour_is_told_about_colours(project: Path, cli: Cli) -> None:
    _edit(project, 'navy: "#14365C"', 'navy: "#14365"')
    assert _fails(project, cli) == [
        f"{BRAND}:24:11: color.palette.navy: '#14365' is not a colour; write it as #RRGGBB, "
        "e.g. '#14365C'"]


def test_a_colour_role_naming_no_palette_colour_suggests_one(project: Path, cli: Cli) -> None:
    _edit(project, "primary: navy", "primary: nav")
    assert _fails(project, cli) == [
        f"{BRAND}:35:12: color.primary: 'nav' is neither a palette colour nor a #RRGGBB "
        "colour; did you mean 'navy'? (palette: navy, teal, coral, red, ink, slate, mist, "
        "stone, white)"]


def test_misspelt_brand_keys_get_a_suggestion(project: Path, cli: Cli) -> None:
    _edit(project, "  charity_number:", "  charity_numbr:")
    _edit(project, "color:\n", "colour:\n")
    assert _fails(project, cli) == [
        f"{BRAND}:9:3: meta: unknown key 'charity_numbr'; did you mean 'charity_number'?",
        f"{BRAND}:22:1: unknown key 'colour'; did you mean 'color'?",
    ]


def test_a_misspelt_typography_key_is_located(project: Path, cli: Cli) -> None:
    _edit(project, "  headings:\n    family: Noto Sans", "  headings:\n    famly: Noto Sans")
    assert _fails(project, cli) == [
        f"{BRAND}:64:5: typography.headings: unknown key 'famly'; did you mean 'family'?"]


def test_a_missing_font_file_is_located_and_suggests_the_file(project: Path, cli: Cli) -> None:
    _edit(project, "fonts/NotoSans-Bold.ttf", "fonts/NotoSans-Bodl.ttf")
    assert _fails(project, cli) == [
        f"{BRAND}:50:17: typography.fonts[0].files[1].path: font file 'fonts/NotoSans-Bodl.ttf' "
        "not found in the assets folder; did you mean 'fonts/NotoSans-Bold.ttf'?"]


def test_an_unlisted_base_family_is_located(project: Path, cli: Cli) -> None:
    _edit(project, "  base:\n    family: Noto Sans", "  base:\n    family: Noto Sand")
    assert _fails(project, cli) == [
        f"{BRAND}:60:13: typography.base.family: font family 'Noto Sand' is not listed under "
        "typography.fonts; did you mean 'Noto Sans'?"]


def test_a_bad_body_size_is_an_error_not_a_silent_default(project: Path, cli: Cli) -> None:
    _edit(project, "size: 10pt", "size: large")
    assert _fails(project, cli) == [
        f"{BRAND}:61:11: typography.base.size: 'large' is not a body text size between 7pt "
        "and 14pt; write it like '10pt'"]


def test_brand_facts_follow_the_text_policy(project: Path, cli: Cli) -> None:
    _edit(project, "address: Digital-Trust, London", 'address: "Digital-Trust,\\0 London"')
    _edit(project, "    on Stalking and Harassment", "    on Stalking\u200b and Harassment")
    assert _fails(project, cli) == [
        f"{BRAND}:10:27: meta.address: a control character U+0000 NULL, which cannot be "
        "printed; delete it",
        f"{BRAND}:14:16: meta.about: an invisible formatting character U+200B ZERO WIDTH "
        "SPACE, often pasted from a word processor; delete it",
    ]


def test_a_decomposed_brand_name_is_normalised(project: Path) -> None:
    _edit(project, "full: Digital-Trust", "full: Ymddiriedolaeth Gw\u0302yl")
    assert load_brand(project / "assets").full_name == "Ymddiriedolaeth G\u0175yl"


# Placeholders: never printed; a warning, an error with --strict or for a final paper.

def _placeholder(project: Path) -> None:
    _edit(project, f'charity_number: "{CHARITY_NUMBER}"',
          'charity_number: "TODO: the registered number"')


PLACEHOLDER = (f"{BRAND}:9:19: warning: meta.charity_number: 'TODO: the registered number' "
               "is a placeholder, so it is left out of every page; write the real value (or "
               "delete the line) before the paper goes out")


def test_a_placeholder_is_a_warning_and_never_printed(project: Path, cli: Cli) -> None:
    _placeholder(project)
    code, lines = _check(project, cli)
    assert (code, lines[0]) == (0, PLACEHOLDER)
    assert load_brand(project / "assets").charity_number is None
    spec = write_spec(project, "paper", MINIMAL)
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert code == 0
    assert err.splitlines()[0].endswith(PLACEHOLDER.removeprefix(BRAND))
    text = pdf_text(project / "output" / "paper.pdf")
    assert "TODO" not in text and "Registered charity number" not in text


def test_strict_makes_a_placeholder_an_error(project: Path, cli: Cli) -> None:
    _placeholder(project)
    code, lines = _check(project, cli, "--strict")
    assert (code, lines[0]) == (1, PLACEHOLDER)


def test_a_final_paper_may_not_rest_on_a_placeholder(project: Path, cli: Cli) -> None:
    _placeholder(project)
    code, lines = _check(project, cli, spec_text=MINIMAL + "status: final\n")
    assert code == 1
    assert lines == [f"{BRAND}:9:19: meta.charity_number: 'TODO: the registered number' is a "
                     "placeholder, so it is left out of every page; write the real value (or "
                     "delete the line) as briefings/spec.yaml:7 says 'status: final'"]
    spec = project / "briefings" / "spec.yaml"
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert code == 1 and "says 'status: final'" in err
    assert list((project / "output").iterdir()) == []


def test_the_shipped_placeholder_fails_strict_check(cli: Cli) -> None:
    code, _out, err = cli("--project", str(REPO), "check", "--strict",
                          str(REPO / "briefings" / "appg.yaml"))
    assert code == 1
    assert "warning: meta.charity_number: 'TODO: the registered charity number' is a " \
           "placeholder" in err


def test_every_fact_is_optional(project: Path, cli: Cli) -> None:
    for fact in (f'  charity_number: "{CHARITY_NUMBER}"\n', "  address: Digital-Trust, London\n"):
        _edit(project, fact, "")
    spec = write_spec(project, "paper", MINIMAL)
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    assert "Registered charity number" not in pdf_text(project / "output" / "paper.pdf")


def test_a_placeholder_name_is_an_error(project: Path, cli: Cli) -> None:
    _edit(project, "short: Digital-Trust", "short: TODO")
    assert _fails(project, cli) == [
        f"{BRAND}:6:12: meta.name.short: the organisation's name is printed on every page, so "
        "it cannot be a placeholder; write the name"]


# Contacts: a paper for the press says how to reach someone.

def test_contacts_without_email_or_phone_are_warned_about(project: Path, cli: Cli) -> None:
    code, lines = _check(project, cli, spec_text=MINIMAL + "contacts:\n  - {name: Ann Lee}\n")
    assert (code, lines) == (0, [no_contact(Path("briefings/spec.yaml"), 8, 3).rstrip("\n")])
    code, lines = _check(project, cli, "--strict",
                         spec_text=MINIMAL + "contacts:\n  - {name: Ann Lee}\n")
    assert code == 1
    for reachable in ("email: ann@example.org", "phone: 020 7946 0000"):
        code, lines = _check(project, cli, spec_text=MINIMAL + (
            f"contacts:\n  - {{name: Bob}}\n  - {{name: Ann Lee, {reachable}}}\n"))
        assert (code, lines) == (0, [])


# Fonts: read in full, as the PDF writer will.

def _font_bytes(name: str = "NotoSans-Bold.ttf") -> bytes:
    return (REPO / "assets" / "fonts" / name).read_bytes()


def _damaged_glyphs() -> bytes:
    from fontTools.ttLib import TTFont

    data = bytearray(_font_bytes())
    entry = TTFont(io.BytesIO(bytes(data)), lazy=True).reader.tables["glyf"]
    middle = entry.offset + entry.length // 2
    data[middle:middle + 2000] = b"\xff" * 2000
    return bytes(data)


@pytest.mark.parametrize(("make", "problem"), [
    (lambda: _font_bytes()[:200_000], "is cut short: its 'glyf' table runs past the end of the "
     "file"),
    (lambda: _font_bytes()[:int(len(_font_bytes()) * 0.9)], "is cut short: its 'GPOS' table "
     "runs past the end of the file"),
    (lambda: b"\x00\x01\x00\x00" + b"x" * 1000, "is damaged and cannot be used"),
    (lambda: b"<html>not a font</html>", "is not a TrueType font file"),
    (lambda: b"OTTO" + _font_bytes()[4:], "is an OpenType font with PostScript (CFF) "
     "outlines; use the TrueType (.ttf) version of the font"),
    (_damaged_glyphs, "is damaged and cannot be used"),
])
def test_a_damaged_font_is_refused_by_check(make: Callable[[], bytes], problem: str,
                                            project: Path, cli: Cli) -> None:
    (project / "assets" / "fonts" / "NotoSans-Bold.ttf").write_bytes(make())
    [line] = _fails(project, cli)
    assert line.startswith(f"{BRAND}:50:17: typography.fonts[0].files[1].path: font "
                           f"'fonts/NotoSans-Bold.ttf' {problem}")


def test_a_font_that_forbids_embedding_is_refused(project: Path, cli: Cli) -> None:
    from fontTools.ttLib import TTFont

    path = project / "assets" / "fonts" / "NotoSans-Italic.ttf"
    with TTFont(str(path)) as font:
        font["OS/2"].fsType = 0x0002
        font.save(str(path))
    [line] = _fails(project, cli)
    assert line == (f"{BRAND}:53:17: typography.fonts[0].files[2].path: font "
                    "'fonts/NotoSans-Italic.ttf' has a licence that does not allow it to be "
                    "embedded in a PDF (OS/2 fsType 0x0002); use another font")


def test_the_real_fonts_pass_and_give_their_code_points(project: Path) -> None:
    font = load_brand(project / "assets").font
    assert {ord("ŵ"), ord("ŷ"), ord("£"), ord("€")} <= font.codepoints
    assert ord("😀") not in font.codepoints


# The logo: SVG, PNG or JPEG, read in full.

def _logo(project: Path, name: str, data: bytes) -> None:
    (project / "assets" / name).write_bytes(data)
    _edit(project, "mark: logo.svg", f"mark: {name}")


def _png(width: int = 120, height: int = 40) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 54, 92)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_png_logo_is_printed(project: Path, cli: Cli) -> None:
    _logo(project, "logo.png", _png())
    spec = write_spec(project, "paper", MINIMAL)
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    from pypdf import PdfReader

    reader = PdfReader(project / "output" / "paper.pdf")
    _fonts, subtypes = pdf_resources(reader)
    assert "/Image" in subtypes


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("logo.png", _png()[:60], "logo: image 'logo.png' is damaged and cannot be read"),
    ("logo.gif", b"GIF89a", "logo 'logo.gif' is not an SVG, PNG or JPEG file; the logo must be "
     "one"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "logo: SVG "
     "'logo.svg' has no size: give the <svg> element width and height (or a viewBox)"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
     b'<path d="M 1 zz 3"/></svg>', "logo: SVG cannot be drawn"),
])
def test_a_bad_logo_is_refused_by_check(name: str, data: bytes, problem: str,
                                        project: Path, cli: Cli) -> None:
    _logo(project, name, data)
    [line] = _fails(project, cli)
    assert line.startswith(f"{BRAND}:18:11: logo.images.mark: {problem}")


def test_load_brand_raises_every_problem_at_once(project: Path) -> None:
    _edit(project, "primary: navy", "primary: nav")
    _edit(project, "fonts/NotoSans-Bold.ttf", "fonts/missing.ttf")
    _edit(project, "size: 10pt", "size: 40pt")
    with pytest.raises(SpecError) as caught:
        load_brand(project / "assets")
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (35, "color.primary"), (50, "typography.fonts[0].files[1].path"),
        (61, "typography.base.size")]


def test_a_pattern_message_speaks_of_ids_only_for_ids() -> None:
    """The id advice ("e.g. 'prosecutions-by-area'") once answered any pattern, brand
    colours included; another pattern now gets a neutral message."""
    from typing import Annotated

    from pydantic import BaseModel, Field, ValidationError

    from briefpress.source.yamlload import parse_text
    from briefpress.spec.diagnose import problems_from

    class Coded(BaseModel):
        code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

    doc = parse_text("code: abc\n", "x.yml")
    with pytest.raises(ValidationError) as caught:
        Coded.model_validate(doc.data)
    assert [str(p) for p in problems_from(caught.value, doc, Coded)] == [
        "x.yml:1:7: code: 'abc' is not written in the expected form (^[A-Z]{2}$)"]

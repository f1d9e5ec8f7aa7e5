"""Layout never fails raw, nothing is drawn off the page, every character has a glyph."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.brand import load_brand
from briefpress.errors import SpecError
from conftest import MINIMAL, char_boxes, no_contact, outside_margins, write_spec

Cli = Callable[..., tuple[int, str, str]]
BAD = Path(__file__).parent / "bad"


def test_5000_character_word_wraps_inside_the_margins(project: Path, cli: Cli) -> None:
    shutil.copyfile(BAD / "long-word.yaml", project / "briefings" / "long-word.yaml")
    code, _out, err = cli("--project", str(project), "build")
    assert (code, err) == (0, "")
    boxes = char_boxes(project / "output" / "long-word.pdf")
    assert sum(1 for b in boxes if b.char == "x") >= 5 * 5000 + 3000  # every x drawn
    assert outside_margins(boxes) == []


def test_welsh_letters_print(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "cymraeg", MINIMAL.replace(
        "The first finding.", "Mae'r ŵyn yn y dŷ; Ŵ Ŷ ẁ ẃ ẅ ỳ ÿ."))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    drawn = "".join(b.char for b in char_boxes(project / "output" / "cymraeg.pdf"))
    assert "Mae'rŵynynydŷ;ŴŶẁẃẅỳÿ." in drawn


def test_font_code_points_are_read(project: Path) -> None:
    font = load_brand(project / "assets").font
    assert {0x175, 0x177, 0x174, 0x176, ord("£"), ord("€"), ord("—")} <= font.codepoints
    assert font.lacks("Ŵ😀 ש\tok\n") == ["😀", "ש"]


def test_brand_text_the_font_lacks_is_located(project: Path) -> None:
    brand = project / "assets" / "brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace(
        "full: Digital-Trust", "full: Digital-Trust ☃"), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_brand(project / "assets", "assets/brand.yml")
    assert [str(p) for p in caught.value.problems] == [
        "assets/brand.yml:7:25: meta.name.full: character '☃' U+2603 SNOWMAN is not in the brand "
        "font 'Noto Sans' and cannot be printed; remove it or replace it"]


def test_check_also_finds_missing_glyphs(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "emoji", MINIMAL.replace("The first finding.", "Up 📈 again"))
    code, _out, err = cli("--project", str(project), "check", str(spec))
    assert (code, err) == (1, f"{spec}:6:8: findings[0]: character '📈' U+1F4C8 CHART WITH "
                           "UPWARDS TREND is not in the brand font 'Noto Sans' and cannot be "
                           "printed; remove it or replace it\n")


def test_finding_split_over_a_page_break_is_verified(project: Path, cli: Cli) -> None:
    """A finding long enough to cross a page is found whole, footer and header aside."""
    words = " ".join(f"w{i}" for i in range(1500))
    spec = write_spec(project, "split", MINIMAL.replace("The first finding.", words))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    pages = {b.page for b in char_boxes(project / "output" / "split.pdf")}
    assert len(pages) >= 2


def test_invisible_formatting_characters_are_located(project: Path, cli: Cli) -> None:
    """A soft hyphen or direction override would print differently from what was typed;
    the first of them is pointed at where it stands (column 7, after "co")."""
    spec = write_spec(project, "hidden", MINIMAL.replace(
        "The first finding.", "co\u00adoperation and \u202etxet desrever"))
    code, _out, err = cli("--project", str(project), "check", str(spec))
    assert (code, err) == (1, f"{spec}:6:7: findings[0]: invisible formatting characters "
                           "U+00AD SOFT HYPHEN, U+202E RIGHT-TO-LEFT OVERRIDE, often pasted "
                           "from a word processor; delete them\n")


def test_a_heading_too_long_for_a_page_splits_and_keeps_its_bookmark(
        project: Path, cli: Cli) -> None:
    from pypdf import PdfReader

    word = "y" * 3000
    spec = write_spec(project, "heading", MINIMAL + f"""\
sections:
  - heading: {word}
    blocks: [A paragraph.]
""")
    code, _, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    pdf = project / "output" / "heading.pdf"
    drawn = "".join(b.char for b in char_boxes(pdf))
    assert sum(len(run) for run in re.findall(r"y{20,}", drawn)) == 3000
    assert outside_margins(char_boxes(pdf)) == []
    reader = PdfReader(pdf)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert f"1. {word}" in titles

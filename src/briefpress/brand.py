"""Brand stage: ``assets/brand.yml`` (Posit's brand.yml format) in, a frozen :class:`Brand` out.

Only the parts of brand.yml a printed briefing uses are read; everything the
file says is still checked (unknown keys under the parts we read are refused),
and print facts the format lacks come from ``meta``. Paths are resolved inside
the assets folder and must exist, so later stages never see a missing file.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefpress.errors import Problem, SpecError
from briefpress.spec.diagnose import display_path, problems_from
from briefpress.spec.glyphs import describe_missing, missing_glyphs
from briefpress.spec.types import PlainText
from briefpress.spec.yamlload import Document, load_file

HexColour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Name(_Closed):
    short: PlainText
    full: PlainText


class _Meta(_Open):
    name: _Name
    charity_number: PlainText | None = None
    address: PlainText | None = None
    about: PlainText | None = None


class _Logo(_Open):
    images: dict[str, PlainText]
    small: PlainText | None = None
    medium: PlainText | None = None


class _Colour(_Closed):
    palette: dict[str, HexColour] = {}
    foreground: str
    background: str
    primary: str
    secondary: str
    tertiary: str
    danger: str
    light: str
    dark: str | None = None
    success: str | None = None
    info: str | None = None
    warning: str | None = None


class _FontFile(_Closed):
    path: PlainText
    weight: Literal["400", "700", "normal", "bold"] = "400"
    style: Literal["normal", "italic"] = "normal"


class _Font(_Closed):
    family: PlainText
    source: Literal["file"]
    files: tuple[_FontFile, ...]


class _TypeRole(_Open):
    family: PlainText
    size: str | None = None
    weight: str | None = None
    color: str | None = None


class _Typography(_Closed):
    fonts: tuple[_Font, ...]
    base: _TypeRole
    headings: _TypeRole


class _BrandFile(_Open):
    meta: _Meta
    logo: _Logo
    color: _Colour
    typography: _Typography


@dataclass(frozen=True)
class FontFamily:
    """One typeface's four TrueType files, and the characters all four can draw.

    ``codepoints`` lets the build refuse, before layout, a character the fonts
    lack: reportlab would otherwise draw an empty box in its place, silently.
    """

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    codepoints: frozenset[int] = field(default=frozenset(), repr=False, compare=False)

    def lacks(self, text: str) -> list[str]:
        """The distinct characters of *text* the family cannot draw, in order of appearance."""
        return list(dict.fromkeys(
            ch for ch in text if ord(ch) not in self.codepoints and ch not in DRAWN_AS_SPACE
        ))


DRAWN_AS_SPACE = frozenset(" \t\n\r")
"""Ordinary whitespace: line breaks and tabs are never drawn as glyphs."""


def font_codepoints(paths: Sequence[Path]) -> frozenset[int]:
    """Code points present in the cmap of every one of *paths* (bold text needs the bold face).

    Raises ValueError if a file is not a readable TrueType font.
    """
    from fontTools.ttLib import TTFont, TTLibError

    common: frozenset[int] | None = None
    for path in paths:
        try:
            with TTFont(str(path), lazy=True) as font:
                cmap = font.getBestCmap() or {}
        except (TTLibError, OSError, AssertionError, struct.error) as exc:
            raise ValueError(f"'{path.name}' is not a readable TrueType font ({exc})") from None
        points = frozenset(cmap)
        common = points if common is None else common & points
    return common or frozenset()


@dataclass(frozen=True)
class Colours:
    """Colour roles as ``#RRGGBB``: what the layout and charts paint with."""

    foreground: str
    background: str
    primary: str
    secondary: str
    tertiary: str
    danger: str
    light: str
    palette: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Brand:
    """Everything the later stages need to know about the organisation's look."""

    short_name: str
    full_name: str
    charity_number: str | None
    address: str | None
    about: str | None
    logo: Path
    colours: Colours
    font: FontFamily
    base_size: float


def load_brand(assets: Path, display: str = "assets/brand.yml") -> Brand:
    """Read and check ``brand.yml`` in *assets*; raise SpecError listing every problem."""
    doc = load_file(assets / "brand.yml", display)
    try:
        raw = _BrandFile.model_validate(doc.data)
    except ValidationError as exc:
        raise SpecError(doc.problems + problems_from(exc, doc, _BrandFile)) from None
    problems: list[Problem] = list(doc.problems)  # the text policy, as for a spec

    def fail(where: str, message: str) -> None:
        problems.append(Problem(display, None, None, where, message))

    colours = _colours(raw.color, fail)
    font = _font(raw.typography, assets, fail)
    logo_key = raw.logo.medium or raw.logo.small or next(iter(raw.logo.images), "")
    logo_name = raw.logo.images.get(logo_key, logo_key)
    logo = _asset(assets, logo_name, "logo", fail)
    if font is not None:
        problems += _undrawable(raw.meta, doc, font)
    if problems or colours is None or font is None or logo is None:
        raise SpecError(problems)
    return Brand(
        short_name=raw.meta.name.short,
        full_name=raw.meta.name.full,
        charity_number=raw.meta.charity_number,
        address=raw.meta.address,
        about=raw.meta.about,
        logo=logo,
        colours=colours,
        font=font,
        base_size=_points(raw.typography.base.size, 10.0),
    )


def _undrawable(meta: _Meta, doc: Document, font: FontFamily) -> list[Problem]:
    """Brand text (names, address, "about") the brand's own font cannot draw."""
    problems = []
    for loc, chars in missing_glyphs(meta, font.lacks, font.name):
        path = ("meta", *loc)
        mark = doc.char_mark(path, chars[0]) or doc.mark(path)
        problems.append(Problem(doc.file, mark.line if mark else None,
                                mark.column if mark else None, display_path(path),
                                describe_missing(chars, font.name)))
    return problems


def _colours(c: _Colour, fail: Any) -> Colours | None:
    palette = dict(c.palette)

    def role(name: str) -> str:
        value: str = getattr(c, name)
        if re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            return value.upper()
        if value in palette:
            return palette[value].upper()
        fail(f"color.{name}", f"'{value}' is neither a palette name nor a #RRGGBB colour")
        return "#000000"

    roles = ("foreground", "background", "primary", "secondary", "tertiary", "danger", "light")
    values = {name: role(name) for name in roles}
    return Colours(**values, palette=tuple((k, v.upper()) for k, v in palette.items()))


def _font(t: _Typography, assets: Path, fail: Any) -> FontFamily | None:
    family = next((f for f in t.fonts if f.family == t.base.family), None)
    if family is None:
        fail("typography.base.family", f"font family '{t.base.family}' is not listed under fonts")
        return None
    faces: dict[tuple[bool, bool], Path] = {}
    for f in family.files:
        bold = f.weight in ("700", "bold")
        path = _asset(assets, f.path, "font", fail)
        if path is not None and path.suffix.lower() != ".ttf":
            fail("typography.fonts", f"'{f.path}' is not a TrueType (.ttf) font")
        elif path is not None:
            faces[(bold, f.style == "italic")] = path
    missing = [n for n, k in (("regular", (False, False)), ("bold", (True, False)),
                              ("italic", (False, True)), ("bold italic", (True, True)))
               if k not in faces]
    if missing:
        fail("typography.fonts", f"'{family.family}' needs {', '.join(missing)} font file(s)")
        return None
    paths = [faces[(False, False)], faces[(True, False)], faces[(False, True)],
             faces[(True, True)]]
    try:
        points = font_codepoints(paths)
    except ValueError as exc:
        fail("typography.fonts", str(exc))
        return None
    return FontFamily(family.family, paths[0], paths[1], paths[2], paths[3], codepoints=points)


def _asset(assets: Path, name: str, what: str, fail: Any) -> Path | None:
    root = assets.resolve()
    path = (assets / name).resolve()
    if not path.is_relative_to(root):
        fail("", f"{what} '{name}' is outside the assets folder")
        return None
    if not path.is_file():
        fail("", f"{what} file '{name}' not found in {assets}")
        return None
    return path


def _points(size: str | None, default: float) -> float:
    if size is None:
        return default
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*pt", size.strip())
    return float(m.group(1)) if m else default

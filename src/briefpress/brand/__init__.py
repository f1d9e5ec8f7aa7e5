"""Brand stage: ``assets/brand.yml`` (Posit's brand.yml format) in, a frozen :class:`Brand` out.

Only the parts of brand.yml a printed briefing uses are read; everything the
file says is still checked (unknown keys are refused, with a suggestion), and
print facts the format lacks come from ``meta``. The file is read like a spec:
the same strict YAML reader and text policy, and every problem is reported at
once as ``assets/brand.yml:LINE:COL: key.path: message``, in words about brand
keys. Paths are resolved inside the assets folder and every file is read in
full (the logo decoded, each font checked as reportlab will read it), so later
stages never meet a missing or broken file.

A brand fact (charity number, address, "about" text) that is not real yet is
written as a placeholder, a value starting ``TODO`` (``charity_number: "TODO:
registered number"``): it is never printed, and ``check`` warns about it (an
error with ``--strict``, or for a spec that says ``status: final``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from briefpress.brand.printing import Defaults, Printing, printing
from briefpress.brand.words import LanguageWords, Words, load_languages
from briefpress.errors import Problem, SpecError
from briefpress.source.diagnose import did_you_mean, problems_from
from briefpress.source.fontfile import FontRefused, font_codepoints
from briefpress.source.images import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, ImageFile, image_from_bytes
from briefpress.source.memo import Memo
from briefpress.source.textpolicy import describe_missing
from briefpress.source.values import PlainText
from briefpress.source.yamlload import Document, PathKey, display_path, load_file, read_bytes
from briefpress.spec import LoadedSpec, missing_glyphs

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
PLACEHOLDER = re.compile(r"TODO\b")
"""A brand fact written ``TODO`` or ``TODO: ...`` is a placeholder, never printed."""


def _hex(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB, e.g. '#14365C'")
    return value


HexColour = Annotated[str, AfterValidator(_hex)]


def _name_shorthand(value: Any) -> Any:
    """brand.yml allows ``name: Digital-Trust`` for ``name: {short: ..., full: ...}``."""
    return {"short": value, "full": value} if isinstance(value, str) else value


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class _Name(_Closed):
    short: PlainText
    full: PlainText


class _Meta(_Closed):
    name: Annotated[_Name, BeforeValidator(_name_shorthand)]
    link: Any = None
    charity_number: PlainText | None = None
    address: PlainText | None = None
    about: PlainText | None = None


class _Logo(_Closed):
    images: dict[str, PlainText]
    small: PlainText | None = None
    medium: PlainText | None = None
    large: PlainText | None = None


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


class _TypeRole(_Closed):
    """A text role as brand.yml writes it; only ``family`` and ``size`` are used in print."""

    family: PlainText
    size: str | None = None
    weight: str | None = None
    style: str | None = None
    color: str | None = None
    line_height: str | None = Field(None, alias="line-height")


class _Typography(_Closed):
    fonts: tuple[_Font, ...]
    base: _TypeRole
    headings: _TypeRole


class _BrandFile(_Closed):
    meta: _Meta
    logo: _Logo
    color: _Colour
    typography: _Typography
    defaults: Defaults = Defaults()


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
    """Everything the later stages need to know about the organisation's look.

    A fact left as a placeholder is ``None`` here (so it is never printed) and
    named in ``placeholders``, one warning each, located in the brand file.
    ``logo_image`` is the logo file read and checked (SVG, PNG or JPEG).
    """

    short_name: str
    full_name: str
    charity_number: str | None
    address: str | None
    about: str | None
    logo: Path
    colours: Colours
    font: FontFamily
    base_size: float
    logo_image: ImageFile | None = field(default=None, repr=False, compare=False)
    placeholders: tuple[Problem, ...] = field(default=(), compare=False)
    logo_at: Problem | None = field(default=None, repr=False, compare=False)
    """Where the logo is named in the brand file (message empty): for later checks of it."""
    printing: Printing = field(default=Printing(), compare=False)
    """The papers made by default, the large-print size and the print inks
    (``defaults.briefpress``)."""
    ink_warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """Brand colours with no CMYK value given, located: said when a print paper is made."""
    languages: tuple[LanguageWords, ...] = field(default=(), repr=False, compare=False)
    """Each language's furniture words (``assets/words/``), or the problems with them: only
    a paper in that language fails on them."""

    def words_for(self, language: str) -> Words:
        """The furniture words of *language*; raises SpecError where they cannot be used
        (``check`` reports that first, located, through :func:`spec_problems`)."""
        found = next((w for w in self.languages if w.language == language), None)
        if found is None or found.words is None:
            problems = found.problems if found is not None else ()
            raise SpecError(problems or [Problem(
                found.file if found is not None and found.file else "assets/words",
                None, None, "", f"no furniture words for {language}")])
        return found.words


Fail = Callable[[PathKey, str], None]


def load_brand(assets: Path, display: str = "assets/brand.yml", memo: Memo | None = None
               ) -> Brand:
    """Read and check ``brand.yml`` in *assets*; raise SpecError listing every problem.

    With a *memo*, a font file already found usable is not decoded again."""
    doc = load_file(assets / "brand.yml", display)
    try:
        raw = _BrandFile.model_validate(doc.data)
    except ValidationError as exc:
        raise SpecError(sorted(doc.problems + problems_from(exc, doc, _BrandFile),
                               key=_order)) from None
    problems: list[Problem] = list(doc.problems)  # the text policy, as for a spec

    def fail(path: PathKey, message: str) -> None:
        problems.append(_at(doc, path, message))

    colours = _colours(raw.color, fail)
    font = _font(raw.typography, assets, fail, memo)
    logo_path, logo_name = _logo_reference(raw.logo)
    logo = _logo(assets, logo_name, logo_path, fail)
    size = _points(raw.typography.base.size, fail)
    papers = _located(printing(raw.defaults, dict(raw.color.palette), fail), doc)
    facts, placeholders = _facts(raw.meta, doc, fail)
    if font is not None:
        problems += _undrawable(raw.meta, doc, font)
    if problems or font is None or logo is None:
        raise SpecError(sorted(problems, key=_order))
    shown = display.rsplit("/", 1)[0] if "/" in display else "."
    return Brand(
        short_name=raw.meta.name.short,
        full_name=raw.meta.name.full,
        charity_number=facts["charity_number"],
        address=facts["address"],
        about=facts["about"],
        logo=logo[0],
        colours=colours,
        font=font,
        base_size=size,
        logo_image=logo[1],
        placeholders=tuple(placeholders),
        logo_at=_at(doc, logo_path, ""),
        printing=papers,
        ink_warnings=_inks(colours, papers, doc),
        languages=load_languages(assets, shown, font.lacks, font.name),
    )


def _located(papers: Printing, doc: Document) -> Printing:
    """The print settings, each page limit and the email budget with where brand.yml sets
    them, for messages about a paper that runs over."""
    base = ("defaults", "briefpress")

    def where(path: PathKey) -> str:
        p = _at(doc, path, "")
        return f"{p.file}:{p.line}:{p.column}" if p.line else p.file

    limits = tuple(replace(limit, where=where((*base, "max-pages", *(
        (limit.series,) if limit.series is not None else ())))) for limit in papers.page_limits)
    budget = where((*base, "email-budget")) if (*base, "email-budget") in doc.values else ""
    return replace(papers, page_limits=limits, email_budget_where=budget)


INK_ROLES = ("foreground", "background", "primary", "secondary", "tertiary", "danger", "light")


def _inks(colours: Colours, papers: Printing, doc: Document) -> tuple[Problem, ...]:
    """One warning per colour role with no CMYK given, at the role's line."""
    missing = set(papers.lacks_cmyk([getattr(colours, r) for r in INK_ROLES]))
    return tuple(_at(doc, ("color", role), f"'{getattr(colours, role)}' has no CMYK value "
                     "under defaults.briefpress.cmyk, so the print paper converts it from RGB; "
                     "give the brand guide's or printer's values", "warning")
                 for role in INK_ROLES if getattr(colours, role) in missing)


def _at(doc: Document, path: PathKey, message: str, severity: Literal["error", "warning"]
        = "error") -> Problem:
    mark = doc.mark(path)
    return Problem(doc.file, mark.line if mark else None, mark.column if mark else None,
                   display_path(path), message, severity)


def _order(p: Problem) -> tuple[int, int]:
    return (p.line or 0, p.column or 0)


FACTS = ("charity_number", "address", "about")
"""The optional brand facts print uses; any may be left out or be a placeholder."""


def _facts(meta: _Meta, doc: Document, fail: Fail
           ) -> tuple[dict[str, str | None], list[Problem]]:
    """The facts to print, with placeholders left out (and a warning for each)."""
    for key in ("short", "full"):
        if PLACEHOLDER.match(getattr(meta.name, key)):
            fail(("meta", "name", key), "the organisation's name is printed on every page, so "
                 "it cannot be a placeholder; write the name")
    facts: dict[str, str | None] = {}
    warnings: list[Problem] = []
    for key in FACTS:
        value: str | None = getattr(meta, key)
        if value is not None and PLACEHOLDER.match(value):
            warnings.append(_at(doc, ("meta", key), f"'{_short(value)}' is a placeholder, so it "
                                "is left out of every page; write the real value (or delete "
                                "the line) before the paper goes out", "warning"))
            value = None
        facts[key] = value
    return facts, warnings


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "..."


def spec_problems(brand: Brand, loaded: LoadedSpec) -> list[Problem]:
    """The brand's placeholders, as they bear on one spec: warnings, or errors when the
    spec says ``status: final`` (a paper declared ready must not lack a fact); and the
    furniture words of the spec's language, which must be there and be right."""
    b = loaded.briefing
    final = "status" in b.model_fields_set and b.status == "final"
    words = _language_problems(brand, loaded)
    if not final:
        return [*brand.placeholders, *words]
    where = loaded.problem(("status",), "")
    return [*(replace(p, severity="error", message=p.message.replace(
        "before the paper goes out", f"as {where.file}:{where.line} says 'status: final'"))
        for p in brand.placeholders), *words]


def _language_problems(brand: Brand, loaded: LoadedSpec) -> list[Problem]:
    """What is wrong with the words of the spec's language (errors in their file), or that
    the project has no words for it (an error at the spec's ``language:``)."""
    b = loaded.briefing
    found = next((w for w in brand.languages if w.language == b.language), None)
    if found is None or (found.words is None and not found.problems):
        file = found.file if found is not None and found.file else f"words/{b.language}.yml"
        return [loaded.problem(("language",), f"there are no furniture words for {b.language}: "
                               f"{file} is not in the project; copy it from briefpress's "
                               "assets/words/ and have its words checked")]
    problems = list(found.problems)
    if b.language != "en-GB" and b.about is None and brand.about:
        problems.append(loaded.problem(("language",), "the brand's 'about' text (meta.about in "
                                       "brand.yml) is printed as it is written; give this "
                                       "paper its own 'about:' in its language", "warning"))
    return problems


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


def _colours(c: _Colour, fail: Fail) -> Colours:
    palette = dict(c.palette)

    def role(name: str) -> str:
        value: str = getattr(c, name)
        if _HEX.fullmatch(value):
            return value.upper()
        if value in palette:
            return palette[value].upper()
        fail(("color", name), f"'{value}' is neither a palette colour nor a #RRGGBB colour"
             f"{did_you_mean(value, palette)}"
             + (f" (palette: {', '.join(palette)})" if palette else ""))
        return "#000000"

    roles = ("foreground", "background", "primary", "secondary", "tertiary", "danger", "light")
    values = {name: role(name) for name in roles}
    return Colours(**values, palette=tuple((k, v.upper()) for k, v in palette.items()))


def _font(t: _Typography, assets: Path, fail: Fail, memo: Memo | None = None
          ) -> FontFamily | None:
    """The base family's four faces, each file checked in full."""
    index = next((i for i, f in enumerate(t.fonts) if f.family == t.base.family), None)
    if index is None:
        families = [f.family for f in t.fonts]
        fail(("typography", "base", "family"), f"font family '{t.base.family}' is not listed "
             f"under typography.fonts{did_you_mean(t.base.family, families)}")
        return None
    family = t.fonts[index]
    faces: dict[tuple[bool, bool], Path] = {}
    points: list[frozenset[int]] = []
    for j, f in enumerate(family.files):
        where = ("typography", "fonts", index, "files", j, "path")
        path = _asset(assets, f.path, "font", where, fail)
        if path is not None and path.suffix.lower() != ".ttf":
            fail(where, f"'{f.path}' is not a TrueType (.ttf) font")
        elif path is not None:
            try:
                points.append(font_codepoints(path, memo))
            except FontRefused as exc:
                fail(where, f"font '{f.path}' {exc}")
                continue
            faces[(f.weight in ("700", "bold"), f.style == "italic")] = path
    missing = [n for n, k in (("regular", (False, False)), ("bold", (True, False)),
                              ("italic", (False, True)), ("bold italic", (True, True)))
               if k not in faces]
    if missing:
        if len(points) == len(family.files):  # else each bad file has said why already
            fail(("typography", "fonts", index, "files"),
                 f"'{family.family}' needs {', '.join(missing)} font file(s)")
        return None
    common = frozenset.intersection(*points)
    return FontFamily(family.family, faces[(False, False)], faces[(True, False)],
                      faces[(False, True)], faces[(True, True)], codepoints=common)


def _logo_reference(logo: _Logo) -> tuple[PathKey, str]:
    """Where the logo used is named in the file, and the file name (medium, small, large,
    else the first image)."""
    for size in ("medium", "small", "large"):
        key = getattr(logo, size)
        if key is not None:
            if key in logo.images:
                return ("logo", "images", key), logo.images[key]
            return ("logo", size), key
    key = next(iter(logo.images), "")
    return ("logo", "images", key), logo.images.get(key, "")


def _logo(assets: Path, name: str, where: PathKey, fail: Fail
          ) -> tuple[Path, ImageFile] | None:
    """The logo file, read and decoded: SVG, PNG or JPEG, as for a figure's image."""
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        fail(where, f"logo '{name}' is not an SVG, PNG or JPEG file; the logo must be one")
        return None
    path = _asset(assets, name, "logo", where, fail)
    if path is None:
        return None
    try:
        data = read_bytes(path, name, MAX_IMAGE_BYTES)
    except SpecError as exc:
        fail(where, f"logo '{name}': {exc.problems[0].message}")
        return None
    image = image_from_bytes(name, data, lambda message: fail(where, f"logo: {message}"))
    return (path, image) if image is not None else None


def _asset(assets: Path, name: str, what: str, where: PathKey, fail: Fail) -> Path | None:
    root = assets.resolve()
    path = (assets / name).resolve()
    if not path.is_relative_to(root):
        fail(where, f"{what} '{name}' is outside the assets folder")
        return None
    if not path.is_file():
        fail(where, f"{what} file '{name}' not found in the assets folder"
             f"{_near(path, name)}")
        return None
    return path


def _near(path: Path, name: str) -> str:
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    hint = did_you_mean(path.name, names)
    folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
    return hint.replace("'", f"'{folder}", 1) if hint else ""


def _points(size: str | None, fail: Fail) -> float:
    """The body text size: ``10pt`` (or a bare number of points, or ``px`` at 0.75 pt)."""
    if size is None:
        return 10.0
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt|px)?", size.strip())
    value = (float(m.group(1)) * (0.75 if m.group(2) == "px" else 1.0)) if m else 0.0
    if not m or not 7 <= value <= 14:
        fail(("typography", "base", "size"), f"'{size}' is not a body text size between 7pt "
             "and 14pt; write it like '10pt'")
        return 10.0
    return value


def checked_logo(brand: Brand, problem: Callable[[bytes], str | None]) -> list[Problem]:
    """The SVG logo checked once more by *problem* (a later stage's converter), located."""
    if brand.logo_image is None or brand.logo_at is None:
        return []
    why = problem(brand.logo_image.data) if brand.logo_image.format == "svg" else None
    return [replace(brand.logo_at, message=f"logo: SVG {why}")] if why else []

"""``briefpress pack``: what the press office sends, in one folder, ``output/<name>-pack/``.

* ``<name>.pdf``: the paper for the screen, checked like every build;
* ``<name>-page-1.png``: page one, 1200 pixels wide, for the email and social media;
* ``<name>-email.txt`` and ``<name>-email.md``: the email (:mod:`briefpress.pack.mail`);
* ``manifest.json``: each file's name, size and SHA-256, the email budget and what the
  PDF's bytes are spent on. It is removed first and written last, atomically, so a
  folder with a manifest is a whole pack and the manifest describes exactly its files.

The PDF should stay under the brand's email budget (``defaults.briefpress.email-budget``,
2 MB unless the brand says otherwise): one that does not is a warning saying what is
large (images, fonts, the rest), with the pack still written; ``--strict`` makes it an
error. Every file goes through :mod:`briefpress.build`, which writes atomically.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from briefpress.brand import Brand
from briefpress.build import Project, check, display, make_pdf, write_atomic, write_folder
from briefpress.errors import BriefpressError, BuildError, Problem
from briefpress.finish import page_pngs
from briefpress.finish.sizes import Parts, pdf_parts
from briefpress.pack.mail import email
from briefpress.plan import make_plan
from briefpress.profile import make_profile
from briefpress.spec import LoadedSpec
from briefpress.spec.data import ImageFile

MANIFEST = "manifest.json"
SHARE_WIDTH = 1200
"""Pixels across the page-one image: sharp in an email and on social media."""


@dataclass(frozen=True)
class PackedFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Pack:
    """What ``pack`` made of one spec: the folder and its files, or the error."""

    spec: str
    folder: Path | None
    files: tuple[PackedFile, ...]
    pages: int
    embargoed: bool
    warnings: tuple[Problem, ...]
    error: BriefpressError | None


def pack_folder(spec: Path, out_dir: Path) -> Path:
    return out_dir / f"{spec.stem}-pack"


def make_pack(spec: Path, project: Project, brand: Brand, out_dir: Path | None = None,
              strict: bool = False) -> Pack:
    """Check and build one spec's pack; errors are returned, not raised. With *strict*,
    a warning (over budget, or any of the spec's) fails it and nothing is written."""
    source = display(spec)
    try:
        loaded = check(spec, project, brand, ("screen",))
        profile = make_profile("screen", brand.base_size)
        pdf = make_pdf(loaded, brand, source, project.chart_cache, profile)
    except BriefpressError as exc:
        return Pack(source, None, (), 0, False, (), exc)
    b = loaded.briefing
    folder = pack_folder(spec, out_dir or project.output)
    parts = pdf_parts(pdf)
    warnings = (*loaded.warnings, *_over_budget(loaded, brand, parts))
    if strict and warnings:
        return Pack(source, None, (), parts.pages, b.embargo is not None, warnings,
                    BuildError(source, "not packed: --strict and there are warnings"))
    files = _contents(spec.stem, loaded, brand, pdf)
    listed = tuple(PackedFile(name, len(data), hashlib.sha256(data).hexdigest())
                   for name, data in files.items())
    manifest = _manifest(spec, loaded, brand, listed, parts, parts.pages)
    try:
        write_folder(folder, {}, stale=MANIFEST)  # no manifest while the pack is changing
        write_folder(folder, files)
        write_atomic(folder / MANIFEST, manifest)
    except OSError as exc:
        return Pack(source, None, (), parts.pages, b.embargo is not None, warnings, BuildError(
            source, f"could not write {display(folder)}: {exc.strerror or exc}"))
    listed += (PackedFile(MANIFEST, len(manifest), hashlib.sha256(manifest).hexdigest()),)
    return Pack(source, folder, listed, parts.pages, b.embargo is not None, warnings, None)


def _contents(stem: str, loaded: LoadedSpec, brand: Brand, pdf: bytes) -> dict[str, bytes]:
    """The pack's files but the manifest, by name, in the order the manifest lists them."""
    b = loaded.briefing
    plan = make_plan(b, brand, {f.id: loaded.data_for(f.id) for f in b.figures})
    mail = email(plan, b, brand.words_for(b.language), f"{stem}.pdf")
    return {f"{stem}.pdf": pdf,
            f"{stem}-page-1.png": page_pngs(pdf, pages=[0], width=SHARE_WIDTH, compress=9)[0],
            f"{stem}-email.txt": mail.text.encode("utf-8"),
            f"{stem}-email.md": mail.markdown.encode("utf-8")}


def _manifest(spec: Path, loaded: LoadedSpec, brand: Brand, files: tuple[PackedFile, ...],
              parts: Parts, pages: int) -> bytes:
    """The manifest: the same pack gives the same bytes (no dates, no machine paths)."""
    b = loaded.briefing
    budget = brand.printing.email_budget
    data = {
        "spec": spec.name,
        "title": b.title,
        "language": b.language,
        "date": b.date.isoformat(),
        "embargo": f"{b.embargo:%Y-%m-%d %H:%M}" if b.embargo else None,
        "pages": pages,
        "files": [{"name": f.name, "bytes": f.size, "sha256": f.sha256} for f in files],
        "email_budget": {
            "budget_bytes": budget,
            "pdf_bytes": parts.total,
            "within": parts.total <= budget,
            "pdf_parts_bytes": {"images": parts.images, "fonts": parts.fonts,
                                "colour_profile": parts.colour_profile,
                                "pages_and_structure": parts.other},
        },
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


def _over_budget(loaded: LoadedSpec, brand: Brand, parts: Parts) -> list[Problem]:
    """A warning if the PDF is over the email budget, saying which parts make it large and,
    for images, which files."""
    budget = brand.printing.email_budget
    if parts.total <= budget:
        return []
    set_by = (f" set in {brand.printing.email_budget_where} (defaults.briefpress.email-budget)"
              if brand.printing.email_budget_where else " (the default; the brand may set "
              "defaults.briefpress.email-budget)")
    shares = sorted([(parts.images, "images"), (parts.fonts, "fonts"),
                     (parts.other, "pages and structure"),
                     (parts.colour_profile, "colour profile")], reverse=True)
    spent = ", ".join(f"{what} {_megabytes(n)}" for n, what in shares if n)
    images = sorted(((len(d.data), fid) for fid, d in loaded.data
                     if isinstance(d, ImageFile)), reverse=True)[:3]
    named = "".join(f"; figure '{fid}' is a {_megabytes(n)} image file" for n, fid in images)
    return [loaded.problem((), (
        f"the PDF is {_megabytes(parts.total)}, over the email budget of {_megabytes(budget)}"
        f"{set_by}: {spent}{named}; make large images smaller (fewer pixels, or JPEG for "
        "photographs), or send a link to the PDF instead"), "warning")]

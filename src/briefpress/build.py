"""The conductor: runs the stages in order and is the only module that writes files.

Each PDF is made entirely in memory and checked, then written to a temporary
file beside the target, flushed to disk and renamed into place; a failure at any
point leaves an earlier PDF untouched and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefpress.brand import Brand, load_brand
from briefpress.charts import render_chart
from briefpress.errors import BlockTooLarge, BriefpressError, BuildError, Problem, SpecError
from briefpress.finish import finish
from briefpress.pages import furniture_texts, render_pdf
from briefpress.spec import LoadedSpec, load_briefing
from briefpress.spec.glyphs import check_glyphs
from briefpress.story import make_story


@dataclass(frozen=True)
class Project:
    """The folder holding ``briefings/``, ``assets/`` and ``output/``."""

    root: Path

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def specs(self) -> list[Path]:
        """Every spec in ``briefings/``, in name order."""
        return sorted(self.briefings.glob("*.yaml"))


@dataclass(frozen=True)
class Outcome:
    """What happened to one spec: a written PDF, or the error that stopped it."""

    spec: str
    output: Path | None
    warnings: tuple[Problem, ...]
    error: BriefpressError | None


def display(path: Path) -> str:
    """A path as the user would type it: relative to the current folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check(spec: Path, project: Project | None = None, brand: Brand | None = None
          ) -> LoadedSpec:
    """Validate one spec (raises SpecError); its files may come from its folder or the project.

    With a *brand*, every character of the spec's text is also checked against the
    brand font, so nothing is printed as an empty box.
    """
    roots = [spec.parent] + ([project.briefings, project.assets] if project else [])
    loaded = load_briefing(spec, display(spec), roots)
    if brand is None and project is not None and (project.assets / "brand.yml").is_file():
        brand = load_brand(project.assets, display(project.assets / "brand.yml"))
    if brand is not None:
        problems = check_glyphs(loaded, brand.font.lacks, brand.font.name)
        if problems:
            raise SpecError(problems)
    return loaded


def make_pdf(loaded: LoadedSpec, brand: Brand, source: str) -> bytes:
    """Run the stages after the spec: charts, story, pages, finish."""
    b = loaded.briefing
    charts = {f.id: render_chart(f, brand) for f in b.figures}
    story = make_story(b, brand, charts)
    try:
        pdf = render_pdf(story, brand, source)
    except BlockTooLarge as exc:
        ids = [f.id for f in b.figures]
        if exc.figure in ids:
            where = ("figures", ids.index(exc.figure))
            raise SpecError([loaded.problem(where, exc.message)]) from None
        raise

    def furniture(page: int, total: int) -> tuple[str, ...]:
        return furniture_texts(story.meta, story.fonts.regular, page, total)

    return finish(pdf, story.must_appear, source, furniture)


def write_atomic(target: Path, data: bytes) -> None:
    """Write *data* to *target* so that readers see the old file or the new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask (read by setting and restoring it), so PDFs get ordinary modes."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def build_one(spec: Path, brand: Brand, out_dir: Path, project: Project | None = None
              ) -> Outcome:
    """Build one spec to ``out_dir/<stem>.pdf``; errors are returned, not raised."""
    source = display(spec)
    try:
        loaded = check(spec, project, brand)
        pdf = make_pdf(loaded, brand, source)
        target = out_dir / f"{spec.stem}.pdf"
        try:
            write_atomic(target, pdf)
        except OSError as exc:  # disk full, no permission: this spec fails, the rest go on
            raise BuildError(source, f"could not write {display(target)}: "
                             f"{exc.strerror or exc}") from None
    except BriefpressError as exc:
        return Outcome(source, None, (), exc)
    return Outcome(source, target, loaded.warnings, None)


def build_many(specs: list[Path], project: Project, out_dir: Path | None = None) -> list[Outcome]:
    """Build every spec; one failure does not stop the others. Raises if the brand is bad."""
    brand = load_brand(project.assets, display(project.assets / "brand.yml"))
    return [build_one(s, brand, out_dir or project.output, project) for s in specs]

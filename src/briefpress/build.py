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

from briefpress.brand import Brand, checked_logo, load_brand, spec_problems
from briefpress.charts import TEXT_WIDTH_PT, ChartSVG, Visual, render_chart
from briefpress.charts import cache as chart_cache
from briefpress.errors import BlockTooLarge, BriefpressError, BuildError, Problem, SpecError
from briefpress.finish import finish
from briefpress.pages import furniture_texts, render_pdf
from briefpress.spec import LoadedSpec, SpecCheck, load_briefing
from briefpress.spec.data import ImageFile
from briefpress.spec.figures import FigureBase
from briefpress.spec.glyphs import check_glyphs
from briefpress.story import make_story
from briefpress.story.svgcheck import svg_problem, undrawable_images


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

    @property
    def chart_cache(self) -> Path:
        """Drawn charts, by content hash; safe to delete (``.cache/`` is gitignored)."""
        return self.root / ".cache" / "charts"

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


def project_brand(project: Project) -> Brand | None:
    """The project's brand, or None where it has no ``assets/brand.yml`` (raises if invalid)."""
    path = project.assets / "brand.yml"
    return _brand(project.assets) if path.is_file() else None


def _brand(assets: Path) -> Brand:
    """The brand, its SVG logo also tried by the layout's converter (so check and build agree)."""
    brand = load_brand(assets, display(assets / "brand.yml"))
    problems = checked_logo(brand, lambda svg: svg_problem(svg, brand.font.lacks,
                                                           brand.font.name))
    if problems:
        raise SpecError(problems)
    return brand


def check(spec: Path, project: Project | None = None, brand: Brand | None = None
          ) -> LoadedSpec:
    """Validate one spec (raises SpecError); its files may come from its folder or the project.

    With a *brand* (the project's, if not given), the spec is also checked against it,
    and every problem is reported together: every character of the spec's text and
    CSV data must be in the brand font, so nothing is printed as an empty box, and
    the brand's placeholder facts are warnings (errors for a spec marked final).
    Every SVG image is converted once, as the build will.
    """
    roots = [spec.parent] + ([project.briefings, project.assets] if project else [])
    if brand is None and project is not None:
        brand = project_brand(project)
    checks: list[SpecCheck] = []
    if brand is None:
        checks.append(undrawable_images)
    else:
        font, known = brand.font, brand
        checks.append(lambda loaded: check_glyphs(loaded, font.lacks, font.name))
        checks.append(lambda loaded: undrawable_images(loaded, font.lacks, font.name))
        checks.append(lambda loaded: spec_problems(known, loaded))
    return load_briefing(spec, display(spec), roots, checks)


_DRAWN: dict[str, ChartSVG] = {}
"""Charts drawn in this process, by cache key: a chart shared by several specs is drawn once."""


def _chart(figure: FigureBase, loaded: LoadedSpec, brand: Brand, cache_dir: Path | None
           ) -> ChartSVG:
    """One chart, from the in-process cache, the cache folder, or drawn (and then kept)."""
    data = loaded.data_for(figure.id)
    key = chart_cache.chart_key(figure, data, brand, TEXT_WIDTH_PT)
    if key in _DRAWN:
        return _DRAWN[key]
    target = cache_dir / f"{key}.json" if cache_dir is not None else None
    chart = None
    if target is not None and target.is_file():
        with contextlib.suppress(OSError):
            chart = chart_cache.decode(target.read_bytes())
    if chart is None:
        chart = render_chart(figure, data, brand, TEXT_WIDTH_PT)
        if target is not None:
            with contextlib.suppress(OSError):  # a read-only project still builds
                write_atomic(target, chart_cache.encode(chart))
    if len(_DRAWN) >= 256:  # a long-running process keeps memory bounded
        _DRAWN.clear()
    _DRAWN[key] = chart
    return chart


def _visual(figure: FigureBase, loaded: LoadedSpec, brand: Brand, cache_dir: Path | None
            ) -> Visual:
    """An image figure's checked file as it is; anything else is a chart to draw."""
    data = loaded.data_for(figure.id)
    if isinstance(data, ImageFile):
        return data
    return _chart(figure, loaded, brand, cache_dir)


def make_pdf(loaded: LoadedSpec, brand: Brand, source: str, cache_dir: Path | None = None
             ) -> bytes:
    """Run the stages after the spec: charts, story, pages, finish."""
    b = loaded.briefing
    charts = {f.id: _visual(f, loaded, brand, cache_dir) for f in b.figures}
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

    return finish(pdf, story.must_appear, source, furniture, story.press)


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
        pdf = make_pdf(loaded, brand, source, project.chart_cache if project else None)
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
    brand = _brand(project.assets)
    return [build_one(s, brand, out_dir or project.output, project) for s in specs]


def create_spec(project: Project, name: str, text: str) -> Path:
    """Write a new ``briefings/<name>.yaml``; never overwrite (FileExistsError if it exists)."""
    target = project.briefings / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(text)
    return target

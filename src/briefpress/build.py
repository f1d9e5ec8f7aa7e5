"""The conductor: runs the stages in order and is the only module that writes files.

Each PDF is made entirely in memory and checked, then written to a temporary
file beside the target, flushed to disk and renamed into place; a failure at any
point leaves an earlier PDF untouched and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from briefpress.brand import Brand, checked_logo, load_brand, spec_problems
from briefpress.charts import ChartGeometry, ChartSVG, Visual, check_chart, render_chart
from briefpress.charts import cache as chart_cache
from briefpress.errors import (
    BlockTooLarge,
    BriefpressError,
    BuildError,
    ChartDoesNotFit,
    Problem,
    SpecError,
)
from briefpress.finish import finish
from briefpress.length import check_length
from briefpress.pages import render_pdf
from briefpress.plan import make_plan
from briefpress.profile import Profile, ProfileName, make_profile
from briefpress.spec import LoadedSpec, SpecCheck, load_briefing
from briefpress.spec.data import ImageFile, Table
from briefpress.spec.figures import ChartBase, FigureBase, ImageFigure
from briefpress.spec.glyphs import check_glyphs
from briefpress.story import make_story
from briefpress.story.svgcheck import svg_problem, undrawable_images

BRAND_FILE = Path("assets", "brand.yml")
"""What makes a folder a project: its brand."""


@dataclass(frozen=True)
class Project:
    """The folder holding ``briefings/``, ``assets/`` and ``output/``."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> Project | None:
        """The nearest folder at or above *start* (a spec file or a folder) holding the brand.

        The path is taken as given, not through symlinks, so a spec in
        ``DIR/briefings/`` belongs to ``DIR`` wherever the command is run from.
        """
        here = Path(os.path.abspath(start))
        folder = here if here.is_dir() else here.parent
        for candidate in (folder, *folder.parents):
            if (candidate / BRAND_FILE).is_file():
                return cls(candidate)
        return None

    @classmethod
    def of(cls, spec: Path | None, given: Path | None = None) -> Project:
        """The project a spec belongs to (without a spec, the current folder's).

        *given* (``--project``) wins; otherwise the nearest folder above the spec, or
        above the current folder, that holds ``assets/brand.yml``; otherwise the
        current folder, whose missing brand is then reported.
        """
        if given is not None:
            return cls(given)
        found = cls.find(spec) if spec is not None else None
        return found or cls.find(Path.cwd()) or cls(Path("."))

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
    """What happened to one paper of one spec: a written PDF, or the error that stopped it."""

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


def check(spec: Path, project: Project | None = None, brand: Brand | None = None,
          profiles: tuple[ProfileName, ...] | None = None) -> LoadedSpec:
    """Validate one spec (raises SpecError); its files may come from its folder or the project.

    With a *brand* (the project's, if not given), the spec is also checked against it,
    and every problem is reported together: every character of the spec's text and
    CSV data must be in the brand font, so nothing is printed as an empty box, and
    the brand's placeholder facts are warnings (errors for a spec marked final).
    Every SVG image is converted once, and every chart laid out for each of the
    papers (*profiles*, else the spec's or the brand's) it will be built in.
    """
    roots = [spec.parent] + ([project.briefings, project.assets] if project else [])
    if brand is None and project is not None:
        brand = project_brand(project)
    checks: list[SpecCheck] = []
    if brand is None:
        checks.append(undrawable_images)
    else:
        font, known = brand.font, brand
        cache_dir = project.chart_cache if project else None
        checks.append(lambda loaded: _printable(loaded, known, cache_dir, profiles))
        checks.append(lambda loaded: undrawable_images(loaded, font.lacks, font.name))
        checks.append(lambda loaded: spec_problems(known, loaded))
        checks.append(lambda loaded: _inks(loaded, known, profiles))
    return load_briefing(spec, display(spec), roots, checks)


def _printable(loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
               requested: tuple[ProfileName, ...] | None) -> list[Problem]:
    """Every character in the brand font, then every chart laid out for each paper it will
    be printed on (a chart with a character the font lacks is reported once, by the first)."""
    problems = check_glyphs(loaded, brand.font.lacks, brand.font.name)
    unprintable = {i for i in range(len(loaded.briefing.figures))
                   if any(p.path.startswith(f"figures[{i}]") for p in problems)}
    for profile in profiles_for(loaded, brand, requested):
        for p in _charts_fit(loaded, brand, cache_dir, unprintable, geometry(profile)):
            if p not in problems:
                problems.append(p)
    return problems


def _inks(loaded: LoadedSpec, brand: Brand, requested: tuple[ProfileName, ...] | None
          ) -> list[Problem]:
    """For a print paper, the brand colours with no CMYK value given (converted from RGB)."""
    papers = profiles_for(loaded, brand, requested)
    return list(brand.ink_warnings) if any(p.colour_space == "cmyk" for p in papers) else []


def profiles_for(loaded: LoadedSpec, brand: Brand, requested: tuple[ProfileName, ...] | None
                 ) -> list[Profile]:
    """The papers to make: those asked for on the command line, else the spec's, else the
    brand's."""
    names = requested or loaded.briefing.profiles or brand.printing.profiles
    return [make_profile(n, brand.base_size, brand.printing.large_size)
            for n in dict.fromkeys(names)]


def geometry(profile: Profile) -> ChartGeometry:
    """The room a chart has on a paper: the text width, the paper's label size, and the
    height that leaves a page's frame room for the caption and source line."""
    return ChartGeometry(profile.text_width, max(8.5, profile.min_chart_text),
                         profile.frame_height - 8 * profile.base_size)


def _charts_fit(loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
                skip: set[int], room: ChartGeometry) -> list[Problem]:
    """Lay out every chart not already drawn (in memory or in the cache folder), so that
    text too long for its chart is reported by ``check`` exactly as by ``build``."""
    problems: list[Problem] = []
    for i, figure in enumerate(loaded.briefing.figures):
        data = loaded.data_for(figure.id)
        if isinstance(figure, ImageFigure) or i in skip or (
                isinstance(figure, ChartBase) and not isinstance(data, Table)):
            continue  # an image; data or text already reported as wrong
        key = chart_cache.chart_key(figure, data, brand, room)
        if key in _DRAWN or (cache_dir is not None and (cache_dir / f"{key}.json").is_file()):
            continue
        try:
            check_chart(figure, data, brand, room)
        except ChartDoesNotFit as exc:
            problems.append(loaded.problem(("figures", i, *exc.where), exc.message))
    return problems


_DRAWN: dict[str, ChartSVG] = {}
"""Charts drawn in this process, by cache key: a chart shared by several specs is drawn once."""


def _chart(figure: FigureBase, loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
           room: ChartGeometry) -> ChartSVG:
    """One chart, from the in-process cache, the cache folder, or drawn (and then kept)."""
    data = loaded.data_for(figure.id)
    key = chart_cache.chart_key(figure, data, brand, room)
    if key in _DRAWN:
        return _DRAWN[key]
    target = cache_dir / f"{key}.json" if cache_dir is not None else None
    chart = None
    if target is not None and target.is_file():
        with contextlib.suppress(OSError):
            chart = chart_cache.decode(target.read_bytes())
    if chart is None:
        chart = render_chart(figure, data, brand, room)
        if target is not None:
            with contextlib.suppress(OSError):  # a read-only project still builds
                write_atomic(target, chart_cache.encode(chart))
    if len(_DRAWN) >= 256:  # a long-running process keeps memory bounded
        _DRAWN.clear()
    _DRAWN[key] = chart
    return chart


def _visual(figure: FigureBase, loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
            room: ChartGeometry) -> Visual:
    """An image figure's checked file as it is; anything else is a chart to draw."""
    data = loaded.data_for(figure.id)
    if isinstance(data, ImageFile):
        return data
    return _chart(figure, loaded, brand, cache_dir, room)


def _visuals(loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
             room: ChartGeometry) -> dict[str, Visual]:
    """Every figure's visual; a chart that cannot be drawn in its room is a located error
    in the spec (all of them reported together)."""
    visuals: dict[str, Visual] = {}
    problems: list[Problem] = []
    for i, figure in enumerate(loaded.briefing.figures):
        try:
            visuals[figure.id] = _visual(figure, loaded, brand, cache_dir, room)
        except ChartDoesNotFit as exc:
            problems.append(loaded.problem(("figures", i, *exc.where), exc.message))
    if problems:
        raise SpecError(problems)
    return visuals


def make_pdf(loaded: LoadedSpec, brand: Brand, source: str, cache_dir: Path | None = None,
             profile: Profile | None = None) -> bytes:
    """Run the stages after the spec: plan, charts, story, pages, finish."""
    b = loaded.briefing
    profile = profile or make_profile("screen", brand.base_size)
    plan = make_plan(b, brand, {f.id: loaded.data_for(f.id) for f in b.figures})
    visuals = _visuals(loaded, brand, cache_dir, geometry(profile))
    story = make_story(plan, brand, profile, visuals)
    try:
        layout = render_pdf(story, source)
    except BlockTooLarge as exc:
        if exc.node is None:
            raise
        message = f"{plan.describe(exc.node)} {exc.message}"
        where = plan.where(exc.node)
        if where is None:
            raise BuildError(source, message) from None
        raise SpecError([loaded.problem(where, message)]) from None
    check_length(loaded, brand, plan, layout, profile)
    return finish(layout, plan, profile, source, story.stamp, brand.printing.ink)


TEMP_TAG = "briefpress-tmp"
"""In the name of every temporary file briefpress writes, so that it removes only its own."""
STALE_AFTER_S = 3600.0
"""A temporary file this old is stale even if its pid is alive again (pids are reused)."""
_NAME_ROOM = 120  # of the target's name kept in a temporary file's name (names max 255 bytes)


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:_NAME_ROOM]}.{TEMP_TAG}-{os.getpid()}-"


def write_atomic(target: Path, data: bytes) -> None:
    """Write *data* to *target* so that readers see the old file or the new, never half.

    The bytes go to a hidden temporary file beside the target, named
    ``.<target>.briefpress-tmp-<pid>-<random>.tmp``, which is flushed and then
    renamed into place. Any failure or interrupt (Ctrl-C, or SIGTERM through the
    CLI) removes it; one left by a killed process is removed by the next write of
    the same target (:func:`remove_stale_temps`).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp")
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


def remove_stale_temps(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of *target* that an earlier, killed write left behind.

    Only files named as :func:`write_atomic` names them, for this target, are
    touched, and only stale ones: their process is gone, or they are older than
    :data:`STALE_AFTER_S`. A write in progress in another process (a second build
    of the same file at the same time) keeps its file. Returns what was removed.
    """
    own = re.compile(re.escape(f".{target.name[:_NAME_ROOM]}.{TEMP_TAG}-")
                     + r"([0-9]{1,10})-[a-z0-9_]+\.tmp")
    now = time.time() if now is None else now
    removed: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            found = own.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if _pid_alive(int(found.group(1))) and age < STALE_AFTER_S:
                    continue
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _pid_alive(pid: int) -> bool:
    """Whether a process of that id exists (signal 0 checks without sending anything)."""
    if pid <= 0:  # 0 and negatives name process groups, never a writer
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except (OverflowError, OSError):
        return False
    return True


def _umask() -> int:
    """The process umask (read by setting and restoring it), so PDFs get ordinary modes."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def build_one(spec: Path, brand: Brand, out_dir: Path, project: Project | None = None,
              profiles: tuple[ProfileName, ...] | None = None) -> list[Outcome]:
    """Build one spec, once per paper, to ``out_dir/<stem><suffix>.pdf``
    (``x.pdf``, ``x-print.pdf``, ``x-large-print.pdf``); errors are returned, not raised."""
    source = display(spec)
    try:
        loaded = check(spec, project, brand, profiles)
    except BriefpressError as exc:
        return [Outcome(source, None, (), exc)]
    cache_dir = project.chart_cache if project else None
    outcomes = []
    for profile in profiles_for(loaded, brand, profiles):
        target = out_dir / f"{spec.stem}{profile.suffix}.pdf"
        try:
            write_pdf(target, make_pdf(loaded, brand, source, cache_dir, profile), source)
        except BriefpressError as exc:
            outcomes.append(Outcome(source, None, (), exc))
            continue
        outcomes.append(Outcome(source, target, loaded.warnings, None))
    return outcomes


def write_pdf(target: Path, pdf: bytes, source: str) -> None:
    """Write a finished PDF; a failure (disk full, no permission) fails this paper only."""
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        raise BuildError(source, f"could not write {display(target)}: "
                         f"{exc.strerror or exc}") from None


def build_many(specs: list[Path], project: Project | None = None, out_dir: Path | None = None,
               profiles: tuple[ProfileName, ...] | None = None) -> list[Outcome]:
    """Build every spec; one failure does not stop the others. Raises if a brand is bad.

    Without a *project*, each spec is built in its own (:meth:`Project.of`): its
    brand, its chart cache and, unless *out_dir* is given, its ``output/``.
    """
    brands: dict[Path, Brand] = {}
    outcomes = []
    for spec in specs:
        own = project or Project.of(spec)
        if own.root not in brands:
            brands[own.root] = _required_brand(own)
        outcomes += build_one(spec, brands[own.root], out_dir or own.output, own, profiles)
    return outcomes


def _required_brand(project: Project) -> Brand:
    path = project.root / BRAND_FILE
    if not path.is_file():
        raise SpecError([Problem(display(path), None, None, "", (
            "file not found; a project is the folder holding assets/brand.yml, found above "
            "the spec or the current folder: run briefpress inside a project or give "
            "--project DIR"))])
    return _brand(project.assets)


def create_spec(project: Project, name: str, text: str) -> Path:
    """Write a new ``briefings/<name>.yaml``; never overwrite (FileExistsError if it exists)."""
    target = project.briefings / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def write_folder(folder: Path, files: dict[str, bytes], stale: str | None = None
                 ) -> tuple[list[Path], list[Path]]:
    """Write each of *files* (name -> bytes) into *folder* atomically, skipping those that
    already hold exactly those bytes (so an image viewer showing them is not woken for
    nothing), then remove the files matching the glob *stale* that are not among them
    (the pages of a paper that has since grown shorter). Returns (written, removed)."""
    written: list[Path] = []
    for name, data in files.items():
        target = folder / name
        with contextlib.suppress(OSError):
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        write_atomic(target, data)
        written.append(target)
    removed: list[Path] = []
    if stale is not None:
        for path in sorted(folder.glob(stale)):
            if path.name not in files and path.is_file():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed.append(path)
    return written, removed

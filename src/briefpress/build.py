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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefpress import manifest
from briefpress.brand import Brand, checked_logo, load_brand, spec_problems
from briefpress.charts import ChartGeometry, ChartSVG, Visual, draft_alt, highlight_chart
from briefpress.charts import cache as chart_cache
from briefpress.errors import (
    BlockTooLarge,
    BriefpressError,
    BuildError,
    ChartDoesNotFit,
    Problem,
    SpecError,
)
from briefpress.plan import Plan, make_plan
from briefpress.pool import Stats
from briefpress.pool import run as run_pool
from briefpress.profile import Profile, ProfileName, make_profile
from briefpress.runs import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    InOrder,
    Run,
    Task,
    entries,
    lost,
    old_manifest,
    slots,
)
from briefpress.runs import Outcome as Outcome  # part of this module's interface
from briefpress.runs import Progress as Progress
from briefpress.source.fontfile import font_record
from briefpress.source.memo import Memo, fact
from briefpress.source.textpolicy import undrawable
from briefpress.spec import Edition, LoadedSpec, SpecCheck, load_briefing
from briefpress.spec.data import ImageFile, Table
from briefpress.spec.figures import BarFigure, ChartBase, FigureBase, ImageFigure
from briefpress.spec.glyphs import check_glyphs

if TYPE_CHECKING:
    from briefpress.finish.inks import Ink
    from briefpress.pages import Layout
    from briefpress.story import Story

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

    @property
    def verified(self) -> Path:
        """Files found good (fonts, SVGs), by content hash (:mod:`briefpress.source.memo`)."""
        return self.root / ".cache" / "verified"

    def specs(self) -> list[Path]:
        """Every spec in ``briefings/``, in name order."""
        return sorted(self.briefings.glob("*.yaml"))


def display(path: Path) -> str:
    """A path as the user would type it: relative to the current folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def project_brand(project: Project) -> Brand | None:
    """The project's brand, or None where it has no ``assets/brand.yml`` (raises if invalid)."""
    path = project.assets / "brand.yml"
    return _brand(project.assets, Memo(project.verified)) if path.is_file() else None


def _brand(assets: Path, memo: Memo | None = None) -> Brand:
    """The brand, its SVG logo also tried by the layout's converter (so check and build agree)."""
    if memo is not None:
        _fonts_at_once(assets, memo)
    brand = load_brand(assets, display(assets / "brand.yml"), memo)
    problems = checked_logo(brand, lambda svg: _svg_problem(svg, brand, memo))
    if problems:
        raise SpecError(problems)
    return brand


MAX_FONTS_AT_ONCE = 8


def _fonts_at_once(assets: Path, memo: Memo) -> None:
    """The brand's font files not yet known good, each read in full in its own worker
    process (on two cores, four files take the time of two); what they find is learnt by
    *memo*, so reading the brand does not read them again. Nothing is reported here: a
    bad file is read, and reported, with the brand."""
    paths = sorted(assets.rglob("*.ttf"))
    if len(paths) < 2 or len(paths) > MAX_FONTS_AT_ONCE:
        return
    todo = []
    for path in paths:
        with contextlib.suppress(OSError):
            if memo.recall(fact("font", manifest.sha256(path.read_bytes()))) is None:
                todo.append(path)
    if len(todo) < 2:
        return

    def learn(index: int, record: tuple[str, bytes] | None) -> None:
        if record is not None:
            memo.learn(*record)

    run_pool(todo, font_record, len(todo), learn, lambda index, why: None)


def _svg_problem(svg: bytes, brand: Brand, memo: Memo | None) -> str | None:
    """Why an SVG cannot be drawn as the layout draws it, in the brand's font (None: it
    can); an SVG found good before, against the same font, is not converted again."""
    key = fact("svg", svg, brand.font.name, ",".join(map(str, sorted(brand.font.codepoints))))
    if memo is not None and memo.knows(key):
        return None
    from briefpress.story.svgcheck import svg_problem

    why = svg_problem(svg, brand.font.lacks, brand.font.name)
    if why is None and memo is not None:
        memo.learn(key)
    return why


def _svg_images(loaded: LoadedSpec, brand: Brand, memo: Memo | None) -> list[Problem]:
    """One located error per SVG image figure that cannot be drawn in the brand's font."""
    return [loaded.problem(loc, f"SVG '{name}' {why}") for loc, name, svg in loaded.svg_images()
            if (why := _svg_problem(svg, brand, memo)) is not None]


def remember(project: Project | None, memo: Memo | None) -> None:
    """Record what was verified in this run (the build does; ``check`` writes nothing)."""
    if project is not None and memo is not None:
        _record(project.verified, memo)


def _record(folder: Path, memo: Memo) -> None:
    for key, value in sorted(memo.learnt.items()):
        with contextlib.suppress(OSError):  # a read-only project still builds
            write_atomic(folder / f"{key}.json", value, durable=False)
    memo.learnt.clear()


def check(spec: Path, project: Project | None = None, brand: Brand | None = None,
          profiles: tuple[ProfileName, ...] | None = None) -> LoadedSpec:
    """Validate one spec (raises SpecError); its files may come from its folder or the project.

    With a *brand* (the project's, if not given), the spec is also checked against it,
    and every problem is reported together: every character of the spec's text and
    CSV data must be in the brand font, so nothing is printed as an empty box, and
    the brand's placeholder facts are warnings (errors for a spec marked final).
    Every SVG image is converted once, and every chart laid out for each of the
    papers (*profiles*, else the spec's or the brand's) it will be built in. In a spec
    with editions, every edition is filled in and checked, and a problem with any of
    them is raised with the rest.
    """
    loaded = _loaded(spec, project, brand, profiles)
    failed = [p for e in loaded.editions.editions for p in e.problems] if loaded.editions else []
    if failed:
        raise SpecError(failed)
    return loaded


def _loaded(spec: Path, project: Project | None, brand: Brand | None,
            profiles: tuple[ProfileName, ...] | None, memo: Memo | None = None) -> LoadedSpec:
    """As :func:`check`, but what is wrong with one edition is kept with that edition (the
    build makes the others), not raised. Facts verified are learnt by *memo* (if none is
    given, the project's record is read)."""
    roots = [spec.parent] + ([project.briefings, project.assets] if project else [])
    if memo is None and project is not None:
        memo = Memo(project.verified)
    if brand is None and project is not None:
        brand = project_brand(project)
    checks: list[SpecCheck] = []
    if brand is None:
        from briefpress.story.svgcheck import undrawable_images

        checks.append(undrawable_images)
        return load_briefing(spec, display(spec), roots, checks)
    known = brand
    cache_dir = project.chart_cache if project else None
    checks.append(lambda loaded: _printable(loaded, known, cache_dir, profiles))
    checks.append(lambda loaded: _svg_images(loaded, known, memo))
    checks.append(lambda loaded: spec_problems(known, loaded))
    checks.append(lambda loaded: _inks(loaded, known, profiles))
    loaded = load_briefing(spec, display(spec), roots, checks, [_drawable(known)])
    return _distinct_files(loaded, profiles_for(loaded, brand, profiles))


def _drawable(brand: Brand) -> Callable[[LoadedSpec, Edition], list[Problem]]:
    """An edition check: every value its texts print is in the brand font."""
    def check_row(loaded: LoadedSpec, edition: Edition) -> list[Problem]:
        table = loaded.editions
        assert table is not None
        problems = []
        for column in loaded.used_columns():
            flaw = undrawable(edition.value(column), brand.font.lacks, brand.font.name)
            if flaw is not None:
                where = table.where(edition.row, column)
                problems.append(loaded.problem(("editions", "file"), f"{where}: {flaw.message}"))
        return problems
    return check_row


def _distinct_files(loaded: LoadedSpec, papers: list[Profile]) -> LoadedSpec:
    """Each edition's PDFs named apart from every other's (``a-print.pdf`` could be edition
    'a''s print paper or edition 'a-print''s screen one); a clash fails the later edition."""
    table = loaded.editions
    if table is None:
        return loaded
    owner: dict[str, Edition] = {}
    editions = []
    for edition in table.editions:
        names = [edition.output + p.suffix + ".pdf" for p in papers]
        clash = next((n for n in names if n in owner), None)
        if clash is not None and not edition.problems:
            edition = replace(edition, problems=(loaded.problem(("editions", "file"), (
                f"{table.where(edition.row)}: its PDF '{clash}' would be the same file as row "
                f"{owner[clash].row}'s; give the editions keys that do not end like a paper's "
                "name ('-print', '-large-print')")),))
        for name in names:
            owner.setdefault(name, edition)
        editions.append(edition)
    return replace(loaded, editions=replace(table, editions=tuple(editions)))


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


def _drawn(figure: FigureBase) -> FigureBase:
    """The part of a figure its drawing depends on: not its caption, source, notes or alt
    text (printed outside the chart) nor its highlight (a recolouring), so one drawing
    serves every edition of a spec."""
    if isinstance(figure, ImageFigure):
        return figure
    return chart_cache.unhighlighted(figure).model_copy(
        update={"title": "-", "source": "-", "notes": None, "alt": None})


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
        drawn = _drawn(figure)
        key = chart_cache.chart_key(drawn, data, brand, room)
        if key in _DRAWN or (cache_dir is not None and (cache_dir / f"{key}.json").is_file()):
            continue
        try:  # drawn, not only laid out, and kept in memory: a build goes on to use it
            _base_chart(drawn, data, brand, None, room)
        except ChartDoesNotFit as exc:
            problems.append(loaded.problem(("figures", i, *exc.where), exc.message))
    return problems


_DRAWN: dict[str, ChartSVG] = {}
"""Charts drawn in this process, by cache key: a chart shared by several specs is drawn once."""


def _chart(figure: FigureBase, loaded: LoadedSpec, brand: Brand, cache_dir: Path | None,
           room: ChartGeometry) -> ChartSVG:
    """One chart, from the in-process cache, the cache folder, or drawn (and then kept); a
    highlighted bar chart is the unhighlighted drawing recoloured, never drawn again."""
    data = loaded.data_for(figure.id)
    chart = _base_chart(_drawn(figure), data, brand, cache_dir, room)
    if isinstance(figure, BarFigure) and figure.highlight is not None and isinstance(data, Table):
        plain = chart_cache.unhighlighted(figure)
        assert isinstance(plain, BarFigure)
        return highlight_chart(chart, plain, data, brand, figure.highlight)
    return replace(chart, alt=draft_alt(figure, data))


def _base_chart(figure: FigureBase, data: Table | ImageFile | None, brand: Brand,
                cache_dir: Path | None, room: ChartGeometry) -> ChartSVG:
    from briefpress.charts import render_chart

    key = chart_cache.chart_key(figure, data, brand, room)
    target = cache_dir / f"{key}.json" if cache_dir is not None else None
    chart = _DRAWN.get(key)
    if chart is None and target is not None and target.is_file():
        with contextlib.suppress(OSError):
            chart = chart_cache.decode(target.read_bytes())
    if chart is None:
        chart = render_chart(figure, data, brand, room)
    if target is not None and not target.is_file():  # drawn here, or by check in memory
        with contextlib.suppress(OSError):  # a read-only project still builds
            write_atomic(target, chart_cache.encode(chart), durable=False)
    if key not in _DRAWN and len(_DRAWN) >= 256:  # a long-running process keeps memory
        _DRAWN.clear()                             # bounded
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


def make_story(plan: Plan, brand: Brand, profile: Profile, visuals: dict[str, Visual]
               ) -> Story:
    """The story stage (reportlab is imported only when a paper is made)."""
    from briefpress.story import make_story as run

    return run(plan, brand, profile, visuals)


def render_pdf(story: Story, source: str) -> Layout:
    """The pages stage."""
    from briefpress.pages import render_pdf as run

    return run(story, source)


def finish(layout: Layout, plan: Plan, profile: Profile, source: str,
           stamp: bytes | None = None, ink: Ink | None = None) -> bytes:
    """The finishing stage (pypdf and pdfium are imported only when a paper is made)."""
    from briefpress.finish import finish as run

    return run(layout, plan, profile, source, stamp, ink)


def check_length(loaded: LoadedSpec, brand: Brand, plan: Plan, layout: Layout,
                 profile: Profile) -> None:
    """The paper's length against its limit (after layout, so only when a paper is made)."""
    from briefpress.length import check_length as run

    run(loaded, brand, plan, layout, profile)


@dataclass(frozen=True)
class Paper:
    """A finished PDF and its number of pages."""

    pdf: bytes
    pages: int


def make_pdf(loaded: LoadedSpec, brand: Brand, source: str, cache_dir: Path | None = None,
             profile: Profile | None = None) -> bytes:
    """Run the stages after the spec: plan, charts, story, pages, finish."""
    return make_paper(loaded, brand, source, cache_dir, profile).pdf


def make_paper(loaded: LoadedSpec, brand: Brand, source: str, cache_dir: Path | None = None,
               profile: Profile | None = None) -> Paper:
    """:func:`make_pdf`, also saying how many pages the paper has."""
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
    return Paper(finish(layout, plan, profile, source, story.stamp, brand.printing.ink),
                 layout.pages)


TEMP_TAG = "briefpress-tmp"
"""In the name of every temporary file briefpress writes, so that it removes only its own."""
STALE_AFTER_S = 3600.0
"""A temporary file this old is stale even if its pid is alive again (pids are reused)."""
_NAME_ROOM = 120  # of the target's name kept in a temporary file's name (names max 255 bytes)


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:_NAME_ROOM]}.{TEMP_TAG}-{os.getpid()}-"


def write_atomic(target: Path, data: bytes, sweep: bool = True, durable: bool = True) -> None:
    """Write *data* to *target* so that readers see the old file or the new, never half.

    The bytes go to a hidden temporary file beside the target, named
    ``.<target>.briefpress-tmp-<pid>-<random>.tmp``, which is flushed and then
    renamed into place. Any failure or interrupt (Ctrl-C, or SIGTERM through the
    CLI) removes it; one left by a killed process is removed by the next write of
    the same target (:func:`remove_stale_temps`), or by the sweep of the whole folder
    that a build of many papers makes once before it starts (then *sweep* is False). A
    cache file, which can always be made again, is not flushed to disk (*durable* False).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
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
    return _sweep(target.parent, re.escape(f".{target.name[:_NAME_ROOM]}.{TEMP_TAG}-"), now)


def remove_stale_temps_in(folder: Path, now: float | None = None) -> list[Path]:
    """:func:`remove_stale_temps` for every target in *folder* at once (one scan of the
    folder, rather than one per paper written)."""
    return _sweep(folder, r"\.[^/]+\." + re.escape(f"{TEMP_TAG}-"), now)


def _sweep(folder: Path, prefix: str, now: float | None) -> list[Path]:
    own = re.compile(prefix + r"([0-9]{1,10})-[a-z0-9_]+\.tmp")
    now = time.time() if now is None else now
    removed: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
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
              profiles: tuple[ProfileName, ...] | None = None, *, jobs: int = 1,
              force: bool = False, progress: Progress | None = None) -> list[Outcome]:
    """Build one spec, once per paper, to ``out_dir/<stem><suffix>.pdf``
    (``x.pdf``, ``x-print.pdf``, ``x-large-print.pdf``); a spec with editions to
    ``out_dir/<stem>/<key><suffix>.pdf`` with a manifest beside them. Errors are
    returned, not raised; see :func:`build_many` for *jobs*, *force* and *progress*."""
    run = _prepare(spec, brand, out_dir, project, profiles)
    return _build([run], jobs, force, progress)


def build_many(specs: list[Path], project: Project | None = None, out_dir: Path | None = None,
               profiles: tuple[ProfileName, ...] | None = None, *, jobs: int = 1,
               force: bool = False, progress: Progress | None = None) -> list[Outcome]:
    """Build every spec; one failure does not stop the others. Raises if a brand is bad.

    Without a *project*, each spec is built in its own (:meth:`Project.of`): its
    brand, its chart cache and, unless *out_dir* is given, its ``output/``. Papers are
    made by up to *jobs* worker processes. An edition whose PDF was made from the same
    inputs, and is intact, is left as it is unless *force* is given. *progress* hears of
    every paper, in order.
    """
    brands: dict[Path, Brand] = {}
    runs = []
    for spec in specs:
        own = project or Project.of(spec)
        if own.root not in brands:
            brands[own.root] = _required_brand(own)
        runs.append(_prepare(spec, brands[own.root], out_dir or own.output, own, profiles))
    return _build(runs, jobs, force, progress)


def _prepare(spec: Path, brand: Brand, out_dir: Path, project: Project | None,
             profiles: tuple[ProfileName, ...] | None) -> Run:
    source = display(spec)
    cache_dir = project.chart_cache if project else None
    run = Run(source, spec.stem, brand, out_dir, cache_dir)
    memo = Memo(project.verified) if project is not None else None
    try:
        loaded = _loaded(spec, project, brand, profiles, memo)
    except BriefpressError as exc:
        return replace(run, error=exc)
    finally:
        remember(project, memo)
    folder = out_dir / spec.stem if loaded.editions is not None else out_dir
    digest = manifest.spec_digest(loaded, _brand_digest(brand)) if loaded.editions else ""
    return replace(run, loaded=loaded, out_dir=folder, digest=digest,
                   papers=tuple(profiles_for(loaded, brand, profiles)))


def _build(runs: list[Run], jobs: int, force: bool, progress: Progress | None
           ) -> list[Outcome]:
    """Every paper of every run: those already made from the same inputs kept, the rest
    made by the workers; each edition spec's manifest written last."""
    papers: list[Outcome | Task] = []
    spans = []
    for r, run in enumerate(runs):
        kept = old_manifest(run) if run.editions is not None else {}
        first = len(papers)
        papers += slots(r, run, kept, force)
        spans.append((first, len(papers)))
    tasks = [s for s in papers if isinstance(s, Task)]
    for run in runs:
        if run.editions is not None:  # once here, not once per paper written
            remove_stale_temps_in(run.out_dir)
    drawings = _drawing_store(runs, tasks)
    if len(tasks) > 1 and jobs > 1:
        _warm(runs, tasks)
    report = InOrder(papers, progress)
    try:
        stats = run_pool(tasks, lambda t: _make(runs[t.run], t), jobs, report.made,
                         lambda i, why: lost(runs[tasks[i].run], tasks[i], why))
    finally:
        outcomes = report.outcomes()
        for run, (first, end) in zip(runs, spans, strict=True):
            if run.editions is not None:
                _write_manifest(run, outcomes[first:end])
        if drawings is not None and drawings.folder is not None:
            _record(drawings.folder, drawings)
    global LAST_STATS
    LAST_STATS = stats
    return [o for o in outcomes if o is not None]


LAST_STATS = Stats()
"""The worker processes' peak memory in the last build (for the benchmark)."""


def _brand_digest(brand: Brand) -> str:
    f = brand.font
    return manifest.files_digest([brand.logo.parent / "brand.yml", f.regular, f.bold,
                                  f.italic, f.bold_italic, brand.logo])


def _make(run: Run, task: Task) -> Outcome:
    """One paper, made and written (in a worker process, or here with one job)."""
    assert run.loaded is not None
    editions = run.editions
    edition = editions[task.edition] if editions is not None and task.edition is not None \
        else None
    key = edition.key if edition is not None else None
    paper = run.papers[task.paper]
    target = run.target(edition, paper)
    try:
        loaded = run.loaded.edition(edition) if edition is not None else run.loaded
        made = make_paper(loaded, run.brand, run.source, run.cache_dir, paper)
        write_pdf(target, made.pdf, run.source, sweep=editions is None)
    except BriefpressError as exc:
        return Outcome(run.source, None, (), exc, key)
    return Outcome(run.source, target, run.loaded.warnings, None, key, False, made.pages,
                   len(made.pdf), manifest.sha256(made.pdf))


def _drawing_store(runs: list[Run], tasks: list[Task]) -> Memo | None:
    """Charts and logos converted to drawings, kept in the project's ``.cache/drawings/``
    (the first run's project, when papers are to be made)."""
    folder = next((r.cache_dir.parent / "drawings" for r in runs if r.cache_dir is not None),
                  None)
    if not tasks or folder is None:
        return None
    from briefpress.story.drawings import keep_in

    store = Memo(folder)
    keep_in(store)
    return store


def _warm(runs: list[Run], tasks: list[Task]) -> None:
    """Before the workers are forked: the layout stages imported, fonts registered and
    every chart drawn and converted to a drawing, so that no worker does any of it again."""
    from briefpress.finish import finish as _finish  # noqa: F401 - imported for the workers
    from briefpress.pages import render_pdf as _render  # noqa: F401
    from briefpress.story.drawings import chart_drawing
    from briefpress.story.fonts import register_fonts

    for run in {t.run: runs[t.run] for t in tasks}.values():
        fonts = register_fonts(run.brand.font)
        loaded = run.loaded
        assert loaded is not None
        for paper in run.papers:
            for figure in loaded.briefing.figures:
                with contextlib.suppress(BriefpressError):
                    visual = _visual(_drawn(figure), loaded, run.brand, run.cache_dir,
                                     geometry(paper))
                    if isinstance(visual, ChartSVG):
                        chart_drawing(visual, figure.id, fonts.regular, fonts.bold)


def _write_manifest(run: Run, outcomes: Sequence[Outcome | None]) -> None:
    """The run's manifest, CSV then JSON, each written whole (after every PDF)."""
    listed = entries(run, outcomes)
    write_atomic(run.out_dir / MANIFEST_CSV, manifest.to_csv(listed))
    write_atomic(run.out_dir / MANIFEST_JSON, manifest.to_json(f"{run.stem}.yaml", listed))


def write_pdf(target: Path, pdf: bytes, source: str, sweep: bool = True) -> None:
    """Write a finished PDF; a failure (disk full, no permission) fails this paper only."""
    try:
        write_atomic(target, pdf, sweep)
    except OSError as exc:
        raise BuildError(source, f"could not write {display(target)}: "
                         f"{exc.strerror or exc}") from None


def _required_brand(project: Project) -> Brand:
    path = project.root / BRAND_FILE
    if not path.is_file():
        raise SpecError([Problem(display(path), None, None, "", (
            "file not found; a project is the folder holding assets/brand.yml, found above "
            "the spec or the current folder: run briefpress inside a project or give "
            "--project DIR"))])
    memo = Memo(project.verified)
    try:
        return _brand(project.assets, memo)
    finally:
        remember(project, memo)


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

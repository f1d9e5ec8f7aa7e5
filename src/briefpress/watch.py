"""``briefpress watch``: build, then rebuild on every save, with a PNG of every page.

A director writes a spec over an afternoon and wants to see each change as it is
saved. One process stays warm: Python, reportlab and matplotlib are imported
once, the brand and its fonts read once (again only when ``assets/`` changes),
and every chart drawn is kept in memory, so a rebuild costs the layout alone.
watchfiles reports a save (through inotify on Linux, FSEvents on macOS) once the
folder has been quiet for :data:`STEP_MS`, and only the specs it touches are
rebuilt: the spec itself, a CSV file or image it reads, or, for every spec of the
project, anything in ``assets/`` (the brand, its logo, the words files).

A spec that fails is reported exactly as ``check`` reports it, the last good PDF
and its previews stay, and the watch goes on. Every file is written through
:mod:`briefpress.build`, atomically, so Ctrl-C or SIGTERM at any moment leaves
each file whole, old or new. The library yields what each round did; the CLI
prints it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from watchfiles import Change, DefaultFilter
from watchfiles import watch as watch_files

from briefpress.brand import Brand
from briefpress.build import (
    TEMP_TAG,
    Project,
    check,
    display,
    make_pdf,
    profiles_for,
    project_brand,
    write_folder,
    write_pdf,
)
from briefpress.errors import BriefpressError, BuildError, Problem, SpecError
from briefpress.finish import page_pngs
from briefpress.profile import ProfileName
from briefpress.spec import LoadedSpec
from briefpress.spec.figures import ChartBase, ImageFigure

STEP_MS = 25
"""How long the folders must be quiet before a change is acted on. An editor's save is a
write or two within a few milliseconds; 25 ms sees it whole, and is the most a save
waits before its rebuild starts."""
DEBOUNCE_MS = 500
"""The longest a burst of changes (a folder copied in, a script rewriting CSV files) is
gathered before rebuilding, even if it has not stopped."""
TICK_MS = 200
"""How often the watcher wakes when nothing changes (the first build waits for the first
tick, so that no save made during it is missed)."""
PAPERS: tuple[ProfileName, ...] = ("screen",)
"""What watch makes unless told otherwise: the paper the director reads on screen (the
print paper has the same pages, and making it too would double every rebuild)."""


@dataclass(frozen=True)
class Paper:
    """One PDF written, and its previews."""

    pdf: Path
    pages: int
    previews: Path
    redrawn: tuple[int, ...]
    """The pages (from 1) whose PNG changed; the others were left as they were."""


@dataclass(frozen=True)
class Built:
    """What one spec's rebuild did: the papers written, or the error that stopped it (the
    earlier PDF then stays as it was)."""

    spec: Path
    source: str
    papers: tuple[Paper, ...]
    warnings: tuple[Problem, ...]
    error: BriefpressError | None
    seconds: float


@dataclass(frozen=True)
class Round:
    """One rebuild: the changed files that started it (none for the first) and each spec's
    result."""

    changed: tuple[Path, ...]
    built: tuple[Built, ...]


def preview_folder(pdf: Path) -> Path:
    """Where the page previews of *pdf* go: ``output/x.preview/page-1.png`` for
    ``output/x.pdf``."""
    return pdf.with_name(f"{pdf.stem}.preview")


@dataclass
class Watcher:
    """The warm state of a watch: brands read, what each spec reads, which specs fail."""

    files: Sequence[Path]
    given: Path | None = None
    out_dir: Path | None = None
    profiles: tuple[ProfileName, ...] = PAPERS
    brands: dict[Path, Brand] = field(default_factory=dict)
    fonts: dict[Path, str] = field(default_factory=dict)
    """Each project's brand fonts, by content, as first loaded (reportlab keeps them)."""
    reads: dict[Path, frozenset[Path]] = field(default_factory=dict)
    failing: set[Path] = field(default_factory=set)

    def specs(self) -> list[Path]:
        """The specs watched: those named, else every spec in the project's briefings/
        (found again each time, so a new spec is built as soon as it is saved)."""
        if self.files:
            return [Path(os.path.abspath(f)) for f in self.files]
        return [Path(os.path.abspath(p)) for p in Project.of(None, self.given).specs()]

    def projects(self) -> list[Project]:
        """The projects of the specs watched (the current folder's, if there are none yet)."""
        found = [Project.of(s, self.given) for s in self.specs()] or [
            Project.of(None, self.given)]
        return list({p.root: p for p in found}.values())

    def folders(self) -> list[Path]:
        """What to watch: each project's briefings/ and assets/, and the folder of a spec
        kept elsewhere; every file a spec may read lies in one of them."""
        wanted = {f.resolve() for p in self.projects() for f in (p.briefings, p.assets)
                  if f.is_dir()}
        wanted |= {s.parent.resolve() for s in self.specs() if s.parent.is_dir()}
        return sorted(f for f in wanted if not any(f != o and f.is_relative_to(o)
                                                   for o in wanted))

    def ignored(self) -> list[Path]:
        """What briefpress itself writes: output folders and chart caches."""
        out = [self.out_dir.resolve()] if self.out_dir is not None else []
        for p in self.projects():
            out += [p.output.resolve(), p.chart_cache.parent.resolve()]
        return out

    def affected(self, changed: set[Path]) -> list[Path]:
        """The specs a set of changed files bears on: a spec itself, a file it reads, the
        brand of its project; and every spec that failed last time (a missing file may
        have appeared)."""
        assets = {p.root for p in self.projects()
                  if any(c.is_relative_to(p.assets.resolve()) for c in changed)}
        for root in assets:
            self.brands.pop(root, None)  # read again, with its fonts, logo and words
        out = []
        for spec in self.specs():
            key = spec.resolve()
            if (key in changed or key in self.failing or key not in self.reads
                    or self.reads[key] & changed
                    or Project.of(spec, self.given).root in assets):
                out.append(spec)
        return out

    def build(self, spec: Path) -> Built:
        """Check and build one spec, as ``briefpress build`` does, with its previews."""
        start = time.perf_counter()
        source, key = display(spec), spec.resolve()
        project = Project.of(spec, self.given)
        papers: list[Paper] = []
        loaded: LoadedSpec | None = None
        try:
            brand = self._brand(project)
            loaded = check(spec, project, brand, self.profiles)
            self.reads[key] = _reads(spec, loaded)
            for profile in profiles_for(loaded, brand, self.profiles):
                pdf = make_pdf(loaded, brand, source, project.chart_cache, profile)
                target = (self.out_dir or project.output) / f"{spec.stem}{profile.suffix}.pdf"
                write_pdf(target, pdf, source)
                papers.append(_previews(target, pdf, source))
        except BriefpressError as exc:
            self.failing.add(key)
            warnings = loaded.warnings if loaded is not None else ()
            return Built(spec, source, tuple(papers), warnings, exc,
                         time.perf_counter() - start)
        self.failing.discard(key)
        return Built(spec, source, tuple(papers), loaded.warnings, None,
                     time.perf_counter() - start)

    def _brand(self, project: Project) -> Brand:
        """The project's brand, read once and again after a change in assets/. A changed
        font file cannot be taken up: reportlab keeps the fonts it has loaded."""
        if project.root not in self.brands:
            brand = project_brand(project)
            if brand is None:
                raise SpecError([Problem(display(project.assets / "brand.yml"), None, None,
                                         "", "file not found; a project is the folder "
                                         "holding assets/brand.yml")])
            digest = _fonts_digest(brand)
            if self.fonts.setdefault(project.root, digest) != digest:
                raise BuildError(display(brand.font.regular.parent), (
                    "a brand font file changed; fonts are loaded once per process: stop "
                    "briefpress watch (Ctrl-C) and start it again"))
            self.brands[project.root] = brand
        return self.brands[project.root]

    def round(self, specs: list[Path], changed: set[Path]) -> Round:
        return Round(tuple(sorted(changed)), tuple(self.build(s) for s in specs))


def _previews(pdf_path: Path, pdf: bytes, source: str) -> Paper:
    """Write a PNG of every page beside the PDF; a page whose picture is unchanged is not
    written again, and pages beyond the paper's end are removed."""
    pngs = page_pngs(pdf)
    folder = preview_folder(pdf_path)
    try:
        written, _ = write_folder(folder, {f"page-{n}.png": png
                                           for n, png in enumerate(pngs, start=1)},
                                  stale="page-*.png")
    except OSError as exc:
        raise BuildError(source, f"could not write the previews in {display(folder)}: "
                         f"{exc.strerror or exc}") from None
    redrawn = tuple(sorted(int(p.stem.removeprefix("page-")) for p in written))
    return Paper(pdf_path, len(pngs), folder, redrawn)


def _reads(spec: Path, loaded: LoadedSpec) -> frozenset[Path]:
    """The files a spec reads besides itself: its CSV files and images."""
    files = set()
    for figure in loaded.briefing.figures:
        if isinstance(figure, ChartBase) and figure.csv is not None:
            files.add((spec.parent / figure.csv.file).resolve())
        elif isinstance(figure, ImageFigure):
            files.add((spec.parent / figure.file).resolve())
    return frozenset(files)


def _fonts_digest(brand: Brand) -> str:
    digest = hashlib.sha256()
    f = brand.font
    for path in (f.regular, f.bold, f.italic, f.bold_italic):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Filter(DefaultFilter):
    """watchfiles' defaults (editor swap and backup files, caches), briefpress's own
    temporary files, and everything briefpress writes (output, chart cache)."""

    def __call__(self, change: Change, path: str) -> bool:
        return TEMP_TAG not in os.path.basename(path) and super().__call__(change, path)


def watch(files: Sequence[Path], project: Path | None = None, out_dir: Path | None = None,
          profiles: tuple[ProfileName, ...] | None = None) -> Iterator[Round]:
    """Build the specs (*files*, else every spec in the project), then rebuild those a
    change bears on, for ever: one :class:`Round` per build. Ctrl-C raises
    KeyboardInterrupt out of the iteration, between two files, never inside one."""
    state = Watcher(files, project, out_dir, profiles or PAPERS)
    folders = state.folders()
    noise = _Filter(ignore_paths=[str(p) for p in state.ignored()])
    first = True
    for changes in watch_files(*folders, watch_filter=noise, debounce=DEBOUNCE_MS,
                               step=STEP_MS, rust_timeout=TICK_MS, yield_on_timeout=True,
                               raise_interrupt=True):
        if first:  # the watcher is running: nothing saved from now on can be missed
            first = False
            yield state.round(state.specs(), set())
            continue
        changed = {Path(path).resolve() for _, path in changes}
        specs = state.affected(changed) if changed else []
        if specs:
            yield state.round(specs, changed)

"""Many papers at once: what to make, what is already made, and what happened, in order.

A build is a list of *runs* (one checked spec each, going to one folder) and, for each,
its papers in order: edition by edition, paper by paper. Each paper is either already
settled (its edition failed its checks, or it is unchanged since the last build and
intact on disk) or a :class:`Task` for a worker. :class:`InOrder` tells the caller's
:class:`Progress` of each paper in that order as soon as it is known, whatever order
the workers finish in, and :func:`entries` lists an edition spec's papers for its
manifest. Nothing here writes a file: the build does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from briefpress import manifest
from briefpress.brand import Brand
from briefpress.errors import BriefpressError, BuildError, Problem, SpecError
from briefpress.profile import Profile
from briefpress.spec import Edition, LoadedSpec

MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"


@dataclass(frozen=True)
class Outcome:
    """What happened to one paper of one spec (of one edition, in a spec with editions): a
    written PDF, or the error that stopped it.

    ``edition`` is the edition's key; ``skipped`` says its PDF was already made from the
    same inputs and was left as it was; ``pages``, ``size`` and ``sha256`` describe the
    PDF written (or kept).
    """

    spec: str
    output: Path | None
    warnings: tuple[Problem, ...]
    error: BriefpressError | None
    edition: str | None = None
    skipped: bool = False
    pages: int = 0
    size: int = 0
    sha256: str = ""


class Progress(Protocol):
    """Told how many papers a build will make, then of each as it is done, in order."""

    def begin(self, total: int) -> None: ...

    def done(self, outcome: Outcome) -> None: ...


@dataclass(frozen=True)
class Run:
    """One spec to build: checked (or the error that stopped it) and where it goes."""

    source: str
    stem: str
    brand: Brand
    out_dir: Path
    cache_dir: Path | None
    loaded: LoadedSpec | None = None
    error: BriefpressError | None = None
    papers: tuple[Profile, ...] = ()
    digest: str = ""
    """What every paper of the run is made from (:func:`briefpress.manifest.spec_digest`)."""

    @property
    def editions(self) -> tuple[Edition, ...] | None:
        table = self.loaded.editions if self.loaded is not None else None
        return table.editions if table is not None else None

    def target(self, edition: Edition | None, paper: Profile) -> Path:
        """``out/<stem><suffix>.pdf``; for an edition, ``out/<stem>/<name><suffix>.pdf``."""
        if edition is None:
            return self.out_dir / f"{self.stem}{paper.suffix}.pdf"
        return self.out_dir / f"{edition.output}{paper.suffix}.pdf"


@dataclass(frozen=True)
class Task:
    """One paper for a worker: the run, the edition (by index; None without editions) and
    the paper (by index)."""

    run: int
    edition: int | None
    paper: int


class InOrder:
    """The outcome of every slot, told to *progress* in slot order as each is known."""

    def __init__(self, slots: list[Outcome | Task], progress: Progress | None) -> None:
        self.slots = slots
        self.progress = progress
        self.index = {id(s): i for i, s in enumerate(s for s in slots if isinstance(s, Task))}
        self.known: dict[int, Outcome] = {}
        self.shown = 0
        if progress is not None:
            progress.begin(len(slots))
        self._release()

    def made(self, task: int, outcome: Outcome) -> None:
        self.known[task] = outcome
        self._release()

    def _outcome(self, slot: Outcome | Task) -> Outcome | None:
        return slot if isinstance(slot, Outcome) else self.known.get(self.index[id(slot)])

    def _release(self) -> None:
        while self.shown < len(self.slots):
            outcome = self._outcome(self.slots[self.shown])
            if outcome is None:
                return
            if self.progress is not None:
                self.progress.done(outcome)
            self.shown += 1

    def outcomes(self) -> list[Outcome | None]:
        return [self._outcome(s) for s in self.slots]


def slots(r: int, run: Run, kept: dict[tuple[str, str], manifest.Entry], force: bool
          ) -> list[Outcome | Task]:
    """The papers of one run in order: each already settled (failed, or unchanged and
    intact) or a task for a worker."""
    if run.loaded is None:
        return [Outcome(run.source, None, (), run.error)]
    editions = run.editions
    if editions is None:
        return [Task(r, None, p) for p in range(len(run.papers))]
    out: list[Outcome | Task] = []
    for e, edition in enumerate(editions):
        for p, paper in enumerate(run.papers):
            if edition.problems:
                out.append(Outcome(run.source, None, run.loaded.warnings,
                                   SpecError(edition.problems), edition.key))
                continue
            entry = kept.get((edition.key, paper.name))
            inputs = manifest.edition_digest(run.digest, edition, paper.name)
            target = run.target(edition, paper)
            if not force and entry is not None and entry.ok and entry.inputs == inputs and (
                    entry.file == target.name and intact(target, entry.sha256)):
                out.append(Outcome(run.source, target, run.loaded.warnings, None, edition.key,
                                   True, entry.pages or 0, entry.bytes or 0, entry.sha256))
            else:
                out.append(Task(r, e, p))
    return out


def intact(path: Path, sha256: str) -> bool:
    """Whether the file is there with the bytes the manifest says it has."""
    try:
        return manifest.sha256(path.read_bytes()) == sha256
    except OSError:
        return False


def lost(run: Run, task: Task, why: str) -> Outcome:
    """The outcome of a paper whose worker process died while making it, or met a bug."""
    editions = run.editions
    key = editions[task.edition].key if editions is not None and task.edition is not None \
        else None
    return Outcome(run.source, None, (), BuildError(run.source, (
        f"{'edition ' + repr(key) + ': ' if key else ''}the paper could not be made ({why}); "
        "nothing was written for it: build it again, or with --jobs 1 --traceback to see "
        "why")), key)


def old_manifest(run: Run) -> dict[tuple[str, str], manifest.Entry]:
    try:
        return manifest.from_json((run.out_dir / MANIFEST_JSON).read_bytes())
    except OSError:
        return {}


def entries(run: Run, outcomes: Sequence[Outcome | None]) -> list[manifest.Entry]:
    """The manifest of an edition run, from its outcomes in order (None: never made, the
    build was stopped before it)."""
    assert run.editions is not None
    papers = len(run.papers)
    out = []
    for i, outcome in enumerate(outcomes):
        edition, paper = run.editions[i // papers], run.papers[i % papers]
        out.append(entry(run, edition, paper, outcome,
                         manifest.edition_digest(run.digest, edition, paper.name)))
    return out


def entry(run: Run, edition: Edition, paper: Profile, outcome: Outcome | None,
           inputs: str) -> manifest.Entry:
    file = run.target(edition, paper).name if edition.output else ""
    if outcome is None:
        return manifest.Entry(edition.key, edition.name, paper.name, file, None, None, "",
                              "failed", "the build was stopped before this paper was made",
                              inputs)
    if outcome.error is not None:
        return manifest.Entry(edition.key, edition.name, paper.name, file, None, None, "",
                              "failed", describe(outcome.error), inputs)
    return manifest.Entry(edition.key, edition.name, paper.name, file, outcome.pages,
                          outcome.size, outcome.sha256, "ok", "", inputs)


def describe(error: BriefpressError) -> str:
    """An error as lines of text: each problem of a SpecError on its own line."""
    if isinstance(error, SpecError):
        return "\n".join(str(p) for p in error.problems)
    return str(error)

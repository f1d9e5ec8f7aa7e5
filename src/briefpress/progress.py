"""What ``briefpress build`` shows as it works: part of the command line, which alone prints.

On a terminal, papers of editions move a progress bar (done out of all, papers a
second, time left) and each problem is printed above it; anywhere else (a log, CI)
each paper is one line, in the order of the specs and editions whatever the number
of workers: ``built output/force-training/gwent.pdf``, ``unchanged ...`` for one
already made from the same inputs, or its problems on stderr. A summary line per
spec with editions ends the run.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any

from briefpress.build import Outcome


class Report:
    """The build's :class:`briefpress.build.Progress`: *said* prints an outcome's warnings
    and errors; with *bar*, papers of editions move a bar instead of printing a line."""

    def __init__(self, said: Callable[[Outcome], None], bar: bool) -> None:
        self.said = said
        self.want_bar = bar
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Report:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def begin(self, total: int) -> None:
        if not self.want_bar or total < 2:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            Task,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            """Papers a second (rich's own speed column counts bytes)."""

            def render(self, task: Task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f}/s" if speed else "-/s")

        # refreshed as papers are done, not by a thread: worker processes are forked
        # while the bar is up, and a fork must not copy a thread's locks
        self.bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                            Rate(), TextColumn("left"), TimeRemainingColumn(),
                            console=Console(file=sys.stderr), auto_refresh=False,
                            transient=True)
        self.bar.start()
        self.task = self.bar.add_task("papers", total=total)
        self.bar.refresh()

    def done(self, outcome: Outcome) -> None:
        self.said(outcome)
        if outcome.error is None and (self.bar is None or outcome.edition is None):
            verb = "unchanged" if outcome.skipped else "built"
            print(f"{verb} {outcome.output}")
        if self.bar is not None:
            self.bar.advance(self.task)
            self.bar.refresh()

    def summary(self, outcomes: list[Outcome]) -> None:
        """One line per spec with editions: how many papers were built, kept or failed,
        and where the manifest is."""
        specs: dict[str, list[Outcome]] = {}
        for o in outcomes:
            if o.edition is not None:
                specs.setdefault(o.spec, []).append(o)
        for spec, mine in specs.items():
            count = Counter("failed" if o.error else "unchanged" if o.skipped else "built"
                            for o in mine)
            folder = next((o.output.parent for o in mine if o.output is not None), None)
            where = f"; manifest {folder / 'manifest.csv'}" if folder is not None else ""
            failed = sorted({o.edition for o in mine if o.error and o.edition})
            names = (f" ({', '.join(failed[:10])}{', ...' if len(failed) > 10 else ''})"
                     if failed else "")
            print(f"{spec}: {len(mine)} papers: {count['built']} built, "
                  f"{count['unchanged']} unchanged, {count['failed']} failed{names}{where}")

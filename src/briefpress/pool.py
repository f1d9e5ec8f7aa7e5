"""Worker processes for many papers at once: forked after the imports, fed one task at a time.

The caller imports and warms everything first (the layout libraries, the brand, the
spec, charts drawn and fonts registered), then :func:`run` forks the workers, so each
starts with all of it in place and none repeats it. Tasks are handed out one at a time
from a shared counter (a slow edition never holds up a queue behind it), and results
come back in task order as soon as they are ready, so a log reads the same whatever
the number of workers.

A worker shares nothing with another that one could spoil for the other: each has its
own memory after the fork, and builds its tasks one after another. A worker that dies
(killed, out of memory) loses only the task it was on, reported as lost; the others
carry on. Ctrl-C or SIGTERM stops every worker: each removes its temporary file as it
unwinds (see ``build.write_atomic``), and :func:`run` returns only once all have exited.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")

STOP_WAIT_S = 10.0
"""How long stopped workers are given to unwind before they are killed."""


@dataclass
class Stats:
    """What the workers used, in bytes (empty: none forked): the peak resident memory of
    each (pages shared with the parent counted in full), and each one's proportional share
    of memory at its end (shared pages divided among the processes sharing them)."""

    peak_rss: list[int] = field(default_factory=list)
    pss: list[int] = field(default_factory=list)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: int | None = None
    done: bool = False


class _Ordered(Generic[R]):
    """Hands results on in task order, each as soon as every earlier one has been."""

    def __init__(self, deliver: Callable[[int, R], None]) -> None:
        self.deliver = deliver
        self.waiting: dict[int, R] = {}
        self.next = 0

    def put(self, index: int, result: R) -> None:
        self.waiting[index] = result
        while self.next in self.waiting:
            self.deliver(self.next, self.waiting.pop(self.next))
            self.next += 1


def run(tasks: Sequence[T], work: Callable[[T], R], jobs: int,
        deliver: Callable[[int, R], None], lost: Callable[[int, str], R]) -> Stats:
    """Do *work* on every task with up to *jobs* worker processes; *deliver* gets each
    result in task order. A task whose worker died gets ``lost(index, why)`` instead.

    One job (or one task) runs here, in this process, with no fork.
    """
    ordered = _Ordered(deliver)
    if jobs <= 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            ordered.put(i, work(task))
        return Stats()
    return _Pool(tasks, work, min(jobs, len(tasks)), ordered, lost).run()


class _Pool(Generic[T, R]):
    def __init__(self, tasks: Sequence[T], work: Callable[[T], R], jobs: int,
                 ordered: _Ordered[R], lost: Callable[[int, str], R]) -> None:
        from multiprocessing import get_context  # only when workers are needed

        self.tasks, self.work, self.jobs, self.ordered, self.lost = tasks, work, jobs, ordered, lost
        self.context = get_context("fork")
        self.counter = self.context.Value("q", 0)
        self.stats = Stats()

    def run(self) -> Stats:
        workers: list[_Worker] = []
        try:
            for _ in range(self.jobs):
                workers.append(self._start())
            self._collect(workers)
        except BaseException:
            _stop(workers)
            raise
        return self.stats

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=False)
        process = self.context.Process(target=self._serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _collect(self, workers: list[_Worker]) -> None:
        from multiprocessing.connection import wait

        live = list(workers)
        while live:
            ready = wait([w.conn for w in live] + [w.process.sentinel for w in live])
            for worker in list(live):
                if worker.conn in ready or worker.process.sentinel in ready:
                    self._drain(worker)
                if worker.done or not worker.process.is_alive():
                    self._drain(worker)
                    worker.process.join()
                    if worker.task is not None:  # it died in the middle of a task
                        code = worker.process.exitcode
                        why = f"signal {-code}" if code is not None and code < 0 else \
                            f"exit status {code}"
                        self.ordered.put(worker.task, self.lost(worker.task, why))
                        worker.task = None
                    worker.conn.close()
                    live.remove(worker)
        with self.counter.get_lock():  # tasks no worker lived to take
            first, self.counter.value = self.counter.value, len(self.tasks)
        for i in range(first, len(self.tasks)):
            self.ordered.put(i, self.lost(i, "no worker was left to build it"))

    def _drain(self, worker: _Worker) -> None:
        with contextlib.suppress(EOFError, OSError):
            while worker.conn.poll():
                message = worker.conn.recv()
                if message[0] == "start":
                    worker.task = message[1]
                elif message[0] == "done":
                    worker.task = None
                    self.ordered.put(message[1], message[2])
                elif message[0] == "exit":
                    self.stats.peak_rss.append(message[1])
                    if message[2] is not None:
                        self.stats.pss.append(message[2])
                    worker.done = True

    def _serve(self, conn: Connection) -> None:
        """A worker's life: take the next task, do it, send the result; then report and
        leave at once (nothing of the parent's to tear down)."""
        code = 0
        try:
            signal.signal(signal.SIGINT, _interrupt)
            signal.signal(signal.SIGTERM, _interrupt)
            while (index := self._next()) is not None:
                conn.send(("start", index))
                try:
                    result = self.work(self.tasks[index])
                except Exception as exc:  # a bug: this task fails, the others go on
                    result = self.lost(index, f"internal error: {type(exc).__name__}: {exc}")
                conn.send(("done", index, result))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            conn.send(("exit", peak, _pss()))
        except KeyboardInterrupt:
            code = 130
        except BaseException:  # a bug: the parent reports the task as lost
            code = 3
        finally:
            with contextlib.suppress(Exception):
                conn.close()
            os._exit(code)  # never flush the parent's buffered output a second time

    def _next(self) -> int | None:
        with self.counter.get_lock():
            index = int(self.counter.value)
            if index >= len(self.tasks):
                return None
            self.counter.value = index + 1
            return index


_stopping = False


def _pss() -> int | None:
    """This process's proportional set size, where the system says (Linux)."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM in a worker: unwind once (removing the temporary file being
    written); a second signal (Ctrl-C reaches the whole group, then the parent stops its
    workers) must not cut that clean-up short, so it does nothing."""
    global _stopping
    if not _stopping:
        _stopping = True
        raise KeyboardInterrupt


def _stop(workers: list[_Worker]) -> None:
    """Stop every worker and wait until each has exited (each removes its own temporary
    file as it unwinds); one that does not stop in time is killed."""
    for worker in workers:
        if worker.process.is_alive():
            with contextlib.suppress(OSError):
                os.kill(worker.process.pid, signal.SIGTERM)
    for worker in workers:
        worker.process.join(STOP_WAIT_S)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        with contextlib.suppress(OSError):
            worker.conn.close()

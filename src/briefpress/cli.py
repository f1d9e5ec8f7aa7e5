"""Command line: the only module that prints and exits.

Exit codes: 0 success; 1 invalid input or a failed build (every problem is printed
on stderr); 2 wrong usage; 3 an internal error (a bug in briefpress: please report it
with the output of ``--traceback``); 130 and 143 stopped by Ctrl-C or SIGTERM, with
nothing left half-written.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from briefpress.errors import BriefpressError, Problem, SpecError, printable

if TYPE_CHECKING:
    from briefpress.brand import Brand
    from briefpress.build import Outcome, Project

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143  # 128 + SIGTERM


PROFILES = ("screen", "print", "large-print")

PROJECT_HELP = ("folder holding briefings/, assets/ and output/ (default: the nearest folder "
                "above the spec, or above the current folder, that holds assets/brand.yml)")


def _common(p: argparse.ArgumentParser, default: object) -> None:
    """Options accepted before and after the command (``--project DIR build`` or ``build
    --project DIR``); after it they are given no default, so they never undo one given before."""
    p.add_argument("--project", type=Path, default=default, metavar="DIR", help=PROJECT_HELP)
    p.add_argument("--traceback", action="store_true", default=default,
                   help="show a traceback on errors")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefpress", description=(
        "Turn YAML briefing specs into branded, print-quality PDF briefing papers."))
    _common(p, None)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build specs into PDFs (default: every briefings/*.yaml)")
    b.add_argument("files", nargs="*", type=Path, metavar="FILE")
    b.add_argument("--out", type=Path, metavar="DIR", help="write PDFs here (default: output/)")
    b.add_argument("--profile", action="append", choices=PROFILES, metavar="PAPER",
                   help="the paper to make: screen (x.pdf), print (x-print.pdf: CMYK, bleed, "
                   "crop marks) or large-print (x-large-print.pdf); repeat for several "
                   "(default: the spec's profiles, else the brand's, else screen)")
    b.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="make papers in N worker processes at once (default: one per core)")
    b.add_argument("--force", action="store_true", help=(
        "rebuild every edition, even one whose PDF was made from the same inputs"))
    c = sub.add_parser("check", help="validate specs, and say how long each body is; write "
                       "nothing")
    c.add_argument("files", nargs="+", type=Path, metavar="FILE")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--profile", action="append", choices=PROFILES, metavar="PAPER",
                   help="check for this paper too (charts are laid out for each)")
    w = sub.add_parser("watch", help="build specs, then rebuild them on every save, with a PNG "
                       "of each page beside the PDF (default: every briefings/*.yaml)")
    w.add_argument("files", nargs="*", type=Path, metavar="FILE")
    w.add_argument("--out", type=Path, metavar="DIR", help="write PDFs here (default: output/)")
    w.add_argument("--profile", action="append", choices=PROFILES, metavar="PAPER",
                   help="the paper to make (default: screen); repeat for several")
    k = sub.add_parser("pack", help="make the press office's pack in output/NAME-pack/: the "
                       "PDF, page one as PNG, the email (text and Markdown), a manifest")
    k.add_argument("files", nargs="+", type=Path, metavar="FILE")
    k.add_argument("--out", type=Path, metavar="DIR",
                   help="make the pack folders here (default: output/)")
    k.add_argument("--strict", action="store_true",
                   help="treat warnings (a PDF over the email budget, too) as errors")
    n = sub.add_parser("new", help="write a commented starter spec to briefings/NAME.yaml")
    n.add_argument("name", metavar="NAME", help="lower-case letters, digits and hyphens")
    s = sub.add_parser("schema", help="print the spec's JSON Schema (draft-07)")
    s.add_argument("--markdown", action="store_true",
                   help="print the Markdown spec reference instead")
    for command in (b, c, w, k, n, s):
        _common(command, argparse.SUPPRESS)
    return p


def _print_problems(problems: Sequence[Problem], seen: set[Problem] | None = None) -> None:
    """Each problem once per run (a brand warning bears on every spec, but is said once)."""
    for problem in problems:
        if seen is None or problem not in seen:
            print(problem, file=sys.stderr)
        if seen is not None:
            seen.add(problem)


def _report(exc: BriefpressError, show_traceback: bool = False) -> None:
    if show_traceback:
        traceback.print_exception(exc)
    if isinstance(exc, SpecError):
        _print_problems(exc.problems)
    else:
        print(f"error: {exc}", file=sys.stderr)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _build(args: argparse.Namespace) -> int:
    from briefpress.build import Project, build_many
    from briefpress.progress import Report

    project = Project(args.project) if args.project is not None else None
    specs = list(args.files)
    if not specs:
        project = Project.of(None, args.project)
        specs = project.specs()
        if not specs:
            print(f"error: no specs found in {project.briefings}", file=sys.stderr)
            return EXIT_INVALID
    seen: set[Problem] = set()

    def said(outcome: Outcome) -> None:
        _print_problems(outcome.warnings, seen)
        if outcome.error is not None:
            _report(outcome.error, args.traceback)

    with Report(said, bar=sys.stderr.isatty()) as report:
        outcomes = build_many(specs, project, args.out, _profiles(args),
                              jobs=args.jobs or cores(), force=args.force, progress=report)
    report.summary(outcomes)
    return EXIT_INVALID if any(o.error is not None for o in outcomes) else EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    """Build, then rebuild on every save until Ctrl-C (exit 130): errors are printed and the
    watch goes on, with the last good PDF left in place."""
    from briefpress.build import Project, display
    from briefpress.watch import watch

    if not args.files:
        project = Project.of(None, args.project)
        if not project.specs():
            print(f"error: no specs found in {project.briefings}", file=sys.stderr)
            return EXIT_INVALID
    said: dict[Path, tuple[Problem, ...]] = {}
    for number, done in enumerate(watch(args.files, args.project, args.out, _profiles(args))):
        for built in done.built:
            if built.error is None and said.get(built.spec) != built.warnings:
                _print_problems(built.warnings)  # said again only when they change
                said[built.spec] = built.warnings
            for paper in built.papers:
                redrawn = ", ".join(str(n) for n in paper.redrawn) or "none"
                print(f"built {display(paper.pdf)} ({paper.pages} pages; previews in "
                      f"{display(paper.previews)}/, redrawn: {redrawn}) in "
                      f"{built.seconds:.2f} s", flush=True)
            if built.error is not None:
                _report(built.error, args.traceback)
                print(f"{built.source}: not rebuilt; the last good PDF stays. Waiting for the "
                      "next change", file=sys.stderr, flush=True)
        if number == 0:
            print("watching for changes; Ctrl-C to stop", flush=True)
    return EXIT_OK


def _projects(args: argparse.Namespace) -> Iterator[tuple[Path, Project, Brand | None]]:
    """Each spec named, with its project and that project's brand (None if it has no
    brand.yml); a brand is read once however many of its specs are named."""
    from briefpress.build import Project, project_brand

    brands: dict[Path, Brand | None] = {}
    for spec in args.files:
        project = Project.of(spec, args.project)
        if project.root not in brands:
            brands[project.root] = project_brand(project)
        yield spec, project, brands[project.root]


def _pack(args: argparse.Namespace) -> int:
    from briefpress.build import display
    from briefpress.pack import make_pack

    status = EXIT_OK
    seen: set[Problem] = set()
    for spec, project, brand in _projects(args):
        if brand is None:
            print(f"error: {display(project.assets / 'brand.yml')}: file not found; a project "
                  "is the folder holding assets/brand.yml", file=sys.stderr)
            status = EXIT_INVALID
            continue
        made = make_pack(spec, project, brand, args.out, args.strict)
        _print_problems(made.warnings, seen)
        if made.error is not None or made.folder is None:
            if made.error is not None:
                _report(made.error, args.traceback)
            status = EXIT_INVALID
            continue
        sizes = ", ".join(f"{f.name} ({_size(f.size)})" for f in made.files)
        print(f"packed {display(made.folder)}/: {sizes}")
        if not made.embargoed:
            print(f"{made.spec}: no embargo: the email opens with the immediate-release line; "
                  "add 'embargo: YYYY-MM-DD HH:MM' if the paper is embargoed")
    return status


def _size(n: int) -> str:
    return f"{n:,} bytes" if n < 10_000 else f"{n / 1000:,.0f} kB"


def _profiles(args: argparse.Namespace) -> Any:
    """The papers named with --profile, in order, each once; None if none was named."""
    named = getattr(args, "profile", None)
    return tuple(dict.fromkeys(named)) if named else None


def _check(args: argparse.Namespace) -> int:
    from briefpress.build import check, display
    from briefpress.spec.reading import body_length

    status = EXIT_OK
    seen: set[Problem] = set()
    for spec, project, brand in _projects(args):
        try:
            loaded = check(spec, project, brand, _profiles(args))
        except SpecError as exc:
            _report(exc, args.traceback)
            status = EXIT_INVALID
            continue
        _print_problems(loaded.warnings, seen)
        if args.strict and loaded.warnings:
            status = EXIT_INVALID
        length = body_length(loaded.briefing)
        minutes = f"{length.minutes} minute" + ("" if length.minutes == 1 else "s")
        print(f"{display(spec)}: {length.words:,} words in the body, about {minutes} to read")
    return status


def _new(args: argparse.Namespace) -> int:
    from datetime import date

    from briefpress.build import Project, create_spec, display
    from briefpress.spec.starter import check_name, starter

    problem = check_name(args.name)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    project = Project.of(None, args.project)
    try:
        path = create_spec(project, args.name, starter(args.name, date.today()))
    except FileExistsError:
        print(f"error: {display(project.briefings / (args.name + '.yaml'))} already exists; "
              "choose another name or edit that file", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {display(path)}; build it with: briefpress build {display(path)}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from briefpress.spec.schema import reference_markdown, schema_text

    sys.stdout.write(reference_markdown() if args.markdown else schema_text())
    return EXIT_OK


COMMANDS = {"build": _build, "check": _check, "watch": _watch, "pack": _pack, "new": _new,
            "schema": _schema}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it cleans up exactly as for Ctrl-C."""


_SIGNALLED: list[int] = []
"""SIGTERM, once received: a library waiting in native code (watchfiles) may turn the
exception raised for it into a plain KeyboardInterrupt, and the exit code must still say
the process was terminated."""


def _terminate(signum: int, frame: object) -> None:
    _SIGNALLED.append(signum)
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM unwinds it like Ctrl-C (temporary files removed);
    the previous handler is put back afterwards (main may be called from a program)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def entry() -> NoReturn:
    """The ``briefpress`` command: :func:`main`, then leave at once, every file written and
    all output flushed, without the interpreter's slow teardown of the libraries loaded."""
    code = main()
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _SIGNALLED.clear()
    try:
        with _sigterm_as_interrupt():
            return COMMANDS[args.command](args)
    except BriefpressError as exc:
        _report(exc, args.traceback)
        return EXIT_INVALID
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated) or bool(_SIGNALLED)
        stopped = "terminated" if terminated else "interrupted"
        print(f"{stopped}; no file was left half-written", file=sys.stderr)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    except Exception as exc:  # a bug, not bad input: say so without a traceback
        if args.traceback:
            traceback.print_exc()
        else:
            print(f"internal error: {type(exc).__name__}: {printable(str(exc))} (this is a bug "
                  "in briefpress; run again with --traceback and report it)", file=sys.stderr)
        return EXIT_INTERNAL

"""Files a spec points to (CSV data, images), opened only inside the project.

A spec may come from a collaborator whose file cannot be trusted, so a path in a
spec is relative, stays inside the allowed folders after symlinks are resolved,
names a regular file (a FIFO or device must not hang the build), has a format
the caller documents, and is small enough to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from briefpress.source.yamlload import read_bytes

MAX_DATA_BYTES = 5_000_000


class FileRefused(ValueError):
    """A path in a spec that may not be opened; the message says why, for the author."""


def resolve_inside(base: Path, reference: str, roots: Sequence[Path],
                   suffixes: Sequence[str] = ()) -> Path:
    """The real path of *reference* (relative to *base*), if it lies inside one of *roots*.

    *suffixes* (``(".csv",)``), when given, are the only file types accepted.
    """
    if not reference.strip():
        raise FileRefused("the path is empty")
    if "\0" in reference or any(ord(c) < 32 for c in reference):
        raise FileRefused("the path contains a control character")
    if "://" in reference:
        raise FileRefused(f"'{reference}' is a URL; nothing is downloaded: save the file beside "
                          "the spec (for example in briefings/data/) and name it here")
    pure = PurePosixPath(reference.replace("\\", "/"))
    if (pure.is_absolute() or Path(reference).is_absolute()
            or (pure.parts and ":" in pure.parts[0]) or reference.startswith("~")):
        raise FileRefused(f"'{reference}' is an absolute path; give a path relative to the spec")
    if suffixes and pure.suffix.lower() not in {s.lower() for s in suffixes}:
        kinds = ", ".join(suffixes[:-1]) + (" or " if len(suffixes) > 1 else "") + suffixes[-1]
        raise FileRefused(f"'{reference}' is not a {kinds} file")
    try:
        target = (base / Path(*pure.parts)).resolve()
        allowed = [r.resolve() for r in roots]
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        raise FileRefused(f"'{reference}' cannot be resolved (a symlink loop?)") from None
    if not any(target.is_relative_to(r) for r in allowed):
        raise FileRefused(f"'{reference}' leads outside the project; keep data files beside the "
                          "spec (for example in briefings/data/)")
    try:
        exists, regular = target.exists(), target.is_file()
    except OSError as exc:
        raise FileRefused(f"'{reference}' cannot be opened: {exc.strerror}") from None
    if not exists:
        raise FileRefused(f"file '{reference}' not found{_did_you_mean(target, reference)}")
    if not regular:
        raise FileRefused(f"'{reference}' is not a regular file")
    return target


def _did_you_mean(target: Path, reference: str) -> str:
    """``"; did you mean 'data/counts.csv'?"`` when a file of a close name sits beside it."""
    import difflib

    try:
        names = sorted(p.name for p in target.parent.iterdir() if p.is_file())
    except OSError:
        return ""
    stems: dict[str, str] = {}
    for name in names:  # compare stems: a shared ".csv" alone must not look alike
        stems.setdefault(Path(name).stem, name)
    close = difflib.get_close_matches(target.stem, list(stems), n=1, cutoff=0.6)
    if not close:
        return ""
    found = [stems[close[0]]]
    typed = reference.replace("\\", "/")
    folder = typed.rsplit("/", 1)[0] + "/" if "/" in typed else ""
    return f"; did you mean '{folder}{found[0]}'?"


def read_inside(base: Path, reference: str, roots: Sequence[Path],
                limit: int = MAX_DATA_BYTES, suffixes: Sequence[str] = ()) -> bytes:
    """Resolve *reference* as :func:`resolve_inside` does, then read it with a size cap.

    The resolved path is opened without following a final symlink, so a link
    swapped in after the check is refused rather than followed out of the project.
    """
    from briefpress.errors import SpecError

    path = resolve_inside(base, reference, roots, suffixes)
    try:
        return read_bytes(path, reference, limit, follow=False)
    except SpecError as exc:
        raise FileRefused(exc.problems[0].message + f" ('{reference}')") from None

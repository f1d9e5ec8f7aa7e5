"""Files a spec points to (CSV data, images), opened only inside the project.

A spec may come from a collaborator whose file cannot be trusted, so a path in a
spec is relative, stays inside the allowed folders after symlinks are resolved,
names a regular file (a FIFO or device must not hang the build), and is small
enough to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from briefpress.spec.yamlload import read_bytes

MAX_DATA_BYTES = 5_000_000


class FileRefused(ValueError):
    """A path in a spec that may not be opened; the message says why, for the author."""


def resolve_inside(base: Path, reference: str, roots: Sequence[Path]) -> Path:
    """The real path of *reference* (relative to *base*), if it lies inside one of *roots*."""
    if not reference.strip():
        raise FileRefused("the path is empty")
    pure = PurePosixPath(reference.replace("\\", "/"))
    if pure.is_absolute() or Path(reference).is_absolute() or ":" in pure.parts[0]:
        raise FileRefused(f"'{reference}' is an absolute path; give a path relative to the spec")
    target = (base / Path(*pure.parts)).resolve()
    allowed = [r.resolve() for r in roots]
    if not any(target.is_relative_to(r) for r in allowed):
        raise FileRefused(f"'{reference}' leads outside the project; keep data files beside the "
                          "spec (for example in briefings/data/)")
    if not target.exists():
        raise FileRefused(f"file '{reference}' not found")
    if not target.is_file():
        raise FileRefused(f"'{reference}' is not a regular file")
    return target


def read_inside(base: Path, reference: str, roots: Sequence[Path],
                limit: int = MAX_DATA_BYTES) -> bytes:
    """Resolve *reference* as :func:`resolve_inside` does, then read it with a size cap."""
    from briefpress.errors import SpecError

    path = resolve_inside(base, reference, roots)
    try:
        return read_bytes(path, reference, limit)
    except SpecError as exc:
        raise FileRefused(exc.problems[0].message + f" ('{reference}')") from None

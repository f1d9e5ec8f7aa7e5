"""The manifest of a spec's editions, and the digests that let a build skip unchanged ones.

Beside an edition spec's PDFs, ``manifest.csv`` and ``manifest.json`` list one row per
PDF: the edition's key and name, the paper (profile), the file, its pages, size and
SHA-256, whether it was made (``ok``) or not (``failed``, with the error, located),
and ``inputs``: a digest of everything the PDF was made from. A later build skips an
edition whose inputs digest is the same and whose PDF on disk still has the SHA-256
the manifest gives. Nothing here writes a file (the build does); the bytes depend only
on the entries, so the same build gives the same manifest.

The inputs digest covers the spec's text, the edition's row (not the rest of the
table: editing one row rebuilds one edition), every figure's data as read (tables,
images), the brand's files (brand.yml, fonts, logo), the paper, and briefpress
itself: its version, a digest of its source code, and the versions of the libraries
that shape a PDF.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from briefpress.source.memo import code_digest
from briefpress.spec import Edition, LoadedSpec
from briefpress.spec.data import ImageFile, Table

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """One PDF of one edition, as the manifest lists it."""

    key: str
    name: str
    profile: str
    file: str
    pages: int | None
    bytes: int | None
    sha256: str
    status: str
    error: str
    inputs: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"


COLUMNS = tuple(f.name for f in fields(Entry))


def to_csv(entries: Iterable[Entry]) -> bytes:
    """The manifest as CSV (UTF-8, header row first), for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow(["" if v is None else v for v in (getattr(e, c) for c in COLUMNS)])
    return out.getvalue().encode("utf-8")


def to_json(spec: str, entries: Iterable[Entry]) -> bytes:
    """The manifest as JSON: the spec's file name and one object per PDF."""
    body = {"format": FORMAT, "spec": spec, "editions": [asdict(e) for e in entries]}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def from_json(raw: bytes) -> dict[tuple[str, str], Entry]:
    """A manifest's entries by (key, profile); empty if it is not one this version wrote
    (then every edition is simply built)."""
    try:
        body = json.loads(raw.decode("utf-8"))
        if body.get("format") != FORMAT:
            return {}
        entries = [Entry(**{c: item[c] for c in COLUMNS}) for item in body["editions"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
    out: dict[tuple[str, str], Entry] = {}
    for e in entries:  # a failed row may repeat a key (a duplicate); the made one counts
        if e.ok or (e.key, e.profile) not in out:
            out[(e.key, e.profile)] = e
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def _file_digest(path: Path, size: int, mtime: int) -> str:
    return sha256(path.read_bytes())


def files_digest(paths: Sequence[Path]) -> str:
    """The digest of some files' bytes (each read once per process while unchanged)."""
    h = hashlib.sha256()
    for path in paths:
        info = path.stat()
        h.update(_file_digest(path, info.st_size, info.st_mtime_ns).encode())
    return h.hexdigest()


def _data(value: Any) -> Any:
    if isinstance(value, Table):
        return [list(value.categories),
                [[s.name, [str(v) for v in s.values]] for s in value.series]]
    if isinstance(value, ImageFile):
        return sha256(value.data)
    return None


def spec_digest(loaded: LoadedSpec, brand_files: str) -> str:
    """What every edition of a spec shares: the code, the spec's text, its figures' data
    and the brand (*brand_files*, from :func:`files_digest`)."""
    material = {"code": code_digest(), "spec": loaded.source, "brand": brand_files,
                "data": [[fid, _data(d)] for fid, d in loaded.data]}
    return sha256(json.dumps(material, sort_keys=True, ensure_ascii=True).encode("ascii"))


def edition_digest(common: str, edition: Edition | None, profile: str) -> str:
    """The inputs digest of one PDF: the shared digest, the edition's row, the paper."""
    row = list(edition.values) if edition is not None else None
    blob = json.dumps([common, row, profile], ensure_ascii=True).encode("ascii")
    return sha256(blob)

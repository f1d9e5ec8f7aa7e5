"""Files a spec names: confined to the project, regular, small, and of a known type.

``spec/files.py`` is tested directly; each refusal's message is checked exactly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from briefpress.spec.files import FileRefused, read_inside, resolve_inside


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """project/briefings/data/ok.csv, and a secret file outside the project."""
    data = tmp_path / "project" / "briefings" / "data"
    data.mkdir(parents=True)
    (data / "ok.csv").write_text("label,value\na,1\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("password,hunter2\n", encoding="utf-8")
    return tmp_path / "project"


def _briefings(tree: Path) -> Path:
    return tree / "briefings"


def _link_out(tree: Path) -> None:
    (_briefings(tree) / "data" / "link.csv").symlink_to(tree.parent / "secret.csv")


def _link_dir_out(tree: Path) -> None:
    (_briefings(tree) / "data" / "up").symlink_to(tree.parent)


def _fifo(tree: Path) -> None:
    os.mkfifo(_briefings(tree) / "data" / "pipe.csv")


def _loop(tree: Path) -> None:
    (_briefings(tree) / "data" / "loop.csv").symlink_to("loop.csv")


def _nothing(tree: Path) -> None:
    return None


REFUSED: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("absolute", _nothing, "/etc/passwd",
     "'/etc/passwd' is an absolute path; give a path relative to the spec"),
    ("windows drive", _nothing, "C:\\data\\x.csv",
     "'C:\\data\\x.csv' is an absolute path; give a path relative to the spec"),
    ("home", _nothing, "~/x.csv",
     "'~/x.csv' is an absolute path; give a path relative to the spec"),
    ("dot-dot", _nothing, "../../secret.csv",
     "'../../secret.csv' leads outside the project; keep data files beside the spec "
     "(for example in briefings/data/)"),
    ("backslash dot-dot", _nothing, "data\\..\\..\\..\\secret.csv",
     "'data\\..\\..\\..\\secret.csv' leads outside the project; keep data files beside the spec "
     "(for example in briefings/data/)"),
    ("symlink out", _link_out, "data/link.csv",
     "'data/link.csv' leads outside the project; keep data files beside the spec "
     "(for example in briefings/data/)"),
    ("symlinked folder out", _link_dir_out, "data/up/secret.csv",
     "'data/up/secret.csv' leads outside the project; keep data files beside the spec "
     "(for example in briefings/data/)"),
    ("fifo", _fifo, "data/pipe.csv", "'data/pipe.csv' is not a regular file"),
    ("directory", _nothing, "data", "'data' is not a regular file"),
    ("missing", _nothing, "data/nope.csv", "file 'data/nope.csv' not found"),
    ("misspelt", _nothing, "data/okk.csv",
     "file 'data/okk.csv' not found; did you mean 'data/ok.csv'?"),
    ("empty", _nothing, "  ", "the path is empty"),
    ("dot", _nothing, ".", "'.' is not a regular file"),
    ("nul byte", _nothing, "data/ok.csv\0.png", "the path contains a control character"),
    ("url", _nothing, "https://example.com/x.csv",
     "'https://example.com/x.csv' is a URL; nothing is downloaded: save the file beside the spec "
     "(for example in briefings/data/) and name it here"),
    ("file url", _nothing, "file:///etc/passwd",
     "'file:///etc/passwd' is a URL; nothing is downloaded: save the file beside the spec "
     "(for example in briefings/data/) and name it here"),
    ("symlink loop", _loop, "data/loop.csv",
     "'data/loop.csv' cannot be resolved (a symlink loop?)"),
]


@pytest.mark.parametrize(("make", "reference", "message"), [r[1:] for r in REFUSED],
                         ids=[r[0] for r in REFUSED])
def test_refused(tree: Path, make: Callable[[Path], None], reference: str, message: str) -> None:
    make(tree)
    with pytest.raises(FileRefused) as caught:
        resolve_inside(_briefings(tree), reference, [_briefings(tree)])
    assert str(caught.value) == message


def test_fifo_never_hangs(tree: Path) -> None:
    """Even read directly, a FIFO is refused at once (the open is non-blocking)."""
    _fifo(tree)
    result: list[BaseException | bytes] = []

    def attempt() -> None:
        try:
            result.append(read_inside(_briefings(tree), "data/pipe.csv", [_briefings(tree)]))
        except FileRefused as exc:
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert [str(r) for r in result] == ["'data/pipe.csv' is not a regular file"]


def test_inside_is_read(tree: Path) -> None:
    assert read_inside(_briefings(tree), "data/ok.csv", [_briefings(tree)]) == (
        b"label,value\na,1\n")
    inner = _briefings(tree) / "data" / "inner.csv"
    inner.symlink_to("ok.csv")  # a link that stays inside is fine
    assert resolve_inside(_briefings(tree), "data/inner.csv", [_briefings(tree)]) == (
        (_briefings(tree) / "data" / "ok.csv").resolve())


def test_oversize_refused(tree: Path) -> None:
    big = _briefings(tree) / "data" / "big.csv"
    big.write_bytes(b"a,1\n" * 300)
    with pytest.raises(FileRefused) as caught:
        read_inside(_briefings(tree), "data/big.csv", [_briefings(tree)], limit=1000)
    assert str(caught.value) == "file is 1,200 bytes; the limit is 1,000 ('data/big.csv')"


def test_only_documented_formats(tree: Path) -> None:
    (_briefings(tree) / "data" / "x.xlsx").write_bytes(b"PK")
    with pytest.raises(FileRefused) as caught:
        read_inside(_briefings(tree), "data/x.xlsx", [_briefings(tree)], suffixes=(".csv",))
    assert str(caught.value) == "'data/x.xlsx' is not a .csv file"
    assert read_inside(_briefings(tree), "data/ok.csv",
                       [_briefings(tree)], suffixes=(".CSV",)).startswith(b"label")


def test_final_symlink_swapped_in_is_not_followed(tree: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    """A link swapped in between the check and the open is refused, not followed."""
    import briefpress.spec.files as files

    target = _briefings(tree) / "data" / "swap.csv"
    target.write_text("fine\n", encoding="utf-8")
    real = files.resolve_inside

    def resolve_then_swap(*args: object, **kwargs: object) -> Path:
        path = real(*args, **kwargs)  # type: ignore[arg-type]
        target.unlink()
        target.symlink_to(tree.parent / "secret.csv")
        return path

    monkeypatch.setattr(files, "resolve_inside", resolve_then_swap)
    with pytest.raises(FileRefused) as caught:
        read_inside(_briefings(tree), "data/swap.csv", [_briefings(tree)])
    assert str(caught.value).startswith("cannot open: ")
    assert str(caught.value).endswith("('data/swap.csv')")

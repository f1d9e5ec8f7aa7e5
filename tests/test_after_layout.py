"""The after-layout check stops a wrong layout before it is written.

Each test breaks the layout on purpose (a paragraph not drawn, drawn off the page, a
record of a box with nothing in it, a bookmark on the wrong page) and expects a located
build error, exit 1 and no PDF; with the check switched off, each of these would pass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefpress.brand import load_brand
from briefpress.build import Project, check
from briefpress.errors import BuildError
from briefpress.finish import verify
from briefpress.pages import Anchor, Drawn, Layout, render_pdf
from briefpress.plan import Plan, make_plan
from briefpress.profile import screen
from briefpress.story import flow, make_story
from conftest import MINIMAL, REPO, write_spec

Cli = Callable[..., tuple[int, str, str]]
SENTINEL = "Sentinel paragraph that the broken layout mishandles."
SPEC = MINIMAL + f"""\
sections:
  - heading: A section
    blocks:
      - An ordinary paragraph before it.
      - {SENTINEL}
      - An ordinary paragraph after it.
"""


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Any], None]], None]:
    """Replace how the sentinel paragraph is drawn; every other paragraph draws as usual."""
    def install(draw: Callable[[Any], None]) -> None:
        original = flow.Para.draw

        def patched(self: Any) -> None:
            if SENTINEL[:20] in self.getPlainText():
                draw(self)
            else:
                original(self)
        monkeypatch.setattr(flow.Para, "draw", patched)
    return install


def _build_fails(project: Path, cli: Cli, expected: str) -> None:
    spec = write_spec(project, "broken", SPEC)
    code, out, err = cli("--project", str(project), "build", str(spec))
    assert code == 1, out + err
    assert "after layout:" in err and expected in err, err
    assert not (project / "output" / "broken.pdf").exists()


def test_a_paragraph_left_undrawn_is_caught(project: Path, cli: Cli, broken: Any) -> None:
    broken(lambda self: None)
    _build_fails(project, cli, "text missing or changed: 'Sentinel paragraph")


def test_a_paragraph_drawn_off_the_page_is_caught(project: Path, cli: Cli, broken: Any) -> None:
    original = flow.Para.draw

    def off_page(self: Any) -> None:
        self.canv.translate(-200, 0)
        original(self)
    broken(off_page)
    _build_fails(project, cli, "is drawn outside the margins")


def test_a_paragraph_drawn_untagged_is_caught(project: Path, cli: Cli, broken: Any) -> None:
    from reportlab.platypus import Paragraph

    broken(lambda self: Paragraph.draw(self))
    _build_fails(project, cli, "neither tagged content nor an artifact")


def test_a_paragraph_drawn_as_an_artifact_is_caught(project: Path, cli: Cli,
                                                    broken: Any) -> None:
    from reportlab.platypus import Paragraph

    def hidden(self: Any) -> None:
        self.canv.begin_artifact("Layout")
        Paragraph.draw(self)
        self.canv.end_artifact()
    broken(hidden)
    _build_fails(project, cli, "text missing or changed: 'Sentinel paragraph")


@dataclasses.dataclass
class Laid:
    layout: Layout
    plan: Plan
    pdf: bytes


@pytest.fixture(scope="module")
def laid() -> Iterator[Laid]:
    """call-for-action laid out and finished once, for tampering with its record."""
    from briefpress.build import make_pdf
    from briefpress.finish import finish

    project = Project(REPO)
    brand = load_brand(REPO / "assets")
    loaded = check(REPO / "briefings" / "call-for-action.yaml", project, brand)
    profile = screen(brand.base_size)
    b = loaded.briefing
    plan = make_plan(b, brand, {f.id: loaded.data_for(f.id) for f in b.figures})
    from briefpress.build import _visual, geometry

    visuals = {f.id: _visual(f, loaded, brand, None, geometry(profile)) for f in b.figures}
    layout = render_pdf(make_story(plan, brand, profile, visuals), "x.yaml")
    pdf = finish(layout, plan, profile, "x.yaml")
    assert make_pdf(loaded, brand, "x.yaml") == pdf
    yield Laid(layout, plan, pdf)


def _check(laid: Laid, **changes: Any) -> None:
    verify(laid.pdf, dataclasses.replace(laid.layout, **changes), laid.plan,
           screen(), "x.yaml")


def test_the_untouched_record_passes(laid: Laid) -> None:
    _check(laid)


def test_a_box_recorded_where_its_text_is_not_is_caught(laid: Laid) -> None:
    box = laid.layout.boxes[0]
    moved = dataclasses.replace(box, rect=(box.rect[0], 60.0, box.rect[2], 70.0))
    with pytest.raises(BuildError, match="a box or rule is drawn without its text"):
        _check(laid, boxes=(moved, *laid.layout.boxes[1:]))
    with pytest.raises(BuildError, match="a box or rule is drawn without its text"):
        _check(laid, boxes=(Drawn(box.page, box.rect, ()),))


def test_a_destination_on_the_wrong_page_is_caught(laid: Laid) -> None:
    anchors = list(laid.layout.anchors)
    later = next(i for i, a in enumerate(anchors) if a.page > 0)
    anchors[later] = Anchor(anchors[later].name, 0, anchors[later].top, anchors[later].node)
    with pytest.raises(BuildError, match="is on page 1 but its text starts on page"):
        _check(laid, anchors=tuple(anchors))


def test_a_bookmark_without_its_destination_is_caught(laid: Laid) -> None:
    bookmark = laid.layout.outline[-1]
    wrong = dataclasses.replace(bookmark, page=bookmark.page + 1)
    with pytest.raises(BuildError, match="does not land on its heading"):
        _check(laid, outline=(*laid.layout.outline[:-1], wrong))


def test_a_page_count_that_disagrees_is_caught(laid: Laid) -> None:
    with pytest.raises(BuildError, match="pages read back"):
        _check(laid, pages=laid.layout.pages + 1)


def test_an_unreadable_pdf_is_a_build_error(laid: Laid) -> None:
    with pytest.raises(BuildError, match="could not be read back"):
        verify(b"%PDF-1.7 not really", laid.layout, laid.plan, screen(), "x.yaml")

"""The JSON Schema as an author meets it: through yaml-language-server, as in an editor.

The server runs over stdio from ``tests/editor`` (installed with ``npm ci --prefix
tests/editor``), offline, and reads the committed ``docs/briefing.schema.json``
through each spec's first line, exactly as an author's editor does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefpress.spec.blocks import BLOCK_MODELS
from briefpress.spec.figures import FIGURE_MODELS
from conftest import REPO
from lsp import LanguageServer, Message

BRIEFINGS = REPO / "briefings"
HEAD = """\
# yaml-language-server: $schema=../docs/briefing.schema.json
title: T
date: 2024-01-01
authors: [A]
summary: S
findings: [F]
"""
CLASS_NAME = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$")  # BarFigure, ParagraphBlock


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    running = LanguageServer(REPO)
    yield running
    running.close()


def _doc(name: str) -> Path:
    """Where a test document is said to be: beside the real briefings, so the first line's
    relative schema path resolves as it does for them (nothing is written there)."""
    return BRIEFINGS / f"editor-check-{name}.yaml"


def _documentation(item: Message) -> str:
    doc = item.get("documentation") or ""
    return str(doc.get("value", "") if isinstance(doc, dict) else doc)


def _check_items(items: list[Message]) -> None:
    """What completion offers: no null inserted, no class names, a description for each."""
    assert items
    for item in items:
        assert "null" not in str(item.get("insertText", "")), item
        assert not CLASS_NAME.match(item["label"]), item["label"]
        assert _documentation(item).strip(), f"no description for '{item['label']}'"


@pytest.mark.parametrize("spec", sorted(BRIEFINGS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_briefing_is_clean_in_the_editor(server: LanguageServer, spec: Path) -> None:
    assert server.open(spec, spec.read_text(encoding="utf-8")) == []


def test_top_level_completion_offers_keys_not_nulls(server: LanguageServer) -> None:
    doc = _doc("top")
    server.open(doc, HEAD + "\n")
    items = server.complete(doc, HEAD.count("\n"), 0)
    labels = {i["label"] for i in items}
    assert {"subtitle", "embargo", "sections", "figures", "contacts"} <= labels
    _check_items(items)


@pytest.mark.parametrize("kind", sorted(FIGURE_MODELS))
def test_every_figure_key_is_described(server: LanguageServer, kind: str) -> None:
    text = HEAD + f"figures:\n  - id: a\n    kind: {kind}\n    \n"
    doc = _doc(f"figure-{kind}")
    server.open(doc, text)
    items = server.complete(doc, text.count("\n") - 1, 4)
    keys = {i["label"] for i in items if i.get("kind") != 7}  # 7: a whole-object snippet
    assert set(FIGURE_MODELS[kind].model_fields) - {"kind", "id"} <= keys  # those are given
    _check_items(items)


def test_block_completion_offers_every_kind(server: LanguageServer) -> None:
    text = HEAD + "sections:\n  - heading: H\n    blocks:\n      - \n"
    doc = _doc("blocks")
    server.open(doc, text)
    items = server.complete(doc, text.count("\n") - 1, 8)
    assert [i["label"] for i in items] == list(BLOCK_MODELS)
    _check_items(items)


def test_a_misspelt_block_kind_lists_the_kinds(server: LanguageServer) -> None:
    text = HEAD + "sections:\n  - heading: H\n    blocks:\n      - questoins: [Why?]\n"
    problems = server.open(_doc("misspelt-block"), text)
    kinds = ", ".join(f'"{k}"' for k in BLOCK_MODELS)
    assert [(p["range"]["start"], p["message"]) for p in problems] == [
        ({"line": text.count("\n") - 1, "character": 8},
         f"Value is not accepted. Valid values: {kinds}.")]


def test_a_misspelt_figure_kind_lists_the_kinds(server: LanguageServer) -> None:
    text = (HEAD + "sections:\n  - heading: H\n    blocks: [{figure: a}]\n"
            "figures:\n  - {id: a, kind: barr, title: T, source: S, data: {A: 1}}\n")
    problems = server.open(_doc("misspelt-figure"), text)
    kinds = ", ".join(f'"{k}"' for k in FIGURE_MODELS)
    assert [p["message"] for p in problems] == [f"Value is not accepted. Valid values: {kinds}."]


def test_the_starter_spec_is_clean_in_the_editor(server: LanguageServer) -> None:
    from datetime import date

    from briefpress.spec.starter import starter

    assert server.open(_doc("starter"), starter("x", date(2024, 3, 1))) == []

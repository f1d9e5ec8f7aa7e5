"""Generated and mutated specs: every outcome is a PDF or a clean SpecError/BuildError.

Nothing else may escape (no KeyError, RecursionError or reportlab LayoutError),
each example must finish within the deadline, and memory must stay bounded.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import tracemalloc
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpress.brand import Brand, load_brand
from briefpress.build import Project, build_one
from briefpress.errors import BuildError, SpecError
from briefpress.source.yamlload import parse_text
from conftest import REPO

SEED = """\
title: Call for action
subtitle: Two years on
series: Briefing paper
number: 12
date: 2014-11-21
authors: [Digital-Trust, Harry Fletcher]
summary:
  - One **bold** paragraph with a [link](https://example.org).
  - As @fig:by-area shows, it varies.
findings:
  - A finding.
  - text: Another, resting on a figure.
    figure: by-area
sections:
  - heading: Prosecutions vary
    blocks:
      - A bare paragraph.
      - bullets: [First point, Second point]
      - quote: {text: Words said., by: Someone, role: Director}
      - figure: by-area
recommendations:
  - text: Publish the outcomes.
    to: Ministry of Justice
figures:
  - id: by-area
    kind: bar
    title: Greater Manchester brought more
    data: {Greater Manchester: 50, Merseyside: 10, "2019": 3.5}
    source: Parliamentary answers, 2014
    alt: Bar chart.
sources: [Answers, 2014.]
contacts:
  - {name: Harry Fletcher, role: Director, email: harry@example.org, phone: "0100"}
"""

NASTY = ["&a ", "*a", "!!python/object:os.system ", "!foo ", "<<: ", "\t", "{", "}", "[", "]",
         "\"", "'", ": ", "- ", "? ", "---\n", "...", "#", "|", ">", "NO", "010", "1:30",
         ".nan", "-.inf", "1e400", "2,103", "12%", "😀", "שלום", "ŵ", "\u202e", "\x00", "\x07",
         "\ufeff", "<b>", "</para>", "&amp;", "**", "*", "\\", "@fig:", "@fig:nope",
         "[x](javascript:y)", "x" * 3000, "word " * 400, "~", "null", "\n", "\n  ", "    "]

GROWTH_LIMIT = 200 * 1024 * 1024
"""How far one generated spec may raise the process's peak memory. The peak is the whole
test run's (other tests build large specs first), so a spec is measured by how much it
raises it, not by the peak itself."""


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
FAST = settings(max_examples=150, deadline=timedelta(seconds=2), database=None,
                suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(max_examples=30, deadline=timedelta(seconds=30), database=None,
                  suppress_health_check=[HealthCheck.too_slow,
                                         HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The seed spec with a few random edits: nasty tokens inserted, spans cut, lines moved."""
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "insert", "cut", "line"]))
        if action == "insert":
            token = draw(st.sampled_from(NASTY) | st.text(max_size=8))
            text = text[:pos] + token + text[pos:]
        elif action == "cut":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        else:
            lines = text.splitlines(keepends=True)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines[i])
            text = "".join(lines)
    return text


texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)
generated = st.fixed_dictionaries(
    {"title": texts, "date": st.dates().map(str) | texts, "authors": st.lists(texts, max_size=3),
     "summary": texts | st.lists(texts, max_size=3), "findings": st.lists(texts, max_size=4)},
    optional={"number": texts | st.integers(), "subtitle": texts,
              "recommendations": st.lists(texts | st.fixed_dictionaries(
                  {"text": texts}, optional={"to": texts}), max_size=3),
              "sections": st.lists(st.fixed_dictionaries(
                  {"heading": texts, "blocks": st.lists(texts | st.fixed_dictionaries(
                      {"bullets": st.lists(texts, min_size=1, max_size=3)}), max_size=3)}),
                  max_size=2),
              "sources": st.lists(texts, max_size=2)},
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, Brand]]:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "assets", root / "assets")
    (root / "briefings").mkdir()
    project = Project(root)
    yield project, load_brand(project.assets)


def _build(text: str, world: tuple[Project, Brand]) -> None:
    project, brand = world
    spec = project.briefings / "fuzz.yaml"
    spec.write_text(text, encoding="utf-8", errors="surrogatepass")
    with tempfile.TemporaryDirectory() as out:
        outcomes = build_one(spec, brand, Path(out), project)
        written = sorted(p.name for p in Path(out).iterdir())
    assert sorted(o.output.name for o in outcomes if o.output is not None) == written
    for outcome in outcomes:
        if outcome.error is not None:
            assert isinstance(outcome.error, SpecError | BuildError)
            assert str(outcome.error)


@FAST
@given(st.one_of(mutated(), st.text(max_size=400), st.binary(max_size=400).map(
    lambda b: b.decode("utf-8", "replace"))))
def test_loader_gives_data_or_a_clean_error(text: str) -> None:
    tracemalloc.start()
    try:
        try:
            doc = parse_text(text, "fuzz.yaml")
        except SpecError as exc:
            assert all(str(p).startswith("fuzz.yaml") for p in exc.problems)
        else:
            assert _only_plain(doc.data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def _only_plain(value: Any) -> bool:
    """The loader builds nothing but dicts, lists, strings and None."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_plain(v) for v in value)
    return value is None or isinstance(value, str)


@BUILDS
@given(mutated())
def test_mutated_specs_build_or_fail_cleanly(world: tuple[Project, Brand], text: str) -> None:
    before = _peak()
    _build(text, world)
    assert _peak() - before < GROWTH_LIMIT


@BUILDS
@given(generated)
def test_generated_specs_build_or_fail_cleanly(world: tuple[Project, Brand],
                                               data: dict[str, Any]) -> None:
    before = _peak()
    _build(yaml.safe_dump(data, allow_unicode=True), world)
    assert _peak() - before < GROWTH_LIMIT


def test_seed_builds(world: tuple[Project, Brand]) -> None:
    """The mutations start from a spec that is valid, so they probe near the edge."""
    project, brand = world
    spec = project.briefings / "seed.yaml"
    spec.write_text(SEED, encoding="utf-8")
    with tempfile.TemporaryDirectory() as out:
        assert [o.error for o in build_one(spec, brand, Path(out), project)] == [None]

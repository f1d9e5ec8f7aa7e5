"""Getting started: `briefpress new`, `briefpress schema`, and the generated docs kept fresh."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from briefpress.spec.schema import REGENERATE, reference_markdown, schema_text
from conftest import REPO, pdf_text

Cli = Callable[..., tuple[int, str, str]]
SCHEMA_FILE = REPO / "docs" / "briefing.schema.json"
REFERENCE_FILE = REPO / "docs" / "spec-reference.md"


class StringDates(yaml.SafeLoader):
    """PyYAML's safe loader without the timestamp resolver, so dates stay strings."""


StringDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=StringDates)


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def test_new_writes_a_starter_that_builds(project: Path, cli: Cli,
                                          validator: Draft7Validator) -> None:
    code, _, err = cli("--project", str(project), "new", "x")
    assert code == 0, err
    spec = project / "briefings" / "x.yaml"
    assert spec.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../docs/briefing.schema.json\n")
    assert list(validator.iter_errors(_load(spec))) == []
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert code == 0, err
    assert err == ""  # no warnings either
    text = pdf_text(project / "output" / "x.pdf")
    assert "X" in text and "DRAFT" in text and "2,103" in text


def test_new_refuses_to_overwrite(project: Path, cli: Cli) -> None:
    spec = project / "briefings" / "mine.yaml"
    spec.write_text("title: keep me\n", encoding="utf-8")
    code, _, err = cli("--project", str(project), "new", "mine")
    assert code == 1
    assert "already exists" in err
    assert spec.read_text(encoding="utf-8") == "title: keep me\n"


@pytest.mark.parametrize("name", ["../escape", "Has Space", "UPPER", "a--b", "", "x" * 61])
def test_new_refuses_a_bad_name(project: Path, cli: Cli, name: str) -> None:
    code, _, err = cli("--project", str(project), "new", name)
    assert code == 2
    assert "error:" in err
    assert list((project / "briefings").iterdir()) == []


def test_schema_command_prints_draft_07(cli: Cli) -> None:
    code, out, _ = cli("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in out and "prefixItems" not in out
    assert "definitions" in schema


@pytest.mark.parametrize("spec", sorted((REPO / "briefings").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_schema_validates_every_example(validator: Draft7Validator, spec: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(spec))]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects(validator: Draft7Validator) -> None:
    spec = _load(REPO / "briefings" / "ten-questions.yaml")
    spec["sections"][0]["blocks"].append({"questoins": ["Misspelt block?"]})
    spec["status"] = "drafty"
    spec["titel"] = "typo"
    assert len(list(validator.iter_errors(spec))) == 3


def test_committed_schema_and_reference_are_current() -> None:
    hint = f"docs/ is stale; regenerate it with: {REGENERATE}"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), hint
    assert REFERENCE_FILE.read_text(encoding="utf-8") == reference_markdown(), hint


def test_reference_documents_every_block(cli: Cli) -> None:
    from briefpress.spec.blocks import BLOCK_MODELS

    code, out, _ = cli("schema", "--markdown")
    assert code == 0
    blocks = out.split("\n## Block\n", 1)[1].split("\n## ", 1)[0]
    for kind, model in BLOCK_MODELS.items():
        assert f"| `{kind}` |" in blocks
        assert " ".join((model.__doc__ or "").split()).replace("``", "`") in blocks
    assert "`embargo`" in out and "`notes_to_editors`" in out


def test_reference_names_models_as_authors_know_them(cli: Cli) -> None:
    code, out, _ = cli("schema", "--markdown")
    assert code == 0
    headings = [line[3:] for line in out.splitlines() if line.startswith("## ")]
    assert "Bar chart" in headings and "Case study" in headings and "CSV data" in headings
    assert [h for h in headings if re.search(r"[a-z][A-Z]", h)] == []  # no class names


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object in a JSON Schema that declares or describes a value (conditions,
    such as an ``if`` testing a figure's kind, are not keys an author writes)."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "definitions"):
                for child in value.values():
                    yield from _schemas(child)
            elif key not in ("enum", "const", "required", "default", "if", "propertyNames"):
                yield from _schemas(value)
    elif isinstance(node, list):
        for child in node:
            yield from _schemas(child)


def test_schema_is_an_editors_friend() -> None:
    """No null to complete, human titles only, and every key described."""
    from briefpress.spec.blocks import BLOCK_MODELS
    from briefpress.spec.figures import FIGURE_MODELS

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    nodes = list(_schemas(schema))
    assert [n for n in nodes if "default" in n and n["default"] is None] == []
    classes = {m.__name__ for m in [*BLOCK_MODELS.values(), *FIGURE_MODELS.values()]}
    titles = {str(n["title"]) for n in nodes if "title" in n}
    assert titles & classes == set()
    assert [t for t in titles if re.search(r"[a-z][A-Z]", t)] == []
    undescribed = [key for n in nodes for key, prop in n.get("properties", {}).items()
                   if not prop.get("description")]
    assert undescribed == []

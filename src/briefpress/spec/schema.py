"""The spec's JSON Schema and Markdown reference, both generated from the models.

The models are the one declaration of what a spec may say; editors get the
schema (draft-07, which the YAML language server understands) and authors get
``docs/spec-reference.md``, so neither can drift from what the loader accepts.
A test compares the committed files with these functions' output.
"""

from __future__ import annotations

import json
from typing import Any

from briefpress.spec.model import Briefing

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
REGENERATE = ("briefpress schema > docs/briefing.schema.json && "
              "briefpress schema --markdown > docs/spec-reference.md")
_DEFS = "#/definitions/"


def json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a spec file."""
    raw = Briefing.model_json_schema(ref_template=_DEFS + "{model}")
    defs = raw.pop("$defs", {})
    schema = {"$schema": DRAFT_07, "title": "briefpress briefing spec", **raw,
              "definitions": dict(sorted(defs.items()))}
    return schema


def schema_text() -> str:
    """The schema as the committed ``docs/briefing.schema.json`` holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _type(node: dict[str, Any]) -> str:
    """A field's type in words: 'text', 'list of [Quote](#quote)', ''a' or 'b''."""
    if "$ref" in node:
        name = node["$ref"].removeprefix(_DEFS)
        return f"[{name}](#{name.lower()})"
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return " or ".join(f"`{v}`" for v in node["enum"])
    if "anyOf" in node or "oneOf" in node:
        parts = [_type(n) for n in node.get("anyOf", node.get("oneOf", []))
                 if n.get("type") != "null"]
        return " or ".join(dict.fromkeys(parts))
    kind = node.get("type")
    if kind == "array":
        return "list of " + _type(node.get("items", {}))
    if kind == "object":
        return "mapping of label: number" if "additionalProperties" in node else "mapping"
    if isinstance(kind, list):
        return " or ".join(_WORDS.get(str(k), str(k)) for k in kind if k != "null")
    if node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if "pattern" in node and kind == "string" and "\\d{2}:" in node["pattern"]:
        return "date and time (YYYY-MM-DD HH:MM)"
    return _WORDS.get(str(kind), str(kind))


_WORDS = {"string": "text", "number": "number", "boolean": "true or false", "None": "any"}


def _section(name: str, node: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", ""]
    if node.get("description"):
        lines += [" ".join(node["description"].split()).replace("``", "`"), ""]
    props: dict[str, Any] = node.get("properties", {})
    if props:
        required = set(node.get("required", []))
        lines += ["| Key | Type | Required | Description |", "|---|---|---|---|"]
        for key, prop in props.items():
            desc = " ".join(str(prop.get("description", "")).split()).replace("|", "\\|")
            kind = _type(prop).replace("|", "\\|")
            lines.append(f"| `{key}` | {kind} | {'yes' if key in required else ''} | {desc} |")
        lines.append("")
    return lines


def reference_markdown() -> str:
    """``docs/spec-reference.md``: every model, its docstring and its keys."""
    schema = json_schema()
    lines = ["# Briefing spec reference", "",
             "Generated from the spec models; do not edit by hand. Regenerate with:", "",
             "```sh", REGENERATE, "```", "",
             "A spec file is YAML. Start it with this line so that editors check it as you type:",
             "", "```yaml", "# yaml-language-server: $schema=../docs/briefing.schema.json",
             "```", "",
             "In `blocks:`, each block is a one-key mapping naming its kind (`- quote: {...}`), "
             "or a bare string, which is a paragraph.", ""]
    lines += _section("Briefing (the top level)", schema)
    for name, node in schema["definitions"].items():
        lines += _section(name, node)
    return "\n".join(lines).rstrip() + "\n"

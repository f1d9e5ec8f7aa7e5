"""The spec's JSON Schema and Markdown reference, both generated from the models.

The models are the one declaration of what a spec may say; editors get the
schema (draft-07, which the YAML language server understands) and authors get
``docs/spec-reference.md``, so neither can drift from what the loader accepts.
A test compares the committed files with these functions' output.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from briefpress.spec.model import Briefing

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
REGENERATE = ("briefpress schema > docs/briefing.schema.json && "
              "briefpress schema --markdown > docs/spec-reference.md")
_DEFS = "#/definitions/"
BLOCK = "Block"
"""The definition that lists every kind of block, one key each."""


def title(model: type[BaseModel]) -> str:
    """A model's name as an author reads it in an editor's completion list.

    A title the model declares (``model_config``) wins; a figure kind is named as
    it is spoken ("Bar chart"); any other model by its class name in words.
    """
    declared = model.model_config.get("title")
    if declared:
        return str(declared)
    spoken = getattr(model, "SPOKEN", None)
    if isinstance(spoken, str) and spoken != "Chart":
        return spoken
    words = re.findall(r"[A-Z][a-z0-9]*", model.__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])])


class _EditorSchema(GenerateJsonSchema):
    """pydantic's generator, tuned for editors: no ``null`` defaults to complete, human
    titles on models, none on keys (their descriptions say what they are)."""

    def field_title_should_be_set(self, schema: CoreSchema) -> bool:
        return False

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        out = super().model_schema(schema)
        out["title"] = title(schema["cls"])
        if "description" in out:  # a docstring: one paragraph, Markdown code marks
            out["description"] = " ".join(out["description"].split()).replace("``", "`")
        return out

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        out = super().default_schema(schema)
        if out.get("default", ...) is None:
            del out["default"]
        return out


def json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a spec file."""
    raw = Briefing.model_json_schema(ref_template=_DEFS + "{model}",
                                     schema_generator=_EditorSchema)
    defs = raw.pop("$defs", {})
    _one_key_union(raw, defs)
    _tagged_union(raw, defs)
    schema = {"$schema": DRAFT_07, **raw, "title": "briefpress briefing spec",
              "definitions": dict(sorted(defs.items()))}
    return schema


def _one_key_models(node: dict[str, Any], defs: dict[str, Any]) -> list[str] | None:
    """The definitions an ``anyOf`` offers if, text aside, each is a mapping of one key."""
    names = []
    for alt in node.get("anyOf", []):
        if alt.get("type") == "string":
            continue
        name = str(alt.get("$ref", "")).removeprefix(_DEFS)
        target = defs.get(name, {})
        if len(target.get("properties", {})) != 1 or target.get("required") != list(
                target["properties"]):
            return None
        names.append(name)
    return names or None


def _one_key_union(schema: dict[str, Any], defs: dict[str, Any]) -> None:
    """Describe the blocks (text, or one of several one-key mappings) as one mapping whose
    key names the kind: an editor then completes the kinds and, for a misspelt kind,
    lists the kinds there are (where "anyOf" would only say "expected a string").
    Each kind is described by its block model's docstring."""
    for owner in [schema, *defs.values()]:
        for prop in owner.get("properties", {}).values():
            items = prop.get("items", {})
            names = _one_key_models(items, defs)
            if names is None:
                continue
            kinds: dict[str, Any] = {}
            for name in names:
                model = defs.pop(name)
                (key, value), = model["properties"].items()
                kinds[key] = {**value, "description": model.get("description")
                              or value.get("description", "")}
            defs[BLOCK] = {
                "title": "Block",
                "description": "A paragraph (text), or a mapping of one key that names the "
                               "kind of block: " + ", ".join(kinds) + ".",
                "if": {"type": "object"},
                "then": {"type": "object", "minProperties": 1, "maxProperties": 1,
                         "propertyNames": {"enum": list(kinds)}, "properties": kinds},
                "else": {"type": "string", "minLength": 1},
            }
            prop["items"] = {"$ref": _DEFS + BLOCK}


def schema_text() -> str:
    """The schema as the committed ``docs/briefing.schema.json`` holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _anchor(heading: str) -> str:
    """The link target Markdown renderers give a heading."""
    return re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")


def _tag(ref: dict[str, Any], defs: dict[str, Any]) -> tuple[str, Any] | None:
    """The one property a definition fixes to a constant (a figure's ``kind``), if any."""
    target = defs.get(str(ref.get("$ref", "")).removeprefix(_DEFS), {})
    fixed = [(key, prop["const"]) for key, prop in target.get("properties", {}).items()
             if "const" in prop]
    return fixed[0] if len(fixed) == 1 else None


def _tagged_union(schema: dict[str, Any], defs: dict[str, Any]) -> None:
    """Describe a union told apart by one key (a figure's ``kind``) as "the key is one of
    these; if it is this one, the rest is that": an editor then lists the kinds for a
    misspelt one, where "oneOf" names only the kind whose other keys fit best."""
    for owner in [schema, *defs.values()]:
        for prop in owner.get("properties", {}).values():
            refs = prop.get("items", {}).get("oneOf", [])
            tags = [_tag(ref, defs) for ref in refs]
            if not refs or None in tags or len({t[0] for t in tags if t}) != 1:
                continue
            key = tags[0][0] if tags[0] else ""
            first = defs[refs[0]["$ref"].removeprefix(_DEFS)]["properties"][key]
            prop["items"] = {
                "type": "object", "required": [key],
                "properties": {key: {"enum": [t[1] for t in tags if t],
                                     "description": first.get("description", "")}},
                "allOf": [{"if": {"properties": {key: {"const": t[1]}}, "required": [key]},
                           "then": ref} for t, ref in zip(tags, refs, strict=True) if t],
            }


def _type(node: dict[str, Any], titles: dict[str, str]) -> str:
    """A field's type in words: 'text', 'list of [Quote](#quote)', ''a' or 'b''."""
    if "$ref" in node:
        name = titles[node["$ref"].removeprefix(_DEFS)]
        return f"[{name}](#{_anchor(name)})"
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return " or ".join(f"`{v}`" for v in node["enum"])
    if "allOf" in node and all("then" in part for part in node["allOf"]):
        return " or ".join(_type(part["then"], titles) for part in node["allOf"])
    if "anyOf" in node or "oneOf" in node:
        parts = [_type(n, titles) for n in node.get("anyOf", node.get("oneOf", []))
                 if n.get("type") != "null"]
        return " or ".join(dict.fromkeys(parts))
    kind = node.get("type")
    if kind == "array":
        return "list of " + _type(node.get("items", {}), titles)
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


def _words(text: object) -> str:
    return " ".join(str(text).split()).replace("``", "`")


def _section(name: str, node: dict[str, Any], titles: dict[str, str]) -> list[str]:
    lines = [f"## {name}", ""]
    if node.get("description"):
        lines += [_words(node["description"]), ""]
    props: dict[str, Any] = node.get("properties") or node.get("then", {}).get("properties", {})
    if props:
        required = set(node.get("required", []))
        lines += ["| Key | Type | Required | Description |", "|---|---|---|---|"]
        for key, prop in props.items():
            desc = _words(prop.get("description", "")).replace("|", "\\|")
            kind = _type(prop, titles).replace("|", "\\|")
            lines.append(f"| `{key}` | {kind} | {'yes' if key in required else ''} | {desc} |")
        lines.append("")
    return lines


def reference_markdown() -> str:
    """``docs/spec-reference.md``: every model, its docstring and its keys, under the
    names an author knows them by (the schema's titles)."""
    schema = json_schema()
    defs: dict[str, Any] = schema["definitions"]
    titles = {name: str(node.get("title", name)) for name, node in defs.items()}
    lines = ["# Briefing spec reference", "",
             "Generated from the spec models; do not edit by hand. Regenerate with:", "",
             "```sh", REGENERATE, "```", "",
             "A spec file is YAML. Start it with this line so that editors check it as you type:",
             "", "```yaml", "# yaml-language-server: $schema=../docs/briefing.schema.json",
             "```", "",
             "In `blocks:`, each block is a one-key mapping naming its kind (`- quote: {...}`), "
             "or a bare string, which is a paragraph.", ""]
    lines += _section("Briefing (the top level)", schema, titles)
    for name in sorted(defs, key=lambda n: titles[n]):
        lines += _section(titles[name], defs[name], titles)
    return "\n".join(lines).rstrip() + "\n"

"""Turn pydantic's validation errors into located, helpful problems, for any file read.

pydantic reports a location as a tuple of keys, indices and union tags. Here
that tuple is walked against the parsed YAML so each problem gets the line and
column the author typed, a readable key path (``findings[2]``), a plain-English
message, and a "did you mean" suggestion for misspelt keys and kinds.

A spec, a brand file and a words file all go through this. What only one kind of
file knows (the spec's blocks and figures are unions chosen by a tag, and some of
its fields have their own wording) comes in as a :class:`Vocabulary`, so this
module knows no file's models.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefpress.errors import Problem, Severity
from briefpress.source.values import ValueErrorAt
from briefpress.source.yamlload import Document, PathKey, display_path

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class TaggedUnion:
    """Models chosen by a tag that pydantic puts in an error's location (``block:quote``)."""

    prefix: str
    models: Mapping[str, type[BaseModel]]
    keyed: bool
    """Whether the kind is written as the mapping's one key (``- quote: ...``) rather
    than as a value (``kind: bar``): then a key typed there is a kind, maybe misspelt."""


def _nothing(err: ErrorDetails, actual: Any) -> str | None:
    return None


@dataclass(frozen=True)
class Vocabulary:
    """What one kind of file's models tell its readers beyond pydantic's own errors."""

    unions: tuple[TaggedUnion, ...] = ()
    explain: Callable[[ErrorDetails, Any], str | None] = _nothing
    """Its own wording for an error (given the error and the value typed), or None."""


PLAIN = Vocabulary()


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of *choices* to *word*, if any is close enough to be a likely typo."""
    options = list(choices)
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in options}
        found = [lowered[word.lower()]] if word.lower() in lowered else []
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` or an empty string."""
    hit = suggest(word, choices)
    return f"; did you mean '{hit}'?" if hit else ""


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every model class reachable in a field annotation (through Annotated, tuple, Union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        args = args[:1]
    elif origin is None and not isinstance(annotation, types.UnionType):
        return out
    for arg in args:
        out += _models_in(arg)
    return out


def model_at(root: type[BaseModel], loc: Loc, words: Vocabulary = PLAIN
             ) -> type[BaseModel] | None:
    """The model class that validates the mapping at *loc* (tags choose union branches)."""
    current: list[type[BaseModel]] = [root]
    for part in loc:
        if isinstance(part, int):
            continue
        union = _union(part, words)
        if union is not None:
            current = [union.models[part[len(union.prefix):]]]
            continue
        nxt: list[type[BaseModel]] = []
        for model in current:
            field = model.model_fields.get(part)
            if field is not None:
                nxt += _models_in(field.annotation)
                for meta in field.metadata:
                    nxt += _models_in(meta)
        current = nxt
        if not current:
            return None
    return current[0] if len(current) == 1 else None


def _union(part: str | int, words: Vocabulary) -> TaggedUnion | None:
    """The union whose tag *part* is, if it is one."""
    if not isinstance(part, str):
        return None
    return next((u for u in words.unions if part.startswith(u.prefix)), None)


def locate(doc: Document, loc: Loc, words: Vocabulary = PLAIN) -> tuple[PathKey, bool]:
    """Map a pydantic loc to a path in the YAML document, and whether it names a key.

    Stops at the deepest part that exists in the document (a shorthand string
    stands for its ``text`` key). A list of ``{label, value}`` points written as a
    mapping is indexed by position; ``label`` then points at the key.
    """
    data: Any = doc.data
    path: list[str | int] = []
    parts = [p for p in loc if _union(p, words) is None]
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(data, dict) and isinstance(part, str) and part in data:  # noqa: SIM114
            path.append(part)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            path.append(part)
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, int) and 0 <= part < len(data):
            key = list(data)[part]
            path.append(key)
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if nxt == "label":
                return tuple(path), True
            data = data[key]
            if nxt == "value":
                i += 1
        else:
            break
        i += 1
    return tuple(path), False


def located(doc: Document, loc: Loc, message: str, severity: Severity = "error",
            words: Vocabulary = PLAIN) -> Problem:
    """A problem found after validation, placed at the value a model location came from."""
    path, _ = locate(doc, loc, words)
    mark = doc.mark(path)
    return Problem(doc.file, mark.line if mark else None, mark.column if mark else None,
                   display_path(path), message, severity)


def _value_at(doc: Document, path: PathKey) -> Any:
    data: Any = doc.data
    for part in path:
        data = data[part]  # the path came from walking this same data
    return data


def describe(value: Any) -> str:
    """A wrong value as a message names it: "a list", "text 'x'", "nothing"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"text '{value}'" if len(str(value)) < 60 else "text"


def _message(err: ErrorDetails, doc: Document, path: PathKey, root: type[BaseModel],
             words: Vocabulary) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    actual = _value_at(doc, path)
    own = words.explain(err, actual)
    if own is not None:
        return own
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = model_at(root, loc[:-1], words)
        allowed = list(model.model_fields) if model else []
        hint = did_you_mean(key, allowed)
        if not hint and allowed:
            hint = "; allowed keys: " + ", ".join(allowed)
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "string_type":
        return f"expected text, got {describe(actual)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {describe(actual)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {describe(actual)}"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(actual), options)
        return f"'{actual}' is not one of: {', '.join(options)}{hint}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "email":
            return f"'{actual}' is not an email address"
        return f"'{actual}' is not written in the expected form ({ctx.get('pattern')})"
    return str(err["msg"])


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel],
                  covered: Sequence[PathKey] = (), words: Vocabulary = PLAIN) -> list[Problem]:
    """One located problem per validation error, with redundant ones merged.

    Problems inside a *covered* path are left out: an earlier finding (a number
    split at its comma, say) already explains them better.
    """
    found: list[tuple[PathKey, Problem]] = []
    errors = exc.errors()
    locs = [_loc(e) for e in errors]
    texts = _colon_texts(doc, errors, locs, root, words)
    inner = {loc[:n] for loc in locs for n in range(len(loc))}
    for err, loc in zip(errors, locs, strict=True):
        if err["type"] == "too_short" and loc in inner:
            continue  # the items themselves are at fault; their errors say how
        path, is_key = locate(doc, loc, words)
        if any(path[: len(c)] == c for c in covered):
            continue
        if err["type"] == "extra_forbidden":
            is_key = True
            shown = path[:-1] if path and path[-1] == loc[-1] else path
        else:
            shown = path
        message = _message(err, doc, path, root, words)
        if shown in texts:
            if err["type"] == "missing":
                continue  # the "key" was text: nothing is missing but the quotes
            message = texts[shown]
        mark = doc.mark(path, key=is_key)
        found.append((path, Problem(
            doc.file, mark.line if mark else None, mark.column if mark else None,
            display_path(shown), message,
        )))
    return _merge_typos(found)


def _colon_texts(doc: Document, errors: list[ErrorDetails], locs: list[Loc],
                 root: type[BaseModel], words: Vocabulary) -> dict[PathKey, str]:
    """Mappings that were text with ': ' in it (``- Probation: still scarce``), by path.

    A one-key mapping typed on one line whose key is unknown and whose value is
    text was almost certainly meant as text when the key is not a likely typo of a
    known one, or reads as words (capitals or spaces: spec keys have neither); the
    message for it says so, in place of "unknown key".
    """
    out: dict[PathKey, str] = {}
    for err, loc in zip(errors, locs, strict=True):
        if err["type"] not in ("extra_forbidden", "union_tag_invalid"):
            continue
        path, _ = locate(doc, loc, words)
        owner = path[:-1] if err["type"] == "extra_forbidden" and path else path
        data = _value_at(doc, owner)
        if not isinstance(data, dict) or len(data) != 1:
            continue
        key, value = next(iter(data.items()))
        kmark, vmark = doc.keys.get((*owner, key)), doc.values.get((*owner, key))
        allowed = _allowed_keys(err, loc, root, words)
        looks_like_text = not suggest(key, allowed) or key[:1].isupper() or " " in key
        if isinstance(value, str) and kmark and vmark and kmark.line == vmark.line and (
                looks_like_text):
            typed = f"{key}: {value}"
            example = _quoted(typed) if len(typed) <= 80 and "\n" not in typed else '"..."'
            out[owner] = (f"text with ': ' in it was read as a key '{key}' and its value; put "
                          f"text that holds ': ' in double quotes: {example}")
    return out


def _allowed_keys(err: ErrorDetails, loc: Loc, root: type[BaseModel],
                  words: Vocabulary) -> list[str]:
    if err["type"] == "union_tag_invalid":
        union = _union(str((err.get("ctx") or {}).get("tag")), words)
        return list(union.models) if union is not None and union.keyed else []
    model = model_at(root, loc[:-1], words)
    return list(model.model_fields) if model else []


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _loc(err: ErrorDetails) -> Loc:
    """Where an error stands; a model check may name a part of the model (``rows[3]``)."""
    raised = (err.get("ctx") or {}).get("error")
    return tuple(err["loc"]) + (raised.where if isinstance(raised, ValueErrorAt) else ())


def _merge_typos(found: list[tuple[PathKey, Problem]]) -> list[Problem]:
    """Drop "missing 'source'" where the mapping has "unknown 'sorce'; did you mean 'source'"."""
    suggested = set()
    for _, p in found:
        m = re.search(r"did you mean '([^']+)'", p.message)
        if m and p.message.startswith("unknown key"):
            suggested.add((p.path, m.group(1)))
    out: dict[Problem, None] = {}  # ordered and without repeats, in time linear in the count
    for _, p in found:
        m = re.fullmatch(r"missing required key '([^']+)'", p.message)
        if m and (p.path, m.group(1)) in suggested:
            continue
        out.setdefault(p, None)
    return list(out)

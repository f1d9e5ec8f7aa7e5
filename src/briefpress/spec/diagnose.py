"""The spec's own words for its validation errors, on top of :mod:`briefpress.source.diagnose`.

Blocks and figures are unions chosen by a tag (``block:quote``, ``figure:bar``): the
generic reader is told where those tags are, so it can step through them to the
model that a misspelt key belongs to, and these messages say what kinds there are.
An id that is not a slug gets an example of one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefpress.errors import Problem, Severity
from briefpress.source import diagnose
from briefpress.source.diagnose import Loc, TaggedUnion, Vocabulary, describe, did_you_mean
from briefpress.source.yamlload import Document, PathKey
from briefpress.spec.blocks import BLOCK_MODELS
from briefpress.spec.blocks import TAG_PREFIX as BLOCK_TAG
from briefpress.spec.figures import FIGURE_MODELS
from briefpress.spec.figures import TAG_PREFIX as FIGURE_TAG
from briefpress.spec.types import SLUG_PATTERN


def _explain(err: ErrorDetails, actual: Any) -> str | None:
    """The spec's wording for an unknown or missing kind, and for an id that is no slug."""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _union_message(kind, ctx, actual)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
        loc = tuple(err["loc"])
        if not (loc and loc[-1] == "email"):
            return (f"'{actual}' is not a valid id; use lower-case letters, digits and single "
                    "hyphens, e.g. 'prosecutions-by-area'")
    return None


def _union_message(kind: str, ctx: dict[str, Any], actual: Any) -> str:
    tag = str(ctx.get("tag", ""))
    if "figure_kind" in str(ctx.get("discriminator", "")):
        kinds = list(FIGURE_MODELS)
        if kind == "union_tag_not_found":
            if not isinstance(actual, dict):
                return f"expected a figure (a mapping with id, kind, ...), got {describe(actual)}"
            return f"missing required key 'kind' (one of: {', '.join(kinds)})"
        got = tag.removeprefix(FIGURE_TAG)
        return f"unknown figure kind '{got}'{did_you_mean(got, kinds)} (kinds: {', '.join(kinds)})"
    kinds = list(BLOCK_MODELS)
    if kind == "union_tag_not_found":
        if isinstance(actual, dict) and len(actual) > 1:
            keys = ", ".join(f"'{k}'" for k in actual)
            return (f"a block has exactly one key naming its kind, found {keys}; "
                    "start a new '- ' item for each block")
        return (f"expected a paragraph (text) or a block such as '- quote: ...', got "
                f"{describe(actual)}; kinds: {', '.join(kinds)}")
    got = tag.removeprefix(BLOCK_TAG)
    return f"unknown block kind '{got}'{did_you_mean(got, kinds)} (kinds: {', '.join(kinds)})"


SPEC = Vocabulary(
    unions=(TaggedUnion(BLOCK_TAG, BLOCK_MODELS, keyed=True),
            TaggedUnion(FIGURE_TAG, FIGURE_MODELS, keyed=False)),
    explain=_explain,
)


def locate(doc: Document, loc: Loc) -> tuple[PathKey, bool]:
    """Where a spec model location stands in the YAML, and whether it names a key."""
    return diagnose.locate(doc, loc, SPEC)


def located(doc: Document, loc: Loc, message: str, severity: Severity = "error") -> Problem:
    """A problem found after validation, placed where the spec value came from."""
    return diagnose.located(doc, loc, message, severity, SPEC)


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel],
                  covered: Sequence[PathKey] = ()) -> list[Problem]:
    """One located problem per spec validation error, in the spec's words."""
    return diagnose.problems_from(exc, doc, root, covered, SPEC)

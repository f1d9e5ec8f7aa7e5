"""Figure specs: what a chart shows, declared once under ``figures:``.

Each kind is a model with a ``kind`` literal; the union is built from
:data:`FIGURE_MODELS`, so adding a kind is adding a model here and a drawing
function in ``charts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag

from briefpress.spec.types import Model, Number, PlainText, Slug

TAG_PREFIX = "figure:"


class DataPoint(Model):
    label: PlainText
    value: Number


def _points(value: Any) -> Any:
    """``{Greater Manchester: 50, ...}`` -> ``[{label, value}, ...]``, keeping order."""
    if isinstance(value, dict):
        return [{"label": k, "value": v} for k, v in value.items()]
    return value


Points = Annotated[
    tuple[DataPoint, ...],
    BeforeValidator(_points),
    Field(min_length=1),
]


class FigureBase(Model):
    kind: str
    id: Slug
    title: PlainText
    source: PlainText
    alt: PlainText | None = None
    notes: PlainText | None = None


class BarFigure(FigureBase):
    """One series of bars, one per category, in the order written."""

    kind: Literal["bar"]
    orientation: Literal["horizontal", "vertical"] = "horizontal"
    axis_label: PlainText | None = None
    data: Points


FIGURE_MODELS: dict[str, type[FigureBase]] = {
    "bar": BarFigure,
}


def figure_kind(value: Any) -> str | None:
    if isinstance(value, FigureBase):
        return TAG_PREFIX + value.kind
    if isinstance(value, dict) and isinstance(value.get("kind"), str):
        return TAG_PREFIX + str(value["kind"])
    return None


if TYPE_CHECKING:
    Figure = FigureBase
else:
    Figure = Annotated[
        Union[tuple(Annotated[m, Tag(TAG_PREFIX + k)] for k, m in FIGURE_MODELS.items())],  # noqa: UP007
        Discriminator(figure_kind),
    ]

"""Figure specs: what a chart shows, declared once under ``figures:``.

Each kind is a model with a ``kind`` literal; the union is built from
:data:`FIGURE_MODELS`, so adding a kind is adding a model here and a drawing
function in ``charts`` (``charts/draw.py: DRAWERS``).

Chart data is written inline (``data:``) or read from a CSV file (``csv:``);
either way the spec stage turns it into a typed :class:`briefpress.spec.data.Table`
before any later stage sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from briefpress.source.values import PlainText
from briefpress.spec.types import Model, Number, Slug

TAG_PREFIX = "figure:"
MAX_SERIES = 4
"""Series a chart may have: beyond this, greyscale steps and markers run out."""


class DataPoint(Model):
    label: PlainText
    value: Number


class DataRow(Model):
    """One category of a several-series chart: its label and one value per series."""

    label: PlainText
    values: tuple[Number, ...] = Field(min_length=1)


def _points(value: Any) -> Any:
    """``{Greater Manchester: 50, ...}`` -> ``[{label, value}, ...]``, keeping order."""
    if isinstance(value, dict):
        return [{"label": k, "value": v} for k, v in value.items()]
    return value


def _rows(value: Any) -> Any:
    """``{Greater Manchester: [50, 12], ...}`` -> ``[{label, values}, ...]``, keeping order."""
    if isinstance(value, dict):
        return [{"label": k, "values": v} for k, v in value.items()]
    return value


# Authors write data as a mapping of label to value(s); the model keeps ordered points.
# The JSON Schema (for editors) describes what authors write, so it is declared here.
Points = Annotated[
    tuple[DataPoint, ...], BeforeValidator(_points), Field(min_length=1),
    WithJsonSchema({"type": "object", "minProperties": 1,
                    "additionalProperties": {"type": "number"},
                    "description": "label: value, in the order to draw them"}),
]
Rows = Annotated[
    tuple[DataRow, ...], BeforeValidator(_rows), Field(min_length=1),
    WithJsonSchema({"type": "object", "minProperties": 1,
                    "additionalProperties": {"type": "array", "minItems": 1,
                                             "items": {"type": "number"}},
                    "description": "label: [one value per series], in the order to draw them"}),
]

Affix = Annotated[str, Field(min_length=1, max_length=20)]
"""Text printed before or after every value (``£``, ``%``, `` million``), exactly as typed."""

KIND = ("The kind of figure: bar, grouped-bar, stacked-bar, line, stat or image (see Charts in "
        "the README).")
PREFIX = "Printed before every value, exactly as typed, e.g. '£'."
SUFFIX = ("Printed after every value, exactly as typed, e.g. '%' or ' million' (quote it to "
          "keep a space).")


class CsvSource(Model):
    """Chart data from a CSV file beside the spec (path relative to the spec file).

    ``category`` names the column of category labels. Values come from one column
    (``value``), from several columns, one series each (``values``), or from one
    column split into series by another column (``value`` with ``series``).
    """

    model_config = ConfigDict(title="CSV data")

    file: PlainText = Field(description=(
        "The CSV file (UTF-8, header row first), relative to the spec file."))
    category: PlainText = Field(description="The column holding the category labels.")
    value: PlainText | None = Field(None, description="The column holding the values.")
    values: tuple[PlainText, ...] | None = Field(
        default=None, min_length=1, max_length=MAX_SERIES,
        description="Several columns, one series each (instead of 'value').")
    series: PlainText | None = Field(None, description=(
        "A column whose values split the 'value' column into series."))

    @model_validator(mode="after")
    def _one_way(self) -> CsvSource:
        if (self.value is None) == (self.values is None):
            raise ValueError("give either 'value' (one column) or 'values' (several columns)")
        if self.series is not None and self.value is None:
            raise ValueError("'series' splits the 'value' column; it cannot be used with "
                             "'values'")
        return self


class FigureBase(Model):
    SPOKEN: ClassVar[str] = "Chart"
    """What the kind is called when alt text is drafted ("Bar chart: ...")."""

    kind: str = Field(description=KIND)
    id: Slug = Field(description=(
        "Names the figure, to place it ('- figure: id') and cite it (@fig:id): lower-case "
        "letters, digits and hyphens."))
    title: PlainText = Field(description=(
        "Printed as 'Figure N: title'; say what the figure shows."))
    source: PlainText = Field(description=(
        "Where the numbers come from, printed under the figure as 'Source: ...'."))
    alt: PlainText | None = Field(None, description=(
        "What the figure shows, for screen readers; drafted from the data if left out."))
    notes: PlainText | None = Field(None, description="Printed under the source line.")


class ChartBase(FigureBase):
    """Fields every data chart shares: how values print, and where the data comes from."""

    prefix: Affix | None = Field(None, description=PREFIX)
    suffix: Affix | None = Field(None, description=SUFFIX)
    axis_label: PlainText | None = Field(None, description=(
        "The label of the value axis, e.g. 'Prosecutions, 2013'."))
    csv: CsvSource | None = Field(None, description=(
        "Read the data from a CSV file beside the spec, instead of 'data:'."))

    def _one_source(self, data: object) -> None:
        if (data is None) == (self.csv is None):
            raise ValueError("give the data either inline ('data:') or from a file ('csv:'), "
                             "not both and not neither")


class BarFigure(ChartBase):
    """One series of bars, one per category, in the order written (or sorted)."""

    SPOKEN: ClassVar[str] = "Bar chart"

    kind: Literal["bar"] = Field(description=KIND)
    orientation: Literal["horizontal", "vertical"] = Field("horizontal", description=(
        "'horizontal' bars (best for long labels) or 'vertical' columns."))
    sort: Literal["none", "ascending", "descending"] = Field("none", description=(
        "'none' draws the bars in the order written; or 'ascending' or 'descending'."))
    highlight: PlainText | None = Field(None, description=(
        "The category to draw in the brand's highlight colour, its label in bold."))
    data: Points | None = Field(None, description=(
        "The bars, 'label: value', in the order to draw them: {Greater Manchester: 50}."))

    @model_validator(mode="after")
    def _source(self) -> BarFigure:
        self._one_source(self.data)
        if self.csv is not None and self.csv.value is None:
            raise ValueError("a bar chart has one series: give csv 'value', not 'values'")
        return self


class MultiSeriesBase(ChartBase):
    """Several series over the same categories: ``series`` names them, ``data`` holds rows."""

    series: tuple[PlainText, ...] | None = Field(
        default=None, min_length=1, max_length=MAX_SERIES,
        description="The series' names, in the order of the values in each row (up to 4).")
    data: Rows | None = Field(None, description=(
        "The categories, 'label: [one value per series]', in the order to draw them."))

    @model_validator(mode="after")
    def _source(self) -> MultiSeriesBase:
        self._one_source(self.data)
        if self.data is not None:
            if self.series is None:
                raise ValueError("name the series ('series: [First, Second]') for inline data")
            for row in self.data:
                if len(row.values) != len(self.series):
                    raise ValueError(
                        f"'{row.label}' has {len(row.values)} value(s) but "
                        f"{len(self.series)} series are named; give one value per series")
        elif self.series is not None:
            raise ValueError("with 'csv:' the series come from the file; remove 'series'")
        return self


class GroupedBarFigure(MultiSeriesBase):
    """Bars side by side within each category, one per series."""

    SPOKEN: ClassVar[str] = "Grouped bar chart"

    kind: Literal["grouped-bar"] = Field(description=KIND)


class StackedBarFigure(MultiSeriesBase):
    """One horizontal bar per category, split into series; the total is shown at the end."""

    SPOKEN: ClassVar[str] = "Stacked bar chart"

    kind: Literal["stacked-bar"] = Field(description=KIND)


class LineFigure(MultiSeriesBase):
    """One line per series across the categories (usually dates), each with its own marker
    and dash pattern so the lines stay apart in greyscale."""

    SPOKEN: ClassVar[str] = "Line chart"

    kind: Literal["line"] = Field(description=KIND)


class StatFigure(FigureBase):
    """One big number with a short label: "834 cases reached court"."""

    SPOKEN: ClassVar[str] = "Statistic"

    kind: Literal["stat"] = Field(description=KIND)
    value: Number = Field(description="The number, written plainly (834, 4.5).")
    label: PlainText = Field(max_length=160, description=(
        "A few words saying what the number counts, e.g. 'cases reached court'."))
    prefix: Affix | None = Field(None, description=PREFIX)
    suffix: Affix | None = Field(None, description=SUFFIX)


class ImageFigure(FigureBase):
    """An existing PNG, JPEG or SVG file from the project, placed at the text width."""

    SPOKEN: ClassVar[str] = "Image"

    kind: Literal["image"] = Field(description=KIND)
    file: PlainText = Field(description=(
        "A PNG, JPEG or SVG file in the project, relative to the spec file."))
    alt: PlainText = Field(description=(  # an image cannot be described from data
        "What the image shows, for screen readers (required for images)."))


FIGURE_MODELS: dict[str, type[FigureBase]] = {
    "bar": BarFigure,
    "grouped-bar": GroupedBarFigure,
    "stacked-bar": StackedBarFigure,
    "line": LineFigure,
    "stat": StatFigure,
    "image": ImageFigure,
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

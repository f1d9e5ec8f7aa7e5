"""Print inks: every colour a print paper draws turned into CMYK, and proved so.

The story draws its own text and boxes in the brand's CMYK already; what matplotlib
and svglib draw (charts, SVG images, the logo) arrives in RGB, and reportlab starts
every drawing in RGB black. So, for a print paper, every RGB colour operator in every
content stream and form is rewritten here to the ink the brand gives for that colour
(:meth:`briefpress.brand.printing.Printing.ink`), and the result is then checked: no RGB
operator, no RGB image, and no transparency anywhere, or the build fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, FloatObject, StreamObject

from briefpress.errors import BuildError

Ink = Callable[[str], tuple[float, float, float, float]]
"""``#RRGGBB`` -> (c, m, y, k), each 0-1."""

RGB_OPS = {b"rg": b"k", b"RG": b"K"}
GREY_OPS = {b"g": b"k", b"G": b"K"}


def _hex(values: list[Any]) -> str:
    return "#" + "".join(f"{round(float(v) * 255):02X}" for v in values)


def _streams(writer: PdfWriter) -> Iterator[tuple[Any, DictionaryObject]]:
    """Every page and every form XObject (nested too), each once, with its resources."""
    seen: set[int] = set()
    stack: list[tuple[Any, DictionaryObject]] = [
        (page, page.get("/Resources", DictionaryObject()).get_object()) for page in writer.pages]
    while stack:
        owner, resources = stack.pop()
        yield owner, resources
        for xobj in (resources.get("/XObject") or {}).values():
            obj = xobj.get_object()
            if id(obj) in seen or obj.get("/Subtype") != "/Form":
                continue
            seen.add(id(obj))
            stack.append((obj, obj.get("/Resources", DictionaryObject()).get_object()))


def _rewrite(operations: list[tuple[list[Any], bytes]], ink: Ink) -> bool:
    """RGB and grey colour operators to CMYK, in place; whether anything changed."""
    changed = False
    for i, (operands, op) in enumerate(operations):
        if op in RGB_OPS:
            c, m, y, k = ink(_hex(operands))
            operations[i] = ([FloatObject(round(v, 4)) for v in (c, m, y, k)], RGB_OPS[op])
            changed = True
        elif op in GREY_OPS:
            level = float(operands[0])
            operations[i] = ([FloatObject(0), FloatObject(0), FloatObject(0),
                              FloatObject(round(1 - level, 4))], GREY_OPS[op])
            changed = True
    return changed


def _content(owner: Any, writer: PdfWriter) -> ContentStream | None:
    """The parsed content of a page or a form."""
    if isinstance(owner, StreamObject):
        return ContentStream(owner, writer)
    contents = owner.get_contents()
    return ContentStream(contents, writer) if contents is not None else None


def to_cmyk(writer: PdfWriter, ink: Ink) -> None:
    """Rewrite every RGB and grey colour operator of every page and form as CMYK."""
    for owner, _ in _streams(writer):
        content = _content(owner, writer)
        if content is None or not _rewrite(content.operations, ink):
            continue
        if isinstance(owner, StreamObject):
            owner.set_data(content.get_data())
        else:
            owner.replace_contents(content)


def print_problems(writer: PdfWriter) -> list[str]:
    """Everything that is not CMYK ink or that is transparent (a print shop refuses both)."""
    problems: list[str] = []
    for owner, resources in _streams(writer):
        content = _content(owner, writer)
        ops = {op for _, op in content.operations} if content is not None else set()
        if ops & {b"rg", b"RG", b"g", b"G", b"sc", b"SC", b"scn", b"SCN"}:
            problems.append("a colour that is not CMYK ink")
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            if any(float(state.get(k, 1)) < 1 for k in ("/CA", "/ca")) or \
                    state.get("/SMask", "/None") != "/None":
                problems.append("transparency")
        for xobj in (resources.get("/XObject") or {}).values():
            obj = xobj.get_object()
            if obj.get("/Subtype") == "/Image":
                space = obj.get("/ColorSpace")
                if space not in ("/DeviceCMYK", "/DeviceGray"):
                    problems.append(f"an image in {space}")
                if "/SMask" in obj:
                    problems.append("an image with transparency")
    return sorted(set(problems))


def check_print(writer: PdfWriter, source: str) -> None:
    problems = print_problems(writer)
    if problems:
        raise BuildError(source, "the print paper has " + ", ".join(problems)
                         + "; a print shop needs CMYK ink and no transparency")


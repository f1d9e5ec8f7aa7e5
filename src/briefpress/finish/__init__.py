"""Finish stage: the laid-out PDF made accessible and archival, stamped, and checked.

pypdf reads the pages stage's PDF and adds what reportlab cannot write: the
structure tree (from the document plan and the record of what was drawn
where), XMP metadata and an output intent for PDF/UA-1 and PDF/A-2a, clean
ToUnicode maps, and, for a draft, the DRAFT stamp over every page. The result
is read back and checked against the plan before anyone sees it.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from briefpress.errors import BuildError
from briefpress.finish.fonts import fix_to_unicode
from briefpress.finish.inks import Ink, check_print, to_cmyk
from briefpress.finish.meta import set_metadata, set_output_intent
from briefpress.finish.preview import page_pngs
from briefpress.finish.tree import build_tree, link_descriptions
from briefpress.finish.verify import verify
from briefpress.pages import Layout
from briefpress.plan import Plan
from briefpress.profile import Profile

__all__ = ["finish", "page_pngs", "verify"]


def _stamp(writer: PdfWriter, stamp: bytes) -> None:
    """Lay the stamp page over every page (it is drawn as an artifact)."""
    over = PdfReader(io.BytesIO(stamp), strict=True).pages[0]
    for page in writer.pages:
        page.merge_page(over, over=True)


def finish(layout: Layout, plan: Plan, profile: Profile, source: str,
           stamp: bytes | None = None, ink: Ink | None = None) -> bytes:
    """The finished, checked PDF of *layout*; *ink* turns RGB into CMYK for print."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(layout.pdf), strict=True))
    except (PdfReadError, ValueError) as exc:
        raise BuildError(source, f"the PDF produced could not be read back: {exc}") from None
    if stamp is not None:
        _stamp(writer, stamp)
    build_tree(writer, plan, layout.marks, layout.links, link_descriptions(plan))
    extra: list[tuple[str, str]] = []
    if plan.meta.embargo:
        extra.append(("/Embargo", plan.meta.embargo))
    if plan.meta.draft:
        extra.append(("/Status", "Draft"))
    set_metadata(writer, plan.meta, tuple(extra), archival=profile.colour_space == "rgb")
    set_output_intent(writer, profile.colour_space)
    fix_to_unicode(writer)
    if profile.colour_space == "cmyk":
        if ink is None:
            raise BuildError(source, "a print paper needs the brand's inks")
        to_cmyk(writer, ink)
        check_print(writer, source)
    out = io.BytesIO()
    writer.write(out)
    pdf = out.getvalue()
    verify(pdf, layout, plan, profile, source)
    return pdf

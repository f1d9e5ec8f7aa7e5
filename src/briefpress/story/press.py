"""The DRAFT stamp, drawn here (reportlab lives in this stage) and laid over every
page by the finishing stage, so a draft has exactly the layout of the final paper.

The stamp is page furniture: it is drawn as an artifact (a watermark), so a
screen reader does not read "DRAFT" into the middle of a sentence and the
after-layout check can tell it from the text.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from briefpress.plan import Furniture
from briefpress.profile import Profile
from briefpress.story.fonts import FontNames
from briefpress.story.ink import Ink

WATERMARK = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"


def draft_stamp(furniture: Furniture, profile: Profile, ink: Ink, fonts: FontNames
                ) -> bytes | None:
    """A one-page PDF: a pale stamp across the middle and a small banner in the top margin.

    In print (no transparency allowed) the big stamp is an outline, so it hides no text.
    """
    if furniture.draft is None or furniture.draft_banner is None:
        return None
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=profile.media, invariant=1,
                  initialFontName=fonts.bold)  # type: ignore[arg-type]  # stub says float
    width, height = profile.page_width, profile.page_height
    canv.addLiteral(WATERMARK)
    if profile.offset:
        canv.translate(profile.offset, profile.offset)
    canv.saveState()
    big = min(150.0, width * 0.8 / max(len(furniture.draft), 1) * 1.6)
    canv.setFont(fonts.bold, big)
    if profile.colour_space == "rgb":
        canv.setFillColor(ink("danger"))
        canv.setFillAlpha(0.12)
        canv.drawCentredString(width / 2, height / 2 - big / 3, furniture.draft)
    else:
        canv.setStrokeColor(ink("danger"))
        canv.setLineWidth(1.2)
        text = canv.beginText()
        text.setTextRenderMode(1)
        text.setFont(fonts.bold, big)
        text.setTextOrigin((width - canv.stringWidth(furniture.draft, fonts.bold, big)) / 2,
                           height / 2 - big / 3)
        text.textOut(furniture.draft)
        canv.drawText(text)
    canv.restoreState()
    canv.setFillColor(ink("danger"))
    canv.setFont(fonts.bold, profile.footer_size * 1.2)
    canv.drawCentredString(width / 2, height - profile.margin_top * 0.45, furniture.draft_banner)
    canv.addLiteral("EMC")
    canv.showPage()
    canv.save()
    return buf.getvalue()

"""Press furniture decided by the spec: the embargo line and the DRAFT stamp.

The stamp is drawn here, as a one-page PDF in the brand's (embedded) bold face,
because reportlab lives in this stage; the finishing stage lays it over every
page with pypdf, so the layout itself never changes between a draft and a final.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from briefpress.brand import Brand
from briefpress.spec.model import Briefing
from briefpress.story.fonts import FontNames

DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
MONTHS = ("JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
          "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER")
STAMP = "DRAFT"


@dataclass(frozen=True)
class Press:
    """What the finishing stage adds: a stamp page for every page, and metadata entries."""

    stamp: bytes | None
    stamp_text: str | None
    info: tuple[tuple[str, str], ...]


def embargo_text(when: datetime) -> str:
    """``EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014``, independent of the locale."""
    return (f"EMBARGOED UNTIL {when:%H:%M} {DAYS[when.weekday()]} {when.day} "
            f"{MONTHS[when.month - 1]} {when.year}")


def draft_stamp(size: tuple[float, float], brand: Brand, fonts: FontNames) -> bytes:
    """A transparent page: a pale DRAFT across the middle and a small one in the top margin."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=size, invariant=1, initialFontName=fonts.bold)
    width, height = size
    canv.setFillColor(HexColor(brand.colours.danger))
    canv.setFillAlpha(0.12)
    canv.setFont(fonts.bold, 150)
    canv.drawCentredString(width / 2, height / 2 - 50, STAMP)
    canv.setFillAlpha(1)
    canv.setFont(fonts.bold, 9)
    canv.drawCentredString(width / 2, height - 22, f"{STAMP} \u2013 NOT FOR PUBLICATION")
    canv.showPage()
    canv.save()
    return buf.getvalue()


def make_press(b: Briefing, brand: Brand, fonts: FontNames, size: tuple[float, float]
               ) -> Press:
    info: list[tuple[str, str]] = []
    if b.embargo is not None:
        info.append(("/Embargo", embargo_text(b.embargo)))
    if b.status == "draft":
        info.append(("/Status", "Draft"))
        return Press(draft_stamp(size, brand, fonts), STAMP, tuple(info))
    return Press(None, None, tuple(info))

"""Story stage: a document plan (plus brand, profile and drawn figures) in, flowables out.

Rendering is a row of small functions from plan node to flowables
(:mod:`briefpress.story.sections`, :mod:`briefpress.story.render`); every
flowable is tagged with the plan node it draws, and page furniture is left to
the pages stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.platypus import Flowable

from briefpress.brand import Brand
from briefpress.charts import Visual
from briefpress.plan import Furniture, Meta, Plan
from briefpress.profile import Profile
from briefpress.story.flow import content_nodes
from briefpress.story.fonts import FontNames, register_fonts
from briefpress.story.ink import Ink
from briefpress.story.kit import Kit
from briefpress.story.press import draft_stamp
from briefpress.story.sections import section
from briefpress.story.styles import make_styles

__all__ = ["Story", "content_nodes", "make_story"]


@dataclass(frozen=True)
class Story:
    """The flowables of one paper, and what the pages stage needs to draw its furniture."""

    flowables: tuple[Flowable, ...]
    meta: Meta
    furniture: Furniture
    profile: Profile
    fonts: FontNames
    ink: Ink
    stamp: bytes | None


def make_story(plan: Plan, brand: Brand, profile: Profile, visuals: Mapping[str, Visual]
               ) -> Story:
    """Every part of the plan as flowables, in reading order."""
    fonts = register_fonts(brand.font)
    ink = Ink(brand.colours, profile.colour_space, brand.printing)
    kit = Kit(profile, ink, make_styles(profile, ink, fonts), fonts, brand, visuals)
    flow = [f for part in plan.body for f in section(part, kit)]
    stamp = draft_stamp(plan.furniture, profile, ink, fonts)
    return Story(tuple(flow), plan.meta, plan.furniture, profile, fonts, ink, stamp)

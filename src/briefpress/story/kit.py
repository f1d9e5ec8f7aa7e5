"""What every render function may need besides its node."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle

from briefpress.brand import Brand
from briefpress.charts import Visual
from briefpress.plan.nodes import Text
from briefpress.profile import Profile
from briefpress.story.flow import Para
from briefpress.story.fonts import FontNames
from briefpress.story.ink import Ink
from briefpress.story.markup import markup
from briefpress.story.styles import Styles, aligned_right


@dataclass(frozen=True)
class Kit:
    """What every render function may need besides its node."""

    profile: Profile
    ink: Ink
    styles: Styles
    fonts: FontNames
    brand: Brand
    visuals: Mapping[str, Visual]

    @property
    def size(self) -> float:
        return self.profile.base_size

    @property
    def keep_limit(self) -> float:
        """Blocks no taller than this move to the next page whole rather than split."""
        return self.profile.frame_height * 0.4

    def para(self, t: Text, style: ParagraphStyle | None = None) -> Para:
        """A text node as a tagged paragraph in the style its kind asks for."""
        chosen = style or self.styles[t.kind]
        if t.numeric:
            chosen = aligned_right(chosen)
        return Para(markup(t.inline, self.ink.hex("primary"), self.profile.links), chosen,
                    node=t.id, role=str(t.role), anchor=t.anchor, outline=t.outline)

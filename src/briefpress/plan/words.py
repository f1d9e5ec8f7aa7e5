"""The words a paper prints around the author's text: :class:`Words`, read with the brand
(one file per language in ``assets/words/``) and given to the plan."""

from __future__ import annotations

from briefpress.brand.words import ENGLISH, FIELDS, Words

__all__ = ["ENGLISH", "FIELDS", "Words"]

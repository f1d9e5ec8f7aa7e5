"""Numbers printed exactly as the spec gives them, with thousands separators added."""

from __future__ import annotations

from decimal import Decimal


def format_number(value: Decimal, prefix: str = "", suffix: str = "") -> str:
    """``Decimal('52176')`` -> ``'52,176'``; ``Decimal('4.50')`` keeps both places.

    Never re-rounds: the digits after the point are the ones written in the spec.
    """
    sign = "-" if value < 0 else ""
    return f"{sign}{prefix}{format(abs(value), ',f')}{suffix}"

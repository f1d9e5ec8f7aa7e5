"""Numbers printed exactly as the spec gives them, with thousands separators added.

Nothing here may round. ``Decimal`` arithmetic rounds to its context's precision
(28 significant digits by default), and so do ``abs()`` and unary minus, so
printing uses ``copy_abs`` (exact) and sums are made in an exact context.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact

EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])
"""A context in which addition never rounds (and would raise, not round, if it had to)."""


def format_number(value: Decimal, prefix: str = "", suffix: str = "") -> str:
    """``Decimal('52176')`` -> ``'52,176'``; ``Decimal('4.50')`` keeps both places.

    Never re-rounds, at any length: the digits are the ones written in the spec.
    """
    sign = "-" if value.is_signed() else ""
    return f"{sign}{prefix}{format(value.copy_abs(), ',f')}{suffix}"


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of *values*, every digit kept (a stacked bar's total, say)."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total

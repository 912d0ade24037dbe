"""The one rule for a long list: at most so many rows, the rest summed as "Øvrige".

A committee table shows ``TABLE_ROWS`` rows and a chart its own number of bars;
when a list has more, the largest fill all rows but one, and the last row,
"Øvrige", sums up the rest. ``ranked`` is the order every table of counts is
shown in, "Øvrige" last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from .referrals import Count

OTHERS = "Øvrige"
TABLE_ROWS = 12  # rows of a committee table, "Øvrige" included

T = TypeVar("T")


def split(items: Sequence[T], limit: int) -> tuple[list[T], list[T]]:
    """``items`` (largest first) as (shown, rest): all of them when they fit in
    ``limit`` rows, else the ``limit`` − 1 first and the rest that "Øvrige" sums up."""
    if len(items) <= limit:
        return list(items), []
    return list(items[: limit - 1]), list(items[limit - 1 :])


def ranked(counts: Iterable[Count]) -> list[Count]:
    """Largest first (then last year's largest, then by name), "Øvrige" last."""
    return sorted(
        counts,
        key=lambda c: (c.label == OTHERS, -c.count, -(c.previous or 0), c.label),
    )


def others(rest: Sequence[Count], label: str = OTHERS) -> Count:
    """One row summing ``rest``: counts, shares and, where the year before has
    data, the year before's counts."""
    previous = [c.previous for c in rest if c.previous is not None]
    return Count(
        label,
        sum(c.count for c in rest),
        sum((c.share for c in rest), Decimal(0)),
        "",
        sum(previous) if previous else None,
    )


def with_others(counts: Sequence[Count], limit: int = TABLE_ROWS) -> list[Count]:
    """At most ``limit`` rows in ranked order: the largest, then "Øvrige"."""
    shown, rest = split(ranked(counts), limit)
    return [*shown, others(rest)] if rest else shown

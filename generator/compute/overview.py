"""The contract period at a glance: each year's main figures and the period's totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..core.schema import MEETINGS_PER_YEAR
from ..reading.model import CareerHours, Goal, Meeting, Referral
from .career import hours_by_year
from .contract import ContractYear
from .goals import is_met
from .meetings import months_with_meetings


@dataclass(frozen=True)
class YearOverview:
    year: int
    referrals: int
    career_hours: Decimal
    goals_met: int
    goals_total: int
    meetings: int  # months with a meeting
    meetings_of: int
    contract_sum: Decimal


def period_overview(
    economy: tuple[ContractYear, ...],
    referrals: tuple[Referral, ...],
    hours: tuple[CareerHours, ...],
    goals: tuple[Goal, ...],
    meetings: tuple[Meeting, ...],
) -> tuple[YearOverview, ...]:
    """One row per contract year so far (the years of ``economy``)."""
    years = range(economy[0].year, economy[-1].year + 1) if economy else range(0)
    counts = Counter(r.date.year for r in referrals)
    career = hours_by_year(hours, years)
    rows = []
    for entry in economy:
        of_year = [g for g in goals if g.year == entry.year and g.result is not None]
        rows.append(
            YearOverview(
                entry.year,
                counts.get(entry.year, 0),
                career[entry.year],
                sum(1 for g in of_year if is_met(g)),
                len(of_year),
                len(months_with_meetings(meetings, entry.year)),
                MEETINGS_PER_YEAR,
                entry.amount,
            )
        )
    return tuple(rows)


def period_total(rows: tuple[YearOverview, ...]) -> YearOverview:
    """The sums over the years (``year`` is the last year)."""
    return YearOverview(
        rows[-1].year if rows else 0,
        sum(r.referrals for r in rows),
        sum((r.career_hours for r in rows), Decimal(0)),
        sum(r.goals_met for r in rows),
        sum(r.goals_total for r in rows),
        sum(r.meetings for r in rows),
        sum(r.meetings_of for r in rows),
        sum((r.contract_sum for r in rows), Decimal(0)),
    )

"""KPI a: referrals to Erhvervshus Midtjylland and other programmes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..core.schema import HOUSE, RECIPIENT_TYPES, normalize_header
from ..core.wording import month_label
from ..reading.model import Referral
from ..reading.period import dated_in


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    share: Decimal  # per cent of the year's total
    group: str | None = None  # the recipient's type, for the recipient table
    previous: int | None = None  # the same count the year before, where that year has data


@dataclass(frozen=True)
class ReferralFigures:
    year: int
    total: int
    previous_year: int
    previous_total: int | None  # None when the year before has no referrals
    change: int | None
    change_pct: Decimal | None
    by_recipient: tuple[Count, ...]
    by_type: tuple[Count, ...]
    by_quarter: tuple[Count, ...]
    by_month: tuple[Count, ...]
    by_topic: tuple[Count, ...]
    companies: int  # distinct companies (by CVR, else by name)
    without_cvr: int
    yearly_totals: tuple[tuple[int, int], ...]  # (year, total) for every year with data
    # (year, referrals in each of its four quarters) for the contract years so far
    quarters_by_year: tuple[tuple[int, tuple[int, int, int, int]], ...] = ()

    @property
    def to_house(self) -> int:
        """The year's referrals to recipients of the type § 6 a names (``schema.HOUSE``)."""
        return next((t.count for t in self.by_type if t.label == HOUSE), 0)


def _share(count: int, total: int) -> Decimal:
    return Decimal(count) * 100 / Decimal(total) if total else Decimal(0)


def _counts(
    counter: Counter[str],
    total: int,
    order: list[str],
    previous: Counter[str] | None,
    groups: dict[str, str] | None = None,
) -> tuple[Count, ...]:
    return tuple(
        Count(
            label,
            counter.get(label, 0),
            _share(counter.get(label, 0), total),
            (groups or {}).get(label),
            None if previous is None else previous.get(label, 0),
        )
        for label in order
    )


def quarter_label(when: date) -> str:
    return f"{(when.month - 1) // 3 + 1}. kvartal"


def company_key(referral: Referral) -> str:
    return referral.cvr or normalize_header(referral.company)


def quarters_by_year(
    referrals: tuple[Referral, ...], years: range
) -> tuple[tuple[int, tuple[int, int, int, int]], ...]:
    counts = Counter((r.date.year, (r.date.month - 1) // 3) for r in referrals)
    return tuple((y, (counts[y, 0], counts[y, 1], counts[y, 2], counts[y, 3])) for y in years)


def year_referrals(referrals: Sequence[Referral], year: int) -> list[Referral]:
    """The year's referrals in log order."""
    return [referral for referral in referrals if dated_in(referral.date, year)]


def referral_figures(
    referrals: tuple[Referral, ...],
    recipient_types: dict[str, str],
    year: int,
    years: range | None = None,
) -> ReferralFigures:
    """``years`` are the contract years up to the report year (for the trend and the
    yearly totals); the year before them may be compared with, never counted."""
    by_year = Counter(referral.date.year for referral in referrals)
    current = year_referrals(referrals, year)
    before = year_referrals(referrals, year - 1)
    total = len(current)
    previous_total = len(before) or None
    prev_recipients = Counter(r.recipient for r in before) if before else None
    recipients = Counter(r.recipient for r in current)
    # Listed recipients first in list order, then any others; empty rows are dropped
    # unless the recipient had referrals the year before.
    order = [
        name
        for name in recipient_types
        if recipients.get(name) or (prev_recipients and prev_recipients.get(name))
    ]
    order += sorted(set(recipients) - set(order))
    types = Counter(recipient_types.get(r.recipient, "") for r in current)
    prev_types = Counter(recipient_types.get(r.recipient, "") for r in before) if before else None
    quarters = Counter(quarter_label(r.date) for r in current)
    months = Counter(month_label(r.date.month) for r in current)
    topics = Counter(r.topic for r in current)
    prev_topics = Counter(r.topic for r in before) if before else None
    change = None if previous_total is None else total - previous_total
    return ReferralFigures(
        year=year,
        total=total,
        previous_year=year - 1,
        previous_total=previous_total,
        change=change,
        change_pct=None
        if change is None or previous_total is None
        else _share(change, previous_total),
        by_recipient=_counts(recipients, total, order, prev_recipients, recipient_types),
        by_type=_counts(types, total, list(RECIPIENT_TYPES), prev_types),
        by_quarter=_counts(
            quarters, total, [quarter_label(date(year, 3 * q, 1)) for q in range(1, 5)], None
        ),
        by_month=_counts(months, total, [month_label(m) for m in range(1, 13)], None),
        by_topic=tuple(
            sorted(
                # last year's topics too, so that both years' columns add up
                _counts(topics, total, sorted(set(topics) | set(prev_topics or ())), prev_topics),
                key=lambda c: (-c.count, c.label),
            )
        ),
        companies=len({company_key(r) for r in current}),
        without_cvr=sum(1 for r in current if not r.cvr),
        yearly_totals=tuple(
            sorted(
                (y, n)
                for y, n in by_year.items()
                if y <= year and (years is None or y >= years.start)
            )
        ),
        quarters_by_year=quarters_by_year(referrals, years or range(year, year + 1)),
    )

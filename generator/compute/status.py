"""The year so far, for the monthly meeting: the report's own figures with a cut-off date.

Nothing is counted here that the annual report counts: the typed records are
cut once at the status date (``as_of``), and the report's own functions
compute from what is left. A status dated 31 December therefore shows the
figures the annual report will show for the same rows.

Where a record has a date (referrals, meetings) the cut is the status date,
and last year's referrals are cut at the same day of last year, so the
comparison is of equal periods. Karriereby hours are kept by month: only
whole months count, so the share of one FTE is measured against the months
that have passed. CFI goals, contract points and cooperation have a year
but no date: the year's rows count as they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ..reading.model import Cooperation, Dataset, Goal, Referral, Settings
from ..reading.period import dated_in
from .career import CareerFigures, career_figures, months_with_hours
from .contract import ContractYear, MissingRate, contract_years
from .goals import GoalFigures, goal_figures
from .meetings import MeetingFigures, meeting_figures
from .points import AreaPoints, PointStatus, contract_points, cooperation_items
from .referrals import Count, ReferralFigures, referral_figures

MONTHS = 12


@dataclass(frozen=True)
class Cutoff:
    """The status date and what follows from it."""

    day: date

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def months_passed(self) -> int:
        """Whole months of the year up to the status date: 5 on 15 June, 6 on 30 June."""
        month_over = (self.day + timedelta(days=1)).month != self.day.month
        return self.day.month if month_over else self.day.month - 1

    @property
    def same_day_last_year(self) -> date:
        """The end of the same period last year (29 February falls back to the 28th)."""
        try:
            return self.day.replace(year=self.year - 1)
        except ValueError:
            return self.day.replace(year=self.year - 1, day=28)


@dataclass(frozen=True)
class Later:
    """Rows of the status year after the cut-off: not counted, told in one line."""

    referrals: int = 0
    meetings: int = 0
    career_months: tuple[int, ...] = ()  # the running month or later: hours count when over


def _in_period(referral: Referral, cut: Cutoff) -> bool:
    """This year up to the status date, or last year up to the same day."""
    if dated_in(referral.date, cut.year):
        return referral.date <= cut.day
    return dated_in(referral.date, cut.year - 1) and referral.date <= cut.same_day_last_year


def as_of(dataset: Dataset, cut: Cutoff) -> tuple[Dataset, Later]:
    """The dataset as it stood at ``cut``, and what of the status year lies after it."""
    year, whole = cut.year, cut.months_passed
    later = Later(
        referrals=sum(1 for r in dataset.referrals if r.date > cut.day),
        meetings=sum(1 for m in dataset.meetings if m.date > cut.day),
        career_months=tuple(
            sorted({h.month for h in dataset.career_hours if h.year == year and h.month > whole})
        ),
    )
    cut_dataset = replace(
        dataset,
        referrals=tuple(r for r in dataset.referrals if _in_period(r, cut)),
        year_before=tuple(r for r in dataset.year_before if _in_period(r, cut)),
        meetings=tuple(m for m in dataset.meetings if m.date <= cut.day),
        career_hours=tuple(
            h
            for h in dataset.career_hours
            if h.year < year or (h.year == year and h.month <= whole)
        ),
    )
    return cut_dataset, later


@dataclass(frozen=True)
class StatusFigures:
    cut: Cutoff
    settings: Settings
    referrals: ReferralFigures  # the year so far; ``previous_total``: the same period last year
    previous_months: tuple[Count, ...]  # last year's months, cut at the same day
    career: CareerFigures  # the whole months passed
    expected_hours: Decimal  # the share of one FTE the months passed call for
    months_without_hours: tuple[int, ...]
    goals: GoalFigures  # the year's goals with a result so far
    goals_pending: tuple[Goal, ...]  # the year's goals without a result yet
    points: tuple[AreaPoints, ...]
    cooperation: tuple[Cooperation, ...]
    meetings: MeetingFigures
    months_without_meeting: tuple[int, ...]  # whole months passed without a meeting
    contract_year: ContractYear | None  # None: the year's rate is not known yet
    missing_rate: int | None  # the first year whose rate the sum still waits for
    later: Later

    @property
    def expected_pct(self) -> Decimal | None:
        """Hours as per cent of what the months passed call for."""
        if not self.expected_hours:
            return None
        return self.career.hours * 100 / self.expected_hours

    @property
    def points_without_row(self) -> tuple[PointStatus, ...]:
        return tuple(p for area in self.points for p in area.points if p.status is None)


def status_figures(dataset: Dataset, settings: Settings, day: date) -> StatusFigures:
    """Every figure of the status as of ``day``, by the annual report's own functions."""
    cut = Cutoff(day)
    year = cut.year
    data, later = as_of(dataset, cut)
    referrals = data.year_before + data.referrals
    this_year = range(year, year + 1)
    career = career_figures(data.career_hours, settings.hours_per_fte, year, this_year)
    with_hours = months_with_hours(data.career_hours, year)
    meetings = meeting_figures(data.meetings, year)
    economy, missing_rate = _economy(data, settings, year)
    return StatusFigures(
        cut=cut,
        settings=settings,
        referrals=referral_figures(referrals, data.recipient_types, year),
        previous_months=referral_figures(referrals, data.recipient_types, year - 1).by_month,
        career=career,
        expected_hours=settings.hours_per_fte * cut.months_passed / MONTHS,
        months_without_hours=tuple(
            m for m in range(1, cut.months_passed + 1) if m not in with_hours
        ),
        goals=goal_figures(data.goals, year),
        goals_pending=tuple(g for g in data.goals if g.year == year and g.result is None),
        points=contract_points(data.contract_points, data.focus_items, year),
        cooperation=cooperation_items(data.cooperation, year),
        meetings=meetings,
        months_without_meeting=tuple(m for m in meetings.missing_months if m <= cut.months_passed),
        contract_year=economy,
        missing_rate=missing_rate,
        later=later,
    )


def _economy(
    data: Dataset, settings: Settings, year: int
) -> tuple[ContractYear | None, int | None]:
    """The year's contract sum, or the first year whose rate it still waits for."""
    try:
        economy, _ = contract_years(settings, data.rates, data.earmarks, year)
    except MissingRate as missing:
        return None, int(missing.args[0])
    return economy[-1], None

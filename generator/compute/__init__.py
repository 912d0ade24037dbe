"""Compute stage: every figure of the report, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..reading.model import Cooperation, Dataset, Settings
from .career import CareerFigures, career_figures
from .contract import ContractYear, EarmarkLine, contract_years, round_half_up
from .goals import GoalFigures, goal_figures
from .keyfigures import KeyFigureTable, key_figure_table
from .meetings import MeetingFigures, meeting_figures
from .overview import YearOverview, period_overview
from .points import AreaPoints, contract_points, cooperation_items
from .referrals import ReferralFigures, referral_figures
from .reported import Revision

__all__ = ["Figures", "compute_figures", "deadline", "round_half_up"]


@dataclass(frozen=True)
class Figures:
    year: int
    settings: Settings
    deadline: date
    economy: tuple[ContractYear, ...]  # every contract year up to the report year
    earmarks: tuple[EarmarkLine, ...]
    referrals: ReferralFigures
    career: CareerFigures
    goals: GoalFigures
    meetings: MeetingFigures
    points: tuple[AreaPoints, ...]  # every contract point, in contract order
    cooperation: tuple[Cooperation, ...]
    key_figures: KeyFigureTable
    overview: tuple[YearOverview, ...]  # the contract years so far, one row each
    # earlier years' headline figures that differ from what their report told
    revisions: tuple[Revision, ...] = ()

    @property
    def this_year(self) -> ContractYear:
        return self.economy[-1]

    @property
    def is_last_year(self) -> bool:
        """The contract period's last year: the report then sums up the whole period."""
        return self.year == self.settings.last_year


def deadline(year: int) -> date:
    """The report for a year is due at the end of January the year after (contract § 6)."""
    return date(year + 1, 1, 31)


def compute_figures(dataset: Dataset, settings: Settings, year: int) -> Figures:
    so_far = range(settings.first_year, year + 1)
    economy, earmarks = contract_years(settings, dataset.rates, dataset.earmarks, year)
    return Figures(
        year=year,
        settings=settings,
        deadline=deadline(year),
        economy=economy,
        earmarks=tuple(line for line in earmarks if line.year <= year),
        referrals=referral_figures(
            # the year before the period is compared with, never counted as the period's
            dataset.year_before + dataset.referrals,
            dataset.recipient_types,
            year,
            so_far,
        ),
        career=career_figures(dataset.career_hours, settings.hours_per_fte, year, so_far),
        goals=goal_figures(dataset.goals, year, so_far),
        meetings=meeting_figures(dataset.meetings, year),
        points=contract_points(dataset.contract_points, dataset.focus_items, year),
        cooperation=cooperation_items(dataset.cooperation, year),
        key_figures=key_figure_table(dataset.key_figures, so_far),
        overview=period_overview(
            economy, dataset.referrals, dataset.career_hours, dataset.goals, dataset.meetings
        ),
    )

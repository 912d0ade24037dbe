"""Compute stage: every figure of the report, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Cooperation, Dataset, Settings
from .activity import (
    AreaText,
    CareerFigures,
    GoalFigures,
    MeetingFigures,
    career_figures,
    cooperation_items,
    deadline,
    focus_areas,
    goal_figures,
    meeting_figures,
)
from .contract import ContractYear, EarmarkLine, contract_years, round_half_up
from .referrals import ReferralFigures, referral_figures

__all__ = ["Figures", "compute_figures", "default_year", "round_half_up"]


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
    focus_areas: tuple[AreaText, ...]
    cooperation: tuple[Cooperation, ...]

    @property
    def this_year(self) -> ContractYear:
        return self.economy[-1]

    @property
    def compares_with_previous_period(self) -> bool:
        """The period's first year, compared with the last year of the period before
        (the log holds that year's referrals), which the report says."""
        return self.year == self.settings.first_year and self.referrals.previous_total is not None


def default_year(dataset: Dataset) -> int | None:
    """The latest year of the contract period that has referrals."""
    settings = dataset.settings
    if settings is None:
        return None
    years = {r.date.year for r in dataset.referrals if r.date.year in settings.contract_years()}
    return max(years, default=None)


def compute_figures(dataset: Dataset, year: int) -> Figures:
    settings = dataset.settings
    if settings is None:
        raise ValueError("settings are required")  # validation has already said why
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
            since=settings.first_year,
        ),
        career=career_figures(dataset.career_hours, settings.hours_per_fte, year),
        goals=goal_figures(dataset.goals, year),
        meetings=meeting_figures(dataset.meetings, year),
        focus_areas=focus_areas(dataset.focus_items, year),
        cooperation=cooperation_items(dataset.cooperation, year),
    )

"""Validate stage: every check returns problems; none stops at the first."""

from __future__ import annotations

from datetime import date

from ..model import Settings
from ..problems import Problem
from ..reading import Inputs
from .contract import check_example_sources, check_price_index, check_settings
from .log import check_dates, check_duplicate_referrals, check_referrals_in_year
from .vocabulary import check_choices, check_lists_sheet
from .yearly import check_career_hours, check_contract_points, check_goals, check_meetings

__all__ = ["check_cells", "check_year"]


def check_cells(inputs: Inputs, settings: Settings | None, today: date) -> list[Problem]:
    """Checks that do not depend on the report year. They may blank a bad value."""
    return [
        *check_lists_sheet(inputs),
        *check_choices(inputs),
        *check_settings(inputs, settings),
        *check_example_sources(inputs, settings),
        *check_dates(inputs, today),
        *check_duplicate_referrals(inputs),
    ]


def check_year(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    """Checks of what the report for ``year`` needs."""
    return [
        *check_price_index(inputs, settings, year),
        *check_referrals_in_year(inputs, year),
        *check_goals(inputs, year),
        *check_contract_points(inputs, year),
        *check_career_hours(inputs, settings, year),
        *check_meetings(inputs, year),
    ]

"""Check stage: every check returns problems; none stops at the first, none changes a value.

The rows arrive typed (``reading``) and with list values in their listed spelling
(``normalise``). A check only reads them, so the checks may run in any order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from ..core.problems import Code, Problem
from ..reading import Inputs
from ..reading.model import Settings
from .contract import check_example_sources, check_price_index, check_settings
from .length import check_cell_lengths
from .log import check_dates, check_duplicate_referrals, check_referrals_in_year
from .vocabulary import check_choices, check_lists_sheet
from .yearly import (
    check_career_hours,
    check_contract_points,
    check_goals,
    check_meetings,
    check_point_numbers,
)

__all__ = ["cell_checks", "check_cells", "check_year", "check_year_so_far", "year_checks"]

Check = Callable[[], list[Problem]]


def cell_checks(inputs: Inputs, settings: Settings | None, today: date) -> list[Check]:
    """The checks that do not depend on the report year, ready to run."""
    return [
        partial(check_lists_sheet, inputs),
        partial(check_choices, inputs),
        partial(check_settings, inputs, settings),
        partial(check_example_sources, inputs, settings),
        partial(check_dates, inputs, today),
        partial(check_duplicate_referrals, inputs),
        partial(check_cell_lengths, inputs),
        partial(check_point_numbers, inputs),
    ]


def year_checks(inputs: Inputs, settings: Settings | None, year: int) -> list[Check]:
    """The checks of what the report for ``year`` needs, ready to run."""
    return [
        partial(check_price_index, inputs, settings, year),
        partial(check_referrals_in_year, inputs, year),
        partial(check_goals, inputs, year),
        partial(check_contract_points, inputs, year),
        partial(check_career_hours, inputs, settings, year),
        partial(check_meetings, inputs, year),
    ]


def check_cells(inputs: Inputs, settings: Settings | None, today: date) -> list[Problem]:
    return [problem for run in cell_checks(inputs, settings, today) for problem in run()]


def check_year(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    return [problem for run in year_checks(inputs, settings, year) for problem in run()]


def check_year_so_far(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    """What the year's data must hold while the year runs (the monthly status).

    The rates of the years before it (this year's rate may wait: the status says
    whether the sum is known), and one number per goal. A goal still without a
    result, a contract point without a row, few meetings or hours so far are
    what the status reports as not there yet, not problems of the data; so is a
    goal not met so far (its reason and follow-up belong to the year's end).
    """
    problems = check_price_index(inputs, settings, year - 1)
    not_yet = (Code.RESULT_MISSING, Code.GOAL_WITHOUT_COMMENT)
    return problems + [p for p in check_goals(inputs, year) if p.code not in not_yet]

"""KPI c: CFI's result goals, the report year beside the earlier contract years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core.schema import goal_reached, normalize_header
from ..reading.model import Goal
from . import verdicts


@dataclass(frozen=True)
class EarlierResult:
    """The same goal in an earlier year, judged against that year's own target."""

    year: int
    result: Decimal | None  # None: the goal had no result (or did not exist) that year
    met: bool | None
    target: Decimal | None = None
    direction: str | None = None

    @property
    def status(self) -> str | None:
        """'Opfyldt' or 'Ikke opfyldt'; None when the goal had no result that year."""
        return None if self.met is None else verdicts.goal(self.met)


@dataclass(frozen=True)
class GoalStatus:
    number: str
    goal: str
    unit: str | None
    target: Decimal
    result: Decimal
    direction: str
    met: bool
    comment: str | None
    earlier: tuple[EarlierResult, ...] = ()  # the same goal in each earlier contract year

    @property
    def status(self) -> str:
        return verdicts.goal(self.met)


@dataclass(frozen=True)
class YearGoals:
    year: int
    met: int
    total: int


@dataclass(frozen=True)
class GoalFigures:
    year: int
    goals: tuple[GoalStatus, ...]
    met: int
    total: int
    by_year: tuple[YearGoals, ...] = ()  # every contract year up to the report year

    @property
    def verdict(self) -> str:
        return verdicts.share(self.met, self.total)


def _number_key(number: str) -> tuple[tuple[int, ...], str]:
    """Numbers as in the grant letter: 1, 1.1, 1.2, 2, 10 (not 10 before 2, nor 1.1 as 11)."""
    parts = tuple(int(part) for part in re.findall(r"\d+", number))
    return (parts or (10**9,), number)


def is_met(goal: Goal) -> bool:
    """Met means at least the target, or for a 'Højst' goal at most the target:
    a goal exactly at its limit is met either way."""
    if goal.result is None:
        return False  # no result yet: not met (the report shows only goals with one)
    return goal_reached(goal.result, goal.target, goal.direction)


def _with_results(goals: tuple[Goal, ...], year: int) -> list[Goal]:
    current = (g for g in goals if g.year == year and g.result is not None)
    return sorted(current, key=lambda g: _number_key(g.number))


def goal_figures(goals: tuple[Goal, ...], year: int, years: range | None = None) -> GoalFigures:
    """The report year's goals; ``years`` are the contract years to show beside it.

    A goal is followed across years by its wording, not its number: goals are
    renumbered when a new one is added in the grant letter.
    """
    earlier_years = [y for y in (years or ()) if y < year]
    by_name = {(g.year, normalize_header(g.goal)): g for g in goals if g.result is not None}
    rows = []
    for goal in _with_results(goals, year):
        if goal.result is None:
            continue  # _with_results has only goals with a result
        history = []
        for each in earlier_years:
            before = by_name.get((each, normalize_header(goal.goal)))
            history.append(
                EarlierResult(each, None, None)
                if before is None
                else EarlierResult(
                    each, before.result, is_met(before), before.target, before.direction
                )
            )
        rows.append(
            GoalStatus(
                goal.number,
                goal.goal,
                goal.unit,
                goal.target,
                goal.result,
                goal.direction,
                is_met(goal),
                goal.comment,
                tuple(history),
            )
        )
    by_year = []
    for each in years or (year,):
        if each > year:
            break
        of_year = _with_results(goals, each)
        by_year.append(YearGoals(each, sum(1 for g in of_year if is_met(g)), len(of_year)))
    met = sum(1 for row in rows if row.met)
    return GoalFigures(year, tuple(rows), met, len(rows), tuple(by_year))

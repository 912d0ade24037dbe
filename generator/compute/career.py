"""KPI b: the hours of the one FTE set aside for Karriereby Viborg."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..reading.model import CareerHours
from . import verdicts


@dataclass(frozen=True)
class TaskHours:
    task: str
    hours: Decimal
    share: Decimal  # per cent of the hours registered


@dataclass(frozen=True)
class YearHours:
    year: int
    hours: Decimal
    fte_pct: Decimal


@dataclass(frozen=True)
class CareerFigures:
    year: int
    hours: Decimal
    fte_hours: Decimal
    fte_pct: Decimal  # hours as per cent of one FTE
    by_task: tuple[TaskHours, ...]
    by_year: tuple[YearHours, ...]  # every contract year up to the report year

    @property
    def verdict(self) -> str:
        return verdicts.career(self.hours, self.fte_hours)


def _pct(hours: Decimal, fte_hours: Decimal) -> Decimal:
    return hours * 100 / fte_hours if fte_hours else Decimal(0)


def hours_by_year(rows: tuple[CareerHours, ...], years: range) -> dict[int, Decimal]:
    totals = {year: Decimal(0) for year in years}
    for row in rows:
        if row.year in totals:
            totals[row.year] += row.hours
    return totals


def months_with_hours(rows: tuple[CareerHours, ...], year: int) -> set[int]:
    """The months of ``year`` with hours registered (a row of 0 hours is none)."""
    return {row.month for row in rows if row.year == year and row.hours > 0}


def career_figures(
    rows: tuple[CareerHours, ...], fte_hours: Decimal, year: int, years: range
) -> CareerFigures:
    """``years`` are the contract years shown beside the report year."""
    current = [row for row in rows if row.year == year]
    total = sum((row.hours for row in current), Decimal(0))
    tasks: dict[str, Decimal] = defaultdict(Decimal)
    for row in current:
        tasks[row.task] += row.hours
    by_task = tuple(
        TaskHours(task, hours, hours * 100 / total if total else Decimal(0))
        for task, hours in sorted(tasks.items(), key=lambda item: (-item[1], item[0]))
    )
    by_year = tuple(
        YearHours(each, hours, _pct(hours, fte_hours))
        for each, hours in hours_by_year(rows, years).items()
    )
    return CareerFigures(year, total, fte_hours, _pct(total, fte_hours), by_task, by_year)

"""KPI b (Karriereby hours), KPI c (CFI goals), meetings, and the texts of §3 and §4."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import CareerHours, Cooperation, FocusItem, Goal, Meeting
from ..schema import AT_MOST, COOPERATION_TYPES, FOCUS_AREAS, MEETINGS_PER_YEAR

MET, NOT_MET = "Opfyldt", "Ikke opfyldt"


@dataclass(frozen=True)
class TaskHours:
    task: str
    hours: Decimal
    share: Decimal  # per cent of the hours registered


@dataclass(frozen=True)
class CareerFigures:
    year: int
    hours: Decimal
    fte_hours: Decimal
    fte_pct: Decimal  # hours as per cent of one FTE
    by_task: tuple[TaskHours, ...]


def career_figures(rows: tuple[CareerHours, ...], fte_hours: Decimal, year: int) -> CareerFigures:
    current = [row for row in rows if row.year == year]
    total = sum((row.hours for row in current), Decimal(0))
    tasks: dict[str, Decimal] = defaultdict(Decimal)
    for row in current:
        tasks[row.task] += row.hours
    by_task = tuple(
        TaskHours(task, hours, hours * 100 / total if total else Decimal(0))
        for task, hours in sorted(tasks.items(), key=lambda item: (-item[1], item[0]))
    )
    pct = total * 100 / fte_hours if fte_hours else Decimal(0)
    return CareerFigures(year, total, fte_hours, pct, by_task)


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

    @property
    def status(self) -> str:
        return MET if self.met else NOT_MET


@dataclass(frozen=True)
class GoalFigures:
    year: int
    goals: tuple[GoalStatus, ...]
    met: int
    total: int


def _number_key(number: str) -> tuple[tuple[int, ...], str]:
    """Numbers as in the grant letter: 1, 1.1, 1.2, 2, 10 (not 10 before 2, nor 1.1 as 11)."""
    parts = tuple(int(part) for part in re.findall(r"\d+", number))
    return (parts or (10**9,), number)


def goal_figures(goals: tuple[Goal, ...], year: int) -> GoalFigures:
    """Met means at least the target, or for a 'Højst' goal at most the target."""
    rows = []
    for goal in sorted((g for g in goals if g.year == year), key=lambda g: _number_key(g.number)):
        if goal.result is None:
            continue
        met = (
            goal.result <= goal.target if goal.direction == AT_MOST else goal.result >= goal.target
        )
        rows.append(
            GoalStatus(
                goal.number,
                goal.goal,
                goal.unit,
                goal.target,
                goal.result,
                goal.direction,
                met,
                goal.comment,
            )
        )
    return GoalFigures(year, tuple(rows), sum(1 for row in rows if row.met), len(rows))


@dataclass(frozen=True)
class MeetingFigures:
    year: int
    held: int  # months with a meeting
    of: int
    dates: tuple[Meeting, ...]
    missing_months: tuple[int, ...]


def meeting_figures(meetings: tuple[Meeting, ...], year: int) -> MeetingFigures:
    current = tuple(sorted((m for m in meetings if m.date.year == year), key=lambda m: m.date))
    months = {m.date.month for m in current}
    missing = tuple(month for month in range(1, MEETINGS_PER_YEAR + 1) if month not in months)
    return MeetingFigures(year, len(months), MEETINGS_PER_YEAR, current, missing)


@dataclass(frozen=True)
class AreaText:
    area: str
    items: tuple[FocusItem, ...]


def focus_areas(items: tuple[FocusItem, ...], year: int) -> tuple[AreaText, ...]:
    """The four areas of §3 in contract order, each with the year's items (maybe none)."""
    current = [item for item in items if item.year == year]
    return tuple(
        AreaText(area, tuple(i for i in current if i.area == area)) for area in FOCUS_AREAS
    )


def cooperation_items(items: tuple[Cooperation, ...], year: int) -> tuple[Cooperation, ...]:
    order = {kind: index for index, kind in enumerate(COOPERATION_TYPES)}
    return tuple(sorted((i for i in items if i.year == year), key=lambda i: order.get(i.type, 9)))


def deadline(year: int) -> date:
    """The report for a year is due at the end of January the year after (contract §6)."""
    return date(year + 1, 1, 31)

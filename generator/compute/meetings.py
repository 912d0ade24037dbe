"""The monthly meetings between VK and VER (contract § 6)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.schema import MEETINGS_PER_YEAR
from ..reading.model import Meeting, months_met
from ..reading.period import dated_in
from . import verdicts


@dataclass(frozen=True)
class MeetingFigures:
    year: int
    held: int  # months with a meeting
    of: int
    dates: tuple[Meeting, ...]
    missing_months: tuple[int, ...]

    @property
    def verdict(self) -> str:
        return verdicts.share(self.held, self.of)


def months_with_meetings(meetings: tuple[Meeting, ...], year: int) -> set[int]:
    return months_met((m.date for m in meetings), year)


def meeting_figures(meetings: tuple[Meeting, ...], year: int) -> MeetingFigures:
    of_year = (m for m in meetings if dated_in(m.date, year))
    current = tuple(sorted(of_year, key=lambda m: m.date))
    months = months_with_meetings(current, year)
    missing = tuple(month for month in range(1, MEETINGS_PER_YEAR + 1) if month not in months)
    return MeetingFigures(year, len(months), MEETINGS_PER_YEAR, current, missing)

"""Figures as reported: a year's headline figures as its report told the committee.

Each report keeps its own year's headline figures beside it (the output
folder's manifest, ``output.record_reported``). A later report computes the
same figures for that year again from today's workbooks; where they differ
(referrals dated 2023 added after the 2023 report was made, a price rate made
final) the difference is told: on the console and in the appendix as a
warning, and in the committee document under the table where the year appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..core.wording import counted, hours, number
from .contract import ContractYear
from .overview import YearOverview

REFERRALS, HOURS, GOALS, MEETINGS, CONTRACT_SUM = (
    "henvisninger",
    "karriereby_timer",
    "resultatmaal",
    "moeder",
    "kontraktsum",
)
RATE = "pl_stigning"  # kept to tell why a contract sum changed, never compared alone


@dataclass(frozen=True)
class Revision:
    """One headline figure of an earlier year that differs from what was reported."""

    year: int  # the year the figure is for (and whose report told it)
    key: str  # REFERRALS, HOURS …
    old: str  # as the report printed it: '101', '1.871,5 timer', '3 af 5'
    new: str
    why: str | None  # what changed in the data, where it is known

    @property
    def sentence(self) -> str:
        """'Tallet for 2023 er opdateret siden afrapporteringen for 2023: 104, ikke 101.'"""
        what = SUBJECTS.get(self.key, "Tallet")
        text = (
            f"{what} for {self.year} er opdateret siden afrapporteringen for {self.year}: "
            f"{self.new}, ikke {self.old}"
        )
        return f"{text} ({self.why})." if self.why else f"{text}."


SUBJECTS = {
    REFERRALS: "Tallet",
    HOURS: "Timetallet",
    GOALS: "Antallet af opfyldte resultatmål",
    MEETINGS: "Antallet af måneder med møde",
    CONTRACT_SUM: "Kontraktsummen",
}


def headline(row: YearOverview, economy: ContractYear | None) -> dict[str, str]:
    """The figures one report tells for its own year, as exact strings for the manifest."""
    figures = {
        REFERRALS: str(row.referrals),
        HOURS: str(row.career_hours),
        GOALS: f"{row.goals_met}/{row.goals_total}",
        MEETINGS: f"{row.meetings}/{row.meetings_of}",
        CONTRACT_SUM: str(row.contract_sum),
    }
    if economy is not None and economy.rate is not None:
        figures[RATE] = str(economy.rate.rate)
    return figures


def _shown(key: str, value: str) -> str:
    """A stored figure as the report prints it."""
    if key in (GOALS, MEETINGS):
        done, _, of = value.partition("/")
        return f"{done} af {of}"
    amount = Decimal(value)
    if key == HOURS:
        return hours(amount)
    if key == CONTRACT_SUM:
        return f"{number(amount)} kr."
    return number(amount)


def _why(key: str, year: int, old: dict[str, str], new: dict[str, str]) -> str | None:
    if key == REFERRALS:
        added = int(new[key]) - int(old[key])
        verb = "er kommet til" if added > 0 else "er fjernet"
        return f"{counted(abs(added), 'henvisning')} dateret {year} {verb} i loggen siden"
    if key == CONTRACT_SUM and RATE in old and RATE in new and old[RATE] != new[RATE]:
        before, after = (number(Decimal(v), _decimals(v)) for v in (old[RATE], new[RATE]))
        return f"PL-stigningen for {year} er ændret fra {before} % til {after} %"
    return None


def _decimals(value: str) -> int:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def revisions(
    reported: dict[int, dict[str, str]],
    overview: tuple[YearOverview, ...],
    economy: tuple[ContractYear, ...],
    year: int,
) -> tuple[Revision, ...]:
    """Every headline figure of an earlier year (one reported before ``year``) that
    today's workbooks give differently. A stored entry that cannot be read is skipped:
    the manifest is a help, never a reason to stop."""
    years = {row.year: row for row in overview}
    sums = {entry.year: entry for entry in economy}
    found = []
    for each in sorted(reported):
        if each >= year or each not in years:
            continue
        old, new = reported[each], headline(years[each], sums.get(each))
        for key in (REFERRALS, HOURS, GOALS, MEETINGS, CONTRACT_SUM):
            if key not in old or old[key] == new[key]:
                continue
            try:
                if key not in (GOALS, MEETINGS) and Decimal(old[key]) == Decimal(new[key]):
                    continue
                found.append(
                    Revision(
                        each, key, _shown(key, old[key]), _shown(key, new[key]),
                        _why(key, each, old, new),
                    )
                )  # fmt: skip
            except (InvalidOperation, ValueError, TypeError):
                continue
    return tuple(found)

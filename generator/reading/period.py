"""The contract period: which years are this contract's business.

Reading, checking, computing and ``ny`` share one answer to four
questions: which years belong to the contract (Første år to Sidste år),
which year a run reports on (``choose_report_year``), which price-index
years a report needs (Prisniveau + 1 to the report year), and which rows of
a workbook fall outside.

A log carried on from an earlier period is normal: the advisers keep one
referral log for years. So the rows outside the period are set aside once,
between reading and checking, and counted in one line per workbook; they
are never checked, warned about row by row, counted or shown. Only the
referrals of the year just before the period stay at hand, so that a
period's first year can still be compared with the year before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any

from ..core.actions import Action, how_to
from ..core.problems import CannotContinue, Problem, cell_position
from ..core.schema import (
    CAREER,
    COOPERATION,
    EARMARKS,
    FOCUS,
    GOALS,
    KEY_FIGURES,
    KONTRAKT,
    MEETINGS,
    PRICE_INDEX,
    REFERRALS,
    WORKBOOKS,
    Kind,
    Sheet,
)
from ..core.wording import noun, year_range
from ..core.wording import number as count
from . import Inputs, Row, Table

# The years ``ny`` and the year cells accept (the workbooks' own validation says the same).
EARLIEST, LATEST = 2000, 2100

# The dated sheets whose rows outside the period are set aside and counted (the
# price index is filtered too, silently). Key figures are shown over the period's
# years only, so theirs are set aside as well.
DATED_SHEETS: tuple[Sheet, ...] = (
    EARMARKS,
    REFERRALS,
    GOALS,
    CAREER,
    FOCUS,
    COOPERATION,
    MEETINGS,
    KEY_FIGURES,
)
# What the count line calls a sheet's rows; other sheets' are "rækker".
COUNT_WORDS = {
    EARMARKS.name: ("øremærkning", "øremærkninger"),
    REFERRALS.name: ("henvisning", "henvisninger"),
}
ROW_WORDS = ("række", "rækker")


@dataclass(frozen=True)
class Period:
    """Første år to Sidste år, and the price level the base amount is given in."""

    first: int
    last: int
    price_level: int | None = None  # None when the setting cannot be read

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)

    def __contains__(self, year: object) -> bool:
        return year in self.years

    @property
    def label(self) -> str:
        """``2024–2027``, as the report and the console write a period."""
        return year_range(self.first, self.last)

    def price_index_years(self, report_year: int | None = None) -> range:
        """The years whose rate the contract sum needs: after the price level, up to
        the report year (or, for the whole period, its last year)."""
        level = self.first if self.price_level is None else self.price_level
        return range(level + 1, (self.last if report_year is None else report_year) + 1)


PERIOD_TEXT = re.compile(r"\s*(\d{4})\s*[-\u2010-\u2015]\s*(\d{4})\s*")


def parse_period(text: str) -> Period:
    """``2024-2027`` or ``2024–2027`` → a period priced at its first year.

    Raises ``ValueError`` with a Danish message the command line shows as it is.
    """
    match = PERIOD_TEXT.fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' er ikke en periode. Skriv første og sidste år, fx 2024-2027")
    first, last = int(match[1]), int(match[2])
    if not (EARLIEST <= first <= LATEST and EARLIEST <= last <= LATEST):
        raise ValueError(
            f"{text.strip()}: skriv årstal mellem {EARLIEST} og {LATEST}, fx 2024-2027"
        )
    if last < first:
        raise ValueError(
            f"{text.strip()}: det sidste år ligger før det første. Skriv fx {last}-{first}"
        )
    return Period(first, last, first)


# --------------------------------------------------------------------------- report year


class Why(Enum):
    """Why a run reports on the year it does."""

    REQUESTED = "requested"  # the author chose it
    LATEST = "latest"  # the last whole calendar year, inside the period
    PERIOD_OVER = "period over"  # the period ended more than a year ago: its last year
    NOT_YET = "not yet"  # the period has no whole year yet (its first January)
    OUTSIDE = "outside"  # the author chose a year outside the period
    NO_PERIOD = "no period"  # the period cannot be read: the year just ended


@dataclass(frozen=True)
class YearChoice:
    """The report year of a run, and why: what ``lav``, ``tjek``, ``ny``, the texts
    file and the error report's name all go by.

    ``year`` is always a year: for ``NOT_YET`` the period's first year (the one
    ``ny`` writes the texts for), for ``OUTSIDE`` the year asked for.
    """

    year: int
    why: Why
    period: Period | None = None
    unfinished: bool = False  # the year asked for is not over yet

    @property
    def reportable(self) -> bool:
        """A report (or a check) can be made for ``year`` today."""
        return self.why not in (Why.NOT_YET, Why.OUTSIDE)

    def reason(self) -> str:
        """What follows the year in "Rapporten laves for 2023 – …" (no full stop)."""
        label = self.period.label if self.period else ""
        if self.why is Why.REQUESTED:
            return ", som du har valgt" + (" (året er ikke slut endnu)" if self.unfinished else "")
        if self.why is Why.LATEST:
            return f" – det seneste hele år i kontraktperioden {label}"
        if self.why is Why.PERIOD_OVER:
            return f" – det sidste år i kontraktperioden {label}, som er slut"
        if self.why is Why.NOT_YET:
            return f" – det første år i kontraktperioden {label}, som ikke er slut endnu"
        if self.why is Why.OUTSIDE:
            return f", som ligger uden for kontraktperioden {label}"
        return f" – året, der sidst er gået (kontraktperioden kan ikke læses i {KONTRAKT.filename})"

    def sentence(self, lead: str) -> str:
        """``lead`` ("Rapporten laves for") with the year and why, as a sentence."""
        return f"{lead} {self.year}{self.reason()}."

    def another(self) -> str:
        """How to choose another year, and a pointer when the period seems over."""
        line = f"Et andet år: {how_to(Action.OTHER_YEAR)}."
        if self.why is Why.PERIOD_OVER:
            line += f" Er en ny kontraktperiode begyndt: {how_to(Action.NEW_PERIOD)}."
        return line

    def stop(self, folder: object) -> CannotContinue:
        """Why no report can be made for ``year`` (``reportable`` is False)."""
        period = self.period
        assert period is not None and not self.reportable
        if self.why is Why.NOT_YET:
            return CannotContinue(
                f"Kontraktperioden {period.label} har endnu ikke et helt år at rapportere "
                f"for: {period.first} er ikke slut. Rapporten for {period.first - 1} hører "
                "til den forrige kontraktperiode og laves fra dens projektmapper: læg dem i "
                f"mappen '{folder}' i stedet for denne periodes, og {how_to(Action.REPORT)}. "
                f"Vil du se {period.first} indtil nu, så {how_to(Action.STATUS)}."
            )
        other = (
            "Rapporten for et år i en tidligere periode laves fra den periodes "
            f"projektmapper: læg dem i mappen '{folder}', og {how_to(Action.OTHER_YEAR)}."
            if self.year < period.first
            else f"Begynder en ny kontraktperiode: {how_to(Action.NEW_PERIOD)}."
        )
        return CannotContinue(
            f"{self.year} ligger uden for kontraktperioden {period.label}. Vælg et år i "
            f"perioden, eller ret 'Første år' og 'Sidste år' i {KONTRAKT.filename}. {other}"
        )


def dated_in(when: date | None, year: int) -> bool:
    """A dated row (a referral, a meeting) belongs to ``year``. The one rule, for the
    checks on the rows read and for compute on the typed records."""
    return when is not None and when.year == year


def in_future(when: date | None, today: date) -> bool:
    """A date after ``today``: an error whatever the period (a date of today is not).
    The one rule, for the check that reports it and for setting aside, which keeps it."""
    return when is not None and when > today


def choose_report_year(period: Period | None, today: date, requested: int | None) -> YearChoice:
    """The one rule for the report year.

    The year asked for, when the author asks; else the last whole calendar year
    before ``today`` that lies in ``period``: rows dated this year never pull it
    forward (the log is kept all year, so a January run already has January's
    referrals). After the period, its last year; before its first whole year
    (a new period's first January), none yet (``NOT_YET``). Without a readable
    period, the year just ended.
    """
    ended = today.year - 1
    unfinished = requested is not None and requested > ended
    if period is None:
        year = ended if requested is None else requested
        return YearChoice(year, _asked(requested), None, unfinished)
    if requested is not None:
        why = Why.REQUESTED if requested in period else Why.OUTSIDE
        return YearChoice(requested, why, period, unfinished)
    if ended < period.first:
        return YearChoice(period.first, Why.NOT_YET, period)
    if ended > period.last:
        return YearChoice(period.last, Why.PERIOD_OVER, period)
    return YearChoice(ended, Why.LATEST, period)


def _asked(requested: int | None) -> Why:
    return Why.NO_PERIOD if requested is None else Why.REQUESTED


# ------------------------------------------------------------------------- setting aside


@dataclass(frozen=True)
class Outside:
    """What fell outside the period: counts for the console, and the referrals of the
    year just before it (compared with, never counted)."""

    period: Period
    counts: Mapping[str, tuple[int, int]]  # sheet -> (before, after)
    rows: Mapping[str, frozenset[int]]  # sheet -> row numbers set aside
    year_before: Table | None  # None when no referral of that year was set aside

    def lines(self) -> list[str]:
        """One line per workbook that had rows outside the period, in workbook order."""
        by_file: dict[str, list[tuple[Sheet, int, int]]] = {}
        for sheet in DATED_SHEETS:
            before, after = self.counts.get(sheet.name, (0, 0))
            if before or after:
                by_file.setdefault(_file_of(sheet), []).append((sheet, before, after))
        return [self._line(file, sheets) for file, sheets in by_file.items()]

    def _line(self, file: str, sheets: list[tuple[Sheet, int, int]]) -> str:
        """``henvisninger.xlsx: 373 henvisninger før 2024 indgår ikke; …``"""
        before, after = sum(s[1] for s in sheets), sum(s[2] for s in sheets)
        single = len(sheets) == 1 and sheets[0][0].name in COUNT_WORDS
        words = COUNT_WORDS[sheets[0][0].name] if single else ROW_WORDS
        first, last = self.period.first, self.period.last
        parts = [f"{count(before)} {noun(before, *words)} før {first}"] if before else []
        if after:  # the noun is said once: "373 henvisninger før 2024 og 5 efter 2027"
            said = f" {noun(after, *words)}" if not before else ""
            parts.append(f"{count(after)}{said} efter {last}")
        detail = ""
        if not single:
            detail = " (" + ", ".join(f"{s.name} {count(b + a)}" for s, b, a in sheets) + ")"
        hint = ""
        if after:
            hint = (
                f" Hører de til en ny kontraktperiode, så begynd den: {how_to(Action.NEW_PERIOD)}."
            )
        return (
            f"{file}: {' og '.join(parts)} indgår ikke{detail}; "
            f"kontraktperioden er {self.period.label}.{hint}"
        )

    def keep(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems that are not about a row set aside."""
        return [problem for problem in problems if not self._about_set_aside(problem)]

    def _about_set_aside(self, problem: Problem) -> bool:
        numbers = self.rows.get(problem.sheet or "")
        if not numbers or problem.cell is None:
            return False
        return cell_position(problem.cell)[0] + 1 in numbers


def set_aside(inputs: Inputs, period: Period, today: date) -> tuple[Inputs, Outside]:
    """``inputs`` without the rows outside ``period`` (a new ``Inputs``; the one read
    is left as it was), and what was set aside.

    A row whose year cannot be read stays (its problem is reported); so does a
    date after ``today``, which is an error whatever the period.
    """
    rates = period.price_index_years()
    bounded = [(PRICE_INDEX, rates.start, rates.stop - 1)]
    bounded += [(sheet, period.first, period.last) for sheet in DATED_SHEETS]
    tables = dict(inputs.tables)
    counts: dict[str, tuple[int, int]] = {}
    rows: dict[str, frozenset[int]] = {}
    year_before = None
    for sheet, first, last in bounded:
        table = inputs.table(sheet.name)
        if table is None:
            continue
        key = sheet.year_from or ""
        bounds: tuple[date, date] | tuple[int, int]
        if sheet.column(key).kind is Kind.DATE:
            bounds = (date(first, 1, 1), date(last, 12, 31))
        else:
            bounds = (first, last)
        kept, dropped = _split(table, key, bounds, today)
        if not dropped:
            continue
        tables[sheet.name] = replace(table, rows=kept)
        rows[table.sheet] = frozenset(row.number for row in dropped)
        if sheet == PRICE_INDEX:
            continue  # other periods' rates are simply not this contract's: nothing to tell
        low: Any = bounds[0]
        # a dropped row has a value: an unread one (None) is kept
        before = sum(1 for row in dropped if row.values[key] < low)
        counts[sheet.name] = (before, len(dropped) - before)
        if sheet == REFERRALS:  # dated: the year before starts on its 1 January
            start = date(period.first - 1, 1, 1)
            earlier = [row for row in dropped if start <= row.values[key] < low]
            year_before = Table(table.file, table.sheet, table.columns, tuple(earlier))
    outside = Outside(period, MappingProxyType(counts), MappingProxyType(rows), year_before)
    return replace(inputs, tables=tables), outside


def _split(
    table: Table, key: str, bounds: tuple[Any, Any], today: date
) -> tuple[tuple[Row, ...], list[Row]]:
    """The rows inside ``bounds`` (or unreadable, or in the future), and the rest.

    ``key`` is the sheet's year or date column: its kind is declared, so the values of
    one sheet compare with each other and with the bounds; None is a value unread."""
    low, high = bounds
    rows = table.rows
    # One pass in the common case, where every row belongs (a log of 100,000 rows).
    inside = [row for row in rows if (v := row.values.get(key)) is None or low <= v <= high]
    if len(inside) == len(rows):
        return rows, []
    # A date after today stays, to be reported as an error whatever its period.
    dated = isinstance(high, date)
    kept: list[Row] = []
    dropped: list[Row] = []
    for row in rows:
        value = row.values.get(key)
        belongs = value is None or low <= value <= high or (dated and in_future(value, today))
        (kept if belongs else dropped).append(row)
    return tuple(kept), dropped


def _file_of(sheet: Sheet) -> str:
    return next(wb.filename for wb in WORKBOOKS if sheet in wb.sheets)

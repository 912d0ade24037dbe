"""Typed records built from the read tables: what the compute stage works on.

Rows whose required values could not be read are left out here; they have
already produced an error, so no report is made from a partial dataset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from ..core.schema import (
    CAREER,
    CONTRACT_POINTS,
    COOPERATION,
    EARMARKS,
    FOCUS,
    GOALS,
    KEY_FIGURES,
    LISTS,
    MEETINGS,
    PRICE_INDEX,
    REFERRALS,
    Sheet,
    normalize_header,
)
from . import Inputs, Table
from .period import Period, dated_in


@dataclass(frozen=True)
class Settings:
    municipality: str
    counterpart: str
    municipality_short: str
    counterpart_short: str
    base_amount: Decimal
    price_level: int
    first_year: int
    last_year: int
    hours_per_fte: Decimal
    rounding: int
    committee: str
    example_data: bool

    def contract_years(self) -> range:
        return self.period.years

    @property
    def period(self) -> Period:
        return Period(self.first_year, self.last_year, self.price_level)


@dataclass(frozen=True)
class Contract:
    """The contract's settings sheet, read once: the period, the checks, the
    dataset and ``ny`` all go by this record."""

    values: Mapping[str, object]  # each setting that could be read, by column key
    period: Period | None  # readable even when other settings are not
    settings: Settings | None  # None when a setting is missing or unreadable (an error)


def contract_of(table: Table | None) -> Contract:
    """The settings sheet's rows (one setting each) as one typed record."""
    values = {
        key: value for row in (table.rows if table else ()) for key, value in row.values.items()
    }
    return Contract(MappingProxyType(values), _period(values), _settings(values))


def _period(values: Mapping[str, object]) -> Period | None:
    """The period, readable even when other settings are not (an empty Grundbeløb
    must not let 373 old referrals through as well)."""
    first, last, level = (values.get(k) for k in ("first_year", "last_year", "price_level"))
    if not (isinstance(first, int) and isinstance(last, int)) or last < first:
        return None  # an impossible period is reported by the settings check, once
    return Period(first, last, level if isinstance(level, int) else None)


def _settings(values: Mapping[str, object]) -> Settings | None:
    names = [f.name for f in fields(Settings)]
    if any(values.get(name) is None for name in names):
        return None
    typed: dict[str, Any] = {name: values[name] for name in names}  # typed by reading
    return Settings(**typed)


class PriceRate(NamedTuple):
    """A year's rate; only the years whose rate is known (a later year's rate may
    be left blank until KL publishes it: the checks say when it is needed)."""

    year: int
    rate: Decimal
    source: str | None
    status: str


class Earmark(NamedTuple):
    year: int
    amount: Decimal
    purpose: str
    regulated: bool


class Referral(NamedTuple):
    date: date
    company: str
    cvr: str | None
    recipient: str
    topic: str
    adviser: str | None
    note: str | None


class Goal(NamedTuple):
    year: int
    number: str
    goal: str
    unit: str | None
    target: Decimal
    result: Decimal | None
    direction: str
    comment: str | None


class CareerHours(NamedTuple):
    year: int
    month: int
    task: str
    hours: Decimal
    note: str | None


class ContractPoint(NamedTuple):
    number: str
    area: str
    point: str


class FocusItem(NamedTuple):
    """A contract point's status in a year (the Indsatser sheet)."""

    year: int
    point: str
    status: str
    description: str | None


class KeyFigure(NamedTuple):
    year: int
    name: str
    value: Decimal
    unit: str | None
    comment: str | None


class Cooperation(NamedTuple):
    year: int
    type: str
    title: str
    description: str | None


class Meeting(NamedTuple):
    date: date
    topics: str | None


def months_met(dates: Iterable[date | None], year: int) -> set[int]:
    """The months of ``year`` with a meeting, from the meetings' dates: the one rule
    for the check that warns of missing months and for the figures that count them."""
    return {when.month for when in dates if when is not None and dated_in(when, year)}


@dataclass(frozen=True)
class Dataset:
    rates: tuple[PriceRate, ...]
    earmarks: tuple[Earmark, ...]
    referrals: tuple[Referral, ...]
    recipient_types: dict[str, str]  # recipient -> type, from the lists sheet
    topics: tuple[str, ...]
    goals: tuple[Goal, ...]
    career_hours: tuple[CareerHours, ...]
    focus_items: tuple[FocusItem, ...]
    cooperation: tuple[Cooperation, ...]
    meetings: tuple[Meeting, ...]
    # The referrals of the year just before the period: only ever compared with.
    year_before: tuple[Referral, ...] = ()
    contract_points: tuple[ContractPoint, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()


def _records(
    table: Table | None, sheet: Sheet, cls: type[Any], known: tuple[str, ...] = ()
) -> tuple[Any, ...]:
    """One ``cls`` per row that has every value ``sheet`` requires (and those named in
    ``known``); the optional ones may be None. ``cls``'s fields are the sheet's
    column keys, in order."""
    if table is None:
        return ()
    names = cls._fields
    required = [c.key for c in sheet.columns if c.required or c.key in known]
    return tuple(
        cls._make([row.values.get(n) for n in names])
        for row in table.rows
        if all(row.values.get(n) is not None for n in required)
    )


def _sheet(inputs: Inputs, sheet: Sheet, cls: type, known: tuple[str, ...] = ()) -> tuple[Any, ...]:
    return _records(inputs.table(sheet.name), sheet, cls, known)


def _lists(table: Table | None) -> tuple[dict[str, str], tuple[str, ...]]:
    if table is None:
        return {}, ()
    # Keyed like the checks' vocabularies: the first spelling of an entry wins.
    types: dict[str, tuple[str, str]] = {}
    topics: dict[str, str] = {}
    for row in table.rows:
        recipient, kind, topic = (
            row.values.get(k) for k in ("recipient", "recipient_type", "topic")
        )
        if recipient and kind:
            types.setdefault(normalize_header(recipient), (recipient, kind))
        if topic:
            topics.setdefault(normalize_header(topic), topic)
    return dict(types.values()), tuple(topics.values())


def _on_the_lists(
    referrals: tuple[Referral, ...], recipient_types: dict[str, str], topics: tuple[str, ...]
) -> tuple[Referral, ...]:
    """The year before the period is compared with, never checked: a referral whose
    recipient or topic is not on this period's lists is left out of the comparison."""
    return tuple(
        referral
        for referral in referrals
        if (not recipient_types or referral.recipient in recipient_types)
        and (not topics or referral.topic in topics)
    )


def build_dataset(inputs: Inputs, year_before: Table | None = None) -> Dataset:
    """The typed records of every table sheet (the settings are the ``Contract``'s).
    ``year_before`` holds the referrals of the year before the period, set aside."""
    recipient_types, topics = _lists(inputs.table(LISTS.name))
    return Dataset(
        rates=_sheet(inputs, PRICE_INDEX, PriceRate, ("rate",)),
        earmarks=_sheet(inputs, EARMARKS, Earmark),
        referrals=_sheet(inputs, REFERRALS, Referral),
        recipient_types=recipient_types,
        topics=topics,
        goals=_sheet(inputs, GOALS, Goal),
        career_hours=_sheet(inputs, CAREER, CareerHours),
        focus_items=_sheet(inputs, FOCUS, FocusItem),
        cooperation=_sheet(inputs, COOPERATION, Cooperation),
        meetings=_sheet(inputs, MEETINGS, Meeting),
        year_before=_on_the_lists(
            _records(year_before, REFERRALS, Referral), recipient_types, topics
        ),
        contract_points=_sheet(inputs, CONTRACT_POINTS, ContractPoint),
        key_figures=_sheet(inputs, KEY_FIGURES, KeyFigure),
    )

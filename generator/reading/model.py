"""Typed records built from the read tables: what the compute stage works on.

Rows whose required values could not be read are left out here; they have
already produced an error, so no report is made from a partial dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from operator import itemgetter
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
    normalize_header,
)
from . import Inputs, Table
from .period import Period


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


class PriceRate(NamedTuple):
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


@dataclass(frozen=True)
class Dataset:
    settings: Settings | None
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


def _records(table: Table | None, cls: type) -> tuple[Any, ...]:
    """One ``cls`` per row that has every required field; optional fields may be None."""
    if table is None:
        return ()
    names = cls._fields
    required = [n for n in names if "None" not in str(cls.__annotations__[n])]
    if not table.rows or not set(names) <= set(table.rows[0].values):
        # a column is missing (already an error): read what there is, slowly
        return tuple(
            cls._make([row.values.get(n) for n in names])
            for row in table.rows
            if all(row.values.get(n) is not None for n in required)
        )
    # itemgetter pulls every field in one C call: this runs once per referral.
    fields_of, required_of = itemgetter(*names), itemgetter(*required, required[0])
    make = cls._make
    return tuple(
        make(fields_of(row.values)) for row in table.rows if None not in required_of(row.values)
    )


def settings_from(table: Table | None) -> Settings | None:
    if table is None:
        return None
    values = {key: value for row in table.rows for key, value in row.values.items()}
    names = [f.name for f in fields(Settings)]
    if any(values.get(name) is None for name in names):
        return None
    return Settings(**{name: values[name] for name in names})


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


def build_dataset(
    inputs: Inputs, settings: Settings | None, year_before: Table | None = None
) -> Dataset:
    """The typed records; ``settings`` are the ones already read by the caller.
    ``year_before`` holds the referrals of the year before the period, set aside."""
    recipient_types, topics = _lists(inputs.table(LISTS.name))
    return Dataset(
        settings=settings,
        rates=_records(inputs.table(PRICE_INDEX.name), PriceRate),
        earmarks=_records(inputs.table(EARMARKS.name), Earmark),
        referrals=_records(inputs.table(REFERRALS.name), Referral),
        recipient_types=recipient_types,
        topics=topics,
        goals=_records(inputs.table(GOALS.name), Goal),
        career_hours=_records(inputs.table(CAREER.name), CareerHours),
        focus_items=_records(inputs.table(FOCUS.name), FocusItem),
        cooperation=_records(inputs.table(COOPERATION.name), Cooperation),
        meetings=_records(inputs.table(MEETINGS.name), Meeting),
        year_before=_on_the_lists(_records(year_before, Referral), recipient_types, topics),
        contract_points=_records(inputs.table(CONTRACT_POINTS.name), ContractPoint),
        key_figures=_records(inputs.table(KEY_FIGURES.name), KeyFigure),
    )

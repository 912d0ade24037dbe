"""The typed records: which rows make a record is the schema's word alone.

A record's fields are its sheet's column keys, in order; a row missing a value the
schema requires is left out (reading has reported it), and a row missing only an
optional value is kept with None in its place.
"""

from __future__ import annotations

import types
import typing
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.schema import (
    CAREER,
    CONTRACT_POINTS,
    COOPERATION,
    EARMARKS,
    FOCUS,
    GOALS,
    KEY_FIGURES,
    MEETINGS,
    PRICE_INDEX,
    REFERRALS,
    SETTINGS_SHEET,
)
from generator.reading import Inputs, Row, Table
from generator.reading.model import (
    CareerHours,
    ContractPoint,
    Cooperation,
    Earmark,
    FocusItem,
    Goal,
    KeyFigure,
    Meeting,
    PriceRate,
    Referral,
    build_dataset,
    contract_of,
)
from generator.reading.period import Period, set_aside

RECORDS = [
    (PRICE_INDEX, PriceRate),
    (EARMARKS, Earmark),
    (REFERRALS, Referral),
    (GOALS, Goal),
    (CAREER, CareerHours),
    (FOCUS, FocusItem),
    (COOPERATION, Cooperation),
    (MEETINGS, Meeting),
    (CONTRACT_POINTS, ContractPoint),
    (KEY_FIGURES, KeyFigure),
]
# A price index row may leave its rate blank (KL has not published it yet); a
# record is made only of a rate that is known.
KNOWN = {(PRICE_INDEX.name, "rate")}


def optional(hint: object) -> bool:
    return isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)


@pytest.mark.parametrize(("sheet", "record"), RECORDS, ids=[s.name for s, _ in RECORDS])
def test_each_record_has_its_sheets_columns_and_none_only_where_the_schema_allows(sheet, record):
    assert record._fields == tuple(column.key for column in sheet.columns)
    hints = typing.get_type_hints(record)
    for column in sheet.columns:
        allowed = not column.required and (sheet.name, column.key) not in KNOWN
        assert optional(hints[column.key]) is allowed, (sheet.name, column.key)


def inputs_with(sheet_name: str, rows: list[dict[str, object]]) -> Inputs:
    keys = list(rows[0])
    columns = {key: index for index, key in enumerate(keys)}
    table_rows = tuple(Row(number, values) for number, values in enumerate(rows, start=2))
    table = Table("henvisninger.xlsx", sheet_name, columns, table_rows)
    return Inputs(Path("input"), tables={sheet_name: table})


def referral(**values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "date": date(2023, 3, 1),
        "company": "Firma ApS",
        "cvr": None,
        "recipient": "Erhvervshus Midtjylland",
        "topic": "Eksport",
        "adviser": None,
        "note": None,
    }
    return row | values


def test_a_row_missing_an_optional_value_is_kept_and_one_missing_a_required_value_is_not():
    rows = [referral(), referral(topic=None), referral(company="Andet ApS", cvr="12345678")]
    dataset = build_dataset(inputs_with(REFERRALS.name, rows))
    assert [(r.company, r.cvr, r.topic) for r in dataset.referrals] == [
        ("Firma ApS", None, "Eksport"),
        ("Andet ApS", "12345678", "Eksport"),
    ]


def test_a_year_whose_rate_is_blank_has_no_rate_record():
    rows = [
        {"year": 2021, "rate": Decimal("2.1"), "source": None, "status": "Endelig"},
        {"year": 2022, "rate": None, "source": None, "status": "Skøn"},
    ]
    dataset = build_dataset(inputs_with(PRICE_INDEX.name, rows))
    assert [(r.year, r.rate) for r in dataset.rates] == [(2021, Decimal("2.1"))]


def settings_table(values: dict[str, object]) -> Table:
    rows = tuple(Row(number, {key: value}) for number, (key, value) in enumerate(values.items(), 2))
    return Table("kontrakt.xlsx", SETTINGS_SHEET.name, {key: 1 for key in values}, rows)


def test_the_contract_is_read_once_the_period_even_without_the_other_settings():
    contract = contract_of(settings_table({"first_year": 2024, "last_year": 2027}))
    assert contract.period == Period(2024, 2027, None)
    assert contract.settings is None
    assert dict(contract.values) == {"first_year": 2024, "last_year": 2027}
    with pytest.raises(FrozenInstanceError):
        contract.period = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        contract.values["first_year"] = 2020  # type: ignore[index]


def test_an_impossible_period_is_no_period():
    assert contract_of(settings_table({"first_year": 2027, "last_year": 2024})).period is None
    assert contract_of(None).period is None


def test_setting_aside_other_periods_leaves_the_inputs_read_as_they_were():
    rows = [referral(date=date(2019, 6, 1)), referral(), referral(date=date(2024, 2, 1))]
    read = inputs_with(REFERRALS.name, rows)
    kept, outside = set_aside(read, Period(2020, 2023, 2020), date(2024, 3, 1))
    assert [row.number for row in read.tables[REFERRALS.name].rows] == [2, 3, 4]
    assert [row.number for row in kept.tables[REFERRALS.name].rows] == [3]
    assert outside.counts[REFERRALS.name] == (1, 1)
    assert outside.rows[REFERRALS.name] == {2, 4}
    assert outside.year_before is not None
    assert [row.number for row in outside.year_before.rows] == [2]


def test_no_module_reads_required_fields_from_type_annotations():
    """The schema says which values a record needs; annotations only describe it."""
    source = Path(__file__).resolve().parent.parent / "generator"
    readers = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if "__annotations__" in path.read_text(encoding="utf-8")
        or "get_type_hints" in path.read_text(encoding="utf-8")
    ]
    assert readers == []

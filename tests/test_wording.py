"""One Danish formatter for the console and the report: words, dashes, decimals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from generator.core.wording import (
    MONTH_NAMES,
    as_decimal,
    as_in_excel,
    as_written,
    counted,
    hours,
    kroner,
    long_date,
    month_label,
    month_name,
    noun,
    number,
    shortened,
    timestamp,
    year_range,
)


@pytest.mark.parametrize(
    ("count", "singular", "expected"),
    [
        (0, "advarsel", "0 advarsler"),
        (1, "advarsel", "1 advarsel"),
        (2, "advarsel", "2 advarsler"),
        (1, "fejl", "1 fejl"),
        (3, "fejl", "3 fejl"),
        (1, "henvisning", "1 henvisning"),
        (1234, "henvisning", "1.234 henvisninger"),
    ],
)
def test_a_count_takes_the_singular_only_for_exactly_one(count, singular, expected):
    assert counted(count, singular) == expected


def test_an_unlisted_noun_can_bring_its_own_plural():
    assert noun(2, "iværksætter", "iværksættere") == "iværksættere"


def test_a_year_range_has_an_en_dash():
    assert year_range(2024, 2027) == "2024\u20132027"
    assert year_range(2024, 2024) == "2024"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1884, "1.884,0 timer"),
        (Decimal("1884.04"), "1.884,0 timer"),
        (1883.95, "1.884,0 timer"),  # half up, from the decimal as written
        (7.25, "7,3 timer"),
        (0, "0,0 timer"),
    ],
)
def test_hours_always_have_one_decimal(value, expected):
    assert hours(value) == expected


def test_numbers_group_thousands_round_half_up_and_use_a_real_minus():
    assert number(2762000) == "2.762.000"
    assert number(Decimal("1504.5")) == "1.505"
    assert number(-2.5) == "\u22123"
    assert number(3.14159, 2) == "3,14"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (7, "7"), (2762000, "2.762.000"), (Decimal("1504.5"), "1.505"), (-2.5, "\u22123"),
     (Decimal("-0.4"), "0"), (None, ""), ("", "")],
)  # fmt: skip
def test_a_whole_number_is_grouped_by_thousands_and_rounded_half_up(value, expected):
    assert number(value) == expected


def test_the_report_filters_write_numbers_with_the_console_s_formatter():
    from generator.render.formatting import FILTERS

    assert FILTERS["tal"] is number
    assert FILTERS["tal"](Decimal("-0.04"), 1) == "0,0"  # never a negative zero
    assert FILTERS["faktor"](Decimal("1.0455370")) == "1,0455"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234.5, "1.234,5"), (Decimal("1924.00"), "1.924"), (Decimal("0.029"), "0,029"),
     (Decimal("-5"), "-5"), (100, "100"), (Decimal("1E+4"), "10.000"),
     (Decimal("123456.123456789"), "123.456,123456789")],
)  # fmt: skip
def test_a_value_quoted_in_a_message_keeps_every_decimal_it_has(value, expected):
    assert as_written(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2762000, "2.762.000 kr."), (Decimal("1504.5"), "1.505 kr."), (Decimal("-1504.5"),
     "\u22121.505 kr."), (Decimal("0.4"), "0 kr."), (None, ""), ("", "")],
)  # fmt: skip
def test_kroner_are_whole_grouped_and_half_up(value, expected):
    assert kroner(value) == expected


def test_counts_with_decimals_take_the_singular_only_for_exactly_one():
    assert counted(Decimal("1.0"), "time", decimals=1) == "1,0 time"
    assert counted(Decimal("1.04"), "time", decimals=1) == "1,0 timer"
    assert counted(None, "time") == ""


def test_month_names_are_danish_and_january_first():
    assert MONTH_NAMES[0] == "januar" and MONTH_NAMES[2] == "marts"
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[-1] == "december"
    assert month_name(5) == "maj" and month_label(5) == "Maj"


def test_dates_are_written_out_with_danish_month_names():
    assert long_date(date(2025, 3, 1)) == "1. marts 2025"
    assert long_date(None) == ""
    assert timestamp(datetime(2026, 11, 27, 9, 5)) == "27. november 2026 kl. 09.05"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234.5, "1234,5"), (7.0, "7"), (-0.25, "-0,25"), (2e15, "2e+15"), (1.5e16, "1,5e+16")],
)
def test_a_cell_s_number_is_quoted_as_excel_shows_it(value, expected):
    assert as_in_excel(value) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Innovationsmiljøer", 18, "Innovationsmiljøer"),  # exactly the limit: kept whole
        ("Innovationsmiljøer", 17, "Innovationsmiljø…"),  # the ellipsis counts
        ("Erhvervshus Midtjylland", 13, "Erhvervshus…"),  # no space before the ellipsis
        ("", 5, ""),
    ],
)
def test_a_long_text_is_cut_to_its_limit_with_an_ellipsis(text, limit, expected):
    assert shortened(text, limit) == expected
    assert len(shortened(text, limit)) <= limit


def test_a_value_is_computed_with_as_the_decimal_it_was_written_as():
    assert as_decimal(1883.95) == Decimal("1883.95")  # not the float's binary neighbour
    assert as_decimal(2) == Decimal(2)
    assert as_decimal("1.275") == Decimal("1.275")
    exact = Decimal("0.50")
    assert as_decimal(exact) is exact

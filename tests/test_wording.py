"""One Danish formatter for the console and the report: words, dashes, decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.wording import counted, hours, noun, number, year_range


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
    ("value", "decimals"),
    [(0, 0), (7, 0), (2762000, 0), (Decimal("1504.5"), 0), (-2.5, 0), (1883.95, 1),
     (Decimal("-0.04"), 1), (3.14159, 2), (Decimal("1.0455370"), 4)],
)  # fmt: skip
def test_the_console_and_the_report_write_a_number_alike(value, decimals):
    """The console's writer (no Babel) and the report's filter (Babel) give one text."""
    from generator.render.formatting import number as report_number

    assert number(value, decimals) == report_number(value, decimals)

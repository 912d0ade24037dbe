"""Danish formatting of numbers, money, per cent and dates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from generator.render import formatting as fmt


def test_money_uses_dots_for_thousands_and_kr():
    assert fmt.kroner(Decimal(2762000)) == "2.762.000 kr."
    assert fmt.kroner(Decimal("1504.5")) == "1.505 kr."  # half up, not Babel's half even


def test_percent_has_a_comma_and_a_space():
    assert fmt.percent(Decimal("3.41")) == "3,4 %"
    assert fmt.percent(Decimal("0.05")) == "0,1 %"


def test_numbers_and_signs():
    assert fmt.number(1234) == "1.234"
    assert fmt.number(Decimal("1234.56"), 1) == "1.234,6"
    assert fmt.signed(12) == "+12"
    assert fmt.signed(-5) == "\u22125"
    assert fmt.signed(0) == "0"
    assert fmt.smart_number(Decimal("1.9")) == "1,9"
    assert fmt.smart_number(Decimal("40")) == "40"


def test_dates_are_written_out_in_danish():
    assert fmt.long_date(date(2025, 1, 31)) == "31. januar 2025"
    assert fmt.short_date(date(2025, 1, 31)) == "31-01-2025"
    assert fmt.timestamp(datetime(2026, 11, 27, 14, 5)) == "27. november 2026 kl. 14.05"


def test_the_regulation_factor_shows_four_decimals():
    assert fmt.factor(Decimal("1.090418952")) == "1,0904"


def test_counts_take_the_noun_in_the_right_number():
    assert fmt.count(1, "henvisning") == "1 henvisning"
    assert fmt.count(2, "henvisning") == "2 henvisninger"
    assert fmt.count(Decimal("1871.5"), "time", 1) == "1.871,5 timer"
    assert fmt.count(1, "time", 1) == "1,0 time"


def test_a_change_is_said_in_words_first_and_signed_after():
    assert fmt.change(8, Decimal("8.602"), 2022) == "8 flere end i 2022 (+8,6 %)"
    assert fmt.change(-3, Decimal("-2.9"), 2022) == "3 færre end i 2022 (\u22122,9 %)"
    assert fmt.change(0, Decimal(0), 2022) == "samme antal som i 2022"
    assert fmt.change(1, None, 2019, "henvisning") == "1 henvisning flere end i 2019"


def test_an_enumeration_joins_with_og():
    assert fmt.enumeration(["juli"]) == "juli"
    assert fmt.enumeration(["juli", "august", "december"]) == "juli, august og december"
